"""The dashboard's data access and the one place where caching happens.

- The database engine and the spaCy model are cached resources (one per process).
- Query results are cached data with bounded size, keyed by small hashable inputs: the
  ``ArticleFilter``, the options, and the store's version (number of articles and highest id).
  The version is read on every rerun with one cheap query, so articles added by an upload, by
  another session or by the command line show up at once on every page, with no restart.
- No analysis runs during a page's rerun; only ``ingest_uploads`` analyses, for new uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store, upgrade
from analytics.analysis import warm_up
from analytics.concordance import concordance
from analytics.keyness import keyness
from analytics.models import Article, ReadOutcome
from analytics.nlp import load_model
from analytics.pipeline import ingest_articles, ingest_outcomes
from analytics.readers import read_path, read_upload_files
from analytics.settings import Settings, load_settings
from analytics.store import ArticleFilter, StoreResult

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"
MAX_ENTRIES = 64


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
    """The store's version; pass it to every cached query so new articles show at once."""
    return store.store_version(engine())


QUERIES: dict[str, Callable[..., Any]] = {
    function.__name__: function
    for function in (
        store.corpus_summary,
        store.article_table,
        store.readability_table,
        store.flag_table,
        store.flag_counts,
        store.measure_values,
        store.readability_medians,
        store.term_frequencies,
        store.term_by_article,
        store.entity_counts,
        store.entity_aliases,
        store.label_totals,
        store.entity_by_article,
        store.entity_sentences,
        store.language_counts,
        store.entity_pairs,
        store.pair_sentences,
        store.article_detail,
        store.article_sentences,
        store.article_mentions,
        store.articles_by_date,
        store.mentions_by_date,
        store.duplicate_summary,
        store.near_duplicates,
        store.group_sizes,
        store.group_token_totals,
        store.keyness_counts,
        store.quote_table,
        store.quoted_entities,
        store.quote_summary,
    )
}


@st.cache_data(max_entries=MAX_ENTRIES * len(QUERIES), show_spinner=False)
def _query(
    name: str,
    db_url: str,
    key: ArticleFilter | int,
    store_version: tuple[int, ...],
    options: tuple[tuple[str, Any], ...],
) -> Any:
    return QUERIES[name](store_engine(db_url), key, **dict(options))


def _query_function(name: str) -> Callable[..., Any]:
    """The cached form of the store query ``name``: called with a filter (or an article id)
    and the query's keyword options."""

    def call(key: ArticleFilter | int, **options: Any) -> Any:
        return _query(name, settings().db_url, key, version(), tuple(sorted(options.items())))

    call.__name__ = name
    call.__doc__ = QUERIES[name].__doc__
    return call


corpus_summary = _query_function("corpus_summary")
article_table = _query_function("article_table")
readability_table = _query_function("readability_table")
flag_table = _query_function("flag_table")
flag_counts = _query_function("flag_counts")
measure_values = _query_function("measure_values")
readability_medians = _query_function("readability_medians")
term_frequencies = _query_function("term_frequencies")
term_by_article = _query_function("term_by_article")
entity_counts = _query_function("entity_counts")
entity_aliases = _query_function("entity_aliases")
label_totals = _query_function("label_totals")
entity_by_article = _query_function("entity_by_article")
entity_sentences = _query_function("entity_sentences")
language_counts = _query_function("language_counts")
entity_pairs = _query_function("entity_pairs")
pair_sentences = _query_function("pair_sentences")
article_detail = _query_function("article_detail")
article_sentences = _query_function("article_sentences")
article_mentions = _query_function("article_mentions")
articles_by_date = _query_function("articles_by_date")
mentions_by_date = _query_function("mentions_by_date")
duplicate_summary = _query_function("duplicate_summary")
near_duplicates = _query_function("near_duplicates")
group_sizes = _query_function("group_sizes")
group_token_totals = _query_function("group_token_totals")
keyness_counts = _query_function("keyness_counts")


def keyness_table(group_a: ArticleFilter, **options: Any) -> pd.DataFrame:
    """The keyness table of group A against group B, from the cached counts and token totals;
    ``options`` are those of ``store.keyness_counts`` (group_b None: the rest of ``within``).
    Entities are set against the number of words, n-grams against the number of n-grams."""
    groups = {name: options[name] for name in ("group_b", "within") if name in options}
    n = 1 if options.get("unit") == "entities" else options.get("n", 1)
    total_a, total_b = group_token_totals(group_a, n=n, **groups)
    return keyness(
        keyness_counts(group_a, **options),
        total_a=total_a,
        total_b=total_b,
        min_frequency=options.get("min_frequency", 1),
    )


quote_table = _query_function("quote_table")
quoted_entities = _query_function("quoted_entities")
quote_summary = _query_function("quote_summary")


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _concordance(
    db_url: str, flt: ArticleFilter, store_version: tuple[int, ...], query: str, width: int
) -> pd.DataFrame:
    texts = store.article_texts(store_engine(db_url), flt, containing=" ".join(query.split()))
    return concordance(texts, query, width=width)


def contexts(flt: ArticleFilter, query: str, *, width: int = 60) -> pd.DataFrame:
    """Every occurrence of the query in the selected articles with its context (cached)."""
    return _concordance(settings().db_url, flt, version(), query.strip(), width)


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _sources(db_url: str, store_version: tuple[int, ...]) -> list[str]:
    return store.sources(store_engine(db_url))


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _date_bounds(
    db_url: str, store_version: tuple[int, ...]
) -> tuple[dt.date | None, dt.date | None]:
    return store.date_bounds(store_engine(db_url))


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _entity_corrections(db_url: str, store_version: tuple[int, ...]) -> pd.DataFrame:
    return store.entity_corrections_table(store_engine(db_url))


def entity_corrections() -> pd.DataFrame:
    """The entity corrections in force (cached until the next change)."""
    return _entity_corrections(settings().db_url, version())


def merge_entities(*, entity: str, into: str, label: str) -> int:
    """Store a correction merging one entity row into another (every page follows)."""
    return store.merge_entities(engine(), entity=entity, into=into, label=label)


def split_alias(*, alias: str, label: str) -> int:
    """Store a correction giving an alias a row of its own."""
    return store.split_alias(engine(), alias=alias, label=label)


def remove_correction(correction_id: int) -> None:
    """Undo a stored entity correction."""
    store.remove_correction(engine(), correction_id)


def sources() -> list[str]:
    return _sources(settings().db_url, version())


def date_bounds() -> tuple[dt.date | None, dt.date | None]:
    return _date_bounds(settings().db_url, version())


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
