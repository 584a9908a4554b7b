"""Grow a SQLite store to N articles by repeating its stored articles with new ids.

    python benchmarks/replicate.py SOURCE.db TARGET.db --n 100000

Page benchmarks at 10k and 100k articles need stores that large; analysing 100k articles
takes hours on two cores, while their stored rows are exactly those of the repeated texts, so
the rows are copied in SQL (each copy's title gets " (copy k)" and its content hash changes).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.store import create_store_engine, rebuild_corpus_totals  # noqa: E402

CHILD_TABLES = (
    "readability",
    "readability_flags",
    "sentences",
    "terms",
    "entity_mentions",
    "quotes",
)


def replicate(source: Path, target: Path, n: int) -> int:
    """Copy ``source`` to ``target`` and repeat its articles until there are ``n``."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    base_ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    highest = max(base_ids)
    count = len(base_ids)
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
            else f"content_hash || '-{copy}'"
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
        for table in CHILD_TABLES:
            cols = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            sel = ", ".join(f"article_id + {offset}" if c == "article_id" else c for c in cols)
            conn.execute(
                f"INSERT INTO {table} SELECT {sel} FROM {table} "
                f"WHERE article_id <= {last} AND article_id <= {highest}"
            )
        conn.commit()
        count += take
    conn.commit()
    conn.close()
    engine = create_store_engine(f"sqlite:///{target}")
    rebuild_corpus_totals(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--n", type=int, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    count = replicate(args.source, args.target, args.n)
    size = args.target.stat().st_size / 2**20
    print(
        f"{count:,} articles in {args.target} ({size:,.0f} MB) "
        f"in {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
