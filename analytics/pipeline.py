"""Ingesting articles: clean, skip what is stored already, analyse in batches, store each.

This is the one path by which articles get into the store, used by the command line and the
dashboard's upload page alike. Results come back per article, in order, as soon as each batch
is stored, so a caller can show progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from spacy.language import Language
from sqlalchemy import Engine

from analytics.analysis import DEFAULT_BATCH_SIZE, ArticleAnalysis, analyse_articles
from analytics.cleaning import clean_article
from analytics.language import detect_language
from analytics.models import Article, ReadOutcome
from analytics.settings import load_settings
from analytics.store import StoreResult, add_analyses, stored_article_id

NO_TEXT_LEFT = "no article text left after removing web boilerplate"
#: Batches per chunk when spaCy runs in worker processes.
PROCESS_CHUNK = 16


class _Repeat(NamedTuple):
    """An article met earlier in the same stream: reported with the first one's id."""

    name: str
    title: str
    key: str


def _name(article: Article) -> str:
    return article.file_name or article.title or "pasted text"


def _analyses(
    articles: list[Article], nlp: Language, batch_size: int, n_process: int = 1
) -> Iterator[ArticleAnalysis | Exception]:
    """Analyses of the articles, in order, as they are computed; if a batch fails, each
    article from the first one not yet analysed on is tried alone."""
    n_done = 0
    try:
        for analysis in analyse_articles(articles, nlp, batch_size=batch_size, n_process=n_process):
            yield analysis
            n_done += 1
        return
    except Exception:  # noqa: BLE001 - isolate the article that fails
        pass
    for article in articles[n_done:]:
        try:
            yield from analyse_articles([article], nlp)
        except Exception as error:  # noqa: BLE001
            yield error


def _stored(
    engine: Engine,
    analyses: Iterator[ArticleAnalysis | Exception],
    batch_size: int,
    duplicate_threshold: float,
) -> Iterator[tuple[ArticleAnalysis | Exception, StoreResult | None]]:
    """Each analysis with the result of storing it (None for a failed analysis), stored
    ``batch_size`` at a time as they come: with spaCy in worker processes, this process
    stores a batch while the workers analyse the next ones."""
    while part := list(islice(analyses, batch_size)):
        results = iter(
            add_analyses(
                engine,
                [a for a in part if not isinstance(a, Exception)],
                duplicate_threshold=duplicate_threshold,
            )
        )
        for analysis in part:
            yield analysis, None if isinstance(analysis, Exception) else next(results)


def ingest_articles(
    engine: Engine,
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    duplicate_threshold: float | None = None,
) -> Iterator[StoreResult]:
    """Clean, analyse and store the articles, yielding one result per article in order.

    Each stored article joins the cluster of the stored articles it is a near-duplicate of
    (``duplicate_threshold``; None: the ``NEWS_DUPLICATE_THRESHOLD`` setting).

    An article without a language tag gets the detected one (``detect_language``). With
    ``n_process`` above 1, spaCy runs in worker processes over chunks of ``PROCESS_CHUNK``
    batches (starting the workers costs about a second, so they must get a long run).

    An article already stored (same content hash), or met earlier in the same stream, is not
    analysed again. An article whose analysis fails is rejected on its own; the others are
    stored.
    """
    if duplicate_threshold is None:
        duplicate_threshold = load_settings().duplicate_threshold
    stream = iter(articles)
    seen: dict[str, int | None] = {}
    chunk = batch_size if n_process == 1 else batch_size * PROCESS_CHUNK
    while batch := list(islice(stream, chunk)):
        slots: list[StoreResult | Article | _Repeat] = []
        for raw in batch:
            article = clean_article(raw)
            if not article.language:
                article = article.with_changes(language=detect_language(article.body))
            name = _name(raw)
            key = article.content_hash
            if not article.body.strip():
                slots.append(
                    StoreResult(name, "rejected", title=article.title, reason=NO_TEXT_LEFT)
                )
            elif key in seen:
                slots.append(_Repeat(name, article.title, key))
            elif (existing := stored_article_id(engine, key)) is not None:
                slots.append(StoreResult(name, "already present", existing, article.title))
            else:
                seen[key] = None
                slots.append(article)
        to_analyse = [slot for slot in slots if isinstance(slot, Article)]
        processes = n_process if len(to_analyse) > batch_size else 1
        stored = _stored(
            engine,
            _analyses(to_analyse, nlp, batch_size, processes),
            batch_size,
            duplicate_threshold,
        )
        for slot in slots:
            if isinstance(slot, StoreResult):
                yield slot
                continue
            if isinstance(slot, _Repeat):
                yield StoreResult(slot.name, "already present", seen[slot.key], slot.title)
                continue
            analysis, result = next(stored)
            if result is None:
                reason = f"the analysis failed ({type(analysis).__name__})"
                yield StoreResult(_name(slot), "rejected", title=slot.title, reason=reason)
                continue
            seen[slot.content_hash] = result.article_id
            yield result


def ingest_outcomes(
    engine: Engine,
    nlp: Language,
    outcomes: Iterable[ReadOutcome],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    duplicate_threshold: float | None = None,
) -> Iterator[StoreResult]:
    """Like ``ingest_articles`` for read results: an unreadable input gives one rejection."""
    for outcome in outcomes:
        if not outcome.ok:
            yield StoreResult(outcome.name, "rejected", reason=outcome.error)
            continue
        yield from ingest_articles(
            engine,
            nlp,
            outcome.articles,
            batch_size=batch_size,
            n_process=n_process,
            duplicate_threshold=duplicate_threshold,
        )
