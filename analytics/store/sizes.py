"""Fitting an analysed article to the store's columns before it is stored, the same way on every
backend: PostgreSQL refuses a value longer than its column (``VARCHAR(n)``) where SQLite stores
it, so the lengths are checked here, against the columns of :mod:`analytics.store.schema`.

- A term or lemma longer than its column (400 characters) is not a word (a run of letters
  without a space, a URL, base64 data): it is left out of the article's terms, and so of the
  corpus totals.
- An entity mention whose name (or alias, or label) is longer than its column is left out; a
  quotation attributed to it keeps its speaker's words, without the link to the mention.
- A quotation's cue longer than its column is left out (the quotation is kept).
- A metadata key longer than its column is left out; a value longer than its column is cut.
- An article whose source (300 characters) or language (16) is longer than its column is
  rejected, with a reason naming the field: a source that long is text from the wrong column,
  not a publisher's name, and cutting it would store a wrong source under a real-looking one.

Text content needs no check here: every :class:`~analytics.models.Article` is made NFC, without
NUL characters or lone surrogates (:func:`analytics.models.entry_text`), and everything stored
is taken from its fields.
"""

from __future__ import annotations

from dataclasses import replace
from operator import itemgetter
from typing import cast

from sqlalchemy import Column, String, Table

from analytics.analysis import ArticleAnalysis
from analytics.entities import Mention
from analytics.models import Article
from analytics.store import schema


def column_length(table: Table, name: str) -> int | None:
    """The most characters column ``name`` of ``table`` takes, or ``None`` for no limit."""
    column = cast(Column[str], table.c[name])
    return column.type.length if isinstance(column.type, String) else None


def _fits(value: str | None, limit: int | None) -> bool:
    return value is None or limit is None or len(value) <= limit


def too_long_field(field: str, length: int, limit: int) -> str:
    """The reason for rejecting an article whose ``field`` does not fit its column."""
    return (
        f"its {field} is {length:,} characters long; the store takes at most {limit:,} "
        f"(is that column really the {field}?)"
    )


def fitted_analysis(analysis: ArticleAnalysis) -> ArticleAnalysis | str:
    """``analysis`` with what does not fit the store's columns left out (see the module's
    docstring), or the reason the article is rejected."""
    article = analysis.article
    for field in ("source", "language"):
        limit = column_length(schema.articles, field)
        value = getattr(article, field)
        if limit is not None and len(value) > limit:
            return too_long_field(field, len(value), limit)
    term_limit = column_length(schema.terms, "term")
    lemma_limit = column_length(schema.terms, "lemma")
    longest = max(
        max(map(len, map(itemgetter(1), analysis.terms)), default=0),
        max(map(len, map(itemgetter(2), analysis.terms)), default=0),
    )
    if (
        term_limit is not None
        and lemma_limit is not None
        and longest <= min(term_limit, lemma_limit)
    ):
        terms = analysis.terms  # the common case, checked at once
    else:
        terms = [
            row
            for row in analysis.terms
            if _fits(row.term, term_limit) and _fits(row.lemma, lemma_limit)
        ]
    mention_limits = {
        name: column_length(schema.entity_mentions, name) for name in ("entity", "alias", "label")
    }
    kept_index: dict[int, int] = {}
    mentions: list[Mention] = []
    for index, mention in enumerate(analysis.mentions):
        if all(_fits(getattr(mention, name), limit) for name, limit in mention_limits.items()):
            kept_index[index] = len(mentions)
            mentions.append(mention)
    cue_limit = column_length(schema.quotes, "cue")
    quotes = [
        quote._replace(
            speaker_mention_index=(
                None
                if quote.speaker_mention_index is None
                else kept_index.get(quote.speaker_mention_index)
            ),
            cue=quote.cue if _fits(quote.cue, cue_limit) else None,
        )
        for quote in analysis.quotes
    ]
    article = _fitted_metadata(article)
    if (
        len(terms) == len(analysis.terms)
        and len(mentions) == len(analysis.mentions)
        and quotes == analysis.quotes
        and article is analysis.article
    ):
        return analysis
    notes = [note for index, note in enumerate(analysis.notes) if index in kept_index]
    return replace(
        analysis, article=article, terms=terms, mentions=mentions, notes=notes, quotes=quotes
    )


def _fitted_metadata(article: Article) -> Article:
    """``article`` with metadata keys too long for their column left out, values cut."""
    table = getattr(schema, "article_metadata", None)
    if table is None or not article.metadata:
        return article
    key_limit, value_limit = column_length(table, "key"), column_length(table, "value")
    pairs = tuple(
        (key, value[:value_limit] if value_limit is not None else value)
        for key, value in article.metadata
        if _fits(key, key_limit)
    )
    return article if pairs == article.metadata else article.with_changes(metadata=pairs)
