"""Keyword in context: every occurrence of a word, phrase or entity with the text around it.

As in AntConc's concordance: one row per occurrence with its left context, the match and its
right context, plus the word just before and just after it, so that rows can be sorted by what
comes before or after. Matching is case-insensitive on whole words; the words of a phrase may
be separated by any white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import pandas as pd

COLUMNS = ["article_id", "title", "left", "match", "right", "word_before", "word_after", "offset"]
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def query_pattern(query: str) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for the query (None when it has no words)."""
    words = query.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def concordance(
    texts: Iterable[tuple[int, str, str]],
    query: str,
    *,
    width: int = 60,
    limit: int = 2_000,
) -> pd.DataFrame:
    """Occurrences of ``query`` in the texts, given as (article_id, title, body).

    ``left`` and ``right`` hold up to ``width`` characters on each side (line breaks folded to
    spaces); ``word_before`` and ``word_after`` are the nearest words, lower-cased, for
    sorting. At most ``limit`` rows, in article and text order.
    """
    pattern = query_pattern(query)
    rows: list[dict[str, object]] = []
    if pattern is None:
        return pd.DataFrame(columns=COLUMNS)
    for article_id, title, body in texts:
        for match in pattern.finditer(body):
            start, end = match.span()
            left = " ".join(body[max(0, start - width) : start].split())
            right = " ".join(body[end : end + width].split())
            before = _WORD.findall(body[max(0, start - 100) : start])
            after = _WORD.findall(body[end : end + 100])
            rows.append(
                {
                    "article_id": article_id,
                    "title": title,
                    "left": left,
                    "match": " ".join(match.group().split()),
                    "right": right,
                    "word_before": before[-1].lower() if before else "",
                    "word_after": after[0].lower() if after else "",
                    "offset": start,
                }
            )
            if len(rows) >= limit:
                return pd.DataFrame(rows, columns=COLUMNS)
    return pd.DataFrame(rows, columns=COLUMNS)


SortOrder = Literal["text", "word_before", "word_after"]


def sorted_concordance(table: pd.DataFrame, *, by: SortOrder) -> pd.DataFrame:
    """The concordance sorted by ``"word_before"``, ``"word_after"`` or in text order."""
    if by in ("word_before", "word_after"):
        return table.sort_values([by, "article_id", "offset"], kind="stable").reset_index(drop=True)
    return table.reset_index(drop=True)
