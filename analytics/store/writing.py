"""Adding analysed articles to the store and deleting them.

Articles are stored in batches, each batch in one transaction: an article is stored with all
of its results or not at all, and its content hash is unique, so adding the same article twice
stores it once. The corpus totals, alias merges and near-duplicate clusters move in the same
transaction.

A batch is written table by table, all of its articles' rows at once (``bulk._insert_rows``:
``COPY`` on PostgreSQL, one ``executemany`` on SQLite), with the corpus totals summed over the
batch and added once. If the database refuses a row, that bulk write is rolled back and the
batch is written again one article at a time, each in a savepoint of its own, so only the
article that fails is rejected. Both ways store the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, delete, insert, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, StatementError

from analytics.analysis import ArticleAnalysis, Sentence
from analytics.article_entities import MentionNote
from analytics.duplicates import DEFAULT_THRESHOLD
from analytics.entities import Mention
from analytics.frequency import TermRow
from analytics.quotes import Quote
from analytics.search import search_document
from analytics.store._common import _chunks, _inserted_id, _now, _write_rows, _writer
from analytics.store.aliases import _merge_new_aliases, _refresh_aliases, _subtract_aliases
from analytics.store.audit import LOCAL_USER, _record
from analytics.store.bulk import _insert_rows
from analytics.store.duplicates import _recluster, _record_batch_duplicates, _record_duplicates
from analytics.store.places import _add_places, _forget_places, _mentioned_places
from analytics.store.schema import (
    article_metadata,
    article_search,
    article_signatures,
    articles,
    corpus_aliases,
    duplicate_clusters,
    duplicate_pairs,
    entity_mentions,
    person_alias_words,
    quotes,
    readability,
    readability_flags,
    sentences,
    signature_bands,
    terms,
)
from analytics.store.search import _write_search_documents
from analytics.store.sizes import fitted_analysis
from analytics.store.summaries import _add_to_summaries, _subtract_from_summaries
from analytics.store.totals import _add_to_totals, _subtract_from_totals
from analytics.store.type_prior import _articles_with_moved_priors, _named_aliases, _priors

Status = Literal["added", "already present", "rejected"]


@dataclass(frozen=True)
class StoreResult:
    """What happened to one article given to the store."""

    name: str
    status: Status
    article_id: int | None = None
    title: str = ""
    reason: str = ""


def stored_article_id(engine: Engine, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, if there is one."""
    with engine.connect() as conn:
        return conn.scalar(select(articles.c.id).where(articles.c.content_hash == content_hash))


#: The columns of each table of an article's analysis, as its rows are written.
_READABILITY_COLUMNS = tuple(column.name for column in readability.columns)
_READABILITY_VALUES = _READABILITY_COLUMNS[1:]
_COLUMNS: dict[str, tuple[str, ...]] = {
    article_metadata.name: ("article_id", "key", "value"),
    readability.name: _READABILITY_COLUMNS,
    readability_flags.name: ("article_id", "measure", "reason"),
    sentences.name: ("article_id", "sentence_index", *Sentence._fields),
    terms.name: ("article_id", *TermRow._fields),
    entity_mentions.name: (
        "article_id",
        "mention_index",
        *Mention._fields,
        *MentionNote._fields,
        "analysed_label",
    ),
    quotes.name: ("article_id", "quote_index", *Quote._fields),
}
#: The tables of an article's analysis, in the order they are written.
_ANALYSIS_TABLES = (
    article_metadata,
    readability,
    readability_flags,
    sentences,
    terms,
    entity_mentions,
    quotes,
)
Rows = list[tuple[object, ...]]


def _name(analysis: ArticleAnalysis) -> str:
    return analysis.article.file_name or analysis.article.title


def _article_row(
    analysis: ArticleAnalysis, upload_id: int | None, added_at: dt.datetime
) -> dict[str, object]:
    article = analysis.article
    return {
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "published": article.published,
        "url": article.url,
        "language": article.language,
        "file_name": article.file_name,
        "added_at": added_at,
        "upload_id": upload_id,
    }


def _analysis_rows(analysis: ArticleAnalysis, article_id: int) -> dict[str, Rows]:
    """The rows of the article's analysis, by table name (columns as in ``_COLUMNS``)."""
    notes = analysis.notes or [MentionNote(mention.label) for mention in analysis.mentions]
    return {
        article_metadata.name: [(article_id, k, v) for k, v in analysis.article.metadata],
        readability.name: [
            (article_id, *(analysis.readability.get(name) for name in _READABILITY_VALUES))
        ],
        readability_flags.name: [
            (article_id, measure, reason) for measure, reason in analysis.flags.items()
        ],
        sentences.name: [
            (article_id, i, *sentence) for i, sentence in enumerate(analysis.sentences)
        ],
        terms.name: [(article_id, *row) for row in analysis.terms],
        entity_mentions.name: [
            (article_id, i, *mention[:-1], mention.alias or mention.entity, *note, mention.label)
            for i, (mention, note) in enumerate(zip(analysis.mentions, notes, strict=True))
        ],
        quotes.name: [(article_id, i, *quote) for i, quote in enumerate(analysis.quotes)],
    }


def _insert_analysis(conn: Connection, analysis: ArticleAnalysis, upload_id: int | None) -> int:
    """Store one article and its analysis (the path of one article at a time)."""
    # the values as parameters, not .values(): the statement is then built and compiled once
    result = conn.execute(insert(articles), _article_row(analysis, upload_id, _now()))
    article_id = _inserted_id(result)
    article = analysis.article
    _write_search_documents(conn, [(article_id, article.title, article.body)])
    rows = _analysis_rows(analysis, article_id)
    for table in _ANALYSIS_TABLES:
        _write_rows(conn, table, _COLUMNS[table.name], rows[table.name])
    _add_places(conn, analysis.places)
    return article_id


def _stored_ids(conn: Connection, hashes: list[str]) -> dict[str, int]:
    """The ids of the stored articles among these content hashes."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(hashes))):
        statement = select(articles.c.content_hash, articles.c.id).where(
            articles.c.content_hash.in_(chunk)
        )
        found.update((key, int(article_id)) for key, article_id in conn.execute(statement))
    return found


def _new_ids(conn: Connection, n: int) -> list[int]:
    """Ids for ``n`` new articles, the ones inserting them one by one would give them: the
    next values of the id sequence on PostgreSQL; on SQLite (one writer at a time) the ids
    after the highest, as SQLite gives them."""
    if conn.dialect.name == "postgresql":
        sequence = "pg_get_serial_sequence('articles', 'id')"
        allocated = conn.execute(
            text(f"SELECT nextval({sequence}) FROM generate_series(1, :n)"), {"n": n}
        ).scalars()
        return sorted(int(value) for value in allocated)
    highest = conn.scalar(select(articles.c.id).order_by(articles.c.id.desc()).limit(1))
    start = int(highest or 0) + 1
    return list(range(start, start + n))


def _store_in_bulk(
    conn: Connection,
    batch: list[ArticleAnalysis],
    upload_id: int | None,
    duplicate_threshold: float,
) -> tuple[list[StoreResult], list[ArticleAnalysis], list[int]]:
    """Store the (fitted) analyses of a batch in bulk; returns one result per analysis, and the
    analyses stored with their ids. A row the database refuses raises, with the batch's rows
    written so far left to the caller's savepoint."""
    stored_before = _stored_ids(conn, [analysis.article.content_hash for analysis in batch])
    new: list[ArticleAnalysis] = []
    position: dict[str, int] = {}  # content hash -> index in ``new``
    firsts: set[int] = set()  # the indexes in ``batch`` of the analyses in ``new``
    for index, analysis in enumerate(batch):
        key = analysis.article.content_hash
        if key not in stored_before and key not in position:
            position[key] = len(new)
            new.append(analysis)
            firsts.add(index)
    ids = _new_ids(conn, len(new)) if new else []
    added_at = _now()
    if new:
        conn.execute(
            insert(articles),
            [
                {"id": article_id, **_article_row(analysis, upload_id, added_at)}
                for article_id, analysis in zip(ids, new, strict=True)
            ],
        )
    _insert_rows(
        conn,
        article_search,
        ("article_id", "document"),
        [
            (article_id, search_document(analysis.article.title, analysis.article.body))
            for article_id, analysis in zip(ids, new, strict=True)
        ],
    )
    tables: dict[str, Rows] = {table.name: [] for table in _ANALYSIS_TABLES}
    for article_id, analysis in zip(ids, new, strict=True):
        for name, rows in _analysis_rows(analysis, article_id).items():
            tables[name].extend(rows)
    for table in _ANALYSIS_TABLES:
        _insert_rows(conn, table, _COLUMNS[table.name], tables[table.name])
    # each place once, in key order (concurrent writers take their locks in the same order)
    _add_places(
        conn, sorted((place for a in new for place in a.places), key=lambda place: place.key)
    )
    _record_batch_duplicates(conn, ids, [a.signature for a in new], duplicate_threshold)
    results = []
    for index, analysis in enumerate(batch):
        article = analysis.article
        key = article.content_hash
        if key in stored_before:
            results.append(
                StoreResult(_name(analysis), "already present", stored_before[key], article.title)
            )
            continue
        status: Status = "added" if index in firsts else "already present"
        results.append(StoreResult(_name(analysis), status, ids[position[key]], article.title))
    return results, new, ids


def _store_one_by_one(
    conn: Connection,
    batch: list[ArticleAnalysis],
    upload_id: int | None,
    duplicate_threshold: float,
) -> tuple[list[StoreResult], list[ArticleAnalysis], list[int]]:
    """Store the (fitted) analyses of a batch one at a time, each in a savepoint of its own:
    an article whose rows the database refuses is rolled back alone and rejected."""
    results: list[StoreResult] = []
    stored: list[ArticleAnalysis] = []
    stored_ids: list[int] = []
    for analysis in batch:
        article = analysis.article
        name = _name(analysis)
        existing = conn.scalar(
            select(articles.c.id).where(articles.c.content_hash == article.content_hash)
        )
        if existing is not None:
            results.append(StoreResult(name, "already present", int(existing), article.title))
            continue
        try:
            with conn.begin_nested():
                article_id = _insert_analysis(conn, analysis, upload_id)
                _record_duplicates(conn, article_id, analysis.signature, duplicate_threshold)
        except OperationalError:
            raise  # the database failed, not this article: the whole batch is rolled back
        except StatementError as error:
            # A row of this article was refused (a constraint, a value no column takes):
            # its savepoint is rolled back and the rest of the batch is stored.
            existing = conn.scalar(
                select(articles.c.id).where(articles.c.content_hash == article.content_hash)
            )
            if existing is not None:  # another writer stored it meanwhile (PostgreSQL)
                results.append(StoreResult(name, "already present", int(existing), article.title))
                continue
            cause = error.orig if error.orig is not None else error
            reason = f"could not be stored ({type(cause).__name__})"
            results.append(StoreResult(name, "rejected", title=article.title, reason=reason))
            continue
        results.append(StoreResult(name, "added", article_id, article.title))
        stored.append(analysis)
        stored_ids.append(article_id)
    return results, stored, stored_ids


def add_analyses(
    engine: Engine,
    analyses: Iterable[ArticleAnalysis],
    *,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
    upload_id: int | None = None,
) -> list[StoreResult]:
    """Store a batch of analysed articles in one transaction; one result per analysis.

    The articles stored are marked as part of the upload ``upload_id`` (``start_upload``), if
    one is given; an article already stored stays in the upload it came with.

    Each article is compared with the articles stored before it (the earlier ones of the batch
    included) and joins the cluster of those whose estimated similarity reaches
    ``duplicate_threshold``.

    Each analysis is first fitted to the store's columns (``analytics.store.sizes``), the same
    on SQLite and PostgreSQL: what does not fit is left out, or the article is rejected with
    the reason.

    The batch is written in bulk (see the module's docstring), with one commit (committing is
    the slowest part of a small write), yet each article is still stored with all of its
    results or not at all: if the database refuses a row, the batch is written again one
    article at a time, each in a savepoint, so the article that fails is rolled back alone and
    reported as rejected, the rest stored. The results are returned once the batch is
    committed, so "added" always means durably stored.
    """
    results: list[StoreResult | None] = []
    fitted: list[ArticleAnalysis] = []
    for unchecked in analyses:
        checked = fitted_analysis(unchecked)  # the same limits on every backend
        if isinstance(checked, str):
            article = unchecked.article
            name = _name(unchecked)
            results.append(StoreResult(name, "rejected", title=article.title, reason=checked))
        else:
            results.append(None)
            fitted.append(checked)
    with _writer(engine).begin() as conn:
        try:
            if conn.dialect.name not in ("sqlite", "postgresql"):
                raise _OneByOne
            with conn.begin_nested():
                written, stored, stored_ids = _store_in_bulk(
                    conn, fitted, upload_id, duplicate_threshold
                )
        except OperationalError:
            raise  # the database failed, not an article: the whole batch is rolled back
        except (StatementError, _OneByOne):
            written, stored, stored_ids = _store_one_by_one(
                conn, fitted, upload_id, duplicate_threshold
            )
        _add_to_totals(conn, stored)
        _add_to_summaries(conn, stored, stored_ids)
        _merge_new_aliases(conn, stored, stored_ids)
    outcomes = iter(written)
    return [result if result is not None else next(outcomes) for result in results]


class _OneByOne(Exception):
    """The backend is written one article at a time."""


def delete_articles(
    engine: Engine, article_ids: Iterable[int], *, user: str = LOCAL_USER, what: str = ""
) -> int:
    """Remove articles and all of their results; returns how many were removed.

    The corpus totals, the counts of aliases and the corpus's merges of the names they
    mentioned, and the clusters of near-duplicates they were in are recomputed without them,
    in the same transaction: the store is left as a fresh load of the remaining articles
    would leave it. The delete is recorded in the audit trail with ``user`` and ``what``
    (such as "upload 3"), when it removed anything.
    """
    ids = sorted(set(article_ids))
    with _writer(engine).begin() as conn:
        _subtract_from_totals(conn, ids)
        _subtract_from_summaries(conn, ids)
        named = _named_aliases(conn, ids)
        priors_before = _priors(conn, named)
        people = _subtract_aliases(conn, ids)
        mentioned_places = _mentioned_places(conn, ids)
        affected = list(
            conn.scalars(
                select(duplicate_clusters.c.cluster_id)
                .where(duplicate_clusters.c.article_id.in_(ids))
                .distinct()
            )
        )
        conn.execute(
            delete(duplicate_pairs).where(
                or_(duplicate_pairs.c.article_id.in_(ids), duplicate_pairs.c.other_id.in_(ids))
            )
        )
        for table in (
            readability,
            readability_flags,
            sentences,
            terms,
            entity_mentions,
            article_signatures,
            signature_bands,
            duplicate_clusters,
            quotes,
            article_metadata,
            article_search,
        ):
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        _recluster(conn, affected)
        removed = conn.execute(delete(articles).where(articles.c.id.in_(ids))).rowcount
        # the remaining articles naming a name whose prior type the delete moved follow it
        _refresh_aliases(conn, people, _articles_with_moved_priors(conn, named, priors_before))
        _forget_alias_words(conn, people)
        _forget_places(conn, mentioned_places)
        if removed:
            shown = ", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else "")
            detail = f"{what + ': ' if what else ''}article ids {shown}"
            _record(conn, user=user, action="delete", detail=detail, n_rows=removed)
        return removed


def _forget_alias_words(conn: Connection, people: set[str]) -> None:
    """Drop the indexed words of the people's aliases that no article mentions any more (a
    fresh store of the remaining articles would not have them)."""
    for chunk in _chunks(sorted(people)):
        still = select(corpus_aliases.c.alias).where(
            corpus_aliases.c.label == "PERSON", corpus_aliases.c.alias.in_(chunk)
        )
        gone = set(chunk) - set(conn.scalars(still))
        if gone:
            conn.execute(delete(person_alias_words).where(person_alias_words.c.alias.in_(gone)))
