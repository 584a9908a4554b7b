"""Copy a SQLite store into PostgreSQL, table by table, for the page benchmarks.

    python benchmarks/copy_store.py /work/stores/bbc100k.db \
        postgresql+psycopg://news:news@127.0.0.1/news_bench

The target database's store tables are dropped first; the schema is then created by the store's
own ``create_store_engine`` and every table's rows are streamed with ``COPY`` (psycopg), the
secondary indexes dropped during the copy and built again after it, foreign-key triggers off
for the session (the rows come from a store that kept them), the id sequences moved past the
copied ids, and the planner's statistics gathered. Rows are identical on both backends, so the
same pages time the same data.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, inspect, make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.store import create_store_engine, metadata  # noqa: E402

BATCH = 50_000


def _drop_store_tables(url: str) -> None:
    """Drop every table of the target's schema (a fresh store is created after)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        for name in inspect(conn).get_table_names():
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
    engine.dispose()


def _secondary_indexes(cursor: object) -> list[tuple[str, str]]:
    """(name, definition) of the indexes that back no constraint (primary keys, uniques)."""
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
    )
    return list(cursor.fetchall())  # type: ignore[attr-defined]


def _unreferenced_keys(cursor: object) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the primary keys no foreign key refers to: dropped during
    the copy and added again after it (one sort instead of an insert per row)."""
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.contype = 'p' AND c.connamespace = "
        "current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint f "
        "WHERE f.contype = 'f' AND f.confrelid = c.conrelid)"
    )
    return list(cursor.fetchall())  # type: ignore[attr-defined]


def copy_store(source: Path, url: str) -> dict[str, int]:
    """Copy every table of the SQLite store ``source`` into the PostgreSQL store at ``url``;
    returns the rows copied per table."""
    _drop_store_tables(url)
    engine: Engine = create_store_engine(url)
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    copied: dict[str, int] = {}
    raw = engine.raw_connection()
    try:
        pg = raw.driver_connection
        assert pg is not None
        with pg.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # no FK triggers
            indexes = _secondary_indexes(cursor)
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            keys = _unreferenced_keys(cursor)
            for table_name, name, _definition in keys:
                cursor.execute(f'ALTER TABLE {table_name} DROP CONSTRAINT "{name}"')
            for table in metadata.sorted_tables:
                lite_columns = {row[1] for row in lite.execute(f"PRAGMA table_info({table.name})")}
                if not lite_columns:
                    continue
                columns = [c.name for c in table.columns if c.name in lite_columns]
                quoted = ", ".join(f'"{c}"' for c in columns)
                cursor.execute(f'TRUNCATE "{table.name}" CASCADE')
                started = time.perf_counter()
                rows = lite.execute(f'SELECT {quoted} FROM "{table.name}"')
                n = 0
                with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    while batch := rows.fetchmany(BATCH):
                        for row in batch:
                            copy.write_row(row)
                        n += len(batch)
                copied[table.name] = n
                print(
                    f"  {table.name}: {n:,} rows in {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
            pg.commit()
            cursor.execute("SET session_replication_role = origin")
            started = time.perf_counter()
            for table_name, name, definition in keys:
                cursor.execute(f'ALTER TABLE {table_name} ADD CONSTRAINT "{name}" {definition}')
            for _name, definition in indexes:
                cursor.execute(definition)
            pg.commit()
            print(f"  indexes built in {time.perf_counter() - started:.0f} s", flush=True)
            for table in metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement is True:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                    )
            pg.commit()
    finally:
        raw.close()
        lite.close()
    _refresh_statistics(engine)
    return copied


def _refresh_statistics(engine: Engine) -> None:
    try:
        from analytics.store import refresh_statistics  # type: ignore[attr-defined]
    except ImportError:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    refresh_statistics(engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="the SQLite store's file")
    parser.add_argument("url", help="SQLAlchemy URL of the PostgreSQL database")
    args = parser.parse_args()
    if make_url(args.url).get_backend_name() != "postgresql":
        parser.error("the target must be a PostgreSQL URL")
    start = time.perf_counter()
    copied = copy_store(args.source, args.url)
    print(
        f"{copied.get('articles', 0):,} articles, {sum(copied.values()):,} rows copied "
        f"in {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
