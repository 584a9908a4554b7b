"""Co-occurrence queries: pairs of entities named in the same sentence or
article, the number of units naming an entity (the N of the measures), and the sentences where
a pair meets.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, and_, case, func, or_, select

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.store._common import AnySelect, _frame, _mention_sentences, _row_totals
from analytics.store.filtering import _restrict
from analytics.store.schema import (
    article_totals,
    corpus_entities,
    entity_mentions,
    sentence_pairs,
)

#: Where two entities are counted together: in the same sentence, or in the same article.
PairUnit = Literal["sentence", "article"]


def _unit_keys(table: Any, unit: PairUnit) -> list[Any]:
    """The columns naming a unit: the article, and the sentence within it."""
    if unit == "sentence":
        return [table.c.article_id, table.c.sentence_index]
    if unit == "article":
        return [table.c.article_id]
    raise ValueError(f"unknown unit: {unit}")


def _top_entities(flt: ArticleFilter, labels: tuple[str, ...] | None, top: int) -> AnySelect:
    """The ``top`` (entity, label) of the selected articles with the most mentions."""
    if flt.is_empty:
        statement = select(corpus_entities.c.entity, corpus_entities.c.label).order_by(
            corpus_entities.c.n_mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label
        )
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
        return statement.limit(top)
    keys = (entity_mentions.c.entity, entity_mentions.c.label)
    statement = select(*keys)
    if labels is not None:
        statement = statement.where(entity_mentions.c.label.in_(labels))
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    return statement.group_by(*keys).order_by(func.count().desc(), *keys).limit(top)


def n_entity_units(engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, unit: PairUnit) -> int:
    """The number of units (sentences or articles) of the selected articles that name at
    least one entity, of any type: the N of co-occurrence measures. Summed from each article's
    totals kept at ingest (``article_totals``), not counted from every mention."""
    _unit_keys(entity_mentions, unit)  # an unknown unit raises
    totals = article_totals.c
    counted = (
        totals.n_entity_sentences
        if unit == "sentence"
        else case((totals.n_entity_mentions > 0, 1), else_=0)
    )
    statement = _restrict(select(func.coalesce(func.sum(counted), 0)), totals.article_id, flt)
    with engine.connect() as conn:
        return int(conn.scalar(statement) or 0)


def entity_pairs(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    unit: PairUnit = "sentence",
    labels: tuple[str, ...] | None = None,
    top_entities: int = 100,
    min_count: int = 1,
) -> pd.DataFrame:
    """Pairs of entities named in the same unit (sentence or article), counted once per unit.

    Only the ``top_entities`` entities with the most mentions in the selected articles (of
    the ``labels`` types, all types when None) are paired, which keeps the self-join small on
    a large corpus. Each pair appears once, ``entity_a < entity_b``; an entity name tagged
    with two types is not paired with itself. Pairs meeting in fewer than ``min_count`` units
    are left out.

    Columns: entity_a, label_a, entity_b, label_b, n_together (units naming both), n_a, n_b
    (units naming each), n_units (units naming at least one entity of any type: the N of the
    measures, see ``n_entity_units``); the most frequent pairs first.
    """
    if flt.is_empty and unit == "sentence":
        frame = _frame(engine, _corpus_sentence_pairs(labels, top_entities, min_count))
        frame["n_units"] = n_entity_units(engine, flt, unit=unit) if not frame.empty else 0
        return frame
    top = _top_entities(flt, labels, top_entities).subquery("top_entities")
    keys = _unit_keys(entity_mentions, unit)
    units = (
        _restrict(
            select(*keys, entity_mentions.c.entity, entity_mentions.c.label)
            .join(
                top,
                and_(
                    top.c.entity == entity_mentions.c.entity,
                    top.c.label == entity_mentions.c.label,
                ),
            )
            .distinct(),
            entity_mentions.c.article_id,
            flt,
        )
    ).cte("units")
    left, right = units.alias("a"), units.alias("b")
    same_unit = [left.c[column.name] == right.c[column.name] for column in _unit_keys(units, unit)]
    together = func.count()
    pairs = (
        select(
            left.c.entity.label("entity_a"),
            left.c.label.label("label_a"),
            right.c.entity.label("entity_b"),
            right.c.label.label("label_b"),
            together.label("n_together"),
        )
        .select_from(left.join(right, and_(*same_unit, left.c.entity < right.c.entity)))
        .group_by(left.c.entity, left.c.label, right.c.entity, right.c.label)
        .having(together >= min_count)
    ).cte("pairs")
    counts = (
        select(units.c.entity, units.c.label, func.count().label("n_units"))
        .group_by(units.c.entity, units.c.label)
        .cte("counts")
    )
    count_a, count_b = counts.alias("count_a"), counts.alias("count_b")
    statement = (
        select(
            pairs,
            count_a.c.n_units.label("n_a"),
            count_b.c.n_units.label("n_b"),
        )
        .join(
            count_a,
            and_(count_a.c.entity == pairs.c.entity_a, count_a.c.label == pairs.c.label_a),
        )
        .join(
            count_b,
            and_(count_b.c.entity == pairs.c.entity_b, count_b.c.label == pairs.c.label_b),
        )
        .order_by(
            pairs.c.n_together.desc(),
            pairs.c.entity_a,
            pairs.c.label_a,
            pairs.c.entity_b,
            pairs.c.label_b,
        )
    )
    frame = _frame(engine, statement)
    frame["n_units"] = n_entity_units(engine, flt, unit=unit) if not frame.empty else 0
    return frame


def _corpus_sentence_pairs(
    labels: tuple[str, ...] | None, top_entities: int, min_count: int
) -> AnySelect:
    """``entity_pairs`` per sentence over the whole corpus, from the pairs kept at ingest
    (``sentence_pairs``): the same columns, rows and order as counting the mentions."""
    top = _top_entities(ALL_ARTICLES, labels, top_entities).subquery("top_entities")
    top_a, top_b = top.alias("top_a"), top.alias("top_b")
    pairs = sentence_pairs
    count_a, count_b = sentence_pairs.alias("count_a"), sentence_pairs.alias("count_b")

    def itself(counts: Any, entity: Any, label: Any) -> Any:
        """The row of ``counts`` pairing (entity, label) with itself: its sentences."""
        return and_(
            counts.c.entity_a == entity,
            counts.c.label_a == label,
            counts.c.entity_b == entity,
            counts.c.label_b == label,
        )

    return (
        select(
            pairs.c.entity_a,
            pairs.c.label_a,
            pairs.c.entity_b,
            pairs.c.label_b,
            pairs.c.n_sentences.label("n_together"),
            count_a.c.n_sentences.label("n_a"),
            count_b.c.n_sentences.label("n_b"),
        )
        .select_from(pairs)
        .join(top_a, and_(top_a.c.entity == pairs.c.entity_a, top_a.c.label == pairs.c.label_a))
        .join(top_b, and_(top_b.c.entity == pairs.c.entity_b, top_b.c.label == pairs.c.label_b))
        .join(count_a, itself(count_a, pairs.c.entity_a, pairs.c.label_a))
        .join(count_b, itself(count_b, pairs.c.entity_b, pairs.c.label_b))
        .where(pairs.c.entity_a < pairs.c.entity_b, pairs.c.n_sentences >= min_count)
        .order_by(
            pairs.c.n_sentences.desc(),
            pairs.c.entity_a,
            pairs.c.label_a,
            pairs.c.entity_b,
            pairs.c.label_b,
        )
    )


def pair_sentences(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    a: tuple[str, str],
    b: tuple[str, str],
    unit: PairUnit = "sentence",
    limit: int | None = 500,
) -> pd.DataFrame:
    """Where two entities (each an (entity, label)) meet: the sentences naming both, or with
    ``unit="article"``, the sentences naming either in the articles naming both; the first
    ``limit`` (None: all; ``pair_sentence_totals`` counts them all).

    Columns: sentence, title, published, article_id, sentence_index, n_a, n_b (mentions of
    each in the sentence); in text order.
    """
    return _frame(engine, _pair_sentences(flt, a, b, unit, limit))


def pair_sentence_totals(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    a: tuple[str, str],
    b: tuple[str, str],
    unit: PairUnit = "sentence",
) -> tuple[int, int]:
    """How many sentences ``pair_sentences`` gives without a limit, and in how many articles."""
    return _row_totals(engine, _pair_sentences(flt, a, b, unit, None))


def _pair_sentences(
    flt: ArticleFilter,
    a: tuple[str, str],
    b: tuple[str, str],
    unit: PairUnit,
    limit: int | None,
) -> AnySelect:

    def names(entity: tuple[str, str]) -> Any:
        return and_(entity_mentions.c.entity == entity[0], entity_mentions.c.label == entity[1])

    def mentions_of(entity: tuple[str, str]) -> Any:
        return func.sum(case((names(entity), 1), else_=0))

    statement = _mention_sentences(
        mentions_of(a).label("n_a"),
        mentions_of(b).label("n_b"),
        where=or_(names(a), names(b)),
        limit=limit,
    )
    if unit == "sentence":
        statement = statement.having(and_(mentions_of(a) > 0, mentions_of(b) > 0))
    else:
        for entity in (a, b):
            naming = select(entity_mentions.c.article_id).where(names(entity))
            statement = statement.where(entity_mentions.c.article_id.in_(naming))
    return _restrict(statement, entity_mentions.c.article_id, flt)
