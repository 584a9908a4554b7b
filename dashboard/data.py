"""The dashboard's data access and the one place where caching happens.

- The database engine and the spaCy model are cached resources (one per process).
- Store queries are cached data (``cached``) with bounded size, keyed by small hashable inputs:
  the ``ArticleFilter``, the options, and the store's version (number of articles and highest
  id). The version is read on every rerun with one cheap query, so articles added by an upload,
  by another session or by the command line show up at once on every page, with no restart.
  A cached query keeps the store function's signature, without the engine:
  ``data.entity_counts(flt, top=20)``.
- No analysis runs during a page's rerun; only ``ingest_uploads`` analyses, for new uploads.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store, upgrade
from analytics.analysis import warm_up
from analytics.concordance import concordance
from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.keyness import keyness
from analytics.models import Article, ReadOutcome
from analytics.nlp import load_model
from analytics.pipeline import ingest_articles, ingest_outcomes
from analytics.readers import read_path, read_upload_files
from analytics.settings import Settings, load_settings
from analytics.store import StoreResult

P = ParamSpec("P")
R = TypeVar("R")

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"
MAX_ENTRIES = 64  # results kept per cached query


def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner=False)
def store_engine(db_url: str) -> Engine:
    return store.create_store_engine(db_url)


@st.cache_resource(show_spinner="Loading the language model…")
def language_model(name: str) -> Language:
    nlp = load_model(name)
    warm_up(nlp)
    return nlp


def engine() -> Engine:
    return store_engine(settings().db_url)


@st.cache_resource(show_spinner=False)
def _needs_upgrade(db_url: str) -> bool:
    return upgrade.needs_upgrade(store_engine(db_url))


def store_needs_upgrade() -> bool:
    """Whether the store was written by an older version and must be analysed again (checked
    once per store and process, not on every rerun)."""
    return _needs_upgrade(settings().db_url)


def n_articles_to_upgrade() -> int:
    return upgrade.n_articles_to_upgrade(engine())


def upgrade_store() -> Iterator[StoreResult]:
    """Analyse the stored articles again with this version (see ``analytics.upgrade``); the
    caches are cleared when it is done."""
    nlp = language_model(settings().spacy_model)
    yield from upgrade.upgrade_store(engine(), nlp)
    _needs_upgrade.clear()
    st.cache_data.clear()


@st.cache_resource(show_spinner="Adding the sample articles…")
def seed_store(db_url: str) -> int:
    """Fill an empty store with the articles in ``seeds/`` (once per store and process)."""
    target = store_engine(db_url)
    if store.n_articles(target):
        return 0
    outcomes = list(read_path(SEED_DIR))
    nlp = language_model(settings().spacy_model)
    return sum(r.status == "added" for r in ingest_outcomes(target, nlp, outcomes))


def version() -> tuple[int, ...]:
    """The store's version, in the key of every cached query so new articles show at once."""
    return store.store_version(engine())


def cached(function: Callable[Concatenate[Engine, P], R]) -> Callable[P, R]:
    """The store query ``function`` as cached data, called with its own arguments but the
    engine: ``cached(store.entity_counts)(flt, top=20)``.

    Each query has a cache of its own, at most ``MAX_ENTRIES`` results, keyed by the database
    URL, the store's version (so new articles show at once) and the query's arguments, bound to
    its signature (a default given or left out, by position or by name, is one entry).
    """
    signature = inspect.signature(function)

    def query(db_url: str, store_version: tuple[int, ...], *args: Any, **kwargs: Any) -> R:
        return function(store_engine(db_url), *args, **kwargs)

    # Streamlit keys a function's cache by its module, qualified name and source: without a
    # name of its own, every query wrapped here would share one cache of MAX_ENTRIES.
    query.__name__ = query.__qualname__ = f"cached_{function.__name__}"
    cached_query = st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)(query)

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(None, *args, **kwargs)
        bound.apply_defaults()
        return cached_query(settings().db_url, version(), *bound.args[1:], **bound.kwargs)

    return call


corpus_summary = cached(store.corpus_summary)
article_table = cached(store.article_table)
readability_table = cached(store.readability_table)
flag_table = cached(store.flag_table)
flag_counts = cached(store.flag_counts)
measure_values = cached(store.measure_values)
readability_medians = cached(store.readability_medians)
term_frequencies = cached(store.term_frequencies)
term_by_article = cached(store.term_by_article)
entity_counts = cached(store.entity_counts)
entity_aliases = cached(store.entity_aliases)
label_totals = cached(store.label_totals)
entity_by_article = cached(store.entity_by_article)
entity_sentences = cached(store.entity_sentences)
language_counts = cached(store.language_counts)
entity_pairs = cached(store.entity_pairs)
pair_sentences = cached(store.pair_sentences)
article_detail = cached(store.article_detail)
article_sentences = cached(store.article_sentences)
article_mentions = cached(store.article_mentions)
articles_by_date = cached(store.articles_by_date)
mentions_by_date = cached(store.mentions_by_date)
duplicate_summary = cached(store.duplicate_summary)
near_duplicates = cached(store.near_duplicates)
group_sizes = cached(store.group_sizes)
group_token_totals = cached(store.group_token_totals)
keyness_counts = cached(store.keyness_counts)
quote_table = cached(store.quote_table)
quoted_entities = cached(store.quoted_entities)
quote_summary = cached(store.quote_summary)
sources = cached(store.sources)
date_bounds = cached(store.date_bounds)
entity_corrections = cached(store.entity_corrections_table)


def keyness_table(
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
    unit: store.KeynessUnit = "terms",
    n: int = 1,
    stop_words: bool = False,
    lemmas: bool = False,
    labels: tuple[str, ...] | None = None,
    min_frequency: int = 1,
    require_a: bool = False,
) -> pd.DataFrame:
    """The keyness table of group A against group B, from the cached counts and token totals;
    the options are those of ``store.keyness_counts`` (group_b None: the rest of ``within``).
    Entities are set against the number of words, n-grams against the number of n-grams."""
    total_a, total_b = group_token_totals(
        group_a, group_b=group_b, within=within, n=1 if unit == "entities" else n
    )
    counts = keyness_counts(
        group_a,
        group_b=group_b,
        within=within,
        unit=unit,
        n=n,
        stop_words=stop_words,
        lemmas=lemmas,
        labels=labels,
        min_frequency=min_frequency,
        require_a=require_a,
    )
    return keyness(counts, total_a=total_a, total_b=total_b, min_frequency=min_frequency)


def _contexts(engine: Engine, flt: ArticleFilter, query: str, *, width: int) -> pd.DataFrame:
    texts = store.article_texts(engine, flt, containing=" ".join(query.split()))
    return concordance(texts, query, width=width)


_cached_contexts = cached(_contexts)


def contexts(flt: ArticleFilter, query: str, *, width: int = 60) -> pd.DataFrame:
    """Every occurrence of the query in the selected articles with its context (cached)."""
    return _cached_contexts(flt, query.strip(), width=width)


def merge_entities(*, entity: str, into: str, label: str) -> int:
    """Store a correction merging one entity row into another (every page follows)."""
    return store.merge_entities(engine(), entity=entity, into=into, label=label)


def split_alias(*, alias: str, label: str) -> int:
    """Store a correction giving an alias a row of its own."""
    return store.split_alias(engine(), alias=alias, label=label)


def remove_correction(correction_id: int) -> None:
    """Undo a stored entity correction."""
    store.remove_correction(engine(), correction_id)


def corpus_export_later(flt: ArticleFilter) -> Callable[[], pd.DataFrame]:
    """The corpus export as a function to run when the user asks for it (it holds every
    article's text, too large to build on every rerun)."""
    db_url = settings().db_url
    return lambda: store.corpus_export(store_engine(db_url), flt)


MAX_CHOICES = 1_000


def article_title(article_id: int) -> str | None:
    """The title of a stored article, or None if there is no such article."""
    detail = article_detail(article_id)
    return None if detail is None else str(detail["title"])


def article_choices(flt: ArticleFilter) -> pd.DataFrame:
    """Articles to choose from (article_id, title), the most recently added first; at most
    ``MAX_CHOICES`` (narrow a larger corpus with the sidebar's search)."""
    return article_table(flt, limit=MAX_CHOICES)[["article_id", "title"]]


def read_uploads(files: tuple[tuple[str, bytes], ...]) -> list[ReadOutcome]:
    """Each uploaded file read into articles, or rejected with a reason, within the settings'
    caps; a ZIP archive gives one outcome per entry, so a bad entry shows as its own row."""
    return read_upload_files(files, limits=settings())


def ingest_uploads(outcomes: list[ReadOutcome], pasted: Article | None) -> Iterator[StoreResult]:
    """Analyse and store the uploaded articles, yielding each result as it is stored."""
    target = engine()
    nlp = language_model(settings().spacy_model)
    threshold = settings().duplicate_threshold
    yield from ingest_outcomes(target, nlp, outcomes, duplicate_threshold=threshold)
    if pasted is not None:
        yield from ingest_articles(target, nlp, [pasted], duplicate_threshold=threshold)
