"""The shared sidebar filter (source, a batch's kept columns such as category, date range,
search, one article per cluster of copies) that applies to every page.

The app draws the filter's widgets after the page (``show_article_filter``), so that a page's
first chart reaches the browser, and starts loading Plotly, before the sidebar's widgets are
drawn; the page runs with the filter those widgets hold, read from their state beforehand
(``article_filter``). Both go through ``_filter_of``, so they describe the same filter.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.filters import ArticleFilter
from components.safe_text import markdown_escape
from dashboard import data
from dashboard.state import (
    FILTER_ONE_PER_CLUSTER,
    FILTER_SEARCH,
    FILTER_SOURCES,
    filter_dates_key,
    filter_metadata_key,
)


def column_label(key: str) -> str:
    """A kept metadata column's name in words ("news_desk" → "News desk"); plain text (escape
    it with ``markdown_escape`` for a widget's label)."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _chosen_in(values: object, options: list[str]) -> list[str]:
    """The chosen values that are still options, in their order (as a multiselect keeps them
    when its options change)."""
    if not isinstance(values, list | tuple):
        return []
    return [value for value in values if value in options]


def _filter_of(
    sources: list[str],
    metadata: dict[str, list[str]],
    picked_dates: object,
    bounds: tuple[dt.date | None, dt.date | None],
    search: str,
    one_per_cluster: bool,
) -> ArticleFilter:
    """The filter the sidebar's widget values describe (``picked_dates``: the date range
    widget's value, while the stored dates ``bounds`` are known)."""
    date_from = date_to = None
    if isinstance(picked_dates, tuple) and len(picked_dates) == 2 and picked_dates != bounds:
        date_from, date_to = picked_dates
    return ArticleFilter(
        sources=tuple(sources),
        date_from=date_from,
        date_to=date_to,
        search=search.strip(),
        one_per_cluster=one_per_cluster,
        metadata=tuple((key, tuple(chosen)) for key, chosen in metadata.items() if chosen),
    )


def article_filter() -> ArticleFilter:
    """The filter the sidebar's widgets hold, read from their session state before they are
    drawn this run (a new session's: the defaults, or a link's values set by
    ``dashboard.links.read_link``); ``show_article_filter`` returns the same once it draws
    them."""
    state = st.session_state
    first, last = data.date_bounds()
    picked = None
    if first is not None and last is not None:
        picked = state.get(filter_dates_key(first, last), (first, last))
        if isinstance(picked, tuple) and any(not first <= day <= last for day in picked):
            picked = (first, last)  # the widget puts a range outside the bounds back too
    return _filter_of(
        sources=_chosen_in(state.get(FILTER_SOURCES, []), data.sources()),
        metadata={
            key: _chosen_in(state.get(filter_metadata_key(key), []), values)
            for key, values in data.metadata_choices().items()
        },
        picked_dates=picked,
        bounds=(first, last),
        search=str(state.get(FILTER_SEARCH) or ""),
        one_per_cluster=bool(state.get(FILTER_ONE_PER_CLUSTER, False)),
    )


def show_article_filter() -> ArticleFilter:
    """Sidebar widgets for the corpus filter; returns the filter they describe.

    The widgets keep their values for the whole session (``persist_state="session"``), also
    when a page switches to another with ``st.switch_page``.
    """
    sidebar = st.sidebar
    sidebar.header("Filter the corpus")
    chosen_sources = sidebar.multiselect(
        "Sources",
        data.sources(),
        key=FILTER_SOURCES,
        placeholder="All sources",
        persist_state="session",
    )
    chosen_metadata: dict[str, list[str]] = {}
    for key, values in data.metadata_choices().items():
        chosen_metadata[key] = sidebar.multiselect(
            markdown_escape(column_label(key)),
            values,
            key=filter_metadata_key(key),
            placeholder="All",
            help="A column of the uploaded batch files, kept with each article.",
            persist_state="session",
        )
    first, last = data.date_bounds()
    picked = None
    if first is not None and last is not None:
        picked = sidebar.date_input(
            "Published between",
            value=(first, last),
            min_value=first,
            max_value=last,
            key=filter_dates_key(first, last),
            format="YYYY-MM-DD",
            persist_state="session",
        )
        if isinstance(picked, tuple) and len(picked) == 2 and picked != (first, last):
            sidebar.caption("Articles without a date are left out while a range is set.")
    else:
        sidebar.caption("No stored article has a publication date.")
    search = sidebar.text_input(
        "Search articles",
        key=FILTER_SEARCH,
        placeholder='words or "a phrase"',
        help='Whole words of the title or text, accents and case ignored ("war" finds "War", '
        'not "wars" or "software"). Several words: articles with all of them; words in '
        'quotes: that phrase ("Tony Blair").',
        persist_state="session",
    )
    n_clusters = data.duplicate_summary(ArticleFilter())["n_clusters"]
    one_per_cluster = sidebar.toggle(
        f"One article per copy cluster ({n_clusters:,} cluster{'' if n_clusters == 1 else 's'})",
        key=FILTER_ONE_PER_CLUSTER,
        help="Near-duplicates (a story republished under a new headline, lightly edited) "
        "form a cluster when uploaded. Switched on, every page counts one article of each "
        "cluster: the first one stored among those the filter selects.",
        persist_state="session",
    )
    return _filter_of(
        sources=list(chosen_sources),
        metadata=chosen_metadata,
        picked_dates=picked,
        bounds=(first, last),
        search=search,
        one_per_cluster=one_per_cluster,
    )
