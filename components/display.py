"""Charts and tables shown with their Download CSV button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.columns import shown_columns, shown_values
from components.download import show_download

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def show_chart(
    figure: go.Figure,
    data: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    selectable: bool | Callable[[], None] = False,
) -> Any:
    """The chart and a CSV of ``data``, the frame it was built from.

    With ``selectable``, clicking a point reruns the page and the selection is returned; a
    function given as ``selectable`` is called with the new selection in session state
    (under ``f"{key}-chart"``) before the rerun.
    """
    on_select: Any = selectable if callable(selectable) else ("rerun" if selectable else "ignore")
    selection = st.plotly_chart(
        figure,
        width="stretch",
        key=f"{key}-chart",
        config=PLOTLY_CONFIG,
        on_select=on_select,
        selection_mode="points",
    )
    show_download(data, key=key, file_name=file_name)
    return selection


def show_table(
    data: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    column_config: dict[str, Any] | None = None,
    height: int | str = "auto",
    selectable: bool = False,
) -> list[int]:
    """The table and a CSV of it; with ``selectable``, the selected row positions."""
    shown = shown_values(data)  # the CSV below keeps the values as they are
    event = st.dataframe(
        shown,
        width="stretch",
        height=height,
        hide_index=True,
        column_config=shown_columns(column_config, shown),
        key=f"{key}-table",
        on_select="rerun" if selectable else "ignore",
        selection_mode="single-row",
    )
    show_download(data, key=key, file_name=file_name)
    if selectable:
        return list(event.selection.rows)
    return []
