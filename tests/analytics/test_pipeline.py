"""Ingesting with spaCy in worker processes stores exactly what one process stores."""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future
from pathlib import Path

from spacy.language import Language
from sqlalchemy import event, select

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.models import Article
from analytics.pipeline import _Batch, _due, ingest_articles
from analytics.store import (
    corpus_aliases,
    corpus_entities,
    corpus_terms,
    create_store_engine,
    entity_mentions,
    quotes,
    readability,
    sentences,
    signature_bands,
    terms,
)

CITIES = ["Paris", "Lyon", "Warsaw", "Madrid", "Dublin", "Vienna", "Prague"]


def _articles() -> list[Article]:
    articles = [
        Article(
            title=f"Talks in {city}",
            body=(
                f'Anna Kowalski met union leaders in {city} on Monday. "We want a fair deal," '
                f"Kowalski said. The talks in {city} ended late, and {i + 2} ministers left."
            ),
            source="Pipeline Test",
        )
        for i, city in enumerate(CITIES)
    ]
    # a repeat of an earlier article and an article with no text among them
    return [*articles[:3], articles[1], Article(title="Empty", body="   "), *articles[3:]]


def _contents(path: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """The rows of the analysis tables, sorted; of a SQLite file or a store's URL."""
    engine = create_store_engine(path if isinstance(path, str) else f"sqlite:///{path}")
    tables = (
        terms,
        sentences,
        entity_mentions,
        quotes,
        readability,
        signature_bands,
        corpus_terms,
        corpus_entities,
        corpus_aliases,
    )
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
                for table in tables
            }
    finally:
        engine.dispose()


def test_worker_processes_store_what_one_process_stores(nlp: Language, tmp_path: Path) -> None:
    outcomes = {}
    for n_process in (1, 2):
        path = tmp_path / f"store_{n_process}.db"
        engine = create_store_engine(f"sqlite:///{path}")
        try:
            results = list(
                ingest_articles(engine, nlp, _articles(), batch_size=2, n_process=n_process)
            )
        finally:
            engine.dispose()
        outcomes[n_process] = (
            [(r.status, r.article_id, r.title) for r in results],
            _contents(path),
        )
    statuses = [status for status, _, _ in outcomes[1][0]]
    assert statuses == ["added"] * 3 + ["already present", "rejected"] + ["added"] * 4
    assert outcomes[1][0][3][1] == outcomes[1][0][1][1]  # the repeat has the first one's id
    assert outcomes[2] == outcomes[1]
    assert len(outcomes[1][1]["entity_mentions"]) >= 2 * len(CITIES)
    assert len(outcomes[1][1]["quotes"]) == len(CITIES)


class _TogetherFuture(Future[list[ArticleAnalysis]]):
    """A batch's analysis that its workers finish together with the batches around it."""

    def __init__(self, workers: _TogetherWorkers) -> None:
        super().__init__()
        self.workers = workers

    def result(self, timeout: float | None = None) -> list[ArticleAnalysis]:
        self.workers.finish()
        return super().result(timeout)


class _TogetherWorkers:
    """Workers (``pipeline.BatchWorkers``) that analyse batches here, three at a time, so
    that three batches are ready at once, as a cluster's are when its writer falls behind."""

    n_workers = 2

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.pending: list[tuple[list[Article], _TogetherFuture]] = []

    def submit(self, articles: list[Article]) -> Future[list[ArticleAnalysis]]:
        future = _TogetherFuture(self)
        self.pending.append((articles, future))
        if len(self.pending) == 3:
            self.finish()
        return future

    def finish(self) -> None:
        for articles, future in self.pending:
            future.set_result(list(analyse_articles(articles, self.nlp)))
        self.pending = []


def test_batches_ready_together_are_stored_in_one_write(nlp: Language, tmp_path: Path) -> None:
    alone = tmp_path / "alone.db"
    engine = create_store_engine(f"sqlite:///{alone}")
    expected = [(r.status, r.article_id) for r in ingest_articles(engine, nlp, _articles())]
    engine.dispose()

    together = tmp_path / "together.db"
    engine = create_store_engine(f"sqlite:///{together}")
    commits: list[None] = []
    event.listen(engine, "commit", lambda _conn: commits.append(None))
    workers = _TogetherWorkers(nlp)
    results = ingest_articles(engine, nlp, _articles(), batch_size=2, cluster=workers)
    assert [(r.status, r.article_id) for r in results] == expected
    engine.dispose()
    # seven new articles in four batches of two: the first three batches in one write
    assert len(commits) == 2
    assert _contents(together) == _contents(alone)


def _ready(n_articles: int, *, elsewhere: bool = True, done: bool = True) -> _Batch:
    batch = _Batch()
    batch.articles = [Article(title=str(i), body="Text.") for i in range(n_articles)]
    if elsewhere:
        batch.future = Future()
        if done:
            batch.future.set_result([])
    return batch


def test_a_write_takes_the_ready_batches_behind_the_front_up_to_its_size() -> None:
    front, second, third, waiting = _ready(64), _ready(64), _ready(64), _ready(64, done=False)
    unstored = deque([front, second, third, waiting, _ready(64)])
    assert _due(unstored) == [front, second, third]  # up to the first one still analysed
    assert list(unstored)[0] is waiting

    big = [_ready(100) for _ in range(4)]
    unstored = deque(big)
    assert _due(unstored) == big[:2]  # a third would take the write over WRITE_SIZE (256)

    here = [_ready(10, elsewhere=False), _ready(10, elsewhere=False)]
    unstored = deque(here)
    assert _due(unstored) == here[:1]  # batches analysed here are stored one by one


class _SlowWorkers:
    """Workers that take a minute for each batch, and then give no analyses."""

    n_workers = 1

    def __init__(self) -> None:
        self.futures: list[Future[list[ArticleAnalysis]]] = []

    def submit(self, articles: list[Article]) -> Future[list[ArticleAnalysis]]:
        future: Future[list[ArticleAnalysis]] = Future()
        timer = threading.Timer(60, future.set_result, args=([],))
        timer.daemon = True
        timer.start()
        self.futures.append(future)
        return future


def test_a_stop_does_not_wait_for_the_batch_under_way(nlp: Language, tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'stopped.db'}")
    workers = _SlowWorkers()
    stop = threading.Event()
    threading.Timer(1.0, stop.set).start()  # asked while the load waits for its first batch
    results = ingest_articles(
        engine, nlp, _articles(), batch_size=2, cluster=workers, should_stop=stop.is_set
    )
    assert list(results) == []
    # the load ended before any of its batches was analysed, and stored none
    assert workers.futures and not any(future.done() for future in workers.futures)
    with engine.connect() as conn:
        assert conn.execute(select(readability)).all() == []
    engine.dispose()
