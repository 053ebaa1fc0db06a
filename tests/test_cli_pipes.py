"""Every command line ends quietly when its output pipe closes early (``… | head -1``, ``… | true``).

``plans summary | head`` once printed « Broken pipe » then a hint about DATABASE_URL. A real
subprocess writes into a pipe the test reads: one line, byte by byte (so the rest stays in the pipe),
then the test closes its end; or it closes before the command wrote anything. The pipe is shrunk to one
page, so an output larger than 4 KiB cannot all fit in it: the command does write into a closed pipe.
Expected: exit 0, nothing on stderr.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seeded_sqlite

ROOT = Path(__file__).resolve().parents[1]
PLAN = "pna-2024-2027"
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # Linux


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("pipes") / "vigie.db"
    seeded_sqlite(path).dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def many_issues(tmp_path_factory) -> Path:
    """A CSV whose import report runs to ~20 KiB (one error per row, each with its hint)."""
    path = tmp_path_factory.mktemp("pipes_csv") / "suivi.csv"
    rows = [f"X{i};Mesure {i};quand on pourra;bof {i};rien" for i in range(1, 81)]  # 80 spellings, 80 errors
    path.write_text("Réf.;Intitulé;Échéance;État d'avancement;Commentaire\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def _into_closed_pipe(args: list[str], db_url: str, lines: int) -> tuple[int, bytes, str]:
    """Run ``python -m …args`` with stdout into a one-page pipe; read ``lines`` lines, then close it."""
    r, w = os.pipe()
    with contextlib.suppress(OSError):  # not Linux: the default 64 KiB pipe; the large outputs may then fit
        fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", *args], stdout=w, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    os.close(w)
    got = b""
    for _ in range(lines):
        while not got.endswith(b"\n"):
            ch = os.read(r, 1)
            if not ch:
                break
            got += ch
    os.close(r)
    _, err = proc.communicate(timeout=180)
    return proc.returncode, got, err.decode("utf-8", "replace")


def _quiet(result, first_line: str | None = None) -> None:
    code, got, err = result
    assert err == "", err
    assert code == 0
    if first_line is not None:
        assert got.decode("utf-8").startswith(first_line), got


def test_plans_summary_json_into_head_1(db_url):
    _quiet(_into_closed_pipe(["plans", "summary", "--plan", PLAN, "--json"], db_url, 1), "{")


def test_plans_summary_into_a_pipe_closed_at_once(db_url):
    _quiet(_into_closed_pipe(["plans", "summary", "--plan", PLAN, "--as-of", "2026-12-01"], db_url, 0))


@pytest.mark.parametrize("args", [["plans", "--help"], ["plans", "list"],
                                  ["loaders", "--help"], ["dashboard.brief", "--help"],
                                  ["dashboard.charts", "--help"]])
def test_help_and_lists_into_a_pipe_closed_at_once(db_url, args):
    _quiet(_into_closed_pipe(args, db_url, 0))


def test_loaders_import_report_into_head_1(db_url, many_issues):
    args = ["loaders", "import", str(many_issues), "--plan", PLAN, "--dry-run", "--as-of", "2026-01-01",
            "--database", db_url]
    _quiet(_into_closed_pipe(args, db_url, 1), "Import de « suivi.csv »")


def test_brief_written_line_into_a_pipe_closed_at_once(db_url, tmp_path):
    out = tmp_path / "note.md"
    args = ["dashboard.brief", "--plan", PLAN, "--as-of", "2026-12-01", "--out", str(out), "--no-charts"]
    _quiet(_into_closed_pipe(args, db_url, 0))
    assert out.exists()  # the work was done: only its closing line had nowhere to go
