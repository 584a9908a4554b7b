"""Grow a SQLite store to N articles by repeating its stored articles with new ids.

    python benchmarks/replicate.py SOURCE.db TARGET.db --n 100000 [--no-spread]

Page benchmarks at 10k and 100k articles need stores that large; analysing 100k articles
takes hours on two cores, while their stored rows are exactly those of the repeated texts, so
the rows are copied in SQL (each copy's title gets " (copy k)" and its content hash changes).

So that every page times its real path (Compare's groups by source, Over time's dates), every
article of the target, the source's own included, is given a source (one of ``OUTLETS``) and a
publication date spread over ``DAYS`` days from ``FIRST_DATE`` (one article in ``UNDATED``
has none), both fixed by its id; ``--no-spread`` keeps the sources and dates as they are.
Near-duplicate signatures are not copied: the copies are new articles, not a cluster each.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.store import create_store_engine, rebuild_corpus_totals  # noqa: E402

#: The per-article tables copied with each article (``article_search`` fills the FTS5 index
#: through its triggers).
CHILD_TABLES = (
    "readability",
    "readability_flags",
    "sentences",
    "terms",
    "entity_mentions",
    "quotes",
    "article_metadata",
    "article_search",
)
OUTLETS = (
    "BBC News",
    "The Guardian",
    "Reuters",
    "Associated Press",
    "The Independent",
    "Financial Times",
    "Sky News",
)
FIRST_DATE = "2023-01-01"
DAYS = 731
UNDATED = 50


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def spread_sources_and_dates(conn: sqlite3.Connection) -> None:
    """Give every article an outlet and a date fixed by its id (a multiplicative hash, so
    neighbouring ids land far apart)."""
    outlets = " ".join(
        f"WHEN {i} THEN '{name}'" for i, name in enumerate(OUTLETS)
    )  # the names hold no quote
    conn.execute(
        f"UPDATE articles SET source = CASE ((id * 2654435761) % 1000003) % {len(OUTLETS)} "
        f"{outlets} END, "
        f"published = CASE WHEN id % {UNDATED} = 0 THEN NULL ELSE "
        f"date('{FIRST_DATE}', '+' || ((id * 40503) % {DAYS}) || ' days') END"
    )


def replicate(source: Path, target: Path, n: int, *, spread: bool = True) -> int:
    """Copy ``source`` to ``target`` and repeat its articles until there are ``n``."""
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    # the backup API reads a consistent copy, write-ahead log included, without writing source
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original:
        original.backup(conn)
    # a benchmark's fixture, made again if the copy fails: no journal, and the secondary
    # indexes and the full-text triggers dropped during the copy, made again after it
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    deferred = [
        (kind, name, sql)
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        )
    ]
    for kind, name, _sql in deferred:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    base_ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    highest = max(base_ids)
    count = len(base_ids)
    children = [table for table in CHILD_TABLES if _has_table(conn, table)]
    copy = 0
    while count < n:
        copy += 1
        take = min(len(base_ids), n - count)
        last = base_ids[take - 1]
        offset = highest * copy
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
        select = ", ".join(
            f"id + {offset}"
            if c == "id"
            # a hash of the same length (64 characters, the column's size on PostgreSQL)
            else f"substr(content_hash, 1, 56) || printf('-c%05d', {copy})"
            if c == "content_hash"
            else f"title || ' (copy {copy})'"
            if c == "title"
            else c
            for c in columns
        )
        conn.execute(
            f"INSERT INTO articles SELECT {select} FROM articles "
            f"WHERE id <= {last} AND id <= {highest}"
        )
        for table in children:
            cols = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            sel = ", ".join(f"article_id + {offset}" if c == "article_id" else c for c in cols)
            conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) SELECT {sel} FROM {table} "
                f"WHERE article_id <= {last} AND article_id <= {highest}"
            )
        conn.commit()
        count += take
        print(f"  {count:,} articles", flush=True)
    if spread:
        spread_sources_and_dates(conn)
    conn.commit()
    started = time.perf_counter()
    for _kind, _name, sql in deferred:
        conn.execute(sql)
    if _has_table(conn, "article_search_fts"):
        conn.execute("INSERT INTO article_search_fts(article_search_fts) VALUES ('rebuild')")
    conn.commit()
    conn.execute("PRAGMA journal_mode=WAL")
    print(f"  indexes and full-text index in {time.perf_counter() - started:.0f} s", flush=True)
    conn.close()
    engine = create_store_engine(f"sqlite:///{target}")
    rebuild_corpus_totals(engine)
    _rebuild_summaries(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    return count


def _rebuild_summaries(engine: object) -> None:
    """The store's summary tables recomputed from the copied rows (when this version has
    them)."""
    try:
        from analytics.store.summaries import rebuild_summaries
    except ImportError:
        return
    rebuild_summaries(engine)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument(
        "--no-spread", action="store_true", help="keep the articles' sources and dates"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    count = replicate(args.source, args.target, args.n, spread=not args.no_spread)
    size = args.target.stat().st_size / 2**20
    print(
        f"{count:,} articles in {args.target} ({size:,.0f} MB) "
        f"in {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
