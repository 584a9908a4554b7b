"""Table values as shown: safe links only, no "None", whole numbers as integers; and the help
on the jargon of the column headers."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import streamlit as st

from analytics.entities import LABEL_NAMES
from components.columns import LABEL_HELP, safe_link, shown_columns, shown_values, text_width


@pytest.mark.parametrize(
    "value",
    [
        "https://www.bbc.co.uk/news/1",
        "http://example.org/a?b=c#d",
        "HTTPS://EXAMPLE.ORG/",
        "  https://example.org/padded  ",
    ],
)
def test_http_and_https_addresses_are_links(value: str) -> None:
    assert safe_link(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "ftp://example.org/file",
        "mailto:someone@example.org",
        "//example.org/no-scheme",
        "example.org",
        "https://",
        "http:///path-only",
        "https://exa mple.org/",
        "https://example.org/\njavascript:alert(1)",
        "http://[::1",
        "",
        None,
        math.nan,
        42,
    ],
)
def test_anything_else_is_no_link(value: object) -> None:
    assert safe_link(value) is None


def test_shown_values() -> None:
    frame = pd.DataFrame(
        {
            "title": ["Budget", None],
            "speaker": [None, "Blair"],
            "n_words": [341.0, math.nan],
            "grade": [7.5, 8.0],
            "url": ["https://example.org/a", "javascript:alert(1)"],
        }
    )
    shown = shown_values(frame)
    assert list(shown["title"]) == ["Budget", ""]
    assert list(shown["speaker"]) == ["unattributed", "Blair"]
    assert str(shown["n_words"].dtype) == "Int64"
    assert shown["n_words"].tolist()[0] == 341 and pd.isna(shown["n_words"].tolist()[1])
    assert list(shown["grade"]) == [7.5, 8.0]
    # a measure that happens to be whole stays a measure
    assert shown_values(pd.DataFrame({"pmi": [1.0, 2.0]}))["pmi"].dtype == float
    assert shown["url"].tolist()[0] == "https://example.org/a"
    assert pd.isna(shown["url"].tolist()[1])  # an empty cell, not a link
    # the frame itself (and so its CSV) is left as it was
    assert pd.isna(frame["title"].tolist()[1])
    assert frame["url"].tolist()[1] == "javascript:alert(1)"


def test_every_entity_type_is_explained() -> None:
    for label, name in LABEL_NAMES.items():
        assert f"{label} = {name}" in LABEL_HELP
    assert "NORP" in LABEL_HELP and "FAC" in LABEL_HELP and "CARDINAL" in LABEL_HELP


def test_a_text_column_is_as_wide_as_its_longest_value() -> None:
    assert text_width(["Brown", "Gordon Brown", None]) == 8 * len("Gordon Brown") + 32
    assert text_width(["war"]) == 75  # never narrower than a small column
    assert text_width(["x" * 500]) == 400
    assert text_width([]) == 75


def test_missing_dates_are_a_word_or_blank_not_none() -> None:
    frame = pd.DataFrame(
        {
            "published": [dt.date(2024, 10, 3), None],
            "created_at": [dt.datetime(2024, 10, 3, 9, 30), None],
            "when": pd.to_datetime(["2024-10-03", None]),
            "complete": [dt.date(2024, 10, 3), dt.date(2024, 10, 4)],
            "undated": [None, None],
        }
    )
    shown = shown_values(frame)
    assert list(shown["published"]) == ["2024-10-03", "no date"]
    assert list(shown["created_at"]) == ["2024-10-03 09:30", ""]
    assert list(shown["when"]) == ["2024-10-03", ""]
    # a column without a gap keeps its dates (the table formats them)
    assert list(shown["complete"]) == [dt.date(2024, 10, 3), dt.date(2024, 10, 4)]
    assert list(shown["undated"]) == ["", ""]
    # the date settings of a column now text become a text column's, header and help kept
    settings = {
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD", help="Day"),
        "complete": st.column_config.DateColumn("Complete", format="YYYY-MM-DD"),
        "undated": st.column_config.DateColumn("Undated"),
        "when": "When",
    }
    shown_settings = shown_columns(settings, shown)
    assert shown_settings is not None
    assert shown_settings["published"]["type_config"]["type"] == "text"
    assert (shown_settings["published"]["label"], shown_settings["published"]["help"]) == (
        "Published",
        "Day",
    )
    assert shown_settings["undated"]["type_config"]["type"] == "text"
    assert shown_settings["complete"] == settings["complete"]
    assert shown_settings["when"] == "When"
