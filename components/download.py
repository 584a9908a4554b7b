"""The one CSV download used beside every chart and table (see ``analytics.export``)."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from analytics.export import csv_bytes


def csv_file_name(name: str) -> str:
    """A safe file name ending in .csv, made from a descriptive name."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "data"
    return f"{stem[:80]}.csv"


def show_download(
    data: pd.DataFrame, *, key: str, file_name: str, label: str = "Download CSV"
) -> None:
    """A Download CSV button for exactly ``data``; clicking it does not rerun the page."""
    st.download_button(
        label,
        data=csv_bytes(data),
        file_name=csv_file_name(file_name),
        mime="text/csv",
        key=f"{key}-download",
        on_click="ignore",
        icon=":material/download:",
        disabled=data.empty,
    )
