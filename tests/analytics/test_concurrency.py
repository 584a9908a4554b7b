"""Concurrency: several threads and processes write the same SQLite store while others read it.

No writer or reader may fail (no "database is locked"), every article must be stored exactly
once with all of its rows, and the writers must agree on what happened: each article "added"
by exactly one writer and "already present" for all the others, under the same id.

The articles are analysed once here; the writer processes get them pickled and never load
spaCy.
"""

from __future__ import annotations

import pickle
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.cleaning import clean_article
from analytics.store import (
    add_analyses,
    article_table,
    create_store_engine,
    entity_counts,
    n_articles,
    term_frequencies,
)

WORKERS = Path(__file__).resolve().parent / "workers"

from workers import support  # noqa: E402  (tests/analytics is on sys.path under pytest)

SEED = 20241126
N_ARTICLES = 36
BATCH = 4  # batch size of the writers that use add_analyses (as store_writer.BATCH)
#: The writers: 4 threads of this process and 2 processes, half storing one article at a time
#: (add_analyses with a batch of one), half in batches of BATCH. Writer k gets the articles i with
#: (i + k) % 3 != 0, so each article is given to 4 of the 6 writers; all go through them in
#: the same order (shuffled with ``random.Random(SEED)``), so they keep colliding.
THREAD_WRITERS = (
    ("thread-0", "single"),
    ("thread-1", "single"),
    ("thread-2", "batch"),
    ("thread-3", "batch"),
)
PROCESS_WRITERS = (("process-0", "single"), ("process-1", "batch"))
N_READERS = 2
Result = tuple[str, str, int | None]  # status, content hash, article id


@pytest.fixture(scope="module")
def analyses(nlp: Language) -> list[ArticleAnalysis]:
    articles = [clean_article(a) for a in support.make_articles(N_ARTICLES, tag="Concurrent")]
    return list(analyse_articles(articles, nlp))


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[support.Workers]:
    started = support.Workers(tmp_path)
    yield started
    started.stop_all()


def _store(engine: Engine, analyses: list[ArticleAnalysis], mode: str) -> list[Result]:
    results: list[Result] = []
    step = 1 if mode == "single" else BATCH
    for start in range(0, len(analyses), step):
        chunk = analyses[start : start + step]
        stored = add_analyses(engine, chunk)
        for analysis, result in zip(chunk, stored, strict=True):
            results.append((result.status, analysis.article.content_hash, result.article_id))
    return results


class Threads:
    """Threads whose exceptions are collected instead of lost."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.errors: list[tuple[str, BaseException]] = []

    def start(self, name: str, target: Callable[[], None]) -> None:
        def run() -> None:
            try:
                target()
            except BaseException as error:  # noqa: BLE001 - reported by the test
                self.errors.append((name, error))

        thread = threading.Thread(target=run, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        assert not [thread.name for thread in self.threads if thread.is_alive()]


def test_threads_and_processes_write_while_threads_read(
    analyses: list[ArticleAnalysis], tmp_path: Path, workers: support.Workers
) -> None:
    """6 writers (4 threads, 2 processes) store overlapping shares of 36 articles into one new
    SQLite file, in the same order so that they keep colliding, while 2 threads read."""
    path = tmp_path / "store.db"  # not there yet: the writers all create it at the same moment
    url = f"sqlite:///{path}"
    pickled = tmp_path / "analyses.pickle"
    pickled.write_bytes(pickle.dumps(analyses))
    writers = THREAD_WRITERS + PROCESS_WRITERS
    order = list(range(N_ARTICLES))
    random.Random(SEED).shuffle(order)
    shares = {name: [i for i in order if (i + k) % 3 != 0] for k, (name, _) in enumerate(writers)}

    processes = {
        name: workers.start(["write", url, str(pickled), ",".join(map(str, shares[name])), mode])
        for name, mode in PROCESS_WRITERS
    }
    for process in processes.values():
        assert process.next_line() == "ready"  # imported and loaded

    go_open, go_write, writers_done = threading.Event(), threading.Event(), threading.Event()
    opened = threading.Barrier(len(THREAD_WRITERS) + 1)
    results: dict[str, list[Result]] = {}
    reads: defaultdict[str, list[int]] = defaultdict(list)
    engines: list[Engine] = []
    shared: list[Engine] = []
    shared_lock = threading.Lock()

    def shared_engine() -> Engine:
        """The engine of this process, created by the first thread that needs it."""
        with shared_lock:
            if not shared:
                shared.append(create_store_engine(url))
                engines.append(shared[0])
        return shared[0]

    def write_in_thread(name: str, mode: str, own_engine: bool) -> Callable[[], None]:
        def write() -> None:
            go_open.wait()
            if own_engine:
                engines.append(engine := create_store_engine(url))
            else:
                engine = shared_engine()
            opened.wait(timeout=support.TIMEOUT)
            go_write.wait()
            results[name] = _store(engine, [analyses[i] for i in shares[name]], mode)

        return write

    def read_in_thread(name: str) -> Callable[[], None]:
        def read() -> None:
            go_write.wait()
            engine = shared_engine()
            while True:
                finished = writers_done.is_set()
                count = n_articles(engine)
                assert count <= N_ARTICLES
                assert len(term_frequencies(engine, top=20)) <= 20
                entities = entity_counts(engine, top=20)
                assert list(entities.columns) == ["entity", "label", "n_mentions", "n_articles"]
                table = article_table(engine)
                assert len(table) <= N_ARTICLES
                assert not table["n_words"].isna().any()
                reads[name].append(count)
                if finished:
                    return

        return read

    writer_threads, reader_threads = Threads(), Threads()
    try:
        for i, (name, mode) in enumerate(THREAD_WRITERS):
            # two threads share the process's engine, as the dashboard's sessions do; the
            # other two open engines of their own
            writer_threads.start(name, write_in_thread(name, mode, own_engine=i >= 2))
        for i in range(N_READERS):
            reader_threads.start(f"reader-{i}", read_in_thread(f"reader-{i}"))
        # everyone opens (and so creates) the store at once, then everyone writes at once
        for process in processes.values():
            process.send("open")
        go_open.set()
        for process in processes.values():
            assert process.next_line() == "open", process.errors()
        opened.wait(timeout=support.TIMEOUT)
        for process in processes.values():
            process.send("write")
        go_write.set()

        for name, process in processes.items():
            *lines, done = process.lines_until("done")
            results[name] = [support.parse_line(line) for line in lines]
            assert process.process.wait(timeout=support.TIMEOUT) == 0, process.errors()
            assert process.errors() == ""
        writer_threads.join(timeout=support.TIMEOUT)
        writers_done.set()
        reader_threads.join(timeout=support.TIMEOUT)
        assert writer_threads.errors + reader_threads.errors == []

        # every writer: one result per article it was given, in its order
        for name, _ in writers:
            expected_order = [analyses[i].article.content_hash for i in shares[name]]
            assert [content_hash for _, content_hash, _ in results[name]] == expected_order
        # all writers together: "added" exactly once per article, "already present" for the
        # 3 other writers given it, and the same id everywhere
        statuses: defaultdict[str, Counter[str]] = defaultdict(Counter)
        ids: defaultdict[str, set[int | None]] = defaultdict(set)
        for name, _ in writers:
            for status, content_hash, article_id in results[name]:
                statuses[content_hash][status] += 1
                ids[content_hash].add(article_id)
        hashes = [a.article.content_hash for a in analyses]
        assert dict(statuses) == {h: Counter({"added": 1, "already present": 3}) for h in hashes}

        contents = support.read_store(path)
        assert contents.integrity == ["ok"]
        assert contents.tables == support.SQLITE_STORE_TABLES
        assert contents.foreign_key_problems == []
        assert contents.orphans == dict.fromkeys(support.CHILD_QUERIES, 0)
        assert support.totals_disagreements(path) == []
        assert contents.articles == {
            a.article.content_hash: support.expected_article(a) for a in analyses
        }
        assert {h: {article_id} for h, article_id in contents.ids.items()} == dict(ids)
        assert sorted(contents.ids.values()) == list(range(1, N_ARTICLES + 1))

        engine = shared_engine()
        assert n_articles(engine) == N_ARTICLES
        assert len(article_table(engine)) == N_ARTICLES
        for name in reads:
            assert reads[name], f"{name} never read"
            assert reads[name] == sorted(reads[name]), "the number of articles went down"
            assert reads[name][-1] == N_ARTICLES
    finally:
        go_open.set()
        opened.abort()
        go_write.set()
        writers_done.set()
        for engine in engines:
            engine.dispose()


def test_opening_a_new_store_at_once(tmp_path: Path) -> None:
    """Four threads opening the same new store file at the same moment, ten times over: none
    fails, and the store has all of its tables. (SQLite answers "database is locked" at once,
    without waiting, to connections switching a new file to WAL mode at the same time, and to
    connections creating the tables in deferred transactions.)"""

    def opener(url: str, barrier: threading.Barrier, engines: list[Engine]) -> Callable[[], None]:
        def open_store() -> None:
            barrier.wait(timeout=support.TIMEOUT)
            engine = create_store_engine(url)
            engines.append(engine)
            assert n_articles(engine) == 0

        return open_store

    for trial in range(10):
        url = f"sqlite:///{tmp_path / f'store-{trial}.db'}"
        barrier = threading.Barrier(4)
        engines: list[Engine] = []
        threads = Threads()
        try:
            for i in range(4):
                threads.start(f"opener-{i}", opener(url, barrier, engines))
            threads.join(timeout=support.TIMEOUT)
            assert threads.errors == []
            assert len(engines) == 4
        finally:
            for engine in engines:
                engine.dispose()
        contents = support.read_store(tmp_path / f"store-{trial}.db")
        assert contents.integrity == ["ok"]
        assert contents.tables == support.SQLITE_STORE_TABLES
