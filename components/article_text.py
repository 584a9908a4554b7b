"""An article's text with its entity mentions marked, without rendering any of it as HTML.

Every piece of the text is Markdown-escaped (``markdown_escape``); mentions are wrapped in
Streamlit's coloured-background directive with their type, e.g. ``:blue-background[Putin ·
PERSON]``. HTML is never enabled, so an ``<img onerror=...>`` in an article shows as text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.safe_text import markdown_escape

LABEL_BACKGROUNDS = {
    "PERSON": "blue",
    "ORG": "orange",
    "GPE": "green",
    "LOC": "green",
    "NORP": "violet",
    "FAC": "gray",
    "EVENT": "red",
}


def annotated_paragraphs(body: str, mentions: pd.DataFrame) -> list[str]:
    """The body's paragraphs as safe Markdown with each mention marked.

    ``mentions`` has start_char, end_char and label (offsets into ``body``).
    """
    ordered = mentions.sort_values("start_char") if not mentions.empty else mentions
    spans = [
        (int(row.start_char), int(row.end_char), str(row.label)) for row in ordered.itertuples()
    ]
    paragraphs: list[str] = []
    position = 0
    for paragraph in body.split("\n\n"):
        start, end = position, position + len(paragraph)
        position = end + 2
        pieces: list[str] = []
        cursor = start
        for span_start, span_end, label in spans:
            if span_start < cursor or span_end > end:
                continue
            pieces.append(markdown_escape(body[cursor:span_start]))
            colour = LABEL_BACKGROUNDS.get(label, "gray")
            surface = markdown_escape(body[span_start:span_end])
            pieces.append(f":{colour}-background[{surface} · {label}]")
            cursor = span_end
        pieces.append(markdown_escape(body[cursor:end]))
        text = "".join(pieces).strip()
        if text:
            paragraphs.append(text)
    return paragraphs


def show_article_text(body: str, mentions: pd.DataFrame, *, key: str) -> None:
    """The article's paragraphs with entity mentions marked by type."""
    legend = "  ".join(
        f":{colour}-background[{label}]" for label, colour in LABEL_BACKGROUNDS.items()
    )
    with st.container(border=True, key=f"{key}-text"):
        st.caption(f"Entity types: {legend}  :gray-background[other]")
        for paragraph in annotated_paragraphs(body, mentions):
            st.markdown(paragraph)
