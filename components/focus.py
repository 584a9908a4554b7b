"""Cross-filtering: a click on a chart's bar narrows the rest of the page to it.

A page keeps its *focus*, a small dict from a dimension (an entity, a word, a range of a
readability measure) to the value clicked. ``focused_filter`` turns the sidebar's filter and
the focus into the filter a chart or table uses (a chart leaves out its own dimension, so it
keeps showing the other bars to click); ``show_focus_chips`` draws the focus as chips that remove a
dimension when clicked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Literal

import pandas as pd
import streamlit as st

from analytics.filters import ArticleFilter
from analytics.readability import COUNTS, MEASURES
from analytics.timeline import period_end
from components.safe_text import markdown_escape

Dimension = Literal["entity", "word", "measure", "period"]
DIMENSION_NAMES: dict[str, str] = {
    "entity": "Mentions",
    "word": "Contains the word",
    "period": "Clicked point",
}


def focus_value(dimension: Dimension, row: pd.Series, *, detail: str = "") -> Any:
    """The value a click on a chart row sets: (entity, label), a word, a histogram bar's
    (measure, from, to) with ``detail`` the measure, or a time line's (item, period label,
    first day, last day) with ``detail`` the period (day, week or month)."""
    if dimension == "entity":
        return (str(row["entity"]), str(row["label"]))
    if dimension == "word":
        return str(row["term"])
    if dimension == "period":
        start = pd.Timestamp(row["period_start"]).date()
        end = period_end(start, detail)  # type: ignore[arg-type]
        return (str(row["item"]), str(row["period"]), start, end)
    return (detail, float(row["bin_start"]), float(row["bin_end"]))


def focused_filter(
    flt: ArticleFilter, focus: Mapping[str, Any], *, leave_out: Dimension | None = None
) -> ArticleFilter:
    """The filter narrowed by every focused dimension but ``leave_out``."""
    changes: dict[str, Any] = {}
    if "entity" in focus and leave_out != "entity":
        changes["mentioning"] = tuple(focus["entity"])
    if "word" in focus and leave_out != "word":
        changes["containing_word"] = focus["word"]
    if "measure" in focus and leave_out != "measure":
        changes["measure_range"] = tuple(focus["measure"])
    return dataclasses.replace(flt, **changes) if changes else flt


def focus_label(dimension: str, value: Any) -> str:
    """How a focused value reads on its chip (plain text; escape it for Markdown)."""
    if dimension == "entity":
        entity, label = value
        return f"{entity} ({label})"
    if dimension == "measure":
        measure, low, high = value
        return f"{low:g} to {high:g}"
    if dimension == "period":
        item, period, _start, _end = value
        return f"{item} in {period}"
    return str(value)


def focus_name(dimension: str, value: Any) -> str:
    """What a chip says the page is narrowed by."""
    if dimension == "measure":
        return MEASURES.get(value[0]) or COUNTS.get(value[0], value[0])
    return DIMENSION_NAMES[dimension]


def clicked_row(event: Mapping[str, Any] | None) -> int | None:
    """The row of the chart's frame that a click selected, if any.

    A chart with several traces (bars coloured by type) carries each bar's row number as a
    string first in its custom data, because a point's index counts within its trace only.
    """
    if not event:
        return None
    points = event.get("selection", {}).get("points", [])
    if not points:
        return None
    point = points[0]
    custom = point.get("customdata")
    if isinstance(custom, list) and custom and isinstance(custom[0], str) and custom[0].isdigit():
        return int(custom[0])
    index = point.get("point_index")
    return None if index is None else int(index)


def show_focus_chips(
    focus: Mapping[str, Any], *, key: str, on_remove: Callable[[list[str]], None]
) -> None:
    """The page's focus as chips; clicking a chip removes that dimension (``on_remove`` gets
    the dimensions the user took away)."""
    if not focus:
        return
    dimensions = list(focus)
    widget_key = f"{key}-chips-" + "-".join(dimensions)

    def removed() -> None:
        kept = st.session_state.get(widget_key) or []
        on_remove([dimension for dimension in dimensions if dimension not in kept])

    st.pills(
        "Filtered by a click (click a chip to remove it)",
        dimensions,
        selection_mode="multi",
        default=dimensions,
        format_func=lambda dimension: (
            f"{focus_name(dimension, focus[dimension])}: "
            f"{markdown_escape(focus_label(dimension, focus[dimension]))} ✕"
        ),
        key=widget_key,
        on_change=removed,
    )
