"""Données: upload (validation report → confirm → import), import history, coverage, catalogue sources."""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, import_flow
from dashboard.i18n import t
from plans import access, config
from plans.backup import backup_bytes
from plans.formatting import fmt_date, fmt_pct

plan_id, as_of, lang = components.context()
st.title(t("nav.data", lang))
summary = data.headline(plan_id, as_of)
components.as_of_caption(summary, lang)


def show_issues(issues: pd.DataFrame) -> None:
    """A past import's issues: severity, row, column, value, what is wrong and how to fix it, sheet (columns:
    severity, sheet, row, column, value, code, message, hint — the code is in the downloads only)."""
    c = list(issues.columns)
    st.dataframe(issues, hide_index=True, width="stretch", column_order=[c[i] for i in (0, 2, 3, 4, 6, 7, 1)],
                 column_config={c[6]: st.column_config.TextColumn(width="large"),
                                c[7]: st.column_config.TextColumn(width="large")})


st.header(t("dp.import", lang))
components.template_button(plan_id)
actor = auth.gate(lang, "editor_login", t("dp.unlock", lang))  # None: the unlock form is shown
if actor is not None:
    if actor.may("backup"):  # admins (and the single user, the editor): the whole database, people included
        st.download_button(t("dp.backup", lang), data=lambda: backup_bytes(data.engine(), actor=actor),
                           icon=":material/backup:", file_name=f"vigie-sauvegarde-{dt.date.today().isoformat()}.zip",
                           mime="application/zip", help=t("dp.backup_help", lang), key="dl_backup")
    done = st.session_state.pop("last_import", None)
    if done:
        (st.success if done[0] else st.error)(components.plain(done[1]))
        if done[0]:
            st.page_link("app_pages/overview.py", label=t("nav.overview", lang), icon=":material/dashboard:")
    gen = st.session_state.setdefault("upload_gen", 0)
    types = ["xlsx", "xlsm", "ods", "csv"]
    components.french_widget_texts(lang, types)
    up = st.file_uploader(t("dp.drop", lang), help=t("dp.drop_help", lang), type=types, key=f"upload_file_{gen}",
                          max_upload_size=int(config.get("upload_max_mb")))
    when = st.date_input(t("dp.as_of", lang), value=None,
                         format="DD/MM/YYYY", key="upload_as_of", max_value=dt.date.today())
    if up is None:
        import_flow.forget()
    else:
        content = up.getvalue()
        import_flow.forget(import_flow.file_ident(content, up.name))  # another file: the last one's settings go
        report = import_flow.dry_run(content, up.name, plan_id, when, actor, lang)
        if report.outcome == "noop":  # already imported: said once, nothing to confirm
            st.info(t("imp.noop", lang, file=components.plain(up.name)), icon=":material/task_alt:")
        else:
            unread = report.inspection is not None and not report.inspection["recognised"]
            if report.ok or not unread:  # a refusal of a file not recognised: the mapping step says what to do
                (st.success if report.ok else st.error)(components.plain(report.summary(lang)))
            if import_flow.wanted(report.inspection, lang):
                import_flow.mapping_step(report, lang)
            if report.confirmable and report.preview:
                import_flow.preview(report.preview, lang)
            import_flow.show_issues(report, Path(up.name).stem, lang)
            if report.confirmable and st.button(t("dp.confirm", lang), type="primary", key="confirm"):
                final = import_flow.confirm(content, up.name, plan_id, when, actor, lang)
                data.clear_all()
                st.session_state.pop("dry_token", None)
                st.session_state["last_import"] = (final.ok, final.summary(lang))
                if final.outcome == "imported":
                    st.session_state["upload_gen"] = gen + 1  # empties the drop zone
                    st.toast(t("dp.done", lang))
                st.rerun()
    import_flow.profile_section(plan_id, actor, lang)

st.header(t("dp.coverage_title", lang))
documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
days = config.with_defaults("thresholds", summary.get("thresholds"))["freshness_days"]
c1, c2 = st.columns(2)
c1.metric(t("dp.coverage", lang), fmt_pct(summary.get("coverage"), lang), border=True,
          help=t("dp.coverage_help", lang, documented=documented, declared=declared or "?"))
c2.metric(t("dp.freshness", lang), fmt_pct(summary.get("freshness"), lang), border=True,
          help=t("dp.freshness_help", lang, days=days))
st.caption(components.completeness_note(summary, lang))

st.header(t("dp.history", lang))
runs = data.import_runs(plan_id)
if runs.empty:
    st.info(t("dp.no_import", lang))
else:
    outcomes = {o: t(f"dp.{o}", lang) for o in ("imported", "rejected", "noop")}
    by = {a.recorded: a.label(lang) for a in (access.EDITOR, access.CLI, access.LOCAL)}  # stored in French
    shown = runs.assign(as_of=runs["as_of"].map(lambda v: fmt_date(v, lang)),
                        outcome=runs["outcome"].map(lambda o: outcomes.get(o, o)),
                        imported_by=runs["imported_by"].map(lambda v: by.get(v, v) if isinstance(v, str) else ""),
                        started_at=pd.to_datetime(runs["started_at"]).dt.strftime("%d/%m/%Y %H:%M"))
    st.dataframe(shown.drop(columns=["counts"]), hide_index=True, column_config={
        "id": t("col.run", lang), "file_name": t("col.file", lang), "as_of": t("col.as_of", lang),
        "started_at": t("col.imported_on", lang), "outcome": t("col.outcome", lang),
        "imported_by": t("col.imported_by", lang),
        "issues_count": t("col.issues", lang), "errors_count": t("col.errors", lang)})
    with_issues = runs[runs["issues_count"] > 0]
    if not with_issues.empty:
        run_id = st.selectbox(t("dp.issues_of", lang), with_issues["id"].tolist(), key="run_pick")
        issues = data.import_issues(int(run_id))
        severities = {v: t(f"dp.{v}", lang) for v in ("error", "warning", "info")}
        issues = issues.assign(severity=issues["severity"].map(lambda v: severities.get(v, v)))
        names = [t(f"col.{k}", lang) for k in ("severity", "sheet", "row", "column", "value", "code", "message", "hint")]
        issues = issues.rename(columns=dict(zip(issues.columns, names, strict=False)))
        row = names[2]  # the Excel row as text, nothing when the issue has none (never « None »)
        issues[row] = issues[row].map(lambda v: "" if pd.isna(v) else str(int(v))).astype(object)
        text_cols = issues.select_dtypes(exclude="number").columns
        issues[text_cols] = issues[text_cols].astype(object).where(issues[text_cols].notna(), "")
        show_issues(issues)
        components.downloads(issues, f"signalements-import-{run_id}", "dl_run_issues")

st.header(t("dp.sources", lang))
st.caption(t("dp.sources_caption", lang))
src = data.sources(plan_id)
if src.empty:
    st.info(t("dp.no_source", lang))
else:  # an imported spreadsheet is cited by its file name: shown as text, not as a broken link
    is_url = src["source_url"].map(components.is_web_url).astype(bool)
    src = src.assign(link=src["source_url"].where(is_url, ""), file=src["source_url"].where(~is_url, ""))
    st.dataframe(src[["link", "file", "facts"]], hide_index=True, column_config={
        "link": st.column_config.LinkColumn(t("col.source_link", lang)), "file": t("col.imported", lang),
        "facts": st.column_config.NumberColumn(t("col.facts", lang), format="%d")})
