"""Column settings for the dashboard's tables: readable headers and number formats."""

from __future__ import annotations

from typing import Any

import streamlit as st


def article_columns() -> dict[str, Any]:
    """Headers and formats for a table of articles with their key metrics."""
    number = st.column_config.NumberColumn
    return {
        "article_id": number("ID", format="%d", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "source": "Source",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "n_words": number("Words", format="%d"),
        "n_sentences": number("Sentences", format="%d"),
        "flesch_reading_ease": number("Flesch reading ease", format="%.1f"),
        "consensus_grade": number("Grade (consensus)", format="%.1f"),
        "reading_time_seconds": number("Reading time (s)", format="%.0f"),
        "n_entity_mentions": number("Entity mentions", format="%d"),
        "n_unreliable_scores": number("Unreliable scores", format="%d"),
        "language": st.column_config.TextColumn("Language", width="small"),
        "url": st.column_config.TextColumn("URL"),
        "file_name": "File",
    }


def count_columns() -> dict[str, Any]:
    """Headers for frequency tables (terms and entities)."""
    number = st.column_config.NumberColumn
    return {
        "term": "Term",
        "entity": "Entity",
        "label": "Type",
        "n_occurrences": number("Occurrences", format="%d"),
        "n_mentions": number("Mentions", format="%d"),
        "n_articles": number("Articles", format="%d"),
        "n_entities": number("Distinct entities", format="%d"),
        "per_10k_words": number("Per 10,000 words", format="%.2f"),
        "article_id": number("Article ID", format="%d"),
        "title": "Article",
        "sentence": st.column_config.TextColumn("Sentence", width="large"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "sentence_index": number("Sentence index (from 0)", format="%d"),
    }


def keyness_columns(a: str = "A", b: str = "B") -> dict[str, Any]:
    """Headers for keyness tables (``analytics.keyness``); ``a`` and ``b`` name the groups
    (trusted text only: "A", "this article")."""
    number = st.column_config.NumberColumn
    return {
        "term": "Term",
        "entity": "Entity",
        "label": "Type",
        "n_a": number(f"Count in {a}", format="%d"),
        "n_b": number(f"Count in {b}", format="%d"),
        "per_million_a": number(f"Per million in {a}", format="%.1f"),
        "per_million_b": number(f"Per million in {b}", format="%.1f"),
        "log_likelihood": number(
            "Log-likelihood (G2)", format="%.2f", help="3.84: p < 0.05; 6.63: p < 0.01"
        ),
        "log_ratio": number(
            "Log ratio",
            format="%.2f",
            help="log2 of the ratio of relative frequencies: 1 = twice as frequent in "
            f"{a}, -1 = twice as frequent in {b} (a zero count is taken as 0.5)",
        ),
        "p_value": number("p-value", format="%.2g"),
        "significance": "Significance",
        "over_in": "More frequent in",
    }
