"""The brief carries the collective's voice and closes the loop of its questions: the
« Positions du collectif » written in the app for the meeting, the divergences between government and civil
society, the governance forecast, the questions of earlier meetings still without an answer and for how long;
titles cut at a word, postponements said only when there are some, with the right plural; chart labels large
enough once printed. Built on a copy of tests/test_brief.py's store (no browser, no LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import pytest

from dashboard import brief as B
from dashboard.brief.common import _short
from plans import access, edits, meetings
from plans.db import make_engine
from tests import factories as f
from tests.test_brief import AS_OF, section
from tests.test_brief import store as _brief_store  # noqa: F401 - the module-scoped store, copied below

CLAIRE = access.person("claire@collectif.fr", "coordinator", name="Claire Martin")
MEETING = dt.date(2025, 7, 3)
EARLIER = dt.date(2025, 3, 12)
LONG = ("Renforcer la formation initiale et continue des magistrats, enquêteurs et travailleurs sociaux "
        "à l'identification des victimes de traite")
HOSTILE = "# Titre\n\n**gras** <b>html</b> [lien](javascript:alert(1)) =1+1 \x01fin\n- puce\n\nDeuxième paragraphe."


@pytest.fixture(scope="module")
def voice_store(_brief_store, tmp_path_factory):  # noqa: F811
    """tests/test_brief.py's store, copied, with a long-titled overdue measure, a divergence, the collective's
    positions for MEETING and questions asked at EARLIER (one answered, one deferred, one never marked)."""
    path = tmp_path_factory.mktemp("voice") / "vigie.db"
    with sqlite3.connect(_brief_store.url.database) as src, sqlite3.connect(path) as dst:
        src.backup(dst)  # the whole database, its write-ahead log included
    eng = make_engine(f"sqlite:///{path}")
    f.add_measure(eng, "p", "M6", title_fr=LONG, lead_body="DGCS", deadline_text="fin 2024")
    f.add_assessments(eng, "p", [("M6", "2024-06-01", "in_progress"),
                                 ("M2", "2025-04-01", "not_started", "government")])  # M2: in progress for NGOs
    meetings.save_positions(eng, CLAIRE, "p", MEETING, HOSTILE)
    meetings.save_questions(eng, CLAIRE, "p", EARLIER, [("MIPROF (pilote)", "Où en est la mesure M1 ?"),
                                                        ("MIPROF (pilote)", "Quand le prochain comité ?"),
                                                        ("DGCS (pilote)", "Où en est la mesure M5 ?")])
    m1, comite, _m5 = (q["id"] for q in meetings.questions(eng, "p", EARLIER))
    meetings.mark(eng, CLAIRE, m1, "answered", answer="En cours, bilan en juin.", answered_on=dt.date(2025, 3, 30))
    meetings.mark(eng, CLAIRE, comite, "deferred")
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def voice(voice_store):
    return B.build(voice_store, "p", as_of=AS_OF, meeting=MEETING, with_charts=False)


def test_positions_of_the_meeting_are_in_the_brief_as_text(voice):
    sec = section(voice.markdown(), "Positions du collectif")
    assert "\\# Titre" in sec and "\\*\\*gras\\*\\*" in sec and "\\<b\\>html\\<\\/b\\>" not in sec
    assert "\\<b\\>html\\</b\\>" in sec or "\\<b\\>html\\<" in sec  # escaped, never HTML
    assert "\\[lien\\](javascript:alert(1))" in sec and "\x01" not in sec
    assert "\\- puce" in sec and "Deuxième paragraphe." in sec
    assert voice.markdown().index("## Positions du collectif") < voice.markdown().index("## Ce qui a changé")


def test_positions_in_the_docx_paragraph_by_paragraph(voice):
    from docx import Document

    paras = [p.text for p in Document(io.BytesIO(voice.docx())).paragraphs]
    at = paras.index("Positions du collectif")
    assert paras[at + 1] == "# Titre"
    assert paras[at + 2] == "**gras** <b>html</b> [lien](javascript:alert(1)) =1+1 fin"  # \x01 removed
    assert paras[at + 3] == "- puce" and paras[at + 4] == "Deuxième paragraphe."


def test_no_positions_section_for_a_meeting_without_any(voice_store):
    md = B.build(voice_store, "p", as_of=AS_OF, meeting=dt.date(2025, 9, 1), with_charts=False).markdown()
    assert "## Positions du collectif" not in md


def test_questions_of_earlier_meetings_still_open_with_how_long(voice):
    sec = section(voice.markdown(), "Questions restées sans réponse")
    assert "### MIPROF (pilote)" in sec and "### DGCS (pilote)" in sec
    assert "Quand le prochain comité ? — posée le 12 mars 2025, reportée ; sans réponse depuis 3 mois" in sec
    assert "Où en est la mesure M5 ? — posée le 12 mars 2025 ; sans réponse depuis 3 mois" in sec
    assert "Où en est la mesure M1" not in sec  # answered


def test_open_questions_in_english(voice_store):
    md = B.build(voice_store, "p", as_of=AS_OF, meeting=MEETING, lang="en", with_charts=False).markdown()
    sec = section(md, "Questions still unanswered")
    assert "asked on 12 March 2025, deferred; unanswered for 3 months" in sec
    assert "## The collective's positions" in md


def test_divergences_between_government_and_civil_society(voice):
    sec = section(voice.markdown(), "Divergences entre gouvernement et société civile")
    assert "M2 « Observatoire national » : Gouvernement : Non engagée (1er avril 2025) ; " \
           "Société civile : En cours (1er mars 2025)" in sec


def test_the_questions_the_brief_asks_are_saved_with_the_meeting(voice_store):
    brief = B.build(voice_store, "p", as_of=AS_OF, meeting=dt.date(2025, 7, 10), with_charts=False)
    asked = brief.asked()
    assert ("DGCS (pilote)", next(q for b, q in asked if "M6" in q)) in asked
    assert meetings.save_questions(voice_store, CLAIRE, "p", dt.date(2025, 7, 10), asked) == len(asked)
    later = B.build(voice_store, "p", as_of=dt.date(2025, 12, 31), meeting=dt.date(2025, 12, 31),
                    with_charts=False).markdown()
    assert "sans réponse depuis 5 mois" in section(later, "Questions restées sans réponse")


def test_governance_forecast_for_the_current_year(voice):
    sec = section(voice.markdown(), "Règle de gouvernance")
    assert "2025 : 0 / 2 — il faudrait deux réunions d'ici le 31 décembre" in sec


def test_titles_are_cut_at_a_word(voice):
    md = voice.markdown()
    cut = [line for line in md.splitlines() if "Renforcer la formation" in line and "…" in line]
    assert cut
    for line in cut:
        shown = line[line.index("Renforcer"):line.index("…", line.index("Renforcer"))].rstrip()
        assert LONG.startswith(shown) and LONG[len(shown)] in " ,", shown  # a whole word, its comma left out
    assert _short("Appel à projets DGCS de 3 M€ sur 3 ans pour la prévention", 40) == \
        "Appel à projets DGCS de 3 M€ sur 3 ans…"
    assert _short("Anticonstitutionnellement", 10) == "Anticonst…"  # one word longer than the room
    from dashboard.charts import _wrap  # a chart's label: whole words, at most four lines, « … » when it goes on

    lines = _wrap(LONG, 24).split("<br>")
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(word in LONG.split() for line in lines for word in line.removesuffix(" …").split())


def test_postponements_only_when_there_are_some_with_the_right_plural(voice, voice_store):
    sec = section(voice.markdown(), "Dates glissées")
    assert "(2 reports, 50 jours de glissement)" in sec
    assert "report(s)" not in voice.markdown() and "0 report" not in voice.markdown()
    en = B.build(voice_store, "p", as_of=AS_OF, lang="en", with_charts=False).markdown()
    assert "(2 postponements, 50 days slipped)" in en and "postponement(s)" not in en and "time(s)" not in en


def test_cli_takes_the_meeting(voice_store, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", str(voice_store.url))
    out = tmp_path / "note.md"
    assert B.main(["--plan", "p", "--as-of", "2025-06-30", "--meeting", "03/07/2025", "--no-charts",
                   "--out", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    assert "## Positions du collectif" in md and "réunion du 3 juillet 2025" in md


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_labels_are_readable_once_printed(voice, voice_store, lang):
    """Every text of every brief chart is at least 7 pt on paper at the width the DOCX gives it."""
    from dashboard.brief.figures import MIN_PRINT_PT, brief_figures, printed_sizes

    data = voice.data if lang == "fr" else B.build(voice_store, "p", as_of=AS_OF, lang="en", with_charts=False).data
    figs = brief_figures(data)
    assert set(figs) >= {"status", "time", "slippage", "governance"}
    for key, spec in figs.items():
        sizes = printed_sizes(spec)
        assert sizes and min(sizes.values()) >= MIN_PRINT_PT >= 7, (key, sorted(sizes.items(), key=lambda kv: kv[1]))


def test_divergences_between_associations_name_each_association(voice_store, tmp_path):
    """Two associations' latest views of a measure differ: the brief names each one with its status and date,
    as it names the government and the civil society (the summary flags them alike)."""
    path = tmp_path / "assos.db"
    with sqlite3.connect(voice_store.url.database) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    eng = make_engine(f"sqlite:///{path}")
    edits.add_assessment(eng, access.CLI, "p", "M1", status="done", as_of=dt.date(2025, 5, 2),
                         association="Association Alpha")
    edits.add_assessment(eng, access.CLI, "p", "M1", status="not_started", as_of=dt.date(2025, 5, 20),
                         association="Association Bêta")
    sec = section(B.build(eng, "p", as_of=AS_OF, meeting=MEETING, with_charts=False).markdown(),
                  "Divergences entre gouvernement et société civile")
    line = next(x for x in sec.splitlines() if x.lstrip("- ").startswith("M1"))
    assert "Association Alpha : Réalisée (2 mai 2025)" in line
    assert "Association Bêta : Non engagée (20 mai 2025)" in line
    eng.dispose()


def test_related_plans_items_by_their_titles_never_their_codes(tmp_path):
    """The shipped catalogue's overlaps and earlier promises, in the brief: the other plans' items are named by
    their titles (« Créer un site internet gouvernemental… »), never by Vigie's codes for them."""
    from tests.conftest import seeded_sqlite

    eng = seeded_sqlite(tmp_path / "vigie.db")
    md = B.build(eng, "pna-2024-2027", as_of=dt.date(2025, 12, 31), with_charts=False).markdown()
    assert "reprend « Créer un site internet gouvernemental dédié à la traite »" in md
    for code in ("PNA2-M02", "PNA2-M04", "PNA2-M16", "SPS24-DGCS-AAP"):
        assert code not in md
    eng.dispose()
