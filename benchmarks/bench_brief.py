"""Benchmark of briefs and chart exports, side by side with bare-tool baselines.

    .venv/bin/python benchmarks/bench_brief.py [--repeat 3]

Measured on the seeded catalogue (PNA-TEH 2024-2027, as of 31 Dec 2025), in this process after imports:

* brief: ``dashboard.brief.documents`` (rules + 4 charts through one Chromium + DOCX + PDF through LibreOffice,
  with LibreOffice started while Chromium starts and the browser stopped while the PDF is made), side by side
  with the same steps one after the other (``build`` then ``docx_and_pdf``: the pipeline before this overlap);
  baseline: bare ``soffice --headless --convert-to pdf`` of a trivial DOCX (private profile).
* pack: the report pack of 10 charts (the app's 7 charts in French + 3 in English) as a ZIP with their CSV,
  in PNG+SVG+PDF and in PNG only; baseline: bare kaleido export of 10 simple bar charts to PNG with one warm
  browser (``kaleido.start_sync_server`` then ``plotly.io.to_image``).

Targets: brief ≤ 10 s; pack of 10 charts ≤ 8 s. Prints medians and ratios to the baselines.
Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


from baselines import bare_kaleido, timed  # noqa: E402

from dashboard import brief as B  # noqa: E402
from dashboard.charts import pack as ex  # noqa: E402
from plans.db import make_engine, upgrade  # noqa: E402
from plans.seed import seed  # noqa: E402

PLAN = "pna-2024-2027"
AS_OF = dt.date(2025, 12, 31)


def bare_soffice(tmp: Path) -> None:
    from docx import Document

    src = tmp / f"trivial_{uuid.uuid4().hex[:6]}.docx"
    doc = Document()
    doc.add_paragraph("Bonjour")
    doc.save(src)
    profile = Path(tempfile.gettempdir()) / f"lo_{uuid.uuid4().hex}"
    try:
        subprocess.run([B.find_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert src.with_suffix(".pdf").exists()


def brief_run(engine) -> int:
    out = B.documents(engine, PLAN, as_of=AS_OF)
    assert len(out.brief.charts) == 4 and out.pdf and out.pdf.startswith(b"%PDF"), out.pdf_error
    return len(out.pdf)


def brief_sequential_run(engine) -> int:
    b = B.build(engine, PLAN, as_of=AS_OF)
    docx = b.docx()
    _docx, pdf = b.docx_and_pdf(docx)
    assert len(b.charts) == 4 and pdf.startswith(b"%PDF")
    return len(pdf)


def pack_run(engine, formats) -> int:
    data = ex.plan_chart_data(engine, PLAN, AS_OF)
    charts = ex.build_charts(data, "fr") + ex.build_charts(data, "en", keys=["status_donut", "status_by_axis",
                                                                              "governance_bars"])
    for c in charts[7:]:
        c.key += "_en"
    assert len(charts) == 10, len(charts)
    return len(ex.chart_pack(charts, formats, readme=ex.pack_readme("PNA-TEH 2024-2027", AS_OF)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--brief-only", action="store_true", help="only the brief rows (no chart pack)")
    args = ap.parse_args()
    if not B.find_soffice() or not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("Chromium et LibreOffice sont nécessaires (make test les installe).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        engine = make_engine(f"sqlite:///{tmp / 'vigie.db'}")
        upgrade(engine)
        seed(engine)
        r = args.repeat
        print(f"machine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.2f} at start; repeat={r}")
        base_lo, lo_all, _ = timed(lambda: bare_soffice(tmp), r)
        brief_all, seq_all = [], []
        for _ in range(r):  # alternated, so that both see the same load
            brief_all.append(timed(lambda: brief_run(engine), 1)[0])
            t, _runs, size = timed(lambda: brief_sequential_run(engine), 1)
            seq_all.append(t)
        brief_t, seq_t = statistics.median(brief_all), statistics.median(seq_all)
        if not args.brief_only:
            base_k, k_all, _ = timed(bare_kaleido, r)
            pack3_t, pack3_all, zsize3 = timed(lambda: pack_run(engine, ["png", "svg", "pdf"]), r)
            pack1_t, pack1_all, zsize1 = timed(lambda: pack_run(engine, ["png"]), r)
        print(f"load average {os.getloadavg()[0]:.2f} at end")

    def row(name, med, runs, target=None, base=None):
        ratio = f"{med / base:.2f}×" if base else "—"
        ok = "" if target is None else ("  ✓" if med <= target else "  ✗ over target")
        runs_s = ", ".join(f"{x:.2f}" for x in runs)
        print(f"| {name} | {med:.2f} s | {runs_s} | {ratio} | {f'≤ {target} s' if target else '—'}{ok} |")

    print("\n| measurement | median | runs (s) | ratio to baseline | target |\n|---|---|---|---|---|")
    row("baseline: bare soffice --convert-to pdf (trivial docx)", base_lo, lo_all)
    row(f"brief DOCX + PDF with 4 charts ({size // 1024} KB PDF), overlapped (documents)", brief_t, brief_all, 10,
        base_lo)
    row("brief DOCX + PDF with 4 charts, steps one after the other (build, docx_and_pdf)", seq_t, seq_all, 10,
        base_lo)
    if args.brief_only:
        return 0
    row("baseline: bare kaleido, 10 simple figures → PNG, one warm browser", base_k, k_all)
    row(f"pack of 10 charts, PNG+SVG+PDF + CSV ({zsize3 // 1024} KB zip)", pack3_t, pack3_all, 8, base_k)
    row(f"pack of 10 charts, PNG only + CSV ({zsize1 // 1024} KB zip)", pack1_t, pack1_all, 8, base_k)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
