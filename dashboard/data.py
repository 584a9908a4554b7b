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

import datetime as dt
import functools
import inspect
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain
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
from analytics.workers import AnalysisBudget
from dashboard import access

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
    if store.is_read_only(target) or store.n_articles(target):
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
n_articles_mentioning = cached(store.n_articles_mentioning)
entity_sentences = cached(store.entity_sentences)
entity_sentence_totals = cached(store.entity_sentence_totals)
place_counts = cached(store.place_counts)
country_counts = cached(store.country_counts)
unresolved_places = cached(store.unresolved_places)
n_articles = cached(store.n_articles)
language_counts = cached(store.language_counts)
entity_pairs = cached(store.entity_pairs)
pair_sentences = cached(store.pair_sentences)
pair_sentence_totals = cached(store.pair_sentence_totals)
_n_articles_containing = cached(store.n_articles_containing)
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
quote_totals = cached(store.quote_totals)
quoted_entities = cached(store.quoted_entities)
quote_summary = cached(store.quote_summary)
sources = cached(store.sources)
date_bounds = cached(store.date_bounds)
entity_corrections = cached(store.entity_corrections_table)
metadata_values = cached(store.metadata_values)
upload_table = cached(store.upload_table)
article_metadata_values = cached(store.article_metadata_values)


def metadata_choices() -> dict[str, list[str]]:
    """The kept metadata columns offered as filters and groups (at most
    ``store.MAX_FILTER_VALUES`` distinct values each), key to its values."""
    choices: dict[str, list[str]] = {}
    for key, value in metadata_values()[["key", "value"]].itertuples(index=False):
        choices.setdefault(str(key), []).append(str(value))
    return choices


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


#: A concordance looks in the first ``CONTEXT_ARTICLES`` articles containing the query and
#: lists at most ``CONTEXT_ROWS`` occurrences ("Download all" has every one).
CONTEXT_ARTICLES = 500
CONTEXT_ROWS = 2_000


def _contexts(
    engine: Engine, flt: ArticleFilter, query: str, *, width: int, everything: bool = False
) -> pd.DataFrame:
    limit = None if everything else CONTEXT_ARTICLES
    texts = store.article_texts(engine, flt, containing=" ".join(query.split()), limit=limit)
    return concordance(texts, query, width=width, limit=sys.maxsize if everything else CONTEXT_ROWS)


_cached_contexts = cached(_contexts)


def contexts(flt: ArticleFilter, query: str, *, width: int = 60) -> pd.DataFrame:
    """Every occurrence of the query in the selected articles with its context (cached)."""
    return _cached_contexts(flt, query.strip(), width=width)


def n_context_articles(flt: ArticleFilter, query: str) -> int:
    """How many selected articles contain the query (``contexts`` looks in the first
    ``CONTEXT_ARTICLES`` of them)."""
    return _n_articles_containing(flt, containing=" ".join(query.split()))


def contexts_later(flt: ArticleFilter, query: str, *, width: int) -> Callable[[], pd.DataFrame]:
    """Every occurrence of the query in every selected article, in text order, as a function
    to run when the user asks for it ("Download all")."""
    return _later(_contexts, flt, query.strip(), width=width, everything=True)


def merge_entities(*, entity: str, into: str, label: str) -> int:
    """Store a correction merging one entity row into another (every page follows); raises
    ``access.Refused`` for a user who may not correct entities."""
    access.check("correct")
    user = access.user_name()
    return store.merge_entities(engine(), entity=entity, into=into, label=label, user=user)


def split_alias(*, alias: str, label: str) -> int:
    """Store a correction giving an alias a row of its own (``access.Refused`` as above)."""
    access.check("correct")
    return store.split_alias(engine(), alias=alias, label=label, user=access.user_name())


def retype_entity(*, entity: str, label: str, to_label: str) -> int:
    """Store a correction changing an entity row's type (``access.Refused`` as above)."""
    access.check("correct")
    user = access.user_name()
    return store.retype_entity(engine(), entity=entity, label=label, to_label=to_label, user=user)


def remove_correction(correction_id: int) -> None:
    """Undo a stored entity correction (``access.Refused`` as above)."""
    access.check("correct")
    store.remove_correction(engine(), correction_id, user=access.user_name())


def store_read_only() -> bool:
    """Whether the store was opened read-only (its file or folder cannot be written): pages
    browse, and writes are refused with ``read_only_note``."""
    return store.is_read_only(engine())


def read_only_note() -> str:
    return store.read_only_sentence(settings().db_url)


def storage_error_sentence(error: BaseException) -> str:
    """One sentence saying what went wrong with the store and what to do (no SQL, no text)."""
    return store.explain_storage_error(error, settings().db_url)


def deletion_summary(article_ids: Iterable[int]) -> dict[str, Any]:
    """What deleting these articles removes (for the confirmation; not cached: it must be
    current when the user confirms)."""
    return store.deletion_summary(engine(), article_ids)


def delete_articles(article_ids: Iterable[int]) -> int:
    """Delete articles with all their results (every cached query is refreshed: the store's
    version changes); recorded in the audit trail. Raises ``access.Refused`` for a user who
    may not delete, ``store.StoreReadOnly`` on a read-only store."""
    access.check("delete")
    return store.delete_articles(engine(), article_ids, user=access.user_name())


def upload_article_ids(upload_id: int) -> list[int]:
    """The stored articles of an upload (not cached: for the confirmation of its delete)."""
    return store.upload_article_ids(engine(), upload_id)


def delete_upload(upload_id: int) -> int:
    """Delete every article of an upload (``access.Refused`` and read-only as above)."""
    access.check("delete")
    return store.delete_upload(engine(), upload_id, user=access.user_name())


def edit_article(
    article_id: int,
    *,
    title: str,
    source: str,
    published: dt.date | None,
    metadata: dict[str, str] | None = None,
) -> bool:
    """Store an edit of an article's title, source, date and metadata (every page follows:
    the store's version changes); False if the article is gone. Raises ``access.Refused`` for
    a user who may not edit articles, ``store.EditError`` for a value the store cannot take."""
    access.check("edit_metadata")
    return store.edit_article(
        engine(),
        article_id,
        title=title,
        source=source,
        published=published,
        metadata=metadata,
        user=access.user_name(),
    )


def audit_entries(
    *, user: str | None = None, action: str | None = None, since: dt.date | None = None
) -> pd.DataFrame:
    """The audit trail, newest first (not cached: it is read only on the Activity page)."""
    return store.audit_entries(engine(), user=user, action=action, since=since)


def corpus_export_later(flt: ArticleFilter) -> Callable[[], pd.DataFrame]:
    """The corpus export as a function to run when the user asks for it (it holds every
    article's text, too large to build on every rerun)."""
    db_url = settings().db_url
    return lambda: store.corpus_export(store_engine(db_url), flt)


MAX_CHOICES = 1_000
#: The lists pages cut at a limit; each says what it shows out of how many, with a "Download
#: all" of the whole result (``components.capped``). Here so that tests can make them small.
SENTENCE_ROWS = 500  # the sentences of an entity (Entities) or of a pair (Together)
QUOTE_ROWS = 500  # the quotations listed (Quotes)
FLAG_ROWS = 1_000  # the unreliable scores listed (Readability)
PERIOD_ARTICLE_ROWS = 200  # the articles of a clicked point (Over time)


def article_title(article_id: int) -> str | None:
    """The title of a stored article, or None if there is no such article."""
    detail = article_detail(article_id)
    return None if detail is None else str(detail["title"])


def article_choices(flt: ArticleFilter) -> pd.DataFrame:
    """Articles to choose from (article_id, title), the most recently added first; at most
    ``MAX_CHOICES`` (``found_articles`` searches the whole corpus)."""
    return article_table(flt, limit=MAX_CHOICES)[["article_id", "title"]]


def found_articles(flt: ArticleFilter, query: str) -> tuple[pd.DataFrame, int]:
    """The articles of ``flt`` containing the words and "quoted phrases" of ``query`` (as the
    sidebar's search does, with it): at most ``MAX_CHOICES`` of them as ``article_choices``
    gives them, and how many there are in all."""
    sidebar = flt.search + ('"' if flt.search.count('"') % 2 else "")  # close an open quote
    found = replace(flt, search=f"{sidebar} {query}".strip())
    return article_choices(found), n_articles(found)


def _later(
    query: Callable[..., pd.DataFrame], *args: Any, **kwargs: Any
) -> Callable[[], pd.DataFrame]:
    """The store query ``query`` with these arguments as a function to run when the user asks
    for it (the whole result of a list cut at a limit: "Download all"); not cached."""
    db_url = settings().db_url
    return lambda: query(store_engine(db_url), *args, **kwargs)


def entity_sentences_later(
    flt: ArticleFilter, *, entity: str, label: str
) -> Callable[[], pd.DataFrame]:
    """Every sentence mentioning the entity (``store.entity_sentences`` with no limit)."""
    return _later(store.entity_sentences, flt, entity=entity, label=label, limit=None)


def pair_sentences_later(
    flt: ArticleFilter, *, a: tuple[str, str], b: tuple[str, str], unit: store.PairUnit
) -> Callable[[], pd.DataFrame]:
    """Every sentence where the pair meets (``store.pair_sentences`` with no limit)."""
    return _later(store.pair_sentences, flt, a=a, b=b, unit=unit, limit=None)


def quote_table_later(
    flt: ArticleFilter, *, entity: str | None, label: str | None
) -> Callable[[], pd.DataFrame]:
    """Every quotation (``store.quote_table`` with no limit)."""
    return _later(store.quote_table, flt, entity=entity, label=label, limit=None)


def article_table_later(flt: ArticleFilter) -> Callable[[], pd.DataFrame]:
    """Every article of ``flt`` with its metrics (``store.article_table`` with no limit)."""
    return _later(store.article_table, flt)


def flag_table_later(flt: ArticleFilter) -> Callable[[], pd.DataFrame]:
    """Every unreliable score (``store.flag_table`` with no limit)."""
    return _later(store.flag_table, flt)


def read_uploads(files: tuple[tuple[str, bytes], ...]) -> list[ReadOutcome]:
    """Each uploaded file read into articles, or rejected with a reason, within the settings'
    caps; a ZIP archive gives one outcome per entry, so a bad entry shows as its own row."""
    return read_upload_files(files, limits=settings())


def ingest_uploads(
    outcomes: list[ReadOutcome],
    pasted: Article | None,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[StoreResult]:
    """Analyse and store the uploaded articles, yielding each result as it is stored; the
    upload goes into the audit trail when it is over (or stopped), with its file names and
    outcome. A user who may not upload gets an error and nothing is stored.

    Each article is analysed within the settings' budget (``NEWS_ANALYSIS_TIMEOUT_S``,
    ``NEWS_ANALYSIS_MEMORY_MB``); ``should_stop`` is asked between articles (the pipeline's)."""
    if not access.require("upload"):
        return
    target = engine()
    user = access.user_name()
    names = [outcome.name for outcome in outcomes] + (["pasted text"] if pasted else [])
    # one upload, so its articles can be deleted together (the Upload page lists them)
    upload_id = store.start_upload(target, "dashboard", store.upload_label(names))
    counts: Counter[str] = Counter()
    try:
        nlp = language_model(settings().spacy_model)
        threshold = settings().duplicate_threshold
        budget = AnalysisBudget.of(settings())
        results: Iterable[StoreResult] = ingest_outcomes(
            target,
            nlp,
            outcomes,
            duplicate_threshold=threshold,
            budget=budget,
            should_stop=should_stop,
            upload_id=upload_id,
        )
        if pasted is not None:
            results = chain(
                results,
                ingest_articles(
                    target,
                    nlp,
                    [pasted],
                    duplicate_threshold=threshold,
                    budget=budget,
                    should_stop=should_stop,
                    upload_id=upload_id,
                ),
            )
        for result in results:
            counts[result.status] += 1
            yield result
    finally:
        outcome = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing stored"
        detail = f"{', '.join(names)}: {outcome}"
        store.record_activity(
            target, user=user, action="upload", detail=detail, n_rows=counts["added"]
        )
