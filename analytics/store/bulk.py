"""Bulk writes: many rows of a table in one go, and fresh planner statistics after a bulk load.

``_insert_rows`` is the one fast path for the rows of a batch of articles. On PostgreSQL the
rows go through ``COPY … FROM STDIN`` on the connection's psycopg connection (in the open
transaction, so a savepoint rolls them back like any insert); elsewhere through the driver's
``executemany`` of one statement (``_common._write_rows``), which is what SQLite does fastest.
A driver error of ``COPY`` is raised as SQLAlchemy's wrapper of it (``IntegrityError``,
``OperationalError``…), as an ``INSERT`` would raise it, so callers handle both alike.

``refresh_statistics`` gives the query planner statistics of the tables as they now are (a
store grown by ingest has none otherwise): ``ANALYZE`` on PostgreSQL; on SQLite ``ANALYZE``
with a sampling limit, so it takes seconds on a store of 100,000 articles, then
``PRAGMA optimize``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from analytics.store._common import _write_rows, _writer

#: Rows of each index SQLite's ``ANALYZE`` reads (``PRAGMA analysis_limit``): enough for the
#: planner, at a cost that does not grow with the store.
ANALYSIS_LIMIT = 1000


def _insert_rows(
    conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``, as fast as the
    backend allows: ``COPY`` on PostgreSQL, ``executemany`` elsewhere. The values must be of
    types the driver takes as they are (int, float, str, bool, bytes, None)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        _write_rows(conn, table, columns, rows)
        return
    quote = conn.dialect.identifier_preparer.quote
    name = conn.dialect.identifier_preparer.format_table(table)
    sql = f"COPY {name} ({', '.join(map(quote, columns))}) FROM STDIN"
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - a pooled connection always has one
        raise RuntimeError("no database connection")
    dbapi = conn.dialect.loaded_dbapi
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as error:  # as SQLAlchemy raises a failed INSERT
        raise DBAPIError.instance(sql, None, error, dbapi.Error, dialect=conn.dialect) from error


def refresh_statistics(engine: Engine) -> None:
    """Give the query planner statistics of every table as it now is: to be called after a
    bulk load (the command line's ``add`` does, at its end). ``ANALYZE`` on PostgreSQL; on
    SQLite a sampled ``ANALYZE`` (``ANALYSIS_LIMIT`` rows an index), then ``PRAGMA optimize``."""
    if engine.dialect.name == "sqlite":
        with _writer(engine).begin() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("PRAGMA optimize")
        return
    with _writer(engine).connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
