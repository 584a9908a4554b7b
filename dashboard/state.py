"""The dashboard's session state: a few keys, initialised in one place."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.store import ArticleFilter
from components.display import show_chart
from components.focus import Dimension, clicked_row, focus_value

DEFAULTS: dict[str, object] = {
    "article_id": None,  # the article shown on the Article page
    "article_picker": 0,  # a new article picker each time a near-duplicate is opened
    "last_upload": None,  # the latest upload's results and read warnings (two tables)
    "filter": None,  # the sidebar's ArticleFilter, set by the app on every run
    "focus": {},  # per page: what a click on a chart narrowed the page to (components.focus)
    "focus_version": 0,  # changes with every focus change, so charts drop their old selection
}


def init_state() -> None:
    """Give every session-state key its default the first time a session runs."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)  # never share a dict between sessions


def open_article(article_id: int) -> None:
    """Show this article on the Article page and go there."""
    st.session_state["article_id"] = int(article_id)
    st.switch_page("views/article.py", query_params={"article": str(article_id)})


def current_filter() -> ArticleFilter:
    """The corpus filter set in the sidebar (the whole corpus before it is drawn)."""
    return st.session_state.get("filter") or ArticleFilter()


def open_contexts(query: str) -> None:
    """Show every occurrence of the query on the Contexts page and go there."""
    st.switch_page("views/contexts.py", query_params={"q": query})


def page_focus(page: str) -> dict[str, object]:
    """What clicks on the page's charts narrowed it to (dimension -> value)."""
    return st.session_state["focus"].setdefault(page, {})


def focus_key(key: str) -> str:
    """A chart key that changes whenever a focus changes, which clears old click marks (a
    chart's selection cannot be reset otherwise); ``key`` itself until the first click."""
    version = st.session_state["focus_version"]
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
        st.session_state["focus_version"] += 1

    return on_click


def remove_focus(page: str) -> Callable[[list[str]], None]:
    """The chips' callback: drop the dimensions the user removed from the page's focus."""

    def remove(dimensions: list[str]) -> None:
        focus = page_focus(page)
        for dimension in dimensions:
            focus.pop(dimension, None)
        st.session_state["focus_version"] += 1

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
    ``dimension`` (``detail``: a histogram's measure, a time line's period)."""
    chart_key = focus_key(key)
    show_chart(
        figure,
        frame,
        key=chart_key,
        file_name=file_name,
        selectable=focus_on_click(page, dimension, chart_key, frame, detail=detail),
    )


def open_timeline(entity: str, label: str) -> None:
    """Show the entity's mentions over time on the Over time page and go there."""
    st.switch_page("views/timeline.py", query_params={"entity": entity, "label": label})
