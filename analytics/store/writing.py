"""Adding analysed articles to the store and deleting them.

Articles are stored in batches, in one transaction with a savepoint per article: an article is
stored with all of its results or not at all, and its content hash is unique, so adding the
same article twice stores it once. The corpus totals, alias merges and near-duplicate clusters
move in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, delete, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, StatementError

from analytics.analysis import ArticleAnalysis, Sentence
from analytics.article_entities import MentionNote
from analytics.duplicates import DEFAULT_THRESHOLD
from analytics.entities import Mention
from analytics.frequency import TermRow
from analytics.quotes import Quote
from analytics.store._common import _chunks, _inserted_id, _write_rows, _writer
from analytics.store.aliases import _merge_new_aliases, _refresh_aliases, _subtract_aliases
from analytics.store.audit import LOCAL_USER, _record
from analytics.store.duplicates import _recluster, _record_duplicates
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


def _insert_analysis(conn: Connection, analysis: ArticleAnalysis, upload_id: int | None) -> int:
    article = analysis.article
    # the values as parameters, not .values(): the statement is then built and compiled once
    result = conn.execute(
        insert(articles),
        {
            "content_hash": article.content_hash,
            "title": article.title,
            "body": article.body,
            "source": article.source,
            "published": article.published,
            "url": article.url,
            "language": article.language,
            "file_name": article.file_name,
            "added_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "upload_id": upload_id,
        },
    )
    article_id = _inserted_id(result)
    _write_search_documents(conn, [(article_id, article.title, article.body)])
    if article.metadata:
        conn.execute(
            insert(article_metadata),
            [{"article_id": article_id, "key": k, "value": v} for k, v in article.metadata],
        )
    conn.execute(insert(readability), {"article_id": article_id, **analysis.readability})
    if analysis.flags:
        conn.execute(
            insert(readability_flags),
            [
                {"article_id": article_id, "measure": measure, "reason": reason}
                for measure, reason in analysis.flags.items()
            ],
        )
    _write_rows(
        conn,
        sentences,
        ("article_id", "sentence_index", *Sentence._fields),
        [(article_id, i, *sentence) for i, sentence in enumerate(analysis.sentences)],
    )
    _write_rows(
        conn,
        terms,
        ("article_id", *TermRow._fields),
        [(article_id, *row) for row in analysis.terms],
    )
    notes = analysis.notes or [MentionNote(mention.label) for mention in analysis.mentions]
    _write_rows(
        conn,
        entity_mentions,
        ("article_id", "mention_index", *Mention._fields, *MentionNote._fields, "analysed_label"),
        [
            (article_id, i, *mention[:-1], mention.alias or mention.entity, *note, mention.label)
            for i, (mention, note) in enumerate(zip(analysis.mentions, notes, strict=True))
        ],
    )
    _add_places(conn, analysis.places)
    _write_rows(
        conn,
        quotes,
        ("article_id", "quote_index", *Quote._fields),
        [(article_id, i, *quote) for i, quote in enumerate(analysis.quotes)],
    )
    return article_id


def add_analyses(
    engine: Engine,
    analyses: Iterable[ArticleAnalysis],
    *,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
    upload_id: int | None = None,
) -> list[StoreResult]:
    """Store a batch of analysed articles in one transaction, each in a savepoint of its own.

    The articles stored are marked as part of the upload ``upload_id`` (``start_upload``), if
    one is given; an article already stored stays in the upload it came with.

    Each article is compared with the articles stored before it (the earlier ones of the batch
    included) and joins the cluster of those whose estimated similarity reaches
    ``duplicate_threshold``.

    Each analysis is first fitted to the store's columns (``analytics.store.sizes``), the same
    on SQLite and PostgreSQL: what does not fit is left out, or the article is rejected with
    the reason.

    One commit for the batch (committing is the slowest part of a small write), yet each
    article is still stored with all of its results or not at all: an article that fails to
    store is rolled back alone and reported as rejected. The results are returned once the
    batch is committed, so "added" always means durably stored.
    """
    results: list[StoreResult] = []
    stored: list[ArticleAnalysis] = []
    stored_ids: list[int] = []
    with _writer(engine).begin() as conn:
        for unchecked in analyses:
            article = unchecked.article
            name = article.file_name or article.title
            checked = fitted_analysis(unchecked)  # the same limits on every backend
            if isinstance(checked, str):
                results.append(StoreResult(name, "rejected", title=article.title, reason=checked))
                continue
            analysis = checked
            article = analysis.article
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
                    results.append(
                        StoreResult(name, "already present", int(existing), article.title)
                    )
                    continue
                cause = error.orig if error.orig is not None else error
                reason = f"could not be stored ({type(cause).__name__})"
                results.append(StoreResult(name, "rejected", title=article.title, reason=reason))
                continue
            results.append(StoreResult(name, "added", article_id, article.title))
            stored.append(analysis)
            stored_ids.append(article_id)
        _add_to_totals(conn, stored)
        _merge_new_aliases(conn, stored, stored_ids)
    return results


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
