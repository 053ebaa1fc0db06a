"""Données: upload (validation report → confirm → import), import history, coverage, catalogue sources."""

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, state
from dashboard.i18n import fmt_date, fmt_pct, t

plan_id, as_of, lang = components.context()
fr = lang == "fr"
st.title(t("nav.data", lang))
summary = data.headline(plan_id, as_of)
components.as_of_caption(summary, lang)


def run_import(content: bytes, name: str, when, dry_run: bool):
    from loaders import import_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        return import_file(path, plan_id, data.engine(), as_of=when, dry_run=dry_run, lang=lang, original_name=name)


def unlocked() -> bool:
    stored = auth.configured_hash()
    if stored is None:
        st.caption(":material/lock_open: " + ("Import ouvert\u00a0: aucun mot de passe éditeur n'est configuré (usage local). "
                           "Voir `python -m dashboard.auth hash`." if fr else
                           "Import open: no editor password configured (local use)."))
        return True
    if st.session_state.get(state.UPLOAD_OK):
        return True
    with st.form("editor_login"):
        pwd = st.text_input("Mot de passe éditeur" if fr else "Editor password", type="password")
        if st.form_submit_button("Déverrouiller l'import" if fr else "Unlock import"):
            if auth.verify(pwd, stored):
                st.session_state[state.UPLOAD_OK] = True
                st.rerun()
            st.error("Mot de passe incorrect. Vérifiez les majuscules et réessayez, ou demandez le mot de passe à la "
                     "personne qui administre Vigie pour le collectif." if fr else
                     "Wrong password. Check the capital letters and try again, or ask the person who runs Vigie.")
    return False


def show_issues(issues: pd.DataFrame, keep_first: bool = False) -> None:
    """The report, most useful columns first: row, column, value, what is wrong and how to fix it
    (columns: file, sheet, row, column, value, code, message, hint — the file name is the same on every line)."""
    c = list(issues.columns)
    order = [c[i] for i in ((0,) if keep_first else ()) + (2, 3, 4, 6, 7, 1, 5) if i < len(c)]
    st.dataframe(issues[order], hide_index=True, width="stretch", column_config={
        c[6]: st.column_config.TextColumn(width="large"), c[7]: st.column_config.TextColumn(width="large")})


st.header("Importer un tableau de suivi" if fr else "Import a monitoring spreadsheet")
components.template_button(plan_id)
if unlocked():
    done = st.session_state.pop("last_import", None)
    if done:
        (st.success if done[0] else st.error)(done[1])
        if done[0]:
            st.page_link("app_pages/overview.py", label=t("nav.overview", lang), icon=":material/dashboard:")
    gen = st.session_state.setdefault("upload_gen", 0)
    up = st.file_uploader("Déposez le fichier (.xlsx, .xlsm, .ods, .csv)" if fr else "Drop the file",
                          type=["xlsx", "xlsm", "ods", "csv"], key=f"upload_file_{gen}")
    when = st.date_input("État des données au (laisser vide\u00a0: date du titre du fichier, sinon aujourd'hui)" if fr
                         else "Data as of (empty: date in the file title, else today)", value=None,
                         format="DD/MM/YYYY", key="upload_as_of", max_value=dt.date.today())
    if up is not None:
        content = up.getvalue()
        token = (hashlib.sha256(content).hexdigest(), up.name, str(when), plan_id)
        if st.session_state.get("dry_token") != token:
            with st.spinner("Vérification du fichier…" if fr else "Checking the file…"):
                st.session_state["dry_report"] = run_import(content, up.name, when, dry_run=True)
            st.session_state["dry_token"] = token
        report = st.session_state["dry_report"]
        issues = report.issues_frame(lang)
        text_cols = issues.select_dtypes(exclude="number").columns
        issues[text_cols] = issues[text_cols].astype(object).where(issues[text_cols].notna(), "")
        (st.success if report.ok else st.error)(report.summary(lang))
        if not issues.empty:
            show_issues(issues)
            components.downloads(issues, f"rapport-{Path(up.name).stem}", "dl_issues")
        if report.ok and st.button("Confirmer l'import" if fr else "Confirm import", type="primary", key="confirm"):
            with st.spinner("Import en cours…" if fr else "Importing…"):
                final = run_import(content, up.name, when, dry_run=False)
            data.clear_all()
            st.session_state.pop("dry_token", None)
            st.session_state["last_import"] = (final.ok, final.summary(lang))
            if final.outcome == "imported":
                st.session_state["upload_gen"] = gen + 1  # empties the drop zone
                st.toast("Import terminé\u00a0: les pages sont à jour." if fr else "Import done: pages are up to date.")
            st.rerun()

st.header("Couverture et fraîcheur" if fr else "Coverage and freshness")
documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
days = (summary.get("thresholds") or {}).get("freshness_days", 90)
c1, c2 = st.columns(2)
c1.metric("Couverture" if fr else "Coverage", fmt_pct(summary.get("coverage"), lang), border=True,
          help=f"{documented} / {declared or '?'}: " + ("mesures documentées sur le total annoncé par le plan." if fr
                                                        else "documented measures out of the plan's total."))
c2.metric("Fraîcheur" if fr else "Freshness", fmt_pct(summary.get("freshness"), lang), border=True,
          help=(f"Part des mesures documentées dont le statut a été vérifié depuis moins de {days} jours." if fr
                else f"Share of documented measures whose status was checked in the last {days} days."))
st.caption(components.completeness_note(summary, lang))

st.header("Historique des imports" if fr else "Import history")
runs = data.import_runs(plan_id)
if runs.empty:
    st.info("Aucun import pour ce plan\u00a0: les données viennent du catalogue sourcé livré avec Vigie." if fr else
            "No import yet: data come from the sourced catalogue shipped with Vigie.")
else:
    outcomes = ({"imported": "importé", "rejected": "refusé", "noop": "déjà importé"} if fr else
                {"imported": "imported", "rejected": "rejected", "noop": "already imported"})
    shown = runs.assign(as_of=runs["as_of"].map(lambda v: fmt_date(v, lang)),
                        outcome=runs["outcome"].map(lambda o: outcomes.get(o, o)),
                        started_at=pd.to_datetime(runs["started_at"]).dt.strftime("%d/%m/%Y %H:%M"))
    st.dataframe(shown.drop(columns=["counts"]), hide_index=True, column_config={
        "id": "N°", "file_name": "Fichier" if fr else "File", "as_of": "Données au" if fr else "Data as of",
        "started_at": "Importé le" if fr else "Imported on", "outcome": "Résultat" if fr else "Outcome",
        "issues_count": "Signalements" if fr else "Issues", "errors_count": "Erreurs" if fr else "Errors"})
    with_issues = runs[runs["issues_count"] > 0]
    if not with_issues.empty:
        run_id = st.selectbox("Voir les signalements de l'import n°" if fr else "Show issues of import #",
                              with_issues["id"].tolist(), key="run_pick")
        issues = data.import_issues(int(run_id))
        severities = ({"error": "erreur", "warning": "avertissement", "info": "information"} if fr else {})
        issues = issues.assign(severity=issues["severity"].map(lambda v: severities.get(v, v)))
        names = (["Gravité", "Feuille", "Ligne", "Colonne", "Valeur", "Code", "Message", "Astuce"] if fr else
                 ["Severity", "Sheet", "Row", "Column", "Value", "Code", "Message", "Hint"])
        issues = issues.rename(columns=dict(zip(issues.columns, names, strict=False)))
        text_cols = issues.select_dtypes(exclude="number").columns
        issues[text_cols] = issues[text_cols].astype(object).where(issues[text_cols].notna(), "")
        show_issues(issues, keep_first=True)  # first column: severity
        components.downloads(issues, f"signalements-import-{run_id}", "dl_run_issues")

st.header("Sources citées" if fr else "Sources cited")
st.caption("Pages publiques et tableaux importés sur lesquels reposent les mesures et les statuts affichés." if fr else
           "Public pages and imported spreadsheets on which the measures and statuses shown rest.")
src = data.sources(plan_id)
if src.empty:
    st.info("Aucune source citée pour ce plan." if fr else "No source cited for this plan.")
else:  # an imported spreadsheet is cited by its file name: shown as text, not as a broken link
    is_url = src["source_url"].str.startswith(("http://", "https://"))
    src = src.assign(link=src["source_url"].where(is_url, ""), file=src["source_url"].where(~is_url, ""))
    st.dataframe(src[["link", "file", "facts"]], hide_index=True, column_config={
        "link": st.column_config.LinkColumn("Source (lien)" if fr else "Source (link)"),
        "file": "Tableau importé" if fr else "Imported spreadsheet",
        "facts": st.column_config.NumberColumn("Faits cités" if fr else "Facts citing it", format="%d")})
