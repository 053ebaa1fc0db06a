"""« Note de réunion »: choose as-of, since, scope and language → generate → download DOCX / PDF / Markdown + charts
(ZIP) / Markdown text;
plus the « Pack de graphiques » (ZIP of every chart in PNG/SVG/PDF with its CSV)."""

import datetime as dt
import logging

import streamlit as st

from dashboard import brief as brief_mod
from dashboard import brief_voice, components, data
from dashboard.charts import browser as chart_browser
from dashboard.charts.pack import build_charts, chart_pack, pack_readme, plan_chart_data
from dashboard.i18n import t
from plans.dates import as_date
from plans.formatting import fmt_date
from plans.normalize import slug

log = logging.getLogger(__name__)
plan_id, as_of_default, lang_ui = components.context()
fr = lang_ui == "fr"
st.title(t("br.title", lang_ui))
st.caption(t("br.intro", lang_ui))

summary = data.summary(plan_id, as_of_default)
table = data.measures_table(plan_id, as_of_default)
last_meeting = as_date(summary.get("last_meeting_held"))

meeting = brief_voice.meeting_date(lang_ui)  # the meeting the brief is for: its positions, its questions
brief_voice.positions_block(plan_id, meeting, lang_ui)
st.subheader(t("br.generate_title", lang_ui))

with st.form("brief_form"):
    c1, c2 = st.columns(2)
    as_of = c1.date_input(t("br.as_of", lang_ui), value=as_of_default, format="DD/MM/YYYY",
                          min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31), key="brief_as_of")
    since_default = last_meeting if last_meeting and last_meeting <= as_of_default else None
    since = c2.date_input(t("br.since", lang_ui), value=since_default,
                          format="DD/MM/YYYY", min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31),
                          key="brief_since",
                          help=(t("br.since_help_on", lang_ui, date=fmt_date(last_meeting, lang_ui))
                                if fr and last_meeting else t("br.since_help", lang_ui)))
    axes = sorted({(str(r), str(lbl)) for r, lbl in zip(table.get("axis_ref", []), table.get("axis_label", []),
                                                         strict=False) if isinstance(r, str) and r})
    leads = sorted({str(v) for v in table.get("lead_body", []) if isinstance(v, str) and v.strip()})
    options = ["plan"] + [f"axis:{r}" for r, _ in axes] + [f"lead:{v}" for v in leads]
    axis_labels = dict(axes)

    def scope_label(opt: str) -> str:
        if opt == "plan":
            return t("br.scope_plan", lang_ui)
        kind, _, value = opt.partition(":")
        if kind == "axis":
            return t("br.scope_axis", lang_ui, axis=axis_labels.get(value, value))
        return t("br.scope_lead", lang_ui, lead=value)

    c3, c4 = st.columns(2)
    scope = c3.selectbox(t("br.scope", lang_ui), options, format_func=scope_label, key="brief_scope")
    lang = c4.radio(t("br.lang", lang_ui), ["fr", "en"], horizontal=True,
                    index=0 if fr else 1, format_func={"fr": "Français", "en": "English"}.get, key="brief_lang")
    charts_on = st.checkbox(t("br.charts", lang_ui), value=True, key="brief_charts")
    submitted = st.form_submit_button(t("br.generate", lang_ui), type="primary")

if submitted:
    chart_browser.keep_warm()  # later briefs and packs in this server process skip the browser start
    params = {"plan": plan_id, "as_of": as_of, "since": since, "scope": scope, "lang": lang, "charts": charts_on,
              "meeting": meeting}
    with st.spinner(t("br.preparing", lang_ui)):
        try:
            # LibreOffice starts while the charts are drawn; the DOCX offered is the one the PDF was made from
            # (compact layout if it had to fit 4 pages)
            made = brief_mod.documents(data.engine(), plan_id, as_of=as_of, since=since, scope=scope, lang=lang,
                                       with_charts=charts_on, meeting=meeting)
            b = made.brief
            stem = f"note-{plan_id}-{b.data.as_of.isoformat()}" + ("" if b.data.scope.kind == "plan" else
                                                                    "-" + slug(b.data.scope.value, fallback="vigie"))
            st.session_state["brief_result"] = {
                "params": params, "stem": stem, "data": b.data, "docx": made.docx, "pdf": made.pdf,
                "pdf_error": made.pdf_error, "md": b.markdown().encode("utf-8"),
                "zip": b.markdown_zip(stem) if b.charts else None, "asked": b.asked()}
        except (brief_mod.BriefError, chart_browser.ExportError) as exc:
            st.session_state.pop("brief_result", None)
            st.error(components.plain(str(exc)))
        except Exception:  # noqa: BLE001 - never a traceback in the page
            log.exception("brief generation failed")
            st.session_state.pop("brief_result", None)
            st.error(t("br.failed", lang_ui))

res = st.session_state.get("brief_result")
if res and res["params"]["plan"] == plan_id:
    d, stem = res["data"], res["stem"]
    st.success(t("br.ready", lang_ui, as_of=fmt_date(d.as_of, lang_ui), since=fmt_date(d.since, lang_ui),
                 overdue=len(d.overdue), stalled=len(d.stalled), not_held=len(d.not_held)))
    c1, c2 = st.columns(2)
    c1.download_button(t("br.dl_docx", lang_ui), res["docx"],
                       file_name=f"{stem}.docx", key="dl_docx", icon=":material/description:",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    if res["pdf"]:
        c2.download_button(t("br.dl_pdf", lang_ui), res["pdf"], file_name=f"{stem}.pdf",
                           mime="application/pdf", key="dl_pdf", icon=":material/picture_as_pdf:")
    else:
        c2.warning(res["pdf_error"] or t("br.pdf_unavailable", lang_ui))
    c3, c4 = st.columns(2)
    if res["zip"]:
        c3.download_button(t("br.dl_md_zip", lang_ui), res["zip"],
                           file_name=f"{stem}-markdown.zip", mime="application/zip", key="dl_md_zip",
                           icon=":material/folder_zip:",
                           help=t("br.dl_md_zip_help", lang_ui))
    c4.download_button(t("br.dl_md", lang_ui), res["md"], file_name=f"{stem}.md",
                       mime="text/markdown", key="dl_md", icon=":material/article:",
                       help=t("br.dl_md_help", lang_ui))
    with st.expander(t("br.preview", lang_ui)):
        st.markdown(res["md"].decode("utf-8"))
    brief_voice.save_questions_button(plan_id, res["params"].get("meeting", meeting), res.get("asked") or [], lang_ui)

brief_voice.questions_block(plan_id, meeting, lang_ui)

st.divider()
st.header(t("br.pack_title", lang_ui))
st.caption(t("br.pack_intro", lang_ui))
fmts = st.multiselect(t("br.pack_formats", lang_ui), list(chart_browser.FORMATS), default=list(chart_browser.FORMATS), key="pack_formats")
if st.button(t("br.pack_go", lang_ui), key="pack_go", disabled=not fmts):
    with st.spinner(t("br.pack_rendering", lang_ui)):
        try:
            chart_browser.keep_warm()
            chart_data = plan_chart_data(data.engine(), plan_id, as_of_default)
            charts = build_charts(chart_data, lang_ui)
            plan_name = (chart_data["plan"].get("short_title") or chart_data["plan"].get("title_fr") or plan_id)
            st.session_state["pack_result"] = (plan_id, as_of_default, chart_pack(
                charts, fmts, readme=pack_readme(plan_name, chart_data["as_of"], lang_ui)))
        except chart_browser.ExportError as exc:
            st.error(components.plain(str(exc)))
        except Exception:  # noqa: BLE001
            log.exception("chart pack failed")
            st.error(t("br.pack_failed", lang_ui))
pack = st.session_state.get("pack_result")
if pack and pack[0] == plan_id:
    st.download_button(t("br.pack_download", lang_ui), pack[2],
                       file_name=f"{t('pack.zip_name', lang_ui)}-{plan_id}-{pack[1].isoformat()}.zip", mime="application/zip",
                       key="dl_pack", icon=":material/folder_zip:")
