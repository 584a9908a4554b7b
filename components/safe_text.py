"""Showing untrusted text (titles, article text, entities, file names) without markup.

Streamlit renders Markdown in headers, captions and ``st.markdown``: links, images, LaTeX
(``$...$``), colour directives (``:red[...]``) and emoji codes. ``markdown_escape`` puts a
backslash before every ASCII punctuation character, which CommonMark defines as showing that
character literally, and breaks autolinks with a zero-width space, so untrusted text shows as
written and nothing in it becomes a link, image, formula or directive. HTML is never enabled.
Plotly renders a few tags (``<b>``, ``<a href>``) in labels and hover text; ``plot_text``
turns ``<``, ``>`` and ``&`` into entities that Plotly shows as the characters themselves.
"""

from __future__ import annotations

import html
import re
import string

import pandas as pd

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto)")
_ZERO_WIDTH_SPACE = "\u200b"


def markdown_escape(text: str) -> str:
    """The text with every ASCII punctuation character escaped for Markdown.

    Backslashes alone do not stop GitHub-flavoured autolinks (``https\\://x``, ``www.x``,
    ``a@b.c`` still become links), so a zero-width space breaks those words too.
    """
    escaped = _PUNCTUATION.sub(r"\\\1", text)
    escaped = _AUTOLINK.sub(
        lambda match: match.group(1)[0] + _ZERO_WIDTH_SPACE + match.group(1)[1:], escaped
    )
    return escaped.replace("\\@", _ZERO_WIDTH_SPACE + "@")


def plot_text(text: object) -> str:
    """Text for a Plotly label or hover: tags and entities show literally."""
    return html.escape(str(text), quote=False)


def plot_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text column passed through ``plot_text``."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda value: value if pd.isna(value) else plot_text(value)
            )
    return safe
