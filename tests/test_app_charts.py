"""Figure builders of dashboard.charts (pure functions, no Streamlit) and French formatting."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from dashboard.i18n import status_text
from plans.formatting import fmt_date, fmt_num, fmt_pct

COMMITTEE = {"event_key": "comite-2024-1", "subject": "Comité de coordination", "postponements": 2,
             "days_slipped": 50, "state": "held", "held_on": "2024-03-21",
             "announced": ["fin janvier 2024", "fin février 2024", "21 Mar 2024 (date given on a page)"],
             "announced_ranges": [["2024-01-01", "2024-01-31"], ["2024-02-01", "2024-02-29"],
                                  ["2024-03-21", "2024-03-21"]]}


def test_french_formatting():
    assert fmt_date("2024-03-21") == "21 mars 2024"
    assert fmt_date(dt.date(2024, 3, 21), "en") == "21 March 2024"
    assert fmt_num(1234.5) == "1\u202f234,5"
    assert fmt_pct(0.2) == "20\u202f%"
    assert fmt_pct(None) == "—"
    assert status_text("done") == "● Réalisée" and status_text("done", "en") == "● Done"


def test_status_by_axis_stacks_statuses_with_labels_not_colour_alone():
    df = pd.DataFrame({"group": ["Axe 1", "Axe 2"], "done": [1, 0], "in_progress": [2, 1], "unknown": [0, 0],
                       "documented": [3, 1], "progress": [0.33, 0.0]})
    fig = charts.status_by_axis(df, "fr")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["◑ En cours", "● Réalisée"]  # empty statuses are left out
    assert fig.data[1].marker.color == "#009E73"


def test_empty_inputs_give_a_message_not_an_empty_axis():
    for fig in (charts.status_by_axis(pd.DataFrame(), "fr"), charts.status_donut({}, "fr"),
                charts.progress_over_time(pd.DataFrame(), {}, None, "fr"), charts.time_vs_progress({}, "fr"),
                charts.slippage_timeline([], "fr"), charts.governance_bars({}, "fr")):
        assert isinstance(fig, go.Figure)
        assert fig.layout.annotations[0].text == "Aucune donnée à afficher"


def test_slippage_timeline_shows_the_committee_chain():
    fig = charts.slippage_timeline([COMMITTEE], "fr")
    trace = fig.data[0]
    assert list(trace.x) == [dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2024, 3, 21)]
    labels = " ".join(trace.text)
    assert "fin janvier 2024" in labels and "fin février 2024" in labels and "21 mars 2024" in labels
    assert list(trace.marker.symbol) == ["circle-open", "circle-open", "circle"]
    assert "reportée 2 fois" in fig.layout.annotations[0].text


def test_not_held_event_is_marked_with_a_cross():
    ev = {"subject": "Réunion MNIOP", "announced": ["mi-novembre 2024"], "state": "not_held",
          "announced_ranges": [["2024-11-11", "2024-11-20"]], "held_on": None}
    trace = charts.slippage_timeline([ev], "fr").data[0]
    assert list(trace.marker.symbol) == ["x"] and "Aucune tenue connue" in trace.text[0].replace("<br>", " ")


def test_governance_marks_years_and_ongoing_year():
    gov = {2024: {"held": 2, "required": 2, "met": True, "complete_year": True},
           2025: {"held": 1, "required": 2, "met": False, "complete_year": True},
           2026: {"held": 0, "required": 2, "met": False, "complete_year": False}}
    bars = charts.governance_bars(gov, "fr").data[0]
    assert list(bars.text) == ["2 / 2 ✓", "1 / 2 ✗", "0 / 2 …"]


def test_progress_over_time_marks_period_and_as_of_with_french_months():
    hist = pd.DataFrame({"date": ["2024-06-11", "2025-09-30"], "progress": [0.0, 0.1], "documented": [7, 12]})
    plan = {"period_start": "2024-01-01", "period_end": "2027-12-31"}
    fig = charts.progress_over_time(hist, plan, dt.date(2026, 1, 31), "fr")
    assert any("janv." in t for t in fig.layout.xaxis.ticktext)
    assert any("Données au 31 janvier 2026" in (a.text or "") for a in fig.layout.annotations)
    assert len(fig.layout.shapes) == 2  # plan period + as-of line
    # percentages written the French way, and « 0 % » lifted off the date axis (it overlapped « janv. 2024 »)
    assert "40\u202f%" in fig.layout.yaxis.ticktext and fig.layout.yaxis.range[0] < 0
    en = charts.progress_over_time(hist, plan, dt.date(2026, 1, 31), "en")
    assert "40%" in en.layout.yaxis.ticktext


def test_time_vs_progress_writes_the_projection_date():
    fig = charts.time_vs_progress({"time_elapsed": 0.73, "progress": 0.08, "projection": "2058-12-28",
                                   "period_end": "2027-12-31"}, "fr")
    note = fig.layout.annotations[0].text.replace("<br>", " ")
    assert "28 décembre 2058" in note and "après la fin du plan" in note


def test_status_timeline_one_row_per_voice():
    hist = pd.DataFrame({"as_of": ["2024-06-01", "2025-01-01", "2025-03-01"],
                         "status": ["initiated", "in_progress", "done"],
                         "voice": ["civil_society", "civil_society", "government"]})
    fig = charts.status_timeline(hist, "fr")
    assert [t.y[0] for t in fig.data] == ["Société civile", "Gouvernement"]
    assert list(fig.data[0].text) == ["◔ Engagée / en construction", "◑ En cours"]
