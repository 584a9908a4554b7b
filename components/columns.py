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


def quote_columns() -> dict[str, Any]:
    """Headers for a table of quotations."""
    return {
        "quote": st.column_config.TextColumn("Quotation", width="large"),
        "speaker": "Speaker",
        "label": "Type",
        "cue": "Verb",
        "title": "Article",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "article_id": st.column_config.NumberColumn("Article ID", format="%d"),
        "quote_index": st.column_config.NumberColumn("Quotation (from 0)", format="%d"),
    }
