"""Copies: near-duplicates of a seed article in the articles table, on the Article page, and
the sidebar switch that counts one article per cluster on every page."""

from __future__ import annotations

import pytest
from apptest_support import chart, decode, frame, metrics, open_app
from spacy.language import Language
from sqlalchemy import Engine
from test_overview_page import SEED_METRICS, TOP_WORDS

from analytics import store
from analytics.models import Article
from analytics.pipeline import ingest_articles

KRAKOW_ID = 2  # "Kraków council votes yes on new bike lanes"


@pytest.fixture
def copy_ids(writable_engine: Engine, nlp: Language) -> list[int]:
    """Two copies of the Kraków seed added to the seed corpus: the same text under a new
    headline, and the text without its sixth paragraph (of seven)."""
    body = store.article_detail(writable_engine, KRAKOW_ID)["body"]
    paragraphs = body.split("\n\n")
    copies = [
        Article(title="Cycling plan approved in Kraków", body=body, source="Wire copy"),
        Article(
            title="Kraków approves bike lanes",
            body="\n\n".join(paragraphs[:5] + paragraphs[6:]),
            source="Wire copy",
        ),
    ]
    results = list(ingest_articles(writable_engine, nlp, copies))
    return [int(result.article_id) for result in results]


def test_switch_counts_one_article_per_cluster(
    copy_ids: list[int], writable_engine: Engine
) -> None:
    at = open_app()
    switch = at.toggle(key="filter-one-per-cluster")
    assert switch.label == "One article per copy cluster (1 cluster)"
    assert switch.value is False
    copies_words = int(
        store.article_table(writable_engine, store.ArticleFilter(article_ids=tuple(copy_ids)))[
            "n_words"
        ].sum()
    )
    assert copies_words == 308 + 281
    shown = metrics(at)
    assert shown["Articles"] == "9"
    assert shown["Words"] == f"{2254 + copies_words:,}"
    words = decode(chart(at, "overview-words-chart")["data"][0]["x"])
    assert words != [count for _, count in TOP_WORDS]
    table = frame(at, "overview-articles-table").set_index("article_id")
    assert table.loc[[*copy_ids, KRAKOW_ID], "n_copies"].tolist() == [2, 2, 2]
    assert table.loc[[*copy_ids, KRAKOW_ID], "cluster_id"].tolist() == [KRAKOW_ID] * 3
    assert int(table["n_copies"].sum()) == 6

    switch.set_value(True).run()
    assert not at.exception
    # the copies were added after the seed: the overview is the seed corpus's again
    assert metrics(at) == SEED_METRICS
    bars = chart(at, "overview-words-chart")["data"][0]
    assert decode(bars["y"]) == [term for term, _ in TOP_WORDS]
    assert decode(bars["x"]) == [count for _, count in TOP_WORDS]
    assert sorted(frame(at, "overview-articles-table")["article_id"]) == list(range(1, 8))

    # the switch applies to every page and stays on across pages
    at.switch_page("views/words.py").run()
    assert not at.exception
    assert at.toggle(key="filter-one-per-cluster").value is True


def test_article_page_lists_the_near_duplicates(copy_ids: list[int]) -> None:
    retitled, cut = copy_ids
    at = open_app("article", query={"article": str(KRAKOW_ID)})
    assert [header.value for header in at.main.header][0] == "Near-duplicates of this article"
    caption = "2 other articles in its cluster of copies. Click a row to open it."
    assert at.caption[1].value == caption
    copies = frame(at, f"article-{KRAKOW_ID}-near-duplicates-table")
    assert list(copies["article_id"]) == [retitled, cut]
    assert list(copies["title"]) == [
        "Cycling plan approved in Kraków",
        "Kraków approves bike lanes",
    ]
    assert list(copies["similarity"]) == [1.0, 107 / 128]

    at.session_state[f"article-{KRAKOW_ID}-near-duplicates-table"] = {"selection": {"rows": [1]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == str(cut)
    assert at.title[0].value == "Kraków approves bike lanes"
    assert at.selectbox(key="article-pick-1-select").value == cut
    back = frame(at, f"article-{cut}-near-duplicates-table")
    assert list(back["article_id"]) == [KRAKOW_ID, retitled]
    assert list(back["similarity"]) == [107 / 128, 107 / 128]
