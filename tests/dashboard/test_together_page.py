"""Together page: entity pairs over the seed corpus, their network, table and sentences."""

from __future__ import annotations

import math

import pandas as pd
from apptest_support import chart, frame, open_app
from spacy.language import Language
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.cooccurrence import pair_associations
from analytics.export import csv_bytes
from analytics.models import Article
from analytics.pipeline import ingest_articles

KEYS = ["entity_a", "entity_b", "n_together", "n_a", "n_b", "n_units"]
ASSAD_PUTIN = [
    "Putin demands explanations from the intelligence services about their failure to "
    "anticipate the fall of Assad's regime.",
    "Putin is also concerned about providing asylum to Assad due to accusations of war crimes.",
]


def _rows(at: AppTest) -> list[tuple]:
    table = frame(at, "together-pairs-table")
    return [tuple(row) for row in table[KEYS].itertuples(index=False)]


def _sentences_of_the_pair(at: AppTest, a: str, b: str) -> pd.DataFrame:
    """Click the pair (a, b) in the table of pairs: the table of their sentences."""
    table = frame(at, "together-pairs-table")
    row = int(table.index[(table["entity_a"] == a) & (table["entity_b"] == b)][0])
    at.session_state["together-pairs-table"] = {"selection": {"rows": [row]}}
    at.run()
    assert not at.exception
    return frame(at, "together-sentences-table")


def _only_the_112_ua_article(at: AppTest) -> AppTest:
    # "Kremlin" is named in the 112.ua seed article only (id 1)
    at.sidebar.text_input(key="filter-search").set_value("Kremlin").run()
    assert not at.exception
    return at


def test_top_pairs_over_the_seed_corpus(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("together")
    assert at.segmented_control(key="together-unit").value == "sentence"
    assert at.caption[0].value.startswith(
        "Counted once per sentence, over N = 84 sentences that name at least one entity."
    )
    assert _rows(at)[:4] == [
        ("Germany", "Poland", 3, 7, 3, 84),
        ("Central Asia", "North Caucasus", 2, 2, 2, 84),
        ("Antwerp", "Hamburg", 2, 2, 4, 84),
        ("Russia", "Ukraine", 2, 4, 2, 84),
    ]
    table = frame(at, "together-pairs-table")
    # the Kremlin is one ORG (one type per name and article); the Elbe (LOC, 1 mention) takes
    # the 50th place of the top entities from Muslims (NORP, 1; ties go by name): 6 pairs
    # with Muslims out, Elbe-Hamburg in
    assert len(table) == 74
    # Germany and Poland: 3 of 84 sentences, each in 7 and 3: PMI log2(3 * 84 / 21)
    assert table.loc[0, "pmi"] == round(math.log2(12), 3) == 3.585
    # the download is the table, and the table is the engine's measures on the store's counts
    counts = store.entity_pairs(
        store_engine,
        unit="sentence",
        labels=tuple(at.multiselect(key="together-labels").value),
        top_entities=50,
    )
    expected = pair_associations(counts, n_units=84)
    assert table.equals(expected)
    pairs_file = media.file(at, "together-pairs-download")
    assert pairs_file.filename == "together-pairs-sentence.csv"
    assert pairs_file.content == csv_bytes(expected)
    assert media.content(at, "together-network-download") == csv_bytes(expected.head(60))


def test_network_figure(store_url: str) -> None:
    at = open_app("together")
    figure = chart(at, "together-network-chart")
    nodes = [trace for trace in figure["data"] if trace.get("mode") == "markers+text"]
    # every node named on hover; on the chart, only the 12 named in the most sentences
    names = {trace["name"].split(" ")[0]: set(trace["hovertext"]) for trace in nodes}
    assert {"Germany", "Poland", "Russia", "Assad", "Putin"} <= names["GPE"] | names["PERSON"]
    assert "Assad" in names["PERSON"]
    labels = {text for trace in nodes for text in trace["text"] if text}
    assert len(labels) == 12 and {"Assad", "Germany"} <= labels
    assert figure["layout"]["title"]["text"] == "The 60 first pairs by count"


def test_pairs_in_the_112_ua_article(store_url: str) -> None:
    at = _only_the_112_ua_article(open_app("together"))
    rows = _rows(at)
    big_four = {"Assad", "Putin", "Syria", "Russia"}
    among = [row for row in rows if {row[0], row[1]} <= big_four]
    # 14 sentences name an entity; Assad is named in 6, Syria 5, Russia 4, Putin 3
    assert among == [
        ("Assad", "Putin", 2, 6, 3, 14),
        ("Assad", "Syria", 2, 6, 5, 14),
        ("Russia", "Syria", 1, 4, 5, 14),
        ("Assad", "Russia", 1, 6, 4, 14),
    ]
    # Putin never shares a sentence with Russia or Syria; by the article, everything in it is
    # together once: N = 1, PMI 0
    at.segmented_control(key="together-unit").set_value("article").run()
    table = frame(at, "together-pairs-table")
    assert set(table["n_together"]) == set(table["n_units"]) == {1}
    assert set(table["pmi"]) == {0.0}
    assert ("Putin", "Syria", 1, 1, 1, 1) in _rows(at)


def test_sorting_and_minimum_count(store_url: str) -> None:
    at = _only_the_112_ua_article(open_app("together"))
    at.segmented_control(key="together-sort").set_value("log_likelihood").run()
    table = frame(at, "together-pairs-table")
    assert list(table["log_likelihood"]) == sorted(table["log_likelihood"], reverse=True)
    assert tuple(table.loc[0, KEYS]) == ("Central Asia", "North Caucasus", 2, 2, 2, 14)
    # Assad and Syria meet as often as chance predicts (2 against 6 * 5 / 14): below zero
    assad_syria = table[(table["entity_a"] == "Assad") & (table["entity_b"] == "Syria")]
    assert assad_syria[["expected", "pmi", "log_likelihood"]].values.tolist() == [
        [2.143, -0.1, -0.026]
    ]
    at.segmented_control(key="together-sort").set_value("pmi").run()
    table = frame(at, "together-pairs-table")
    assert list(table["pmi"]) == sorted(table["pmi"], reverse=True)
    assert table.loc[0, "pmi"] == round(math.log2(14), 3)
    at.number_input(key="together-min-count").set_value(2).run()
    assert sorted((a, b) for a, b, *_ in _rows(at)) == [
        ("Assad", "Central Asia"),
        ("Assad", "Kremlin"),
        ("Assad", "North Caucasus"),
        ("Assad", "Putin"),
        ("Assad", "Syria"),
        ("Central Asia", "North Caucasus"),
        ("Russia", "Ukraine"),
    ]


def test_a_pair_leads_to_its_sentences(store_url: str, store_engine: Engine, media) -> None:
    at = _only_the_112_ua_article(open_app("together"))
    found = _sentences_of_the_pair(at, "Assad", "Putin")
    assert list(found["sentence"]) == ASSAD_PUTIN
    assert list(found["article_id"]) == [1, 1]
    assert list(found["n_a"]) == list(found["n_b"]) == [1, 1]
    assert at.caption[-1].value == "2 sentences in 1 article. Click a row to open its article."
    assert media.content(at, "together-sentences-download") == csv_bytes(
        store.pair_sentences(
            store_engine,
            store.ArticleFilter(search="Kremlin"),
            a=("Assad", "PERSON"),
            b=("Putin", "PERSON"),
        )
    )
    at.session_state["together-sentences-table"] = {"selection": {"rows": [1]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "1"


def test_not_available_for_articles_not_in_english(
    writable_store_url: str, writable_engine: Engine, nlp: Language
) -> None:
    french = Article(
        title="Le conseil municipal",
        body="Le conseil municipal de Lyon a voté mercredi soir un nouveau plan pour les pistes "
        "cyclables. Le maire a déclaré que la ville allait changer pendant les prochaines "
        "années, et les habitants ont salué la décision.",
    )
    (result,) = ingest_articles(writable_engine, nlp, [french])
    assert store.article_detail(writable_engine, result.article_id)["language"] == "fr"
    at = open_app("together")
    at.sidebar.text_input(key="filter-search").set_value("conseil municipal").run()
    assert not at.exception
    assert at.info[0].value.startswith("Co-occurrence is not available for this language (fr)")
    assert not at.get("plotly_chart")
    # with English articles too, the French one is said to be left out
    at.sidebar.text_input(key="filter-search").set_value("").run()
    assert at.caption[0].value.startswith("1 of the selected articles are not in English")
    assert len(frame(at, "together-pairs-table")) == 74


def test_a_pair_in_the_same_article_lists_the_sentences_of_either(store_url: str) -> None:
    at = _only_the_112_ua_article(open_app("together"))
    at.segmented_control(key="together-unit").set_value("article").run()
    found = _sentences_of_the_pair(at, "Putin", "Syria")
    # Putin is named in 3 sentences (5, 9, 11), Syria in 5, never in the same one
    assert list(found["n_a"]) == [0, 0, 0, 0, 1, 1, 1, 0]
    assert list(found["n_b"]) == [1, 1, 1, 1, 0, 0, 0, 1]
    assert list(found["sentence_index"][4:7]) == [5, 9, 11]
    assert list(found["sentence_index"]) == sorted(found["sentence_index"])
    assert found["sentence"].iloc[4] == ASSAD_PUTIN[0]


def test_a_chosen_row_beyond_a_shorter_table(store_url: str) -> None:
    at = open_app("together")
    assert len(_sentences_of_the_pair(at, "Chechnya", "Dagestan")) == 1
    at.number_input(key="together-min-count").set_value(3).run()
    assert not at.exception
    assert _rows(at) == [("Germany", "Poland", 3, 7, 3, 84)]
    assert at.info[0].value == "Choose a pair in the table above."


def test_nothing_matches(store_url: str) -> None:
    at = open_app("together")
    at.sidebar.text_input(key="filter-search").set_value("no such words anywhere").run()
    assert not at.exception
    assert [info.value for info in at.info] == [
        "No article matches the filter. Change it in the sidebar, or add articles on Upload."
    ]
    assert at.get("plotly_chart") == []
