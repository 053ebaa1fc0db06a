"""Every file of the real-world corpus imports or is refused with a clear message, fast."""

from __future__ import annotations

import time

import pytest

from loaders import import_file
from plans.access import CLI
from tests.conftest import CORPUS, seeded_sqlite, shared_missing

ABSENT = "(corpus absent)"  # the one case collected without the corpus: skipped locally, failed in CI
FILES = sorted(p.name for p in CORPUS.glob("*") if p.name not in ("README.md", "SOURCES.csv")) \
    if CORPUS.exists() else [ABSENT]
# Expected first error code of the refused files (all others must be refused for missing columns).
SPECIAL = {
    "calamine-date.xls": "legacy-xls",
    "calamine-pass_protected.xlsx": "encrypted-file",
    "python-calamine-empty_file.xlsx": "empty-file",
    "calamine-issue_594_dos.ods": "too-complex",
    "decidim-valid_result.csv": "unknown-status",  # its « status/id » column holds numbers
    "caps-test_processed.csv": "missing-value",  # no ref column: its « title » column is the identity, blank
}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    eng = seeded_sqlite(tmp_path_factory.mktemp("corpus") / "vigie.db")
    yield eng
    eng.dispose()


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_is_imported_or_refused_clearly(name, corpus_db):
    path = CORPUS / name
    if not path.exists():
        shared_missing("the corpus")
    t0 = time.monotonic()
    report = import_file(path, "pna-2024-2027", corpus_db, dry_run=True, actor=CLI)
    assert time.monotonic() - t0 < 10
    assert report.outcome in ("dry_run", "rejected")
    assert report.outcome == "rejected", "no corpus file is a measures table"
    first = report.errors[0]
    assert first.file == name and first.message and first.hint
    assert name in first.message or first.row is not None
    expected = SPECIAL.get(name)
    if expected:
        assert first.code == expected
    else:
        assert first.code in ("no-table", "missing-column")
        assert "« Réf. »" in first.message or "« Statut »" in first.message
    assert "refusé" in report.summary("fr")


def test_corpus_rejections_are_recorded(sqlite_seeded):
    from sqlalchemy import func, select

    from plans import schema as s

    if not (CORPUS / "calamine-date.xls").exists():
        shared_missing("the corpus")
    import_file(CORPUS / "calamine-date.xls", "pna-2024-2027", sqlite_seeded, actor=CLI)
    with sqlite_seeded.connect() as conn:
        n = conn.execute(select(func.count()).select_from(s.import_issues).where(
            s.import_issues.c.code == "legacy-xls")).scalar()
    assert n == 1


def test_missing_corpus_skips_locally_and_fails_in_ci():
    with pytest.raises(pytest.skip.Exception):
        shared_missing("the corpus", env={})
    with pytest.raises(pytest.skip.Exception):
        shared_missing("the corpus", env={"CI": ""})
    with pytest.raises(pytest.fail.Exception, match="CI must have it"):
        shared_missing("the corpus", env={"CI": "true"})
