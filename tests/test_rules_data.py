"""The public monitoring rules return data, never sentences: every string they give back is a value read from
the database (titles, subjects, deadline texts, comments, plan settings…), an ISO date, a code (``done``,
``overdue``, ``projection``…) or a deadline chain's key (``deadline:`` + a ref). The sentences said about that
data — why a measure is stalled, « Échéance de la mesure F01 », « 30 jour(s) de retard », where a generation's
progress comes from, a computation's formula — are worded by ``plans.wording`` from plans/texts.toml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import select

from plans import rules, wording
from plans.schema import metadata
from plans.wording import DEADLINE_EVENT
from tests import factories as f

D = dt.date
PNA = "pna-2024-2027"
CODE = re.compile(r"[a-z][a-z0-9_]*|\d{4}")  # a vocabulary code, a key, a year (governance)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _strings(value) -> Iterator[str]:
    """Every string in a value: dict keys and values, list items, DataFrame cells (recursively)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple | set):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, pd.DataFrame):
        yield from (str(c) for c in value.columns)
        yield from _strings(value.astype(object).to_dict("records"))


def stored_strings(engine) -> set[str]:
    """Every string held by the database, JSON settings included."""
    found: set[str] = set()
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                found.update(_strings(list(row)))
    return found


def is_data(s: str, stored: set[str]) -> bool:
    return (s in stored or bool(CODE.fullmatch(s)) or bool(ISO_DAY.fullmatch(s))
            or (s.startswith(DEADLINE_EVENT) and s[len(DEADLINE_EVENT):] in stored))


@pytest.fixture
def store(sqlite_seeded):
    """The shipped catalogue plus a plan whose measure A is stalled twice over (no news for a year and its
    deadline postponed twice: a deadline chain in the slipped dates) and whose measure B becomes overdue."""
    eng = sqlite_seeded
    f.make_plan(eng, "p", title_fr="Plan de test")
    f.add_measure(eng, "p", "A", title_fr="Mesure reportée", deadline_text="2026")
    f.add_measure(eng, "p", "B", title_fr="Mesure en retard", deadline_text="mars 2025")
    f.add_assessment(eng, "p", "A", "2024-01-10", "in_progress", summary="lancée")
    f.add_assessment(eng, "p", "B", "2024-12-01", "initiated")
    f.add_revision(eng, "p", "A", "2024-06-01", "deadline_text", "fin 2024", "juin 2025")
    f.add_revision(eng, "p", "A", "2025-03-01", "deadline_text", "juin 2025", "2026")
    return eng


def outputs(engine) -> dict[str, object]:
    """What the public rules return for the seeded plan and the test plan, by call."""
    out: dict[str, object] = {}
    for plan, as_of, since in ((PNA, D(2026, 12, 1), D(2023, 1, 1)), ("p", D(2025, 6, 1), D(2024, 1, 1))):
        out[f"summary {plan}"] = rules.summary(engine, plan, as_of)
        out[f"measures_table {plan}"] = rules.measures_table(engine, plan, as_of)
        out[f"changes {plan}"] = rules.changes(engine, plan, since, as_of)
        out[f"generations {plan}"] = rules.generations(engine, plan, as_of)
        out[f"slippage {plan}"] = rules.slippage(engine, plan, as_of)
        for what in rules.figures.EXPLAIN_WHATS:
            out[f"explain {plan} {what}"] = rules.explain(engine, plan, what, as_of)
        ref = "F06" if plan == PNA else "A"
        out[f"explain {plan} stalled {ref}"] = rules.explain(engine, plan, "stalled", as_of, ref=ref)
        out[f"measure_detail {plan} {ref}"] = rules.measure_detail(engine, plan, ref, as_of)
    return out


def test_the_rules_return_no_sentence(store):
    stored = stored_strings(store)
    got = outputs(store)
    prose = {f"{call}: {s!r}" for call, value in got.items() for s in _strings(value) if not is_data(s, stored)}
    assert not prose, "\n".join(sorted(prose))
    assert sum(1 for value in got.values() for _ in _strings(value)) > 2000, "the scan saw too few strings"


def test_the_sentences_are_worded_from_the_data(store):
    """The cases worded by plans.wording occur in the data scanned above, and their sentences are exactly what
    the scan would refuse: prose, not data."""
    stored = stored_strings(store)
    s = rules.summary(store, "p", D(2025, 6, 1))
    a = next(x for x in s["stalled"] if x["ref"] == "A")
    assert (a["unchanged_days"], a["times_postponed"]) == ((D(2025, 6, 1) - D(2024, 1, 10)).days, 2)
    deadline = next(e for e in s["slipped"] if e["event_key"] == "deadline:A")
    assert deadline["subject"] is None
    late = next(c for c in rules.changes(store, "p", D(2024, 1, 1), D(2025, 6, 1)) if c["what"] == "overdue")
    assert late["after"] == (D(2025, 6, 1) - D(2025, 3, 31)).days
    gens = {g["plan"]: g["progress_source"] for g in rules.generations(store, PNA, D(2026, 12, 1))["generations"]}
    assert gens["pna-2019-2021"]["kind"] == "evaluation" and gens[PNA]["kind"] == "computed"
    formula = rules.explain(store, PNA, "projection", D(2026, 12, 1))[0]["rule"]
    sentences = {
        "stalled": wording.stalled_reason(a["unchanged_days"], a["times_postponed"]),
        "stalled_en": wording.stalled_reason(a["unchanged_days"], a["times_postponed"], "en"),
        "subject": wording.event_subject(deadline),
        "overdue": wording.days_overdue(late["after"]),
        "evaluation": wording.progress_source(gens["pna-2019-2021"]),
        "computed": wording.progress_source(gens[PNA], "en"),
        "formula": wording.explain_rule(formula),
    }
    assert sentences["stalled"] == "Ni le statut ni l'information n'ont changé depuis 508 jours; reportée 2 fois"
    assert sentences["subject"] == "Échéance de la mesure A" and sentences["overdue"] == "62 jour(s) de retard"
    assert sentences["formula"] == "projection = début + jours écoulés / avancement"
    assert sentences["computed"] == f"Vigie as of 2026-12-01 ({gens[PNA]['documented']} documented measures)"
    assert sentences["evaluation"].startswith("évaluation ")
    accepted = {name: text for name, text in sentences.items() if is_data(text, stored)}
    assert not accepted, accepted
