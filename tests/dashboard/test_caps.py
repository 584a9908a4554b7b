"""Lists cut at a limit say what they show out of how many and offer every row ("Download
all"); the Article picker searches the whole corpus. The caps are made small here (the seed
store has 7 articles) rather than the store large."""

from __future__ import annotations

import pytest
from apptest_support import downloads, frame, open_app
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.export import csv_bytes
from analytics.filters import ArticleFilter
from dashboard import data


def _caption_starting(at: AppTest, start: str) -> str:
    """The one caption whose text starts with ``start`` (the Entities page has several)."""
    (value,) = [caption.value for caption in at.caption if caption.value.startswith(start)]
    return value


def test_entity_sentences_say_they_are_cut(
    store_url: str, store_engine: Engine, media, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "SENTENCE_ROWS", 2)
    at = open_app("entities")
    entity, label = at.selectbox(key="entities-chosen").value
    full = store.entity_sentences(store_engine, entity=entity, label=label, limit=None)
    n_articles = full["article_id"].nunique()
    assert len(full) > 2 and n_articles > 1  # the seed store's leading entity
    assert _caption_starting(at, "The first 2 of ") == (
        f"The first 2 of {len(full)} sentences (in {n_articles} articles) are listed: "
        "**Download all** for every one. Click a row to open its article."
    )
    assert list(frame(at, "entities-sentences-table")["article_id"]) == list(
        full["article_id"].head(2)
    )
    label_text = f"Download all {len(full)} sentences"
    assert downloads(at)["entities-sentences-all-download"] == label_text
    everything = media.file(at, "entities-sentences-all-download")
    assert everything.filename == f"sentences-{entity.lower()}-all.csv"
    assert everything.content == csv_bytes(full)
    # the table's own CSV is still exactly what it shows
    shown = media.file(at, "entities-sentences-download")
    assert shown.content == csv_bytes(full.head(2))


def test_an_uncut_list_has_no_download_all(store_url: str, store_engine: Engine) -> None:
    at = open_app("entities")
    entity, label = at.selectbox(key="entities-chosen").value
    full = store.entity_sentences(store_engine, entity=entity, label=label, limit=None)
    assert _caption_starting(at, f"{len(full)} sentences in ") == (
        f"{len(full)} sentences in {full['article_id'].nunique()} articles. "
        "Click a row to open its article."
    )
    assert "entities-sentences-all-download" not in downloads(at)


def test_quotations_say_they_are_cut(
    store_url: str, store_engine: Engine, media, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "QUOTE_ROWS", 5)
    at = open_app("quotes")
    full = store.quote_table(store_engine, limit=None)
    assert len(full) > 5
    assert at.caption[0].value == (
        f"The newest 5 of {len(full)} quotations (in {full['article_id'].nunique()} articles) "
        "are listed: **Download all** for every one. Click a row to open its article."
    )
    everything = media.file(at, "quotes-list-all-download")
    assert everything.content == csv_bytes(full)


def test_contexts_say_they_are_cut(
    store_url: str, store_engine: Engine, media, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "CONTEXT_ARTICLES", 1)
    at = open_app("contexts", query={"q": "Germany"})
    n_containing = store.n_articles_containing(store_engine, containing="Germany")
    assert n_containing == 4
    shown = frame(at, "contexts-table-table")
    assert set(shown["article_id"]) == {3}
    assert any(
        caption.value
        == (
            f"Cut short: the first {len(shown)} occurrences, read in the first 1 of 4 articles "
            "whose text contains it. **Download all** has every one."
        )
        for caption in at.caption
    )
    everything = media.file(at, "contexts-all-download").content.decode()
    assert everything.count("\n") - 1 > len(shown)  # a header and one line per occurrence


def test_article_picker_searches_the_whole_corpus(
    store_url: str, store_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "MAX_CHOICES", 3)
    at = open_app("article")
    assert at.selectbox(key="article-pick-select").options == [
        f"{title}  (#{article_id})"
        for article_id, title in store.article_table(store_engine, limit=3)[
            ["article_id", "title"]
        ].itertuples(index=False)
    ]
    assert any(
        caption.value
        == "The newest 3 of 7 articles are listed: type words above to find any other."
        for caption in at.caption
    )
    # the first article stored is not among the 3 newest: a search finds it
    expected = set(store.article_table(store_engine, ArticleFilter(search="Assad"))["article_id"])
    assert 1 in expected
    at.text_input(key="article-pick-find").set_value("Assad").run()
    assert not at.exception
    (picker,) = [box for box in at.selectbox if box.key.startswith("article-pick-select-")]
    assert {int(option.rsplit("#", 1)[1].rstrip(")")) for option in picker.options} == expected
    matching = (
        "1 matching article." if len(expected) == 1 else f"{len(expected)} matching articles."
    )
    assert any(caption.value == matching for caption in at.caption)
    picker.set_value(1).run()
    assert not at.exception
    assert at.query_params["article"] == "1"


def test_article_picker_says_when_nothing_matches(store_url: str) -> None:
    at = open_app("article")
    at.text_input(key="article-pick-find").set_value("zebra unicorn").run()
    assert not at.exception
    assert any(caption.value == "No article contains all of these words." for caption in at.caption)
    assert at.selectbox(key="article-pick-select").value is not None
