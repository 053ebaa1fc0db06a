"""plans.dates.header_date: the date a column header says (« Statut juin 2025 », « Estado DIC 2025 »…)."""

import datetime as dt

import pytest

from plans.dates import YEAR_MAX, YEAR_MIN, header_date

D = dt.date


@pytest.mark.parametrize(("text", "day", "precision"), [
    ("Statut juin 2025", D(2025, 6, 30), "month"),
    ("Estado DIC 2025", D(2025, 12, 31), "month"),
    ("DetalleEstado DIC 2025", D(2025, 12, 31), "month"),
    ("status_2019", D(2019, 12, 31), "year"),
    ("Statut 2024", D(2024, 12, 31), "year"),
    ("T2 2025", D(2025, 6, 30), "quarter"),
    ("Q2 2025", D(2025, 6, 30), "quarter"),
    ("Statut T4-2024", D(2024, 12, 31), "quarter"),
    ("Avancement 1er trimestre 2025", D(2025, 3, 31), "quarter"),
    ("Statut au 15/03/2024", D(2024, 3, 15), "day"),
    ("Status 2024-03-15", D(2024, 3, 15), "day"),
    ("Statut au 15 mars 2024", D(2024, 3, 15), "day"),
    ("Status March 15, 2024", D(2024, 3, 15), "day"),
    ("Situación a marzo de 2024", D(2024, 3, 31), "month"),
    ("Status March 2024", D(2024, 3, 31), "month"),
    ("mars 24", D(2024, 3, 31), "month"),
    ("Statut févr. 2024", D(2024, 2, 29), "month"),
    ("Statut janv. 2025", D(2025, 1, 31), "month"),
    ("Estado ene 2025", D(2025, 1, 31), "month"),
    ("Estado abr 2025", D(2025, 4, 30), "month"),
    ("Estado ago 2025", D(2025, 8, 31), "month"),
    ("Estado sept 2025", D(2025, 9, 30), "month"),
    ("Estado septiembre 2025", D(2025, 9, 30), "month"),
    ("Estado setiembre 2025", D(2025, 9, 30), "month"),
    ("Estado mayo 2025", D(2025, 5, 31), "month"),
    ("Statut déc. 2023", D(2023, 12, 31), "month"),
    ("Status Jun-25", D(2025, 6, 30), "month"),
    ("Info août 2025", D(2025, 8, 31), "month"),
    ("Statut S1 2025", D(2025, 6, 30), "quarter"),
    ("Statut 2019-2020", D(2020, 12, 31), "year"),
    ("Statut 06/2025", D(2025, 6, 30), "month"),
    ("Statut 2025-06", D(2025, 6, 30), "month"),
])
def test_the_date_a_header_says(text, day, precision):
    assert header_date(text) == (day, precision)


@pytest.mark.parametrize("text", [
    "Statut", "Réf.", "Intitulé de la mesure", "", None, "Commentaires", "N°", "Statut mars",
    "Statut 24",            # a two-digit year only after a month name
    "Statut 1850", "status_2150", "Réf 12345",  # outside YEAR_MIN–YEAR_MAX, or not a year
    "Statut au 31/02/2024",  # a day that does not exist
    "Mayor", "Décembre",     # a month word without a year
    "Statut 13/2025",        # no such month
])
def test_no_date(text):
    assert header_date(text) is None


def test_a_date_cell_as_header_is_that_day():
    assert header_date(dt.datetime(2025, 6, 30)) == (D(2025, 6, 30), "day")
    assert header_date(D(2025, 6, 30)) == (D(2025, 6, 30), "day")


def test_never_outside_the_plausible_years():
    for year in (YEAR_MIN - 1, YEAR_MAX + 1):
        assert header_date(f"Statut juin {year}") is None
        assert header_date(f"T1 {year}") is None
    assert header_date(f"Statut {YEAR_MIN}") == (D(YEAR_MIN, 12, 31), "year")
