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
        "n_copies": number(
            "Copies", format="%d", help="Other articles in its cluster of near-duplicates"
        ),
        "cluster_id": number(
            "Copy cluster",
            format="%d",
            help="The cluster of near-duplicates: the ID of its first article (empty: none)",
        ),
        "language": st.column_config.TextColumn("Language", width="small"),
        "url": st.column_config.TextColumn("URL"),
        "file_name": "File",
    }


def near_duplicate_columns() -> dict[str, Any]:
    """Headers for a table of an article's near-duplicates."""
    return {
        "article_id": st.column_config.NumberColumn("ID", format="%d", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "source": "Source",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "similarity": st.column_config.ProgressColumn(
            "Similarity",
            format="%.2f",
            min_value=0.0,
            max_value=1.0,
            help="Estimated Jaccard similarity of the two texts' 5-word shingles (MinHash)",
        ),
        "direct": st.column_config.CheckboxColumn(
            "Direct", help="Similar to this article itself, not only through another copy"
        ),
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


def pair_columns(unit_name: str) -> dict[str, Any]:
    """Headers and formats for a table of entity pairs with their association measures, the
    units being sentences or articles (``unit_name``)."""
    number = st.column_config.NumberColumn
    return {
        "entity_a": "Entity A",
        "label_a": st.column_config.TextColumn("Type A", width="small"),
        "entity_b": "Entity B",
        "label_b": st.column_config.TextColumn("Type B", width="small"),
        "n_together": number("Together", format="%d", help=f"{unit_name} naming both"),
        "n_a": number("A", format="%d", help=f"{unit_name} naming A"),
        "n_b": number("B", format="%d", help=f"{unit_name} naming B"),
        "n_units": number("N", format="%d", help=f"{unit_name} naming any entity"),
        "expected": number("Expected", format="%.2f", help="together, if independent"),
        "pmi": number("PMI", format="%.2f", help="log2(together / expected)"),
        "log_likelihood": number(
            "Log-likelihood",
            format="%.1f",
            help="Dunning's G², negative when they meet less often than expected",
        ),
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
