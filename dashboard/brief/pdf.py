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


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """Convert with LibreOffice headless; a private profile per call (parallel-safe)."""
    soffice = find_soffice()
    if not soffice:
        raise BriefError("Conversion en PDF impossible : LibreOffice (soffice) est introuvable. Installez le paquet "
                         "Debian « libreoffice-writer-nogui » (make test l'installe), ou téléchargez le DOCX.")
    profile = Path(tempfile.gettempdir()) / f"lo_{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="vigie_brief_") as tmp:
        src = Path(tmp) / "note.docx"
        src.write_bytes(docx_bytes)
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    start_new_session=True, env={**os.environ, "HOME": os.environ.get("HOME", tmp)})
            try:
                _out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise BriefError(f"Conversion en PDF abandonnée : LibreOffice n'a pas répondu en {timeout} s. "
                                 "Réessayez, ou téléchargez le DOCX.") from None
            pdf = Path(tmp) / "note.pdf"
            if proc.returncode != 0 or not pdf.exists():
                detail = (err or b"").decode("utf-8", "replace").replace("Warning: failed to launch javaldx", "")
                detail = " ".join(detail.split())[:200]
                raise BriefError("Conversion en PDF impossible : LibreOffice a échoué"
                                 + (f" ({detail})." if detail else ".") + " Téléchargez le DOCX.")
            return pdf.read_bytes()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
