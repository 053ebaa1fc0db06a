"""plans.dates.parse_vague on the deadline spellings coordinators write."""

import datetime as dt

import pytest

from plans.dates import DateRange, impossible_day, parse_vague

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


# English vague deadlines, each beside its French twin: the same range and precision.
@pytest.mark.parametrize(("text", "twin", "start", "end", "precision"), [
    ("Q1 2025", "T1 2025", D(2025, 1, 1), D(2025, 3, 31), "period"),
    ("Q2 2025", "T2 2025", D(2025, 4, 1), D(2025, 6, 30), "period"),
    ("Q3 2025", "T3 2025", D(2025, 7, 1), D(2025, 9, 30), "period"),
    ("Q4 2025", "T4 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("in Q3 2025", "au T3 2025", D(2025, 7, 1), D(2025, 9, 30), "period"),
    ("second quarter of 2025", "deuxième trimestre 2025", D(2025, 4, 1), D(2025, 6, 30), "period"),
    ("1st quarter 2025", "1er trimestre 2025", D(2025, 1, 1), D(2025, 3, 31), "period"),
    ("H1 2025", "S1 2025", D(2025, 1, 1), D(2025, 6, 30), "period"),
    ("H2 2025", "S2 2025", D(2025, 7, 1), D(2025, 12, 31), "period"),
    ("first half of 2025", "premier semestre 2025", D(2025, 1, 1), D(2025, 6, 30), "period"),
    ("in the second half of 2024", "au second semestre 2024", D(2024, 7, 1), D(2024, 12, 31), "period"),
    ("end of 2025", "fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("end 2025", "fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("end-2025", "fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("late 2025", "fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("by 2026", "d'ici 2026", D(2026, 1, 1), D(2026, 12, 31), "period"),
    ("by end of 2025", "d'ici fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("by the end of 2025", "d'ici la fin 2025", D(2025, 10, 1), D(2025, 12, 31), "period"),
    ("early 2026", "début 2026", D(2026, 1, 1), D(2026, 3, 31), "period"),
    ("beginning of 2026", "début 2026", D(2026, 1, 1), D(2026, 3, 31), "period"),
    ("mid-2025", "mi-2025", D(2025, 4, 1), D(2025, 9, 30), "period"),
    ("by mid 2026", "d'ici mi-2026", D(2026, 4, 1), D(2026, 9, 30), "period"),
    ("during 2025", "courant 2025", D(2025, 1, 1), D(2025, 12, 31), "period"),
    ("March 2025", "mars 2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
    ("Sept. 2025", "sept. 2025", D(2025, 9, 1), D(2025, 9, 30), "month"),
    ("end of March 2025", "fin mars 2025", D(2025, 3, 21), D(2025, 3, 31), "month"),
    ("by the end of February 2024", "d'ici la fin février 2024", D(2024, 2, 21), D(2024, 2, 29), "month"),
    ("early November 2024", "début novembre 2024", D(2024, 11, 1), D(2024, 11, 10), "month"),
    ("mid-November 2024", "mi-novembre 2024", D(2024, 11, 11), D(2024, 11, 20), "month"),
    # a season is its three meteorological months (winter runs into the next year), as in French
    ("spring 2025", "printemps 2025", D(2025, 3, 1), D(2025, 5, 31), "period"),
    ("summer 2024", "été 2024", D(2024, 6, 1), D(2024, 8, 31), "period"),
    ("autumn 2025", "automne 2025", D(2025, 9, 1), D(2025, 11, 30), "period"),
    ("winter 2025", "hiver 2025", D(2025, 12, 1), D(2026, 2, 28), "period"),
    ("18 October 2024", "18 octobre 2024", D(2024, 10, 18), D(2024, 10, 18), "day"),
    ("October 18, 2024", "18 octobre 2024", D(2024, 10, 18), D(2024, 10, 18), "day"),
    ("end of the plan", "durée du plan", D(2024, 1, 1), D(2027, 12, 31), "period"),
])
def test_english_vague_deadlines_read_as_their_french_twin(text, twin, start, end, precision):
    assert parse_vague(text, **PLAN) == parse_vague(twin, **PLAN) == DateRange(start, end, precision)


@pytest.mark.parametrize("text", [
    "FY2025", "FY 2025", "FY25",  # a fiscal year's months depend on the body: not guessed
    "end of Q2 2025", "fin T2 2025",  # neither is read in French either
    "asap", "when funding allows",
])
def test_forms_left_unread(text):
    assert parse_vague(text, **PLAN) is None


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-30", "29/02/2025", "31/04/2025", "32/01/2026",
                                  "30 février 2026", "February 30, 2026", "le 31.06.2025"])
def test_impossible_days_are_told_apart(text):
    assert parse_vague(text) is None and impossible_day(text)


@pytest.mark.parametrize("text", ["29/02/2024", "fin 2025", "13/13/2025", "n'importe quand", "", None,
                                  dt.date(2025, 2, 28)])
def test_possible_or_unread_days_are_not_impossible(text):
    assert not impossible_day(text)


# Through an import: an impossible day is an error naming row, column and value; unread text is kept.

def _workbook(path, deadlines, anns=()):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mesures"
    ws.append(["Réf.", "Intitulé", "Statut", "Échéance"])
    for n, deadline in enumerate(deadlines, start=1):
        ws.append([f"F{n:02d}", f"Mesure {n}", "En cours", deadline])
    if anns:
        wa = wb.create_sheet("Annonces")
        wa.append(["Sujet", "Date de l'annonce", "Date annoncée", "Tenu le", "Notes"])
        for row in anns:
            wa.append(list(row))
    wb.save(path)
    return path


def _import(tmp_path, deadlines, anns=(), lang="fr", *, keep=None):
    from loaders import import_file
    from plans.access import CLI
    from plans.db import make_engine, upgrade

    eng = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    upgrade(eng)
    try:
        report = import_file(_workbook(tmp_path / "dates.xlsx", deadlines, anns), "test-plan", eng,
                             as_of=dt.date(2025, 1, 1), actor=CLI, lang=lang)
        if keep is not None:
            from sqlalchemy import select

            from plans import schema as s

            with eng.connect() as conn:
                keep.extend(conn.execute(select(s.measures.c.ref, s.measures.c.deadline_text, s.measures.c.deadline_end)
                                         .order_by(s.measures.c.ref)).all())
        return report
    finally:
        eng.dispose()


def test_impossible_deadline_days_are_errors(tmp_path):
    report = _import(tmp_path, ["31/02/2026", "fin 2025", "2026-02-30", "29/02/2025"])
    assert report.outcome == "rejected"
    assert [(i.row, i.column, i.value, i.code) for i in report.errors] == [
        (2, "Échéance (D)", "31/02/2026", "impossible-day"),
        (4, "Échéance (D)", "2026-02-30", "impossible-day"),
        (5, "Échéance (D)", "29/02/2025", "impossible-day"),
    ]
    e = report.errors[0]
    assert e.message == "Ligne 2, colonne Échéance (D) : le jour « 31/02/2026 » n'existe pas."
    assert "ce jour n'existe pas" in e.hint
    english = _import(tmp_path, ["31/02/2026"], lang="en")
    assert english.errors[0].message == 'Row 2, column Échéance (D): the day "31/02/2026" does not exist.'


def test_impossible_announcement_days_are_errors(tmp_path):
    report = _import(tmp_path, ["fin 2025"], anns=[
        ("Comité", "31/02/2024", "fin mars 2024", None, None),
        ("Comité", dt.date(2024, 4, 2), "2024-06-31", None, None),
        ("Comité", dt.date(2024, 7, 1), None, "30/02/2024", None),
    ])
    assert [(i.sheet, i.row, i.column, i.value, i.code) for i in report.errors] == [
        ("Annonces", 2, "Date de l'annonce (B)", "31/02/2024", "impossible-day"),
        ("Annonces", 3, "Date annoncée (C)", "2024-06-31", "impossible-day"),
        ("Annonces", 4, "Tenu le (D)", "30/02/2024", "impossible-day"),
    ]


def test_unread_deadline_is_kept_as_written_with_a_warning(tmp_path):
    stored: list = []
    report = _import(tmp_path, ["FY2025", "quand les crédits le permettront", "by end of 2025"], keep=stored)
    assert report.ok and report.outcome == "imported", report.errors
    assert [(i.row, i.column, i.value, i.code) for i in report.warnings if i.column] == [
        (2, "Échéance (D)", "FY2025", "unread-date"),
        (3, "Échéance (D)", "quand les crédits le permettront", "unread-date"),
        (4, "Échéance (D)", "by end of 2025", "deadline-read"),
    ]
    unread = next(i for i in report.warnings if i.code == "unread-date")
    assert unread.message.endswith("gardée telle qu'écrite.")  # the warning says what became of it
    assert unread.rendered("en").message.endswith("kept as written.")
    assert [tuple(r) for r in stored] == [("F01", "FY2025", None), ("F02", "quand les crédits le permettront", None),
                                          ("F03", "by end of 2025", D(2025, 12, 31))]
