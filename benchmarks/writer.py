"""Writer benchmark: storing analysed articles, alone (the analyses are computed beforehand).

    python benchmarks/writer.py [--sizes 10000,100000] [--backends sqlite,postgresql]
        [--n 1000] [--postgres URL] [--analysis-rate] [--write-sizes 64,256]

1. The analyses: the first 1,000 BBC articles (``benchmarks.ingest.base_articles``), cleaned
   and analysed once, pickled to ``/work/stores/bbc_analyses_1000.pickle`` and reused; the CPU
   time of that analysis gives the per-core analysis rate (``--analysis-rate`` measures it on
   ``--rate-n`` articles).
2. The stores: ``/work/stores/bbc.db`` (every BBC article analysed; copied, never written) grown
   to each size by repeating its articles in SQL with new ids (``grow``: every per-article
   table, the near-duplicate signatures and band keys included, the band keys changed per copy
   so the copies are no cluster), into ``/work/stores/writer_<size>.db``; for PostgreSQL that
   SQLite store copied by ``benchmarks/copy_store.py`` into the schema ``writer_bench`` of the
   database ``--postgres`` (default ``news_bench``). The corpus totals are those of the BBC
   articles: the copies add counts, not rows (a real corpus of that size would have more
   distinct n-grams).
3. Only storing is timed: the analyses, made new articles (content hash and title changed, the
   MinHash signature reversed so they are no near-duplicate of the stored texts), given to
   ``store.add_analyses`` in writes of each of ``--write-sizes`` articles: the pipeline's
   batch (64), and the most it joins in one write when batches are ready together (256,
   ``pipeline.WRITE_SIZE``: a writer behind its workers), into each store.

Prints a table (articles/s, ms an article, the load average beside) and writes
``benchmarks/results/writer.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analytics.analysis import DEFAULT_BATCH_SIZE, ArticleAnalysis  # noqa: E402
from analytics.pipeline import WRITE_SIZE  # noqa: E402
from benchmarks.replicate import CHILD_TABLES as REPLICATED_TABLES  # noqa: E402

STORES = Path("/work/stores")
SOURCE_STORE = STORES / "bbc.db"
ANALYSES = STORES / "bbc_analyses_1000.pickle"
POSTGRES = "postgresql+psycopg://news:news@127.0.0.1/news_bench"
SCHEMA = "writer_bench"
#: The per-article tables repeated with each copy of an article (besides ``articles``): those
#: ``replicate.py`` copies, and the near-duplicate signatures (copied here, with their band
#: keys changed, so the copies are no cluster).
CHILD_TABLES = (*REPLICATED_TABLES, "article_signatures")


def load_analyses(n: int = 1000) -> list[ArticleAnalysis]:
    """The analyses of the first ``n`` BBC articles, computed once and pickled."""
    if ANALYSES.exists():
        with ANALYSES.open("rb") as file:
            analyses: list[ArticleAnalysis] = pickle.load(file)
        if len(analyses) >= n:
            return analyses[:n]
    analyses, _ = analyse(n)
    ANALYSES.parent.mkdir(parents=True, exist_ok=True)
    with ANALYSES.open("wb") as file:
        pickle.dump(analyses, file, protocol=pickle.HIGHEST_PROTOCOL)
    return analyses


def analyse(n: int) -> tuple[list[ArticleAnalysis], float]:
    """The analyses of the first ``n`` BBC articles (cleaned as the pipeline cleans them) and
    the CPU seconds ``analyse_articles`` took (one process, the model warm)."""
    from analytics.analysis import analyse_articles, warm_up
    from analytics.cleaning import clean_article
    from analytics.nlp import load_model
    from analytics.settings import load_settings
    from benchmarks.ingest import base_articles

    articles = [clean_article(article) for article in base_articles()[:n]]
    nlp = load_model(load_settings().spacy_model)
    warm_up(nlp)
    started = time.process_time()
    analyses = list(analyse_articles(articles, nlp, batch_size=DEFAULT_BATCH_SIZE))
    return analyses, time.process_time() - started


def as_new(analyses: list[ArticleAnalysis], tag: str) -> list[ArticleAnalysis]:
    """The analyses as articles the store has not seen: content hash and title changed, the
    signature's values XORed with a number drawn for this call (no near-duplicate of the stored
    texts or of an earlier run's, as most new articles are not; repeats within the call stay
    near-duplicates of each other)."""
    import numpy as np

    salt = np.uint32(random.getrandbits(32) | 1)
    return [
        dataclasses.replace(
            analysis,
            article=analysis.article.with_changes(title=f"{analysis.article.title} [{tag}]"),
            signature=(np.frombuffer(analysis.signature, dtype="<u4") ^ salt).tobytes(),
        )
        for analysis in analyses
    ]


def _columns(conn: Any, table: str) -> list[str]:
    """The columns of ``table`` that take values (not PostgreSQL's generated ones)."""
    if isinstance(conn, sqlite3.Connection):
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s AND is_generated = 'NEVER' "
        "ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in rows.fetchall()]


def _highest_original() -> int:
    """The highest id of the BBC store: the ids up to it are the originals."""
    source = sqlite3.connect(f"file:{SOURCE_STORE}?mode=ro", uri=True)
    try:
        return int(source.execute("SELECT max(id) FROM articles").fetchone()[0])
    finally:
        source.close()


def grow(conn: Any, n: int) -> int:
    """Repeat the articles of the store (a DB-API connection: sqlite3 or psycopg) with new ids
    until it holds ``n``; returns how many it holds. The copies' ids are the originals' plus a
    multiple of the highest original id, above every id stored."""
    execute = conn.execute
    highest = _highest_original()
    count = int(execute("SELECT count(*) FROM articles").fetchone()[0])
    top = int(execute("SELECT max(id) FROM articles").fetchone()[0])
    copy = -(-top // highest) - 1  # the next copy's ids start above every stored id
    base_ids = sorted(row[0] for row in execute(f"SELECT id FROM articles WHERE id <= {highest}"))
    while count < n:
        copy += 1
        take = min(len(base_ids), n - count)
        last = base_ids[take - 1]
        offset = highest * copy
        columns = _columns(conn, "articles")
        chosen = ", ".join(
            f"id + {offset}"
            if c == "id"
            else f"substr(content_hash, 1, 57) || '-{copy:06d}'"  # 64 characters
            if c == "content_hash"
            else f"title || ' (copy {copy})'"
            if c == "title"
            else c
            for c in columns
        )
        names = ", ".join(columns)
        execute(f"INSERT INTO articles ({names}) SELECT {chosen} FROM articles WHERE id <= {last}")
        for table in CHILD_TABLES:
            cols = _columns(conn, table)
            chosen = ", ".join(f"article_id + {offset}" if c == "article_id" else c for c in cols)
            execute(
                f"INSERT INTO {table} ({', '.join(cols)}) SELECT {chosen} FROM {table} "
                f"WHERE article_id <= {last}"
            )
        # the band keys of each copy changed (a XOR b = (a | b) - (a & b), on both backends)
        mask = copy * 1_000_003
        execute(
            "INSERT INTO signature_bands (article_id, band_key) SELECT article_id + "
            f"{offset}, (band_key | {mask}) - (band_key & {mask}) FROM signature_bands "
            f"WHERE article_id <= {last}"
        )
        conn.commit()
        count += take
        print(f"  {count:,} articles", flush=True)
    return count


def sqlite_store(n: int) -> Path:
    """``/work/stores/writer_<n>.db``: the BBC store grown to ``n`` articles (made once)."""
    target = STORES / f"writer_{n}.db"
    if target.exists():
        return target
    partial = target.with_suffix(".part")
    smaller = [size for size in _built_sizes() if size < n]
    start = STORES / f"writer_{max(smaller)}.db" if smaller else SOURCE_STORE
    source = sqlite3.connect(f"file:{start}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    source.backup(copy)  # consistent even while the source is open elsewhere
    source.close()
    copy.execute("PRAGMA journal_mode=WAL")
    copy.execute("PRAGMA synchronous=OFF")
    copy.execute("PRAGMA cache_size=-262144")
    grow(copy, n)
    copy.execute("PRAGMA analysis_limit=1000")
    copy.execute("ANALYZE")
    copy.commit()
    copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy.close()
    partial.rename(target)
    return target


def _built_sizes() -> list[int]:
    return [int(path.stem.split("_")[1]) for path in STORES.glob("writer_*.db")]


def postgres_url(base: str, schema: str) -> str:
    return f"{base}?options=-csearch_path%3D{schema}"


def postgres_store(n: int, base: str) -> str:
    """The SQLite store of ``n`` articles (or the largest smaller one, grown there) copied
    into the schema ``writer_bench_<n>``."""
    from sqlalchemy import create_engine

    schema = f"{SCHEMA}_{n}"
    url = postgres_url(base, schema)
    engine = create_engine(base)
    with engine.begin() as conn:
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %(s)s "
            "AND table_name = 'articles'",
            {"s": schema},
        ).scalar()
        done = (
            bool(found)
            and conn.exec_driver_sql(f'SELECT count(*) >= {n} FROM "{schema}".articles').scalar()
        )
        conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    engine.dispose()
    if not done:  # the SQLite store of that size (or a smaller one, grown in PostgreSQL)
        from benchmarks.copy_store import copy_store

        built = [size for size in _built_sizes() if size <= n]
        copy_store(STORES / f"writer_{max(built)}.db" if built else sqlite_store(n), url)
        import psycopg

        with psycopg.connect(
            base.replace("postgresql+psycopg", "postgresql"), options=f"-csearch_path={schema}"
        ) as conn:
            grow(conn, n)
            conn.execute("ANALYZE")
    return url


def _cpu_seconds(pids: set[int]) -> float:
    """The CPU time (user and system) the processes ``pids`` have used (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def time_writes(
    url: str, analyses: list[ArticleAnalysis], write_size: int = DEFAULT_BATCH_SIZE
) -> dict[str, float]:
    """Seconds (wall and this process's CPU) to store the analyses ``write_size`` at a time."""
    from analytics.store import add_analyses, create_store_engine, n_articles

    engine = create_store_engine(url)
    backends: set[int] = set()  # PostgreSQL: the server processes serving this engine
    if engine.dialect.name == "postgresql":
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _backend(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backends.add(int(cursor.fetchone()[0]))

        engine.dispose()
    before = n_articles(engine)
    add_analyses(engine, as_new(analyses[:8], f"warm {time.time()}"))  # connections, caches
    batch = as_new(analyses, f"run {time.time()}")
    load = os.getloadavg()[0]
    server = _cpu_seconds(backends)
    wall, cpu = time.perf_counter(), time.process_time()
    statuses: list[str] = []
    for start in range(0, len(batch), write_size):
        results = add_analyses(engine, batch[start : start + write_size])
        statuses.extend(result.status for result in results)
    # the BBC corpus repeats a few of its articles: those are "already present"
    assert "rejected" not in statuses and statuses.count("added") > 0.9 * len(batch)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server = _cpu_seconds(backends) - server
    after = n_articles(engine)
    engine.dispose()
    return {
        "store_articles": before,
        "added": after - before - 8,
        "seconds": round(wall, 2),
        "articles_per_s": round(len(batch) / wall, 1),
        "ms_per_article": round(1000 * wall / len(batch), 2),
        "client_cpu_s": round(cpu, 2),
        "server_cpu_s": round(server, 2),
        # the rate if the writer had its CPU to itself: client and server CPU time together
        "cpu_articles_per_s": round(len(batch) / (cpu + server), 1),
        "load": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--n", type=int, default=1000, help="analyses stored in each run")
    parser.add_argument("--postgres", default=POSTGRES, help="database for the PostgreSQL runs")
    parser.add_argument("--analysis-rate", action="store_true", help="measure it too")
    parser.add_argument("--rate-n", type=int, default=200)
    parser.add_argument(
        "--write-sizes",
        default=f"{DEFAULT_BATCH_SIZE},{WRITE_SIZE}",
        help="articles a write: a batch, and the most the pipeline joins when they are ready",
    )
    args = parser.parse_args()
    analyses = load_analyses(args.n)
    rows: list[dict[str, Any]] = []
    results: dict[str, Any] = {"n": len(analyses)}
    if args.analysis_rate:
        load = os.getloadavg()[0]
        _, cpu = analyse(args.rate_n)
        results["analysis_per_core"] = {
            "articles": args.rate_n,
            "cpu_s": round(cpu, 1),
            "articles_per_core_s": round(args.rate_n / cpu, 2),
            "load": round(load, 2),
        }
        print(f"analysis: {args.rate_n / cpu:.2f} articles per CPU second (load {load:.2f})")
    for size in (int(s) for s in args.sizes.split(",") if s):
        for backend in args.backends.split(","):
            print(f"{backend}, {size:,} articles: preparing the store", flush=True)
            if backend == "sqlite":  # written into: each run adds its articles
                url = f"sqlite:///{sqlite_store(size)}"
            else:
                url = postgres_store(size, args.postgres)
            for write_size in (int(w) for w in args.write_sizes.split(",") if w):
                timed = time_writes(url, analyses, write_size)
                row = {"backend": backend, "size": size, "write": write_size, **timed}
                print(row, flush=True)
                rows.append(row)
    print(f"\nstoring {len(analyses):,} analysed BBC articles, a write of 'write' articles")
    print(
        f"{'backend':<11} {'store':>8} {'write':>6} {'articles/s':>11} {'ms/article':>11} "
        f"{'CPU art/s':>10} {'client CPU':>10} {'server CPU':>10} {'load':>6}"
    )
    for row in rows:
        print(
            f"{row['backend']:<11} {row['size']:>8,} {row['write']:>6} "
            f"{row['articles_per_s']:>11.1f} "
            f"{row['ms_per_article']:>11.2f} {row['cpu_articles_per_s']:>10.1f} "
            f"{row['client_cpu_s']:>10.2f} {row['server_cpu_s']:>10.2f} {row['load']:>6.2f}"
        )
    results["runs"] = rows
    out = REPO / "benchmarks" / "results" / "writer.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
