"""The summary a person reads in the terminal (``python -m plans summary``): postponements counted in words, the
plural right, never « report(s) » (no « 0 report(s) » noise, in the terminal as in the brief)."""

from __future__ import annotations

import datetime as dt

import pytest

from plans import rules
from plans.rules.cli import render_summary


@pytest.mark.parametrize("lang, words", [
    ("fr", ["2 reports, 50 jours de glissement", "1 report, 82 jours de glissement", "aucun report"]),
    ("en", ["2 postponements, 50 days slipped", "1 postponement, 82 days slipped", "no postponement"])])
def test_postponements_in_words(seeded, lang, words):
    out = render_summary(rules.summary(seeded, "pna-2024-2027", dt.date(2025, 6, 27)), lang)
    for w in words:
        assert w in out
    assert "(s)" not in out.split("\n\n")[-2]  # the postponements' block
