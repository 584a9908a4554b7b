"""Corpus-wide totals kept in step with the stored rows: each term's and each entity's
counts over the whole corpus, and each alias's mentions (with the index of people's alias
words), updated in the same transaction as every insert and delete so the unfiltered corpus (the
common case) is answered without a ``GROUP BY`` over every row; and rebuilt from the rows for
stores written without them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine, Select, delete, func, insert, select
from sqlalchemy.engine import Connection

from analytics.aliases import alias_words
from analytics.analysis import ArticleAnalysis
from analytics.store._common import _chunks, _upsert_insert, _write_rows, _writer
from analytics.store.schema import (
    corpus_aliases,
    corpus_entities,
    corpus_terms,
    entity_mentions,
    person_alias_words,
    terms,
)

TERM_COUNTS = ("n_occurrences", "n_articles")
TERM_TOTALS = ("n", "term", "is_stop", *TERM_COUNTS)
ENTITY_KEYS = ("entity", "label")
ENTITY_COUNTS = ("n_mentions", "n_articles")


def _entity_totals(analysis: ArticleAnalysis) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for mention in analysis.mentions:
        key = (mention.entity, mention.label)
        totals[key] = totals.get(key, 0) + 1
    return totals


def _add_to_totals(conn: Connection, analyses: list[ArticleAnalysis]) -> None:
    """Add the counts of stored articles to the corpus totals, summed over the batch first
    (one upsert per distinct term of the batch, not one per term of each article)."""
    occurrences: dict[tuple[int, str, bool], int] = {}
    n_articles: Counter[tuple[int, str, bool]] = Counter()
    entity_totals: dict[tuple[str, str], list[int]] = {}
    found = occurrences.get
    for analysis in analyses:
        keys: set[tuple[int, str, bool]] = set()
        for n, term, _lemma, is_stop, count in analysis.terms:
            key = (n, term, is_stop)
            occurrences[key] = found(key, 0) + count
            keys.add(key)
        # a word form can have several lemmas in one article: one article, whatever the lemmas
        n_articles.update(keys)
        for entity, count in _entity_totals(analysis).items():
            total = entity_totals.setdefault(entity, [0, 0])
            total[0] += count
            total[1] += 1
    # in key order, so concurrent writers lock the same rows in the same order (no deadlock);
    # (n, term) is unique, the stop word flag being the same for every row of a term
    term_rows = sorted(
        ((*key, count, n_articles[key]) for key, count in occurrences.items()), key=itemgetter(0, 1)
    )
    entity_rows = sorted(
        (entity, label, n_mentions, n_articles_naming)
        for (entity, label), (n_mentions, n_articles_naming) in entity_totals.items()
    )
    _write_rows(conn, corpus_terms, TERM_TOTALS, term_rows, keys=("n", "term"), counts=TERM_COUNTS)
    _add_entity_totals(conn, entity_rows)


def _add_entity_totals(conn: Connection, rows: list[tuple[str, str, int, int]]) -> None:
    """Add (entity, label, n_mentions, n_articles) rows to the entities' corpus totals."""
    _write_rows(
        conn,
        corpus_entities,
        (*ENTITY_KEYS, *ENTITY_COUNTS),
        rows,
        keys=ENTITY_KEYS,
        counts=ENTITY_COUNTS,
    )


def _subtract_from_totals(conn: Connection, ids: list[int]) -> None:
    """Take the counts of the articles ``ids`` (still stored) out of the corpus totals."""
    term_keys = (terms.c.n, terms.c.term)
    removed_terms = (
        select(
            *term_keys,
            func.sum(terms.c.n_occurrences).label("amount"),
            func.count(func.distinct(terms.c.article_id)).label("n_removed"),
        )
        .where(terms.c.article_id.in_(ids))
        .group_by(*term_keys)
    )
    for row in conn.execute(removed_terms).mappings():
        conn.execute(
            corpus_terms.update()
            .where(corpus_terms.c.n == row["n"], corpus_terms.c.term == row["term"])
            .values(
                n_occurrences=corpus_terms.c.n_occurrences - row["amount"],
                n_articles=corpus_terms.c.n_articles - row["n_removed"],
            )
        )
    entity_keys = (entity_mentions.c.entity, entity_mentions.c.label)
    removed_entities = (
        select(
            *entity_keys,
            func.count().label("amount"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_removed"),
        )
        .where(entity_mentions.c.article_id.in_(ids))
        .group_by(*entity_keys)
    )
    for row in conn.execute(removed_entities).mappings():
        conn.execute(
            corpus_entities.update()
            .where(
                corpus_entities.c.entity == row["entity"],
                corpus_entities.c.label == row["label"],
            )
            .values(
                n_mentions=corpus_entities.c.n_mentions - row["amount"],
                n_articles=corpus_entities.c.n_articles - row["n_removed"],
            )
        )
    for table in (corpus_terms, corpus_entities):
        conn.execute(delete(table).where(table.c.n_articles <= 0))


def rebuild_corpus_totals(engine: Engine) -> None:
    """Recompute the corpus totals (and the counts of aliases) from the stored rows (for
    stores written without them)."""
    term_keys = (terms.c.n, terms.c.term)
    entity_keys = (entity_mentions.c.entity, entity_mentions.c.label)
    with _writer(engine).begin() as conn:
        conn.execute(delete(corpus_terms))
        conn.execute(delete(corpus_entities))
        conn.execute(
            insert(corpus_terms).from_select(
                ["n", "term", "is_stop", "n_occurrences", "n_articles"],
                select(
                    *term_keys,
                    terms.c.is_stop,  # the same for every row of a term
                    func.sum(terms.c.n_occurrences),
                    func.count(func.distinct(terms.c.article_id)),
                ).group_by(*term_keys, terms.c.is_stop),
            )
        )
        conn.execute(
            insert(corpus_entities).from_select(
                ["entity", "label", "n_mentions", "n_articles"],
                select(
                    *entity_keys,
                    func.count(),
                    func.count(func.distinct(entity_mentions.c.article_id)),
                ).group_by(*entity_keys),
            )
        )
        _rebuild_alias_counts(conn)


def analysed_label() -> Any:
    """A mention's label as the analysis gave it (before the corpus's prior and the user's
    retypes): what the alias counts are kept by."""
    return func.coalesce(func.nullif(entity_mentions.c.analysed_label, ""), entity_mentions.c.label)


def _rebuild_alias_counts(conn: Connection) -> None:
    label = analysed_label()
    alias_keys = (entity_mentions.c.alias, label)
    conn.execute(delete(corpus_aliases))
    conn.execute(
        insert(corpus_aliases).from_select(
            ["alias", "label", "n_mentions"],
            select(*alias_keys, func.count()).group_by(*alias_keys),
        )
    )
    conn.execute(delete(person_alias_words))
    _add_alias_words(conn, conn.scalars(_person_aliases()))


def _person_aliases() -> Select[Any]:
    return select(corpus_aliases.c.alias).where(corpus_aliases.c.label == "PERSON")


def _add_alias_words(conn: Connection, aliases: Iterable[str]) -> None:
    """Index the words of these people's aliases (the ones indexed already are skipped)."""
    rows = sorted({(word, alias) for alias in aliases for word in alias_words(alias)})
    for chunk in _chunks(rows):
        statement = _upsert_insert(conn, person_alias_words).on_conflict_do_nothing()
        conn.execute(statement, [{"word": word, "alias": alias} for word, alias in chunk])
