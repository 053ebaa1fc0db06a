"""What ``dashboard.charts.browser.kaleido_class`` assumes of kaleido's private API, checked on the installed kaleido.

The override keeps kaleido's page loaded between images by replacing ``Kaleido._return_kaleido_tab``.
These tests start no browser; they fail when a new kaleido no longer reloads its tab after each image
(the override is then useless), no longer hands tabs back through that method (never called: slower), or
changes its signature or the ``tabs_ready`` queue it fills (the override would break rendering).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
from types import SimpleNamespace

import kaleido

from dashboard.charts import browser


class _Tab:
    """A kaleido tab as ``_return_kaleido_tab`` uses it: ``reload()`` and ``tab.target_id``."""

    def __init__(self) -> None:
        self.reloads = 0
        self.tab = SimpleNamespace(target_id="tab-0001")

    async def reload(self) -> None:
        self.reloads += 1


def _hand_back(kaleido_obj, tabs: list[_Tab], method) -> int:
    """Hand every tab back through ``method`` (bound to ``kaleido_obj``); the size of ``tabs_ready`` after."""

    async def run() -> int:
        kaleido_obj.tabs_ready = asyncio.Queue()
        for tab in tabs:
            await method(kaleido_obj, tab)
        return kaleido_obj.tabs_ready.qsize()

    # a thread of its own: in the whole suite Playwright's sync API keeps an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_kaleido_reloads_its_page_after_every_image():
    tab = _Tab()
    queued = _hand_back(SimpleNamespace(), [tab], kaleido.Kaleido._return_kaleido_tab)
    assert tab.reloads == 1 and queued == 1


def test_every_render_hands_its_tab_back_through_the_overridden_method():
    method = kaleido.Kaleido._return_kaleido_tab
    assert inspect.iscoroutinefunction(method)
    assert list(inspect.signature(method).parameters) == ["self", "tab"]
    assert "tabs_ready" in kaleido.Kaleido.__annotations__
    # calc_fig (what the browser thread calls) → write_fig_from_object → _render_task → the hook
    assert "self.write_fig_from_object(" in inspect.getsource(kaleido.Kaleido.calc_fig)
    assert "self._render_task(" in inspect.getsource(kaleido.Kaleido.write_fig_from_object)
    assert "await self._return_kaleido_tab(tab)" in inspect.getsource(kaleido.Kaleido._render_task)
    assert {"n", "mathjax"} <= set(inspect.signature(kaleido.Kaleido.__init__).parameters)


def test_override_keeps_the_page_and_reloads_it_every_reload_every_images():
    cls = browser.kaleido_class()
    assert issubclass(cls, kaleido.Kaleido) and browser.kaleido_class() is cls
    assert inspect.signature(cls._return_kaleido_tab).parameters.keys() == \
        inspect.signature(kaleido.Kaleido._return_kaleido_tab).parameters.keys()
    tabs = [_Tab() for _ in range(browser.RELOAD_EVERY)]
    queued = _hand_back(object.__new__(cls), tabs, cls._return_kaleido_tab)  # no Chromium started
    assert queued == browser.RELOAD_EVERY
    assert [t.reloads for t in tabs] == [0] * (browser.RELOAD_EVERY - 1) + [1]
