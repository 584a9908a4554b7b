"""Column settings for the dashboard's tables: readable headers, number formats, help on the
jargon, and the values as a table shows them (``shown_values``: no "None", whole numbers as
whole numbers, links for http and https addresses only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from analytics.entities import LABEL_NAMES

#: The columns of web addresses, shown as links (``safe_link``).
LINK_COLUMNS = ("url",)
#: The word shown for a missing value of these columns (others are blank).
MISSING_WORDS = {"speaker": "unattributed", "published": "no date"}
#: The entity type codes with their meaning, the help of every "Type" column.
LABEL_HELP = "Entity types: " + "; ".join(
    f"{label} = {name}" for label, name in LABEL_NAMES.items()
)


def text_width(values: Iterable[object], *, least: int = 75, most: int = 400) -> int:
    """A column width in pixels that shows the longest of ``values`` whole ("Gordon Brown",
    not "Gordon Bro"): about 8 pixels a character at the table's font, and the cell's padding,
    between ``least`` and ``most``."""
    longest = max((len(str(value)) for value in values if isinstance(value, str)), default=0)
    return max(least, min(most, 8 * longest + 32))


def safe_link(value: object) -> str | None:
    """``value`` when it is an http or https address with a host, else None: a link never
    runs a script (``javascript:``), opens a file or a ``data:`` document."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(character.isspace() or ord(character) < 32 for character in text):
        return None
    return text


def shown_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: missing text blank (never "None"; a quotation without a speaker is
    "unattributed", ``MISSING_WORDS``), counts and ids as integers
    ("341", not "341.0"), and only safe links in ``LINK_COLUMNS`` (``safe_link``). A column
    of dates with some missing becomes text ("2024-10-03", and "no date" or blank for the
    missing ones: a table shows a missing date as a grey "None"); ``shown_columns`` makes its
    settings a text column's. The frame itself (and its CSV) is left as it is."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if column in LINK_COLUMNS:
            shown[column] = values.map(safe_link)
        elif _is_count(str(column)) and pd.api.types.is_float_dtype(values):
            present = values.dropna()
            if len(present) and bool((present == present.round()).all()):
                shown[column] = values.astype("Int64")
        elif _is_text(values):
            missing = MISSING_WORDS.get(str(column), "")
            shown[column] = [value if isinstance(value, str) else missing for value in values]
        elif _is_dates_with_gaps(values):
            missing = MISSING_WORDS.get(str(column), "")
            shown[column] = [_date_text(value) or missing for value in values]
    return shown


def shown_columns(
    column_config: dict[str, Any] | None, shown: pd.DataFrame
) -> dict[str, Any] | None:
    """The column settings for ``shown`` (``shown_values``' table): a date column it made text
    (or one with no date at all) keeps its header, help and width as a text column (a date
    column's settings would not read its text)."""
    if not column_config:
        return column_config
    settings = dict(column_config)
    for column, setting in column_config.items():
        kind = setting.get("type_config", {}).get("type") if isinstance(setting, dict) else None
        if (
            kind in ("date", "datetime", "time")
            and column in shown.columns
            and any(isinstance(value, str) for value in shown[column])
        ):
            settings[column] = st.column_config.TextColumn(
                setting.get("label"), help=setting.get("help"), width=setting.get("width")
            )
    return settings


def _date_text(value: object) -> str:
    """A date as text, "2024-10-03" (with its time when it has one); "" for a missing one."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _is_dates_with_gaps(values: pd.Series) -> bool:
    """Whether a column holds dates (or date-times), some of them missing."""
    if not values.isna().any():
        return False
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    if not pd.api.types.is_object_dtype(values):
        return False
    present = [value for value in values if not pd.isna(value)]
    return bool(present) and all(isinstance(value, dt.date) for value in present)


def _is_count(column: str) -> bool:
    """Whether a column holds counts or ids (``n_words``, ``article_id``): whole numbers, even
    when a missing value has made them floats."""
    return column.startswith("n_") or column.endswith("_id") or column.endswith("_index")


def _is_text(values: pd.Series) -> bool:
    """Whether a column holds text, some of it missing (dates and other objects are left)."""
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return False
    present = [value for value in values if value is not None and value == value]
    return all(isinstance(value, str) for value in present)


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
        "url": st.column_config.LinkColumn(
            "Web address", help="The article's page (http and https addresses only)"
        ),
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
        "term": st.column_config.TextColumn("Term", width="medium"),
        "entity": st.column_config.TextColumn("Entity", width="medium"),
        "label": st.column_config.TextColumn("Type", width="small", help=LABEL_HELP),
        "n_occurrences": number("Occurrences", format="%d"),
        "n_mentions": number("Mentions", format="%d"),
        "n_articles": number("Articles", format="%d"),
        "n_entities": number("Distinct entities", format="%d"),
        "per_10k_words": number("Per 10,000 words", format="%.2f"),
        "article_id": number("Article ID", format="%d"),
        "title": "Article",
        "sentence": st.column_config.TextColumn("Sentence", width="large"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "sentence_index": number(
            "Order in article", format="%d", help="0 is the article's first sentence"
        ),
    }


def pair_columns(unit_name: str) -> dict[str, Any]:
    """Headers and formats for a table of entity pairs with their association measures, the
    units being sentences or articles (``unit_name``)."""
    number = st.column_config.NumberColumn
    return {
        "entity_a": "Entity A",
        "label_a": st.column_config.TextColumn("Type A", width="small", help=LABEL_HELP),
        "entity_b": "Entity B",
        "label_b": st.column_config.TextColumn("Type B", width="small", help=LABEL_HELP),
        "n_together": number("Together", format="%d", help=f"{unit_name} naming both"),
        "n_a": number("A", format="%d", help=f"{unit_name} naming A"),
        "n_b": number("B", format="%d", help=f"{unit_name} naming B"),
        "n_units": number("N", format="%d", help=f"{unit_name} naming any entity"),
        "expected": number("Expected", format="%.2f", help="together, if independent"),
        "pmi": number(
            "PMI",
            format="%.2f",
            help="Pointwise mutual information, log2(together / expected): above 0 when they "
            "meet more often than chance would have them, 1 = twice as often",
        ),
        "log_likelihood": number(
            "Log-likelihood",
            format="%.1f",
            help="Dunning's G² (log-likelihood): how sure it is that they meet more (or, "
            "negative, less) often than chance; 3.84: p < 0.05, 6.63: p < 0.01",
        ),
    }


def keyness_columns(a: str = "A", b: str = "B") -> dict[str, Any]:
    """Headers for keyness tables (``analytics.keyness``); ``a`` and ``b`` name the groups
    (trusted text only: "A", "this article")."""
    number = st.column_config.NumberColumn
    return {
        "term": st.column_config.TextColumn("Term", width="medium"),
        "entity": st.column_config.TextColumn("Entity", width="medium"),
        "label": st.column_config.TextColumn("Type", width="small", help=LABEL_HELP),
        "n_a": number(f"Count in {a}", format="%d"),
        "n_b": number(f"Count in {b}", format="%d"),
        "per_million_a": number(f"Per million in {a}", format="%.1f"),
        "per_million_b": number(f"Per million in {b}", format="%.1f"),
        "log_likelihood": number(
            "Log-likelihood (G2)",
            format="%.2f",
            help="Dunning's G2: how sure it is that the difference is not chance; "
            "3.84: p < 0.05; 6.63: p < 0.01",
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
        "label": st.column_config.TextColumn("Type", width="small", help=LABEL_HELP),
        "cue": st.column_config.TextColumn("Verb", help="The reporting verb: said, told..."),
        "title": "Article",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "article_id": st.column_config.NumberColumn("Article ID", format="%d"),
        "quote_index": st.column_config.NumberColumn(
            "Order in article", format="%d", help="0 is the article's first quotation"
        ),
    }
