"""The edits made in the app: « Ajouter une information » on a measure's page and « Enregistrer une annonce » on
Échéances. Each form is shown only to those who may write it (a contributor for their association, fixed; a
coordinator for the collective, any association or the government's voice); the writing functions
(``plans.edits.add_assessment``, ``plans.edits.add_announcement``) check the role again and record the edit as a
run, like an import. After a write the page reruns on the new data version, with the success message kept."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import auth, components, data
from dashboard.i18n import status_text, t, voice_text
from plans import access, edits
from plans.access import AccessDenied, Actor
from plans.i18n import text as plans_text
from plans.vocab import CONFIDENCE_CODES, CONFIDENCE_LABELS, STATUS_CODES

DONE = "_edit_done"  # session key: the success message of the last edit, shown after the rerun
COLLECTIVE, GOVERNMENT = "", "\u0000government"  # the « for whom » choices that are not an association's name


def writer(action: str, lang: str, form_key: str) -> Actor | None:
    """Who may write ``action`` here, or None. With a login: the logged-in person when their role allows it (a
    reader or visitor sees nothing: no form, no lock); without: the single local user, or the shared editor
    password's unlock form (``dashboard.auth.gate``)."""
    try:
        mode = auth.login_mode()
    except auth.LoginMisconfigured:
        return None
    if mode == "oidc":
        actor = auth.current_actor()
        return actor if actor.may(action, association=actor.association) else None
    if mode == "local":
        return access.LOCAL
    return auth.gate(lang, form_key, t("ed.unlock", lang), action=action)


def _done(lang: str) -> None:
    said = st.session_state.pop(DONE, None)
    if said:
        st.success(said, icon=":material/check:")


def _written(message: str) -> None:
    data.read_version()  # the next rerun reads what was just written
    st.session_state[DONE] = message
    st.rerun()


def _save(write, counted: str, lang: str) -> bool:
    """Run ``write()`` (a ``plans.edits`` call): its refusal said (role, or what was typed), « Rien de nouveau »
    when it appended no ``counted`` row; True when something was written."""
    try:
        result = write()
    except (AccessDenied, edits.EditError) as e:
        st.error(e.message(lang) if isinstance(e, edits.EditError) else str(e), icon=":material/block:")
        return False
    if not result.counts.get(counted):
        st.info(t("ed.nothing_new", lang))
        return False
    return True


def _for_whom(actor: Actor, plan_id: str, lang: str) -> tuple[str, str | None] | None:
    """(voice, association) the information is for: a contributor's association, fixed (shown); a coordinator's
    choice among the collective, the associations known and the government. None if the actor has none."""
    if actor.kind == "person" and not actor.may("collective_voice"):
        if not actor.association:
            return None
        st.markdown(f"**{t('ed.for', lang)}**{t('colon', lang)}{components.plain(actor.association)}")
        return "civil_society", actor.association
    names = edits.associations(data.engine(), plan_id)
    choices = [COLLECTIVE, *names, GOVERNMENT]
    words = {COLLECTIVE: t("ed.collective", lang), GOVERNMENT: voice_text("government", lang)}
    pick = st.selectbox(t("ed.for", lang), choices, format_func=lambda c: words.get(c) or c, key="ed_for")
    if pick == GOVERNMENT:
        return "government", None
    return "civil_society", pick or None


def assessment_form(plan_id: str, ref: str, lang: str) -> None:
    """« Ajouter une information » on the measure ``ref``'s page (nothing for who may not write it)."""
    _done(lang)
    actor = writer("assess", lang, "ed_unlock_assess")
    if actor is None:
        return
    with st.expander(t("ed.add_info", lang), icon=":material/edit_note:"):
        with st.form("ed_assessment", clear_on_submit=False):
            who = _for_whom(actor, plan_id, lang)
            c1, c2 = st.columns(2)
            status = c1.selectbox(t("status", lang), STATUS_CODES, index=None, placeholder=t("ed.choose", lang),
                                  format_func=lambda c: status_text(c, lang), key="ed_status")
            day = c2.date_input(t("ed.date", lang), value=dt.date.today(), format="DD/MM/YYYY",
                                min_value=dt.date(2000, 1, 1), max_value=dt.date.today(), key="ed_date")
            said = st.text_area(t("ed.text", lang), key="ed_text", max_chars=4000, help=t("ed.text_help", lang))
            c3, c4 = st.columns(2)
            url = c3.text_input(t("col.source", lang), key="ed_url", placeholder="https://…")
            confidence = c4.selectbox(t("col.confidence", lang), CONFIDENCE_CODES, index=None, key="ed_conf",
                                      placeholder=t("ed.not_said", lang),
                                      format_func=lambda c: CONFIDENCE_LABELS[lang].get(c, c))
            sent = st.form_submit_button(t("ed.save_info", lang), type="primary")
        if not sent:
            return
        if who is None:
            st.error(t("ed.no_association", lang))
            return
        if status is None:
            st.error(t("ed.no_status", lang))
            return
        voice, association = who
        if not _save(lambda: edits.add_assessment(data.engine(), actor, plan_id, ref, status=status, as_of=day,
                                                  text=said, source_url=url, confidence=confidence, voice=voice,
                                                  association=association), "assessments", lang):
            return
        _written(t("ed.info_saved", lang, ref=ref, status=status_text(status, lang),
                   who=association or (voice_text(voice, lang) if voice != "civil_society" else t("ed.collective", lang))))


def announcement_form(plan_id: str, subjects: list[str], lang: str) -> None:
    """« Enregistrer une annonce » on Échéances: a meeting announced, postponed, held or not held, its dates as
    written (``subjects``: those of the ledger, offered as examples)."""
    _done(lang)
    actor = writer("announce", lang, "ed_unlock_announce")
    if actor is None:
        return
    with st.expander(t("ed.add_announcement", lang), icon=":material/event:"):
        with st.form("ed_announcement"):
            subject = st.text_input(t("ed.subject", lang), key="ed_subject", max_chars=300,
                                    help=t("ed.subject_help", lang, known=" ; ".join(subjects[:8]) or "—"))
            c1, c2 = st.columns(2)
            kind = c1.selectbox(t("ed.kind", lang), edits.ANNOUNCEMENT_KINDS, key="ed_kind",
                                format_func=lambda k: plans_text(f"edits.kind.{k}", lang).capitalize())
            expected = c2.text_input(t("ed.expected", lang), key="ed_expected", max_chars=120,
                                     placeholder=t("ed.expected_example", lang), help=t("ed.expected_help", lang))
            c3, c4 = st.columns(2)
            announced = c3.date_input(t("ed.announced_on", lang), value=None, format="DD/MM/YYYY", key="ed_announced",
                                      min_value=dt.date(2000, 1, 1), max_value=dt.date.today())
            held = c4.date_input(t("ed.held_on", lang), value=None, format="DD/MM/YYYY", key="ed_held",
                                 min_value=dt.date(2000, 1, 1), max_value=dt.date.today())
            summary = st.text_area(t("ed.summary", lang), key="ed_summary", max_chars=2000)
            url = st.text_input(t("col.source", lang), key="ed_aurl", placeholder="https://…")
            sent = st.form_submit_button(t("ed.save_announcement", lang), type="primary")
        if not sent:
            return
        if not _save(lambda: edits.add_announcement(data.engine(), actor, plan_id, subject=subject,
                                                    announced_on=announced, expected_text=expected, held_on=held,
                                                    kind=kind, summary=summary, source_url=url),
                     "announcements", lang):
            return
        _written(t("ed.announcement_saved", lang, subject=subject.strip()))
