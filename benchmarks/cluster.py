"""Cluster benchmark: a bulk load through the command line with its analysis on a Dask cluster.

    python benchmarks/cluster.py --db URL [--n 1000] [--workers 2] [--batch-size 64] [--fresh]

Writes ``n`` BBC articles (``../shared/corpus/bbc_news.jsonl`` beside the repository; past its
2,225 articles they repeat with their titles numbered, so every article is new to the store)
as a folder of JSON Lines files of 1,000 lines each, starts a ``distributed.LocalCluster`` of
``--workers`` worker processes (one thread each), and runs the real command,
``python -m analytics --db URL add --scheduler ADDRESS FOLDER``, in a process of its own.

Prints: articles/s of the whole load (the command's wall time, connecting and loading the
client's model included), the workers' analysis rate (articles per second of task compute
time, from the scheduler's task stream: one worker core's rate), the peak memory (RSS) of the
command (the client) and of each worker process, and the load average. ``--fresh`` empties the
store first (drops the tables of a PostgreSQL store, deletes a SQLite file).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BBC = REPO.parent / "shared" / "corpus" / "bbc_news.jsonl"
LINES_PER_FILE = 1000


def records(n: int, corpus: Path) -> Iterator[dict[str, str]]:
    """``n`` distinct records: the corpus's, repeated with numbered titles when needed."""
    with corpus.open(encoding="utf-8") as lines:
        base = [json.loads(line) for line in lines if line.strip()]
    for i, record in enumerate(itertools.islice(itertools.cycle(base), n)):
        copy = i // len(base)
        if copy:
            record = {**record, "title": f"{record['title']} ({copy})"}
        yield {
            "id": f"{record['id']}#{copy}",
            "title": record["title"],
            "text": record["text"],
            "source": f"BBC {record['category']}",
        }


def write_load(n: int, corpus: Path, folder: Path) -> None:
    """The records as JSON Lines files of ``LINES_PER_FILE`` lines."""
    out = None
    for i, record in enumerate(records(n, corpus)):
        if i % LINES_PER_FILE == 0:
            if out is not None:
                out.close()
            out = (folder / f"part_{i // LINES_PER_FILE:05d}.jsonl").open("w", encoding="utf-8")
        assert out is not None
        out.write(json.dumps(record) + "\n")
    if out is not None:
        out.close()


def empty_store(url: str) -> None:
    from analytics.store import create_store_engine, metadata

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    engine = create_store_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of the store")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--fresh", action="store_true", help="empty the store first")
    args = parser.parse_args()

    from distributed import Client, LocalCluster, get_task_stream

    if args.fresh:
        empty_store(args.db)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "load"
        folder.mkdir()
        write_load(args.n, args.corpus, folder)
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        try:
            measure(args, folder, cluster.scheduler_address, client, get_task_stream)
        finally:
            try:  # a loaded machine may be slow to stop the workers: the figures are out already
                client.close()
                cluster.close(timeout=60)
            except Exception as error:  # noqa: BLE001
                print(f"(closing the cluster: {type(error).__name__})", file=sys.stderr)


def measure(
    args: argparse.Namespace, folder: Path, address: str, client: Any, get_task_stream: Any
) -> None:
    """Run the command on the cluster and print the figures."""
    command = [
        sys.executable,
        "-m",
        "analytics",
        "--db",
        args.db,
        "add",
        "--batch-size",
        str(args.batch_size),
        "--scheduler",
        address,
        str(folder),
    ]
    cpu_before = client.run(time.process_time)
    with get_task_stream(client) as stream:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert process.stdout is not None
        summary = process.stdout.read().strip()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    cpu_after = client.run(time.process_time)
    worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    loadavg = Path("/proc/loadavg").read_text().split()[:3]
    compute = [
        startstop["stop"] - startstop["start"]
        for task in stream.data
        if "analyse_batch" in str(task.get("key", ""))
        for startstop in task.get("startstops", ())
        if startstop.get("action") == "compute"
    ]
    words = summary.split()
    n_added = int(words[0]) if words and words[0].isdigit() else 0
    n_analysed = n_added  # the articles already present (BBC repeats some texts) are not sent
    backend = args.db.split(":", 1)[0]
    print(f"store: {backend}; workers: {args.workers} processes x 1 thread; n = {args.n:,}")
    print(f"command exit status {os.waitstatus_to_exitcode(status)}: {summary}")
    print(f"whole load: {elapsed:.1f} s, {n_added / elapsed:.2f} articles/s")
    if compute:
        busy = sum(compute)
        print(
            f"worker analysis: {len(compute)} batches, {busy:.1f} s of compute (wall), "
            f"{n_analysed / busy:.2f} articles/s per worker core"
        )
    worker_cpu = sum(cpu_after[a] - cpu_before.get(a, 0.0) for a in cpu_after)
    client_cpu = usage.ru_utime + usage.ru_stime
    print(
        f"CPU time: workers {worker_cpu:.1f} s ({n_analysed / max(worker_cpu, 1e-9):.2f} "
        f"articles per CPU second), the command {client_cpu:.1f} s "
        f"({n_added / max(client_cpu, 1e-9):.2f} articles per CPU second: reading, cleaning, "
        "storing, and loading its model)"
    )
    print(f"peak RSS: client (the command) {usage.ru_maxrss / 1024:.0f} MB")
    for worker, peak in sorted(worker_peaks.items()):
        print(f"peak RSS: worker {worker} {peak / 1024:.0f} MB")
    print(f"peak RSS: this script {_peak_rss_mb():.0f} MB; load average {' '.join(loadavg)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
