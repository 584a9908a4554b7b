"""Two groups of articles compared (keyness): their sizes in articles and tokens,
and the count of every term or entity in each.

Group A is the articles selected by both ``group_a`` and ``within`` (the corpus filter); group
B is those selected by ``group_b`` and ``within``, or, when ``group_b`` is None, "the rest":
every article of ``within`` that is not in A. Explicit groups may overlap: an article in both
counts in both (``group_sizes`` says how many). Group sizes in words are the sums of the
articles' word counts (``readability.n_words``: the one word count of every page, so that a
group of the same articles as Overview has the same number of words); in bigrams or trigrams,
the sums of the stored n-gram counts, stop words included. Entities are set against the
number of words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

import pandas as pd
from sqlalchemy import (
    Column,
    ColumnElement,
    Engine,
    Integer,
    Label,
    Table,
    and_,
    false,
    func,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.store._common import AnySelect, _frame, _n_without_index
from analytics.store.filtering import filter_conditions
from analytics.store.schema import (
    articles,
    corpus_entities,
    corpus_terms,
    entity_mentions,
    readability,
    source_words,
    terms,
)


def _group_conditions(flt: ArticleFilter, within: ArticleFilter) -> list[Any]:
    return [*filter_conditions(flt), *filter_conditions(within)]


def _other_conditions(
    group_a: ArticleFilter, group_b: ArticleFilter | None, within: ArticleFilter
) -> list[Any]:
    if group_b is not None:
        return _group_conditions(group_b, within)
    ids_a = select(articles.c.id).where(*_group_conditions(group_a, within))
    return [*filter_conditions(within), articles.c.id.not_in(ids_a)]


def group_sizes(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
) -> dict[str, int]:
    """The number of articles in group A, in group B, and in both (n_a, n_b, n_both)."""
    in_a = _group_conditions(group_a, within)
    in_b = _other_conditions(group_a, group_b, within)
    with engine.connect() as conn:
        n_a, n_b, n_both = (
            int(conn.scalar(select(func.count(articles.c.id)).where(*conditions)) or 0)
            for conditions in (in_a, in_b, [*in_a, *in_b])
        )
    return {"n_a": n_a, "n_b": n_b, "n_both": n_both}


def _token_total(conn: Connection, conditions: list[Any] | None, n: int) -> int:
    """The words (n = 1) or n-gram tokens in the articles meeting ``conditions`` (None: the
    whole corpus)."""
    if n == 1:
        statement = select(func.coalesce(func.sum(readability.c.n_words), 0))
        if conditions is not None:
            statement = statement.join(articles, articles.c.id == readability.c.article_id)
            statement = statement.where(*conditions)
    elif conditions is None:
        statement = select(func.coalesce(func.sum(corpus_terms.c.n_occurrences), 0))
        statement = statement.where(corpus_terms.c.n == n)
    else:
        statement = (
            select(func.coalesce(func.sum(terms.c.n_occurrences), 0))
            .select_from(articles.join(terms, terms.c.article_id == articles.c.id))
            .where(_n_without_index(n), *conditions)
        )
    return int(conn.scalar(statement) or 0)


def group_token_totals(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
    n: int = 1,
) -> tuple[int, int]:
    """The sizes of groups A and B in words (n = 1: the articles' ``n_words``, as Overview
    counts them) or in n-gram tokens, stop words included."""
    with engine.connect() as conn:
        total_a = _token_total(conn, _group_conditions(group_a, within), n)
        if group_b is None and within.is_empty:
            return total_a, _token_total(conn, None, n) - total_a
        return total_a, _token_total(conn, _other_conditions(group_a, group_b, within), n)


#: What two groups are compared by: their words (or n-grams) or their entities.
KeynessUnit = Literal["terms", "entities"]


def _counted_rows(
    unit: KeynessUnit,
    conditions: list[Any],
    *,
    n: int,
    stop_words: bool,
    lemmas: bool,
    labels: tuple[str, ...] | None,
) -> tuple[list[Label[Any] | Column[Any]], ColumnElement[Any], AnySelect]:
    """The key columns, the count of one row, and the rows of ``unit`` in the articles meeting
    ``conditions`` (joined from ``articles``, so that SQLite reads them by article)."""
    keys: list[Label[Any] | Column[Any]]
    if unit == "terms":
        keys = [(terms.c.lemma if lemmas else terms.c.term).label("term")]
        statement = (
            select(*keys)
            .select_from(articles.join(terms, terms.c.article_id == articles.c.id))
            .where(_n_without_index(n), *conditions)
        )
        if not stop_words:
            statement = statement.where(terms.c.is_stop == false())
        return keys, terms.c.n_occurrences, statement
    keys = [entity_mentions.c.entity, entity_mentions.c.label]
    statement = (
        select(*keys)
        .select_from(articles.join(entity_mentions, entity_mentions.c.article_id == articles.c.id))
        .where(*conditions)
    )
    if labels is not None:
        statement = statement.where(entity_mentions.c.label.in_(labels))
    return keys, literal_column("1", Integer), statement


def _corpus_rows(
    unit: KeynessUnit, *, n: int, stop_words: bool, labels: tuple[str, ...] | None
) -> tuple[Table, Any, Any]:
    """The corpus totals table of ``unit``, its count column and its conditions."""
    if unit == "terms":
        conditions = [corpus_terms.c.n == n]
        if not stop_words:
            conditions.append(corpus_terms.c.is_stop == false())
        return corpus_terms, corpus_terms.c.n_occurrences, and_(*conditions)
    condition = corpus_entities.c.label.in_(labels) if labels is not None else true()
    return corpus_entities, corpus_entities.c.n_mentions, condition


def keyness_counts(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
    unit: KeynessUnit = "terms",
    n: int = 1,
    stop_words: bool = False,
    lemmas: bool = False,
    labels: tuple[str, ...] | None = None,
    min_frequency: int = 1,
    require_a: bool = False,
) -> pd.DataFrame:
    """The count of every term (or entity) in group A and in group B, for a keyness table.

    Columns: term (or entity, label), n_a, n_b; only rows with ``n_a + n_b >= min_frequency``,
    and with ``require_a`` only those found in A (enough for the terms over-represented in
    A). Stop words are left out unless ``stop_words``; ``lemmas`` counts lemmas. Summed by
    the database; "the rest of the whole corpus" is the corpus totals minus A's counts.
    """
    keys, count, rows_a = _counted_rows(
        unit,
        _group_conditions(group_a, within),
        n=n,
        stop_words=stop_words,
        lemmas=lemmas,
        labels=labels,
    )
    names = [key.name for key in keys]
    zero = literal_column("0", Integer)
    if unit == "terms" and n == 1 and not lemmas and _by_sources(group_a, group_b, within):
        return _frame(
            engine,
            _source_counts(
                group_a,
                group_b,
                stop_words=stop_words,
                min_frequency=min_frequency,
                require_a=require_a,
            ),
        )
    if group_b is None and within.is_empty and not lemmas:
        table, total, condition = _corpus_rows(unit, n=n, stop_words=stop_words, labels=labels)
        totals_keys = [table.c[name] for name in names]
        if require_a:
            in_a = rows_a.add_columns(count.label("a")).subquery()
            a_count = func.sum(in_a.c.a)
            counted = (
                select(*(in_a.c[name] for name in names), a_count.label("a"))
                .group_by(*(in_a.c[name] for name in names))
                .subquery()
            )
            statement = (
                select(
                    *(counted.c[name] for name in names),
                    counted.c.a.label("n_a"),
                    (total - counted.c.a).label("n_b"),
                )
                .join(table, and_(*(table.c[name] == counted.c[name] for name in names)))
                .where(condition, total >= min_frequency)
                .order_by(*(counted.c[name] for name in names))
            )
            return _frame(engine, statement)
        rows = union_all(
            select(*totals_keys, zero.label("a"), total.label("b")).where(condition),
            rows_a.add_columns(count.label("a"), (-count).label("b")),
        )
    else:
        in_b = _other_conditions(group_a, group_b, within)
        _, _, rows_b = _counted_rows(
            unit, in_b, n=n, stop_words=stop_words, lemmas=lemmas, labels=labels
        )
        rows = union_all(
            rows_a.add_columns(count.label("a"), zero.label("b")),
            rows_b.add_columns(zero.label("a"), count.label("b")),
        )
    united = rows.subquery()
    key_columns = [united.c[name] for name in names]
    n_a, n_b = func.sum(united.c.a), func.sum(united.c.b)
    statement = (
        select(*key_columns, n_a.label("n_a"), n_b.label("n_b"))
        .group_by(*key_columns)
        .having(n_a + n_b >= min_frequency)
        .order_by(*key_columns)
    )
    if require_a:
        statement = statement.having(n_a > 0)
    return _frame(engine, statement)


def _only_sources(flt: ArticleFilter) -> bool:
    """Whether the filter selects some sources' articles and restricts nothing else."""
    return bool(flt.sources) and replace(flt, sources=()).is_empty


def _by_sources(
    group_a: ArticleFilter, group_b: ArticleFilter | None, within: ArticleFilter
) -> bool:
    """Whether both groups are sources (B may be the rest of the corpus): their words are then
    counted from the sources' totals (``source_words``)."""
    return (
        within.is_empty and _only_sources(group_a) and (group_b is None or _only_sources(group_b))
    )


def _source_words(flt: ArticleFilter, *, stop_words: bool) -> AnySelect:
    """The single words of the sources of ``flt`` with their occurrences (``count``), one row
    per source and word, from the sources' totals kept at ingest."""
    statement = select(source_words.c.term, source_words.c.n_occurrences.label("count")).where(
        source_words.c.source.in_(flt.sources)
    )
    if not stop_words:
        statement = statement.where(source_words.c.is_stop == false())
    return statement


def _source_counts(
    group_a: ArticleFilter,
    group_b: ArticleFilter | None,
    *,
    stop_words: bool,
    min_frequency: int,
    require_a: bool,
) -> AnySelect:
    """``keyness_counts`` of single words for groups of sources: A's words from the sources'
    totals, B's too, or for the rest of the corpus, the corpus totals less A's."""
    zero = literal_column("0", Integer)
    in_a = _source_words(group_a, stop_words=stop_words).subquery()
    rows_a = select(in_a.c.term, in_a.c["count"].label("a"))
    if group_b is None:
        condition = corpus_terms.c.n == 1
        if not stop_words:
            condition = and_(condition, corpus_terms.c.is_stop == false())
        rows = union_all(
            select(
                corpus_terms.c.term, zero.label("a"), corpus_terms.c.n_occurrences.label("b")
            ).where(condition),
            rows_a.add_columns((-in_a.c["count"]).label("b")),
        )
    else:
        in_b = _source_words(group_b, stop_words=stop_words).subquery()
        rows = union_all(
            rows_a.add_columns(zero.label("b")),
            select(in_b.c.term, zero.label("a"), in_b.c["count"].label("b")),
        )
    united = rows.subquery()
    n_a, n_b = func.sum(united.c.a), func.sum(united.c.b)
    statement = (
        select(united.c.term, n_a.label("n_a"), n_b.label("n_b"))
        .group_by(united.c.term)
        .having(n_a + n_b >= min_frequency)
        .order_by(united.c.term)
    )
    return statement.having(n_a > 0) if require_a else statement
