"""Process-level helpers shared by the bulk paths (rules over a million assessments, imports of
200,000 rows)."""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside the block (re-enabled after it if it was on).

    The rules and the imports build many small long-lived objects (rows, cells, dicts, dates) and
    almost no reference cycles; every few thousand allocations the collector walked all of them
    again — about a third of a 200,000-row import. Reference counting still frees everything."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def without_gc(fn):
    """Decorator form of :func:`gc_paused`."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with gc_paused():
            return fn(*args, **kwargs)
    return wrapper
