"""The headless Chromium that draws the charts (PNG, SVG, PDF): start it, keep it warm, restart it.

Rendering uses kaleido 1.5 with Debian's ``/usr/bin/chromium``. One browser is kept warm for a whole
batch (:class:`ChartRenderer`) instead of one browser per chart, and its page stays loaded from one
image to the next (:func:`kaleido_class`; kaleido alone reloads plotly.js after every image). The app
server keeps it up between briefs and packs (:func:`keep_warm`); a browser that died is started again
once. Errors reach the user as :class:`ExportError`, in French. No Streamlit here.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading

import plotly.graph_objects as go

from dashboard.i18n import t
from plans.outputs import clean, has_control

FORMATS = ("png", "svg", "pdf")
EXPORT_WIDTH = 1000          # CSS px; PNG is rendered at PNG_SCALE → 2 500 px wide
PNG_SCALE = 2.5
RELOAD_EVERY = 50  # images drawn in kaleido's page before it is loaded again (hygiene only)
START_TIMEOUT = 120.0  # s for Chromium and the plotly.js page to come up

_LOCK = threading.Lock()
_USERS = 0
_BROWSER: _Browser | None = None
_KEPT: ChartRenderer | None = None
_KALEIDO_CLASS = None


def _cleaned(fig: go.Figure) -> go.Figure:
    """The figure without control characters in its texts (`plans/outputs.py`): one ``\x01`` in a stored title
    made plotly.js fail the PNG and PDF and wrote an SVG no XML reader opens. Unchanged when there is none."""
    spec = fig.to_plotly_json()
    return go.Figure(clean(spec)) if has_control(spec) else fig


class ExportError(RuntimeError):
    """Export failed; the message is meant for the user (French)."""


def _friendly(exc: Exception) -> ExportError:
    msg = str(exc)
    if "Chrome" in msg or "chromium" in msg.lower() or "browser" in msg.lower():
        return ExportError(t("chart.export.no_chromium"))
    return ExportError(t("chart.export.failed_because", error=type(exc).__name__))


def kaleido_class():
    """``kaleido.Kaleido`` that keeps its page loaded between images: the one use of kaleido's private API.

    kaleido 1.5 reloads its page (plotly.js, 4.6 MB, parsed again) after every image: about half of
    each render, and PNG + SVG + PDF of one chart are three renders. Its public API has no option
    against it (``start_sync_server`` / ``calc_fig_sync`` reload too), so the private
    ``Kaleido._return_kaleido_tab(tab)``, which every render calls to reload its tab and put it back in
    ``tabs_ready``, is overridden to put it back without reloading. Nothing an image leaves in the page
    matters to the next one: plotly draws PNG and SVG in a detached div that it purges, and a PDF
    replaces the page's single ``<img>`` and its ``@page`` size. The page is reloaded every
    :data:`RELOAD_EVERY` images only. (With a kaleido where that method no longer exists the override
    is simply never called: slower, still correct.) ``tests/test_charts_kaleido.py`` checks the
    assumptions against the installed kaleido.
    """
    global _KALEIDO_CLASS
    if _KALEIDO_CLASS is None:
        import kaleido

        class _ReusingKaleido(kaleido.Kaleido):
            _images = 0

            async def _return_kaleido_tab(self, tab) -> None:
                self._images += 1
                if self._images % RELOAD_EVERY == 0:
                    await tab.reload()
                await self.tabs_ready.put(tab)

        _KALEIDO_CLASS = _ReusingKaleido
    return _KALEIDO_CLASS


class _Browser:
    """One headless Chromium driven by kaleido on a private event-loop thread; ``render`` is thread-safe.

    The browser starts in the background as soon as the object exists (``render`` waits for it), with
    MathJax off: the charts use no LaTeX, and kaleido's default would fetch MathJax from a CDN at every
    page load (there is no network on the server)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="vigie-chromium", daemon=True)
        self._thread.start()
        self._opened = asyncio.run_coroutine_threadsafe(self._open(), self._loop)

    @staticmethod
    async def _open():
        k = kaleido_class()(n=1, mathjax=False)
        await k.open()
        return k

    def render(self, fig: go.Figure, opts: dict) -> bytes:
        k = self._opened.result(timeout=START_TIMEOUT)
        spec = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
        return asyncio.run_coroutine_threadsafe(k.calc_fig(spec, opts=opts), self._loop).result()

    def close(self) -> None:
        """Stop the browser (after its start if it is still starting: a start cut short leaves Chromium behind)."""
        try:
            with contextlib.suppress(Exception):
                k = self._opened.result(timeout=START_TIMEOUT)
                asyncio.run_coroutine_threadsafe(k.close(), self._loop).result(timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._thread.is_alive():
                self._loop.close()


def _stop_browser() -> None:
    global _BROWSER
    browser, _BROWSER = _BROWSER, None
    if browser is not None:
        browser.close()


def _restart_browser() -> None:
    global _BROWSER
    with _LOCK:
        with contextlib.suppress(Exception):
            _stop_browser()
        _BROWSER = _Browser()


atexit.register(lambda: _stop_browser() if _BROWSER is not None else None)


class ChartRenderer:
    """Keeps one headless Chromium warm for a batch of exports: every figure and every format is drawn
    in the same browser page (see :func:`kaleido_class`).

    Reentrant and shared between threads: the browser starts (in the background) with the first user and
    stops when the last user leaves.
    """

    def __enter__(self) -> ChartRenderer:
        global _USERS, _BROWSER
        with _LOCK:
            if _USERS == 0 and _BROWSER is None:
                try:
                    _BROWSER = _Browser()
                except Exception as exc:  # noqa: BLE001 - turned into a French message
                    raise _friendly(exc) from exc
            _USERS += 1
        return self

    def __exit__(self, *exc) -> None:
        global _USERS
        with _LOCK:
            _USERS -= 1
            if _USERS == 0:
                with contextlib.suppress(Exception):
                    _stop_browser()

    def prewarm(self) -> threading.Thread:
        """Load the page in the background (first render) while the caller does other work."""
        th = threading.Thread(target=self._warm, daemon=True)
        th.start()
        self._warming = th
        return th

    def _warm(self) -> None:
        with contextlib.suppress(Exception):
            self.render(go.Figure(layout={"width": 50, "height": 50}), "svg", width=50, height=50)

    def render(self, fig: go.Figure, fmt: str = "png", *, width: int = EXPORT_WIDTH, height: int | None = None,
               scale: float | None = None) -> bytes:
        warming = getattr(self, "_warming", None)
        if warming is not None and warming is not threading.current_thread():
            warming.join()
            self._warming = None
        if fmt not in FORMATS:
            raise ExportError(t("chart.export.bad_format", formats=fmt))
        fig = _cleaned(fig)
        height = int(height or fig.layout.height or 560)
        if scale is None:
            scale = PNG_SCALE if fmt == "png" else 1
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        for attempt in (1, 2):
            try:
                browser = _BROWSER
                if browser is None:
                    raise ExportError(t("chart.export.browser_stopped"))
                return browser.render(fig, opts)
            except Exception as exc:  # noqa: BLE001 - turned into a French message
                if attempt == 2 or isinstance(exc, (ValueError, TypeError)):
                    raise _friendly(exc) from exc
                _restart_browser()  # a browser kept warm may have died: one fresh start, then retry
        raise ExportError(t("chart.export.failed"))


def keep_warm() -> None:
    """Keep the browser up for the life of the process (the app server): after the first brief or pack,
    later ones skip Chromium's start (2–5 s). The browser starts in the background."""
    global _KEPT
    with contextlib.suppress(ExportError):
        if _KEPT is None:
            _KEPT = ChartRenderer().__enter__()


def render_chart(fig: go.Figure, fmt: str = "png", **kwargs) -> bytes:
    """One figure in one format (starts and stops a browser: prefer :class:`ChartRenderer` for batches)."""
    with ChartRenderer() as r:
        return r.render(fig, fmt, **kwargs)


__all__ = ["EXPORT_WIDTH", "FORMATS", "PNG_SCALE", "ChartRenderer", "ExportError", "kaleido_class", "keep_warm",
           "render_chart"]
