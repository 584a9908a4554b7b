"""The one CSV download used beside every chart and table (see ``analytics.export``)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics.export import csv_bytes


def csv_file_name(name: str) -> str:
    """A safe file name ending in .csv, made from a descriptive name."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "data"
    return f"{stem[:80]}.csv"


def show_download(
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    key: str,
    file_name: str,
    label: str = "Download CSV",
) -> None:
    """A Download CSV button for exactly ``data``; clicking it does not rerun the page.

    ``data`` may be a function returning the frame: it then runs only when the user clicks
    (for large exports, such as the whole corpus with its texts).
    """
    deferred = callable(data)
    st.download_button(
        label,
        data=(lambda: csv_bytes(data())) if deferred else csv_bytes(data),
        file_name=csv_file_name(file_name),
        mime="text/csv",
        key=f"{key}-download",
        on_click="ignore",
        icon=":material/download:",
        disabled=False if deferred else data.empty,
    )
