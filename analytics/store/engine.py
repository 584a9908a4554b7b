"""Opening a store: the engine with its SQLite settings (WAL, busy timeout,
``BEGIN IMMEDIATE`` for writers), the tables created when missing, and the two versions a store
has: the schema version it was written with and ``store_version``, which changes whenever its
contents do (the dashboard's caches are keyed on it).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, inspect, select
from sqlalchemy.engine import Connection, make_url

from analytics.store._common import _is_read_only, _writer
from analytics.store.faults import StoreUnavailable, store_name
from analytics.store.schema import (
    EDITS_KEY,
    REBUILDS_KEY,
    REPLACED_INDEXES,
    SCHEMA_VERSION,
    articles,
    entity_corrections,
    metadata,
    person_alias_words,
    store_meta,
)
from analytics.store.search import _create_search_index, _fill_search_documents
from analytics.store.summaries import _fill_missing_summaries, _missing_summaries
from analytics.store.totals import _add_alias_words, _person_aliases

BUSY_TIMEOUT_SECONDS = 30
#: SQLite's page cache per connection, in KiB (the default is 2 MiB). Storing a batch touches
#: pages all over the term indexes; with 64 MiB, and the write-ahead log copied back into the
#: database every ``WAL_CHECKPOINT_PAGES`` pages instead of every 1,000, storing 1,024 BBC
#: articles into a 2,125-article store took 18.8 ms an article instead of 23.5 (10,000 pages).
#: A write of 64 articles dirties some 15,000 pages (mostly the same pages of the term indexes
#: and totals, write after write), so with 10,000 every write was followed by a checkpoint;
#: with 40,000 (about 160 MB of log) one in three is, each page copied back once for the
#: three: 1,000 BBC articles stored 64 at a time into an 11,000-article store took 15.8 ms an
#: article instead of 17.1-17.3 (load 1.8). A checkpoint moves committed pages only: what is
#: committed is as durable either way (``synchronous=NORMAL`` in WAL mode).
CACHE_KIB = 64 * 1024
WAL_CHECKPOINT_PAGES = 40_000


def _enable_wal(cursor: Any) -> None:
    """Switch the database file to WAL mode (nothing to do once it is in WAL mode).

    Connections switching a new file at the same moment can fail at once with "database is
    locked" (SQLite's busy handler does not cover the switch), so it is retried for as long as
    the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        if not read_only:  # a read-only file keeps its journal mode
            _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        if not read_only:
            cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _read_only_options(path: Path) -> dict[str, str] | None:
    """The URI options opening an existing SQLite file read-only when the file or its folder
    cannot be written (None: both can, or there is no file yet).

    In a folder that cannot be written SQLite cannot make its working files (``-shm``), so a
    file without a pending write-ahead log is opened as immutable (no locking: no one can
    write it there either).
    """
    if not path.is_file():
        return None
    folder_writable = os.access(path.parent, os.W_OK)
    if folder_writable and os.access(path, os.W_OK):
        return None
    if folder_writable or Path(f"{path}-wal").exists():
        return {"mode": "ro"}
    return {"mode": "ro", "immutable": "1"}


def is_read_only(engine: Engine) -> bool:
    """Whether the store was opened read-only (its file or folder cannot be written): it can be
    browsed, and every write raises ``StoreReadOnly``."""
    return _is_read_only(engine)


def create_store_engine(url: str) -> Engine:
    """An engine for the store at ``url``, with its tables created if they are missing.

    For a SQLite file, the folder is created too. A SQLite file that exists but that cannot be
    written, or whose folder cannot be, is opened read-only (``is_read_only``).
    """
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    read_only = False
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database.removeprefix("file:"))
        options = None if parsed.query.get("mode") == "ro" else _read_only_options(path)
        if options is not None:
            parsed = parsed.set(
                database=f"file:{path}", query={**parsed.query, "uri": "true", **options}
            )
        elif parsed.query.get("mode") != "ro":
            path.parent.mkdir(parents=True, exist_ok=True)
        read_only = parsed.query.get("mode") == "ro"
    connect_args = {"timeout": BUSY_TIMEOUT_SECONDS} if is_sqlite else {}
    engine = create_engine(parsed, connect_args=connect_args)
    if is_sqlite:
        _configure_sqlite(engine, read_only=read_only)
    if read_only:
        with engine.connect() as conn:
            if not inspect(conn).has_table(articles.name):
                raise StoreUnavailable(
                    f"The store {store_name(url)} is read-only and holds no articles yet: make "
                    "the file and its folder writable so that it can be set up."
                )
        return engine
    # Checking for the tables and creating them happen in one write transaction (BEGIN
    # IMMEDIATE on SQLite), so processes opening a new store at once take turns instead of
    # one failing with "database is locked" or "table already exists".
    with _writer(engine).begin() as conn:
        is_new = not inspect(conn).has_table(articles.name)
        has_words = inspect(conn).has_table(person_alias_words.name)
        missing_summaries = [] if is_new else _missing_summaries(conn)
        metadata.create_all(conn)
        if not is_new:
            _replace_indexes(conn)
        if is_new:
            conn.execute(insert(store_meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif not has_words:  # a store from before the table: index the names it holds
            _add_alias_words(conn, conn.scalars(_person_aliases()))
        _add_missing_columns(conn)
        _create_search_index(conn)
        _fill_search_documents(conn)  # a store from before search: its articles
        _fill_missing_summaries(conn, missing_summaries)  # a store from before them
    return engine


def _replace_indexes(conn: Connection) -> None:
    """In an older store, drop the indexes that a current index replaces and build the current
    ones (``create_all`` creates the indexes of new tables only)."""
    inspector = inspect(conn)
    for table_name, names in REPLACED_INDEXES.items():
        present = {str(index["name"]) for index in inspector.get_indexes(table_name)}
        for name in sorted(present.intersection(names)):
            conn.exec_driver_sql(f"DROP INDEX {conn.dialect.identifier_preparer.quote(name)}")
        for index in metadata.tables[table_name].indexes:
            if index.name not in present:
                index.create(conn)


def _add_missing_columns(conn: Connection) -> None:
    """Add the columns that tables kept across an upgrade lacked in older stores: who made
    each entity correction (``local`` for the older ones)."""
    names = {column["name"] for column in inspect(conn).get_columns(entity_corrections.name)}
    if "user" not in names:
        column = entity_corrections.c.user
        kind = column.type.compile(dialect=conn.dialect)
        quoted = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql(
            f"ALTER TABLE {quoted(entity_corrections.name)} ADD COLUMN {quoted(column.name)} "
            f"{kind} NOT NULL DEFAULT 'local'"
        )


def schema_version(engine: Engine) -> int:
    """The schema version the store was written with (1: before versions were recorded)."""
    with engine.connect() as conn:
        value = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == "schema_version"))
    return 1 if value is None else int(value)


def store_version(engine: Engine) -> tuple[int, int, int]:
    """The number of articles, the highest id, and the number of entity corrections made or
    undone plus rebuilds of the copy clusters and edits of articles: changes whenever articles
    are added or removed, a correction is made or undone, the clusters are rebuilt or an
    article is edited, so caches keyed on it are
    refreshed in every session and process."""
    with engine.connect() as conn:
        count, highest = conn.execute(
            select(func.count(articles.c.id), func.max(articles.c.id))
        ).one()
        made, undone = conn.execute(
            select(func.max(entity_corrections.c.id), func.count(entity_corrections.c.undone_at))
        ).one()
        counters = conn.execute(
            select(store_meta.c.value).where(store_meta.c.key.in_((REBUILDS_KEY, EDITS_KEY)))
        ).scalars()
        changes = sum(int(value) for value in counters)
    return int(count), int(highest or 0), int(made or 0) + int(undone or 0) + changes
