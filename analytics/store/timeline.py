"""Queries over time: the selected articles per publication date, and the mentions
of chosen entities and terms per date (``analytics.timeline`` groups them into periods).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, and_, case, func, or_, select

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.labels import entity_labels
from analytics.store._common import _frame
from analytics.store.filtering import filter_conditions
from analytics.store.schema import articles, entity_mentions, terms
from analytics.store.words import _term_condition


def _english() -> Any:
    """Articles whose entities were looked for (the NER model is English; see is_english)."""
    language = func.lower(articles.c.language)
    return or_(
        language.in_(("", "en")), language.like("en-%"), language.like("en\\_%", escape="\\")
    )


def articles_by_date(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """The selected articles per publication date, the undated ones in a row of their own.

    Columns: published (None for the undated articles), n_articles, n_english (articles in
    English, the only ones with entities).
    """
    statement = (
        select(
            articles.c.published,
            func.count().label("n_articles"),
            func.sum(case((_english(), 1), else_=0)).label("n_english"),
        )
        .where(*filter_conditions(flt))
        .group_by(articles.c.published)
        .order_by(articles.c.published)
    )
    return _frame(engine, statement)


def mentions_by_date(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_entities: tuple[tuple[str, str], ...] = (),
    chosen_terms: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Mentions of the chosen entities and terms in the selected articles, per publication date.

    ``chosen_entities`` are (entity, label) pairs; ``chosen_terms`` are words or n-grams as
    counted on the Words page (case folded, one space between words; n is their number of
    words). Columns:
    published (None for undated articles), item ("entity · label" or the term), kind
    ("entity" or "term"), n_mentions, n_articles (articles of that date mentioning the item).
    """
    frames = []
    if chosen_entities:
        pairs = or_(
            *(
                and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
                for entity, label in chosen_entities
            )
        )
        statement = (
            select(
                articles.c.published,
                entity_mentions.c.entity,
                entity_mentions.c.label,
                func.count().label("n_mentions"),
                func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
            )
            .join(articles, articles.c.id == entity_mentions.c.article_id)
            .where(pairs, *filter_conditions(flt))
            .group_by(articles.c.published, entity_mentions.c.entity, entity_mentions.c.label)
        )
        found = _frame(engine, statement)
        items = entity_labels(found.pop("entity"), found.pop("label"))
        found.insert(1, "item", items.astype(object))
        frames.append(found.assign(kind="entity"))
    by_size: dict[int, list[str]] = {}
    for term in chosen_terms:
        by_size.setdefault(len(term.split()), []).append(term)
    if by_size:
        statement = (
            select(
                articles.c.published,
                terms.c.term.label("item"),
                func.sum(terms.c.n_occurrences).label("n_mentions"),
                func.count(func.distinct(terms.c.article_id)).label("n_articles"),
            )
            .join(articles, articles.c.id == terms.c.article_id)
            .where(
                or_(*(_term_condition(engine, n, chosen) for n, chosen in by_size.items())),
                *filter_conditions(flt),
            )
            .group_by(articles.c.published, terms.c.term)
        )
        frames.append(_frame(engine, statement).assign(kind="term"))
    columns = ["published", "item", "kind", "n_mentions", "n_articles"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
