"""Upload page: files and pasted text through the form, per-file results, the corpus grows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from apptest_support import frame_with_columns, metrics, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.readers import supported_types

SUBMIT = "FormSubmitter:upload-form-Add to the corpus"
TXT = (
    "Harbour cranes get a new coat of paint\n\n"
    + "The port of Gdynia repainted its twelve container cranes this summer. " * 3
).encode()
HTML = b"""<!doctype html><html><head><title>Tram line opens in Lodz</title></head><body>
<article><h1>Tram line opens in Lodz</h1>
<p>The city of Lodz opened a new tram line on Saturday, linking the old factory district with
the main railway station.</p>
<p>Thousands of residents rode the first trams, and the mayor said the line would carry twenty
thousand passengers a day.</p>
<p>The project cost 300 million zloty and was paid for in part by the European Union.</p>
</article></body></html>"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# The list of supported types grows with the readers; the start of the message is fixed.
PNG_REASON = (
    "this file is not a supported type (it looks like a PNG image); supported types are "
    + supported_types()
)
FERRY = (
    "A ferry strike ended in Gdansk on Friday after two days of talks between the union and "
    "the operator."
)


def _results(at) -> list[tuple]:
    """The rows of the per-file results table."""
    table = frame_with_columns(at, "file", "result", "title", "reason", "article_id")
    return [
        (
            row.file,
            row.result,
            row.title,
            row.reason,
            None if pd.isna(row.article_id) else int(row.article_id),
        )
        for row in table.itertuples(index=False)
    ]


def _in_order(node) -> list:  # type: ignore[no-untyped-def]
    """The node and every node under it, in the order the page shows them."""
    children = getattr(node, "children", {}).values()
    return [node] + [found for child in children for found in _in_order(child)]


def _submit(at) -> None:
    # the first upload of a test session starts a worker, which loads the model (a minute or
    # more on a busy machine)
    at.button(key=SUBMIT).click().run(timeout=180)
    assert not at.exception, [error.value for error in at.exception]


def test_form(writable_store_url: str) -> None:
    at = open_app("upload")
    uploader = at.file_uploader(key="upload-files")
    assert uploader.label == "Article files"
    assert uploader.accept_multiple_files is True
    assert uploader.allowed_type == [
        ".csv",
        ".docx",
        ".htm",
        ".html",
        ".jsonl",
        ".markdown",
        ".md",
        ".ndjson",
        ".pdf",
        ".text",
        ".tsv",
        ".txt",
        ".zip",
    ]
    assert at.text_area(key="upload-text").label == "Article text"
    assert at.button(key=SUBMIT).label == "Add to the corpus"
    assert at.get("arrow_data_frame") == []


def test_upload_txt_html_and_a_png_renamed_txt(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app()
    assert metrics(at)["Articles"] == "7"
    at.switch_page("views/upload.py").run()
    at.file_uploader(key="upload-files").upload("cranes.txt", TXT, "text/plain").upload(
        "tram.html", HTML, "text/html"
    ).upload("image.txt", PNG, "text/plain")
    _submit(at)
    assert _results(at) == [
        ("cranes.txt", "added", "Harbour cranes get a new coat of paint", "", 8),
        ("tram.html", "added", "Tram line opens in Lodz", "", 9),
        ("image.txt", "rejected", "", PNG_REASON, None),
    ]
    assert [warning.value for warning in at.warning] == ["2 added, 0 already present, 1 rejected."]
    # The form collapsed into the status box at the top, which holds the results.
    assert [(status.label, status.state) for status in at.status] == [
        ("Upload finished: 2 articles added", "complete")
    ]
    (box,) = at.status
    assert box.markdown[0].value == (
        ":green[:material/check_circle: 2 added] \u2003 "
        ":blue[:material/content_copy: 0 already present] \u2003 :red[:material/cancel: 1 rejected]"
    )
    shown = _in_order(at.main)
    assert shown.index(box) < shown.index(at.get("form")[0])
    assert store.n_articles(writable_engine) == 9
    tram = store.article_detail(writable_engine, 9)
    assert tram["file_name"] == "tram.html"
    assert tram["body"].startswith("The city of Lodz opened a new tram line on Saturday")

    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "9"
    assert metrics(at)["Words"] == "2,344"
    assert at.caption[0].value == "published 2024-10-03 to 2024-12-12; 3 articles without a date."


def test_the_same_file_again_is_already_present(writable_store_url: str) -> None:
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("cranes.txt", TXT, "text/plain")
    _submit(at)
    assert _results(at) == [
        ("cranes.txt", "added", "Harbour cranes get a new coat of paint", "", 8)
    ]
    assert [success.value for success in at.success] == ["1 added, 0 already present, 0 rejected."]

    at.file_uploader(key="upload-files").set_value(("copy.txt", TXT, "text/plain"))
    _submit(at)
    assert _results(at) == [
        ("copy.txt", "already present", "Harbour cranes get a new coat of paint", "", 8)
    ]
    assert [success.value for success in at.success] == ["0 added, 1 already present, 0 rejected."]
    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "8"


def test_only_rejected_files_is_an_error(writable_store_url: str) -> None:
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("image.txt", PNG, "text/plain")
    _submit(at)
    assert [error.value for error in at.error] == [
        "Nothing was added: 0 added, 0 already present, 1 rejected."
    ]
    assert _results(at) == [("image.txt", "rejected", "", PNG_REASON, None)]


def test_pasted_text_with_a_title(writable_store_url: str, writable_engine: Engine) -> None:
    at = open_app("upload")
    at.text_area(key="upload-text").input(FERRY)
    at.text_input(key="upload-title").input("Ferry strike ends")
    at.text_input(key="upload-source").input("Baltic Wire")
    at.text_input(key="upload-url").input("https://example.org/ferry")
    _submit(at)
    assert _results(at) == [("pasted text", "added", "Ferry strike ends", "", 8)]
    assert [success.value for success in at.success] == ["1 added, 0 already present, 0 rejected."]
    stored = store.article_detail(writable_engine, 8)
    assert (stored["title"], stored["body"], stored["source"], stored["url"]) == (
        "Ferry strike ends",
        FERRY,
        "Baltic Wire",
        "https://example.org/ferry",
    )
    assert stored["published"] is None

    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "8"
    assert metrics(at)["Sources"] == "4"


def test_pasted_text_without_a_title_uses_its_first_line(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app("upload")
    at.text_area(key="upload-text").input(f"Ferry strike ends\n{FERRY}")
    _submit(at)
    assert _results(at) == [("pasted text", "added", "Ferry strike ends", "", 8)]
    assert store.article_detail(writable_engine, 8)["body"] == FERRY


def test_empty_form_shows_a_warning(writable_store_url: str, writable_engine: Engine) -> None:
    at = open_app("upload")
    _submit(at)
    assert [warning.value for warning in at.warning] == [
        "Choose at least one file or paste an article's text."
    ]
    assert at.get("arrow_data_frame") == []
    assert at.status == []
    assert store.n_articles(writable_engine) == 7


def test_too_many_files(writable_store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWS_MAX_FILES", "1")
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("cranes.txt", TXT, "text/plain").upload(
        "tram.html", HTML, "text/html"
    )
    _submit(at)
    assert [error.value for error in at.error] == [
        "Too many files: at most 1 at once. Nothing was added."
    ]
    assert at.get("arrow_data_frame") == []


def test_a_dated_upload_keeps_the_whole_corpus_in_view(writable_store_url: str) -> None:
    """Adding an article dated after the newest one must not hide articles.

    Regression test (fixed in 0b7ef01, dashboard/sidebar.py): the "Published between" widget
    kept its old range after the store's date bounds grew; the range then became a real filter
    and hid the new article and every undated one (Articles fell from 7 to 6 after an upload
    that added one).
    """
    at = open_app()
    assert metrics(at)["Articles"] == "7"
    at.switch_page("views/upload.py").run()
    at.text_area(key="upload-text").input(FERRY)
    at.text_input(key="upload-title").input("Ferry strike ends")
    at.date_input(key="upload-date").set_value(dt.date(2025, 1, 10))
    _submit(at)
    assert _results(at) == [("pasted text", "added", "Ferry strike ends", "", 8)]
    assert metrics(open_app())["Articles"] == "8"  # a new session

    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "8"


def test_parts_left_out_of_a_file_are_listed(writable_store_url: str) -> None:
    batch = (
        "title,text,date\n"
        f"Ferry strike ends,{FERRY},2024-06-07\n"
        "Empty row,,2024-06-08\n"
        f"Ferry strike talks,{FERRY} The talks lasted two days.,someday soon\n"
    ).encode()
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("batch.csv", batch, "text/csv")
    _submit(at)
    assert [row[1:3] for row in _results(at)] == [
        ("added", "Ferry strike ends"),
        ("added", "Ferry strike talks"),
    ]
    assert [warning.value for warning in at.warning] == [
        "2 parts of 1 file could not be read and were left out:"
    ]
    warnings = frame_with_columns(at, "file", "warning")
    assert warnings.values.tolist() == [
        ["batch.csv", "row 2: no text"],
        ["batch.csv", "row 3: could not read the date 'someday soon'"],
    ]
