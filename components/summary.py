"""The corpus at a glance as a row of metrics."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st


def _grade(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def show_corpus_metrics(summary: dict[str, Any], *, key: str) -> None:
    """Articles, words, median reading grade, entities, sources and the date range."""
    columns = st.columns(5)
    columns[0].metric("Articles", f"{summary['n_articles']:,}", border=True)
    columns[1].metric("Words", f"{summary['n_words']:,}", border=True)
    columns[2].metric(
        "Median grade",
        _grade(summary["median_grade"]),
        help="The median reading grade: textstat's consensus grade level (the US school "
        "grade needed to read the text), over the articles.",
        border=True,
    )
    columns[3].metric("Distinct entities", f"{summary['n_entities']:,}", border=True)
    columns[4].metric("Sources", f"{summary['n_sources']:,}", border=True)
    first, last = summary["first_published"], summary["last_published"]
    dates = f"published {first} to {last}" if first else "no publication dates"
    st.caption(f"{dates}; {_plural(summary['n_undated'], 'article')} without a date.")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _found_caption(found: pd.DataFrame, word: str) -> str:
    """ "N <word>s in M articles." for a table of rows with their article ids."""
    n_articles = int(found["article_id"].nunique()) if not found.empty else 0
    return (
        f"{_plural(len(found), word)} in {_plural(n_articles, 'article')}. "
        "Click a row to open its article."
    )


def sentences_caption(found: pd.DataFrame) -> str:
    """ "N sentences in M articles." for a table of sentences with their article ids."""
    return _found_caption(found, "sentence")


def contexts_caption(found: pd.DataFrame) -> str:
    """ "N occurrences in M articles." for a concordance."""
    return _found_caption(found, "occurrence")


def show_no_match(*, focused: bool = False) -> None:
    """The message for a filter that selects no article (``focused``: a click narrowed it)."""
    where = (
        "Remove a chip above, or change the filter in the sidebar"
        if focused
        else "Change it in the sidebar"
    )
    st.info(f"No article matches the filter. {where}, or add articles on Upload.")


def quotes_caption(found: pd.DataFrame) -> str:
    """ "N quotations in M articles." for a table of quotations."""
    return _found_caption(found, "quotation")
