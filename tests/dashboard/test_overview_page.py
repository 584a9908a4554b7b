"""Overview page on the seed corpus (7 articles from 3 sources, one undated)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import chart, charts, decode, downloads, frame, metrics, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes

SEED_METRICS = {
    "Articles": "7",
    "Words": "2,254",
    "Median grade": "12.0",
    # one row per place ("US", "America": "United States"); the river Elbe (a LOC) in the
    # Hamburg stadium article is the 127th
    "Distinct entities": "127",
    "Sources": "3",
}
# Newest first; the 112.ua article has no date and comes last.
SEED_TITLES = [
    "Rotterdam port awards first contracts for EU-funded terminal",
    "Hamburg club unveils plans for 30,000-seat stadium by the Elbe",
    "University study links declining sustained reading to fragmented digital consumption",
    "Data centre near Frankfurt tests limits of Germany's power grid",
    "EU backs Rotterdam port expansion with €420 million grant",
    "Kraków council votes yes on new bike lanes",
    "Syrian defeat of the Kremlin may shake Putin's regime - Media.",
]
TOP_WORDS = [  # "said" (24) is a news word
    ("new", 16),
    ("people", 10),
    ("port", 10),
    ("city", 8),
    ("european", 8),
    ("reading", 8),
    ("years", 8),
    ("club", 7),
    ("germany", 7),
    ("assad", 6),
    ("computing", 6),
    ("power", 6),
    ("regime", 6),
    ("terminal", 6),
    ("capacity", 5),
]


def test_metrics_and_caption(store_url: str) -> None:
    at = open_app()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert metrics(at) == SEED_METRICS
    assert at.caption[0].value == "published 2024-10-03 to 2024-12-12; 1 article without a date."


def test_articles_table(store_url: str) -> None:
    at = open_app()
    table = frame(at, "overview-articles-table")
    assert list(table["title"]) == SEED_TITLES
    assert list(table["article_id"]) == [7, 6, 5, 4, 3, 2, 1]
    assert list(table["source"]) == [
        "Harbour Daily",
        "Northern Ledger",
        "The Civic Wire",
        "Northern Ledger",
        "Harbour Daily",
        "The Civic Wire",
        "",
    ]
    # a missing date reads "no date" (a date column would show a grey "None")
    assert list(table["published"]) == [
        "2024-12-12",
        "2024-11-22",
        "2024-11-19",
        "2024-11-06",
        "2024-10-21",
        "2024-10-03",
        "no date",
    ]
    assert list(table["n_words"]) == [341, 293, 352, 343, 318, 308, 299]
    assert int(table["n_words"].sum()) == 2254
    assert list(table["consensus_grade"]) == [12.0, 9.0, 18.0, 13.0, 11.0, 6.0, 14.0]
    assert list(table["n_unreliable_scores"]) == [1] * 7
    assert list(table["n_entity_mentions"]) == [36, 27, 14, 31, 32, 25, 42]


def test_top_words_chart(store_url: str) -> None:
    """The 15 most frequent words (stop words left out), ties in alphabetical order."""
    at = open_app()
    words = chart(at, "overview-words-chart")
    (bars,) = words["data"]
    assert bars["type"] == "bar"
    assert decode(bars["y"]) == [term for term, _ in TOP_WORDS]
    assert decode(bars["x"]) == [count for _, count in TOP_WORDS]
    assert words["layout"]["title"]["text"] == "Top words"
    # news words come back with the switch
    at.toggle(key="overview-words-news").set_value(False).run()
    (bars,) = chart(at, "overview-words-chart")["data"]
    assert decode(bars["y"])[:2] == ["said", "new"]
    assert decode(bars["x"])[:2] == [24, 16]


def test_charts(store_url: str) -> None:
    at = open_app()
    grades = chart(at, "overview-grades-chart")
    (histogram,) = grades["data"]
    assert histogram["type"] == "bar"
    # grades 6, 9, 11, 12, 13, 14, 18 in seven bins from 6 to 18
    assert decode(histogram["y"]) == [1, 1, 1, 1, 2, 0, 1]
    assert grades["layout"]["title"]["text"] == "Reading grade"

    entities = chart(at, "overview-entities-chart")
    by_type = {
        trace["name"]: (decode(trace["y"]), decode(trace["x"])) for trace in entities["data"]
    }
    assert by_type == {
        "GPE (Countries, cities, states)": (
            ["Germany · GPE", "Syria · GPE", "Hamburg · GPE", "Russia · GPE", "Poland · GPE"],
            [7, 5, 4, 4, 3],
        ),
        "PERSON (People)": (
            [
                "Assad · PERSON",
                "Anneke Vos · PERSON",
                "Jonas Keller · PERSON",
                "Marek Zieliński · PERSON",
                "Ewa Kowalczyk · PERSON",
                "Putin · PERSON",
            ],
            [6, 4, 4, 4, 3, 3],
        ),
        # a company and a city the model called people are no longer people
        "ORG (Organisations)": (
            ["Brightmere Computing · ORG", "European Commission · ORG", "Kremlin · ORG"],
            [4, 4, 3],
        ),
        "NORP (Nationalities, religious and political groups)": (["Dutch · NORP"], [3]),
    }
    colours = {trace["name"]: trace["marker"]["color"] for trace in entities["data"]}
    assert colours["PERSON (People)"] == "#1f77b4"
    assert colours["GPE (Countries, cities, states)"] == "#2ca02c"
    # The bars keep the ranking across types: the most mentioned entity is at the top.
    assert entities["layout"]["yaxis"]["categoryarray"][:3] == [
        "Germany · GPE",
        "Assad · PERSON",
        "Syria · GPE",
    ]

    labels = chart(at, "overview-labels-chart")
    # numbers and dates are one switch away ("Show numbers and dates")
    assert [(trace["name"], decode(trace["y"])) for trace in labels["data"]] == [
        ("GPE", [49]),
        ("PERSON", [39]),
        ("ORG", [27]),  # SV Elbufer, a sports club
        ("NORP", [14]),
        ("LOC", [6]),  # Central Asia 2, Europe 2, Asia 1, Elbe 1
        ("FAC", [1]),
    ]
    at.toggle(key="overview-numbers").set_value(True).run()
    labels = chart(at, "overview-labels-chart")
    assert ("DATE", [40]) in [(trace["name"], decode(trace["y"])) for trace in labels["data"]]


def test_downloads(store_url: str, store_engine: Engine, media) -> None:
    at = open_app()
    assert downloads(at) == {
        "overview-grades-download": "Download CSV",
        "overview-words-download": "Download CSV",
        "overview-entities-download": "Download CSV",
        "overview-labels-download": "Download CSV",
        "overview-articles-download": "Download CSV",
        "overview-corpus-download": "Download the corpus with all metrics (CSV)",
    }
    words = media.file(at, "overview-words-download")
    assert words.filename == "top-words.csv"
    assert words.mimetype == "text/csv"
    assert words.content == csv_bytes(
        store.term_frequencies(store_engine, news_words=False, top=15)
    )
    assert words.content.startswith(
        b"\xef\xbb\xbfterm,n_occurrences,n_articles,per_10k_words\r\nnew,16,"
    )

    corpus = media.file(at, "overview-corpus-download")
    assert corpus.filename == "corpus-articles-and-metrics.csv"
    assert corpus.content == csv_bytes(store.corpus_export(store_engine))

    articles = media.file(at, "overview-articles-download")
    assert articles.filename == "articles.csv"
    assert articles.content == csv_bytes(store.article_table(store_engine))
    assert articles.content.count(b"\r\n") == 8  # header and 7 rows


def test_clicking_a_row_opens_the_article(store_url: str) -> None:
    at = open_app()
    # Row 1 of the table (newest first) is article 6.
    at.session_state["overview-articles-table"] = {"selection": {"rows": [1]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "6"
    assert at.selectbox(key="article-pick-select").value == 6
    assert at.title[0].value == (
        "Hamburg club unveils plans for 30\\,000\\-seat stadium by the Elbe"
    )


def test_empty_store_is_seeded_on_first_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real first run: an empty store is filled with the seed corpus by the app."""
    monkeypatch.setenv("NEWS_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "data"))
    at = open_app()
    assert metrics(at) == SEED_METRICS
    assert list(frame(at, "overview-articles-table")["title"]) == SEED_TITLES
    # A second session on the same store does not add the seeds again.
    again = open_app()
    assert metrics(again)["Articles"] == "7"


def _focus(at, focus: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    at.session_state["focus"] = {"overview": focus}
    at.run()
    assert not at.exception


def _chart_key(at, prefix: str) -> str:  # type: ignore[no-untyped-def]
    return next(key for key in charts(at) if key.startswith(prefix))


def test_a_clicked_entity_narrows_the_rest_of_the_page(store_url: str) -> None:
    at = open_app()
    _focus(at, {"entity": ("Putin", "PERSON")})
    assert metrics(at) == {
        "Articles": "1",
        "Words": "299",
        "Median grade": "14.0",
        "Distinct entities": "22",
        "Sources": "0",
    }
    (chips,) = at.get("pills")
    assert [option.content for option in chips.proto.options] == ["Mentions: Putin \\(PERSON\\) ✕"]
    assert list(frame(at, "overview-articles-table")["title"]) == [SEED_TITLES[-1]]
    words = chart(at, _chart_key(at, "overview-words"))["data"][0]
    assert decode(words["y"])[:3] == ["assad", "regime", "syria"]
    # The entities chart itself still shows every entity, to click another.
    entities = chart(at, _chart_key(at, "overview-entities"))
    names = [name for trace in entities["data"] for name in decode(trace["y"])]
    assert len(names) == 15


def test_clicks_combine_and_a_chip_removes_one(store_url: str) -> None:
    at = open_app()
    _focus(at, {"word": "port"})
    assert metrics(at)["Articles"] == "2"
    assert list(frame(at, "overview-articles-table")["title"]) == [
        "Rotterdam port awards first contracts for EU-funded terminal",
        "EU backs Rotterdam port expansion with €420 million grant",
    ]
    _focus(at, {"word": "port", "measure": ("consensus_grade", 12.0, 12.0)})
    assert list(frame(at, "overview-articles-table")["title"]) == [
        "Rotterdam port awards first contracts for EU-funded terminal"
    ]
    (chips,) = at.get("pills")
    chips.set_value(["word"]).run()  # the reading-grade chip clicked away
    assert at.session_state["focus"] == {"overview": {"word": "port"}}
    assert metrics(at)["Articles"] == "2"
    at.get("pills")[0].set_value([]).run()
    assert metrics(at) == SEED_METRICS
    assert not at.get("pills")
