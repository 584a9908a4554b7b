"""Time each dashboard page's script with AppTest, cold (empty caches) and warm.

    python benchmarks/pages.py --db sqlite:////tmp/bbc.db [--runs 3] [--queries]

The store must already hold the articles (load them with ``python -m analytics add``). Cold
is the first run of a page after all Streamlit caches are cleared; warm is the median of the
following runs. Prints a table and writes JSON next to this script (benchmarks/results/).
With ``--queries``, the store queries of each page's cold run are timed too, and the slowest
printed under the table (what to look at first).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")
#: The store queries timed in the current page's cold run (``--queries``): (name, seconds).
QUERY_TIMES: list[tuple[str, float]] = []
PAGES = (
    "overview",
    "article",
    "words",
    "entities",
    "quotes",
    "together",
    "timeline",
    "contexts",
    "compare",
    "readability",
    "map",
    "upload",
)


def time_store_queries() -> None:
    """Wrap every function of ``analytics.store`` so that its calls are timed into
    ``QUERY_TIMES`` (before ``dashboard.data`` wraps them in its caches)."""
    from analytics import store

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                QUERY_TIMES.append((name, time.perf_counter() - start))

        return call

    for name in store.__all__:
        value = getattr(store, name)
        if callable(value) and getattr(value, "__module__", "").startswith("analytics.store"):
            setattr(store, name, timed(name, value))


@functools.cache
def _component_registry() -> Any:
    """Streamlit's registry of installed components, discovered once: the server scans the
    installed packages for them once at its start (``Runtime``), but an ``AppTest`` does it
    at its first run, 0.2-0.35 s here, which no page view of the real server pays."""
    from streamlit.components.v2.component_manager import BidiComponentManager

    registry = BidiComponentManager()
    registry.discover_and_register_components(start_file_watching=False)
    return registry


def _timed_run(page: str) -> tuple[float, int]:
    app = AppTest.from_file(APP, default_timeout=600)
    app._bidi_component_manager = _component_registry()  # noqa: SLF001 - as the server's
    app.switch_page(f"views/{page}.py")
    start = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - start
    if app.exception:
        raise RuntimeError(f"{page}: {app.exception[0].message}")
    return elapsed, len(app.get("plotly_chart"))


def page_timings(runs: int) -> list[dict[str, object]]:
    """Cold and warm script times of every page, in seconds."""
    rows = []
    _timed_run("upload")  # load the app's modules and the store once, outside the timings
    for page in PAGES:
        st.cache_data.clear()
        QUERY_TIMES.clear()
        cold, n_charts = _timed_run(page)
        slowest = sorted(QUERY_TIMES, key=lambda item: -item[1])[:6]
        warm = statistics.median(_timed_run(page)[0] for _ in range(runs))
        rows.append(
            {
                "page": page,
                "cold_s": round(cold, 3),
                "warm_s": round(warm, 3),
                "charts": n_charts,
                "slowest_queries": [(name, round(seconds, 3)) for name, seconds in slowest],
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a loaded store")
    parser.add_argument("--runs", type=int, default=3, help="warm runs per page")
    parser.add_argument("--queries", action="store_true", help="time each store query too")
    parser.add_argument("--out", default="pages.json", help="file name in benchmarks/results")
    args = parser.parse_args()
    os.environ["NEWS_DB_URL"] = args.db
    if args.queries:
        time_store_queries()
    from analytics.store import create_store_engine, n_articles

    count = n_articles(create_store_engine(args.db))
    rows = page_timings(args.runs)
    print(f"{count:,} articles in the store; load average {Path('/proc/loadavg').read_text()}")
    print(f"{'page':<12} {'cold (s)':>9} {'warm (s)':>9} {'charts':>7}")
    for row in rows:
        print(f"{row['page']:<12} {row['cold_s']:>9.3f} {row['warm_s']:>9.3f} {row['charts']:>7}")
    if args.queries:
        for row in rows:
            queries = ", ".join(f"{name} {seconds:.2f}" for name, seconds in row["slowest_queries"])
            print(f"{row['page']}: {queries}")
    out = REPO / "benchmarks" / "results" / args.out
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"n_articles": count, "pages": rows}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
