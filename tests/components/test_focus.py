"""Cross-filtering: reading a chart click and narrowing the page's filter."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.store import ArticleFilter
from components.focus import (
    clicked_row,
    focus_label,
    focus_name,
    focus_value,
    focused_filter,
)

ENTITIES = pd.DataFrame(
    {"entity": ["Putin", "Kremlin"], "label": ["PERSON", "ORG"], "n_mentions": [3, 2]}
)


def _click(**point: object) -> dict[str, object]:
    return {"selection": {"points": [point], "point_indices": [point.get("point_index")]}}


def test_clicked_row_prefers_the_row_number_in_custom_data() -> None:
    # The second trace's first bar: its point index is 0, its row in the frame is 1.
    event = _click(curve_number=1, point_index=0, customdata=["1", 2])
    assert clicked_row(event) == 1
    assert focus_value("entity", ENTITIES.iloc[clicked_row(event)]) == ("Kremlin", "ORG")


def test_clicked_row_uses_the_point_index_otherwise() -> None:
    assert clicked_row(_click(curve_number=0, point_index=4)) == 4
    # Numbers in custom data (a histogram bar's bounds) are not row numbers.
    assert clicked_row(_click(curve_number=0, point_index=2, customdata=[5, 6])) == 2


def test_no_click() -> None:
    assert clicked_row(None) is None
    assert clicked_row({"selection": {"points": [], "point_indices": []}}) is None


def test_focus_values_and_labels() -> None:
    words = pd.DataFrame({"term": ["port", "said"], "n_occurrences": [10, 24]})
    bins = pd.DataFrame({"bin_start": [8.0, 9.5], "bin_end": [9.5, 11.0], "n_articles": [2, 1]})
    assert focus_value("word", words.iloc[0]) == "port"
    assert focus_value("measure", bins.iloc[1], detail="smog_index") == ("smog_index", 9.5, 11.0)
    assert focus_label("entity", ("Putin", "PERSON")) == "Putin (PERSON)"
    assert focus_label("measure", ("smog_index", 9.5, 11.0)) == "9.5 to 11"
    assert focus_name("measure", ("smog_index", 9.5, 11.0)).startswith("SMOG Index")
    assert focus_name("word", "port") == "Contains the word"
    assert focus_label("word", "port") == "port"


def test_focused_filter_keeps_the_sidebar_filter_and_leaves_out_one_dimension() -> None:
    sidebar = ArticleFilter(sources=("Daily Test",), date_from=dt.date(2024, 1, 1))
    focus = {"entity": ("Putin", "PERSON"), "word": "port", "measure": ("smog_index", 8.0, 9.5)}
    narrowed = focused_filter(sidebar, focus)
    assert narrowed == ArticleFilter(
        sources=("Daily Test",),
        date_from=dt.date(2024, 1, 1),
        mentioning=("Putin", "PERSON"),
        containing_word="port",
        measure_range=("smog_index", 8.0, 9.5),
    )
    assert focused_filter(sidebar, focus, leave_out="word").containing_word == ""
    assert focused_filter(sidebar, focus, leave_out="entity").mentioning is None
    assert focused_filter(sidebar, {}) is sidebar
    hash(narrowed)  # the dashboard caches queries on it
