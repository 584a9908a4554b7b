"""Analysing articles in worker processes: spaCy and the whole analysis run there.

On two cores a bulk load is faster when the model runs in worker processes while the main
process reads, cleans and stores. spaCy's own ``nlp.pipe(n_process=...)`` sends every
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
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.lifecycle import watch_parent
from analytics.models import Article

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

    def close(self) -> None:
        """Stop the workers, dropping batches that have not started."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisWorkers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
