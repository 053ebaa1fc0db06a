"""Meeting brief: content asserted from a store with a known set of snapshots (no browser, no LibreOffice).

Store (as of 30 June 2025, plan declares 10 measures, 5 documented):
* M1 « Former les magistrats » (MIPROF, axis A1) deadline « fin 2024 », in progress since 2024-06-01 → overdue.
* M2 « Observatoire national » (MIPROF) deadline « fin 2026 », initiated → in progress on 2025-03-01 → NOT overdue,
  changed since the last meeting.
* M3 « Hébergement » (DGCS) deadline « fin 2024 » but done → NOT overdue.
* M4 « Guide employeurs » (no lead) no assessment → unknown status.
* the plan's steering body is « DIRTEST (Délégation interministérielle de test), comité de pilotage »: the
  coordinator, who leads none of the measures.
* M5 « Mécanisme d'identification » (DGCS) in progress on 2025-05-01; the MNIOP meeting tied to it was
  announced for « mi-novembre 2024 » and not held.
* committee: « fin janvier 2024 » → « fin février 2024 » → held 21 March 2024; second committee held 12 Dec 2024
  (so the default « since » is 12 Dec 2024).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from dashboard import brief as B
from dashboard.brief import pdf as brief_pdf
from plans.db import make_engine, upgrade
from plans.schema import plans as plans_table
from tests import factories as f

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('brief') / 'vigie.db'}")
    upgrade(eng)
    f.make_plan(eng, "p", title_fr="Plan de test contre la traite", measures_declared=10,
                settings={"completeness": {"official_numbers_known": 0}})
    with eng.begin() as c:
        c.execute(plans_table.update().where(plans_table.c.id == "p").values(
            steering_body="DIRTEST (Délégation interministérielle de test), comité de pilotage"))
    f.add_measure(eng, "p", "M1", title_fr="Former les magistrats", lead_body="MIPROF", axis_ref="A1",
                  deadline_text="fin 2024")
    f.add_measure(eng, "p", "M2", title_fr="Observatoire national", lead_body="MIPROF", deadline_text="fin 2026")
    f.add_measure(eng, "p", "M3", title_fr="Hébergement spécialisé", lead_body="DGCS", deadline_text="fin 2024")
    f.add_measure(eng, "p", "M4", title_fr="Guide employeurs")
    f.add_measure(eng, "p", "M5", title_fr="Mécanisme d'identification", lead_body="DGCS", axis_ref="A2")
    f.add_assessments(eng, "p", [("M1", "2024-06-01", "in_progress"), ("M2", "2024-06-01", "initiated"),
                                 ("M2", "2025-03-01", "in_progress"), ("M3", "2024-06-01", "in_progress"),
                                 ("M3", "2024-11-15", "done"), ("M5", "2025-05-01", "in_progress")])
    f.add_announcement(eng, "p", "comite-2024-1", 1, "announced", subject="Comité de coordination : 1re réunion",
                       expected_text="fin janvier 2024")
    f.add_announcement(eng, "p", "comite-2024-1", 2, "postponed", subject="Comité de coordination : 1re réunion",
                       expected_text="fin février 2024")
    f.add_announcement(eng, "p", "comite-2024-1", 3, "held", subject="Comité de coordination : 1re réunion",
                       held_on="2024-03-21")
    f.add_announcement(eng, "p", "comite-2024-12", 1, "held", subject="Comité de coordination : bilan",
                       held_on="2024-12-12")
    f.add_announcement(eng, "p", "mniop-2024-11", 1, "announced", subject="Réunion MNIOP",
                       expected_text="mi-novembre 2024", measure_ref="M5")
    f.add_announcement(eng, "p", "mniop-2024-11", 2, "not_held", subject="Réunion MNIOP", measure_ref="M5",
                       announced_on="2024-12-31")
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def brief(store):
    return B.build(store, "p", as_of=AS_OF, with_charts=False)


def section(md: str, title: str) -> str:
    """Text of one « ## title » section of the Markdown."""
    start = md.index(f"## {title}")
    end = md.find("\n## ", start + 3)
    return md[start: end if end != -1 else None]


def test_default_since_is_last_meeting_held(brief):
    assert brief.data.since == dt.date(2024, 12, 12)
    assert brief.data.since_origin == "meeting"
    assert "changements depuis le 12 décembre 2024 (dernier comité tenu)" in brief.markdown()


def test_coverage_is_stated(brief):
    md = brief.markdown().replace("\u202f", " ").replace("\xa0", " ")
    assert "5 mesures documentées sur 10 annoncées (50 %)" in md
    assert "M4" in md.split("## Chiffres clés")[0]  # the measure without status is named
    assert "Numéros officiels des mesures connus : 0 sur 10" in md
    assert "1 d'entre elles n'a encore aucune information de statut (M4)" in md


def test_overdue_lists_only_overdue_measures(brief):
    sec = section(brief.markdown(), "Mesures en retard")
    assert "M1" in sec and "Former les magistrats" in sec and "fin 2024" in sec
    for ref in ("M2", "M3", "M5"):
        assert f"| {ref} |" not in sec, ref
    assert [o["ref"] for o in brief.data.overdue] == ["M1"]


def test_changes_since_last_meeting(brief):
    sec = section(brief.markdown(), "Ce qui a changé depuis le 12 décembre 2024")
    assert "1er mars 2025 — M2 Observatoire national : statut Engagée / en construction → En cours" in sec
    assert "1er janvier 2025 — M1 Former les magistrats : passe en retard (« fin 2024 »)" in sec
    assert "M3" not in sec  # done before 12 Dec 2024: no change since


def test_slipped_chain_in_full(brief):
    sec = section(brief.markdown(), "Dates glissées")
    assert ("Comité de coordination : 1re réunion : « fin janvier 2024 » → « fin février 2024 » → "
            "tenu le 21 mars 2024") in sec
    assert "Comité de coordination : bilan" not in sec  # held without slipping


def test_not_held_event_and_question_to_its_lead(brief):
    md = brief.markdown()
    assert "Réunion MNIOP — date annoncée : « mi-novembre 2024 » ; aucune tenue connue" in section(
        md, "Événements annoncés sans tenue connue")
    assert "L'événement « Réunion MNIOP » a-t-il eu lieu ?" in section(md, "Questions à poser")
    assert "L'événement « Réunion MNIOP » a-t-il eu lieu ?" in question_group(md, "DGCS (pilote)")
    assert "Où en est la mesure M1 « Former les magistrats »" in question_group(md, "MIPROF (pilote)")
    assert "M2" not in section(md, "Questions à poser")  # neither overdue, stalled nor unknown


def question_group(md: str, heading: str) -> str:
    """Bullets under one « ### heading » of the questions."""
    start = md.index(f"### {heading}\n")
    ends = [i for i in (md.find("\n### ", start + 4), md.find("\n## ", start + 4), md.find("\n> ", start + 4))
            if i != -1]
    return md[start: min(ends)]


def test_measure_without_lead_is_asked_of_the_coordinator_under_its_own_heading(brief):
    md = brief.markdown()
    heading = ("Mesures sans pilote connu — à poser au coordinateur du plan (DIRTEST)")
    assert "Quel est l'état d'avancement de M4 (aucune information de statut) ?" in question_group(md, heading)
    assert "pilote non renseigné" not in md
    # the coordinator is not presented as M4's lead, and its own questions are apart
    assert "M4" not in question_group(md, "DIRTEST (coordinateur du plan)")
    assert "Quand la liste officielle des 10 mesures" in question_group(md, "DIRTEST (coordinateur du plan)")
    groups = B.questions(brief.data)
    assert [g.kind for g in groups][-1] == "unknown" and groups[-1].questions == [
        "Quel est l'état d'avancement de M4 (aucune information de statut) ?"]


def test_no_lead_unknown_heading_when_every_measure_has_a_lead(store):
    for scope in ("axis:A1", "lead:DGCS"):
        md = B.build(store, "p", as_of=AS_OF, scope=scope, with_charts=False).markdown()
        assert "sans pilote connu" not in md, scope
        assert "M4" not in md, scope


def test_lead_unknown_heading_names_no_coordinator_when_the_plan_has_none(store):
    f.make_plan(store, "q", title_fr="Plan sans coordinateur", measures_declared=None)
    f.add_measure(store, "q", "Q1", title_fr="Mesure sans pilote")
    b = B.build(store, "q", as_of=AS_OF, with_charts=False)
    md = b.markdown()
    assert ("Mesures sans pilote connu — à poser au coordinateur du plan (non renseigné dans les données)"
            in md)
    assert "Quel est l'état d'avancement de Q1" in md
    assert "MIPROF" not in md  # never hard-coded
    en = B.build(store, "q", as_of=AS_OF, with_charts=False, lang="en").markdown()
    assert "Measures with no known lead body — to ask the plan coordinator (not recorded in the data)" in en


def test_wording_matches_the_app(brief, store):
    """« Au point mort » and « sans tenue connue » as in the app (dashboard.i18n), not « à l'arrêt » / « non tenu »."""
    md = brief.markdown()
    assert "au point mort : " in md and "## Mesures au point mort" in md
    assert "événements annoncés sans tenue connue : 1" in md
    for old in ("à l'arrêt", "non tenu", "Points à l'arrêt"):
        assert old not in md, old
    en = B.build(store, "p", as_of=AS_OF, lang="en", with_charts=False).markdown()
    assert "no recent news: " in en and "## Measures with no recent news" in en
    assert "## Announced, no meeting known" in en and "no meeting known (" in en
    for old in ("stalled", "Stalled", "not held"):
        assert old not in en, old


def test_governance_rule_and_years(brief):
    sec = section(brief.markdown(), "Règle de gouvernance")
    assert "2024 : 2 / 2 — respectée" in sec
    assert "2025 : 0" not in sec or "il faudrait deux réunions d'ici le 31 décembre" in sec
    assert "Dernier comité tenu : 12 décembre 2024" in sec


def test_nothing_without_data(store):
    b = B.build(store, "p", as_of=dt.date(2024, 2, 1), since="2024-01-01", with_charts=False)
    md = b.markdown()
    assert "Aucune mesure documentée n'a dépassé son échéance au 1er février 2024" in md
    assert "MNIOP" not in md  # announced later than that date
    assert "tenu le 21 mars 2024" not in md  # not yet held at that date


def test_scope_lead_filters_everything(store):
    b = B.build(store, "p", as_of=AS_OF, scope="lead:DGCS", with_charts=False)
    md = b.markdown()
    assert "périmètre : pilote « DGCS »" in md
    assert "Former les magistrats" not in md  # MIPROF's measure
    assert "Réunion MNIOP" in md  # tied to M5 (DGCS)
    assert "Comité de coordination : 1re réunion" not in section(md, "Dates glissées")


def test_scope_axis(store):
    b = B.build(store, "p", as_of=AS_OF, scope="axis:A1", with_charts=False)
    assert set(b.data.table["ref"]) == {"M1"}
    assert "MNIOP" not in b.markdown()


@pytest.mark.parametrize("scope", ["axis:ZZ", "lead:Personne", "nimporte"])
def test_bad_scope_is_a_french_error(store, scope):
    with pytest.raises(B.BriefError) as err:
        B.build(store, "p", as_of=AS_OF, scope=scope, with_charts=False)
    assert any(w in str(err.value) for w in ("inconnu", "illisible"))


def test_english_brief(store):
    md = B.build(store, "p", as_of=AS_OF, lang="en", with_charts=False).markdown()
    assert "Meeting brief" in md and "30 June 2025" in md and "Overdue measures" in md


def test_docx_is_a4_with_real_styles(brief):
    from docx import Document
    from docx.shared import Cm

    doc = Document(io.BytesIO(brief.docx()))
    sec = doc.sections[0]
    assert abs(sec.page_width - Cm(21)) < Cm(0.05) and abs(sec.page_height - Cm(29.7)) < Cm(0.05)
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "List Bullet"} <= styles
    assert doc.tables and doc.tables[0].style.name == "Light Grid Accent 1"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Mesures en retard" in text and "tenu le 21 mars 2024" in text
    rels = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert {"https://example.org/a", "https://example.org/ann"} <= set(rels)  # sources are real links


def test_unknown_plan(store):
    with pytest.raises(B.BriefError, match="Plan inconnu"):
        B.build(store, "absent", as_of=AS_OF, with_charts=False)


def test_pdf_without_soffice_is_a_french_error(monkeypatch):
    monkeypatch.setattr(brief_pdf, "find_soffice", lambda: None)
    with pytest.raises(B.BriefError, match="LibreOffice"):
        B.docx_to_pdf(b"x")


def test_cli_writes_markdown_and_fails_cleanly(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", str(store.url))
    out = tmp_path / "note.md"
    assert B.main(["--plan", "p", "--as-of", "30/06/2025", "--out", str(out), "--no-charts"]) == 0
    assert "Mesures en retard" in out.read_text(encoding="utf-8")
    assert B.main(["--plan", "absent", "--out", str(out), "--no-charts"]) == 1
    assert "Plan inconnu" in capsys.readouterr().err
    assert B.main(["--plan", "p", "--as-of", "demain", "--out", str(out), "--no-charts"]) == 1
    assert "Date illisible" in capsys.readouterr().err
    assert B.main(["--plan", "p", "--out", str(tmp_path / "note.txt")]) == 1
    assert "Format de sortie inconnu" in capsys.readouterr().err
    assert B.main(["--plan", "p", "--as-of", "30/06/2025", "--out", str(tmp_path / "note.zip"), "--no-charts"]) == 0
    assert zipfile.ZipFile(tmp_path / "note.zip").namelist() == ["LISEZMOI.txt", "note.md"]
    with pytest.raises(SystemExit) as exit_:
        B.main(["--out", str(out)])
    assert exit_.value.code == 2
    assert "Erreur" in capsys.readouterr().err


def _png(width: int, height: int, colour: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "PNG")
    return buf.getvalue()


def _with_fake_charts(brief) -> B.Brief:
    """The brief with stand-in PNGs for the charts its blocks show (no browser needed to test the packaging)."""
    keys = [b.chart for b in brief.blocks if b.kind == "chart"] + [
        key for b in brief.blocks if b.kind == "charts" for key, _caption in b.items]
    colours = ["red", "green", "blue", "black"]
    return B.Brief(brief.data, brief.blocks, brief.sources,
                   {key: _png(40 + i, 30, colours[i % 4]) for i, key in enumerate(keys)})


def test_markdown_zip_holds_the_note_and_every_image_it_references(brief):
    import re

    from PIL import Image

    b = _with_fake_charts(brief)
    assert set(b.charts) == {"status", "time", "slippage", "governance"}
    with zipfile.ZipFile(io.BytesIO(b.markdown_zip("note-p"))) as z:
        names = set(z.namelist())
        md = z.read("note-p.md").decode("utf-8")
        links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
        assert len(links) == 4 and len(set(links)) == 4
        for link in links:
            assert not link.startswith(("/", "http")) and link.startswith("graphiques/")  # relative
            assert link in names, link
            with Image.open(io.BytesIO(z.read(link))) as im:
                assert im.format == "PNG"
        # each chart is the right picture, in reading order: status and time first, governance last
        by_key = {key: z.read(link) for key, link in zip(["status", "time", "slippage", "governance"], links,
                                                         strict=True)}
        assert by_key == b.charts
        assert names == {"note-p.md", "LISEZMOI.txt", *links}
        assert "graphiques/" in z.read("LISEZMOI.txt").decode("utf-8")
    assert "Mesures en retard" in md and "[^1]: <https://example.org/" in md


def test_markdown_zip_in_english_and_without_charts(store, brief):
    en = _with_fake_charts(B.build(store, "p", as_of=AS_OF, lang="en", with_charts=False))
    with zipfile.ZipFile(io.BytesIO(en.markdown_zip("brief"))) as z:
        assert "README.txt" in z.namelist() and "](charts/01-status-of-documented-measures.png)" in z.read(
            "brief.md").decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(brief.markdown_zip("note"))) as z:  # no charts: the note alone, no dead link
        assert set(z.namelist()) == {"note.md", "LISEZMOI.txt"}
        assert "![" not in z.read("note.md").decode("utf-8")


def test_write_md_puts_the_charts_next_to_it(brief, tmp_path):
    written = B.write(_with_fake_charts(brief), tmp_path / "note.md")
    assert written[0] == tmp_path / "note.md" and len(written) == 5
    md = (tmp_path / "note.md").read_text(encoding="utf-8")
    for path in written[1:]:
        assert path.parent == tmp_path / "note_graphiques" and path.read_bytes().startswith(b"\x89PNG")
        assert f"](note_graphiques/{path.name})" in md


def test_cli_database_errors_are_one_readable_line(store, tmp_path, monkeypatch, capsys):
    import sqlalchemy

    def old_schema(*args, **kwargs):
        raise sqlalchemy.exc.OperationalError("SELECT c.as_of_precision FROM assessments AS c\nWHERE 1 = 1", {},
                                              Exception("no such column: c.as_of_precision"))

    monkeypatch.setenv("DATABASE_URL", str(store.url))
    monkeypatch.setattr("plans.rules.summary", old_schema)
    assert B.main(["--plan", "p", "--out", str(tmp_path / "note.md"), "--no-charts"]) == 1
    err = capsys.readouterr().err
    assert "python -m plans migrate" in err and "SELECT" not in err and len(err.splitlines()) == 1


def test_coordinator_who_also_leads_measures_is_named_as_both(store):
    """With MIPROF as the plan's coordinator and the lead of M1, one group « MIPROF (pilote et coordinateur) »."""
    f.make_plan(store, "r", title_fr="Plan coordonné par la MIPROF", measures_declared=None)
    with store.begin() as c:
        c.execute(plans_table.update().where(plans_table.c.id == "r").values(
            steering_body="MIPROF (Mission interministérielle), comité de coordination"))
    f.add_measure(store, "r", "R1", title_fr="Mesure de la MIPROF", lead_body="MIPROF")
    f.add_measure(store, "r", "R2", title_fr="Mesure de la DGCS", lead_body="DGCS")
    md = B.build(store, "r", as_of=AS_OF, with_charts=False).markdown()
    assert "Quel est l'état d'avancement de R1" in question_group(md, "MIPROF (pilote et coordinateur du plan)")
    assert "Quel est l'état d'avancement de R2" in question_group(md, "DGCS (pilote)")
    assert "### MIPROF (coordinateur du plan)" not in md and "sans pilote connu" not in md


def test_a_status_dated_to_the_month_is_not_given_a_day(tmp_path):
    """F06's status comes from a source dated « décembre 2025 » (stored at month end): the brief
    says « depuis décembre 2025 », never « depuis le 31 décembre 2025 »; F01's day-dated source
    keeps its day."""
    from tests.conftest import seeded_sqlite

    eng = seeded_sqlite(tmp_path / "v.db")
    md = B.build(eng, "pna-2024-2027", as_of=dt.date(2026, 11, 30), with_charts=False).markdown()
    stalled = section(md, "Mesures au point mort")
    assert "F06" in stalled and "(depuis décembre 2025)" in stalled
    assert "31 décembre 2025" not in md
    assert "(depuis le 11 juin 2024)" in stalled
    en = B.build(eng, "pna-2024-2027", as_of=dt.date(2026, 11, 30), with_charts=False, lang="en").markdown()
    assert "(since December 2025)" in en and "31 December 2025" not in en
    eng.dispose()
