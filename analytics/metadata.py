"""What an upload says about its articles besides their files: a batch column to use as the
source (``--source-column category``), and a source and date for the articles that have none
(files uploaded one by one: .txt, .pdf, .html without metadata).

Nothing is guessed: a batch without a source column keeps an empty source, and
:func:`source_column_hint` says which of its columns could be one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from analytics.models import Article, ReadOutcome


def apply_upload_fields(
    outcomes: Iterable[ReadOutcome],
    *,
    source_column: str = "",
    source: str = "",
    published: dt.date | None = None,
) -> list[ReadOutcome]:
    """The outcomes with their articles' sources and dates completed.

    An article with a non-empty ``source_column`` metadata value takes it as its source (in
    place of any other); an article still without a source takes ``source``, one without a
    date takes ``published``.
    """
    column = "_".join(source_column.split()).lower()
    source = " ".join(source.split())
    completed: list[ReadOutcome] = []
    for outcome in outcomes:
        articles = tuple(
            _completed(article, column=column, source=source, published=published)
            for article in outcome.articles
        )
        completed.append(replace(outcome, articles=articles))
    return completed


def _completed(article: Article, *, column: str, source: str, published: dt.date | None) -> Article:
    changes: dict[str, object] = {}
    from_column = article.metadata_value(column) if column else ""
    if from_column and from_column != article.source:
        changes["source"] = from_column
    elif not article.source and source:
        changes["source"] = source
    if article.published is None and published is not None:
        changes["published"] = published
    return article.with_changes(**changes) if changes else article


def n_with_column(outcomes: Iterable[ReadOutcome], column: str) -> int:
    """How many of the articles have a value in the metadata column ``column``."""
    key = "_".join(column.split()).lower()
    return sum(
        bool(article.metadata_value(key)) for outcome in outcomes for article in outcome.articles
    )


def source_column_hint(outcomes: Iterable[ReadOutcome]) -> str:
    """A sentence naming the metadata columns that every article without a source has (which
    could be its source), or "" when all articles have a source or no column is common."""
    sourceless = [
        article for outcome in outcomes for article in outcome.articles if not article.source
    ]
    if not sourceless:
        return ""
    common = set(dict(sourceless[0].metadata))
    for article in sourceless[1:]:
        common &= set(dict(article.metadata))
    return sourceless_hint(len(sourceless), common)


def sourceless_hint(n: int, common: set[str]) -> str:
    """``source_column_hint`` for ``n`` articles without a source that all have the metadata
    columns ``common`` (counted as a load streams by)."""
    if not n or not common:
        return ""
    names = ", ".join(repr(name) for name in sorted(common))
    return (
        f"{n:,} article{'s have' if n != 1 else ' has'} no source but a column {names}: "
        "to use it as the source, name it as the source column when uploading "
        "(command line: --source-column NAME). It is kept either way, as a filter."
    )
