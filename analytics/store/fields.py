"""Articles' metadata (a batch's other columns: category, section, author, ...) and the
editing of a stored article's title, source, date and metadata.

An edit changes neither the number of articles nor the highest id, so it counts itself in
``store_meta`` (``EDITS_KEY``, part of ``store_version``): every cached page refreshes. An
edit goes into the audit trail in its own transaction, and a new title into the search index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Engine, Integer, String, cast, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from analytics.models import entry_text
from analytics.search import search_document
from analytics.store._common import _frame, _writer
from analytics.store.audit import LOCAL_USER, _record
from analytics.store.schema import (
    EDITS_KEY,
    article_metadata,
    article_search,
    articles,
    store_meta,
)
from analytics.store.summaries import _move_source

#: Keys with more distinct values than this are not offered as filters or groups (an author
#: or a tag list is not a handful of categories).
MAX_FILTER_VALUES = 50
MAX_TITLE_CHARS = 1_000
MAX_SOURCE_CHARS = int(articles.c.source.type.length or 300)  # type: ignore[attr-defined]
MAX_KEY_CHARS = int(article_metadata.c.key.type.length or 64)  # type: ignore[attr-defined]
MAX_VALUE_CHARS = int(article_metadata.c.value.type.length or 500)  # type: ignore[attr-defined]


class EditError(ValueError):
    """An edit that cannot be stored; the message is meant for the user."""


def metadata_values(engine: Engine, *, max_values: int = MAX_FILTER_VALUES) -> pd.DataFrame:
    """The stored metadata keys with at most ``max_values`` distinct values: key, value and
    the number of articles having it (n_articles), by key and value."""
    counted = (
        select(
            article_metadata.c.key,
            article_metadata.c.value,
            func.count().label("n_articles"),
        )
        .group_by(article_metadata.c.key, article_metadata.c.value)
        .subquery()
    )
    few = (
        select(counted.c.key)
        .group_by(counted.c.key)
        .having(func.count() <= max_values)
        .scalar_subquery()
    )
    statement = (
        select(counted.c.key, counted.c.value, counted.c.n_articles)
        .where(counted.c.key.in_(few))
        .order_by(counted.c.key, counted.c.value)
    )
    frame = _frame(engine, statement)
    if frame.empty:
        return pd.DataFrame(
            {"key": pd.Series(dtype=str), "value": pd.Series(dtype=str), "n_articles": []}
        ).astype({"n_articles": "int64"})
    return frame.astype({"n_articles": "int64"})


def article_metadata_values(engine: Engine, article_id: int) -> dict[str, str]:
    """One article's metadata, key to value, sorted by key (empty when it has none)."""
    statement = (
        select(article_metadata.c.key, article_metadata.c.value)
        .where(article_metadata.c.article_id == article_id)
        .order_by(article_metadata.c.key)
    )
    with engine.connect() as conn:
        return {str(key): str(value) for key, value in conn.execute(statement)}


def _checked_metadata(values: Mapping[str, str]) -> dict[str, str]:
    """The metadata to store: keys as the readers match them, blank values dropped."""
    checked: dict[str, str] = {}
    for raw_key, raw_value in values.items():
        key = entry_text("_".join(str(raw_key).split()).lower())
        value = entry_text(" ".join(str(raw_value).split()))
        if not key or not value:
            continue
        if len(key) > MAX_KEY_CHARS:
            raise EditError(f"the metadata name {key[:20]!r}… is longer than {MAX_KEY_CHARS}")
        if len(value) > MAX_VALUE_CHARS:
            raise EditError(f"the value of {key!r} is longer than {MAX_VALUE_CHARS} characters")
        checked[key] = value
    return checked


def _count_edit(conn: Connection) -> None:
    counter = store_meta.c.value
    bumped = conn.execute(
        update(store_meta)
        .where(store_meta.c.key == EDITS_KEY)
        .values(value=cast(cast(counter, Integer) + 1, String))
    ).rowcount
    if not bumped:
        conn.execute(insert(store_meta).values(key=EDITS_KEY, value="1"))


def edit_article(
    engine: Engine,
    article_id: int,
    *,
    title: str,
    source: str,
    published: dt.date | None,
    metadata: Mapping[str, str] | None = None,
    user: str = LOCAL_USER,
) -> bool:
    """Set a stored article's title, source and publication date, and (unless ``metadata`` is
    None) replace its metadata with ``metadata`` (a blank value removes its key).

    Returns False when there is no such article. The article's identity (its content hash)
    stays that of the text it was stored with, so uploading the same file again still finds
    it. The edit is recorded in the audit trail as ``user``'s "edit". Raises ``EditError``
    for a value the store cannot take; nothing is stored then.
    """
    title = entry_text(" ".join(title.split()))  # NUL characters PostgreSQL refuses, NFC
    source = entry_text(" ".join(source.split()))
    if len(title) > MAX_TITLE_CHARS:
        raise EditError(f"the title is longer than {MAX_TITLE_CHARS:,} characters")
    if len(source) > MAX_SOURCE_CHARS:
        raise EditError(f"the source is longer than {MAX_SOURCE_CHARS} characters")
    kept = None if metadata is None else _checked_metadata(metadata)
    with _writer(engine).begin() as conn:
        before = conn.execute(
            select(
                articles.c.title, articles.c.source, articles.c.published, articles.c.body
            ).where(articles.c.id == article_id)
        ).first()
        if before is None:
            return False
        conn.execute(
            update(articles)
            .where(articles.c.id == article_id)
            .values(title=title, source=source, published=published)
        )
        _move_source(conn, article_id, before.source, source)  # Compare's source totals
        if title != before.title:
            conn.execute(
                update(article_search)
                .where(article_search.c.article_id == article_id)
                .values(document=search_document(title, before.body))
            )
        if kept is not None:
            conn.execute(
                delete(article_metadata).where(article_metadata.c.article_id == article_id)
            )
            if kept:
                conn.execute(
                    insert(article_metadata),
                    [{"article_id": article_id, "key": k, "value": v} for k, v in kept.items()],
                )
        _count_edit(conn)
        changes = [
            f"{name}: {old!s} → {new!s}"
            for name, old, new in (
                ("title", before.title, title),
                ("source", before.source, source),
                ("date", before.published, published),
            )
            if old != new
        ]
        if kept is not None:
            changes.append("metadata: " + ", ".join(f"{k}={v}" for k, v in kept.items()))
        detail = f"article {article_id}: " + ("; ".join(changes) or "no change")
        _record(conn, user=user, action="edit", detail=detail, n_rows=1)
    return True
