"""Child process entry point of loaders.guard: cap memory and CPU, read, send pickled frames to stdout.

Each frame (see loaders.readers.collect) is pickled whole before it is written, so that a failure
leaves only complete frames behind it; then ("end",), or ("memory", "") / ("error", text) / ("refusal", code, params).

``check`` reads the job on standard input (loaders.guard.check_untrusted), reads the whole file here, sends
("stage", "validation"), checks it (loaders.check.check, under the same limits), sends ("column", name, values)
for each column of its measures, then ("result", the rest); a bug of the check ends with ("failure", text)."""

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


class _CheckFailed(Exception):
    """An exception of the check itself (not of the file's parser)."""


def send(func_name: str, path: str, out, mem_limit: int) -> None:
    """The reader's frames, written as they come."""
    from loaders import readers

    sent = 0
    for frame in getattr(readers, "stream_" + func_name.removeprefix("read_"))(path):
        data = dumps(frame)
        sent += len(data) + (sum(map(len, frame[2])) * CELL_BYTES + len(frame[2]) * ROW_BYTES
                             if frame[0] == "rows" else 0)
        if sent > mem_limit // 2:
            raise MemoryError
        out.write(data)


def check(path: str, out) -> None:
    """The file read whole here, then checked here (its rows never sent): the result only."""
    job = pickle.load(sys.stdin.buffer)
    from loaders import readers

    data = readers.read_book(path) if job["kind"] == "book" else readers.read_csv(path)
    out.write(dumps(("stage", "validation")))
    out.flush()
    from loaders.check import check as check_file
    from loaders.check import split

    try:
        result = check_file(job["kind"], data, job)
    except MemoryError:
        raise
    except Exception as exc:
        raise _CheckFailed(f"{type(exc).__name__}: {exc}"[:200]) from exc
    columns, rest = split(result)
    for name, values in columns.items():  # pickled with the memo: a column repeats the same few objects
        out.write(pickle.dumps(("column", name, values), protocol=5))
    out.write(pickle.dumps(("result", rest), protocol=5))


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
        if func_name == "check":
            check(path, out)
        else:
            send(func_name, path, out, mem_limit)
        last, code = ("end",), 0
    except MemoryError:
        last = ("memory", "")
    except _CheckFailed as exc:
        last = ("failure", str(exc))
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
