"""Contexts page: keyword in context over the seed corpus, reached from Words and Entities."""

from __future__ import annotations

from apptest_support import frame_with_columns, open_app


def test_contexts_of_a_word(store_url: str) -> None:
    at = open_app("contexts")
    assert at.title[0].value == "Contexts"
    at.text_input(key="contexts-query").set_value("Kremlin").run()
    assert not at.exception
    table = frame_with_columns(at, "left", "match", "right")
    # the cleaned body of the 112.ua seed (the repeated headlines are gone)
    assert len(table) == 3
    assert set(table["match"]) == {"Kremlin"}
    assert table.iloc[0]["left"].endswith("in Syria and its impact on the")
    assert at.caption[0].value == "3 occurrences in 1 article. Click a row to open its article."


def test_sorted_by_the_word_after(store_url: str) -> None:
    at = open_app("contexts")
    at.text_input(key="contexts-query").set_value("port").run()
    at.segmented_control(key="contexts-sort").set_value("word_after").run()
    assert not at.exception
    table = frame_with_columns(at, "left", "match", "right")
    after = [right.split()[0].strip(".,").lower() if right else "" for right in table["right"]]
    assert after == sorted(after)
    assert len(table) > 5


def test_words_page_links_to_contexts(store_url: str) -> None:
    at = open_app("words")
    at.selectbox(key="words-contexts-term").set_value("port").run()
    at.button(key="words-contexts-go").click().run()
    assert not at.exception
    assert at.title[0].value == "Contexts"
    assert at.text_input(key="contexts-query").value == "port"
