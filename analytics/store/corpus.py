"""Queries on the selected articles as a whole: how many, their sources and dates, the
article table (one page of rows), the corpus summary, languages, texts for a concordance, and
the full export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.readability import COUNTS, MEASURES
from analytics.store._common import ARTICLE_COLUMNS, _frame
from analytics.store.filtering import _ids, _restrict, filter_conditions
from analytics.store.readability_scores import flag_table
from analytics.store.schema import (
    article_totals,
    articles,
    corpus_entities,
    duplicate_clusters,
    entity_mentions,
    readability,
    readability_flags,
)


def n_articles(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> int:
    """How many stored articles the filter selects."""
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(_ids(flt).subquery())) or 0)


def sources(engine: Engine) -> list[str]:
    """The distinct sources of the stored articles, sorted; the empty source is left out."""
    statement = (
        select(articles.c.source).where(articles.c.source != "").distinct().order_by("source")
    )
    with engine.connect() as conn:
        return list(conn.scalars(statement))


def date_bounds(engine: Engine) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest publication dates stored (None when no article has a date)."""
    with engine.connect() as conn:
        first, last = conn.execute(
            select(func.min(articles.c.published), func.max(articles.c.published))
        ).one()
    return first, last


def article_table(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """One row per article with its key metrics, the most recently added first.

    ``limit`` and ``offset`` give one page of rows (the dashboard never loads every row of a
    large corpus at once).
    """
    n_flags = (
        select(func.count())
        .where(readability_flags.c.article_id == articles.c.id)
        .scalar_subquery()
        .label("n_unreliable_scores")
    )
    # kept at ingest (``article_totals``), not counted from the mentions of each row
    n_entities = func.coalesce(article_totals.c.n_entity_mentions, 0).label("n_entity_mentions")
    members = duplicate_clusters.alias("members")
    n_copies = (
        select(func.count())
        .where(
            members.c.cluster_id == duplicate_clusters.c.cluster_id,
            members.c.article_id != articles.c.id,
        )
        .scalar_subquery()
        .label("n_copies")
    )
    statement = (
        select(
            *ARTICLE_COLUMNS,
            readability.c.n_words,
            readability.c.n_sentences,
            readability.c.flesch_reading_ease,
            readability.c.consensus_grade,
            readability.c.reading_time_seconds,
            n_entities,
            n_flags,
            n_copies,
            duplicate_clusters.c.cluster_id,
            articles.c.language,
            articles.c.url,
            articles.c.file_name,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .outerjoin(article_totals, article_totals.c.article_id == articles.c.id)
        .outerjoin(duplicate_clusters, duplicate_clusters.c.article_id == articles.c.id)
        .where(*filter_conditions(flt))
        .order_by(articles.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    frame = _frame(engine, statement)
    for column in ("n_words", "n_sentences", "cluster_id"):
        frame[column] = frame[column].astype("Int64")
    return frame


def corpus_summary(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, Any]:
    """The corpus at a glance: counts of articles, words, sources, entities; dates; grade."""
    selected = _ids(flt).subquery()
    with engine.connect() as conn:
        n_selected, n_words, n_sentences = conn.execute(
            select(
                func.count(articles.c.id),
                func.coalesce(func.sum(readability.c.n_words), 0),
                func.coalesce(func.sum(readability.c.n_sentences), 0),
            )
            .join(readability, readability.c.article_id == articles.c.id)
            .where(articles.c.id.in_(select(selected.c.id)))
        ).one()
        n_sources, first, last, n_undated = conn.execute(
            select(
                func.count(func.distinct(articles.c.source)).filter(articles.c.source != ""),
                func.min(articles.c.published),
                func.max(articles.c.published),
                func.count(articles.c.id).filter(articles.c.published.is_(None)),
            ).where(articles.c.id.in_(select(selected.c.id)))
        ).one()
        distinct = (
            select(entity_mentions.c.entity, entity_mentions.c.label)
            .where(entity_mentions.c.article_id.in_(select(selected.c.id)))
            .distinct()
            .subquery()
        )
        # the whole corpus: its totals have one row per entity (2.1 s less at 100,000)
        counted = corpus_entities if flt.is_empty else distinct
        n_entities = conn.scalar(select(func.count()).select_from(counted))
    grade_statement = _restrict(
        select(readability.c.consensus_grade).where(readability.c.consensus_grade.is_not(None)),
        readability.c.article_id,
        flt,
    )
    with engine.connect() as conn:
        grades = pd.Series(list(conn.scalars(grade_statement)), dtype=float)
    return {
        "n_articles": int(n_selected),
        "n_words": int(n_words),
        "n_sentences": int(n_sentences),
        "n_sources": int(n_sources),
        "n_entities": int(n_entities or 0),
        "first_published": first,
        "last_published": last,
        "n_undated": int(n_undated),
        "median_grade": float(grades.median()) if len(grades.dropna()) else None,
    }


def corpus_summary_words(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> int:
    """The number of words in the selected articles."""
    statement = _restrict(
        select(func.coalesce(func.sum(readability.c.n_words), 0)), readability.c.article_id, flt
    )
    with engine.connect() as conn:
        return int(conn.scalar(statement) or 0)


def language_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """The languages of the selected articles: language ("" when unknown), n_articles; the
    most common first."""
    count = func.count()
    statement = (
        select(articles.c.language, count.label("n_articles"))
        .where(*filter_conditions(flt))
        .group_by(articles.c.language)
        .order_by(count.desc(), articles.c.language)
    )
    return _frame(engine, statement)


def article_texts(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    containing: str,
    limit: int | None = 500,
) -> list[tuple[int, str, str]]:
    """(article_id, title, body) of up to ``limit`` selected articles whose text contains
    ``containing`` (case-insensitive; None: all of them, ``n_articles_containing`` counts
    them), in id order: the candidates for a concordance."""
    statement = (
        select(articles.c.id, articles.c.title, articles.c.body)
        .where(*_containing(flt, containing))
        .order_by(articles.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [(int(row.id), row.title, row.body) for row in conn.execute(statement)]


def n_articles_containing(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, containing: str
) -> int:
    """How many selected articles' texts contain ``containing`` (as ``article_texts``)."""
    statement = select(func.count()).select_from(articles).where(*_containing(flt, containing))
    with engine.connect() as conn:
        return int(conn.scalar(statement) or 0)


def _containing(flt: ArticleFilter, containing: str) -> list[Any]:
    return [*filter_conditions(flt), articles.c.body.icontains(containing, autoescape=True)]


def corpus_export(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Every selected article with its metadata, text, all metrics and unreliable scores."""
    flags = flag_table(engine, flt)
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            articles.c.source,
            articles.c.published,
            articles.c.url,
            articles.c.language,
            articles.c.file_name,
            articles.c.content_hash,
            *(readability.c[name] for name in (*MEASURES, *COUNTS)),
            articles.c.body,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .where(*filter_conditions(flt))
        .order_by(articles.c.id)
    )
    frame = _frame(engine, statement)
    reasons = (
        flags.assign(text=flags["measure"] + ": " + flags["reason"])
        .groupby("article_id")["text"]
        .agg("; ".join)
        if not flags.empty
        else pd.Series(dtype=str)
    )
    frame.insert(len(frame.columns) - 1, "unreliable_scores", frame["article_id"].map(reasons))
    frame["unreliable_scores"] = frame["unreliable_scores"].fillna("")
    return frame
