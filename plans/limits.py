"""The lengths of the bounded text fields a user's file or command can fill, declared once.

``plans.schema`` builds its ``String(n)`` columns from these numbers; the loaders check them while validating
(with the row and column of the cell), so that an over-long value is a refusal in the user's words on every
database — PostgreSQL would refuse it while writing, SQLite would store it.
"""

from __future__ import annotations

FIELD_LIMITS: dict[str, int] = {
    "plan_id": 80,  # plans.id and every plan_id referring to it
    "ref": 80,  # measures.ref (a measure's number as the file writes it)
    "event_key": 120,  # announcements.event_key (a slug of the subject)
    "email": 254,  # people.email, audit_log.email (RFC 5321's longest address)
}
