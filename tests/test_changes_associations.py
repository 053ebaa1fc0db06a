"""Changements with several associations: each association's view is its own chain, so one association's first
status is not shown as a change of another association's status."""

from __future__ import annotations

import datetime as dt

from plans import access, edits, rules

PLAN = "pna-2024-2027"


def test_a_second_association_is_not_a_change_of_the_first(seeded):
    edits.add_assessment(seeded, access.CLI, PLAN, "F02", status="done", as_of=dt.date(2026, 3, 2),
                         association="Association Alpha")
    edits.add_assessment(seeded, access.CLI, PLAN, "F02", status="not_started", as_of=dt.date(2026, 3, 20),
                         association="Association Bêta")
    edits.add_assessment(seeded, access.CLI, PLAN, "F02", status="in_progress", as_of=dt.date(2026, 4, 1),
                         association="Association Alpha")
    got = [(x["before"], x["after"], x.get("association")) for x in
           rules.changes(seeded, PLAN, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
           if x["ref"] == "F02" and x["what"] == "status"]
    assert got == [(None, "done", "Association Alpha"), (None, "not_started", "Association Bêta"),
                   ("done", "in_progress", "Association Alpha")]


def test_the_function_that_writes_refuses_a_link_that_is_not_a_web_address(seeded):
    """Not only the page: ``plans.edits`` itself refuses a ``javascript:`` source, before anything is written."""
    import pytest

    with pytest.raises(edits.EditError, match="adresse web"):
        edits.add_assessment(seeded, access.CLI, PLAN, "F02", status="done", as_of=dt.date(2026, 3, 2),
                             source_url="javascript:alert(1)")
    with pytest.raises(edits.EditError, match="adresse web"):
        edits.add_announcement(seeded, access.CLI, PLAN, subject="Comité", announced_on=None,
                               expected_text="fin mars 2026", held_on=None, kind="announced", summary=None,
                               source_url="file:///etc/passwd")
