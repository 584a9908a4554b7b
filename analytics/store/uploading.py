"""Uploads and deleting: each dashboard upload or command-line ``add`` is one upload, so
its articles can be listed and deleted together; and what a delete would remove, for the
confirmation that names it before anything goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from analytics.store._common import _chunks, _frame, _inserted_id, _now, _writer
from analytics.store.audit import LOCAL_USER
from analytics.store.schema import articles, duplicate_clusters, entity_mentions, quotes, uploads
from analytics.store.writing import delete_articles

ORIGINS = ("dashboard", "command line")


def start_upload(engine: Engine, origin: str, label: str) -> int:
    """Record a new upload (``origin``: "dashboard" or "command line"; ``label``: what was
    given, such as its file names) and return its id, for ``ingest_outcomes(upload_id=…)``."""
    with _writer(engine).begin() as conn:
        return _inserted_id(
            conn.execute(
                insert(uploads).values(origin=origin, label=label[:2000], created_at=_now())
            )
        )


def upload_label(names: Iterable[str], *, shown: int = 3) -> str:
    """A short label naming an upload's files: "a.txt, b.csv and 3 more"."""
    names = list(names)
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


def upload_table(engine: Engine, *, limit: int = 20) -> pd.DataFrame:
    """The most recent uploads that still have articles, newest first.

    Columns: upload_id, origin, label, created_at, n_articles.
    """
    n_stored = func.count(articles.c.id).label("n_articles")
    statement = (
        select(
            uploads.c.id.label("upload_id"),
            uploads.c.origin,
            uploads.c.label,
            uploads.c.created_at,
            n_stored,
        )
        .join(articles, articles.c.upload_id == uploads.c.id)
        .group_by(uploads.c.id, uploads.c.origin, uploads.c.label, uploads.c.created_at)
        .order_by(uploads.c.id.desc())
        .limit(limit)
    )
    return _frame(engine, statement)


def upload_article_ids(engine: Engine, upload_id: int) -> list[int]:
    """The ids of the stored articles that came with this upload, in order."""
    statement = select(articles.c.id).where(articles.c.upload_id == upload_id)
    with engine.connect() as conn:
        return [int(i) for i in conn.scalars(statement.order_by(articles.c.id))]


def deletion_summary(engine: Engine, article_ids: Iterable[int]) -> dict[str, Any]:
    """What deleting these articles removes, for the confirmation: ``n_articles`` and
    ``article_ids`` (those that exist), ``titles`` (the first ten, in id order), ``n_mentions``
    and ``n_quotes`` (theirs), and ``n_copies``: how many of their near-duplicates stay (they
    leave those clusters)."""
    ids = sorted(set(article_ids))
    found: list[tuple[int, str]] = []
    n_mentions = n_quotes = 0
    clusters: set[int] = set()
    with engine.connect() as conn:
        for chunk in _chunks(ids):
            found.extend(
                (int(i), str(t))
                for i, t in conn.execute(
                    select(articles.c.id, articles.c.title).where(articles.c.id.in_(chunk))
                )
            )
            n_mentions += int(
                conn.scalar(select(func.count()).where(entity_mentions.c.article_id.in_(chunk)))
                or 0
            )
            n_quotes += int(
                conn.scalar(select(func.count()).where(quotes.c.article_id.in_(chunk))) or 0
            )
            clusters.update(
                conn.scalars(
                    select(duplicate_clusters.c.cluster_id).where(
                        duplicate_clusters.c.article_id.in_(chunk)
                    )
                )
            )
        members: set[int] = set()
        for chunk in _chunks(sorted(clusters)):
            members.update(
                conn.scalars(
                    select(duplicate_clusters.c.article_id).where(
                        duplicate_clusters.c.cluster_id.in_(chunk)
                    )
                )
            )
    found.sort()
    return {
        "article_ids": [article_id for article_id, _ in found],
        "n_articles": len(found),
        "titles": [title for _, title in found[:10]],
        "n_mentions": n_mentions,
        "n_quotes": n_quotes,
        "n_copies": len(members - set(ids)),
    }


def delete_upload(engine: Engine, upload_id: int, *, user: str = LOCAL_USER) -> int:
    """Delete every stored article of this upload (``delete_articles``); returns how many."""
    ids = upload_article_ids(engine, upload_id)
    return delete_articles(engine, ids, user=user, what=f"upload {upload_id}")
