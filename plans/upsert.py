"""Idempotent upserts by natural key, shared by the catalogue seeds (plans and overlaps)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, and_, select

from plans import schema as s


def none(v):
    """Empty catalogue cell → NULL (unknown)."""
    return None if v == "" else v


class Upserter:
    def __init__(self, conn: Connection):
        self.conn = conn
        self.counts: Counter = Counter()

    def upsert(self, table, key: dict, values: dict, *, protect=None, keep=()) -> Any:
        """Insert or update one row; returns its primary key (an integer id, or a plan's text id). ``protect(row)``
        true: the existing row is left alone; ``keep``: columns never updated (values a person
        changed since the catalogue wrote them)."""
        cond = and_(*[(table.c[k] == v) if v is not None else table.c[k].is_(None) for k, v in key.items()])
        row = self.conn.execute(select(table).where(cond)).mappings().first()
        if row is None:
            res = self.conn.execute(table.insert().values(**key, **values))
            self.counts[f"{table.name}.inserted"] += 1
            pk = res.inserted_primary_key
            return pk[0] if pk else None
        if protect and protect(row):
            self.counts[f"{table.name}.kept"] += 1
            return row[next(iter(table.primary_key.columns)).name]
        changed = {k: v for k, v in values.items() if row[k] != v and k not in keep}
        if changed:
            self.conn.execute(table.update().where(cond).values(**changed))
            self.counts[f"{table.name}.updated"] += 1
        else:
            self.counts[f"{table.name}.unchanged"] += 1
        return row[next(iter(table.primary_key.columns)).name]


def seed_links(up: Upserter, links: list[dict], alias_map: dict[str, str]) -> None:
    """Upsert sourced links; a link decided by a person (or not from the catalogue) is never touched."""
    for link in links:
        key = {"from_plan_id": alias_map.get(link["from_plan_id"], link["from_plan_id"]),
               "from_ref": none(link["from_ref"]),
               "to_plan_id": alias_map.get(link["to_plan_id"], link["to_plan_id"]),
               "to_ref": none(link["to_ref"]), "kind": link["kind"]}
        up.upsert(s.links, key, {"state": link["state"], "note": none(link["note"]), "origin": "catalogue",
                                 "source_url": link["source_url"], "confidence": link["confidence"]},
                  protect=lambda row: row["decided_by"] is not None or row["origin"] != "catalogue")
