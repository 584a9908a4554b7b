"""Analysing articles on a Dask cluster: the command line's bulk loads past one machine.

``python -m analytics add --scheduler tcp://HOST:8786`` (or ``NEWS_DASK_SCHEDULER``) sends the
batches of a load to the workers of a Dask distributed cluster instead of the local worker
processes (``analytics.workers``); everything else is as on one machine: this process reads,
cleans, skips what is stored already and stores each batch, in order (``analytics.pipeline``).

- **The same analysis.** A task is one batch of ``Article``s in, their ``ArticleAnalysis`` out
  (``analyse_articles``, what the local pool runs): plain data both ways, nothing of Streamlit
  or of the store travels. The workers need this project and the spaCy model installed.
- **The model once per worker.** ``ModelPlugin`` loads the model when a worker joins (and on a
  worker that joins later, or is restarted); a task takes it from the process's cache
  (``analytics.nlp.load_model``), keyed by the model's name.
- **Faults.** A worker that dies in the middle of a batch costs a retry, not an article: the
  scheduler gives the batch to another worker (up to ``distributed.scheduler.allowed-failures``
  deaths); a batch whose analysis raises is tried again (``RETRIES``); a batch that still fails
  is analysed here article by article by the pipeline, which rejects only the article that
  fails. Results are stored in input order, each batch once (a batch's future is stored only
  when its result is in), and the content hash skips an article stored already.
- **Memory.** At most ``BATCHES_AHEAD_PER_PROCESS`` batches per worker thread are in flight
  (the pipeline's bound), so the client holds a few batches whatever the size of the load.
- **An unreachable scheduler** is found when connecting (``connect``, before any article is
  read): ``ClusterUnavailable`` says so in one sentence naming the address and the setting.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from distributed import Client, WorkerPlugin
from distributed import Future as DaskFuture

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.models import Article
from analytics.nlp import load_model

#: The seconds to wait for the scheduler to answer, and then for a first worker.
CONNECT_TIMEOUT_S = 5.0
#: Times a batch whose analysis raised is tried again (a lost worker is not counted here).
RETRIES = 2
#: Where the scheduler's address comes from, for the messages.
SETTING = "--scheduler / NEWS_DASK_SCHEDULER"


class ClusterUnavailable(RuntimeError):
    """The cluster cannot take the load; the message is one sentence for the user."""


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model on each worker when it joins, once per worker process."""

    name = "news-analytics-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load_model(self.model)


def analyse_batch(articles: list[Article], model: str) -> list[ArticleAnalysis]:
    """The task a worker runs: the analyses of ``articles``, in order (as the local pool's)."""
    return list(analyse_articles(articles, load_model(model), batch_size=len(articles)))


def connect(address: str, model: str, *, timeout_s: float = CONNECT_TIMEOUT_S) -> Client:
    """A client of the scheduler at ``address`` with at least one worker, each worker with
    ``model`` loaded.

    Raises ``ClusterUnavailable`` when the scheduler cannot be reached within ``timeout_s``,
    has no worker by then, or a worker cannot load the model.
    """
    try:
        client = Client(address, timeout=timeout_s, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError):
        raise ClusterUnavailable(
            f"The Dask scheduler at {address} cannot be reached within {timeout_s:g} s: start "
            f"it (dask scheduler) or correct the address ({SETTING})."
        ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout_s)
        except (OSError, TimeoutError):
            raise ClusterUnavailable(
                f"The Dask scheduler at {address} has no workers after {timeout_s:g} s: start "
                f"some (dask worker {address}) or correct the address ({SETTING})."
            ) from None
        try:
            client.register_plugin(ModelPlugin(model))
        except Exception as error:  # noqa: BLE001 - what the worker raised, in one sentence
            reason = str(error).split(". ")[0].rstrip(".")
            raise ClusterUnavailable(
                f"A worker of the Dask cluster at {address} cannot load the spaCy model "
                f"{model!r} ({reason})."
            ) from None
    except BaseException:
        client.close()
        raise
    return client


class ClusterWorkers:
    """The workers of a Dask cluster, in the shape of ``AnalysisWorkers``: ``submit`` a batch,
    get a ``concurrent.futures.Future`` of its analyses; ``close`` at the end.

    Use it as a context manager, so the connection ends with the load (and batches not yet
    analysed are cancelled).
    """

    def __init__(self, client: Client, model: str, *, retries: int = RETRIES) -> None:
        self.client = client
        self.model = model
        self.retries = retries
        self._pending: set[DaskFuture] = set()

    @classmethod
    def connect(
        cls, address: str, model: str, *, timeout_s: float = CONNECT_TIMEOUT_S
    ) -> ClusterWorkers:
        """``connect`` to the scheduler, as a ``ClusterWorkers``."""
        return cls(connect(address, model, timeout_s=timeout_s), model)

    @property
    def n_workers(self) -> int:
        """The threads analysing at once (each worker's threads, summed), at least one."""
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, articles: list[Article]) -> Future[list[ArticleAnalysis]]:
        """The analyses of ``articles`` (in order), computed on the cluster."""
        remote = self.client.submit(
            analyse_batch, list(articles), self.model, pure=False, retries=self.retries
        )
        local: Future[list[ArticleAnalysis]] = Future()
        local.set_running_or_notify_cancel()
        self._pending.add(remote)

        def settle(done: DaskFuture) -> None:
            self._pending.discard(done)
            try:
                local.set_result(done.result())
            except BaseException as error:  # noqa: BLE001 - the pipeline retries it here
                local.set_exception(error)

        remote.add_done_callback(settle)
        return local

    def close(self) -> None:
        """Cancel the batches not analysed yet and close the connection."""
        pending = list(self._pending)
        if pending:
            self.client.cancel(pending)
        self.client.close()

    def __enter__(self) -> ClusterWorkers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
