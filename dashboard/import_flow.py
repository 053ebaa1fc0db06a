"""The Données page's guided import, one function per step: the dry run of an upload (with the profile the user
set), the mapping step (sheet, header row, each column's field, the file's words and colours), the preview of what
the import will change, the issues table, and the plan's import profile (shown, downloaded, replaced).

Every text that comes from the file (headers, samples, spellings, sheet names) is shown in a dataframe, a widget's
option list or through ``components.plain``; every code (fields, statuses) is shown by its label. Session keys of one
upload start with ``imp_`` and are dropped when another file is dropped (:func:`forget`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard.i18n import TEXTS, status_text, t, voice_text
from loaders import profile as profiles
from loaders.table import col_letter
from plans import access
from plans.access import Actor
from plans.formatting import fmt_date

PREFIX = "imp_"
PROFILE = "imp_profile"  # the profile built by « Relire avec ces réglages », used by the dry run and the import
PLAIN_FIELDS = ("ref", "title", "axis", "lead_body", "deadline", "status", "comment", "source", "voice", "confidence")
DATED = {"status": "status_at", "comment": "comment_at"}  # a field at a date → its choice
ANNOUNCEMENT_FIELDS = ("subject", "announced_on", "expected", "held_on", "kind", "notes")
IGNORE = "ignore"
KINDS = ("status", "voice", "confidence")
HIGHLIGHT = "background-color: #FFE08A; font-weight: 600"
HEX = re.compile(r"#[0-9A-Fa-f]{6}")
ISSUE_ROW_HEIGHT = 100  # px: four lines of a message or a hint


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:10]


def column_key(index: int, header: str, what: str = "col", lang: str = "fr") -> str:
    """The key of the selectbox saying what a column holds (``what``: ``col``), of its date (``date``) or of the
    column completing its reference (``join``) in ``lang``; a new key when another header is at that place."""
    return f"imp_{what}_{_digest(index, header)}_{lang}"


def value_key(kind: str, spelling: str, lang: str = "fr") -> str:
    """The key of the selectbox saying what a word of the file means (``kind``: status, voice, confidence, colour)."""
    return f"imp_val_{kind}_{_digest(spelling)}_{lang}"


_UNSET = object()


def _select(where, label: str, options: list, default: object, key: str, lang: str, **kwargs):
    """A selectbox keyed per language (``key`` ends with ``_<lang>``): Streamlit keeps showing a keyed selectbox's
    label in the language it was first drawn in, so each language has its own widget, and the choice made in the
    other one carries over."""
    other = "en" if lang == "fr" else "fr"
    before = st.session_state.get(key.removesuffix(f"_{lang}") + f"_{other}", _UNSET)
    if before is not _UNSET and before in options:
        default = before
    return where.selectbox(label, options, index=options.index(default) if default in options else None, key=key,
                           **kwargs)


def forget(ident: tuple | None = None) -> None:
    """Drop the state of the previous upload (its dry run, settings and widgets) when ``ident`` (the file dropped
    now, None when none) is not the one they were made for."""
    if st.session_state.get("imp_file") == ident:
        return
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    for key in ("dry_token", "dry_report"):
        st.session_state.pop(key, None)
    st.session_state["imp_file"] = ident


def file_ident(content: bytes, name: str) -> tuple[str, str]:
    return hashlib.sha256(content).hexdigest(), name


def dry_run(content: bytes, name: str, plan_id: str, when: dt.date | None, actor: Actor, lang: str):
    """The dry run of the upload with the profile set by the user, run again only when the file, the date, the
    plan or the profile changed."""
    profile = st.session_state.get(PROFILE)
    token = (file_ident(content, name), str(when), plan_id, json.dumps(profile, sort_keys=True))
    if st.session_state.get("dry_token") != token:
        with st.spinner(t("dp.checking", lang)):
            st.session_state["dry_report"] = data.import_upload(content, name, plan_id, when, dry_run=True,
                                                                actor=actor, lang=lang, profile=profile)
        st.session_state["dry_token"] = token
    return st.session_state["dry_report"]


def confirm(content: bytes, name: str, plan_id: str, when: dt.date | None, actor: Actor, lang: str):
    """The import itself, with the profile the dry run used (the pipeline saves it as the plan's)."""
    with st.spinner(t("dp.importing", lang)):
        return data.import_upload(content, name, plan_id, when, dry_run=False, actor=actor, lang=lang,
                                  profile=st.session_state.get(PROFILE))


# --- the mapping step -----------------------------------------------------------------------------------------


def wanted(inspection: dict | None, lang: str) -> bool:
    """Whether the mapping step is shown: the file is not fully recognised, or the user asked for it."""
    if not inspection:
        return False
    if not inspection.get("recognised"):
        st.warning(t("imp.unrecognised", lang), icon=":material/tune:")
        return True
    return st.toggle(t("imp.adjust", lang), key="imp_adjust", help=t("imp.adjust_help", lang))


def sheet_rows(sheet: dict, header_row: int | None):
    """The first rows of a sheet as Excel shows them (row numbers, column letters), the header row highlighted."""
    rows = sheet.get("rows") or []
    width = max((len(r) for r in rows), default=0)
    start, left = int(sheet.get("start_row") or 1), int(sheet.get("start_column") or 0)
    frame = pd.DataFrame([[("" if v is None else str(v)) for v in r] + [""] * (width - len(r)) for r in rows],
                         columns=[col_letter(left + j) for j in range(width)], index=range(start, start + len(rows)),
                         dtype=object)
    return frame.style.apply(lambda row: [HIGHLIGHT if row.name == header_row else ""] * len(row), axis=1)


def choice_of(column: dict) -> str:
    """The choice a column's selectbox starts with: the inspection's guess (or the profile's), else « ignorer »."""
    field = column.get("field")
    if field in DATED and column.get("date"):
        return DATED[field]
    if field in PLAIN_FIELDS or field in ANNOUNCEMENT_FIELDS:
        return field
    return IGNORE


def build(inspection: dict, base: dict | None, *, sheet: str | None, header_row: int | None, choices: dict[int, str],
          dates: dict[int, dt.date | None], join: dict[int, int | None], values: dict[str, dict[str, str | None]]
          ) -> tuple[dict, list[str]]:
    """The profile the mapping step's widgets say, over ``base`` (the profile the file was read with), and the
    letters of the dated columns that have no date yet. ``choices``, ``dates`` and ``join`` are keyed by column
    index; ``values`` is {kind: {spelling as written: code or None}}. Another sheet or header row than the one
    read keeps no column mapping (its columns are not known yet)."""
    new = profiles.empty()
    moved = False
    if sheet is not None and sheet != inspection.get("sheet"):
        new["sheet"], moved = sheet, True
    if header_row is not None and header_row != inspection.get("header_row"):
        new["header_row"], moved = int(header_row), True
    undated: list[str] = []
    if not moved:
        columns = {c["index"]: c for c in inspection.get("columns") or []}
        partners = {j for i, j in join.items() if j is not None and choices.get(i) == "ref"}
        for index, column in columns.items():
            if index in partners:
                continue
            choice, header = choices.get(index, IGNORE), column["header"]
            if choice == "ref" and join.get(index) in columns:
                new["joins"]["ref"] = [header, columns[join[index]]["header"]]
            elif choice in ("status_at", "comment_at"):
                day = dates.get(index)
                if day is None:
                    undated.append(column["letter"])
                else:
                    new["dated"][header] = [choice.removesuffix("_at"), day.isoformat()]
            else:
                new["columns"][header] = profiles.IGNORE if choice == IGNORE else choice
    for kind, spellings in values.items():
        new["values"].setdefault(kind, {}).update({s: code for s, code in spellings.items() if code})
    return profiles.merge(base, new), undated


def _field_label(lang: str):
    return lambda choice: t(f"imp.field.{choice}", lang)


def _sheet_and_header(inspection: dict, lang: str) -> tuple[str | None, int | None]:
    sheets = inspection.get("sheets") or []
    names = [s["name"] for s in sheets]
    chosen = inspection.get("sheet")
    left, right = st.columns([2, 1])
    sheet = left.selectbox(t("imp.sheet", lang), names, index=names.index(chosen) if chosen in names else 0,
                           key=f"imp_sheet_{_digest(names)}") if names else None
    read = inspection.get("header_row") if sheet == chosen else None  # another sheet's header: found when read
    header_row = right.number_input(t("imp.header_row", lang), min_value=1, step=1, value=read,
                                    help=t("imp.header_row_help", lang), key=f"imp_header_{_digest(sheet, read)}")
    if sheet is not None:
        st.dataframe(sheet_rows(sheets[names.index(sheet)], header_row), width="stretch", height=300)
        st.caption(t("imp.rows_caption", lang))
    return sheet, (int(header_row) if header_row is not None else None)


def _columns(inspection: dict, base: dict, lang: str) -> tuple[dict, dict, dict]:
    columns = inspection.get("columns") or []
    st.markdown(f"**{t('imp.columns', lang)}**")
    st.caption(t("imp.columns_caption", lang))
    options = [*PLAIN_FIELDS, "status_at", "comment_at", IGNORE]
    if any(c.get("field") in ANNOUNCEMENT_FIELDS for c in columns):
        options[-1:-1] = ANNOUNCEMENT_FIELDS
    by_header = {c["header"]: c["index"] for c in columns}
    joined = (base.get("joins") or {}).get("ref") or []
    choices, dates, join = {}, {}, {}
    widths = [2, 3, 2, 2]
    head = st.columns(widths)
    for cell, label in zip(head, ("imp.col_file", "imp.col_samples", "imp.col_field", "imp.col_more"), strict=True):
        cell.caption(t(label, lang))
    for column in columns:
        index, letter, header = column["index"], column["letter"], column["header"]
        first, samples, field, more = st.columns(widths, vertical_alignment="center")
        first.markdown(f"**{components.plain(header)}** · {letter}")
        shown = [s for s in column.get("samples") or [] if s]
        samples.caption(" · ".join(components.plain(s) for s in shown[:3]) or t("imp.empty_column", lang))
        start = choice_of(column)
        choice = _select(field, t("imp.field_of", lang, letter=letter), options, start, column_key(index, header, lang=lang),
                         lang, format_func=_field_label(lang), label_visibility="collapsed")
        choices[index] = choice
        if choice in ("status_at", "comment_at"):
            day = dt.date.fromisoformat(column["date"]) if column.get("date") else None
            dates[index] = more.date_input(t("imp.date", lang), value=day, format="DD/MM/YYYY",
                                           help=t("imp.date_help", lang), key=column_key(index, header, "date", "any"))
        elif choice == "ref" and index in join.values():
            more.caption(t("imp.joined", lang))
        elif choice == "ref":
            others = [c["index"] for c in columns if c["index"] != index]
            partner = by_header.get(joined[1]) if len(joined) == 2 and joined[0] == header else column.get("join")
            join[index] = _select(more, t("imp.join", lang), [None, *others], partner if partner in others else None,
                                  column_key(index, header, "join", lang), lang, format_func=_column_name(columns, lang),
                                  help=t("imp.join_help", lang))
    return choices, dates, join


def _column_name(columns: list[dict], lang: str):
    names = {c["index"]: f"{c['letter']} · {c['header']}" for c in columns}
    return lambda i: t("imp.join_none", lang) if i is None else names[i]


def _code_label(kind: str, lang: str):
    if kind == "status":
        return lambda code: status_text(code, lang)
    if kind == "voice":
        return lambda code: voice_text(code, lang)
    return lambda code: t(f"imp.confidence.{code}", lang)


def _where(entry: dict, lang: str) -> str:
    rows = [str(r) for r in entry.get("rows") or []]
    n = int(entry.get("count") or 0)
    joined = t("imp.and", lang).join(rows) if len(rows) > 1 else "".join(rows)
    return t("imp.count_one", lang, rows=joined) if n == 1 else t("imp.count_many", lang, n=n, rows=joined)


def _values(inspection: dict, lang: str) -> dict[str, dict[str, str | None]]:
    spellings = inspection.get("spellings") or {}
    colours = inspection.get("colours") or []
    out: dict[str, dict[str, str | None]] = {}
    if not colours and not any(spellings.get(kind) for kind in KINDS):
        return out
    st.markdown(f"**{t('imp.values', lang)}**")
    st.caption(t("imp.values_caption", lang))
    for cell, label in zip(st.columns([2, 3, 2]), ("imp.written", "imp.where", "imp.means"), strict=True):
        cell.caption(t(label, lang))
    for kind in KINDS:
        entries = spellings.get(kind) or []
        if not entries:
            continue
        st.markdown(f"*{t(f'imp.kind.{kind}', lang)}*")
        codes = list(profiles.CODES[kind])
        for entry in entries:
            spelling = entry["spelling"]
            written, where, means = st.columns([2, 3, 2], vertical_alignment="center")
            written.markdown(f"**{components.plain(spelling)}**")
            where.caption(_where(entry, lang))
            out.setdefault(kind, {})[spelling] = _select(
                means, t("imp.means", lang), codes, entry.get("suggestion"), value_key(kind, spelling, lang), lang,
                format_func=_code_label(kind, lang), placeholder=t("imp.choose", lang), label_visibility="collapsed")
    if colours:
        st.markdown(f"*{t('imp.kind.colour', lang)}*")
        codes = list(profiles.CODES["status"])
        for entry in colours:
            colour = entry["colour"]
            swatch, where, means = st.columns([2, 3, 2], vertical_alignment="center")
            swatch.markdown(f"**{components.plain(entry.get('name') or colour)}**")
            if HEX.fullmatch(colour):  # a checked « #RRGGBB », never the file's text
                swatch.html(f'<div style="width:3rem;height:1.5rem;border-radius:4px;border:1px solid #888;'
                            f'background:{colour}" title="{colour}"></div>')
            where.caption(_where(entry, lang))
            out.setdefault("status", {})[colour] = _select(
                means, t("imp.means", lang), codes, entry.get("suggestion"), value_key("colour", colour, lang), lang,
                format_func=_code_label("status", lang), placeholder=t("imp.choose", lang), label_visibility="collapsed")
    return out


def mapping_step(report, lang: str) -> None:
    """Sheet, header row, columns and words; « Relire avec ces réglages » keeps the profile they say (the page's
    dry run then reads the file again with it)."""
    inspection = report.inspection
    with st.container(border=True, key="imp_step"):
        st.subheader(t("imp.step", lang))
        sheet, header_row = _sheet_and_header(inspection, lang)
        moved = sheet != inspection.get("sheet") or header_row not in (None, inspection.get("header_row"))
        if moved:
            st.info(t("imp.other_sheet", lang), icon=":material/table_view:")
            choices, dates, join = {}, {}, {}
        else:
            choices, dates, join = _columns(inspection, report.profile or {}, lang)
        values = _values(inspection, lang)
        profile, undated = build(inspection, report.profile, sheet=sheet, header_row=header_row, choices=choices,
                                 dates=dates, join=join, values=values)
        for letter in undated:
            st.warning(t("imp.date_missing", lang, letter=letter), icon=":material/event:")
        if st.button(t("imp.reread", lang), help=t("imp.reread_help", lang), icon=":material/refresh:",
                     type="secondary" if inspection.get("recognised") else "primary", disabled=bool(undated),
                     key="imp_reread"):
            st.session_state[PROFILE] = profile
            st.rerun()


# --- what the import will change, and its issues ---------------------------------------------------------------


def preview(changes: dict, lang: str) -> None:
    """Status before → after per measure, the first statuses (new measures, or none known before), new measures,
    measures missing from the file, announcement rows: each count is the length of the list shown under it."""
    every, new, missing = changes.get("status_changes") or [], changes.get("new") or [], changes.get("missing") or []
    moved, first = [c for c in every if c.get("before")], [c for c in every if not c.get("before")]
    announced = changes.get("announcements") or []
    st.subheader(t("imp.preview", lang))
    components.kpi_row([(t("imp.m.changed", lang), str(len(moved)), None), (t("imp.m.new", lang), str(len(new)), None),
                        (t("imp.m.missing", lang), str(len(missing)), t("imp.m.missing_help", lang)),
                        (t("imp.m.announcements", lang), str(len(announced)), None)])
    st.caption(t("imp.m.unchanged", lang, n=int(changes.get("unchanged") or 0)))
    if not (every or new or missing or announced):
        st.caption(t("imp.preview_none", lang))
    dates = [fmt_date(dt.date.fromisoformat(d), lang) for d in changes.get("dates") or []]
    if len(dates) > 1:
        st.caption(t("imp.dates", lang, dates=", ".join(dates)))
    ref, title = t("imp.c.ref", lang), t("imp.c.title", lang)
    if moved:
        st.markdown(f"**{t('imp.t.changed', lang, n=len(moved))}**")
        st.dataframe(pd.DataFrame({ref: [c["ref"] for c in moved], title: [c.get("title") or "" for c in moved],
                                   t("imp.c.before", lang): [status_text(c["before"], lang) for c in moved],
                                   t("imp.c.after", lang): [status_text(c["after"], lang) for c in moved]}),
                     hide_index=True, width="stretch", key="imp_preview_changed")
    if first:
        with st.expander(t("imp.t.first", lang, n=len(first))):
            st.dataframe(pd.DataFrame({ref: [c["ref"] for c in first], title: [c.get("title") or "" for c in first],
                                       t("imp.c.status", lang): [status_text(c["after"], lang) for c in first]}),
                         hide_index=True, width="stretch", key="imp_preview_first")
    for name, rows in (("new", new), ("missing", missing)):
        if rows:
            with st.expander(t(f"imp.t.{name}", lang, n=len(rows))):
                st.dataframe(pd.DataFrame({ref: [r["ref"] for r in rows], title: [r.get("title") or "" for r in rows]}),
                             hide_index=True, width="stretch", key=f"imp_preview_{name}")
    if announced:
        with st.expander(t("imp.t.announcements", lang, n=len(announced))):
            st.dataframe(pd.DataFrame({
                t("imp.c.subject", lang): [a.get("subject") or "" for a in announced],
                t("imp.c.kind", lang): [t(f"imp.step.{a['kind']}", lang) if a.get("kind") else "" for a in announced],
                t("imp.c.expected", lang): [a.get("expected_text") or "" for a in announced],
                t("imp.c.held_on", lang): [_day(a.get("held_on"), lang) for a in announced]}),
                hide_index=True, width="stretch", key="imp_preview_announcements")


def _day(value: object, lang: str) -> str:
    if not value:
        return ""
    return fmt_date(dt.date.fromisoformat(str(value)[:10]), lang)


def page_hint(issue, lang: str) -> str | None:
    """The hint the page gives for ``issue`` when the command line's would name its options (« --map »…): the
    page's own words (« Lecture du fichier », « Mots à traduire »); None when the issue's hint stands."""
    key = f"imp.hint.{issue.code}"
    if key not in TEXTS.texts(lang):
        return None
    return t(key, lang, value=issue.value if issue.value is not None else "")


def issues_frame(report, lang: str) -> pd.DataFrame:
    """The report's issues, severity first (« Erreur » / « Avertissement »), the page's hints (:func:`page_hint`),
    empty cells as ""."""
    frame = report.issues_frame(lang)
    hints = [page_hint(i, lang) for i in report.issues]
    frame[frame.columns[-1]] = [h if h is not None else old for h, old in zip(hints, frame[frame.columns[-1]],
                                                                              strict=True)]
    frame.insert(0, t("col.severity", lang), [t(f"imp.sev.{i.severity}", lang) for i in report.issues])
    row = frame.columns[3]  # shown as the Excel row number, or nothing (never « None »)
    frame[row] = frame[row].map(lambda v: "" if pd.isna(v) else str(int(v))).astype(object)
    text_cols = frame.select_dtypes(exclude="number").columns
    frame[text_cols] = frame[text_cols].astype(object).where(frame[text_cols].notna(), "")
    return frame


def show_issues(report, name: str, lang: str) -> None:
    """The issues table (severity, row, column, value, message, hint, sheet: the file and the code are in the
    downloads only) and its CSV / XLSX."""
    frame = issues_frame(report, lang)
    if frame.empty:
        return
    c = list(frame.columns)  # severity, file, sheet, row, column, value, code, message, hint
    st.markdown(f"**{t('imp.issues', lang)}**")
    st.dataframe(frame, hide_index=True, width="stretch", column_order=[c[i] for i in (0, 3, 4, 5, 7, 8, 2)],
                 row_height=ISSUE_ROW_HEIGHT, column_config={  # widths that fit 1280 px; tall rows wrap the texts
                     c[3]: st.column_config.TextColumn(width=55), c[4]: st.column_config.TextColumn(width=95),
                     c[5]: st.column_config.TextColumn(width=80), c[7]: st.column_config.TextColumn(width=265),
                     c[8]: st.column_config.TextColumn(width=215)}, key="imp_issues")
    components.downloads(frame, f"rapport-{name}", "dl_issues")


# --- the plan's import profile ---------------------------------------------------------------------------------


def profile_section(plan_id: str, actor: Actor, lang: str) -> None:
    """The profile in force as its file's lines, who saved it and when, its download, and a file to replace it."""
    st.subheader(t("imp.profile", lang))
    st.caption(t("imp.profile_caption", lang))
    done = st.session_state.pop("prof_done", None)
    if done:
        st.success(t(done, lang), icon=":material/check:")
    versions = data.import_profile_history(plan_id)
    if not versions:
        st.info(t("imp.profile_none", lang), icon=":material/tune:")
    else:
        latest = versions[0]
        text = profiles.to_text(latest["profile"], plan_id=plan_id, lang=lang)
        st.code(text, language=None, wrap_lines=True)  # wrapped: no scrolling box a keyboard cannot reach (axe)
        st.caption(t("imp.profile_saved", lang, when=_saved_at(latest["saved_at"], lang),
                     who=_who(latest["saved_by"], lang), how=t(f"imp.origin.{latest['origin']}", lang)))
        st.download_button(t("imp.profile_download", lang), data=text.encode("utf-8"), mime="text/plain",
                           file_name=f"profil-import-{plan_id}.txt", icon=":material/download:", on_click="ignore",
                           help=t("imp.profile_download_help", lang), key="prof_download")
        if len(versions) > 1:
            with st.expander(t("imp.profile_versions", lang, n=len(versions) - 1)):
                st.dataframe(pd.DataFrame({
                    t("imp.c.saved_at", lang): [_saved_at(v["saved_at"], lang) for v in versions[1:]],
                    t("imp.c.saved_by", lang): [_who(v["saved_by"], lang) for v in versions[1:]],
                    t("imp.c.origin", lang): [t(f"imp.origin.{v['origin']}", lang) for v in versions[1:]]}),
                    hide_index=True, width="stretch", key="prof_versions")
    _edit(plan_id, versions[0]["profile"] if versions else None, actor, lang)
    _replace(plan_id, actor, lang)


def _edit(plan_id: str, current: dict | None, actor: Actor, lang: str) -> None:
    """The profile's lines in a text box: saved with ``actor`` when they are valid, else the line that is not."""
    with st.expander(t("imp.profile_edit", lang), icon=":material/edit:"):
        text = st.text_area(t("imp.profile_edit_label", lang), profiles.to_text(current, plan_id=plan_id, lang=lang),
                            height=220, help=t("imp.profile_edit_help", lang), key=f"prof_text_{_digest(current)}")
        if st.button(t("imp.profile_edit_save", lang), icon=":material/save:", key="prof_edit_save"):
            try:
                new = profiles.from_text(text, lang=lang)
            except profiles.ProfileError as exc:
                st.error(t("imp.profile_bad_text", lang, error=components.plain(str(exc))), icon=":material/error:")
                return
            changed = data.save_import_profile(plan_id, new, actor=actor, origin="edit")
            st.session_state["prof_done"] = "imp.profile_edited" if changed else "imp.profile_same"
            st.rerun()


def _saved_at(value: object, lang: str) -> str:
    when = pd.Timestamp(value)
    return t("imp.time", lang, date=fmt_date(when.date(), lang), time=when.strftime("%H:%M"))


def _who(recorded: object, lang: str) -> str:
    by = {a.recorded: a.label(lang) for a in (access.EDITOR, access.CLI, access.LOCAL)}  # stored in French
    return by.get(str(recorded), str(recorded or ""))


def _replace(plan_id: str, actor: Actor, lang: str) -> None:
    """A profile file to replace the plan's: read, shown, then saved with ``actor`` when confirmed."""
    gen = st.session_state.setdefault("prof_gen", 0)
    box = st.container(key="prof_upload")
    if lang != "en":  # Streamlit's uploader words, in French and for a text file (see components.french_widget_texts)
        sel = '.st-key-prof_upload [data-testid="stFileUploaderDropzoneInstructions"] span'
        box.html(f'<style>{sel}::after {{ content: "{t("imp.profile_upload_limits", lang)}"; }}</style>')
    up = box.file_uploader(t("imp.profile_upload", lang), type=["txt"], max_upload_size=1, key=f"prof_file_{gen}")
    if up is None:
        return
    try:
        new = profiles.from_text(up.getvalue().decode("utf-8-sig"), lang=lang)
    except UnicodeDecodeError:
        st.error(t("imp.profile_not_text", lang), icon=":material/error:")
        return
    except profiles.ProfileError as exc:
        st.error(t("imp.profile_bad", lang, error=components.plain(str(exc))), icon=":material/error:")
        return
    st.caption(t("imp.profile_read", lang))
    st.code(profiles.to_text(new, plan_id=plan_id, lang=lang), language=None, wrap_lines=True)
    if st.button(t("imp.profile_replace", lang), type="primary", icon=":material/upload:", key="prof_save"):
        changed = data.save_import_profile(plan_id, new, actor=actor, origin="upload")
        st.session_state["prof_done"] = "imp.profile_replaced" if changed else "imp.profile_same"
        st.session_state["prof_gen"] = gen + 1
        st.rerun()
