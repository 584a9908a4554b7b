"""A clicked chart shows its selection: the bar or point the page is narrowed to stays as it
is, the others are dimmed.

``selected_rows`` finds the rows of a chart's frame that a focused value (``components.focus``)
stands for; ``mark_selection`` dims every other bar or point of the figure through Plotly's
own ``selectedpoints``, so the hover and the colours stay those of the figure.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

import pandas as pd
import plotly.graph_objects as go

#: How a bar or point that is not selected is drawn.
DIMMED_OPACITY = 0.3


def selected_rows(
    frame: pd.DataFrame, dimension: str, value: Any, *, detail: str = ""
) -> list[int]:
    """The positions of ``frame``'s rows that the focused ``value`` of ``dimension`` selects
    (``detail``: a histogram's measure, a time line's period), as ``focus_value`` made it."""
    if value is None or frame.empty:
        return []
    if dimension == "entity" and {"entity", "label"} <= set(frame.columns):
        entity, label = value
        hits = (frame["entity"] == entity) & (frame["label"] == label)
    elif dimension == "word" and "term" in frame.columns:
        hits = frame["term"] == value
    elif dimension == "measure" and {"bin_start", "bin_end"} <= set(frame.columns):
        measure, low, high = value
        if measure != detail:
            return []
        hits = frame["bin_start"].map(lambda start: math.isclose(start, low)) & frame[
            "bin_end"
        ].map(lambda end: math.isclose(end, high))
    elif dimension == "period" and {"item", "period_start"} <= set(frame.columns):
        item, _period, start, _end = value
        hits = (frame["item"] == item) & (
            pd.to_datetime(frame["period_start"]) == pd.Timestamp(start)
        )
    else:
        return []
    return [position for position, hit in enumerate(hits.tolist()) if hit]


def _trace_rows(trace: Any) -> list[int]:
    """The frame row of each point of a trace: the row number a builder put first in the
    custom data (a chart of several traces, a map), else the point's index."""
    custom = trace.customdata
    if custom is not None and len(custom):
        first = [point if isinstance(point, str | int | float) else point[0] for point in custom]
        if all(isinstance(value, str) and value.isdigit() for value in first):
            return [int(value) for value in first]
    values = next(
        (
            getattr(trace, name)
            for name in ("x", "y", "locations", "lat")
            if getattr(trace, name, None) is not None
        ),
        (),
    )
    return list(range(len(values)))


def mark_selection(figure: go.Figure, rows: Collection[int]) -> go.Figure:
    """The figure with every bar or point but those of ``rows`` dimmed (nothing changes when
    ``rows`` is empty: a focus whose bar is not drawn leaves the chart as it is)."""
    if not rows:
        return figure
    wanted = set(rows)
    for trace in figure.data:
        if trace.type not in {"bar", "scatter", "scattergl", "scattergeo", "choropleth"}:
            continue
        points = [index for index, row in enumerate(_trace_rows(trace)) if row in wanted]
        trace.update(
            selectedpoints=points,
            selected={"marker": {"opacity": 1.0}},
            unselected={"marker": {"opacity": DIMMED_OPACITY}},
        )
    return figure
