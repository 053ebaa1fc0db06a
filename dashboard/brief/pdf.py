"""PDF through LibreOffice headless (the DOCX converted, one private profile per call)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

from dashboard.brief.common import BriefError
from dashboard.brief.texts import text

SOFFICE_TIMEOUT = 90


def pdf_pages(pdf: bytes) -> int:
    """Number of pages of a PDF written by LibreOffice (page objects are not compressed there)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def find_soffice() -> str | None:
    for cand in (shutil.which("soffice"), shutil.which("libreoffice"), "/usr/bin/soffice",
                 "/usr/lib/libreoffice/program/soffice"):
        if cand and os.path.exists(cand):
            return cand
    return None


FLAGS = ["--headless", "--norestore", "--nologo", "--nolockcheck"]


def _no_soffice() -> BriefError:
    return BriefError(text("error.no_soffice"))


def _env(home: str) -> dict:
    return {**os.environ, "HOME": os.environ.get("HOME", home)}


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        proc.communicate(timeout=10)


class OfficeAhead:
    """A LibreOffice started ahead of time, so that its start (≈ 1–2 s) overlaps the data reading and the chart
    rendering instead of adding to them.

    The next ``soffice --convert-to`` run with the same private profile does not start a second LibreOffice: it
    hands the conversion to this one, which converts and then exits by itself. Only the first conversion can use
    it; :meth:`close` (always called, it is a context manager) stops it if it was not used and removes its profile.
    Without LibreOffice installed it does nothing (the conversion then gives the usual French error).
    """

    def __init__(self) -> None:
        self.profile = Path(tempfile.gettempdir()) / f"lo_{uuid.uuid4().hex}"
        self.proc: subprocess.Popen | None = None
        self.used = False
        soffice = find_soffice()
        if soffice:
            with contextlib.suppress(OSError):
                self.proc = subprocess.Popen(
                    [soffice, f"-env:UserInstallation=file://{self.profile}", *FLAGS],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                    start_new_session=True, env=_env(tempfile.gettempdir()))

    def take(self) -> Path | None:
        """The running instance's profile for one conversion, or None (not started, died, or already used)."""
        if self.proc is None or self.used or self.proc.poll() is not None:
            return None
        self.used = True
        return self.profile

    def close(self) -> None:
        if self.proc is not None:
            if self.used:  # it exits by itself right after the conversion it was handed
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    _kill(self.proc)
            elif self.proc.poll() is None:
                _kill(self.proc)
            self.proc = None
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> OfficeAhead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = SOFFICE_TIMEOUT, ahead: OfficeAhead | None = None) -> bytes:
    """Convert with LibreOffice headless; a private profile per call (parallel-safe). With ``ahead`` (an
    :class:`OfficeAhead` not used yet), the conversion is handed to that already running LibreOffice."""
    soffice = find_soffice()
    if not soffice:
        raise _no_soffice()
    warm = ahead.take() if ahead is not None else None
    profile = warm or Path(tempfile.gettempdir()) / f"lo_{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="vigie_brief_") as tmp:
        src = Path(tmp) / "note.docx"
        src.write_bytes(docx_bytes)
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", *FLAGS, "--nodefault",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    start_new_session=True, env=_env(tmp))
            try:
                _out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                if warm is not None:
                    ahead.close()
                raise BriefError(text("error.pdf_timeout", timeout=timeout)) from None
            pdf = Path(tmp) / "note.pdf"
            if proc.returncode != 0 or not pdf.exists():
                detail = (err or b"").decode("utf-8", "replace").replace("Warning: failed to launch javaldx", "")
                detail = " ".join(detail.split())[:200]
                raise BriefError(text("error.pdf_failed", detail=f" ({detail})." if detail else "."))
            return pdf.read_bytes()
        finally:
            if warm is None:
                shutil.rmtree(profile, ignore_errors=True)
