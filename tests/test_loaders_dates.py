"""plans.dates.parse_vague on the deadline spellings coordinators write."""

import datetime as dt

import pytest

from plans.dates import parse_vague

PLAN = {"plan_start": dt.date(2024, 1, 1), "plan_end": dt.date(2027, 12, 31)}
D = dt.date


@pytest.mark.parametrize(("text", "start", "end"), [
    ("18/10/2024", D(2024, 10, 18), D(2024, 10, 18)),
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("d'ici 2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("fin 2025", D(2025, 10, 1), D(2025, 12, 31)),
    ("début février 2026", D(2026, 2, 1), D(2026, 2, 10)),
    ("mi-novembre 2024", D(2024, 11, 11), D(2024, 11, 20)),
    ("T2 2024", D(2024, 4, 1), D(2024, 6, 30)),
    ("S1 2025", D(2025, 1, 1), D(2025, 6, 30)),
    ("été 2024", D(2024, 6, 1), D(2024, 8, 31)),
    ("durée du plan", D(2024, 1, 1), D(2027, 12, 31)),
    # added for the loaders: ordinal words and « courant » / « dès »
    ("premier semestre 2025", D(2025, 1, 1), D(2025, 6, 30)),
    ("au second semestre 2024", D(2024, 7, 1), D(2024, 12, 31)),
    ("premier trimestre 2025", D(2025, 1, 1), D(2025, 3, 31)),
    ("courant 2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("dès 2024", D(2024, 1, 1), D(2024, 12, 31)),
])
def test_vague_deadlines(text, start, end):
    r = parse_vague(text, **PLAN)
    assert (r.start, r.end) == (start, end)


def test_real_date_cells_and_blanks():
    assert parse_vague(dt.datetime(2024, 10, 18, 0, 0)).start == D(2024, 10, 18)
    assert parse_vague("") is None and parse_vague(None) is None
    assert parse_vague("durée du plan") is None  # no plan end known
    assert parse_vague("la seconde guerre") is None


@pytest.mark.parametrize(("text", "year"), [("01/01/0001", 1), ("01/01/25", 2025), ("31/12/0099", 99)])
def test_four_digit_years_are_read_as_written(text, year):
    """« 01/01/0001 » is year 1 (refused by the import as out of range), not 2001."""
    rng = parse_vague(text)
    assert rng is not None and rng.start.year == year
