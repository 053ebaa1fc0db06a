"""Child process entry point of loaders.guard: cap memory and CPU, read, send pickled frames to stdout.

Each frame (see loaders.readers.collect) is pickled whole before it is written, so that a failure
leaves only complete frames behind it; then ("end",), or ("memory", "") / ("error", text) / ("refusal", code, params)."""

import gc
import io
import os
import pickle
import resource
import sys

from loaders.readers import ReaderRefusal

# What the rows sent take once unpickled in the parent, besides their pickled bytes: a pointer and an
# object header per cell, a list per row. The child streams its rows instead of holding them all, so it
# refuses here (« mémoire dépassée ») what would take more than half its own memory cap: the bound the
# parent had when the child had to hold every row and their pickle at once under that cap.
CELL_BYTES = 56
ROW_BYTES = 64


def dumps(obj) -> memoryview:
    """Pickle without the memo: cells share no objects and hold no cycles, so memoising them is pure
    cost (measured in docs/benchmarks.md, Loaders)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=5)
    pickler.fast = True
    pickler.dump(obj)
    return buf.getbuffer()


def main() -> None:
    func_name, path, mem_limit, cpu_limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    gc.disable()  # a short-lived process building millions of cells and no cycles: no collector passes
    resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
    devnull = os.open(os.devnull, os.O_WRONLY)  # a Rust abort message must not reach the user
    os.dup2(devnull, 2)
    out = sys.stdout.buffer
    code = 1
    last: tuple
    try:
        from loaders import readers

        sent = 0
        for frame in getattr(readers, "stream_" + func_name.removeprefix("read_"))(path):
            data = dumps(frame)
            sent += len(data) + (sum(map(len, frame[2])) * CELL_BYTES + len(frame[2]) * ROW_BYTES
                                 if frame[0] == "rows" else 0)
            if sent > mem_limit // 2:
                raise MemoryError
            out.write(data)
        last, code = ("end",), 0
    except MemoryError:
        last = ("memory", "")
    except ReaderRefusal as exc:  # the file refused by its reader: a message of its own
        last = ("refusal", exc.code, exc.params)
    except Exception as exc:  # the parser's own error, reported as « unreadable »
        last = ("error", f"{type(exc).__name__}: {exc}"[:300])
    try:
        out.write(pickle.dumps(last))
        out.flush()
    except (BrokenPipeError, MemoryError):
        code = 1
    os._exit(code)  # nothing left to clean up: skip freeing the interpreter


if __name__ == "__main__":
    main()
