"""Quotations in the store: their speakers, the entities quoted most, the filter, deletes."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter

PARIS = Article(
    title="Talks in Paris",
    body='"We will present a joint plan next week," Emmanuel Macron said. "Europe must act '
    'together," he added. The so-called "peace plan" was rejected by Russia.',
    source="Daily Test",
    published=dt.date(2024, 5, 2),
)
FLOOD = Article(
    title="Flood",
    body='Residents were angry. "The water came up so fast," said Maria Lopez. "Nobody will '
    'be left behind," Emmanuel Macron said on a visit. A neighbour said: "It was terrifying."',
    source="Evening Test",
    published=dt.date(2024, 5, 10),
)
GERMAN = Article(
    title="Kanzler",
    body="„Wir haben keine andere Wahl“, sagte der Kanzler am Montag in Berlin vor "
    "Journalisten. Die Opposition kritisierte die Entscheidung scharf.",
    language="de",
)


def _quote_row(quote: str, speaker: str | None, label: str | None, cue: str, article: int) -> dict:
    paris = article == 1
    return {
        "quote": quote,
        "speaker": speaker,
        "label": label,
        "cue": cue,
        "title": "Talks in Paris" if paris else "Flood",
        "published": dt.date(2024, 5, 2) if paris else dt.date(2024, 5, 10),
        "article_id": article,
    }


def test_quotes_round_trip(engine: Engine, nlp: Language) -> None:
    from analytics.store import delete_articles, quote_summary, quote_table, quoted_entities

    results = list(ingest_articles(engine, nlp, [PARIS, FLOOD, GERMAN]))
    assert [result.article_id for result in results] == [1, 2, 3]
    table = quote_table(engine).drop(columns="quote_index")
    assert table.replace({float("nan"): None}).to_dict("records") == [
        _quote_row("The water came up so fast,", "Maria Lopez", "PERSON", "said", 2),
        _quote_row("Nobody will be left behind,", "Emmanuel Macron", "PERSON", "said", 2),
        _quote_row("It was terrifying.", "A neighbour", None, "said", 2),
        _quote_row(
            "We will present a joint plan next week,", "Emmanuel Macron", "PERSON", "said", 1
        ),
        _quote_row("Europe must act together,", "Emmanuel Macron", "PERSON", "added", 1),
    ]
    assert quoted_entities(engine).to_dict("records") == [
        {"entity": "Emmanuel Macron", "label": "PERSON", "n_quotes": 3, "n_articles": 2},
        {"entity": "Maria Lopez", "label": "PERSON", "n_quotes": 1, "n_articles": 1},
    ]
    assert quote_summary(engine) == {
        "n_quotes": 5,
        "n_attributed": 4,
        "n_articles": 2,
        "n_other_languages": 1,
        "other_languages": ("de",),
    }
    # the filter (source, dates, search) and the chosen entity
    paris_only = ArticleFilter(sources=("Daily Test",))
    macron = quote_table(engine, paris_only, entity="Emmanuel Macron", label="PERSON")
    assert list(macron["quote"]) == [
        "We will present a joint plan next week,",
        "Europe must act together,",
    ]
    late = quoted_entities(engine, ArticleFilter(date_from=dt.date(2024, 5, 5)))
    assert list(zip(late["entity"], late["n_quotes"], strict=True)) == [
        ("Emmanuel Macron", 1),
        ("Maria Lopez", 1),
    ]
    assert quoted_entities(engine, labels=("ORG",)).empty
    assert quote_table(engine, ArticleFilter(search="lopez"), limit=1)["quote"].tolist() == [
        "The water came up so fast,"
    ]
    assert quote_summary(engine, ArticleFilter(search="Kanzler"))["n_quotes"] == 0
    delete_articles(engine, [2])
    assert quoted_entities(engine).to_dict("records") == [
        {"entity": "Emmanuel Macron", "label": "PERSON", "n_quotes": 2, "n_articles": 1}
    ]
