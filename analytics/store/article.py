"""Queries on one article: its fields and readability values, its sentences, its
entity mentions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from analytics.readability import COUNTS, MEASURES
from analytics.store._common import _frame, _sentence_text
from analytics.store.schema import articles, entity_mentions, readability, sentences


def article_detail(engine: Engine, article_id: int) -> dict[str, Any] | None:
    """One article's fields and readability values, or None if there is no such article."""
    statement = (
        select(articles, *(readability.c[name] for name in (*MEASURES, *COUNTS)))
        .join(readability, readability.c.article_id == articles.c.id)
        .where(articles.c.id == article_id)
    )
    with engine.connect() as conn:
        row = conn.execute(statement).mappings().first()
    return dict(row) if row is not None else None


def article_sentences(engine: Engine, article_id: int) -> pd.DataFrame:
    """One article's sentences: sentence_index, start_char, end_char, n_words, sentence."""
    statement = (
        select(
            sentences.c.sentence_index,
            sentences.c.start_char,
            sentences.c.end_char,
            sentences.c.n_words,
            _sentence_text().label("sentence"),
        )
        .join(articles, articles.c.id == sentences.c.article_id)
        .where(sentences.c.article_id == article_id)
        .order_by(sentences.c.sentence_index)
    )
    return _frame(engine, statement)


def article_mentions(engine: Engine, article_id: int) -> pd.DataFrame:
    """One article's entity mentions in order: offsets, sentence, surface, entity, label."""
    statement = (
        select(
            entity_mentions.c.start_char,
            entity_mentions.c.end_char,
            entity_mentions.c.sentence_index,
            entity_mentions.c.surface,
            entity_mentions.c.entity,
            entity_mentions.c.label,
        )
        .where(entity_mentions.c.article_id == article_id)
        .order_by(entity_mentions.c.mention_index)
    )
    return _frame(engine, statement)
