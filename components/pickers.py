"""Small controls shared by pages: choosing an article, an n-gram size, an entity."""

from __future__ import annotations

import pandas as pd
import streamlit as st

NGRAM_NAMES: dict[int, str] = {1: "Words", 2: "Bigrams", 3: "Trigrams"}


def pick_article(choices: pd.DataFrame, *, key: str) -> int:
    """A select box of articles (article_id, title); remembers the choice across pages.

    The initial choice comes from the ``article`` query parameter or the session's
    ``article_id`` (set when a user opens an article from another page).
    """
    ids = [int(value) for value in choices["article_id"]]
    titles = dict(zip(ids, choices["title"], strict=True))
    wanted = st.query_params.get("article") or st.session_state.get("article_id")
    try:
        initial = ids.index(int(wanted)) if wanted is not None else 0
    except ValueError:
        initial = 0
    chosen = st.selectbox(
        "Article",
        ids,
        index=initial,
        format_func=lambda article_id: f"{titles[article_id] or '(untitled)'}  (#{article_id})",
        key=f"{key}-select",
    )
    st.session_state["article_id"] = chosen
    st.query_params["article"] = str(chosen)
    return int(chosen)


def pick_ngram(*, key: str) -> tuple[int, bool]:
    """Controls for n-gram size and stop words; returns (n, keep stop words)."""
    left, right = st.columns([3, 2])
    n = left.segmented_control(
        "Count",
        list(NGRAM_NAMES),
        default=1,
        format_func=NGRAM_NAMES.get,
        key=f"{key}-n",
    )
    stop_words = right.toggle("Keep stop words", value=False, key=f"{key}-stop")
    return int(n or 1), stop_words
