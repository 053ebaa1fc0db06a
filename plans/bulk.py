"""Bulk inserts given column by column: one compiled Core ``insert`` sent with the driver's executemany.

At 200,000 rows SQLAlchemy's per-row parameter processing, and building a dict per row, cost more than
the insert itself; here each column is converted once to what the bind processors would have sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from typing import Any

from sqlalchemy import JSON, Connection, Date, DateTime, Table, bindparam, insert
from sqlalchemy.types import TypeEngine

from plans.records import JSONText


@dataclass(frozen=True)
class Same:
    """One value for every row of a column (see :func:`insert_columns`)."""

    value: object


_JSON_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(v, ensure_ascii=False) builds one per call


def converter(coltype: TypeEngine, sqlite: bool) -> Callable[[Any], Any] | None:
    """DBAPI value for a Core column type (what SQLAlchemy's bind processors would send); None: as is."""
    if isinstance(coltype, JSON):
        return lambda v: v if v is None or type(v) is JSONText else _JSON_ENCODE(v)
    if sqlite and isinstance(coltype, (DateTime, Date)):
        fmt = "%Y-%m-%d %H:%M:%S.%f" if isinstance(coltype, DateTime) else "%Y-%m-%d"
        cache: dict = {None: None}  # a snapshot repeats the same few dates on every row

        def conv(v):
            try:
                return cache[v]
            except KeyError:
                out = cache[v] = v.strftime(fmt)
                return out
        return conv
    return None


def insert_columns(conn: Connection, table: Table, columns: dict[str, Sequence | Same], n: int,
                   chunk: int = 50_000) -> None:
    """Insert ``n`` rows given column by column (``{name: sequence of n values | Same(value)}``): executemany
    of one compiled Core ``insert(table)``, each column converted once, sent ``chunk`` rows at a time."""
    if not n:
        return
    names = list(columns)
    compiled = insert(table).values({c: bindparam(c) for c in names}).compile(dialect=conn.dialect)
    sqlite = conn.dialect.name == "sqlite"
    order = list(compiled.positiontup or ()) if compiled.positional else names
    seqs: list = []
    for c in order:
        values, f = columns[c], converter(table.c[c].type, sqlite)
        if isinstance(values, Same):
            seqs.append(repeat(f(values.value) if f else values.value, n))
        else:
            assert len(values) == n, (c, len(values), n)
            seqs.append(list(map(f, values)) if f else values)
    rows, sql = zip(*seqs, strict=True), str(compiled)
    while part := list(islice(rows, chunk)):
        conn.exec_driver_sql(sql, part if compiled.positional else [dict(zip(order, t, strict=True)) for t in part])
