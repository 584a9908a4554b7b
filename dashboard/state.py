"""The dashboard's session state: every key a page reads back, declared here with its default,
and the moves between pages that carry state with them.

Pages use these names, never a key of their own. Click-to-filter (the page's focus) is in
``dashboard.focus``.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

from analytics.filters import ArticleFilter

ARTICLE_ID = "article_id"  # the article shown on the Article page
ARTICLE_PICKER = "article_picker"  # a new article picker each time a near-duplicate is opened
LAST_UPLOAD = "last_upload"  # the latest upload's results, read warnings (two tables) and notes
FILTER = "filter"  # the sidebar's ArticleFilter, set by the app on every run
FOCUS = "focus"  # per page: what a click on a chart narrowed the page to (dashboard.focus)
FOCUS_VERSION = "focus_version"  # changes with every focus change: charts drop old selections
ENTITY_NEXT = "entities-chosen-next"  # the entity the Entities page shows after a merge (once)
ENTITY_MESSAGE = "entities-message"  # (kind, text) of the last entity correction (shown once)
ARTICLE_MESSAGE = "article-message"  # (kind, text) of the last article edit (shown once)
CURRENT_USER = "current-user"  # the signed-in user and role (dashboard.access), once a session
DELETE_MESSAGE = "delete-message"  # (kind, text) of the last delete (shown once)
LINK_READ = "link-read"  # whether the session has read the filter and chips of its link (once)

DEFAULTS: dict[str, object] = {
    ARTICLE_ID: None,
    ARTICLE_PICKER: 0,
    LAST_UPLOAD: None,
    FILTER: None,
    FOCUS: {},
    FOCUS_VERSION: 0,
    ENTITY_NEXT: None,
    ENTITY_MESSAGE: None,
    ARTICLE_MESSAGE: None,
    CURRENT_USER: None,
    DELETE_MESSAGE: None,
    LINK_READ: False,
}

# Widget keys that a page sets or reads back besides its widget: the widget gives the default,
# so they are not in DEFAULTS (a default set here would clash with the widget's own).
ENTITY_CHOSEN = "entities-chosen"  # the Entities page's entity (set after a merge)
TIMELINE_ENTITIES = "timeline-entities"  # the Over time page's entities (set from Entities)
TIMELINE_TERMS = "timeline-terms"  # the Over time page's typed terms (set from a link)
TIMELINE_PERIOD = "timeline-period"  # the Over time page's period (set from a link)
# The sidebar filter's widgets (set from a link's query string, dashboard.links).
FILTER_SOURCES = "filter-sources"
FILTER_SEARCH = "filter-search"
FILTER_ONE_PER_CLUSTER = "filter-one-per-cluster"


def filter_metadata_key(column: str) -> str:
    """The sidebar widget of a kept metadata column."""
    return f"filter-meta-{column}"


def filter_dates_key(first: object, last: object) -> str:
    """The sidebar's date range widget: a new key when the stored dates widen (an upload), so
    the range follows them."""
    return f"filter-dates-{first}-{last}"


ARTICLE_SECTION = "section"  # the Article page's open tab, also its URL parameter
READABILITY_SECTION = "readability-section"  # the Readability page's open tab, and URL parameter


def init_state() -> None:
    """Give every session-state key its default the first time a session runs."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)  # never share a dict between sessions


def take(key: str) -> Any:
    """A one-shot key's value (a message to show once), the key set back to its default."""
    value = st.session_state[key]
    st.session_state[key] = copy.deepcopy(DEFAULTS[key])
    return value


def open_article(article_id: int) -> None:
    """Show this article on the Article page and go there."""
    st.session_state[ARTICLE_ID] = int(article_id)
    st.switch_page("views/article.py", query_params={"article": str(article_id)})


def current_filter() -> ArticleFilter:
    """The corpus filter set in the sidebar (the whole corpus before it is drawn)."""
    return st.session_state.get(FILTER) or ArticleFilter()


def open_contexts(query: str) -> None:
    """Show every occurrence of the query on the Contexts page and go there."""
    st.switch_page("views/contexts.py", query_params={"q": query})


def open_timeline(entity: str, label: str) -> None:
    """Show the entity's mentions over time on the Over time page and go there."""
    st.switch_page("views/timeline.py", query_params={"entity": entity, "label": label})
