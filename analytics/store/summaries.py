"""Summary tables kept in step with the stored rows, so that the pages' common questions at
100,000 articles read a few rows instead of a ``GROUP BY`` over millions:

- ``article_totals``: each article's longest sentence (in words), its entity mentions and the
  sentences naming an entity (the Readability table, the article table, the N of Together);
- ``source_words``: each source's single words with their occurrences and articles (Compare's
  groups of sources, set against the corpus totals);
- ``sentence_pairs``: the pairs of entities named in the same sentence (Together's pairs of
  the whole corpus).

They move in the same transaction as every add (``_add_to_summaries``), delete
(``_subtract_from_summaries``, before the rows go), edit of an article's source
(``_move_source``) and change of its mentions' entities by merges and corrections (the
pairs of the mentions before and after, ``_move_pairs``, from ``aliases._reassign``);
``rebuild_summaries`` recomputes them from the rows, and a store opened without them has them
filled on opening (``_fill_missing_summaries``, from ``engine``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

from sqlalchemy import Engine, delete, func, insert, inspect, literal_column, select
from sqlalchemy.engine import Connection

from analytics.analysis import ArticleAnalysis
from analytics.store._common import PLACEHOLDERS, _chunks, _write_rows, _writer
from analytics.store.schema import (
    article_totals,
    articles,
    entity_mentions,
    sentence_pairs,
    sentences,
    source_words,
    terms,
)

#: The summary tables, filled on opening a store that lacks them.
SUMMARY_TABLES = (article_totals, source_words, sentence_pairs)
PAIR_KEYS = ("entity_a", "label_a", "entity_b", "label_b")
ARTICLE_TOTALS = ("article_id", "longest_sentence_words", "n_entity_mentions", "n_entity_sentences")
SOURCE_WORDS = ("source", "term", "is_stop", "n_occurrences", "n_articles")
SOURCE_WORD_COUNTS = ("n_occurrences", "n_articles")


def _article_total_row(
    article_id: int, analysis: ArticleAnalysis
) -> tuple[int, int | None, int, int]:
    longest = max((sentence.n_words for sentence in analysis.sentences), default=None)
    named = {mention.sentence_index for mention in analysis.mentions}
    return (article_id, longest, len(analysis.mentions), len(named))


def _source_word_counts(
    items: Sequence[tuple[str, Sequence[Any]]],
) -> list[tuple[str, str, bool, int, int]]:
    """(source, term, is_stop, n_occurrences, n_articles) of the single words of articles given
    as (source, term rows), summed over them; in key order (concurrent writers lock the rows in
    the same order)."""
    occurrences: Counter[tuple[str, str, bool]] = Counter()
    n_articles: Counter[tuple[str, str, bool]] = Counter()
    for source, rows in items:
        words = set()
        for n, term, _lemma, is_stop, count in rows:
            if n == 1:
                occurrences[(source, term, bool(is_stop))] += count
                words.add((source, term, bool(is_stop)))
        n_articles.update(words)  # a word form with two lemmas is one article
    return sorted((*key, count, n_articles[key]) for key, count in occurrences.items())


def _add_source_words(conn: Connection, rows: list[tuple[str, str, bool, int, int]]) -> None:
    """Add (source, term, is_stop, n_occurrences, n_articles) rows (negative to subtract)."""
    _write_rows(
        conn,
        source_words,
        SOURCE_WORDS,
        rows,
        keys=("source", "term"),
        counts=SOURCE_WORD_COUNTS,
    )


def _sentence_pairs(
    mentions: Iterable[tuple[int, int, str, str]],
) -> Counter[tuple[str, str, str, str]]:
    """The pairs of (entity, label) named in the same sentence, both ways round and each with
    itself, counted once per sentence; ``mentions`` are (article_id, sentence_index, entity,
    label) in article and sentence order."""
    pairs: Counter[tuple[str, str, str, str]] = Counter()
    for _sentence, group in groupby(mentions, key=lambda mention: (mention[0], mention[1])):
        named = sorted({(entity, label) for _, _, entity, label in group})
        pairs.update((*a, *b) for a in named for b in named)
    return pairs


def _write_pairs(conn: Connection, pairs: Counter[tuple[str, str, str, str]], sign: int) -> None:
    _move_pairs(conn, Counter({key: sign * count for key, count in pairs.items()}))


def _move_pairs(conn: Connection, changes: Counter[tuple[str, str, str, str]]) -> None:
    """Add the signed ``changes`` to the sentence pairs' counts (in key order: concurrent
    writers lock the rows in the same order); a pair taken down to no sentence is removed."""
    rows = sorted((*key, count) for key, count in changes.items() if count)
    _write_rows(
        conn,
        sentence_pairs,
        (*PAIR_KEYS, "n_sentences"),
        rows,
        keys=PAIR_KEYS,
        counts=("n_sentences",),
    )
    # only the pairs that lost sentences can have fallen to none: each looked up by its key
    # (no scan of the table)
    fallen = [row[:4] for row in rows if row[4] < 0]
    if fallen:
        dialect = conn.dialect
        quote = dialect.identifier_preparer.quote
        mark = PLACEHOLDERS[dialect.paramstyle]
        keys = " AND ".join(f"{quote(key)} = {mark}" for key in PAIR_KEYS)
        table, count = quote(sentence_pairs.name), quote("n_sentences")
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE {keys} AND {count} <= 0", fallen)


def _stored_mentions(conn: Connection, ids: Sequence[int]) -> list[tuple[int, int, str, str]]:
    statement = (
        select(
            entity_mentions.c.article_id,
            entity_mentions.c.sentence_index,
            entity_mentions.c.entity,
            entity_mentions.c.label,
        )
        .where(entity_mentions.c.article_id.in_(ids))
        .order_by(entity_mentions.c.article_id, entity_mentions.c.sentence_index)
    )
    return [(int(a), int(s), str(e), str(label)) for a, s, e, label in conn.execute(statement)]


def _subtract_pairs(conn: Connection, ids: Iterable[int]) -> None:
    """Take the sentence pairs of the stored articles ``ids`` out (before their mentions
    change or go)."""
    for chunk in _chunks(sorted(set(ids))):
        _write_pairs(conn, _sentence_pairs(_stored_mentions(conn, chunk)), -1)


def _add_to_summaries(
    conn: Connection, analyses: Sequence[ArticleAnalysis], article_ids: Sequence[int]
) -> None:
    """Add the stored articles (``analyses`` as stored, with their ids) to the summaries."""
    _write_rows(
        conn,
        article_totals,
        ARTICLE_TOTALS,
        [
            _article_total_row(article_id, analysis)
            for article_id, analysis in zip(article_ids, analyses, strict=True)
        ],
    )
    _add_source_words(conn, _source_word_counts([(a.article.source, a.terms) for a in analyses]))
    _write_pairs(
        conn,
        _sentence_pairs(
            (i, mention.sentence_index, mention.entity, mention.label)
            for i, analysis in enumerate(analyses)
            # as stored: sentence by sentence
            for mention in sorted(analysis.mentions, key=lambda m: m.sentence_index)
        ),
        1,
    )


def _stored_source_words(
    conn: Connection, ids: Sequence[int]
) -> list[tuple[str, str, bool, int, int]]:
    """The summed single words of the stored articles ``ids``, by their stored source."""
    statement = (
        select(
            articles.c.source,
            terms.c.term,
            terms.c.is_stop,
            func.sum(terms.c.n_occurrences),
            func.count(func.distinct(terms.c.article_id)),
        )
        .join(articles, articles.c.id == terms.c.article_id)
        .where(terms.c.article_id.in_(ids), terms.c.n == literal_column("1"))
        .group_by(articles.c.source, terms.c.term, terms.c.is_stop)
    )
    return [
        (str(source), str(term), bool(is_stop), int(amount), int(count))
        for source, term, is_stop, amount, count in conn.execute(statement)
    ]


def _subtract_source_words(conn: Connection, ids: Sequence[int]) -> None:
    for chunk in _chunks(ids):
        removed = _stored_source_words(conn, chunk)
        _add_source_words(
            conn, sorted((s, t, stop, -amount, -count) for s, t, stop, amount, count in removed)
        )
    conn.execute(delete(source_words).where(source_words.c.n_articles <= 0))


def _subtract_from_summaries(conn: Connection, ids: Sequence[int]) -> None:
    """Take the articles ``ids`` (still stored) out of the summaries."""
    _subtract_source_words(conn, ids)
    _subtract_pairs(conn, ids)
    for chunk in _chunks(ids):
        conn.execute(delete(article_totals).where(article_totals.c.article_id.in_(chunk)))


def _move_source(conn: Connection, article_id: int, old: str, new: str) -> None:
    """Move an article's words from the source ``old`` to ``new`` (an edit; called with the
    article's row still holding ``old`` or already ``new``, either way)."""
    if old == new:
        return
    statement = (
        select(
            terms.c.term,
            terms.c.is_stop,
            func.sum(terms.c.n_occurrences),
        )
        .where(terms.c.article_id == article_id, terms.c.n == literal_column("1"))
        .group_by(terms.c.term, terms.c.is_stop)
    )
    words = [(str(term), bool(stop), int(amount)) for term, stop, amount in conn.execute(statement)]
    _add_source_words(conn, sorted((old, term, stop, -amount, -1) for term, stop, amount in words))
    _add_source_words(conn, sorted((new, term, stop, amount, 1) for term, stop, amount in words))
    conn.execute(delete(source_words).where(source_words.c.n_articles <= 0))


def _fill_summaries(conn: Connection) -> None:
    """Recompute every summary table from the stored rows."""
    for table in SUMMARY_TABLES:
        conn.execute(delete(table))
    longest = (
        select(sentences.c.article_id, func.max(sentences.c.n_words).label("longest"))
        .group_by(sentences.c.article_id)
        .subquery()
    )
    named = (
        select(
            entity_mentions.c.article_id,
            func.count().label("n_mentions"),
            func.count(func.distinct(entity_mentions.c.sentence_index)).label("n_sentences"),
        )
        .group_by(entity_mentions.c.article_id)
        .subquery()
    )
    conn.execute(
        insert(article_totals).from_select(
            list(ARTICLE_TOTALS),
            select(
                articles.c.id,
                longest.c.longest,
                func.coalesce(named.c.n_mentions, 0),
                func.coalesce(named.c.n_sentences, 0),
            ).select_from(
                articles.outerjoin(longest, longest.c.article_id == articles.c.id).outerjoin(
                    named, named.c.article_id == articles.c.id
                )
            ),
        )
    )
    conn.execute(
        insert(source_words).from_select(
            list(SOURCE_WORDS),
            select(
                articles.c.source,
                terms.c.term,
                terms.c.is_stop,  # the same for every row of a term
                func.sum(terms.c.n_occurrences),
                func.count(func.distinct(terms.c.article_id)),
            )
            .join(articles, articles.c.id == terms.c.article_id)
            .where(terms.c.n == literal_column("1"))
            .group_by(articles.c.source, terms.c.term, terms.c.is_stop),
        )
    )
    _fill_pairs(conn)


def _fill_pairs(conn: Connection) -> None:
    """The sentence pairs of every stored article, a chunk of articles at a time."""
    ids = list(conn.scalars(select(articles.c.id).order_by(articles.c.id)))
    pairs: Counter[tuple[str, str, str, str]] = Counter()
    for chunk in _chunks(ids):
        pairs.update(_sentence_pairs(_stored_mentions(conn, chunk)))
    _write_pairs(conn, pairs, 1)


def rebuild_summaries(engine: Engine) -> None:
    """Recompute the summary tables from the stored rows (after a bulk copy of rows)."""
    with _writer(engine).begin() as conn:
        _fill_summaries(conn)


def _missing_summaries(conn: Connection) -> list[str]:
    """The summary tables the store does not have yet (checked before they are created)."""
    inspector = inspect(conn)
    return [table.name for table in SUMMARY_TABLES if not inspector.has_table(table.name)]


def _fill_missing_summaries(conn: Connection, missing: list[str]) -> None:
    """Fill the summary tables just created in a store that holds articles already."""
    if missing and conn.scalar(select(articles.c.id).limit(1)) is not None:
        _fill_summaries(conn)
