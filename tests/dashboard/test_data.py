"""The dashboard's cached queries (``dashboard.data``): the store's answers, one cache per
query, and new articles seen at once."""

from __future__ import annotations

from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.filters import ArticleFilter
from analytics.models import Article
from analytics.pipeline import ingest_articles
from dashboard import data

NAMED = ("PERSON", "ORG", "GPE")


def test_a_cached_query_answers_as_the_store_does(store_url: str, store_engine: Engine) -> None:
    flt = ArticleFilter(sources=("Northern Ledger",))
    cached = data.entity_counts(flt, labels=NAMED, top=5)
    assert cached.to_dict("records") == store.entity_counts(
        store_engine, flt, labels=NAMED, top=5
    ).to_dict("records")
    assert data.article_detail(1) == store.article_detail(store_engine, 1)
    # the same arguments by position, by name, or left to their defaults: the same answer
    assert data.entity_counts(flt=flt, top=5, labels=NAMED).equals(cached)
    assert data.term_frequencies(flt).equals(data.term_frequencies(flt, n=1, top=50))


def test_each_query_has_a_cache_of_its_own(store_url: str, store_engine: Engine) -> None:
    # Two queries without arguments: one shared cache would answer both with the first.
    assert data.sources() == store.sources(store_engine)
    assert data.date_bounds() == store.date_bounds(store_engine)
    assert data.sources() != data.date_bounds()


def test_a_new_article_shows_at_once(
    writable_store_url: str, writable_engine: Engine, nlp: Language
) -> None:
    before = data.corpus_summary(ArticleFilter())["n_articles"]
    article = Article(
        title="A new harbour in Rotterdam",
        body="The port of Rotterdam opened a new harbour on Monday. Ships arrived at once.",
        source="Test Wire",
    )
    (result,) = ingest_articles(writable_engine, nlp, [article])
    assert result.status == "added"
    assert data.corpus_summary(ArticleFilter())["n_articles"] == before + 1
    assert "Test Wire" in data.sources()
