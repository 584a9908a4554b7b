"""Click-to-filter on a page: a chart whose clicked bar or point becomes the page's focus, kept
in session state per page, and the callbacks that change it.

The focus itself (its values, the filter it narrows, its chips) is ``components.focus``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.display import show_chart
from components.focus import Dimension, clicked_row, focus_value
from components.selection import mark_selection, selected_rows
from dashboard.state import FOCUS, FOCUS_VERSION


def page_focus(page: str) -> dict[str, Any]:
    """What clicks on the page's charts narrowed it to (dimension -> value; the value's type
    is the dimension's, see ``components.focus.focus_value``)."""
    return st.session_state[FOCUS].setdefault(page, {})


def focus_key(key: str) -> str:
    """A chart key that changes whenever a focus changes, which clears old click marks (a
    chart's selection cannot be reset otherwise); ``key`` itself until the first click."""
    version = st.session_state[FOCUS_VERSION]
    return f"{key}-{version}" if version else key


def focus_on_click(
    page: str, dimension: Dimension, key: str, frame: pd.DataFrame, *, detail: str = ""
) -> Callable[[], None]:
    """A chart's selection callback: the clicked row of ``frame`` becomes the page's focus on
    ``dimension`` (``detail``: a histogram's measure, a time line's period); a click that
    selects nothing removes it."""

    def on_click() -> None:
        row = clicked_row(st.session_state.get(f"{key}-chart"))
        focus = page_focus(page)
        if row is None or row >= len(frame):
            focus.pop(dimension, None)
        else:
            focus[dimension] = focus_value(dimension, frame.iloc[row], detail=detail)
        st.session_state[FOCUS_VERSION] += 1

    return on_click


def remove_focus(page: str) -> Callable[[list[str]], None]:
    """The chips' callback: drop the dimensions the user removed from the page's focus."""

    def remove(dimensions: list[str]) -> None:
        focus = page_focus(page)
        for dimension in dimensions:
            focus.pop(dimension, None)
        st.session_state[FOCUS_VERSION] += 1

    return remove


def show_focus_chart(
    figure: go.Figure,
    frame: pd.DataFrame,
    *,
    page: str,
    dimension: Dimension,
    key: str,
    file_name: str,
    detail: str = "",
) -> None:
    """A chart (with its CSV) whose clicked bar or point becomes the page's focus on
    ``dimension`` (``detail``: a histogram's measure, a time line's period); the bar or point
    of the focus stands out, the others are dimmed."""
    chart_key = focus_key(key)
    focused = page_focus(page).get(dimension)
    show_chart(
        mark_selection(figure, selected_rows(frame, dimension, focused, detail=detail)),
        frame,
        key=chart_key,
        file_name=file_name,
        selectable=focus_on_click(page, dimension, chart_key, frame, detail=detail),
    )
