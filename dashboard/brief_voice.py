"""The collective's voice on the « Note de réunion » page. A meeting is the plan and a date chosen here; for it:

* « Positions du collectif »: the text the brief carries, written by a coordinator (the form starts from the
  meeting's own text, else from the closest earlier meeting's); who saved it and when is said under it;
* once a brief is generated, its questions are saved with the meeting (one button);
* « Suivi des questions »: every question saved for the plan, and for a coordinator a form to mark one answered
  (with the answer and its date), unanswered or deferred.

Reads go straight to ``plans.meetings`` (not cached: always current, like the Journal); writes go through it too,
where the role is checked again and the audit trail written. Text people wrote is shown as text (text areas,
tables, ``components.plain``), never as Markdown.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard.edit_forms import writer
from dashboard.i18n import t
from plans import meetings
from plans.access import AccessDenied
from plans.formatting import fmt_date

SAID = "_brief_voice_said"  # session key: the message of the last write, shown after the rerun


def _said() -> None:
    kind, message = st.session_state.pop(SAID, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check:")
    elif kind == "info":
        st.info(message)


def _written(kind: str, message: str) -> None:
    data.read_version()  # the next rerun reads what was just written
    st.session_state[SAID] = (kind, message)
    st.rerun()


def _refused(exc: Exception, lang: str) -> None:
    message = exc.message(lang) if isinstance(exc, meetings.MeetingError) else str(exc)
    st.error(components.plain(message), icon=":material/lock:" if isinstance(exc, AccessDenied) else None)


def meeting_date(lang: str) -> dt.date:
    """The meeting the page is about (default: today)."""
    return st.date_input(t("bv.meeting", lang), value=dt.date.today(), format="DD/MM/YYYY", key="brief_meeting",
                         min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31), help=t("bv.meeting_help", lang))


def _saved_words(saved: dict, lang: str) -> str:
    return t("bv.saved_by", lang, date=fmt_date(saved["saved_at"], lang),
             who=components.plain(saved.get("saved_by") or "—"))


def positions_block(plan_id: str, meeting: dt.date, lang: str) -> None:
    """« Positions du collectif » of the meeting: read-only for most, a form for a coordinator."""
    _said()
    st.subheader(t("bv.positions", lang))
    engine = data.engine()
    start = meetings.starting_point(engine, plan_id, meeting)
    own = start is not None and start["meeting_on"] == meeting
    if own:
        st.caption(_saved_words(start, lang))
    elif start is not None:
        st.caption(t("bv.from_earlier", lang, date=fmt_date(start["meeting_on"], lang)))
    actor = writer("collective_voice", lang, "bv_unlock")
    if actor is None:
        if own:
            st.text(start["text"])  # as written: never Markdown
        else:
            st.caption(t("bv.none", lang, date=fmt_date(meeting, lang)))
        return
    with st.form("bv_positions_form"):
        words = st.text_area(t("bv.positions_text", lang), value=start["text"] if start else "", height=180,
                             max_chars=meetings.MAX_POSITIONS, key=f"bv_positions_{meeting.isoformat()}",
                             help=t("bv.positions_help", lang))
        sent = st.form_submit_button(t("bv.save_positions", lang), type="primary")
    if sent:
        try:
            saved = meetings.save_positions(engine, actor, plan_id, meeting, words)
        except (AccessDenied, meetings.MeetingError) as exc:
            _refused(exc, lang)
            return
        if saved:
            _written("success", t("bv.positions_saved", lang, date=fmt_date(meeting, lang)))
        else:
            st.info(t("bv.unchanged", lang))


def save_questions_button(plan_id: str, meeting: dt.date, asked: list[tuple[str, str]], lang: str) -> None:
    """After a brief: save its questions with the meeting (a coordinator's)."""
    if not asked:
        return
    actor = writer("collective_voice", lang, "bv_unlock_questions")
    if actor is None:
        return
    label = (t("bv.save_questions_one", lang, date=fmt_date(meeting, lang)) if len(asked) == 1 else
             t("bv.save_questions", lang, n=len(asked), date=fmt_date(meeting, lang)))
    if st.button(label, key="bv_save_questions", icon=":material/playlist_add:"):
        try:
            n = meetings.save_questions(data.engine(), actor, plan_id, meeting, asked)
        except (AccessDenied, meetings.MeetingError) as exc:
            _refused(exc, lang)
            return
        if n:
            _written("success", t("bv.questions_saved_one", lang, date=fmt_date(meeting, lang)) if n == 1 else
                     t("bv.questions_saved", lang, n=n, date=fmt_date(meeting, lang)))
        else:
            st.info(t("bv.questions_already", lang))


def _state(row: dict, lang: str) -> str:
    return t(f"bv.state.{row['state']}", lang)


def questions_block(plan_id: str, meeting: dt.date, lang: str) -> None:
    """« Suivi des questions »: the plan's saved questions; a coordinator marks one after its meeting."""
    st.subheader(t("bv.followup", lang))
    rows = meetings.questions(data.engine(), plan_id)
    if not rows:
        st.caption(t("bv.no_questions", lang))
        return
    table = pd.DataFrame([{
        t("bv.col.meeting", lang): fmt_date(r["meeting_on"], lang), t("bv.col.body", lang): r["body"],
        t("bv.col.question", lang): r["question"], t("bv.col.state", lang): _state(r, lang),
        t("bv.col.answer", lang): r["answer"] or "", t("bv.col.answered_on", lang): fmt_date(r["answered_on"], lang),
    } for r in rows])
    st.dataframe(table, hide_index=True, width="stretch")
    actor = writer("collective_voice", lang, "bv_unlock_mark")
    if actor is None:
        return
    past = [r for r in rows if r["meeting_on"] <= max(meeting, dt.date.today())]
    if not past:
        return
    by_id = {r["id"]: r for r in past}
    with st.form("bv_mark_form"):
        qid = st.selectbox(t("bv.mark_which", lang), list(by_id), key="bv_mark_question",
                           format_func=lambda i: t("bv.mark_option", lang, date=fmt_date(by_id[i]["meeting_on"], lang),
                                                   body=by_id[i]["body"], question=by_id[i]["question"],
                                                   state=_state(by_id[i], lang)))
        state = st.radio(t("bv.mark_state", lang), list(meetings.MARKS), horizontal=True, key="bv_mark_state",
                         format_func=lambda s: t(f"bv.state.{s}", lang))
        c1, c2 = st.columns([3, 1])
        answer = c1.text_area(t("bv.mark_answer", lang), key="bv_mark_answer", max_chars=meetings.MAX_ANSWER,
                              help=t("bv.mark_answer_help", lang))
        day = c2.date_input(t("bv.mark_date", lang), value=dt.date.today(), format="DD/MM/YYYY",
                            min_value=dt.date(2010, 1, 1), max_value=dt.date.today(), key="bv_mark_date")
        sent = st.form_submit_button(t("bv.mark_save", lang), type="primary")
    if sent:
        try:
            meetings.mark(data.engine(), actor, qid, state, answer=answer, answered_on=day)
        except (AccessDenied, meetings.MeetingError) as exc:
            _refused(exc, lang)
            return
        _written("success", t("bv.marked", lang, state=t(f"bv.state.{state}", lang)))
