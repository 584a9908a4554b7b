"""The form that edits a stored article's title, source, date and metadata (a batch's other
columns: category, author, ...), and the line showing that metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.safe_text import markdown_escape


@dataclass(frozen=True)
class ArticleEdit:
    """What the user submitted: the new title, source, date and metadata (key to value; a
    blank value removes the key)."""

    title: str
    source: str
    published: dt.date | None
    metadata: dict[str, str]


def metadata_line(metadata: Mapping[str, str]) -> str:
    """An article's metadata as one line of plain text ("category: sport · author: Jo")."""
    return " · ".join(f"{key.replace('_', ' ')}: {value}" for key, value in metadata.items())


def show_metadata(metadata: Mapping[str, str]) -> None:
    """The article's metadata as a caption, when it has any."""
    if metadata:
        st.caption(markdown_escape(metadata_line(metadata)))


def show_article_editor(
    detail: Mapping[str, Any], metadata: Mapping[str, str], *, key: str
) -> ArticleEdit | None:
    """A form (in a closed expander) with the article's title, source, date and metadata;
    returns the values when submitted, else None. Widget keys start with ``key``."""
    with (
        st.expander("Edit title, source, date and metadata", icon=":material/edit:"),
        st.form(key=f"{key}-form", border=False, clear_on_submit=True),
    ):
        title = st.text_input("Title", value=str(detail["title"] or ""), key=f"{key}-title")
        left, right = st.columns(2)
        source = left.text_input("Source", value=str(detail["source"] or ""), key=f"{key}-source")
        published = right.date_input(
            "Publication date",
            value=detail["published"],
            key=f"{key}-date",
            format="YYYY-MM-DD",
        )
        values: dict[str, str] = {}
        for name, value in metadata.items():
            values[name] = st.text_input(
                markdown_escape(name.replace("_", " ")),
                value=value,
                key=f"{key}-meta-{name}",
                help="Empty it to remove this field.",
            )
        new_name, new_value = st.columns(2)
        added_name = new_name.text_input(
            "New field (optional)", key=f"{key}-new-name", placeholder="e.g. category"
        )
        added_value = new_value.text_input("Its value", key=f"{key}-new-value")
        submitted = st.form_submit_button("Save changes", type="primary")
    if not submitted:
        return None
    if added_name.strip():
        values[added_name.strip()] = added_value
    return ArticleEdit(
        title=title,
        source=source,
        published=published if isinstance(published, dt.date) else None,
        metadata=values,
    )
