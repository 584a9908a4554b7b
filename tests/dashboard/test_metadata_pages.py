"""A batch's kept columns on the pages: a sidebar filter, Compare's groups by a column's values,
the source column and the files' source and date at upload, and the Article page's edit form."""

from __future__ import annotations

import datetime as dt
import json

from apptest_support import frame, metrics, open_app
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.pipeline import ingest_articles
from analytics.readers.batches import read_jsonl

SUBMIT = "FormSubmitter:upload-form-Add to the corpus"
BUSINESS = "Shares in the bank rose after profits beat forecasts and the market rallied."
SPORT = "The striker scored twice as the team won the cup final in extra time."


def _batch() -> bytes:
    rows = [
        {"category": "business", "title": f"Bank {i}", "text": f"{BUSINESS} Report {i}."}
        for i in range(3)
    ] + [
        {"category": "sport", "title": f"Cup {i}", "text": f"{SPORT} Match {i}."} for i in range(2)
    ]
    return "\n".join(json.dumps(row) for row in rows).encode()


def _load_batch(engine: Engine, nlp: Language) -> None:
    articles = read_jsonl("bbc.jsonl", _batch().decode())
    assert [r.status for r in ingest_articles(engine, nlp, articles)] == ["added"] * 5


def test_compare_business_against_sport(
    writable_store_url: str, writable_engine: Engine, nlp: Language
) -> None:
    _load_batch(writable_engine, nlp)
    at = open_app("compare")
    # the seeds have sources: group A starts on the first source, B on the rest
    assert metrics(at)["Articles in A"] == "2"
    at.segmented_control(key="compare-a-way").set_value("column").run()
    at.segmented_control(key="compare-b-way").set_value("column").run()
    assert not at.exception, [error.value for error in at.exception]
    assert at.multiselect(key="compare-a-values-category").value == ["business"]
    assert at.multiselect(key="compare-b-values-category").value == ["sport"]
    assert [caption.value for caption in at.caption if "=" in caption.value][:2] == [
        "category \\= business",
        "category \\= sport",
    ]
    shown = metrics(at)
    assert (shown["Articles in A"], shown["Articles in B"]) == ("3", "2")
    at.toggle(key="compare-significant").set_value(False)  # five short articles
    at.number_input(key="compare-min").set_value(2).run()
    in_a = frame(at, "compare-table-a-table").set_index("term")
    assert in_a.loc["shares", ["n_a", "n_b"]].tolist() == [3, 0]
    in_b = frame(at, "compare-table-b-table")
    assert set(in_b["term"]) <= set(SPORT.lower().rstrip(".").split()) | {"match"}
    assert in_b[["n_a", "n_b"]].drop_duplicates().values.tolist() == [[0, 2]]

    # the kept column is a sidebar filter too: sport alone narrows every page
    sidebar = at.sidebar.multiselect(key="filter-meta-category")
    assert (sidebar.label, sidebar.options) == ("Category", ["business", "sport"])
    sidebar.set_value(["sport"]).run()
    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "2"


def test_upload_with_a_source_column_and_the_files_source_and_date(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("bbc.jsonl", _batch(), "application/json")
    at.text_input(key="upload-source-column").input("section")
    at.button(key=SUBMIT).click().run()
    assert [error.value for error in at.error] == [
        "No uploaded article has a column section to use as the source: nothing was added. "
        "Leave it empty, or name a column of the batch files."
    ]
    assert store.n_articles(writable_engine) == 7

    at.file_uploader(key="upload-files").upload("bbc.jsonl", _batch(), "application/json")
    at.file_uploader(key="upload-files").upload(
        "note.txt", b"Harbour note\n\nThe harbour opened a new quay today.", "text/plain"
    )
    at.text_input(key="upload-source-column").input("category")
    at.text_input(key="upload-files-source").input("Newsroom")
    at.date_input(key="upload-files-date").set_value(dt.date(2024, 5, 1))
    at.button(key=SUBMIT).click().run()
    assert not at.exception, [error.value for error in at.exception]
    table = store.article_table(writable_engine).set_index("title")
    assert table.loc["Bank 0", "source"] == "business"
    assert table.loc["Cup 1", "source"] == "sport"
    assert (table.loc["Harbour note", "source"], table.loc["Harbour note", "published"]) == (
        "Newsroom",
        dt.date(2024, 5, 1),
    )
    assert set(store.sources(writable_engine)) >= {"business", "sport", "Newsroom"}


def test_upload_without_a_source_column_says_which_could_be(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("bbc.jsonl", _batch(), "application/json")
    at.button(key=SUBMIT).click().run()
    assert [info.value for info in at.info][0].startswith(
        "5 articles have no source but a column \\'category\\'\\: to use it as the source"
    )
    assert store.n_articles(writable_engine) == 12
    assert "business" not in store.sources(writable_engine)  # not guessed


def test_edit_an_article(writable_store_url: str, writable_engine: Engine) -> None:
    at = open_app("article", query={"article": "1"})
    before = at.title[0].value
    at.text_input(key="article-edit-1-title").input("Emergency number works again")
    at.text_input(key="article-edit-1-source").input("Kyiv Desk")
    at.date_input(key="article-edit-1-date").set_value(dt.date(2024, 11, 2))
    at.text_input(key="article-edit-1-new-name").input("Section")
    at.text_input(key="article-edit-1-new-value").input("Ukraine")
    at.button(key="FormSubmitter:article-edit-1-form-Save changes").click().run()
    assert not at.exception, [error.value for error in at.exception]
    assert before != "Emergency number works again"
    assert at.title[0].value == "Emergency number works again"
    assert at.caption[0].value.startswith("Kyiv Desk · 2024\\-11\\-02 · ")
    assert at.caption[1].value == "section\\: Ukraine"
    assert [success.value for success in at.success] == [
        "Saved\\: every page shows the new title\\, source\\, date and fields\\."
    ]
    assert store.article_metadata_values(writable_engine, 1) == {"section": "Ukraine"}
    # every page follows: the Overview's article table and the sidebar's sources
    at.switch_page("views/overview.py").run()
    titles = frame(at, "overview-articles-table").set_index("article_id")["title"]
    assert titles.loc[1] == "Emergency number works again"
    assert "Kyiv Desk" in at.sidebar.multiselect(key="filter-sources").options
    assert at.sidebar.multiselect(key="filter-meta-section").options == ["Ukraine"]
