"""Analysis on a Dask cluster (``analytics.cluster``): a real ``distributed.LocalCluster`` of two
worker processes stores exactly what the local pool stores, on SQLite and on PostgreSQL; a
worker killed in the middle of a batch costs a retry, not an article; a scheduler that cannot
be reached is one sentence, before any article is read."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster, WorkerPlugin
from spacy.language import Language
from sqlalchemy import func, select
from storage_faults import POSTGRES_URL
from test_pipeline import CITIES, _articles, _contents

from analytics.cli import main
from analytics.cluster import ClusterWorkers
from analytics.pipeline import ingest_articles
from analytics.readers import reading
from analytics.settings import DEFAULT_MODEL
from analytics.store import articles, create_store_engine, metadata

BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
Outcome = tuple[list[tuple[str, int | None, str]], dict[str, list[tuple[object, ...]]]]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster: two worker processes of one thread each."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A function that gives an empty store each time: SQLite files, or PostgreSQL emptied."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    _empty(POSTGRES_URL)
    yield POSTGRES_URL
    _empty(POSTGRES_URL)


def _empty(url: str) -> None:
    engine = create_store_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


def _ingest(url: str, nlp: Language, cluster: ClusterWorkers | None) -> Outcome:
    """The results of ingesting the pipeline test's articles into an empty store, and the
    store's analysis tables."""
    if url.startswith("postgresql"):
        _empty(url)
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    engine = create_store_engine(url)
    try:
        results = [
            (r.status, r.article_id, r.title)
            for r in ingest_articles(
                engine, nlp, _articles(), batch_size=2, n_process=1, cluster=cluster
            )
        ]
        with engine.connect() as conn:
            n_rows = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            n_hashes = conn.execute(
                select(func.count(articles.c.content_hash.distinct()))
            ).scalar_one()
    finally:
        engine.dispose()
    added = [status for status, _, _ in results].count("added")
    assert n_rows == n_hashes == added  # every article stored once
    return results, _contents(url)


def test_the_cluster_stores_what_the_local_pool_stores(
    scheduler: str, store_url: str, nlp: Language
) -> None:
    local = _ingest(store_url, nlp, None)
    with ClusterWorkers.connect(scheduler, DEFAULT_MODEL) as cluster:
        assert cluster.n_workers == 2
        remote = _ingest(store_url, nlp, cluster)
    statuses = [status for status, _, _ in local[0]]
    assert statuses == ["added"] * 3 + ["already present", "rejected"] + ["added"] * 4
    assert len(local[1]["quotes"]) == len(CITIES)
    assert remote == local


def test_the_command_line_loads_a_streamed_file_on_the_cluster(
    scheduler: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "STREAM_FROM_BYTES", 0)  # the file is read in parts of two
    monkeypatch.setattr(reading, "STREAM_ROWS", 2)
    load = tmp_path / "load.jsonl"
    lines = [{"title": a.title, "text": a.body, "source": a.source} for a in _articles()]
    load.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["--db", url, "add", "--batch-size", "2", "--scheduler", scheduler, str(load)]) == 0
    captured = capsys.readouterr()
    assert "7 added, 1 already present, 0 rejected" in captured.out  # the empty line: a warning
    assert "line 5: no text" in captured.err


class KillFirstBatch(WorkerPlugin):
    """Kills its worker's process (SIGKILL) when the first batch of the cluster starts
    executing there: the marker file, made once, holds the killed process's id."""

    name = "kill-first-batch"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        name = key if isinstance(key, str) else str(key)
        if finish != "executing" or not name.startswith("analyse_batch"):
            return
        try:
            descriptor = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_in_a_batch_costs_a_retry_not_an_article(
    scheduler: str, tmp_path: Path, nlp: Language
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    fault_free = _ingest(url, nlp, None)
    marker = tmp_path / "killed"
    with ClusterWorkers.connect(scheduler, DEFAULT_MODEL) as cluster:
        before = set(cluster.client.run(os.getpid).values())
        cluster.client.register_plugin(KillFirstBatch(str(marker)))
        try:
            with_a_fault = _ingest(url, nlp, cluster)
        finally:
            cluster.client.unregister_worker_plugin(KillFirstBatch.name)
        cluster.client.wait_for_workers(2, timeout=60)
        after = set(cluster.client.run(os.getpid).values())
    killed = int(marker.read_text())
    assert killed in before
    assert killed not in after  # the worker process was killed (and replaced by its nanny)
    assert with_a_fault == fault_free
    counts = Counter(status for status, _, _ in with_a_fault[0])
    assert counts == {"added": 7, "already present": 1, "rejected": 1}


def test_an_unreachable_scheduler_is_one_sentence_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    address = "tcp://127.0.0.1:1"  # nothing listens on port 1
    missing = tmp_path / "no-such-folder"
    assert main(["--db", url, "add", "--scheduler", address, str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: The Dask scheduler at {address} cannot be reached")
    assert "NEWS_DASK_SCHEDULER" in err
    assert err.count("\n") == 1  # one line
    assert "Traceback" not in err
    assert "no such file or folder" not in err  # nothing was read
    assert not (tmp_path / "store.db").exists()  # nor the store opened


def test_the_setting_names_the_scheduler(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_DASK_SCHEDULER", "tcp://127.0.0.1:1")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["--db", url, "add", str(tmp_path)]) == 2
    assert "The Dask scheduler at tcp://127.0.0.1:1 cannot be reached" in capsys.readouterr().err
