"""Readability queries: every measure and count of the selected articles,
one measure's values, the scores flagged unreliable, and the medians.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.readability import COUNTS, MEASURES
from analytics.store._common import ARTICLE_COLUMNS, _frame
from analytics.store.filtering import _restrict, filter_conditions
from analytics.store.schema import article_totals, articles, readability, readability_flags


def readability_table(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Every readability measure and count of every selected article, one row each, with the
    length of its longest sentence in words (``longest_sentence_words``, kept at ingest in
    ``article_totals``)."""
    statement = (
        select(
            *ARTICLE_COLUMNS,
            *(readability.c[name] for name in (*MEASURES, *COUNTS)),
            article_totals.c.longest_sentence_words,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .outerjoin(article_totals, article_totals.c.article_id == articles.c.id)
        .where(*filter_conditions(flt))
        .order_by(articles.c.id)
    )
    return _frame(engine, statement)


def measure_values(engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, measure: str) -> pd.Series:
    """One readability measure or count of every selected article (None left out)."""
    if measure not in (*MEASURES, *COUNTS):
        raise ValueError(f"unknown measure: {measure}")
    column = readability.c[measure]
    statement = _restrict(select(column).where(column.is_not(None)), readability.c.article_id, flt)
    with engine.connect() as conn:
        return pd.Series(list(conn.scalars(statement)), dtype=float, name=measure)


def flag_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """How many selected articles have each measure flagged unreliable: measure, n_articles."""
    count = func.count()
    statement = (
        _restrict(
            select(readability_flags.c.measure, count.label("n_articles")),
            readability_flags.c.article_id,
            flt,
        )
        .group_by(readability_flags.c.measure)
        .order_by(count.desc(), readability_flags.c.measure)
    )
    return _frame(engine, statement)


def flag_table(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, limit: int | None = None
) -> pd.DataFrame:
    """The unreliable scores of the selected articles: article, measure and reason."""
    statement = _restrict(
        select(readability_flags).order_by("article_id", "measure").limit(limit),
        readability_flags.c.article_id,
        flt,
    )
    return _frame(engine, statement)


def readability_medians(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, float]:
    """The median of each readability measure and count over the selected articles."""
    columns = [*MEASURES, *COUNTS]
    # the measures alone, read from ``readability`` (the whole corpus: no join)
    statement = _restrict(
        select(*(readability.c[name] for name in columns)), readability.c.article_id, flt
    )
    table = _frame(engine, statement)
    if table.empty:
        return dict.fromkeys(columns, float("nan"))
    return {name: float(table[name].median()) for name in columns}
