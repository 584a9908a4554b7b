"""Small pieces shared by the store's modules: write transactions, fast row inserts,
upserts, results as DataFrames, chunks of values for ``IN``, and SQL expressions that several
queries use (the columns naming an article, a sentence's text, the index-friendly conditions on
``terms``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeAlias

import pandas as pd
from sqlalchemy import Engine, Select, Table, func, literal_column, select
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.exc import DBAPIError

from analytics.store.faults import StoreReadOnly, read_only_sentence
from analytics.store.schema import articles, entity_mentions, sentences, terms

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert

#: A SELECT of any columns (SQLAlchemy types a ``Select`` by the types of its columns).
AnySelect: TypeAlias = Select[*tuple[Any, ...]]

CHUNK = 500


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _is_read_only(engine: Engine) -> bool:
    return engine.url.query.get("mode") == "ro"


def _writer(engine: Engine) -> Engine:
    """The engine for a write transaction (``BEGIN IMMEDIATE`` on SQLite); a store opened
    read-only refuses with ``StoreReadOnly`` before anything is written."""
    if _is_read_only(engine):
        raise StoreReadOnly(read_only_sentence(str(engine.url)))
    return engine.execution_options(write=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


#: The DB-API placeholder of each parameter style taking a sequence of values (sqlite3: qmark,
#: psycopg: pyformat, which takes %s too).
PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _write_rows(
    conn: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    keys: tuple[str, ...] = (),
    counts: tuple[str, ...] = (),
) -> None:
    """Insert ``rows`` (tuples of values in the order of ``columns``) into ``table``; with
    ``keys``, a row whose keys are stored already adds its ``counts`` to the stored row's.

    The rows go to the driver's ``executemany`` as they are, with one statement written once:
    the per-row work of a compiled SQLAlchemy statement (a parameter dictionary and bind
    processors for each row) was most of the time spent storing an article. The values must be
    of types the driver takes as they are (int, float, str, bool, None). (One statement of
    many rows was slower, on SQLite and on PostgreSQL alike.)
    """
    if not rows:
        return
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    name = dialect.identifier_preparer.format_table(table)
    if (
        keys
        and dialect.name == "postgresql"
        and len(rows) > 1
        and _unique_keys(columns, keys, rows)
    ):
        _upsert_arrays(conn, table, columns, rows, keys=keys, counts=counts)
        return
    marks = ", ".join([PLACEHOLDERS[dialect.paramstyle]] * len(columns))
    sql = f"INSERT INTO {name} ({', '.join(map(quote, columns))}) VALUES ({marks})"
    if keys:
        added = ", ".join(f"{quote(c)} = {name}.{quote(c)} + excluded.{quote(c)}" for c in counts)
        sql += f" ON CONFLICT ({', '.join(map(quote, keys))}) DO UPDATE SET {added}"
    conn.exec_driver_sql(sql, rows)


def _unique_keys(
    columns: tuple[str, ...], keys: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> bool:
    """Whether no two rows have the same keys (one ``INSERT … ON CONFLICT`` statement may not
    update a row twice)."""
    # itemgetter of two or more positions gives tuples (of one, the value): both hashable
    key_of = itemgetter(*(columns.index(key) for key in keys))
    return len(set(map(key_of, rows))) == len(rows)


def _upsert_arrays(
    conn: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    keys: tuple[str, ...],
    counts: tuple[str, ...],
) -> None:
    """``_write_rows`` with keys on PostgreSQL: the rows copied (``COPY``) into a temporary
    table of the session, then one ``INSERT … SELECT … ON CONFLICT`` in key order, instead of
    a statement per row (whose sending was most of the time the writer spent on the corpus
    totals). In key order, so concurrent writers lock rows in the same order."""
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    name = dialect.identifier_preparer.format_table(table)
    staging = quote(f"staging_{table.name}")
    listed = ", ".join(map(quote, columns))
    ordered = ", ".join(map(quote, keys))
    added = ", ".join(f"{quote(c)} = {name}.{quote(c)} + excluded.{quote(c)}" for c in counts)
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - a pooled connection always has one
        raise RuntimeError("no database connection")
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} (LIKE {name}) ON COMMIT DELETE ROWS"
    )
    dbapi = dialect.loaded_dbapi
    copy_sql = f"COPY {staging} ({listed}) FROM STDIN"
    try:
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as error:  # as SQLAlchemy raises a failed INSERT
        raise DBAPIError.instance(copy_sql, None, error, dbapi.Error, dialect=dialect) from error
    conn.exec_driver_sql(
        f"INSERT INTO {name} ({listed}) SELECT {listed} FROM {staging} ORDER BY {ordered} "
        f"ON CONFLICT ({ordered}) DO UPDATE SET {added}"
    )
    conn.exec_driver_sql(f"DELETE FROM {staging}")


def _upsert_insert(conn: Connection, table: Table) -> PostgresqlInsert | SqliteInsert:
    """An INSERT into ``table`` in the connection's dialect, which can add ``ON CONFLICT``."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def _inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an ``INSERT`` added (an autoincremented id)."""
    key = result.inserted_primary_key
    if key is None:  # only an INSERT of several rows (executemany) has none
        raise ValueError("the statement inserted no single row")
    return int(key[0])


def _frame(engine: Engine, statement: AnySelect) -> pd.DataFrame:
    with engine.connect() as conn:
        return _frame_in(conn, statement)


def _frame_in(conn: Connection, statement: AnySelect) -> pd.DataFrame:
    """The rows of ``statement`` as a DataFrame. The rows go to pandas as plain tuples:
    given SQLAlchemy's ``Row`` objects, pandas takes each through its slow path for
    sequences (1.4 s instead of 0.4 s for the 100,000 rows of the readability table)."""
    result = conn.execute(statement)
    columns = list(result.keys())
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=columns)


def _single_words() -> Any:
    """``terms.n = 1`` written out, not as a parameter: only then may SQLite read the rows
    by the partial index ``ix_terms_word_articles``."""
    return terms.c.n == literal_column("1")


def _n_without_index(n: int) -> Any:
    """``terms.n == n`` written so that SQLite does not read the terms by the index on
    (n, term) of older stores (every row of that size, with no statistics to say it is
    unselective) but article by article, from the group's articles (``+ 0`` is SQLite's
    documented way to say so)."""
    return (terms.c.n + 0) == n


ARTICLE_COLUMNS = (
    articles.c.id.label("article_id"),
    articles.c.title,
    articles.c.source,
    articles.c.published,
)


def _sentence_text() -> Any:
    return func.substr(
        articles.c.body, sentences.c.start_char + 1, sentences.c.end_char - sentences.c.start_char
    )


def _mention_sentences(*counts: Any, where: Any, limit: int | None) -> AnySelect:
    """The sentences holding the mentions that match ``where``, one row each, with their
    article and the aggregates ``counts`` over those mentions, in text order.

    Columns: sentence, title, published, article_id, sentence_index, then ``counts``. The
    mentions are grouped by their sentence alone (in the order of the index on (entity, label,
    article_id, sentence_index), so the first ``limit`` sentences are found without grouping
    them all), and each sentence's text, title and date are read for the rows returned only.
    """
    article_id, sentence_index = entity_mentions.c.article_id, entity_mentions.c.sentence_index
    text = (
        select(_sentence_text())
        .select_from(sentences.join(articles, articles.c.id == sentences.c.article_id))
        .where(sentences.c.article_id == article_id, sentences.c.sentence_index == sentence_index)
        .scalar_subquery()
    )

    def of_article(column: Any) -> Any:
        return select(column).where(articles.c.id == article_id).scalar_subquery()

    return (
        select(
            text.label("sentence"),
            of_article(articles.c.title).label("title"),
            of_article(articles.c.published).label("published"),
            article_id.label("article_id"),
            sentence_index.label("sentence_index"),
            *counts,
        )
        .where(where)
        .group_by(article_id, sentence_index)
        .order_by(article_id, sentence_index)
        .limit(limit)
    )


def _row_totals(engine: Engine, statement: AnySelect) -> tuple[int, int]:
    """How many rows ``statement`` gives without its limit, and in how many articles (its
    ``article_id`` column): what a list cut at a limit shows the first rows of."""
    # only the article's id is read: the rows' other columns (a sentence's text cut from
    # the article's body, its title) are not needed to count them
    counted = statement.with_only_columns(
        statement.selected_columns.article_id, maintain_column_froms=True
    )
    rows = counted.limit(None).order_by(None).subquery()
    counts = select(func.count(), func.count(func.distinct(rows.c.article_id)))
    with engine.connect() as conn:
        n_rows, n_articles = conn.execute(counts).one()
    return int(n_rows), int(n_articles)
