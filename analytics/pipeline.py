"""Ingesting articles: clean, skip what is stored already, analyse in batches, store each.

This is the one path by which articles get into the store, used by the command line and the
dashboard's upload page alike. Results come back per article, in order, as soon as each batch
is stored, so a caller can show progress.

The dashboard's uploads are analysed within a budget (``budget``: each article in a worker
process with a time and memory limit, ``analytics.workers``), capped in size before any
analysis (``capped_outcomes``, ``upload_size_error``), and can be stopped between articles
(``should_stop``): each batch is one transaction, so what was stored is whole batches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, wait
from contextlib import ExitStack, suppress
from itertools import chain
from typing import NamedTuple, Protocol

from spacy.language import Language
from sqlalchemy import Engine

from analytics.analysis import DEFAULT_BATCH_SIZE, ArticleAnalysis, analyse_articles
from analytics.cleaning import clean_article
from analytics.models import Article, ReadOutcome
from analytics.settings import Limits, load_settings
from analytics.store import StoreResult, add_analyses, stored_article_id
from analytics.workers import AnalysisBudget, AnalysisWorkers, OverBudget, analyse_within_budget

NO_TEXT_LEFT = "no article text left after removing web boilerplate"
#: Batches a worker process may analyse ahead of storing.
BATCHES_AHEAD_PER_PROCESS = 2
#: Articles of batches analysed elsewhere stored in one write at most, when they are ready
#: together: larger writes cost the store less an article (the corpus totals of a word are
#: updated once a write), 256 against 64 about a third less.
WRITE_SIZE = 256
#: How often a load waiting for a worker's batch checks whether it was asked to stop.
STOP_CHECK_SECONDS = 0.2


class BatchWorkers(Protocol):
    """Workers elsewhere that analyse batches (``analytics.cluster.ClusterWorkers``), in place
    of the local worker processes; the caller opens and closes them."""

    @property
    def n_workers(self) -> int: ...

    def submit(self, articles: list[Article]) -> Future[list[ArticleAnalysis]]: ...


class _Batch:
    """Articles analysed together, by a worker process (``future``) or here, then stored."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.future: Future[list[ArticleAnalysis]] | None = None
        self.results: list[StoreResult] | None = None

    @property
    def ready(self) -> bool:
        """Whether storing it would not wait for a worker."""
        return self.future is None or self.future.done()


class _Waiting(NamedTuple):
    """An article in a batch, reported once the batch is stored."""

    batch: _Batch
    position: int  # its index in the batch (``index`` would shadow ``tuple.index``)


class _Repeat(NamedTuple):
    """An article met earlier in the same stream: reported with the first one's id."""

    name: str
    title: str
    key: str


def _name(article: Article) -> str:
    return article.file_name or article.title or "pasted text"


class _Stopped(Exception):
    """``should_stop`` said to stop: the load ends before the current batch is stored."""


def _budgeted_analyses(
    batch: _Batch, budget: AnalysisBudget, should_stop: Callable[[], bool] | None
) -> list[ArticleAnalysis | Exception]:
    """The batch's analyses, each article in a budgeted worker; an article over its budget
    gives ``OverBudget``. ``should_stop`` is asked before each article."""
    analyses: list[ArticleAnalysis | Exception] = []
    for article in batch.articles:
        if should_stop is not None and should_stop():
            raise _Stopped
        try:
            analyses.append(analyse_within_budget(article, budget))
        except Exception as error:  # noqa: BLE001 - the article is rejected on its own
            analyses.append(error)
    return analyses


def _analyses(
    batch: _Batch,
    nlp: Language,
    budget: AnalysisBudget | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[ArticleAnalysis | Exception]:
    """The batch's analyses, in order; if the batch fails, each article is tried alone here,
    so only the article that fails is rejected."""
    if budget is not None:
        return _budgeted_analyses(batch, budget, should_stop)
    if batch.future is not None and should_stop is not None:
        while not batch.future.done():  # a stop does not wait for the batch
            if should_stop():
                raise _Stopped
            wait([batch.future], timeout=STOP_CHECK_SECONDS)
    try:
        if batch.future is not None:
            return list(batch.future.result())
        return list(analyse_articles(batch.articles, nlp, batch_size=len(batch.articles)))
    except Exception:  # noqa: BLE001 - isolate the article that fails
        pass
    analyses: list[ArticleAnalysis | Exception] = []
    for article in batch.articles:
        try:
            analyses.extend(analyse_articles([article], nlp))
        except Exception as error:  # noqa: BLE001
            analyses.append(error)
    return analyses


def _store(
    engine: Engine,
    nlp: Language,
    batches: list[_Batch],
    duplicate_threshold: float,
    upload_id: int | None = None,
    budget: AnalysisBudget | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """Store the batches in one transaction; sets each batch's results, one per article, in
    order."""
    if should_stop is not None and should_stop():
        raise _Stopped
    analysed = [_analyses(batch, nlp, budget, should_stop) for batch in batches]
    stored = iter(
        add_analyses(
            engine,
            [a for analyses in analysed for a in analyses if not isinstance(a, Exception)],
            duplicate_threshold=duplicate_threshold,
            upload_id=upload_id,
        )
    )
    for batch, analyses in zip(batches, analysed, strict=True):
        results = []
        for article, analysis in zip(batch.articles, analyses, strict=True):
            if isinstance(analysis, OverBudget):
                results.append(
                    StoreResult(
                        _name(article), "rejected", title=article.title, reason=str(analysis)
                    )
                )
            elif isinstance(analysis, Exception):
                reason = f"the analysis failed ({type(analysis).__name__})"
                results.append(
                    StoreResult(_name(article), "rejected", title=article.title, reason=reason)
                )
            else:
                results.append(next(stored))
        batch.results = results


def _due(unstored: deque[_Batch]) -> list[_Batch]:
    """The front batch and the batches analysed elsewhere that are ready behind it, up to
    ``WRITE_SIZE`` articles, taken off ``unstored``: stored together, in one transaction (a
    writer that falls behind its workers catches up with larger writes, which cost less an
    article)."""
    due = [unstored.popleft()]
    n_articles = len(due[0].articles)
    while (
        unstored
        and unstored[0].future is not None
        and unstored[0].ready
        and n_articles + len(unstored[0].articles) <= WRITE_SIZE
    ):
        n_articles += len(unstored[0].articles)
        due.append(unstored.popleft())
    return due


def _ingest(
    engine: Engine,
    nlp: Language,
    items: Iterable[Article | StoreResult],
    *,
    batch_size: int,
    n_process: int,
    duplicate_threshold: float | None,
    upload_id: int | None = None,
    budget: AnalysisBudget | None = None,
    should_stop: Callable[[], bool] | None = None,
    cluster: BatchWorkers | None = None,
) -> Generator[StoreResult]:
    """``ingest_articles`` for a stream in which some inputs were rejected already."""
    threshold = (
        load_settings().duplicate_threshold if duplicate_threshold is None else duplicate_threshold
    )
    seen: dict[str, int | None] = {}  # content hash -> id, for repeats within the stream
    queue: deque[StoreResult | _Repeat | _Waiting] = deque()  # in input order
    unstored: deque[_Batch] = deque()  # launched, in order
    ahead = BATCHES_AHEAD_PER_PROCESS * (n_process if cluster is None else cluster.n_workers)
    with ExitStack() as stack:
        workers: AnalysisWorkers | BatchWorkers | None = cluster if budget is None else None

        def launch(batch: _Batch, *, more_may_come: bool) -> None:
            nonlocal workers
            if workers is None and n_process > 1 and more_may_come and budget is None:
                workers = stack.enter_context(AnalysisWorkers(nlp, n_process))
            if workers is not None:
                with suppress(RuntimeError):  # a broken pool: the batch is analysed here
                    batch.future = workers.submit(batch.articles)
            unstored.append(batch)

        def stop_requested() -> bool:
            return should_stop is not None and should_stop()

        def reported(*, finish: bool) -> Iterator[StoreResult]:
            """Store the batches that are due, then report what is settled at the front (also
            when the load is stopped: every stored article is reported). A stop is acted on
            at once, not once the front batch is analysed (``_store`` raises ``_Stopped``)."""
            while unstored and (
                finish or len(unstored) > ahead or unstored[0].ready or stop_requested()
            ):
                due = _due(unstored)
                try:
                    _store(engine, nlp, due, threshold, upload_id, budget, should_stop)
                except _Stopped:
                    yield from settled()
                    raise
                for batch in due:
                    assert batch.results is not None
                    for article, result in zip(batch.articles, batch.results, strict=True):
                        seen[article.content_hash] = result.article_id
            yield from settled()

        def settled() -> Iterator[StoreResult]:
            """The results at the front of the queue whose batch is stored, in input order."""
            while queue:
                head = queue[0]
                if isinstance(head, _Waiting):
                    if head.batch.results is None:
                        return
                    queue.popleft()
                    yield head.batch.results[head.position]
                elif isinstance(head, _Repeat):
                    queue.popleft()
                    yield StoreResult(head.name, "already present", seen[head.key], head.title)
                else:
                    queue.popleft()
                    yield head

        batch = _Batch()
        for item in items:
            if isinstance(item, StoreResult):
                queue.append(item)
            else:
                article = clean_article(item)
                name = _name(item)
                key = article.content_hash
                if not article.body.strip():
                    reason = NO_TEXT_LEFT
                    queue.append(StoreResult(name, "rejected", title=article.title, reason=reason))
                elif key in seen:
                    queue.append(_Repeat(name, article.title, key))
                elif (existing := stored_article_id(engine, key)) is not None:
                    queue.append(StoreResult(name, "already present", existing, article.title))
                else:
                    seen[key] = None
                    queue.append(_Waiting(batch, len(batch.articles)))
                    batch.articles.append(article)
                    if len(batch.articles) == batch_size:
                        launch(batch, more_may_come=True)
                        batch = _Batch()
            yield from reported(finish=False)
        if batch.articles:
            launch(batch, more_may_come=False)
        yield from reported(finish=True)


def _stoppable(results: Generator[StoreResult]) -> Generator[StoreResult]:
    """The results until ``should_stop`` says to stop (the workers are stopped by then)."""
    try:
        yield from results
    except _Stopped:
        return


def ingest_articles(
    engine: Engine,
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    duplicate_threshold: float | None = None,
    upload_id: int | None = None,
    budget: AnalysisBudget | None = None,
    should_stop: Callable[[], bool] | None = None,
    cluster: BatchWorkers | None = None,
) -> Generator[StoreResult]:
    """Clean, analyse and store the articles, yielding one result per article in order.

    Each stored article joins the cluster of the stored articles it is a near-duplicate of
    (``duplicate_threshold``; None: the ``NEWS_DUPLICATE_THRESHOLD`` setting).

    An article without a language tag gets the detected one. Articles are analysed and
    stored ``batch_size`` at a time, and each batch is reported once it is stored. With
    ``n_process`` above 1, once there is more than one batch, the analysis runs in that many
    worker processes (``analytics.workers``), a few batches ahead, while this process
    cleans, stores and reports.

    The articles stored are marked as part of the upload ``upload_id`` (``store.start_upload``:
    one per dashboard upload or command-line ``add``), so they can be deleted together.

    An article already stored (same content hash), or met earlier in the same stream, is not
    analysed again. An article whose analysis fails is rejected on its own; the others are
    stored.

    With a ``budget`` (the dashboard's uploads), each article is analysed in a worker process
    that is stopped when it takes more time or memory than the budget allows, and the article
    is rejected with a reason naming the setting (``n_process`` is then not used).

    ``should_stop`` is asked before each batch is analysed and, with a budget, before each
    article: once it returns True the load ends there, with no further results: the batches
    stored so far stay, the current one is not stored. (It may also raise, as a Streamlit
    rerun does, with the same outcome.)

    With a ``cluster`` (``analytics.cluster.ClusterWorkers``, opened and closed by the caller)
    every batch is analysed there instead, ``n_process`` unused; a batch that fails there is
    analysed here article by article.
    """
    return _stoppable(
        _ingest(
            engine,
            nlp,
            articles,
            batch_size=batch_size,
            n_process=n_process,
            duplicate_threshold=duplicate_threshold,
            upload_id=upload_id,
            budget=budget,
            should_stop=should_stop,
            cluster=cluster,
        )
    )


def _rejection(outcome: ReadOutcome) -> Article | StoreResult:
    return StoreResult(outcome.name, "rejected", reason=outcome.error)


def ingest_outcomes(
    engine: Engine,
    nlp: Language,
    outcomes: Iterable[ReadOutcome],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    duplicate_threshold: float | None = None,
    upload_id: int | None = None,
    budget: AnalysisBudget | None = None,
    should_stop: Callable[[], bool] | None = None,
    cluster: BatchWorkers | None = None,
) -> Generator[StoreResult]:
    """Like ``ingest_articles`` for read results: an unreadable input gives one rejection.

    The articles of every file go through one stream, so many small files are batched (and
    analysed by the worker processes) together.
    """
    items: Iterable[Article | StoreResult] = chain.from_iterable(
        outcome.articles if outcome.ok else [_rejection(outcome)] for outcome in outcomes
    )
    return _stoppable(
        _ingest(
            engine,
            nlp,
            items,
            batch_size=batch_size,
            n_process=n_process,
            duplicate_threshold=duplicate_threshold,
            upload_id=upload_id,
            budget=budget,
            should_stop=should_stop,
            cluster=cluster,
        )
    )


#: How each kind of batch file names what its articles come from.
_BATCH_UNITS = {
    ".csv": ("CSV", "rows"),
    ".tsv": ("TSV", "rows"),
    ".jsonl": ("JSON Lines file", "lines"),
}


def _too_many_articles(outcome: ReadOutcome, cap: int) -> str:
    suffix = "." + outcome.name.rsplit(".", 1)[-1].lower() if "." in outcome.name else ""
    kind, unit = _BATCH_UNITS.get(suffix, ("file", "articles"))
    return (
        f"this {kind} has {len(outcome.articles):,} {unit}; at most {cap:,} articles per file "
        "(NEWS_MAX_ARTICLES_PER_FILE)"
    )


def capped_outcomes(outcomes: Iterable[ReadOutcome], limits: Limits) -> list[ReadOutcome]:
    """The read files of an upload, each file with more articles than
    ``NEWS_MAX_ARTICLES_PER_FILE`` rejected as a whole (before any analysis)."""
    cap = limits.max_articles_per_file
    return [
        ReadOutcome(outcome.name, error=_too_many_articles(outcome, cap), warnings=outcome.warnings)
        if len(outcome.articles) > cap
        else outcome
        for outcome in outcomes
    ]


def upload_size_error(n_articles: int, limits: Limits) -> str | None:
    """Why an upload of ``n_articles`` articles is refused as a whole, if it is
    (``NEWS_MAX_ARTICLES_PER_UPLOAD``)."""
    cap = limits.max_articles_per_upload
    if n_articles <= cap:
        return None
    return (
        f"This upload has {n_articles:,} articles; at most {cap:,} articles per upload "
        "(NEWS_MAX_ARTICLES_PER_UPLOAD). Nothing was added: upload fewer at a time."
    )


def result_names(
    outcomes: Iterable[ReadOutcome], articles: Iterable[Article] = ()
) -> list[tuple[str, str]]:
    """The name and title of each result that ``ingest_outcomes`` gives for ``outcomes``
    (followed by ``ingest_articles`` for ``articles``), in order: what a stopped upload did not
    get to."""
    names: list[tuple[str, str]] = []
    for outcome in outcomes:
        if outcome.ok:
            names.extend((_name(article), article.title) for article in outcome.articles)
        else:
            names.append((outcome.name, ""))
    names.extend((_name(article), article.title) for article in articles)
    return names
