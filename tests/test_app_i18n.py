"""Every user-visible text of the pages comes from dashboard/i18n.py in both languages, tables follow the
sidebar language, and pages hold no business rule (the « Engagées » KPI counts what plans.rules groups)."""

from __future__ import annotations

import ast
import json
import re
import string

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.i18n import CHANGE_KINDS, EVENT_STATES, LABELS
from plans.overlaps.labels import LINK_KIND_LABELS as LINK_KINDS
from plans.vocab import STATUS_CODES
from tests.test_app import APP, AS_OF, PLAN, _env, db_file, seeded_db  # noqa: F401  (same store and env)

PAGES_DIR = APP.parent / "app_pages"
OWNED_PAGES = sorted(p for p in PAGES_DIR.glob("*.py") if p.name != "brief.py")  # brief.py has its own owner
UI_MODULES = OWNED_PAGES + [APP.parent / f for f in ("app.py", "components.py", "data.py", "overlaps_data.py", "state.py")]
TABLES = {"LABELS": LABELS, "CHANGE_KINDS": CHANGE_KINDS, "LINK_KINDS": LINK_KINDS, "EVENT_STATES": EVENT_STATES}


def app(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", list(TABLES))
def test_every_text_exists_in_both_languages(name):
    table = TABLES[name]
    assert set(table["fr"]) == set(table["en"]), set(table["fr"]) ^ set(table["en"])
    for key, fr in table["fr"].items():
        en = table["en"][key]
        assert fr.strip() and en.strip(), f"{name}[{key!r}] is empty in one language"
        assert placeholders(fr) == placeholders(en), f"{name}[{key!r}]: {{…}} fields differ between fr and en"


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: p.name)
def test_pages_do_not_write_texts_inline(path):
    """No « "…" if fr else "…" » in a page: the texts live in i18n.py (choosing a data column by language,
    e.g. « "reason" if fr else "reason_en" », is fine)."""
    inline = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.IfExp):
            branches = (node.body, node.orelse)
            if all(isinstance(b, ast.Constant) and isinstance(b.value, str) for b in branches) and any(
                    not re.fullmatch(r"[a-z_.]*", b.value) for b in branches):  # a column or an i18n key is fine
                inline.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    assert not inline, inline


@pytest.mark.parametrize("path", OWNED_PAGES, ids=lambda p: p.name)
def test_pages_do_not_list_status_codes(path):
    """Grouping statuses is a rule: it belongs to plans (vocab.STARTED_STATUSES, read by data.started); a page may
    read one status's count, never list several codes to add them up."""
    groups = [ast.unparse(n) for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(n, ast.Tuple | ast.List | ast.Set)
              and sum(isinstance(e, ast.Constant) and e.value in STATUS_CODES for e in n.elts) >= 2]
    assert not groups, groups


def _only_in(lang: str) -> set[str]:
    """Texts that exist in ``lang`` only (a French header shown in English mode, or the reverse)."""
    other = "en" if lang == "fr" else "fr"
    mine = {v for t in TABLES.values() for k, v in t[lang].items() if v != t[other][k]}
    theirs = {v for t in TABLES.values() for v in t[other].values()}
    return mine - theirs


def shown_labels(at: AppTest) -> dict[str, set[str]]:
    """Titles, headings, widget and metric labels, tab names and table column headers as displayed."""
    out = {"headings": {e.value for kind in ("title", "header", "subheader") for e in at.get(kind)},
           "widgets": {w.label for kind in ("checkbox", "selectbox", "multiselect", "text_input", "date_input",
                                            "button", "toggle", "metric") for w in at.get(kind)},
           "tabs": {tab.label for tab in at.tabs}, "columns": set()}
    for df in at.dataframe:
        config = json.loads(df.proto.columns or "{}")
        out["columns"] |= {str((config.get(str(c)) or {}).get("label") or c) for c in df.value.columns}
    return out


PAGES = ["overview.py", "measures.py", "measure.py", "deadlines.py", "changes.py", "overlaps.py", "data_page.py"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_pages_speak_one_language(page, lang):
    at = app(page, lang)
    if page == "overlaps.py":  # also draw the search results table
        at.text_input(key="ov_search").input("orientation").run()
    elif page == "changes.py":  # a period with changes, so the table is drawn
        at.date_input(key="changes_since").set_value(AS_OF.replace(year=2024, month=1)).run()
    assert not at.exception, at.exception
    wrong = _only_in("fr" if lang == "en" else "en")
    shown = shown_labels(at)
    leaks = {where: sorted(labels & wrong) for where, labels in shown.items() if labels & wrong}
    assert not leaks, leaks
    if lang == "en":  # table headers are ours, never catalogue data: no French accent may appear in them
        french = sorted(h for h in shown["columns"] if re.search(r"[éèêàâçôûîÉ]", h))
        assert not french, french
    assert shown["columns"] or page in ("overview.py",), "no table drawn: the check saw nothing"


def test_started_kpi_counts_what_its_label_says():
    """« Engagées » = initiated + in progress + partly done, as grouped by plans; its help lists each status with
    the same label and count as the status breakdown, so the two figures can be reconciled on screen."""
    from dashboard.data import started
    from plans.db import make_engine
    from plans.rules import summary

    engine = make_engine()
    by = summary(engine, PLAN, as_of=AS_OF)["by_status"]
    engine.dispose()
    group = started(by)
    assert list(group) == ["initiated", "in_progress", "partial"]
    at = app("overview.py", "fr")
    metric = next(m for m in at.metric if m.label == "Engagées (en cours ou partielles)")
    assert metric.value == str(sum(group.values()))
    assert "◑ En cours ({})".format(by["in_progress"]) in metric.help
    assert "◕ Partiellement réalisée ({})".format(by["partial"]) in metric.help
    assert "En cours" not in {m.label for m in at.metric}  # no second, different « en cours »
    en = app("overview.py", "en")
    assert "Under way (in progress or partly done)" in {m.label for m in en.metric}


def test_started_group_keeps_zeros_and_ignores_other_statuses():
    from dashboard.data import moved_dates, started

    assert started({"in_progress": 6, "partial": 1, "done": 2}) == {"initiated": 0, "in_progress": 6, "partial": 1}
    assert moved_dates([{"postponements": 0, "days_slipped": 0}, {"postponements": 1}, {"days_slipped": 6}]) == [
        {"postponements": 1}, {"days_slipped": 6}]


def test_upload_report_and_import_history_speak_english(tmp_path, monkeypatch):
    from tests.test_app import BAD_CSV, GOOD_CSV

    seeded_db(tmp_path / "upload.db")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'upload.db'}")
    st.cache_resource.clear()
    wrong = _only_in("fr")
    at = app("data_page.py", "en")
    at.get("file_uploader")[0].set_value(("bad.csv", BAD_CSV, "text/csv")).run()
    assert not at.exception, at.exception
    assert at.dataframe, "the issues table is drawn"
    report = shown_labels(at)
    assert not report["columns"] & wrong, sorted(report["columns"] & wrong)
    assert "Row" in report["columns"], report["columns"]
    at.get("file_uploader")[0].set_value(("suivi.csv", GOOD_CSV, "text/csv")).run()
    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    shown = shown_labels(at)
    assert {"File", "Outcome"} <= shown["columns"], shown["columns"]  # the import history
    leaks = {where: sorted(labels & wrong) for where, labels in shown.items() if labels & wrong}
    assert not leaks, leaks


def test_deadlines_show_english_titles_in_english():
    from dashboard import data

    at = app("deadlines.py", "en")
    table = data.measures_table(PLAN, AS_OF).set_index("ref")
    overdue = at.dataframe[0].value
    ref = overdue["ref"].iloc[0].rsplit("=", 1)[-1]
    assert overdue["title"].iloc[0] == (table.loc[ref, "title_en"] or table.loc[ref, "title_fr"])


def test_changes_name_measures_by_their_english_title_in_english():
    from dashboard import data

    at = app("changes.py", "en")
    at.date_input(key="changes_since").set_value(AS_OF.replace(year=2024, month=1)).run()
    rows = at.dataframe[0].value
    french, english = data.titles(PLAN, AS_OF, "fr"), data.titles(PLAN, AS_OF, "en")
    assert rows["after"].str.fullmatch(r"\d+ day\(s\) overdue").any() and not rows["after"].str.contains("jour").any()
    translated = {french[r] for r in english if english[r] != french[r]}
    assert not set(rows["subject"]) & translated, "a measure named by its French title in English"
    assert set(rows["subject"]) & {english[r] for r in english if english[r] != french[r]}


def test_overlaps_name_this_plans_measures_in_english():
    from dashboard import data

    at = app("overlaps.py", "en")
    french, english = data.titles(PLAN, AS_OF, "fr"), data.titles(PLAN, AS_OF, "en")
    translated = {french[r] for r in english if english[r] != french[r]}
    measures = {x for df in at.dataframe for col in ("Measure", "Measure of this plan") if col in df.value
                for x in df.value[col]}
    assert measures and not measures & translated, sorted(measures & translated)
