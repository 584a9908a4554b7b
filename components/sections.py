"""A page's sections as tabs that a link opens: only the open tab's section is computed, and
the open tab is the URL parameter ``key`` (the first tab, the default, leaves the URL)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st


def show_sections(sections: Mapping[str, Callable[[], None]], *, key: str) -> None:
    """One tab per section (its label -> the function that draws it); only the open one runs.
    ``key`` is the tabs' session-state key and URL parameter."""
    tabs = st.tabs(list(sections), key=key, bind="query-params")
    for tab, show_section in zip(tabs, sections.values(), strict=True):
        if tab.open:
            with tab:
                show_section()
