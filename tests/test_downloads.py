"""What a download carries: its name says the plan and the « données au » date; the rules' column codes become
words and shares « 45 % »; Plotly's toolbar speaks French in French."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import streamlit as st

from dashboard import components


@pytest.fixture
def session():
    st.session_state["plan"], st.session_state["as_of"], st.session_state["lang"] = "pna-2024-2027", \
        dt.date(2025, 6, 30), "fr"
    yield
    for key in ("plan", "as_of", "lang"):
        st.session_state.pop(key, None)


def test_a_download_is_named_after_what_it_is_the_plan_and_the_date(session):
    assert components.download_name("Avancement par axe") == "avancement-par-axe-pna-2024-2027-2025-06-30"
    config = components.plotly_config("Avancement par axe")
    assert config["toImageButtonOptions"]["filename"] == "avancement-par-axe-pna-2024-2027-2025-06-30"


def test_a_downloaded_table_speaks_words_not_codes(session):
    df = pd.DataFrame({"group": ["Axe 1"], "in_progress": [2], "done": [1], "documented": [3], "progress": [0.4567],
                       "coverage_note": ["3 documentées"]})
    out = components.readable(df, "fr")
    assert list(out.columns) == ["Groupe", "En cours", "Réalisée", "Mesures documentées", "Avancement", "Couverture"]
    assert out["Avancement"].iloc[0] == "46\u202f%" and df["progress"].iloc[0] == 0.4567  # the shown data unchanged
    assert list(components.readable(df, "en").columns)[:3] == ["Group", "In progress", "Done"]


def test_plotly_speaks_french_in_french(session):
    config = components.plotly_config("x")
    assert config["locale"] == "fr"
    words = config["locales"]["fr"]["dictionary"]
    assert words["Download plot as a png"].startswith("Télécharger") and words["Zoom in"] == "Zoom avant"
    assert config["locales"]["fr"]["format"]["shortMonths"][0] == "janv."
    st.session_state["lang"] = "en"
    assert components.plotly_config("x") == {**components.plotly_config("x"), "locale": "en"}
    assert "locales" not in components.plotly_config("x")
