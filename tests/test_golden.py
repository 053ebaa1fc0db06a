"""Every CLI output on the seeded catalogue and a multi-snapshot fixture is what it was when recorded.

The record (tests/data/golden_outputs.json) is written by ``python tools/golden.py --write`` from the
code before a change of structure; a change of behaviour updates it on purpose, in its own commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import golden  # noqa: E402


def test_cli_outputs_are_unchanged():
    expected = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    actual = golden.record()
    diffs = golden.differences(expected, actual)
    assert not diffs, "\n\n".join(diffs)


def test_the_record_covers_json_outputs_of_both_plans_and_languages():
    expected = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    labels = [k for k in expected if "--json" in k]
    for command in ("summary", "changes", "overlaps"):
        for plan in (golden.SEEDED, golden.FIXTURE):
            for lang in ("fr", "en"):
                assert any(f" {command} " in k and plan in k and f"--lang {lang}" in k for k in labels), \
                    (command, plan, lang)
