"""Compare page: two groups of the seed corpus, the terms over-represented in each."""

from __future__ import annotations

import math

import pytest
from apptest_support import chart, decode, frame, metrics, open_app
from conftest import MediaCapture
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes
from analytics.keyness import keyness, over_represented
from analytics.store import ArticleFilter

# Group A by default: the first source, "Harbour Daily" (the two Rotterdam port stories, 659
# words as Overview counts them); group B: the rest of the corpus (5 articles, 1,595 words):
# 2,254 in all, Overview's number of words.
HARBOUR = ArticleFilter(sources=("Harbour Daily",))
TOTAL_A, TOTAL_B = 659, 1595


def test_a_source_against_the_rest(store_url: str, store_engine: Engine) -> None:
    at = open_app("compare")
    assert metrics(at) == {
        "Articles in A": "2",
        "Articles in B": "5",
        "Words in A": "659",
        "Words in B": "1,595",
    }
    assert not at.warning
    in_a = frame(at, "compare-table-a-table")
    assert list(in_a["term"].head(3)) == ["port", "terminal", "commission"]
    assert in_a[["n_a", "n_b"]].head(3).values.tolist() == [[10, 0], [6, 0], [5, 0]]
    # port: 10 of 659 words in A, none of 1,595 in B; E_a = 659 * 10 / 2,254, so
    # G2 = 2 * 10 ln(10 / E_a) = 20 ln(2254 / 659); log ratio = log2((10 / 659) / (0.5 / 1595))
    port = in_a.iloc[0]
    assert port["log_likelihood"] == pytest.approx(20 * math.log(2254 / 659))
    assert port["log_ratio"] == pytest.approx(math.log2((10 / 659) / (0.5 / 1595)))
    assert port["per_million_a"] == pytest.approx(10 / 659 * 1e6)
    assert port["significance"] == "p < 0.0001"
    in_b = frame(at, "compare-table-b-table")
    assert in_b.iloc[0][["term", "n_a", "n_b"]].tolist() == ["reading", 0, 8]
    assert in_b.iloc[0]["log_likelihood"] == pytest.approx(16 * math.log(2254 / 1595))
    assert set(in_a["over_in"]) == {"A"}
    assert set(in_b["over_in"]) == {"B"}
    # only significant rows by default
    assert (in_b["log_likelihood"] >= 3.84).all()

    # the tables are the engine's keyness of the store's counts
    counts = store.keyness_counts(store_engine, HARBOUR, min_frequency=3)
    expected = keyness(counts, total_a=TOTAL_A, total_b=TOTAL_B, min_frequency=3)
    expected = expected[expected["log_likelihood"] >= 3.84]
    assert in_a.equals(over_represented(expected, "A", top=20))

    figure = chart(at, "compare-chart-chart")
    bars = {trace["name"]: decode(trace["y"]) for trace in figure["data"]}
    assert bars["More in A"][:2] == ["port", "terminal"]
    assert bars["More in B"][0] == "reading"
    assert decode(figure["data"][0]["x"])[0] == pytest.approx(port["log_ratio"])


def test_group_words_are_overviews_words(store_url: str) -> None:
    """One word count: the whole corpus split into A and B has Overview's number of words."""
    overview = metrics(open_app())
    compare = metrics(open_app("compare"))
    words = int(compare["Words in A"].replace(",", "")) + int(
        compare["Words in B"].replace(",", "")
    )
    assert f"{words:,}" == overview["Words"] == "2,254"


def test_downloads_equal_the_tables(store_url: str, media: MediaCapture) -> None:
    at = open_app("compare")
    for side in ("a", "b"):
        table = frame(at, f"compare-table-{side}-table")
        csv = media.file(at, f"compare-table-{side}-download")
        assert csv.filename == f"compare-words-more-in-{side}.csv"
        assert csv.content == csv_bytes(table)


def test_entities_and_bigrams(store_url: str) -> None:
    at = open_app("compare")
    at.segmented_control(key="compare-unit").set_value(0).run()
    assert not at.exception
    entities = frame(at, "compare-table-a-table")
    assert list(entities.columns[:4]) == ["entity", "label", "n_a", "n_b"]
    top = entities.head(3)[["entity", "label", "n_a", "n_b"]].values.tolist()
    assert ["European Commission", "ORG", 4, 0] in top
    assert ["Anneke Vos", "PERSON", 4, 0] in top
    at.segmented_control(key="compare-unit").set_value(2).run()
    assert metrics(at)["Bigrams in A"] != "0"
    bigrams = frame(at, "compare-table-a-table")
    assert all(len(term.split()) == 2 for term in bigrams["term"])


def test_empty_group_and_overlap(store_url: str) -> None:
    at = open_app("compare")
    at.segmented_control(key="compare-a-way").set_value("articles").run()
    assert not at.exception
    assert at.info[0].value.startswith("Group A is empty")
    assert not at.dataframe
    at.segmented_control(key="compare-a-way").set_value("sources").run()
    at.segmented_control(key="compare-b-way").set_value("sources").run()
    assert at.info[0].value.startswith("Group B is empty")
    at.multiselect(key="compare-b-sources").set_value(["Harbour Daily", "Northern Ledger"]).run()
    assert metrics(at)["Articles in B"] == "4"
    assert at.warning[0].value.startswith("2 articles are in both groups")


def test_groups_by_date_and_by_articles(store_url: str) -> None:
    at = open_app("compare")
    at.segmented_control(key="compare-a-way").set_value("articles").run()
    at.multiselect(key="compare-a-articles").set_value([1]).run()  # the 112.ua article
    assert metrics(at)["Articles in A"] == "1"
    assert metrics(at)["Articles in B"] == "6"
    assert frame(at, "compare-table-a-table")["term"].iloc[0] in {"assad", "regime"}
    at.segmented_control(key="compare-b-way").set_value("dates").run()
    assert not at.exception
    # the seed's dated articles (the 112.ua article has no date)
    assert metrics(at)["Articles in B"] == "6"


def test_clicking_a_term_opens_its_contexts(store_url: str) -> None:
    at = open_app("compare")
    at.session_state["compare-table-a-table"] = {"selection": {"rows": [0]}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Contexts"
    assert at.text_input(key="contexts-query").value == "port"
