"""Writing a snapshot: the file's older dated snapshots written first in the same transaction, the preview of
what changes (the same for a dry run as for the real run), and a re-import that records only what changed."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import event, select

from loaders.report import ImportReport
from plans import schema as s
from plans import snapshots
from plans.access import CLI
from plans.normalize import ref_key
from plans.records import Measures, Snapshot
from plans.snapshots import write_snapshot
from tests import factories as f

D = dt.date
DIGEST = hashlib.sha256(b"suivi.xlsx").hexdigest()


def _rec(ref, status, comment=None, *, title=None, voice=None, source=None, confidence=None):
    return {"ref": ref, "key": ref_key(ref), "row": 5, "title_fr": title, "status": status,
            "status_as_reported": status, "voice": voice, "comment": comment, "source_url": source,
            "confidence": confidence}


def _snap(as_of, recs, *, anns=(), digest=DIGEST, plan="p", earlier=()) -> Snapshot:
    return Snapshot(plan_id=plan, as_of=as_of, as_of_origin="option", file_name="suivi.xlsx", file_hash=digest,
                    has_measures=True, measures=Measures.from_records(list(recs)), announcements=list(anns),
                    rows_read=len(recs), earlier=list(earlier))


def _dated(as_of, recs) -> Snapshot:
    snap = _snap(as_of, recs)
    snap.as_of_origin = "column"
    return snap


def _assessments(engine):
    a, m = s.assessments, s.measures
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(m.c.ref, a.c.as_of, a.c.status, a.c.comment, a.c.source_url, a.c.confidence)
            .join(m, m.c.id == a.c.measure_id).where(a.c.origin == "import").order_by(a.c.as_of, m.c.ref))]


def _runs(engine):
    r = s.import_runs.c
    with engine.connect() as conn:
        return [dict(x) for x in conn.execute(select(r.id, r.as_of, r.file_hash, r.outcome, r.counts, r.issues_count)
                                              .order_by(r.id)).mappings()]


# ----------------------------------------------------------------------------- the file's earlier snapshots

def _three_dates():
    june = _dated(D(2025, 6, 30), [_rec("A", "not_started", title="Former"), _rec("B", "in_progress", title="Ouvrir")])
    sept = _dated(D(2025, 9, 30), [_rec("A", "in_progress", title="Former"), _rec("B", "in_progress", title="Ouvrir")])
    return _snap(D(2025, 12, 31), [_rec("A", "done", title="Former"), _rec("B", "partial", title="Ouvrir")],
                 earlier=[june, sept])


def test_earlier_snapshots_are_written_first_one_run_each(migrated):
    result = write_snapshot(migrated, _three_dates(), actor=CLI)
    runs = _runs(migrated)
    assert [r["as_of"] for r in runs] == [D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31)]
    assert [r["file_hash"] for r in runs] == [
        hashlib.sha256(f"{DIGEST}@2025-06-30".encode()).hexdigest(),
        hashlib.sha256(f"{DIGEST}@2025-09-30".encode()).hexdigest(), DIGEST]
    assert result.run_id == runs[-1]["id"]
    assert [(r[0], r[1], r[2]) for r in _assessments(migrated)] == [
        ("A", D(2025, 6, 30), "not_started"), ("B", D(2025, 6, 30), "in_progress"),
        ("A", D(2025, 9, 30), "in_progress"),  # B unchanged in September: nothing recorded
        ("A", D(2025, 12, 31), "done"), ("B", D(2025, 12, 31), "partial")]
    # the result's counts add up the three runs'
    assert result.counts["assessments"] == 5 == sum(r["counts"]["assessments"] for r in runs)
    assert result.counts["measures_added"] == 2 and result.counts["unchanged"] == 1
    assert result.counts["rows_read"] == 2  # the file's rows, read once
    assert result.preview["dates"] == ["2025-06-30", "2025-09-30", "2025-12-31"]
    assert [(c["ref"], c["before"], c["after"]) for c in result.preview["status_changes"]] == [
        ("A", None, "not_started"), ("B", None, "in_progress"), ("A", "not_started", "in_progress"),
        ("A", "in_progress", "done"), ("B", "in_progress", "partial")]
    assert [n["ref"] for n in result.preview["new"]] == ["A", "B"]


def test_a_file_with_dated_columns_uploaded_again_is_recognised_by_its_digest(migrated):
    write_snapshot(migrated, _three_dates(), actor=CLI)
    again = write_snapshot(migrated, _three_dates(), actor=CLI)
    assert again.already_imported and len(_runs(migrated)) == 3


def test_a_dry_run_covers_the_earlier_snapshots_and_gives_the_same_preview(migrated):
    before = f.table_counts(migrated)
    dry = write_snapshot(migrated, _three_dates(), actor=CLI, dry_run=True)
    assert f.table_counts(migrated) == before and dry.run_id is None
    real = write_snapshot(migrated, _three_dates(), actor=CLI)
    assert dry.preview == real.preview and dry.counts == real.counts


def test_late_issues_see_the_whole_file_and_go_with_its_run(migrated):
    seen = []

    def late(result):
        seen.append(result)
        return [{"severity": "warning", "code": "plan-created", "message": "créé", "value": "p"}]

    write_snapshot(migrated, _three_dates(), actor=CLI, late_issues=late)
    assert len(seen) == 1 and seen[0].plan_created and seen[0].counts["assessments"] == 5
    assert [r["issues_count"] for r in _runs(migrated)] == [0, 0, 1]


def test_a_failure_in_any_snapshot_rolls_all_back(migrated, monkeypatch):
    f.make_plan(migrated, "p")
    before = f.table_counts(migrated)
    append = snapshots._append_announcements

    def failing(conn, snap, *args):
        if snap.as_of == D(2025, 12, 31):
            raise RuntimeError("disk full")
        return append(conn, snap, *args)

    monkeypatch.setattr(snapshots, "_append_announcements", failing)
    with pytest.raises(RuntimeError):
        write_snapshot(migrated, _three_dates(), actor=CLI)
    assert f.table_counts(migrated) == before


# ----------------------------------------------------------------------------- the preview of changes

def _store(engine):
    """Plan p: A (in progress), B (done), C (imported once), E (a catalogue measure never in a file); an
    announced committee."""
    f.make_plan(engine, "p")
    for ref in "ABCE":
        f.add_measure(engine, "p", ref, title_fr=f"Mesure {ref}")
    f.add_assessment(engine, "p", "A", "2025-01-31", "in_progress", summary="lancé")
    f.add_assessment(engine, "p", "B", "2025-01-31", "done", summary="fait")
    f.add_assessment(engine, "p", "B", "2025-02-28", "done", voice="government")
    f.add_assessment(engine, "p", "C", "2025-01-31", "initiated", origin="import")
    f.add_announcement(engine, "p", "comite", 1, "announced", subject="Comité de suivi", expected_text="mars 2025")


def _june(digest=DIGEST):
    return _snap(D(2025, 6, 30), [
        _rec("A", "done", "terminé"),           # status change
        _rec("B", "done"),                      # unchanged (civil society's voice)
        _rec("D", "initiated", title="Nouvelle"),  # new
    ], anns=[{"event_key": "comite", "subject": "Comité de suivi", "kind": "held", "expected_text": None,
              "announced_on": None, "held_on": D(2025, 6, 12)}], digest=digest)


PREVIEW = {
    "status_changes": [{"ref": "A", "title": "Mesure A", "before": "in_progress", "after": "done"},
                       {"ref": "D", "title": "Nouvelle", "before": None, "after": "initiated"}],
    "new": [{"ref": "D", "title": "Nouvelle"}],
    "missing": [{"ref": "C", "title": "Mesure C"}],
    "unchanged": 1,
    "announcements": [{"subject": "Comité de suivi", "kind": "held", "expected_text": None, "held_on": "2025-06-12"}],
    "dates": ["2025-06-30"],
}


def test_preview_lists_what_changes_the_same_for_a_dry_run(migrated):
    _store(migrated)
    dry = write_snapshot(migrated, _june(), actor=CLI, dry_run=True)
    assert dry.preview == PREVIEW
    real = write_snapshot(migrated, _june(), actor=CLI)
    assert real.preview == PREVIEW
    assert real.counts["assessments"] == 2 and real.counts["unchanged"] == 1 and real.counts["status_changes"] == 2


def test_preview_takes_the_status_of_the_rows_voice(migrated):
    _store(migrated)
    snap = _snap(D(2025, 6, 30), [_rec("B", "in_progress", voice="government")])
    got = write_snapshot(migrated, snap, actor=CLI, dry_run=True).preview["status_changes"]
    assert got == [{"ref": "B", "title": "Mesure B", "before": "done", "after": "in_progress"}]


def test_preview_reads_the_states_in_few_queries(migrated):
    """One query for the latest states of the plan's measures, none per row: 40 rows cost what 4 do."""
    def selects(n):
        f.make_plan(migrated, f"p{n}")
        for i in range(n):
            f.add_measure(migrated, f"p{n}", f"M{i}")
            f.add_assessment(migrated, f"p{n}", f"M{i}", "2025-01-31", "in_progress", summary="x")
        snap = _snap(D(2025, 6, 30), [_rec(f"M{i}", "done" if i % 2 else "in_progress") for i in range(n)],
                     plan=f"p{n}", digest=f"{n:064d}")
        seen: list[str] = []

        def count(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("SELECT"):
                seen.append(statement)
        event.listen(migrated, "before_cursor_execute", count)
        try:
            write_snapshot(migrated, snap, actor=CLI, dry_run=True)
        finally:
            event.remove(migrated, "before_cursor_execute", count)
        return len(seen)

    assert selects(40) == selects(4)


# ----------------------------------------------------------------------------- a re-import records what changed

def test_an_unchanged_row_is_not_recorded_but_the_run_is(migrated):
    _store(migrated)
    snap = _snap(D(2025, 6, 30), [_rec("A", "in_progress"), _rec("A", "in_progress", "lancé", voice="civil_society"),
                                  _rec("B", "done", "fait", source="https://example.org/a", confidence="confirmed")])
    result = write_snapshot(migrated, snap, actor=CLI)
    assert _assessments(migrated) == [("C", D(2025, 1, 31), "initiated", None, "https://example.org/a", "confirmed")]
    assert result.counts["assessments"] == 0 and result.counts["unchanged"] == 3
    assert _runs(migrated)[-1]["counts"]["unchanged"] == 3


@pytest.mark.parametrize("change", [{"comment": "nouveau"}, {"source": "https://example.org/z"},
                                    {"confidence": "secondary"}, {"voice": "independent"}])
def test_a_row_that_says_something_new_is_recorded(migrated, change):
    _store(migrated)
    rec = _rec("A", "in_progress", change.get("comment"), voice=change.get("voice"), source=change.get("source"),
               confidence=change.get("confidence"))
    result = write_snapshot(migrated, _snap(D(2025, 6, 30), [rec]), actor=CLI)
    assert result.counts["assessments"] == 1 and result.counts["unchanged"] == 0


def test_a_confidence_column_reaches_the_assessment_and_the_catalogue_keeps_its_own(migrated):
    _store(migrated)
    write_snapshot(migrated, _snap(D(2025, 6, 30), [_rec("A", "done", confidence="secondary")]), actor=CLI)
    got = [r for r in _assessments(migrated) if r[0] == "A"]
    assert got == [("A", D(2025, 6, 30), "done", None, "suivi.xlsx", "secondary")]  # the import's own record
    m = s.measures.c
    with migrated.connect() as conn:
        cat = conn.execute(select(m.source_url, m.confidence).where(m.ref == "A")).one()
    assert tuple(cat) == ("https://example.org/m", "confirmed")


def test_a_blank_status_of_a_measure_never_assessed_records_nothing(migrated):
    _store(migrated)
    result = write_snapshot(migrated, _snap(D(2025, 6, 30), [_rec("E", "unknown")]), actor=CLI)
    assert result.counts["assessments"] == 0 and result.counts["unchanged"] == 1
    assert result.preview["status_changes"] == []


# ----------------------------------------------------------------------------- the summary sentence

def _report(preview, counts, outcome="imported"):
    r = ImportReport(file="suivi.xlsx", plan_id="p", outcome=outcome, as_of=D(2025, 6, 30), as_of_origin="option")
    r.counts.update(counts)
    r.preview = preview
    return r


def test_summary_counts_every_status_change():
    changes = [{"ref": f"M{i}", "title": "", "before": "in_progress", "after": "done"} for i in range(6)]
    preview = {**PREVIEW, "status_changes": changes, "new": [], "missing": [], "unchanged": 3, "announcements": []}
    text = _report(preview, {"assessments": 6, "measures_changed": 1, "rows_read": 9}).summary("fr")
    assert "6 statuts modifiés" in text and "3 lignes inchangées" in text
    assert "1 mesure modifiée" not in text
    en = _report(preview, {"assessments": 6, "measures_changed": 1, "rows_read": 9}).summary("en")
    assert "6 status changes" in en and "3 unchanged rows" in en


def test_summary_names_every_date_of_a_file_with_dated_columns():
    preview = {**PREVIEW, "dates": ["2025-06-30", "2025-12-31"]}
    assert "30/06/2025 et 31/12/2025" in _report(preview, {}, "dry_run").summary("fr")


def test_noop_says_so_in_one_sentence_and_offers_nothing_to_confirm():
    r = _report(None, {}, "noop")
    text = r.summary("fr")
    assert text == "« suivi.xlsx » a déjà été importé pour le plan p : rien à faire."
    assert not r.confirmable
    assert _report(PREVIEW, {}, "dry_run").confirmable and not _report(PREVIEW, {}, "imported").confirmable


def test_a_file_already_imported_is_said_once_with_nothing_to_confirm(migrated, tmp_path):
    from loaders import import_file

    path = tmp_path / "suivi.csv"
    path.write_text("Réf.;Intitulé;Statut\nM1;Former les agents;En cours\n", encoding="utf-8")
    first = import_file(path, "p", migrated, as_of=D(2025, 6, 30), actor=CLI, dry_run=True)
    assert first.confirmable and first.preview["new"] == [{"ref": "M1", "title": "Former les agents"}]
    assert "0 statut modifié" in first.summary() and "1 mesure nouvelle" in first.summary()  # a first status
    import_file(path, "p", migrated, as_of=D(2025, 6, 30), actor=CLI)
    again = import_file(path, "p", migrated, as_of=D(2025, 6, 30), actor=CLI, dry_run=True)
    assert again.outcome == "noop" and not again.confirmable and again.preview is None
    assert again.summary() == "« suivi.csv » a déjà été importé pour le plan p : rien à faire."


def test_a_file_with_a_status_column_per_date_goes_in_as_one_run_per_date(migrated, tmp_path):
    from loaders import import_file

    path = tmp_path / "suivi-dates.csv"
    path.write_text("Réf.;Intitulé;Statut juin 2025;Statut décembre 2025\n"
                    "M1;Former les agents;En cours;Réalisée\n"
                    "M2;Ouvrir des places;Non commencée;Non commencée\n", encoding="utf-8")
    profile = {"dated": {"Statut juin 2025": ["status", "2025-06-30"],
                         "Statut décembre 2025": ["status", "2025-12-31"]}}
    dry = import_file(path, "p", migrated, actor=CLI, dry_run=True, profile=profile)
    assert dry.outcome == "dry_run", [i.to_dict() for i in dry.errors]
    report = import_file(path, "p", migrated, actor=CLI, profile=profile)
    assert report.outcome == "imported" and report.preview == dry.preview
    assert report.preview["dates"] == ["2025-06-30", "2025-12-31"]
    assert [(c["ref"], c["before"], c["after"]) for c in report.preview["status_changes"]] == [
        ("M1", None, "in_progress"), ("M2", None, "not_started"), ("M1", "in_progress", "done")]
    assert report.counts["assessments"] == 3 and report.counts["unchanged"] == 1
    text = report.summary()  # the new measures' first statuses are counted with them; M1's later change is one
    assert "30/06/2025 et 31/12/2025 (colonnes datées)" in text and "1 statut modifié" in text, text
    assert "2 mesures nouvelles" in text
    assert [(r["as_of"], r["outcome"]) for r in _runs(migrated) if r["outcome"] == "imported"] == [
        (D(2025, 6, 30), "imported"), (D(2025, 12, 31), "imported")]
    again = import_file(path, "p", migrated, actor=CLI, profile=profile)
    assert again.outcome == "noop"
