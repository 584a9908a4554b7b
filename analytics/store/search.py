"""Full-text search in the store, with the database's own engine: each article's search
document (``analytics.search``) in ``article_search``, indexed

- on SQLite by an FTS5 table, ``article_search_fts`` (external content: it indexes
  ``article_search`` and triggers keep it in step with every insert and delete);
- on PostgreSQL by a GIN index on the column ``vector``, ``to_tsvector('simple', document)``
  generated and stored by PostgreSQL (added to the table here: SQLite has no such column).

The documents are written with the articles and deleted with them (``writing``), in the same
transaction. Both engines get text whose words are already normalised and one space apart, and
queries of quoted phrases, so they find the same articles for the same query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, bindparam, exists, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement

from analytics.search import Phrase, fts5_query, search_document
from analytics.store.schema import article_search, articles

FTS_TABLE = "article_search_fts"
GIN_INDEX = "ix_article_search_document"
#: Articles given their search documents at a time when an older store is opened.
FILL_BATCH = 500

_SQLITE_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "document, content='article_search', content_rowid='article_id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON article_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.article_id, new.document); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON article_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) "
    "VALUES ('delete', old.article_id, old.document); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE ON article_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) "
    "VALUES ('delete', old.article_id, old.document); "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.article_id, new.document); END",
)


def _create_search_index(conn: Connection) -> None:
    """The full-text index of ``article_search`` (the table itself exists already), created
    when missing: FTS5 and its triggers on SQLite, the GIN index on PostgreSQL."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        is_new = not conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
        ).first()
        for statement in _SQLITE_SEARCH_DDL:
            conn.exec_driver_sql(statement)
        if is_new:  # index the documents already there (none in a new store)
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    elif dialect == "postgresql":
        # Looked up first: ALTER TABLE and CREATE INDEX lock the table even when there is
        # nothing to do, and every process opening the store comes here.
        has_vector = conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'article_search' AND column_name = 'vector'"
        ).first()
        if not has_vector:  # the tsvector stored, so matches are not parsed again per query
            conn.exec_driver_sql(
                "ALTER TABLE article_search ADD COLUMN IF NOT EXISTS vector tsvector "
                "GENERATED ALWAYS AS (to_tsvector('simple', document)) STORED"
            )
        has_index = conn.exec_driver_sql(
            f"SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND indexname = '{GIN_INDEX}'"
        ).first()
        if not has_index:
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON article_search USING gin (vector)"
            )


def _drop_search_index(conn: Connection) -> None:
    """Drop the FTS5 table (and with it its shadow tables) and its triggers, before the tables
    of an older schema are dropped (``analytics.upgrade``); nothing to do on PostgreSQL (the
    GIN index goes with its table)."""
    if conn.dialect.name == "sqlite":
        for change in ("insert", "delete", "update"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{change}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def _write_search_documents(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    """Store the search documents of articles given as (article_id, title, body)."""
    if rows:
        conn.execute(
            insert(article_search),
            [
                {"article_id": article_id, "document": search_document(title, body)}
                for article_id, title, body in rows
            ],
        )


def _fill_search_documents(conn: Connection) -> int:
    """Give the stored articles that have no search document one (a store from before
    search); returns how many were given one."""
    missing = (
        select(articles.c.id, articles.c.title, articles.c.body)
        .where(~exists().where(article_search.c.article_id == articles.c.id))
        .order_by(articles.c.id)
        .limit(FILL_BATCH)
    )
    filled = 0
    while True:
        rows = [(int(row.id), row.title, row.body) for row in conn.execute(missing)]
        if not rows:
            return filled
        _write_search_documents(conn, rows)
        filled += len(rows)


class _Matches(ColumnElement[bool]):
    """``id_column IN (the ids of the articles containing every phrase)``, in the SQL of the
    backend (see the compilers below)."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, id_column: Any, phrases: tuple[Phrase, ...]) -> None:
        self.id_column = id_column
        self.phrases = phrases


@compiles(_Matches, "sqlite")
def _sqlite_matches(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    query = compiler.process(bindparam(None, fts5_query(element.phrases), unique=True), **kw)
    return (
        f"{compiler.process(element.id_column, **kw)} IN "
        f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {query})"
    )


@compiles(_Matches, "postgresql")
def _postgresql_matches(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    queries = " && ".join(
        "phraseto_tsquery('simple', "
        + compiler.process(bindparam(None, " ".join(phrase), unique=True), **kw)
        + ")"
        for phrase in element.phrases
    )
    return (
        f"{compiler.process(element.id_column, **kw)} IN (SELECT article_id FROM article_search "
        f"WHERE vector @@ ({queries}))"
    )


@compiles(_Matches)
def _other_matches(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    raise NotImplementedError(
        f"search needs SQLite or PostgreSQL, not {compiler.dialect.name}"
    )  # pragma: no cover


def search_condition(id_column: Any, phrases: tuple[Phrase, ...]) -> Any:
    """The condition that an article (its id in ``id_column``) contains every phrase; no
    phrase (a query with no word in it) selects no article."""
    if not phrases:
        return id_column.in_([])
    return _Matches(id_column, phrases)
