"""The one path every untrusted file takes (CLI and upload page): recognise the format from
its bytes, pre-check size and zip expansion, then parse in a memory-limited child process
(forkserver + RLIMIT_AS) with a timeout. See /work/shared/design/setup-notes.md §8."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

from loaders.readers import MAX_COLUMNS as MAX_COLUMNS  # columns of a sheet (refused beyond)
from loaders.readers import collect, utf16_without_bom
from plans import config

MAX_FILE = int(config.get("upload_max_mb")) * 2**20  # bytes on disk (setting upload_max_mb)
MAX_UNZIPPED = 500 * 2**20  # declared uncompressed total
MAX_RATIO = 100  # declared uncompressed / compressed, checked above RATIO_FLOOR
RATIO_FLOOR = 8 * 2**20
MAX_ENTRIES = 20_000
MEM_LIMIT = 2 * 2**30  # RLIMIT_AS of the parsing child
TIMEOUT = 60.0
_ROOT = str(Path(__file__).resolve().parents[1])

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_BINARY = {b"%PDF": "document PDF", b"\x89PNG": "image PNG", b"\xff\xd8\xff": "image JPEG",
           b"GIF8": "image GIF", b"\x1f\x8b": "archive gzip", b"Rar!": "archive RAR", b"7z\xbc\xaf": "archive 7z"}


class Refusal(Exception):  # noqa: N818 - a refusal, not a bug
    """The file is refused before or while parsing: ``code`` is an issue code."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(path: str) -> str:
    """'book' (xlsx/xlsm/ods) or 'csv', or raise Refusal."""
    size = os.path.getsize(path)
    if size == 0:
        raise Refusal("empty-file")
    if size > MAX_FILE:
        raise Refusal("file-too-large", size=round(size / 2**20, 1), limit=MAX_FILE // 2**20)
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        _check_zip(path, size)
        return "book"
    if head.startswith(OLE):
        with open(path, "rb") as fh:
            data = fh.read()
        if _ENCRYPTED in data:
            raise Refusal("encrypted-file")
        if any(w in data for w in _WORKBOOK):
            raise Refusal("legacy-xls")
        raise Refusal("not-a-spreadsheet", detail="ancien document Office")
    for magic, what in _BINARY.items():
        if head.startswith(magic):
            raise Refusal("not-a-spreadsheet", detail=what)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<?xml", b"<html", b"<!doctype")):
        raise Refusal("not-a-spreadsheet", detail="page web ou XML")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if controls > max(2, len(head) // 20) and not utf16_without_bom(head):  # UTF-16 without BOM is text
        raise Refusal("not-a-spreadsheet", detail="fichier binaire")
    return "csv"


def _check_zip(path: str, size: int) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            mimetype = z.read("mimetype")[:100] if "mimetype" in names and z.getinfo("mimetype").file_size < 200 else b""
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise Refusal("truncated-file") from None
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_ENTRIES:
        raise Refusal("suspicious-compression", detail=f"{len(infos)} éléments")
    if total > MAX_UNZIPPED or (total > RATIO_FLOOR and total > MAX_RATIO * size):
        raise Refusal("suspicious-compression", detail=f"{size // 1024} Ko → {total // 2**20} Mo")
    if mimetype:
        if b"spreadsheet" in mimetype:
            return
        raise Refusal("not-a-spreadsheet", detail="document OpenDocument " + mimetype.decode("ascii", "replace"))
    if any(n.startswith("xl/") for n in names):
        return
    if any(n.startswith("word/") for n in names):
        raise Refusal("not-a-spreadsheet", detail="document Word")
    if any(n.startswith("ppt/") for n in names):
        raise Refusal("not-a-spreadsheet", detail="présentation PowerPoint")
    raise Refusal("not-a-spreadsheet", detail="archive zip")


def run_guarded(func_name: str, path: str, *, timeout: float | None = None, mem_limit: int | None = None):
    """Run ``loaders.readers.<func_name>(path)`` in a fresh child process (``python -m
    loaders._child``) whose address space is capped (RLIMIT_AS) and which is killed after
    ``timeout`` seconds (default TIMEOUT); raise Refusal. A subprocess rather than a forkserver: forkserver
    children re-import the caller's ``__main__`` (Streamlit's or pytest's runner).

    The child sends its result in frames (``loaders.readers.stream_*``), unpickled here as they come,
    while it converts the next rows."""
    return _run_child(func_name, path, None, collect, timeout, mem_limit)


def check_untrusted(path: str, job: dict, *, on_stage=None, timeout: float | None = None,
                    mem_limit: int | None = None) -> dict:
    """Read ``path`` and check it (``loaders.check.check``: tables, headers, every row) in one guarded child,
    under the same memory and time limits as reading alone: the server process never spends unbounded CPU on
    an untrusted file. ``job`` is that function's plain data (the plan's state read here first); ``on_stage``
    is told « validation » when the reading is done. Returns check's result; raises Refusal (« check-too-large »
    when the limits were reached after the reading, while checking)."""
    kind = sniff(str(path))
    checking = []

    def take(frames):
        from loaders.check import join

        result, columns = None, {}
        for frame in frames:
            if frame[0] == "stage":
                checking.append(frame[1])
                if on_stage is not None:
                    on_stage(frame[1])
            elif frame[0] == "column":
                columns[frame[1]] = frame[2]
            elif frame[0] == "result":
                result = join(columns, frame[1])
        return result

    try:
        return _run_child("check", str(path), {**job, "kind": kind}, take, timeout, mem_limit)
    except Refusal as exc:
        if checking and exc.code == "too-complex":
            raise Refusal("check-too-large", **exc.params) from None
        raise


def _run_child(func_name: str, path: str, job: dict | None, take, timeout: float | None, mem_limit: int | None):
    """``take(frames)`` of the child running ``func_name`` on ``path`` (``job``, if any, sent pickled on its
    standard input); raise Refusal when it is refused, fails, or runs out of memory or time."""
    timeout = TIMEOUT if timeout is None else timeout  # read here: a test may lower TIMEOUT / MEM_LIMIT
    mem_limit = MEM_LIMIT if mem_limit is None else mem_limit
    cmd = [sys.executable, "-m", "loaders._child", func_name, str(path), str(mem_limit), str(int(timeout) + 1)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL if job is None else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        proc.kill()

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    ending: list = ["memory", ""]  # a child killed before its last frame ran out of memory (RLIMIT_AS) or time
    stdout = proc.stdout
    assert stdout is not None  # stdout=PIPE
    try:
        if job is not None:
            assert proc.stdin is not None  # stdin=PIPE
            # a child that died at once: told by its ending below
            with contextlib.suppress(BrokenPipeError), proc.stdin:
                pickle.dump(job, proc.stdin, protocol=5)
        data = take(_frames(stdout, ending))
    finally:
        timer.cancel()
        stdout.close()
        if proc.poll() is None and ending[0] != "end":
            proc.kill()
        proc.wait()
    if timed_out.is_set():
        raise Refusal("too-complex", detail=f"plus de {int(timeout)} s")
    if ending[0] == "refusal":
        raise Refusal(ending[1], **ending[2])
    if ending[0] == "error":
        code, params = _parser_error(ending[1])
        raise Refusal(code, **params)
    if ending[0] == "failure":  # a bug in the check, not the file: reported as the pipeline reports its own
        raise Refusal("internal-error", detail=ending[1])
    if ending[0] != "end" or proc.returncode != 0:
        raise Refusal("too-complex", detail="mémoire dépassée")
    return data


def _frames(stream, ending: list):
    """The child's data frames; ``ending`` receives its last frame (``end``, ``memory``, ``error``, ``failure``
    or ``refusal``)."""
    while True:
        try:
            frame = pickle.load(stream)
        except Exception:  # the pipe closed early, or a child killed while writing
            return
        if frame[0] == "refusal":
            ending[:] = frame
            return
        if frame[0] in ("end", "memory", "error", "failure"):
            ending[:] = frame if len(frame) == 2 else [frame[0], ""]
            return
        yield frame


def _parser_error(text: str) -> tuple[str, dict]:
    low = text.lower()
    if "cell limit" in low or "too many" in low:
        return "too-complex", {"detail": "des milliards de cellules déclarées"}
    if "password" in low or "encrypt" in low:
        return "encrypted-file", {}
    if "zip" in low or "eocd" in low:
        return "truncated-file", {}
    return "unreadable-file", {"detail": text}


def read_untrusted(path: str, *, timeout: float | None = None, mem_limit: int | None = None) -> tuple[str, dict]:
    """(kind, data) for ``path``; data = {"sheets": [...], ...}. Raises Refusal."""
    kind = sniff(str(path))
    func = "read_book" if kind == "book" else "read_csv"
    return kind, run_guarded(func, str(path), timeout=timeout, mem_limit=mem_limit)
