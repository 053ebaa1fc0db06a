"""Process-level helpers shared by the bulk paths (rules over a million assessments, imports of
200,000 rows), and the command lines' quiet end when their output pipe closes early."""

from __future__ import annotations

import functools
import gc
import os
import sys
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


def quiet_on_closed_pipe(main):
    """Decorator of a command line's ``main``: when its output pipe closes early (``… | head -1``), the
    command ends quietly — exit 0, nothing on stderr (no « Broken pipe », no database hint, no
    « Exception ignored » when Python flushes stdout at exit). A ``main`` with a catch-all handler lets
    ``BrokenPipeError`` through to this one."""
    @functools.wraps(main)
    def wrapper(*args, **kwargs):
        try:
            try:
                return main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # inside the try: buffered output meets the closed pipe here, not at exit
        except BrokenPipeError:
            # what is left of the output has nowhere to go: stdout becomes /dev/null for the flush at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            return 0
    return wrapper
