"""The built-in vocabulary of statuses and voices: the French and English words of commitment trackers,
compared with case, accents and separators ignored (« in-progress » ≡ « in_progress » ≡ « In  Progress »)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from loaders import import_file
from loaders.values import _STATUS_WORDS, VOICE_SPELLINGS, status_code, voice_code
from plans import schema as s
from plans.access import CLI
from plans.db import make_engine, upgrade
from plans.normalize import spelling_key
from plans.vocab import STATUS_CODES

PLAN = "test-plan"


def _engine(tmp_path: Path):
    eng = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    upgrade(eng)
    return eng


def _csv(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "tracker.csv"
    lines = ["Réf.;Intitulé;Statut;Voix"] + [f"F{k:02d};Mesure {k};{status};{voice}"
                                              for k, (status, voice, _code) in enumerate(rows, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _imported(engine) -> dict[str, tuple[str, str, str]]:
    m, a = s.measures, s.assessments
    q = (select(m.c.ref, a.c.status, a.c.voice, a.c.status_as_reported)
         .join(a, a.c.measure_id == m.c.id).where(m.c.plan_id == PLAN))
    with engine.connect() as conn:
        return {r.ref: (r.status, r.voice, r.status_as_reported) for r in conn.execute(q)}


ENGLISH_TRACKER = [
    ("Delivered", "Government", "done"),
    ("completed", "government", "done"),
    ("Achieved", "NGO", "done"),
    ("Promise kept", "civil society", "done"),
    ("In progress", "Civil-Society", "in_progress"),
    ("ongoing", "civil_society", "in_progress"),
    ("Underway", "independent", "in_progress"),
    ("In the works", "Independent", "in_progress"),
    ("Not started", "government", "not_started"),
    ("not yet started", "government", "not_started"),
    ("Partly", "government", "partial"),
    ("Partially achieved", "government", "partial"),
    ("Largely", "government", "partial"),
    ("Compromise", "government", "partial"),
    ("Abandoned", "government", "abandoned"),
    ("Broken", "government", "abandoned"),
    ("Withdrawn", "government", "abandoned"),
    ("Postponed", "government", "postponed"),
    ("Delayed", "government", "postponed"),
    ("Deferred", "government", "postponed"),
    ("Rescheduled", "government", "postponed"),
]


def test_english_tracker_imports_with_the_expected_codes(tmp_path):
    eng = _engine(tmp_path)
    report = import_file(_csv(tmp_path, ENGLISH_TRACKER), PLAN, eng, as_of=dt.date(2025, 1, 1), actor=CLI)
    assert report.ok and report.outcome == "imported", [i.message for i in report.errors]
    got = _imported(eng)
    for k, (status, voice, code) in enumerate(ENGLISH_TRACKER, 1):
        assert got[f"F{k:02d}"][0] == code, status
        assert got[f"F{k:02d}"][2] == status  # the spelling as written is kept
        assert got[f"F{k:02d}"][1] == voice_code(voice)
    eng.dispose()


def test_separator_case_and_accent_variants_import_alike(tmp_path):
    rows = [(spelling, "Société-Civile", "in_progress")
            for spelling in ("in-progress", "in_progress", "In  Progress", "IN PROGRESS", "en-cours", "En_Cours",
                             "EN COURS")]
    eng = _engine(tmp_path)
    report = import_file(_csv(tmp_path, rows), PLAN, eng, as_of=dt.date(2025, 1, 1), actor=CLI)
    assert report.ok, [i.message for i in report.errors]
    assert {v[:2] for v in _imported(eng).values()} == {("in_progress", "civil_society")}
    eng.dispose()


@pytest.mark.parametrize("word", ["stalled", "Stalled", "au point mort", "planned", "pending"])
def test_words_left_to_the_coordinator_are_refused_with_the_usual_hint(tmp_path, word):
    """« stalled » is a state Vigie computes (no news for too long), not a status a file can set."""
    eng = _engine(tmp_path)
    report = import_file(_csv(tmp_path, [("done", "government", "done"), (word, "government", "")]), PLAN, eng,
                         as_of=dt.date(2025, 1, 1), actor=CLI)
    assert report.outcome == "rejected"
    assert [(e.row, e.code, e.value) for e in report.errors] == [(3, "unknown-status", word)]
    assert "Non engagée, Engagée / en construction, En cours" in report.errors[0].hint
    assert f'--value "status:{word}=CODE"' in report.errors[0].hint
    eng.dispose()


@pytest.mark.parametrize(("spelling", "code"), [
    # English
    ("delivered", "done"), ("Completed", "done"), ("achieved", "done"), ("done", "done"), ("fulfilled", "done"),
    ("kept", "done"), ("promise kept", "done"), ("Promise-Kept", "done"), ("finished", "done"),
    ("in progress", "in_progress"), ("in-progress", "in_progress"), ("In_Progress", "in_progress"),
    ("ongoing", "in_progress"), ("on-going", "in_progress"), ("underway", "in_progress"),
    ("under way", "in_progress"), ("in the works", "in_progress"), ("on track", "in_progress"),
    ("not started", "not_started"), ("Not-Started", "not_started"), ("not yet started", "not_started"),
    ("no progress", "not_started"),
    ("started", "initiated"), ("initiated", "initiated"), ("launched", "initiated"),
    ("partly", "partial"), ("partially", "partial"), ("partially achieved", "partial"),
    ("partially completed", "partial"), ("partly kept", "partial"), ("largely", "partial"),
    ("mostly done", "partial"), ("compromise", "partial"),
    ("abandoned", "abandoned"), ("broken", "abandoned"), ("promise broken", "abandoned"), ("dropped", "abandoned"),
    ("cancelled", "abandoned"), ("withdrawn", "abandoned"),
    ("postponed", "postponed"), ("delayed", "postponed"), ("deferred", "postponed"), ("rescheduled", "postponed"),
    ("behind schedule", "postponed"),
    ("not yet rated", "unknown"), ("no information", "unknown"),
    # French
    ("Réalisée", "done"), ("REALISEE", "done"), ("livrée", "done"), ("atteint", "done"), ("tenue", "done"),
    ("en cours", "in_progress"), ("En-Cours", "in_progress"), ("en bonne voie", "in_progress"),
    ("non engagée", "not_started"), ("non-engagée", "not_started"), ("pas encore engagée", "not_started"),
    ("engagée / en construction", "initiated"), ("engagée/en construction", "initiated"),
    ("Engagée - en construction", "initiated"), ("commencée", "initiated"),
    ("partiellement", "partial"), ("partiellement réalisée", "partial"), ("en grande partie réalisée", "partial"),
    ("en partie réalisée", "partial"),
    ("abandonnée", "abandoned"), ("non tenue", "abandoned"), ("retirée", "abandoned"),
    ("reportée", "postponed"), ("repoussée", "postponed"), ("décalée", "postponed"), ("reprogrammée", "postponed"),
    # codes, punctuation, fillers
    ("not_started", "not_started"), ("IN-PROGRESS", "in_progress"), ("done.", "done"), (" Done ! ", "done"),
    ("-", "unknown"), ("—", "unknown"), ("?", "unknown"), ("n/c", "unknown"), ("N / A", "unknown"),
])
def test_status_spelling_table(spelling, code):
    assert status_code(spelling, {}) == code


@pytest.mark.parametrize("spelling", ["stalled", "Stalled", "bloquée", "au point mort", "planned", "prévue",
                                      "pending", "en attente", "on hold", "suspended", ".", "--", "Bof"])
def test_status_spellings_not_in_the_vocabulary(spelling):
    assert status_code(spelling, {}) is None


def test_every_word_maps_to_one_code_and_codes_stay_canonical():
    seen: dict[str, str] = {}
    for code, words in _STATUS_WORDS.items():
        assert code in STATUS_CODES
        for w in words:
            key = spelling_key(w)
            assert key, w
            assert seen.setdefault(key, code) == code, (w, seen[key], code)
    assert len(STATUS_CODES) == 8


def test_the_plan_extra_spellings_are_compared_the_same_way(tmp_path):
    extra = {spelling_key("En construction-bis"): "initiated"}
    for spelling in ("en construction bis", "EN_CONSTRUCTION_BIS", "En Construction-Bis"):
        assert status_code(spelling, extra) == "initiated"


@pytest.mark.parametrize(("spelling", "code"), [
    ("Société civile", "civil_society"), ("societe-civile", "civil_society"), ("Civil_Society", "civil_society"),
    ("CIVIL  SOCIETY", "civil_society"), ("civil-society", "civil_society"), ("NGO", "civil_society"),
    ("NGOs", "civil_society"), ("Gouvernement", "government"), ("GOVERNMENT", "government"),
    ("Indépendant", "independent"), ("independant", "independent"), ("Évaluation-Indépendante", "independent"),
])
def test_voice_spelling_table(spelling, code):
    assert voice_code(spelling) == code


def test_every_voice_word_maps_to_one_code():
    seen: dict[str, str] = {}
    for code, words in VOICE_SPELLINGS.items():
        for w in words:
            assert seen.setdefault(spelling_key(w), code) == code, w


@pytest.mark.parametrize(("text", "key"), [
    ("in-progress", "in progress"), ("in_progress", "in progress"), ("In  Progress", "in progress"),
    ("en-cours", "en cours"), ("Engagée / en construction", "engagee en construction"),
    ("Réalisée.", "realisee"), ("L’Œuvre", "l'oeuvre"), ("n/c", "n c"), ("—", "—"), ("-", "-"), ("?", "?"),
    ("", ""), (None, ""),
])
def test_spelling_key(text, key):
    assert spelling_key(text) == key
