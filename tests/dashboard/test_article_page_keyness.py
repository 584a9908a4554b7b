"""Article page, "Distinctive terms": an article's terms against the rest of the seed corpus."""

from __future__ import annotations

import math

import pytest
from apptest_support import chart, decode, frame, open_app
from conftest import MediaCapture
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes
from analytics.keyness import log_likelihood, log_ratio
from analytics.store import ArticleFilter

TABLE = "article-keyness-table-table"


def test_the_112_ua_article_against_the_rest(store_url: str, media: MediaCapture) -> None:
    at = open_app("article", query={"article": "1", "section": "Distinctive terms"})
    table = frame(at, TABLE)
    assert len(table) == 20
    assert list(table["term"].head(4)) == ["assad", "regime", "syria", "russia"]
    assert table[["n_a", "n_b"]].head(4).values.tolist() == [[6, 0], [6, 0], [5, 0], [4, 0]]
    assert set(table["over_in"]) == {"A"}
    # 299 words in the article, 1,955 in the other six (2,254: Overview's words): E_a = 299 *
    # 6 / 2,254 for "assad", so G2 = 2 * 6 ln(6 / E_a) = 12 ln(2254 / 299); log ratio =
    # log2((6 / 299) / (0.5 / 1955))
    assad = table.iloc[0]
    assert assad["log_likelihood"] == pytest.approx(12 * math.log(2254 / 299))
    assert assad["log_ratio"] == pytest.approx(math.log2((6 / 299) / (0.5 / 1955)))
    assert assad["significance"] == "p < 0.0001"
    assert list(table["log_likelihood"]) == sorted(table["log_likelihood"], reverse=True)

    bars = chart(at, "article-keyness-chart")["data"][0]
    assert bars["name"] == "More in this article"
    assert decode(bars["y"]) == list(table["term"])
    assert decode(bars["x"]) == pytest.approx(list(table["log_likelihood"]))

    for key in ("article-keyness-download", "article-keyness-table-download"):
        assert media.content(at, key) == csv_bytes(table)


def test_a_term_shared_with_another_article(store_url: str, store_engine: Engine) -> None:
    # the two Rotterdam port stories (articles 3 and 7) both use "port", 10 times in all
    at = open_app("article", query={"article": "3", "section": "Distinctive terms"})
    table = frame(at, TABLE).set_index("term")
    port = table.loc["port"]
    assert port["n_a"] + port["n_b"] == 10
    assert port["n_b"] > 0
    total_a, total_b = store.group_token_totals(store_engine, ArticleFilter(article_ids=(3,)))
    assert total_a + total_b == 2254
    assert port["log_likelihood"] == pytest.approx(
        log_likelihood(port["n_a"], port["n_b"], total_a, total_b)
    )
    assert port["log_ratio"] == pytest.approx(log_ratio(port["n_a"], port["n_b"], total_a, total_b))


def test_bigrams_and_stop_words(store_url: str) -> None:
    at = open_app("article", query={"article": "1", "section": "Distinctive terms"})
    at.segmented_control(key="article-keyness-n").set_value(2).run()
    assert not at.exception
    # 256 bigrams in the article, 1,711 in the rest; stop-word bigrams are left out
    bigrams = frame(at, TABLE)
    assert bigrams[["term", "n_a", "n_b"]].values.tolist() == [
        ["amy knight", 2, 0],
        ["central asia", 2, 0],
        ["north caucasus", 2, 0],
    ]
    assert bigrams["log_likelihood"].iloc[0] == pytest.approx(4 * math.log(1967 / 256))
    at.toggle(key="article-keyness-stop").set_value(True).run()
    with_stop_words = frame(at, TABLE)
    assert list(with_stop_words["term"].head(3)) == ["of assad", "in syria", "the kremlin"]
    assert with_stop_words["n_a"].iloc[0] == 4


def test_clicking_a_distinctive_term_opens_its_contexts(store_url: str) -> None:
    at = open_app("article", query={"article": "1", "section": "Distinctive terms"})
    at.session_state[TABLE] = {"selection": {"rows": [0]}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Contexts"
    assert at.text_input(key="contexts-query").value == "assad"
