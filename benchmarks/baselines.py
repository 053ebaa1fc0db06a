"""Helpers shared by the benchmark scripts: a median timer and the bare-kaleido baseline. Nothing here
imports the project, so ``bench_charts.py --root`` still measures the checkout it is given."""

from __future__ import annotations

import statistics
import time
import warnings


def timed(fn, repeat: int) -> tuple[float, list[float], object]:
    """(median seconds, every run's seconds, the last result) of ``repeat`` calls of ``fn``."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


def bare_kaleido(n: int = 10) -> None:
    """The baseline: ``n`` simple bar charts to PNG with one warm kaleido browser (start included)."""
    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    figs = [go.Figure(go.Bar(x=["a", "b", "c"], y=[1, i, 3])) for i in range(n)]
    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for fig in figs:
                pio.to_image(fig, format="png", width=1000, height=600, scale=2)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
