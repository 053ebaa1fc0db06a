"""Child process entry point of loaders.guard: cap memory and CPU, read, pickle to stdout."""

import gc
import os
import pickle
import resource
import sys


def main() -> None:
    func_name, path, mem_limit, cpu_limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    gc.disable()  # a short-lived process building millions of cells and no cycles: no collector passes
    resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
    devnull = os.open(os.devnull, os.O_WRONLY)  # a Rust abort message must not reach the user
    os.dup2(devnull, 2)
    out = sys.stdout.buffer
    try:
        from loaders import readers

        result = ("ok", getattr(readers, func_name)(path))
        data = pickle.dumps(result, protocol=5)
    except MemoryError:
        data = pickle.dumps(("memory", ""))
    except Exception as exc:  # the parser's own error, reported as « unreadable »
        data = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"[:300]))
    out.write(data)
    out.flush()


if __name__ == "__main__":
    main()
