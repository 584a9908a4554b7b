"""Reading what an ``AppTest`` run of the dashboard shows: metrics, charts, downloads."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
SEED_DIR = REPO / "seeds"

PAGES = {
    "overview": "views/overview.py",
    "article": "views/article.py",
    "words": "views/words.py",
    "entities": "views/entities.py",
    "together": "views/together.py",
    "timeline": "views/timeline.py",
    "quotes": "views/quotes.py",
    "readability": "views/readability.py",
    "contexts": "views/contexts.py",
    "compare": "views/compare.py",
    "upload": "views/upload.py",
    "map": "views/map.py",
}
TITLES = {
    "overview": "Overview",
    "words": "Words",
    "entities": "Entities",
    "together": "Together",
    "timeline": "Over time",
    "quotes": "Quotes",
    "readability": "Readability",
    "contexts": "Contexts",
    "compare": "Compare",
    "upload": "Upload articles",
}


def open_app(page: str | None = None, *, query: dict[str, str] | None = None) -> AppTest:
    """The dashboard after its first run, which shows ``page`` (Overview by default)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    if page is not None and page != "overview":
        # Before the first run AppTest finds a page by its file name; every page's url_path
        # is its file name, so the first run can already be that page.
        at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [(error.value, error.stack_trace) for error in at.exception]
    assert at.title[0].value == TITLES.get(page or "overview", at.title[0].value)
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Label -> shown value of every metric."""
    return {metric.label: metric.value for metric in at.metric}


def decode(values: Any) -> list[Any]:
    """A Plotly JSON array as a list; typed arrays come as base64 ``bdata``."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        if "shape" in values:
            array = array.reshape([int(size) for size in str(values["shape"]).split(",")])
        return array.tolist()
    return list(values)


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    """Chart key -> the Plotly figure JSON (``data`` and ``layout``) of every chart shown."""
    return {node.key: json.loads(node.proto.spec) for node in at.get("plotly_chart")}


def chart(at: AppTest, key: str) -> dict[str, Any]:
    return charts(at)[key]


def downloads(at: AppTest) -> dict[str, str]:
    """Download button key -> its label."""
    return {button.key: button.label for button in at.get("download_button")}


def frame(at: AppTest, key: str) -> pd.DataFrame:
    """The DataFrame of the (selectable, so keyed) table ``key``."""
    return at.dataframe(key=key).value


def frame_with_columns(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one table shown whose first columns are ``columns``."""
    found = [
        table.value
        for table in at.dataframe
        if list(table.value.columns[: len(columns)]) == list(columns)
    ]
    assert len(found) == 1, f"{len(found)} tables start with {columns}"
    return found[0]
