"""Imported text is text.

Titles, lead bodies, deadlines, notes and file names come from spreadsheets and the catalogue: wherever the app
or the brief shows them they read as written — no Markdown image, link, LaTeX, bold or HTML. Links come only from
a source column, and only as http(s) links. Streamlit's own parser is JavaScript: these tests read the Markdown
the pages send (AppTest) and check it with CommonMark's escaping rule and the autolink patterns of Streamlit's GFM
(copied from its bundle: ``(https?:\\/\\/|www(?=\\.))`` and the e-mail one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.components import is_web_url, plain, source_link, web_urls
from plans import schema as s
from plans.access import CLI
from plans.db import make_engine, upgrade
from tests import factories as fx
from tests.conftest import app_on

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PLAN = "p"
AS_OF = dt.date(2026, 1, 31)

IMAGE, LINK, LATEX, BOLD, HTML = ("![x](http://evil/img.png)", "[clic](javascript:alert(1))", "$x^2$", "**gras**",
                                  "<img src=x onerror=alert(1)>")
HOSTILE = f"{IMAGE} {LINK} {LATEX} {BOLD} {HTML}"
# what must never reach a Markdown element as written
RAW = ("![x](", "](javascript:", "$x^2$", "**gras**", "<img", "http://evil")
JS_SOURCE = "javascript:alert(1)"

# Streamlit's GFM turns these into links in the text once escapes are read (remarkjs/remark-gfm#33)
AUTOLINKS = (re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE),
             re.compile(r"(?:^|(?<=\W))([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"))


def shown(markdown: str) -> str:
    """The text CommonMark shows for an escaped string: every backslash-escape read."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


# ---------------------------------------------------------------- the helper


@pytest.mark.parametrize("text", [IMAGE, LINK, LATEX, BOLD, HTML, HOSTILE, "# Titre", "1. premier", "- tiret",
                                  "> citation", "a_b_c", "~~barré~~", ":red[rouge] :material/home:", "`code`",
                                  "&lt;b&gt;", "l'État — « 12,5 % » (2024)", "C:\\dossier\\fichier.xlsx",
                                  "voir https://evil.example/x, www.evil.fr ou a@evil.fr"])
def test_plain_shows_the_text_as_written(text):
    out = plain(text)
    assert shown(out).replace("\u2060", "") == text
    assert not re.search(r"(?<!\\)[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", out)), out  # all escaped
    assert not any(p.search(shown(out)) for p in AUTOLINKS), out


def test_plain_one_line_and_missing_values():
    assert plain("première ligne\n\n# deuxième\r\n    trois") == r"première ligne \# deuxième trois"
    assert plain(None) == "" and plain(float("nan")) == "" and plain(12) == "12"


def test_only_http_sources_are_links():
    assert is_web_url("https://www.legifrance.gouv.fr/a_(b)") and is_web_url("HTTP://example.org")
    for bad in (JS_SOURCE, "data:text/html,<script>", "suivi-2025.xlsx", "ftp://x.org", "https://a.org/x y",
                "https://a.org/<x>", "//evil.org", "", None, float("nan")):
        assert not is_web_url(bad), bad
        assert "](" not in source_link(bad)
    assert source_link(JS_SOURCE) == r"javascript\:alert\(1\)"
    assert source_link("https://a.org/x_(1)", "source") == "[source](<https://a.org/x_(1)>)"
    assert web_urls(pd.Series(["https://a.org", JS_SOURCE, None, "f.xlsx"])).tolist() == ["https://a.org", "", "", ""]


# ---------------------------------------------------------------- the pages


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A plan whose every imported text is hostile, with sources that are not web addresses."""
    url = f"sqlite:///{tmp_path_factory.mktemp('plain') / 'vigie.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, PLAN, title_fr=f"Plan {HOSTILE}")
    fx.make_plan(eng, "q", title_fr=f"Autre {HOSTILE}", kind="strategy", tracked=False)
    fx.add_axis(eng, PLAN, "A1", label_fr=f"Axe {HOSTILE}")
    fx.add_measure(eng, PLAN, "M1", title_fr=f"Titre {HOSTILE}", title_en=f"Title {HOSTILE}", axis_ref="A1",
                   lead_body=f"Pilote {HOSTILE}", deadline_text=f"fin 2024 {HOSTILE}",
                   deadline_start="2024-10-01", deadline_end="2024-12-31")
    fx.add_measure(eng, PLAN, "M2", title_fr=f"Sans échéance {HOSTILE}", lead_body=f"Pilote {HOSTILE}")
    fx.add_assessment(eng, PLAN, "M1", "2025-03-31", "in_progress", summary=f"Note {HOSTILE}",
                      comment=f"Commentaire {HOSTILE}", source_url=JS_SOURCE)
    fx.add_assessment(eng, PLAN, "M1", "2025-06-30", "done", voice="government", source_url=JS_SOURCE)
    fx.add_assessment(eng, PLAN, "M2", "2025-06-30", "initiated", summary=HOSTILE, source_url="data:text/html,x")
    fx.add_announcement(eng, PLAN, "comite-1", 1, "announced", subject=f"Comité {HOSTILE}",
                        expected_text="fin janvier 2025")
    fx.add_announcement(eng, PLAN, "comite-1", 2, "postponed", subject=f"Comité {HOSTILE}",
                        expected_text="fin mars 2025")
    with eng.begin() as c:
        c.execute(s.links.insert().values(from_plan_id=PLAN, from_ref="M1", to_plan_id="q", to_ref=None,
                                          kind="overlap", state="confirmed", origin="user", note=f"Note {HOSTILE}",
                                          source_url=JS_SOURCE, confidence="confirmed"))
    fx.add_revision(eng, PLAN, "M1", "2025-03-31", "deadline_text", "fin 2023", f"fin 2024 {HOSTILE}")
    eng.dispose()
    return url


@pytest.fixture
def env(hostile_db, monkeypatch):
    yield from app_on(hostile_db, monkeypatch)


def run(page: str, lang: str = "fr", **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}")
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def markdown_texts(at: AppTest) -> list[str]:
    """Every string Streamlit renders as Markdown: bodies, titles, alerts and the labels of blocks and widgets."""
    out = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error",
                                "success") for e in getattr(at, kind)]
    out += [m.label for m in at.metric] + [x.label for x in at.expander] + [x.label for x in at.tabs]
    out += [w.label for kind in ("selectbox", "multiselect", "text_input", "checkbox", "toggle", "radio")
            for w in getattr(at, kind)]
    return [str(x) for x in out]


def link_cells(at: AppTest) -> list[str]:
    """The values of every LinkColumn of the page's tables."""
    cells = []
    for df in at.dataframe:
        config = json.loads(df.proto.columns or "{}")
        for name, col in config.items():
            if (col.get("type_config") or {}).get("type") != "link":
                continue
            frame = df.value
            key = col.get("label") if name not in frame else name
            key = name[4:] if key not in frame and name.startswith("col:") else key
            if key in frame:
                cells += [str(v) for v in frame[key] if isinstance(v, str) and v]
    return cells


def unescaped_part(markdown: str) -> str:
    """The Markdown with every backslash-escaped character blanked out: what the parser may still read as syntax."""
    return re.sub(r"\\[!-/:-@\[-`{-~]", "\x00", markdown)


def assert_plain(at: AppTest, page: str) -> None:
    texts = markdown_texts(at)
    for raw in RAW:
        hits = [x for x in texts if raw in unescaped_part(x)]
        assert not hits, (page, raw, hits)
    hits = [x for x in texts if any(m.group(0).startswith(("http://evil", "a@evil"))
                                    for p in AUTOLINKS for m in p.finditer(shown(x)))]
    assert not hits, (page, "autolink", hits)
    for cell in link_cells(at):
        assert cell.startswith(("http://", "https://", "measure?")), (page, cell)
    for chart in at.get("plotly_chart"):  # Plotly reads tags in what it draws (customdata is only data)
        spec = json.loads(chart.proto.spec)
        drawn = json.dumps([{k: v for k, v in trace.items() if k != "customdata"} for trace in spec["data"]]
                           + [spec.get("layout")], ensure_ascii=False)
        assert "<img" not in drawn, page


@pytest.mark.parametrize("page", ["overview.py", "measures.py", "deadlines.py", "changes.py", "overlaps.py",
                                  "data_page.py", "brief.py"])
def test_pages_show_imported_text_as_text(env, page):
    at = run(page)
    assert_plain(at, page)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measure_page_shows_imported_text_as_text(env, lang):
    at = run("measure.py", lang, ref="M1")
    assert_plain(at, "measure.py")
    texts = "\n".join(markdown_texts(at))
    assert plain(f"Titre {HOSTILE}") in at.title[0].value  # shown, escaped
    assert plain(f"Pilote {HOSTILE}") in texts and plain(f"fin 2024 {HOSTILE}") in texts
    cells = link_cells(at)
    assert "https://example.org/r" in cells and not [c for c in cells if "javascript" in c]  # the revision's source


def test_import_summary_names_the_file_as_text(env):
    """The import's summary names the uploaded file: its name is text, not Markdown."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = AS_OF
    at.run()
    at.switch_page("app_pages/data_page.py")
    at.session_state["last_import"] = (True, f"Importé : « {IMAGE} {LATEX}.csv »")
    at.run()
    assert not at.exception, at.exception
    assert [x.value for x in at.success] == [plain(f"Importé : « {IMAGE} {LATEX}.csv »")]
    assert_plain(at, "data_page.py")

# ---------------------------------------------------------------- the brief's Markdown


def test_brief_markdown_escapes_every_block():
    from dashboard.brief.compose import Block
    from dashboard.brief.markdown import to_markdown

    blocks = [Block("title", text=f"Plan {HOSTILE}"), Block("meta", text=HOSTILE), Block("h1", text=HOSTILE),
              Block("p", text=f"# {HOSTILE}\n- {HOSTILE}", refs=[1]), Block("note", text=HOSTILE, bold_prefix="Note"),
              Block("bullets", items=[(f"1. {HOSTILE} www.evil.fr", [1]), (f"> {HOSTILE}", [])]),
              Block("table", header=["Réf.", "Intitulé"], items=[("M1", f"{HOSTILE} | a@evil.fr", [1])])]
    md = to_markdown(blocks, ["https://example.org/source", JS_SOURCE, "https://a.org/x> y"], lang="fr")
    for raw in RAW:
        assert raw not in unescaped_part(md), raw
    assert not [m.group(0) for p in AUTOLINKS for m in p.finditer(shown(md)) if "evil" in m.group(0)]
    lines = md.splitlines()
    assert not [x for x in lines if re.match(r"(#|-|>|\d+\.)\s", x) and HOSTILE[:4] in x
                and not x.startswith(("# Plan", "## ", "### ", "- ", "> **Note**"))]
    assert "[^1]: <https://example.org/source>" in lines
    assert not [x for x in lines if "<javascript" in x or "<https://a.org/x>" in x]  # not a link: shown as text


def test_brief_of_a_hostile_store_is_plain(hostile_db):
    from dashboard.brief import build

    eng = make_engine(hostile_db)
    try:
        md = build(eng, PLAN, as_of=AS_OF, with_charts=False).markdown()
    finally:
        eng.dispose()
    title = next(x for x in md.splitlines() if x.startswith("# "))
    assert "Plan" in title and "\\[clic\\]" in title
    for raw in RAW:
        assert raw not in unescaped_part(md), raw


# ---------------------------------------------------------------- « also seen »: the English title of a changed title


def test_english_ui_does_not_show_the_catalogue_english_title_of_a_title_an_import_changed(tmp_path, monkeypatch):
    """M1's French title was changed by an import: its catalogue English title translates the old one, so the
    English pages and brief show the imported French title; M2, unchanged, keeps its English title."""
    from dashboard.brief import build
    from loaders import import_file
    from plans.rules.measures import measures_table

    url = f"sqlite:///{tmp_path / 'vigie.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, PLAN)
    fx.add_measure(eng, PLAN, "M1", title_fr="Titre du catalogue", title_en="Catalogue title", deadline_text="fin 2027")
    fx.add_measure(eng, PLAN, "M2", title_fr="Autre mesure", title_en="Other measure", deadline_text="fin 2027")
    sheet = tmp_path / "suivi.csv"
    sheet.write_text("Réf.;Intitulé;État d'avancement\nM1;Titre changé par le suivi;En cours\n"
                     "M2;Autre mesure;En cours\n", encoding="utf-8")
    assert import_file(sheet, PLAN, eng, as_of=dt.date(2025, 6, 30), actor=CLI).ok
    table = measures_table(eng, PLAN, AS_OF).set_index("ref")
    assert table.loc["M1", "title_fr"] == "Titre changé par le suivi"
    assert pd.isna(table.loc["M1", "title_en"]) and table.loc["M2", "title_en"] == "Other measure"
    md = build(eng, PLAN, as_of=AS_OF, lang="en", with_charts=False).markdown()
    assert "Catalogue title" not in md
    eng.dispose()

    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run("measure.py", "en", ref="M1")
    assert "Catalogue title" not in "\n".join(markdown_texts(at))
    at = run("measures.py", "en")
    titles = dict(zip(at.dataframe[0].value["ref"], at.dataframe[0].value["intitule"], strict=True))
    assert titles == {"M1": "Titre changé par le suivi", "M2": "Other measure"}
    st.cache_data.clear()
    st.cache_resource.clear()
