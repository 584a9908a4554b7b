"""Where a new tab's time goes, page by page, against the minimal app: its phases in Chromium.

    python benchmarks/browser_phases.py --db sqlite:////tmp/bbc.db [--pages overview,words]

``benchmarks/browser_speed.py`` says how long a new tab takes to draw its first Plotly chart;
this says what it waited for. Both servers are started as there (warm, the same Chromium
flags and window), and every new tab is timed in the page (``performance.now()``, from the
navigation) at these milestones:

- **ws**: the first message from the server (the script has started);
- **chart msg**: the message that carries the first chart (its figure's JSON);
- **last msg**: the script's last message;
- **fetch**: the Plotly chunk (``PlotlyChart.*.js``, 4.7 MB, shared by every chart) asked for
  and received; a page asks for it once its first chart element is drawn;
- **eval**: the longest main-thread task after that fetch, which is the chunk being parsed and
  run (the same in the minimal app);
- **drawn**: the first chart drawn (as ``browser_speed.py`` has it);

with the main thread's long tasks (over 50 ms) before the chunk's evaluation (**tasks pre**)
and after it until the chart is drawn (**tasks post**): what else the browser did first.
Prints each phase's median over ``--runs`` new tabs, with the messages' count and kB (**kB
pre**: before the first chart's message), and the load average.

What the time is (December 2026; BBC store of 2,125 articles, Chromium 156, 2 cores shared;
paired rounds, each with the minimal app; "8/10": faster in 8 of 10 rounds):

- Traced (CDP tracing with V8's sampler), the renderer's main thread spends the first ~1.0 s
  starting Streamlit's frontend in both apps. In the minimal app the chart element then asks
  for the Plotly chunk (at ~1.0 s), the main thread waits ~0.2 s for it (it is compiled off
  the main thread), evaluates it in one task (0.45-0.55 s) and draws the chart in the next
  (0.19-0.23 s). A dashboard page renders its other elements (navigation and filter widgets,
  metrics, captions and widget labels through Streamlit's Markdown, download buttons, the
  DataFrame chunk and its grids) while the chunk arrives: the evaluation starts 0.4-0.7 s
  later; then one task renders what waited for it and draws every chart of the page before
  the browser paints (Overview's four charts 0.65-1.3 s, Readability's three 0.35-0.45 s).
- Removing one kind of element (the second of two runs of 8 rounds at load 6.6-6.8; the gap
  to the minimal app Overview +1.13 s, Readability +1.23 s): only the first chart, Overview
  -0.38 s (5/8), Readability -0.16 (6/8); no tables -0.17 (6/8), -0.44 (8/8); no sidebar
  filter -0.10, -0.21; no navigation -0.11, -0.13; no metrics -0.03; no download buttons
  +0.03, -0.06; all of them removed (first run): 1.12x the minimal app. No one element
  explains the gap: it is the page's content.
- Tables: the first ``st.dataframe`` on a page costs its chunk (DataFrame and Arrow
  formatting, 1.5 MB of JavaScript) and a grid: a 10-row table under the minimal app's chart
  +0.26 s (9/10); three tables +0.31 s. Their rows do not matter: Readability's unreliable
  scores at 100 rows instead of 1,000 and Overview's article table at 50 instead of 200, -0.02
  and -0.08 s (5/10, 6/10).
- The server is not on the critical path: a warm new session's run takes 0.19 s
  (Readability) to 0.41 s (Overview, 0.24 s of it plotly.express); 0.3 s of CPU added to the
  Overview's run between its charts did not slow the new tab (-0.17 s, 8/10); a 0.3 or 0.6 s
  pause after the first chart: Overview +0.01 / +0.11 s, Readability -0.15 / -0.19 s.
- The benchmark's browser: every new tab makes headless Chromium's omnibox popup (a WebUI
  renderer, chrome://omnibox-popup.top-chrome) spend ~0.5 s of CPU, and the browser process
  ~0.15 s more. Disabled (``WebUIOmniboxPopup``, ``WebUIOmniboxFullPopup`` and
  ``WebUIOmniboxAimPopup`` added to Playwright's own ``--disable-features`` list, which a
  second ``--disable-features`` would replace), the minimal app's new tab takes 1.59 s instead
  of 1.94 s and the pages 0.07-0.57 s less: the ratios are 1.67-1.83 instead of 1.46-1.66
  (8 rounds, load 4.7). The ratio depends on the measuring browser as much as on the pages.
- Tried, not kept: Overview's "Mentions by type" as one trace with a colour per bar instead of
  plotly.express's trace per type (the same bars, colours and hover): after - before, pooled
  over two runs of 12 rounds, median +0.06 s, faster in 10 of 24.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.browser_speed import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DRAWN,
    IDLE,
    MINIMAL,
    PAGES,
    REPO,
    TIMED_TIMEOUT_MS,
    VIEWPORT,
    WARM_TIMEOUT_MS,
    PageSpec,
    load_average,
    streamlit_server,
)

# Before the app's own scripts: every websocket message (time, bytes, whether it holds a
# Plotly figure) and every long task of the main thread.
RECORDER = """(() => {
    const messages = [];
    const longTasks = [];
    window.__phases = {messages, longTasks};
    const Socket = window.WebSocket;
    window.WebSocket = function (...args) {
        const socket = new Socket(...args);
        socket.addEventListener('message', (event) => {
            const data = event.data;
            let chart = false;
            if (data instanceof ArrayBuffer) {
                chart = new TextDecoder('latin1').decode(new Uint8Array(data))
                    .includes('"layout"');
            }
            messages.push([performance.now(), data.byteLength ?? data.length ?? 0, chart]);
        });
        return socket;
    };
    window.WebSocket.prototype = Socket.prototype;
    Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    new PerformanceObserver((list) => {
        for (const task of list.getEntries()) longTasks.push([task.startTime, task.duration]);
    }).observe({type: 'longtask', buffered: true});
})();"""
COLLECT = """() => ({
    messages: window.__phases.messages,
    longTasks: window.__phases.longTasks,
    resources: performance.getEntriesByType('resource').map(
        (r) => [r.name.split('/').pop(), r.startTime, r.responseEnd]),
})"""
PHASES = ("ws", "chart msg", "last msg", "fetch from", "fetch to", "eval from", "eval ms")
PHASES += ("tasks pre", "tasks post", "drawn")


def phases(record: dict[str, Any], drawn: float) -> dict[str, float]:
    """A new tab's milestones (ms from its navigation) from what ``RECORDER`` kept."""
    messages = record["messages"]
    chart = next((t for t, _, is_chart in messages if is_chart), float("nan"))
    fetch = next(
        ((start, end) for name, start, end in record["resources"] if name.startswith("Plotly")),
        (float("nan"), float("nan")),
    )
    after_fetch = [task for task in record["longTasks"] if task[0] >= fetch[1] - 5]
    evaluation = max(after_fetch, key=lambda task: task[1], default=(float("nan"), 0.0))
    end_of_eval = evaluation[0] + evaluation[1]
    return {
        "ws": messages[0][0] if messages else float("nan"),
        "chart msg": chart,
        "last msg": messages[-1][0] if messages else float("nan"),
        "fetch from": fetch[0],
        "fetch to": fetch[1],
        "eval from": evaluation[0],
        "eval ms": evaluation[1],
        "tasks pre": sum(d for s, d in record["longTasks"] if s + d <= evaluation[0]),
        "tasks post": sum(d for s, d in record["longTasks"] if end_of_eval <= s < drawn),
        "drawn": drawn,
        "messages": len(messages),
        "kB": sum(size for _, size, _ in messages) / 1000,
        "kB pre": sum(size for t, size, _ in messages if t < chart) / 1000,
    }


def new_tab(context: BrowserContext, url: str) -> dict[str, float]:
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        handle = page.wait_for_function(
            DRAWN, arg=[None, None, True], polling="raf", timeout=TIMED_TIMEOUT_MS
        )
        drawn = float(handle.json_value())
        page.wait_for_function(IDLE, polling=100, timeout=TIMED_TIMEOUT_MS)
        return phases(page.evaluate(COLLECT), drawn)
    finally:
        page.close()


def warm(context: BrowserContext, url: str) -> None:
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function(IDLE, polling=250, timeout=WARM_TIMEOUT_MS)
        time.sleep(1.0)
        page.wait_for_function(IDLE, polling=250, timeout=WARM_TIMEOUT_MS)
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a loaded store")
    parser.add_argument("--runs", type=int, default=5, help="new tabs per page")
    parser.add_argument("--pages", default="overview", help="comma-separated URL paths")
    parser.add_argument("--port", type=int, default=8623, help="the dashboard's port")
    parser.add_argument("--minimal-port", type=int, default=8624, help="the minimal app's port")
    args = parser.parse_args()
    wanted = {p.strip().strip("/") for p in args.pages.split(",")}
    specs: list[PageSpec] = [
        s for s in PAGES if s.path in wanted or (s.path == "" and "overview" in wanted)
    ]
    logs = Path(tempfile.mkdtemp(prefix="browser-phases-"))
    load_before = load_average()
    with (
        streamlit_server("benchmarks/minimal_app.py", args.minimal_port, {}, logs / "m.log") as m,
        streamlit_server(
            "dashboard/app.py", args.port, {"NEWS_DB_URL": args.db}, logs / "d.log"
        ) as dashboard,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(RECORDER)
        targets = [(MINIMAL.nav, m)] + [(s.nav, f"{dashboard}/{s.path}") for s in specs]
        for _, url in targets:
            warm(context, url)
        results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in targets}
        for _ in range(args.runs):  # the pages in turn, as the load changes
            for name, url in targets:
                results[name].append(new_tab(context, url))
        browser.close()
    print(f"{REPO} on {args.db}: {args.runs} new tabs each, medians in ms from the navigation")
    print(f"load average before {load_before}, after {load_average()}\n")
    columns = (*PHASES, "messages", "kB", "kB pre")
    print(f"{'':<12}" + "".join(f"{c:>11}" for c in columns))
    for name, runs in results.items():
        row = [statistics.median(run[c] for run in runs) for c in columns]
        print(f"{name:<12}" + "".join(f"{v:>11.0f}" for v in row))


if __name__ == "__main__":
    main()
