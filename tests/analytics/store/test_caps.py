"""Queries that pages cut at a limit also count the whole result (what a list shows out of how
many) and give every row with no limit; small limits on a store larger than them."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    article_texts,
    entity_sentence_totals,
    entity_sentences,
    n_articles_containing,
    pair_sentence_totals,
    pair_sentences,
    quote_table,
    quote_totals,
)

ARTICLES = [
    Article(
        title=f"Talks {day}",
        body=(
            f"Germany and France met in Berlin on day {day}. "
            "Germany asked for more time. France agreed to wait. "
            '"We will sign next week," said Anna Weber, the German minister.'
        ),
        source="Test Wire",
        published=dt.date(2024, 5, day),
    )
    for day in (1, 2, 3)
]


def _store(engine: Engine, nlp: Language) -> None:
    results = list(ingest_articles(engine, nlp, ARTICLES))
    assert [result.status for result in results] == ["added"] * len(ARTICLES)


def test_entity_sentences_count_beyond_the_limit(engine: Engine, nlp: Language) -> None:
    _store(engine, nlp)
    everything = entity_sentences(engine, entity="Germany", label="GPE", limit=None)
    assert len(everything) == 6  # two sentences an article
    assert entity_sentence_totals(engine, entity="Germany", label="GPE") == (6, 3)
    first = entity_sentences(engine, entity="Germany", label="GPE", limit=4)
    assert first.equals(everything.head(4))
    one = ArticleFilter(search="day 2")
    assert entity_sentence_totals(engine, one, entity="Germany", label="GPE") == (2, 1)


def test_pair_sentences_count_beyond_the_limit(engine: Engine, nlp: Language) -> None:
    _store(engine, nlp)
    a, b = ("Germany", "GPE"), ("France", "GPE")
    everything = pair_sentences(engine, a=a, b=b, limit=None)
    assert len(everything) == 3  # the first sentence of each article names both
    assert pair_sentence_totals(engine, a=a, b=b) == (3, 3)
    assert pair_sentences(engine, a=a, b=b, limit=1).equals(everything.head(1))
    by_article = pair_sentences(engine, a=a, b=b, unit="article", limit=None)
    assert len(by_article) == 9
    assert pair_sentence_totals(engine, a=a, b=b, unit="article") == (9, 3)


def test_quotations_count_beyond_the_limit(engine: Engine, nlp: Language) -> None:
    _store(engine, nlp)
    everything = quote_table(engine, limit=None)
    assert len(everything) == 3
    assert quote_totals(engine) == (3, 3)
    assert quote_table(engine, limit=2).equals(everything.head(2))
    assert list(everything["published"]) == [dt.date(2024, 5, day) for day in (3, 2, 1)]


def test_texts_count_beyond_the_limit(engine: Engine, nlp: Language) -> None:
    _store(engine, nlp)
    assert n_articles_containing(engine, containing="berlin") == 3
    assert len(article_texts(engine, containing="berlin", limit=2)) == 2
    assert len(article_texts(engine, containing="berlin", limit=None)) == 3
    assert n_articles_containing(engine, containing="100%_") == 0
