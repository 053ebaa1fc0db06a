"""Every page of the app in Debian's chromium (Playwright), at 1280 px, in French and in English:

* axe-core (the npm package, ``make npm``) finds no serious or critical violation in Vigie's markup — what comes
  from Streamlit's own components is allowed only when listed in ``STREAMLIT_OWN`` with its upstream issue;
* nothing important is cut off: the tables a coordinator reads fit the page's width, their key columns' headers
  and texts are shown whole, the Mesures page's checkbox labels too.

One server, one browser: about a minute. docs/accessibility.md says what is checked and the result per page.
Run: pytest -m browser tests/test_browser_pages.py
"""

from __future__ import annotations

import pytest

from dashboard.i18n import t
from plans import access
from tests.test_browser import (  # noqa: F401  (the fixtures: chromium's path and flags)
    ARTIFACTS,
    ROOT,
    browser_type_launch_args,
    seeded_app,
)

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLAN = "pna-2024-2027"
AS_OF = "2026-11-30"

# Serious or critical violations that come from Streamlit's own components, with no way to fix them from the app:
# {(axe rule id, a CSS selector axe names for the node): the upstream issue}. Empty today: every violation axe found
# was in Vigie's markup and is fixed (docs/accessibility.md). An entry must name its issue.
STREAMLIT_OWN: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1000}, "locale": "fr-FR"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make npm` (make test does it)", pytrace=False)
    from loaders import profile as profiles
    from plans import profiles as stored

    def with_a_profile(eng) -> None:  # a saved import profile: the Données page shows its lines
        stored.save(eng, PLAN, profiles.from_text('--sheet "Suivi"\n--header-row 3\n--map "Famille=ref"\n'),
                    actor=access.CLI, origin="upload")

    yield from seeded_app(tmp_path_factory, "browser_pages", with_a_profile)


def open_page(page, url: str) -> None:
    """Open ``url`` and wait until the script has run and the page has settled (charts and tables drawn)."""
    page.goto(url)
    page.wait_for_selector("[data-testid='stSidebarNav']", timeout=30000)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=30000)
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')"
                           " && !document.querySelector('[data-testid=stSkeleton]')", timeout=30000)
    page.wait_for_timeout(300)


def test_axe_finds_no_serious_violation_on_any_page(server, page):
    axe = AXE.read_text(encoding="utf-8")
    open_page(page, f"{server}/?au={AS_OF}")
    paths = page.eval_on_selector_all("[data-testid='stSidebarNav'] a",
                                      "links => links.map(a => new URL(a.href).pathname.replace(/^\\//, ''))")
    assert len(paths) >= 6, paths  # every page of the menu (pages other work adds are checked too)
    paths.append(f"measure?ref=F01&plan={PLAN}")  # a measure's page (its charts, sources, history)
    found, checked = [], []
    for lang in ("fr", "en"):
        for path in paths:
            sep = "&" if "?" in path else "?"
            open_page(page, f"{server}/{path}{sep}lang={lang}&au={AS_OF}")
            page.add_script_tag(content=axe)
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => ({id: v.id, impact: v.impact, target: n.target.join(' '),
                                                  html: n.html.slice(0, 160)})))""")
            checked.append(f"{lang} /{path}")
            found += [{**v, "page": f"{lang} /{path}"} for v in violations
                      if not any(v["id"] == rule and selector in v["target"] for rule, selector in STREAMLIT_OWN)]
    assert all("github.com/streamlit/streamlit/issues/" in issue for issue in STREAMLIT_OWN.values())
    assert len(checked) == 2 * len(paths)
    assert not found, "\n".join(f"{v['page']}: {v['id']} ({v['impact']}) {v['target']} {v['html']}" for v in found)


# --- nothing cut off at 1280 px ---------------------------------------------------------------------------------

# A grid's geometry from the page: the a11y table glide-data-grid keeps inside its canvas (the header titles and the
# texts of the rows in view), its scroller (columns wider than the grid scroll sideways), and the drawn columns'
# widths and row height (the props of the component that draws the canvas). A text fits when glide's greedy word
# wrap (rows over 4rem wrap, 1.4 line height, 8 px padding) needs no more lines than the row holds.
GRID = """grid => {
  const canvas = grid.querySelector('canvas[data-testid=data-grid-canvas]');
  const scroller = grid.querySelector('.dvn-scroller');
  const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
  let fiber = canvas[key], props = null;
  for (let i = 0; fiber && i < 8 && !props; i++, fiber = fiber.return) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && p.columns.length && typeof p.columns[0].width === 'number') props = p;
  }
  const ctx = document.createElement('canvas').getContext('2d');
  const style = getComputedStyle(grid.querySelector('.stDataFrameGlideDataEditor'));
  const font = f => `${style.getPropertyValue(f).trim()} ${style.getPropertyValue('--gdg-font-family').trim()}`;
  const lines = (text, width, f) => {
    ctx.font = font(f);
    let n = 1, line = '';
    for (const word of text.split(/\\s+/).filter(Boolean)) {
      const next = line ? line + ' ' + word : word;
      if (ctx.measureText(next).width <= width) { line = next; continue; }
      if (line) n += 1;
      line = word;
      if (ctx.measureText(word).width > width) return 99;  // a word wider than the column: cut
    }
    return n;
  };
  const heads = [...canvas.querySelectorAll('thead th')].map(th => th.textContent);
  const shown = text => (text.match(/[?&]ref=([^&]*)$/) || [null, text])[1];  // a measure's link shows its ref
  const rows = [...canvas.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(td => shown(td.textContent)));
  const rowLines = props.rowHeight > 64 ? Math.floor((props.rowHeight - 6) / (14 * 1.4)) : 1;
  const columns = props.columns.map(c => c.title);
  const cut = {};
  for (const c of props.columns) {
    const i = heads.indexOf(c.title);
    const tooLong = [];
    if (lines(c.title, c.width - 16, '--gdg-header-font-style') > 1) tooLong.push(c.title);
    for (const row of rows) if (i >= 0 && row[i] && lines(row[i], c.width - 16, '--gdg-base-font-style') > rowLines) tooLong.push(row[i]);
    if (tooLong.length) cut[c.title] = tooLong;
  }
  return {columns, heads, cut, scroll: [scroller.scrollWidth, scroller.clientWidth]};
}"""

# page, the header that names the table, the columns that must be whole (text keys of dashboard/texts.toml)
TABLES = [
    ("changes", "col.change", ["date", "ref", "col.change", "col.old", "col.new", "col.voice"]),
    ("measures", "ms.signals", ["ref", "status", "deadline", "days_overdue", "ms.signals"]),
    ("deadlines", "col.deadline_end", ["ref", "lead", "col.deadline_announced", "col.deadline_end", "days_overdue"]),
    ("deadlines", "reason", ["ref", "reason", "since"]),
    ("deadlines", "col.days_slipped", ["col.state", "col.postponements", "col.days_slipped", "col.held_on",
                                       "col.announced"]),
    ("deadlines", "col.days_late", ["col.announced_date", "col.at_the_latest", "col.days_late", "ref"]),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_important_is_cut_off_at_1280_px(server, page, lang):
    problems = []
    page.set_viewport_size({"width": 1280, "height": 2800})  # the whole page in the screenshot; the width is what counts
    for path in dict.fromkeys(p for p, _, _ in TABLES):
        open_page(page, f"{server}/{path}?lang={lang}&au={AS_OF}")
        page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=30000)
        page.wait_for_function("[...document.querySelectorAll('canvas[data-testid=data-grid-canvas]')]"
                               ".every(c => c.querySelector('thead th'))", timeout=30000)  # every grid drawn
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(ARTIFACTS / f"browser-1280-{path}-{lang}.png"))
        grids = [page.locator("[data-testid='stDataFrame']").nth(i).evaluate(GRID)
                 for i in range(page.locator("[data-testid='stDataFrame']").count())]
        for _, key, wanted in (x for x in TABLES if x[0] == path):
            grid = next((g for g in grids if t(key, lang) in g["columns"]), None)
            if grid is None:
                problems.append(f"/{path}: no table has the column {t(key, lang)!r}")
                continue
            names = [t(k, lang) for k in wanted]
            missing = [n for n in names if n not in grid["heads"]]
            if missing:
                problems.append(f"/{path} « {t(key, lang)} » table: columns not shown {missing} of {grid['heads']}")
            if grid["scroll"][0] > grid["scroll"][1] + 1:
                problems.append(f"/{path} « {t(key, lang)} » table: {grid['scroll'][0]} px of columns in "
                                f"{grid['scroll'][1]} px, the last ones are cut off")
            problems += [f"/{path} « {t(key, lang)} » table, column {n!r}: cut {grid['cut'][n][:3]}"
                         for n in names if n in grid["cut"]]
        if path == "changes" and lang == "fr":  # a date field reads as the French write it: jj / mm / aaaa
            order = page.eval_on_selector_all("[data-testid='stMain'] [data-testid='stDateInput'] [data-type]",
                                              "els => els.map(e => e.dataset.type).filter(t => t !== 'literal')")
            if order[:3] != ["day", "month", "year"]:
                problems.append(f"/changes: date fields in the order {order[:3]}, not day / month / year")
        if path == "measures":  # the filters' checkbox labels are shown whole
            cut = page.eval_on_selector_all("[data-testid='stCheckbox'] label *",
                                            "els => els.filter(e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)"
                                            ".map(e => e.textContent)")
            problems += [f"/measures: checkbox label cut: {c!r}" for c in dict.fromkeys(cut)]
    assert not problems, "\n".join(problems)
