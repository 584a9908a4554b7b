"""The shared sidebar filter (source, a batch's kept columns such as category, date range,
search, one article per cluster of copies) that applies to every page."""

from __future__ import annotations

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
    chosen_metadata: list[tuple[str, tuple[str, ...]]] = []
    for key, values in data.metadata_choices().items():
        chosen = sidebar.multiselect(
            markdown_escape(column_label(key)),
            values,
            key=filter_metadata_key(key),
            placeholder="All",
            help="A column of the uploaded batch files, kept with each article.",
            persist_state="session",
        )
        if chosen:
            chosen_metadata.append((key, tuple(chosen)))
    first, last = data.date_bounds()
    date_from = date_to = None
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
        if isinstance(picked, tuple) and len(picked) == 2:
            date_from, date_to = picked
            if (date_from, date_to) == (first, last):
                date_from = date_to = None
            else:
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
    return ArticleFilter(
        sources=tuple(chosen_sources),
        date_from=date_from,
        date_to=date_to,
        search=search.strip(),
        one_per_cluster=one_per_cluster,
        metadata=tuple(chosen_metadata),
    )
