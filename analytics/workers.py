"""Analysing articles in worker processes: spaCy and the whole analysis run there.

Two kinds of workers, for two kinds of load:

- ``AnalysisWorkers``: the command line's bulk loads, fast, with no budget (below).
- ``analyse_within_budget``: an upload of the dashboard, each article with a time and memory
  budget (``AnalysisBudget``: ``NEWS_ANALYSIS_TIMEOUT_S``, ``NEWS_ANALYSIS_MEMORY_MB``).

**The budget.** An article from an unknown sender can take minutes and gigabytes to analyse
(a 1.7 MB upload of words and emoji took 80 s and 5.9 GB in the server process). Each such
article is analysed by one call to a warm worker of the parsing sandbox (``analytics.sandbox``,
a pool of its own): the sandbox already kills a call that runs over its time or its memory,
throws the worker away and starts a fresh one for the next call, and its workers are plain
``subprocess`` interpreters, which the multi-threaded Streamlit server can start safely (a
fork there is not safe). A worker imports ``analytics.analysis_worker`` before its first call,
which loads the model once (the one ``NEWS_SPACY_MODEL`` names, like the dashboard's), so each
article costs one pipe round trip of well under a millisecond; one article a call is no slower
than ``nlp.pipe`` batches (measured: 0.9x the time, on 128 news articles) and makes the budget
exactly per article. The article over its budget is rejected with a reason naming the setting;
the others are analysed and stored as usual (the pipeline stores in batches, each one
transaction). The time spent waiting for a free worker does not count.

Why not a time limit on this module's forked pool: a batch over its budget would have to be
retried article by article with the pool restarted, the memory could only be capped for the
whole pool, and forking the server is unsafe. The bulk path keeps the forked pool, unchanged.

**Bulk loads.** On two cores a bulk load is faster when the model runs in worker processes
while the main process reads, cleans and stores. spaCy's own ``nlp.pipe(n_process=...)`` sends every
``Doc`` back serialised, which the main process then spends about 6 ms an article
unpacking, and it starts its workers again for every call. Here the workers are started
once per load, analyse a whole batch of articles each (``analyse_articles``) and send back
only the plain results, which is all that storing needs.

The workers are forked where the platform can, so they share the model the main process has
already loaded instead of loading it again. A worker never outlives the process that started
it, however that process ends (``analytics.lifecycle``).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from spacy.language import Language

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.lifecycle import watch_parent
from analytics.models import Article
from analytics.sandbox import SandboxError, SandboxMemoryError, SandboxTimeout, WorkerPool
from analytics.settings import Limits

#: The model of a worker process, set once when the worker starts.
_worker_nlp: Language | None = None


def _start_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp
    watch_parent()


def _analyse_in_worker(articles: list[Article]) -> list[ArticleAnalysis]:
    if _worker_nlp is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("the worker process has no model")
    return list(analyse_articles(articles, _worker_nlp, batch_size=len(articles)))


class AnalysisWorkers:
    """A pool of ``n_process`` worker processes that analyse batches of articles.

    Use it as a context manager, so the processes end with the load.
    """

    def __init__(self, nlp: Language, n_process: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=n_process,
            mp_context=context,
            initializer=_start_worker,
            initargs=(nlp,),
        )

    def submit(self, articles: list[Article]) -> Future[list[ArticleAnalysis]]:
        """The analyses of ``articles`` (in order), computed by the next free worker."""
        return self._pool.submit(_analyse_in_worker, articles)

    def close(self, *, now: bool = False) -> None:
        """Stop the workers, dropping batches that have not started; ``now``: also the
        batches under way (their futures fail), instead of waiting for them."""
        # the pool keeps its processes privately and forgets them on shutdown
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        if now:
            for process in processes:
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join()

    def __enter__(self) -> AnalysisWorkers:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_exc: object) -> None:
        """A load that ends with an exception (stopped, interrupted, failed) does not wait
        for the batches under way: nothing would store them."""
        self.close(now=exc_type is not None)


# --- one article at a time, within a budget ----------------------------------------------------

#: The module an analysis worker imports before its first call: it loads the model.
WORKER_MODULE = "analytics.analysis_worker"
#: Calls a budgeted worker serves before it is replaced (spaCy's string store only grows).
MAX_CALLS_PER_WORKER = 2000


@dataclass(frozen=True)
class AnalysisBudget:
    """The seconds and the memory (MB) that the analysis of one article may take."""

    timeout_s: float = 60
    memory_mb: int = 2048

    @classmethod
    def of(cls, limits: Limits) -> AnalysisBudget:
        """The budget the settings give (``NEWS_ANALYSIS_TIMEOUT_S``, ``…_MEMORY_MB``)."""
        return cls(timeout_s=limits.analysis_timeout_s, memory_mb=limits.analysis_memory_mb)


class OverBudget(Exception):
    """The analysis of an article was stopped; the message says why, naming the setting."""


def timeout_reason(timeout_s: float) -> str:
    return f"the analysis took longer than {timeout_s:g} s (NEWS_ANALYSIS_TIMEOUT_S)"


def memory_reason(memory_mb: int) -> str:
    return f"the analysis needed more than {memory_mb} MB of memory (NEWS_ANALYSIS_MEMORY_MB)"


def _analyse_one(article: Article) -> ArticleAnalysis:
    """Run in a budgeted worker, whose model ``analytics.analysis_worker`` has loaded."""
    if _worker_nlp is None:  # pragma: no cover - the worker module loads it first
        raise RuntimeError("the analysis worker has no model")
    (analysis,) = analyse_articles([article], _worker_nlp, batch_size=1)
    return analysis


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def budget_pool() -> WorkerPool:
    """The warm workers of budgeted analyses, shared by every upload of this process (at most
    one call per core at once, two workers kept warm between uploads)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WorkerPool(preload=(WORKER_MODULE,), max_idle=2, max_calls=MAX_CALLS_PER_WORKER)
        return _POOL


def analyse_within_budget(article: Article, budget: AnalysisBudget) -> ArticleAnalysis:
    """The analysis of one article, computed in a budgeted worker.

    Raises ``OverBudget`` when it takes longer or more memory than ``budget`` allows, or when
    the worker dies; an exception of the analysis itself is raised as it is.
    """
    try:
        return budget_pool().run(
            _analyse_one, article, timeout_s=budget.timeout_s, memory_mb=budget.memory_mb
        )
    except SandboxTimeout:
        raise OverBudget(timeout_reason(budget.timeout_s)) from None
    except SandboxMemoryError:
        raise OverBudget(memory_reason(budget.memory_mb)) from None
    except SandboxError:
        raise OverBudget("the analysis stopped unexpectedly (its worker process crashed)") from None
