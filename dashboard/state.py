"""The dashboard's session state: a few keys, initialised in one place."""

from __future__ import annotations

import streamlit as st

from analytics.store import ArticleFilter

DEFAULTS: dict[str, object] = {
    "article_id": None,  # the article shown on the Article page
    "article_picker": 0,  # a new article picker each time a near-duplicate is opened
    "last_upload": None,  # the results table of the latest upload
    "filter": None,  # the sidebar's ArticleFilter, set by the app on every run
}


def init_state() -> None:
    """Give every session-state key its default the first time a session runs."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


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
