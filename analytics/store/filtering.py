"""An ``ArticleFilter`` (``analytics.filters``) as SQL: the conditions on the
``articles`` table that select its articles, and the helpers the queries use to restrict a
statement to them (including "one article per cluster of near-duplicates").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, select

from analytics.filters import ArticleFilter
from analytics.search import search_phrases
from analytics.store._common import _single_words
from analytics.store.schema import (
    article_metadata,
    articles,
    duplicate_clusters,
    entity_mentions,
    readability,
    terms,
)
from analytics.store.search import search_condition

Ts = TypeVarTuple("Ts")


def filter_conditions(flt: ArticleFilter, table: Any = articles) -> list[Any]:
    """The SQL conditions on the ``articles`` table (or an alias of it) that select the
    filter's articles; none for the whole corpus."""
    conditions: list[Any] = []
    if flt.sources:
        conditions.append(table.c.source.in_(flt.sources))
    if flt.date_from is not None:
        conditions.append(table.c.published >= flt.date_from)
    if flt.date_to is not None:
        conditions.append(table.c.published <= flt.date_to)
    if flt.search.strip():  # whole words and "quoted phrases" (``analytics.search``)
        conditions.append(search_condition(table.c.id, search_phrases(flt.search)))
    if flt.article_ids is not None:
        conditions.append(table.c.id.in_(flt.article_ids))
    if flt.mentioning is not None:
        entity, label = flt.mentioning
        mentions = entity_mentions.c
        conditions.append(
            table.c.id.in_(
                select(mentions.article_id).where(
                    mentions.entity == entity, mentions.label == label
                )
            )
        )
    if flt.containing_word:
        conditions.append(
            table.c.id.in_(
                select(terms.c.article_id).where(
                    _single_words(), terms.c.term == flt.containing_word
                )
            )
        )
    if flt.measure_range is not None:
        measure, low, high = flt.measure_range
        value = readability.c[measure]
        conditions.append(
            table.c.id.in_(select(readability.c.article_id).where(value >= low, value <= high))
        )
    for key, values in flt.metadata:
        kept = article_metadata.c
        conditions.append(
            table.c.id.in_(select(kept.article_id).where(kept.key == key, kept.value.in_(values)))
        )
    if flt.one_per_cluster:
        rest = replace(flt, one_per_cluster=False)
        conditions.append(table.c.id.not_in(_later_copies(rest)))
    return conditions


def _later_copies(flt: ArticleFilter) -> Select[Any]:
    """The ids of the clustered articles that have an earlier article of their cluster among
    the articles ``flt`` selects: the ones that one article per cluster leaves out."""
    mine = duplicate_clusters.alias("mine")
    earlier = duplicate_clusters.alias("earlier")
    statement = select(mine.c.article_id).join(
        earlier,
        and_(earlier.c.cluster_id == mine.c.cluster_id, earlier.c.article_id < mine.c.article_id),
    )
    kept = articles.alias("kept")
    conditions = filter_conditions(flt, kept)
    if conditions:
        statement = statement.join(kept, kept.c.id == earlier.c.article_id).where(*conditions)
    return statement


def _ids(flt: ArticleFilter) -> Select[Any]:
    return select(articles.c.id).where(*filter_conditions(flt))


def _restrict(statement: Select[*Ts], column: Any, flt: ArticleFilter) -> Select[*Ts]:
    """``statement`` restricted to the rows whose ``column`` (an article id) is of an article
    the filter selects (unchanged for the whole corpus)."""
    return statement if flt.is_empty else statement.where(column.in_(_ids(flt)))


def _only_one_per_cluster(flt: ArticleFilter) -> bool:
    """Whether the filter is the whole corpus with one article per cluster: its counts are
    the corpus totals less those of the copies left out (a GROUP BY over the copies only)."""
    return flt.one_per_cluster and replace(flt, one_per_cluster=False).is_empty
