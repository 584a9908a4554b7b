"""Time each dashboard page's script with AppTest, cold (empty caches) and warm.

    python benchmarks/pages.py --db sqlite:////tmp/bbc.db [--runs 3]

The store must already hold the articles (load them with ``python -m analytics add``). Cold
is the first run of a page after all Streamlit caches are cleared; warm is the median of the
following runs. Prints a table and writes JSON next to this script (benchmarks/results/).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")
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
    "upload",
)


def _timed_run(page: str) -> tuple[float, int]:
    app = AppTest.from_file(APP, default_timeout=600)
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
        cold, n_charts = _timed_run(page)
        warm = statistics.median(_timed_run(page)[0] for _ in range(runs))
        rows.append(
            {"page": page, "cold_s": round(cold, 3), "warm_s": round(warm, 3), "charts": n_charts}
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a loaded store")
    parser.add_argument("--runs", type=int, default=3, help="warm runs per page")
    args = parser.parse_args()
    os.environ["NEWS_DB_URL"] = args.db
    from analytics.store import create_store_engine, n_articles

    count = n_articles(create_store_engine(args.db))
    rows = page_timings(args.runs)
    print(f"{count:,} articles in the store")
    print(f"{'page':<12} {'cold (s)':>9} {'warm (s)':>9} {'charts':>7}")
    for row in rows:
        print(f"{row['page']:<12} {row['cold_s']:>9.3f} {row['warm_s']:>9.3f} {row['charts']:>7}")
    out = REPO / "benchmarks" / "results" / "pages.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"n_articles": count, "pages": rows}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
