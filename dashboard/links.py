"""The page's filter and chips in its URL: a reload keeps them and a copied link opens the
same view.

``read_link`` runs once per session, before the sidebar is drawn: the filter and chips of the
link (``analytics.links``) become the sidebar widgets' values and the page's focus; what is
not valid is left out and said in one warning. ``write_link`` runs on every run after the
sidebar: the URL is set to the current filter and the page's chips (only when it changed;
the parameters of a page, such as ``article`` or ``q``, are left alone).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics.filters import ArticleFilter
from analytics.labels import SEPARATOR
from analytics.links import (
    Choices,
    filter_params,
    is_link_key,
    period_params,
    read_filter_params,
)
from analytics.timeline import Period, period_end, period_label
from components.focus import focused_filter
from components.safe_text import markdown_escape
from dashboard import data
from dashboard.focus import page_focus
from dashboard.state import (
    FILTER_ONE_PER_CLUSTER,
    FILTER_SEARCH,
    FILTER_SOURCES,
    LINK_READ,
    TIMELINE_ENTITIES,
    TIMELINE_PERIOD,
    TIMELINE_TERMS,
    filter_dates_key,
    filter_metadata_key,
)

#: Pages whose chips narrow the whole page (``components.focus.focused_filter``), by the
#: ``url_path`` of their ``st.Page`` (Overview's is empty); a link's chips open on them.
FOCUS_PAGES = {
    "": "overview",
    "overview": "overview",
    "readability": "readability",
    "words": "words",
    "entities": "entities",
    "quotes": "quotes",
    "map": "map",
}
#: The Over time page, whose chip is a clicked point (an item in a period), not a filter.
TIMELINE = "timeline"


def focus_of(flt: ArticleFilter) -> dict[str, Any]:
    """The chips a link's filter carries, as a page's focus (``dashboard.focus``)."""
    focus: dict[str, Any] = {}
    if flt.mentioning is not None:
        focus["entity"] = tuple(flt.mentioning)
    if flt.containing_word:
        focus["word"] = flt.containing_word
    if flt.measure_range is not None:
        focus["measure"] = tuple(flt.measure_range)
    return focus


def _open_period(period: Period, start: Any, item: str) -> None:
    """A link's clicked point of Over time: the item chosen, the period set, the point
    focused (as a click on it would)."""
    entity, _, label = item.rpartition(SEPARATOR)
    if entity and label.isupper() and label.replace("_", "").isalpha():
        st.session_state[TIMELINE_ENTITIES] = [(entity, label)]
    else:
        st.session_state[TIMELINE_ENTITIES] = []
        st.session_state[TIMELINE_TERMS] = item
    st.session_state[TIMELINE_PERIOD] = period
    page_focus(TIMELINE)["period"] = (
        item,
        period_label(start, period),
        start,
        period_end(start, period),
    )


def _period_of(start: Any, end: Any) -> Period:
    """The kind of period from its first and last days (as ``focus_value`` keeps them)."""
    if start == end:
        return "day"
    return "week" if (end - start).days == 6 else "month"


def _url_params() -> dict[str, list[str]]:
    """The URL's parameters of the filter and chips, each key with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params if is_link_key(key)}


def read_link(url_path: str) -> None:
    """The first run of a session: the link's filter into the sidebar's widgets, its chips
    into the page's focus, and one warning listing what was left out (never an error)."""
    if st.session_state[LINK_READ]:
        return
    st.session_state[LINK_READ] = True
    params = _url_params()
    if not params:
        return
    first, last = data.date_bounds()
    link = read_filter_params(
        params,
        Choices(
            sources=data.sources(),
            metadata=data.metadata_choices(),
            date_bounds=(first, last),
        ),
    )
    flt, problems = link.filter, list(link.problems)
    if flt.sources:
        st.session_state[FILTER_SOURCES] = list(flt.sources)
    for column, values in flt.metadata:
        st.session_state[filter_metadata_key(column)] = list(values)
    if first is not None and last is not None and (flt.date_from or flt.date_to):
        st.session_state[filter_dates_key(first, last)] = (
            flt.date_from or first,
            flt.date_to or last,
        )
    if flt.search:
        st.session_state[FILTER_SEARCH] = flt.search
    if flt.one_per_cluster:
        st.session_state[FILTER_ONE_PER_CLUSTER] = True
    focus = focus_of(flt)
    page = FOCUS_PAGES.get(url_path)
    if focus and page is None:
        problems.append("This page has no chips to narrow it: the link's chips are left out.")
    elif focus and page is not None:
        page_focus(page).update(focus)
    if link.period is not None and url_path != TIMELINE:
        problems.append("A clicked point of Over time opens on that page only: left out.")
    elif link.period is not None:
        _open_period(*link.period)
    if problems:
        st.warning(
            "Part of the link was left out:\n"
            + "\n".join(f"- {markdown_escape(problem)}" for problem in problems)
        )


def write_link(flt: ArticleFilter, url_path: str) -> None:
    """Put the sidebar's filter and the page's chips in the URL, if they are not there."""
    page = FOCUS_PAGES.get(url_path)
    focus = page_focus(page) if page is not None else {}
    wanted = filter_params(focused_filter(flt, focus))
    if url_path == TIMELINE and "period" in page_focus(TIMELINE):
        item, _label, start, end = page_focus(TIMELINE)["period"]
        wanted |= period_params(_period_of(start, end), start, item)
    current = _url_params()
    if current == wanted:
        return
    for key in current:
        if key not in wanted:
            del st.query_params[key]
    for key, values in wanted.items():
        if current.get(key) != values:
            st.query_params[key] = values
