"""Échéances et blocages: overdue, stalled, slippage ledger, announced-but-not-held, governance rule."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, edit_forms
from dashboard.i18n import EVENT_STATES, EVENT_SYMBOLS, colon, t
from plans import config
from plans.formatting import fmt_date
from plans.wording import event_subject, governance_year, stalled_reason

plan_id, as_of, lang = components.context()
summary = data.summary(plan_id, as_of)
st.title(t("nav.deadlines", lang))
components.as_of_caption(summary, lang)
MAX_CHART = 12
measure_link = st.column_config.LinkColumn(t("ref", lang), display_text=r".*ref=(.*)$")


def with_link(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(ref=f"measure?plan={plan_id}&ref=" + df["ref"].astype(str)) if "ref" in df else df


def titles_in_lang(df: pd.DataFrame) -> pd.DataFrame:
    """English titles in English when the catalogue has them (as on the measures page)."""
    if lang == "fr" or df.empty or "title" not in df:
        return df
    english = data.titles(plan_id, as_of, lang)
    return df.assign(title=[english.get(str(r), title) for r, title in zip(df["ref"], df["title"], strict=False)])


def dates_fr(df: pd.DataFrame, cols) -> pd.DataFrame:
    return df.assign(**{c: df[c].map(lambda v: fmt_date(v, lang)) for c in cols if c in df})


st.header(t("dl.overdue", lang))
overdue = pd.DataFrame(summary.get("overdue") or [])
if not summary.get("measures_documented"):  # « nothing overdue » would be a claim we cannot make
    components.empty_state()
elif overdue.empty:
    st.success(t("dl.overdue_none", lang))
else:
    leads = data.measures_table(plan_id, as_of).set_index("ref")["lead_body"]  # who to ask, beside each measure
    overdue = overdue.assign(lead_body=overdue["ref"].map(leads.to_dict()).fillna(""))
    overdue = titles_in_lang(overdue[[c for c in ("ref", "title", "lead_body", "deadline", "deadline_end",
                                                  "days_overdue") if c in overdue]])
    headers = {"ref": t("ref", lang), "title": t("title", lang), "lead_body": t("lead", lang),
               "deadline": t("col.deadline_announced", lang), "deadline_end": t("col.deadline_end", lang),
               "days_overdue": t("days_overdue", lang)}
    # every column inside 1280 px, Pilote included: texts wrap on three lines (rows over 4rem) rather than being cut
    st.dataframe(with_link(dates_fr(overdue, ["deadline_end"])), hide_index=True, row_height=66, column_config={
        **headers, "ref": measure_link, "title": st.column_config.TextColumn(headers["title"], width=220),
        "lead_body": st.column_config.TextColumn(headers["lead_body"], width=150),
        "deadline": st.column_config.TextColumn(headers["deadline"], width=145),
        "deadline_end": st.column_config.TextColumn(headers["deadline_end"], width=130),
        "days_overdue": st.column_config.NumberColumn(headers["days_overdue"], format="%d", width=105)})
    components.downloads(overdue.rename(columns=headers), t("dl.overdue", lang), "dl_overdue")
note = components.completeness_note(summary, lang)
st.caption(t("dl.computed_on", lang, note=note))
if summary.get("no_deadline"):
    st.caption(t("dl.no_deadline", lang) + colon(lang) + ", ".join(map(components.plain, summary["no_deadline"])))

th = config.with_defaults("thresholds", summary.get("thresholds"))
st.header(t("stalled.title", lang), help=t("help.stalled", lang, days=th["stalled_days"],
                                               postponements=th["stalled_postponements"]))
st.caption(t("help.stalled", lang, days=th["stalled_days"], postponements=th["stalled_postponements"]))
stalled = pd.DataFrame(summary.get("stalled") or [])
if not summary.get("measures_documented"):
    st.info(t("no_data", lang))
elif stalled.empty:
    st.success(t("stalled.none", lang))
else:
    if "since" in stalled:  # a source dated to the month gives a month, not the month's last day
        prec = stalled["since_precision"] if "since_precision" in stalled else [None] * len(stalled)
        stalled = stalled.assign(since=[fmt_date(v, lang, precision=p) for v, p in zip(stalled["since"], prec,
                                                                                          strict=True)])
    stalled = stalled.assign(reason=[stalled_reason(d, n, lang) for d, n in zip(stalled["unchanged_days"],
                                                                                 stalled["times_postponed"], strict=True)])
    stalled = titles_in_lang(stalled[[c for c in ("ref", "title", "reason", "since") if c in stalled]])
    headers = {"ref": t("ref", lang), "title": t("title", lang), "reason": t("reason", lang),
               "since": t("since", lang)}
    st.dataframe(with_link(stalled), hide_index=True, row_height=66, column_config={  # texts wrap: none cut at 1280 px
        **headers, "ref": measure_link, "title": st.column_config.TextColumn(headers["title"], width=300),
        "reason": st.column_config.TextColumn(headers["reason"], width=300),
        "since": st.column_config.TextColumn(headers["since"], width=130)})
    components.downloads(stalled.rename(columns=headers), t("stalled.title", lang), "dl_stalled")

st.header(t("dl.slipped", lang))
slipped = data.moved_dates(summary.get("slipped") or [])
edit_forms.announcement_form(plan_id, sorted({str(e.get("subject")) for e in slipped if e.get("subject")}), lang)
states = {k: f"{EVENT_SYMBOLS[k]} {v}" for k, v in EVENT_STATES[lang].items()}
headers = {"subject": t("col.event", lang), "announced": t("col.announced", lang), "held_on": t("col.held_on", lang),
           "postponements": t("col.postponements", lang), "days_slipped": t("col.days_slipped", lang),
           "state": t("col.state", lang)}
ledger = pd.DataFrame([{"subject": event_subject(e, lang), "state": states.get(e.get("state"), ""),
                        "postponements": e.get("postponements"), "days_slipped": e.get("days_slipped"),
                        "held_on": fmt_date(e.get("held_on"), lang), "announced": " → ".join(e.get("announced") or [])}
                       for e in slipped])  # the announced dates last: the widest column, also drawn below
if ledger.empty:
    st.success(t("dl.slipped_none", lang))
else:
    st.dataframe(ledger, hide_index=True, row_height=66, column_config={  # texts wrap: none cut at 1280 px
        **headers, "subject": st.column_config.TextColumn(headers["subject"], width=160),
        "state": st.column_config.TextColumn(headers["state"], width=120),
        "postponements": st.column_config.NumberColumn(headers["postponements"], format="%d", width=110),
        "days_slipped": st.column_config.NumberColumn(headers["days_slipped"], format="%d", width=140),
        "held_on": st.column_config.TextColumn(headers["held_on"], width=95),
        "announced": st.column_config.TextColumn(headers["announced"], width=190)})
    components.downloads(ledger.rename(columns=headers), t("dl.slipped", lang), "dl_ledger")
    top = sorted(range(len(slipped)), key=lambda i: (-(slipped[i].get("postponements") or 0),
                                                      -(slipped[i].get("days_slipped") or 0)))[:MAX_CHART]
    st.caption(t("dl.slipped_legend", lang)
               + (t("dl.slipped_top", lang, top=MAX_CHART, n=len(slipped)) if len(slipped) > MAX_CHART else ""))
    components.chart(charts.slippage_timeline([slipped[i] for i in top], lang),
                     ledger.iloc[top].rename(columns=headers), t("dl.slipped", lang), "chart_slip")

st.header(t("not_held.title", lang), help=t("help.not_held", lang))
st.caption(t("not_held.caption", lang))
nh = pd.DataFrame(summary.get("not_held") or [])
if nh.empty:
    st.success(t("not_held.none", lang))
else:
    cols = [c for c in ("subject", "expected", "expected_end", "days_late", "ref") if c in nh]
    headers = {"subject": t("col.event", lang), "expected": t("col.announced_date", lang),
               "expected_end": t("col.at_the_latest", lang), "days_late": t("col.days_late", lang),
               "ref": t("ref", lang)}
    st.dataframe(dates_fr(nh[cols], ["expected_end"]).fillna(""), hide_index=True, row_height=66, column_config={
        **headers, "subject": st.column_config.TextColumn(headers["subject"], width=300),  # wraps: none cut at 1280 px
        "expected": st.column_config.TextColumn(headers["expected"], width=140),
        "expected_end": st.column_config.TextColumn(headers["expected_end"], width=130),
        "days_late": st.column_config.NumberColumn(headers["days_late"], format="%d", width=150),
        "ref": st.column_config.TextColumn(headers["ref"], width=60)})
    components.downloads(nh[cols].rename(columns=headers), t("not_held.title", lang), "dl_nh")

st.header(t("dl.governance", lang))
gov = summary.get("governance") or {}
gov_df = pd.DataFrame([{"year": y, **{k: v[k] for k in ("held", "required", "met", "complete_year")}}
                       for y, v in gov.items()])
gov_df = gov_df.rename(columns={"year": t("col.year", lang), "held": t("col.held", lang),
                                "required": t("col.required", lang), "met": t("col.met", lang),
                                "complete_year": t("col.complete_year", lang)})
components.chart(charts.governance_bars(gov, lang), gov_df, t("dl.governance", lang), "chart_gov")
st.markdown("\n".join(f"- {governance_year(y, g, lang)}" for y, g in gov.items()))
st.caption(t("dl.governance_rule", lang, last=fmt_date(summary.get("last_meeting_held"), lang) or "—"))
