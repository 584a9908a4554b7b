"""Mentions over time: periods, zero periods, shares and undated articles (golden values)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter, articles_by_date, mentions_by_date
from analytics.timeline import (
    TIMELINE_COLUMNS,
    article_totals,
    item_filter,
    normalise_terms,
    period_end,
    period_label,
    period_range,
    period_start,
    timeline,
)

D = dt.date

# Seven articles: five dated (two on 2024-10-30, a Wednesday), two undated.
ARTICLES = pd.DataFrame(
    {
        "published": [D(2024, 10, 28), D(2024, 10, 30), D(2024, 11, 3), D(2024, 12, 2), None],
        "n_articles": [1, 2, 1, 1, 2],
    }
)
# Per-date counts of two items (a row per article works as well: n_articles = 1).
MENTIONS = pd.DataFrame(
    [
        (D(2024, 10, 28), "Kremlin · ORG", 3, 1),
        (D(2024, 10, 30), "Kremlin · ORG", 1, 1),
        (D(2024, 11, 3), "port", 2, 1),
        (D(2024, 12, 2), "Kremlin · ORG", 4, 1),
        (None, "Kremlin · ORG", 5, 1),
        (None, "port", 1, 1),
        (D(2024, 10, 30), "not chosen", 9, 2),
    ],
    columns=["published", "item", "n_mentions", "n_articles"],
)
ITEMS = ["Kremlin · ORG", "port"]


def rows(frame: pd.DataFrame, item: str) -> list[tuple[object, ...]]:
    chosen = frame[frame["item"] == item]
    return [
        (r.period, r.n_mentions, r.n_articles_mentioning, r.n_articles, r.share_of_articles)
        for r in chosen.itertuples()
    ]


def test_months() -> None:
    result = timeline(MENTIONS, ARTICLES, items=ITEMS, period="month")
    assert list(result.frame.columns) == TIMELINE_COLUMNS
    assert list(result.frame["period_start"].unique()) == [
        D(2024, 10, 1),
        D(2024, 11, 1),
        D(2024, 12, 1),
    ]
    assert rows(result.frame, "Kremlin · ORG") == [
        ("2024-10", 4, 2, 3, 0.6667),
        ("2024-11", 0, 0, 1, 0.0),
        ("2024-12", 4, 1, 1, 1.0),
    ]
    assert rows(result.frame, "port") == [
        ("2024-10", 0, 0, 3, 0.0),
        ("2024-11", 2, 1, 1, 1.0),
        ("2024-12", 0, 0, 1, 0.0),
    ]
    assert (result.n_dated, result.n_undated) == (5, 2)
    assert result.undated.to_dict("records") == [
        {"item": "Kremlin · ORG", "n_mentions": 5, "n_articles_mentioning": 1},
        {"item": "port", "n_mentions": 1, "n_articles_mentioning": 1},
    ]


def test_iso_weeks_start_on_monday_and_empty_weeks_stay() -> None:
    result = timeline(MENTIONS, ARTICLES, items=ITEMS, period="week")
    # 2024-10-28 is a Monday; 2024-11-03 the Sunday of the same ISO week 44; 2024-12-02 starts
    # week 49, and weeks 45 to 48 had no article: they are on the axis, with no share.
    assert rows(result.frame, "Kremlin · ORG")[0] == ("2024-W44", 4, 2, 4, 0.5)
    assert rows(result.frame, "port")[0] == ("2024-W44", 2, 1, 4, 0.25)
    kremlin = rows(result.frame, "Kremlin · ORG")
    assert [row[0] for row in kremlin] == [f"2024-W{week}" for week in range(44, 50)]
    assert all(row[1:4] == (0, 0, 0) and pd.isna(row[4]) for row in kremlin[1:5])
    assert kremlin[5] == ("2024-W49", 4, 1, 1, 1.0)
    assert result.frame["period_start"].iloc[-1] == D(2024, 12, 2)


def test_days() -> None:
    result = timeline(MENTIONS, ARTICLES, items=["Kremlin · ORG"], period="day")
    frame = result.frame
    assert len(frame) == (D(2024, 12, 2) - D(2024, 10, 28)).days + 1
    first, empty, third = rows(frame, "Kremlin · ORG")[:3]
    assert first == ("2024-10-28", 3, 1, 1, 1.0)
    assert empty[:4] == ("2024-10-29", 0, 0, 0) and pd.isna(empty[4])
    assert third == ("2024-10-30", 1, 1, 2, 0.5)
    assert frame["n_mentions"].sum() == 8  # the undated mentions are not on the axis


def test_an_item_never_mentioned_gets_zeros() -> None:
    result = timeline(MENTIONS, ARTICLES, items=["Rotterdam · GPE"], period="month")
    assert rows(result.frame, "Rotterdam · GPE") == [
        ("2024-10", 0, 0, 3, 0.0),
        ("2024-11", 0, 0, 1, 0.0),
        ("2024-12", 0, 0, 1, 0.0),
    ]
    assert result.undated.to_dict("records") == [
        {"item": "Rotterdam · GPE", "n_mentions": 0, "n_articles_mentioning": 0}
    ]


def test_no_dated_article() -> None:
    undated_only = pd.DataFrame({"published": [None], "n_articles": [4]})
    result = timeline(MENTIONS[MENTIONS["published"].isna()], undated_only, items=ITEMS)
    assert result.frame.empty
    assert list(result.frame.columns) == TIMELINE_COLUMNS
    assert (result.n_dated, result.n_undated) == (0, 4)
    assert list(result.undated["n_mentions"]) == [5, 1]


def test_datetime_columns_from_a_database() -> None:
    as_timestamps = ARTICLES.assign(published=pd.to_datetime(ARTICLES["published"]))
    mentions = MENTIONS.assign(published=pd.to_datetime(MENTIONS["published"]))
    result = timeline(mentions, as_timestamps, items=ITEMS, period="month")
    assert rows(result.frame, "Kremlin · ORG")[0] == ("2024-10", 4, 2, 3, 0.6667)
    assert result.n_undated == 2


@pytest.mark.parametrize(
    ("day", "period", "start", "label"),
    [
        (D(2024, 11, 6), "day", D(2024, 11, 6), "2024-11-06"),
        (D(2024, 11, 6), "week", D(2024, 11, 4), "2024-W45"),
        (D(2024, 11, 6), "month", D(2024, 11, 1), "2024-11"),
        (D(2021, 1, 3), "week", D(2020, 12, 28), "2020-W53"),  # ISO year differs
        (D(2024, 12, 30), "week", D(2024, 12, 30), "2025-W01"),
    ],
)
def test_periods(day: dt.date, period: str, start: dt.date, label: str) -> None:
    assert period_start(day, period) == start
    assert period_label(start, period) == label


def test_period_range_crosses_a_year() -> None:
    assert period_range(D(2024, 11, 30), D(2025, 2, 1), "month") == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
        D(2025, 2, 1),
    ]
    assert period_range(D(2024, 2, 28), D(2024, 3, 1), "day") == [
        D(2024, 2, 28),
        D(2024, 2, 29),
        D(2024, 3, 1),
    ]


def test_normalise_terms() -> None:
    assert normalise_terms(" Port,  Rotterdam  PORT , port,, a b c d, bike lanes") == (
        "port",
        "rotterdam port",
        "bike lanes",
    )
    assert normalise_terms("  ") == ()


def test_entity_shares_count_english_articles_only() -> None:
    # Entities are found only in English articles: of the three October articles one is not.
    articles = ARTICLES.assign(n_english=[1, 1, 1, 1, 2])
    result = timeline(
        MENTIONS, articles, items=ITEMS, period="month", english_only=["Kremlin · ORG"]
    )
    assert rows(result.frame, "Kremlin · ORG")[0] == ("2024-10", 4, 2, 2, 1.0)
    assert rows(result.frame, "port")[0] == ("2024-10", 0, 0, 3, 0.0)


# --- from the store ---------------------------------------------------------------------------

BODIES = [
    "The port of Rotterdam grew again. Rotterdam handled more ships than Hamburg.",
    "Dock workers in Rotterdam went on strike at the port on Wednesday.",
    "Le port de Marseille a battu un record. Le port emploie des milliers de personnes.",
    "The port was quiet in April. Hamburg reported fewer ships.",
    "Rotterdam wants a bigger port. The port of Rotterdam is Europe's largest.",
]
DATES = [D(2024, 3, 4), D(2024, 3, 6), D(2024, 3, 5), D(2024, 4, 10), None]
DATED = [
    Article(title=f"Article {i}", body=body, published=published, language="en")
    for i, (body, published) in enumerate(zip(BODIES, DATES, strict=True))
]
DATED[2] = Article(title="Le port", body=BODIES[2], published=DATES[2], language="fr")


def test_store_counts_per_date(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, DATED))
    per_date = articles_by_date(engine)
    assert per_date.to_dict("records") == [
        {"published": None, "n_articles": 1, "n_english": 1},
        {"published": D(2024, 3, 4), "n_articles": 1, "n_english": 1},
        {"published": D(2024, 3, 5), "n_articles": 1, "n_english": 0},
        {"published": D(2024, 3, 6), "n_articles": 1, "n_english": 1},
        {"published": D(2024, 4, 10), "n_articles": 1, "n_english": 1},
    ]
    found = mentions_by_date(
        engine, chosen_entities=(("Hamburg", "GPE"),), chosen_terms=("port", "dock workers")
    )
    assert sorted((str(row[0]), *row[1:]) for row in found.to_numpy().tolist()) == [
        ("2024-03-04", "Hamburg · GPE", "entity", 1, 1),
        ("2024-03-04", "port", "term", 1, 1),
        ("2024-03-05", "port", "term", 2, 1),
        ("2024-03-06", "dock workers", "term", 1, 1),
        ("2024-03-06", "port", "term", 1, 1),
        ("2024-04-10", "Hamburg · GPE", "entity", 1, 1),
        ("2024-04-10", "port", "term", 1, 1),
        ("None", "port", "term", 2, 1),
    ]

    result = timeline(
        found, per_date, items=["Hamburg · GPE", "port"], english_only=["Hamburg · GPE"]
    )
    # March: Hamburg in 1 of the 2 English articles; "port" in all 3 (the French one too)
    assert rows(result.frame, "Hamburg · GPE") == [
        ("2024-03", 1, 1, 2, 0.5),
        ("2024-04", 1, 1, 1, 1.0),
    ]
    assert rows(result.frame, "port") == [("2024-03", 4, 3, 3, 1.0), ("2024-04", 1, 1, 1, 1.0)]
    assert (result.n_dated, result.n_undated) == (4, 1)
    assert result.undated.to_dict("records") == [
        {"item": "Hamburg · GPE", "n_mentions": 0, "n_articles_mentioning": 0},
        {"item": "port", "n_mentions": 2, "n_articles_mentioning": 1},
    ]

    # a date range leaves the undated articles out, as every other page does
    since = ArticleFilter(date_from=D(2024, 3, 6))
    assert list(articles_by_date(engine, since)["n_articles"]) == [1, 1]
    assert mentions_by_date(engine, since, chosen_terms=("port",))["n_mentions"].sum() == 2
    assert mentions_by_date(engine).empty


def test_article_totals() -> None:
    totals = article_totals(ARTICLES.assign(n_english=[1, 1, 0, 1, 2]))
    assert totals == {"n_articles": 7, "n_dated": 5, "n_undated": 2, "n_english": 5}


def test_period_end() -> None:
    assert period_end(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)
    assert period_end(dt.date(2024, 12, 1), "month") == dt.date(2024, 12, 31)
    assert period_end(dt.date(2024, 10, 21), "week") == dt.date(2024, 10, 27)
    assert period_end(dt.date(2024, 10, 21), "day") == dt.date(2024, 10, 21)


def test_item_filter_for_a_clicked_point() -> None:
    sidebar = ArticleFilter(sources=("Harbour Daily",), date_from=dt.date(2024, 11, 10))
    days = {"date_from": dt.date(2024, 11, 1), "date_to": dt.date(2024, 11, 30)}
    entities = [("Germany", "GPE")]
    assert item_filter(sidebar, "Germany · GPE", entities=entities, **days) == ArticleFilter(
        sources=("Harbour Daily",),
        date_from=dt.date(2024, 11, 10),  # the later of the two starts
        date_to=dt.date(2024, 11, 30),
        mentioning=("Germany", "GPE"),
    )
    word = item_filter(ArticleFilter(), "port", entities=entities, **days)
    assert (word.containing_word, word.search) == ("port", "")
    phrase = item_filter(ArticleFilter(), "port expansion", entities=entities, **days)
    assert (phrase.containing_word, phrase.search) == ("", "port expansion")
