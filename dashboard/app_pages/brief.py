"""« Note de réunion »: choose as-of, since, scope and language → generate → download DOCX / PDF / Markdown + charts
(ZIP) / Markdown text;
plus the « Pack de graphiques » (ZIP of every chart in PNG/SVG/PDF with its CSV)."""

import datetime as dt
import logging

import streamlit as st

from dashboard import brief as brief_mod
from dashboard import components, data
from dashboard.charts import browser as chart_browser
from dashboard.charts.pack import build_charts, chart_pack, pack_readme, plan_chart_data
from plans.dates import as_date
from plans.formatting import fmt_date
from plans.normalize import slug

log = logging.getLogger(__name__)
plan_id, as_of_default, lang_ui = components.context()
fr = lang_ui == "fr"
st.title("Note de réunion" if fr else "Meeting brief")
st.caption("Une note de 2 à 4 pages A4, construite uniquement à partir des données\u00a0: chiffres clés et couverture, "
           "changements depuis le dernier comité, retards, mesures au point mort, dates glissées, événements sans tenue connue, règle de "
           "gouvernance, recoupements et questions à poser à chaque pilote." if fr else
           "A 2–4 page A4 brief built only from the data: headline figures and coverage, changes since the last "
           "committee, overdue measures, measures with no recent news, slipped dates, events with no meeting known, the "
           "governance rule, overlaps and "
           "questions for each lead body.")

summary = data.summary(plan_id, as_of_default)
table = data.measures_table(plan_id, as_of_default)
last_meeting = as_date(summary.get("last_meeting_held"))

with st.form("brief_form"):
    c1, c2 = st.columns(2)
    as_of = c1.date_input("Données au" if fr else "Data as of", value=as_of_default, format="DD/MM/YYYY",
                          min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31), key="brief_as_of")
    since_default = last_meeting if last_meeting and last_meeting <= as_of_default else None
    since = c2.date_input("Changements depuis le" if fr else "Changes since", value=since_default,
                          format="DD/MM/YYYY", min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31),
                          key="brief_since",
                          help=(f"Par défaut\u00a0: le dernier comité tenu ({fmt_date(last_meeting, 'fr')})."
                                if fr and last_meeting else
                                "Par défaut\u00a0: le dernier comité tenu." if fr else
                                "Default: the last committee meeting held."))
    axes = sorted({(str(r), str(lbl)) for r, lbl in zip(table.get("axis_ref", []), table.get("axis_label", []),
                                                         strict=False) if isinstance(r, str) and r})
    leads = sorted({str(v) for v in table.get("lead_body", []) if isinstance(v, str) and v.strip()})
    options = ["plan"] + [f"axis:{r}" for r, _ in axes] + [f"lead:{v}" for v in leads]
    axis_labels = dict(axes)

    def scope_label(opt: str) -> str:
        if opt == "plan":
            return "Tout le plan" if fr else "Whole plan"
        kind, _, value = opt.partition(":")
        if kind == "axis":
            return ("Axe\u00a0: " if fr else "Axis: ") + axis_labels.get(value, value)
        return ("Pilote\u00a0: " if fr else "Lead body: ") + value

    c3, c4 = st.columns(2)
    scope = c3.selectbox("Périmètre" if fr else "Scope", options, format_func=scope_label, key="brief_scope")
    lang = c4.radio("Langue de la note" if fr else "Brief language", ["fr", "en"], horizontal=True,
                    index=0 if fr else 1, format_func={"fr": "Français", "en": "English"}.get, key="brief_lang")
    charts_on = st.checkbox("Inclure les graphiques" if fr else "Include charts", value=True, key="brief_charts")
    submitted = st.form_submit_button("Générer la note" if fr else "Generate the brief", type="primary")

if submitted:
    chart_browser.keep_warm()  # later briefs and packs in this server process skip the browser start
    params = {"plan": plan_id, "as_of": as_of, "since": since, "scope": scope, "lang": lang, "charts": charts_on}
    with st.spinner("Préparation de la note (données, graphiques, PDF)…" if fr else "Preparing the brief…"):
        try:
            # LibreOffice starts while the charts are drawn; the DOCX offered is the one the PDF was made from
            # (compact layout if it had to fit 4 pages)
            made = brief_mod.documents(data.engine(), plan_id, as_of=as_of, since=since, scope=scope, lang=lang,
                                       with_charts=charts_on)
            b = made.brief
            stem = f"note-{plan_id}-{b.data.as_of.isoformat()}" + ("" if b.data.scope.kind == "plan" else
                                                                    "-" + slug(b.data.scope.value, fallback="vigie"))
            st.session_state["brief_result"] = {
                "params": params, "stem": stem, "data": b.data, "docx": made.docx, "pdf": made.pdf,
                "pdf_error": made.pdf_error, "md": b.markdown().encode("utf-8"),
                "zip": b.markdown_zip(stem) if b.charts else None}
        except (brief_mod.BriefError, chart_browser.ExportError) as exc:
            st.session_state.pop("brief_result", None)
            st.error(str(exc))
        except Exception:  # noqa: BLE001 - never a traceback in the page
            log.exception("brief generation failed")
            st.session_state.pop("brief_result", None)
            st.error("La note n'a pas pu être produite. Réessayez\u00a0; si le problème persiste, signalez-le en indiquant "
                     "la date et le périmètre choisis." if fr else
                     "The brief could not be produced. Try again; if it persists, report the date and scope chosen.")

res = st.session_state.get("brief_result")
if res and res["params"]["plan"] == plan_id:
    d, stem = res["data"], res["stem"]
    st.success((f"Note prête\u00a0: données au {fmt_date(d.as_of, 'fr')}, changements depuis le "
                f"{fmt_date(d.since, 'fr')}, {len(d.overdue)} en retard, {len(d.stalled)} au point mort, "
                f"{len(d.not_held)} événement(s) sans tenue connue.") if fr else
               (f"Brief ready: data as of {fmt_date(d.as_of, 'en')}, changes since {fmt_date(d.since, 'en')}, "
                f"{len(d.overdue)} overdue, {len(d.stalled)} with no recent news, {len(d.not_held)} event(s) with "
                "no meeting known."))
    c1, c2 = st.columns(2)
    c1.download_button("Télécharger le DOCX (modifiable)" if fr else "Download DOCX (editable)", res["docx"],
                       file_name=f"{stem}.docx", key="dl_docx", icon=":material/description:",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    if res["pdf"]:
        c2.download_button("Télécharger le PDF" if fr else "Download PDF", res["pdf"], file_name=f"{stem}.pdf",
                           mime="application/pdf", key="dl_pdf", icon=":material/picture_as_pdf:")
    else:
        c2.warning(res["pdf_error"] or "PDF indisponible.")
    c3, c4 = st.columns(2)
    if res["zip"]:
        c3.download_button("Markdown + graphiques (ZIP)" if fr else "Markdown + charts (ZIP)", res["zip"],
                           file_name=f"{stem}-markdown.zip", mime="application/zip", key="dl_md_zip",
                           icon=":material/folder_zip:",
                           help=("La note en Markdown et ses graphiques en PNG, dans un dossier à côté (liens "
                                 "relatifs)\u00a0: décompressez le tout et gardez-les ensemble." if fr else
                                 "The brief in Markdown and its charts as PNG in a folder next to it (relative "
                                 "links): unzip everything and keep them together."))
    c4.download_button("Markdown (texte seul)" if fr else "Markdown (text only)", res["md"], file_name=f"{stem}.md",
                       mime="text/markdown", key="dl_md", icon=":material/article:",
                       help=("Le texte de la note, sans les graphiques, à coller dans un courriel ou un pad."
                             if fr else "The text of the brief without the charts, to paste in an e-mail or a pad."))
    with st.expander("Aperçu du texte" if fr else "Text preview"):
        st.markdown(res["md"].decode("utf-8"))

st.divider()
st.subheader("Pack de graphiques" if fr else "Chart pack")
st.caption("Tous les graphiques de l'application pour ce plan, prêts à imprimer\u00a0: PNG (2 500 px de large), SVG et "
           "PDF, chacun avec son titre, le nom du plan, « données au … » et la source, plus le CSV de ses données."
           if fr else "Every chart of the app for this plan, print-ready: PNG (2,500 px wide), SVG and PDF, each with "
           "its title, the plan name, « data as of … » and the source, plus the CSV of its data.")
fmts = st.multiselect("Formats", list(chart_browser.FORMATS), default=list(chart_browser.FORMATS), key="pack_formats")
if st.button("Préparer le pack" if fr else "Prepare the pack", key="pack_go", disabled=not fmts):
    with st.spinner("Rendu des graphiques…" if fr else "Rendering charts…"):
        try:
            chart_browser.keep_warm()
            chart_data = plan_chart_data(data.engine(), plan_id, as_of_default)
            charts = build_charts(chart_data, lang_ui)
            plan_name = (chart_data["plan"].get("short_title") or chart_data["plan"].get("title_fr") or plan_id)
            st.session_state["pack_result"] = (plan_id, as_of_default, chart_pack(
                charts, fmts, readme=pack_readme(plan_name, chart_data["as_of"], lang_ui)))
        except chart_browser.ExportError as exc:
            st.error(str(exc))
        except Exception:  # noqa: BLE001
            log.exception("chart pack failed")
            st.error("Le pack de graphiques n'a pas pu être produit. Réessayez plus tard." if fr else
                     "The chart pack could not be produced. Try again later.")
pack = st.session_state.get("pack_result")
if pack and pack[0] == plan_id:
    st.download_button("Télécharger le pack (ZIP)" if fr else "Download the pack (ZIP)", pack[2],
                       file_name=f"graphiques-{plan_id}-{pack[1].isoformat()}.zip", mime="application/zip",
                       key="dl_pack", icon=":material/folder_zip:")
