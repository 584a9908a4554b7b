"""Speed as a user feels it: each page's first chart in Chromium, against a minimal app.

    python benchmarks/browser_speed.py --db sqlite:////tmp/bbc.db [--runs 3]

Starts two warm servers: the dashboard on the store ``--db`` (which must already hold the
articles) and ``benchmarks/minimal_app.py`` (one Plotly bar chart: the floor of Streamlit,
Plotly and the browser on this machine). Every page is opened once to warm the servers'
caches and the browser's, then timed, ``--runs`` times each:

- **new tab**: from opening the page's URL in a new tab (a new Streamlit session) to its
  first Plotly chart drawn (a ``.js-plotly-plot .main-svg`` in an element of the current run);
  pages without a chart to their title with the script run over;
- **page change**: from a click on the page's link in the sidebar to the same.

Times are taken in the page (``performance.now()``, polled every animation frame). Prints a
table (median and range) with the minimal app's row, each page's new tab against the minimal
app's median, and the load average; writes JSON to ``benchmarks/results/browser_speed.json``.
Targets: a new tab within 1.2x the minimal app, a page change under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 900}
WARM_TIMEOUT_MS = 600_000  # the first view of a page on a large store fills its caches
TIMED_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class PageSpec:
    nav: str  # the link's text in the sidebar
    path: str  # the URL path
    title: str | None  # the page's h1 (None: an article's title, not known in advance)


PAGES = (
    PageSpec("Overview", "", "Overview"),
    PageSpec("Article", "article", None),
    PageSpec("Readability", "readability", "Readability"),
    PageSpec("Upload", "upload", "Upload articles"),
    PageSpec("Words", "words", "Words"),
    PageSpec("Contexts", "contexts", "Contexts"),
    PageSpec("Compare", "compare", "Compare"),
    PageSpec("Over time", "timeline", "Over time"),
    PageSpec("Entities", "entities", "Entities"),
    PageSpec("Together", "together", "Together"),
    PageSpec("Map", "map", "Map"),
    PageSpec("Quotes", "quotes", "Quotes"),
)
MINIMAL = PageSpec("minimal app", "", "Minimal")

# True (with performance.now()) once the page shows its title (not the previous page's) and,
# for a page with charts, a drawn Plotly chart, both in elements of the current script run;
# for a page without charts, once the script run is over.
DRAWN = """([title, previous, chart]) => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return false;
    const fresh = '[data-testid="stElementContainer"]:not([data-stale="true"]) ';
    const heading = main.querySelector(fresh + 'h1');
    if (!heading) return false;
    const text = heading.innerText.trim();
    if (title !== null && text !== title) return false;
    if (previous !== null && text === previous) return false;
    if (chart) {
        if (!main.querySelector(fresh + '.js-plotly-plot .main-svg')) return false;
    } else {
        const app = document.querySelector('[data-testid="stApp"]');
        if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    }
    return performance.now();
}"""
IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    return app && main && app.dataset.testScriptState === 'notRunning'
        && main.querySelector('h1') && !main.querySelector('[data-testid="stSkeleton"]');
}"""
N_CHARTS = """() => document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stPlotlyChart"]').length"""


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def streamlit_server(
    script: str, port: int, env: dict[str, str], log: Path, *, cwd: Path = REPO
) -> Iterator[str]:
    """``streamlit run script`` (a path under ``cwd``) headless on 127.0.0.1:``port``; yields
    its URL once healthy."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 120
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script} did not start on {url}; see {log}")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_drawn(page: Page, spec: PageSpec, *, chart: bool, previous: str | None = None) -> float:
    """performance.now() in ms when the page is drawn (see ``DRAWN``)."""
    handle = page.wait_for_function(
        DRAWN, arg=[spec.title, previous, chart], polling="raf", timeout=TIMED_TIMEOUT_MS
    )
    return float(handle.json_value())


def warm(context: BrowserContext, url: str, spec: PageSpec) -> bool:
    """Open the page once (filling the server's caches and the browser's); whether it shows a
    chart."""
    page = context.new_page()
    try:
        page.goto(f"{url}/{spec.path}")
        page.wait_for_function(IDLE, polling=250, timeout=WARM_TIMEOUT_MS)
        time.sleep(1.0)  # lazily loaded elements (charts) replace their skeletons
        page.wait_for_function(IDLE, polling=250, timeout=WARM_TIMEOUT_MS)
        return int(page.evaluate(N_CHARTS)) > 0
    finally:
        page.close()


def new_tab_seconds(context: BrowserContext, url: str, spec: PageSpec, *, chart: bool) -> float:
    """From opening the page's URL in a new tab to its first chart, in seconds (the clock of
    ``performance.now()`` starts with the navigation)."""
    page = context.new_page()
    try:
        page.goto(f"{url}/{spec.path}", wait_until="commit")
        return _wait_drawn(page, spec, chart=chart) / 1000
    finally:
        page.close()


def page_change_seconds(page: Page, spec: PageSpec, *, chart: bool, previous: str) -> float:
    """From a click on the page's sidebar link to its first chart, in seconds."""
    # the link by its address (its text starts with the icon's name); links past the first
    # few are behind "View more" until that is clicked (outside the timing), and are drawn
    # after the click
    find = """(path) => Array.from(
        document.querySelectorAll('[data-testid="stSidebarNavLink"]')
    ).find(a => new URL(a.href).pathname.replace(/^\\/+|\\/+$/g, '') === path)"""
    if not page.evaluate(f"(path) => Boolean(({find})(path))", spec.path):
        more = page.locator('[data-testid="stSidebarNavViewButton"]')
        if more.count():
            more.first.click()
            page.wait_for_function(f"(path) => Boolean(({find})(path))", arg=spec.path)
    clicked = page.evaluate(
        f"""(path) => {{
            const link = ({find})(path);
            if (!link) return null;
            const start = performance.now();
            link.click();
            return start;
        }}""",
        spec.path,
    )
    if clicked is None:
        raise RuntimeError(f"no sidebar link {spec.nav!r}")
    return (_wait_drawn(page, spec, chart=chart, previous=previous) - float(clicked)) / 1000


def current_title(page: Page) -> str:
    return str(page.locator('[data-testid="stMain"] h1').first.inner_text()).strip()


def summary(times: list[float]) -> str:
    if not times:
        return f"{'-':>6} {'':>11}"
    return f"{statistics.median(times):>6.2f} {min(times):>5.2f}–{max(times):<5.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a loaded store")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per page (≥ 3)")
    parser.add_argument("--port", type=int, default=8621, help="the dashboard's port")
    parser.add_argument("--minimal-port", type=int, default=8622, help="the minimal app's port")
    parser.add_argument("--pages", help="comma-separated URL paths (default: every page)")
    parser.add_argument(
        "--repo",
        type=Path,
        default=REPO,
        help="the working tree whose dashboard is timed (default: this one; e.g. a copy of "
        "the tree before a change, to compare)",
    )
    parser.add_argument(
        "--dashboard-url", help="time a dashboard already running there instead of starting one"
    )
    args = parser.parse_args()
    # stopped (SIGTERM, or `timeout`): leave through the context managers, ending the servers
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    specs = PAGES
    if args.pages:
        wanted = {p.strip().strip("/") for p in args.pages.split(",")}
        specs = tuple(
            s for s in PAGES if s.path in wanted or (s.path == "" and "overview" in wanted)
        )
    load_before = load_average()
    logs = Path(tempfile.mkdtemp(prefix="browser-speed-"))
    with (
        streamlit_server(
            "benchmarks/minimal_app.py", args.minimal_port, {}, logs / "minimal.log"
        ) as minimal_url,
        (
            _running(args.dashboard_url)
            if args.dashboard_url
            else streamlit_server(
                "dashboard/app.py",
                args.port,
                {"NEWS_DB_URL": args.db},
                logs / "dashboard.log",
                cwd=args.repo,
            )
        ) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(TIMED_TIMEOUT_MS)
        warm(context, minimal_url, MINIMAL)
        charted = {}
        for spec in specs:
            start = time.perf_counter()
            charted[spec.path] = warm(context, url, spec)
            print(f"warm: {spec.nav} in {time.perf_counter() - start:.1f} s", flush=True)
        print(f"warmed up; load average {load_average()}; logs in {logs}", flush=True)

        loads: list[float] = []
        new_tab: dict[str, list[float]] = {spec.path: [] for spec in specs}
        floor: list[float] = []
        for _ in range(args.runs):
            for i, spec in enumerate(specs):
                if i % 4 == 0:  # the floor measured between the pages, as the load changes
                    floor.append(new_tab_seconds(context, minimal_url, MINIMAL, chart=True))
                    print(f"new tab: {MINIMAL.nav} {floor[-1]:.2f} s", flush=True)
                new_tab[spec.path].append(
                    new_tab_seconds(context, url, spec, chart=charted[spec.path])
                )
                print(f"new tab: {spec.nav} {new_tab[spec.path][-1]:.2f} s", flush=True)
                loads.append(float(load_average().split()[0]))

        change: dict[str, list[float]] = {spec.path: [] for spec in specs}
        tab = context.new_page()
        tab.goto(f"{url}/{specs[-1].path}")
        _wait_drawn(tab, specs[-1], chart=charted[specs[-1].path])
        for _ in range(args.runs):
            for spec in specs:
                previous = current_title(tab)
                change[spec.path].append(
                    page_change_seconds(tab, spec, chart=charted[spec.path], previous=previous)
                )
                print(f"page change: {spec.nav} {change[spec.path][-1]:.2f} s", flush=True)
                loads.append(float(load_average().split()[0]))
                tab.wait_for_function(IDLE, polling=100, timeout=TIMED_TIMEOUT_MS)
        browser.close()

    floor_median = statistics.median(floor)
    size = f"{VIEWPORT['width']}x{VIEWPORT['height']}"
    print(f"\n{args.repo} on {args.db}: {args.runs} runs per page, Chromium {size}")
    print(
        f"load average before {load_before}, after {load_average()}; 1-min while timing: "
        f"mean {statistics.mean(loads):.2f}, min {min(loads):.2f}, max {max(loads):.2f}\n"
    )
    print(f"{'':<12} {'':<6} {'new tab (s)':<25} {'page change (s)'}")
    print(f"{'page':<12} {'until':<6} {'median range':<18} {'x min':>6} {'median range'}")
    print(f"{MINIMAL.nav:<12} {'chart':<6} {summary(floor)} {1:>6.2f} {summary([])}")
    rows = []
    for spec in specs:
        until = "chart" if charted[spec.path] else "title"
        ratio = statistics.median(new_tab[spec.path]) / floor_median
        name = spec.nav
        print(
            f"{name:<12} {until:<6} {summary(new_tab[spec.path])} {ratio:>6.2f} "
            f"{summary(change[spec.path])}"
        )
        rows.append(
            {
                "page": name,
                "until": until,
                "new_tab_s": new_tab[spec.path],
                "new_tab_vs_minimal": round(ratio, 3),
                "page_change_s": change[spec.path],
            }
        )
    out = REPO / "benchmarks" / "results" / "browser_speed.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "db": args.db,
                "runs": args.runs,
                "load_before": load_before,
                "load_after": load_average(),
                "minimal_new_tab_s": floor,
                "pages": rows,
            },
            indent=2,
        )
    )
    print(f"\nwrote {out}")


@contextmanager
def _running(url: str) -> Iterator[str]:
    yield url.rstrip("/")


if __name__ == "__main__":
    main()
