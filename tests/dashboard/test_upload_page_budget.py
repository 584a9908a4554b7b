"""Upload page: the caps on articles per file and per upload, and the analysis's time budget."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest_support import frame_with_columns, open_app
from sqlalchemy import Engine

from analytics import store

SUBMIT = "FormSubmitter:upload-form-Add to the corpus"
CRANES = (
    "Harbour cranes get a new coat of paint\n\n"
    + "The port of Gdynia repainted its twelve container cranes this summer. " * 3
).encode()
BATCH = (
    b"title,text\n"
    b"Ferry strike ends,A ferry strike ended in Gdansk on Friday after two days of talks.\n"
    b"Bridge reopens,The old bridge in Torun reopened on Monday after a year of repairs.\n"
    b"Port grows,The port of Szczecin handled more containers than ever this year.\n"
)
#: About 500,000 characters: far more than a few seconds to analyse.
HUGE = (
    "The huge report\n\n"
    + "\n\n".join(
        "The council met on Monday and agreed the budget for the year. Officials said the "
        "vote was close, and the mayor thanked the members of the council. " * 20
        for _ in range(170)
    )
).encode()


def _results(at) -> list[tuple]:
    table = frame_with_columns(at, "file", "result", "title", "reason", "article_id")
    return [
        (row.file, row.result, row.reason, None if pd.isna(row.article_id) else int(row.article_id))
        for row in table.itertuples(index=False)
    ]


def _submit(at) -> None:
    # the first upload of a test session starts a worker, which loads the model (not counted
    # in the analysis's budget; it can take a minute on a busy machine)
    at.button(key=SUBMIT).click().run(timeout=180)
    assert not at.exception, [error.value for error in at.exception]


def test_a_file_over_the_per_file_cap_is_rejected_and_the_others_stored(
    writable_store_url: str, writable_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_MAX_ARTICLES_PER_FILE", "2")
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("batch.csv", BATCH, "text/csv").upload(
        "cranes.txt", CRANES, "text/plain"
    )
    _submit(at)
    assert _results(at) == [
        (
            "batch.csv",
            "rejected",
            "this CSV has 3 rows; at most 2 articles per file (NEWS_MAX_ARTICLES_PER_FILE)",
            None,
        ),
        ("cranes.txt", "added", "", 8),
    ]
    assert store.n_articles(writable_engine) == 8


def test_an_upload_over_the_cap_is_refused_before_any_analysis(
    writable_store_url: str, writable_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_MAX_ARTICLES_PER_UPLOAD", "3")
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("batch.csv", BATCH, "text/csv").upload(
        "cranes.txt", CRANES, "text/plain"
    )
    _submit(at)
    assert [error.value for error in at.error] == [
        "This upload has 4 articles; at most 3 articles per upload "
        "(NEWS_MAX_ARTICLES_PER_UPLOAD). Nothing was added: upload fewer at a time."
    ]
    assert at.status == []
    assert at.get("arrow_data_frame") == []
    assert store.n_articles(writable_engine) == 7


def test_an_article_over_the_time_budget_is_rejected_and_the_others_stored(
    writable_store_url: str, writable_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_ANALYSIS_TIMEOUT_S", "4")
    at = open_app("upload")
    at.file_uploader(key="upload-files").upload("cranes.txt", CRANES, "text/plain").upload(
        "huge.txt", HUGE, "text/plain"
    )
    _submit(at)
    assert _results(at) == [
        ("cranes.txt", "added", "", 8),
        (
            "huge.txt",
            "rejected",
            "the analysis took longer than 4 s (NEWS_ANALYSIS_TIMEOUT_S)",
            None,
        ),
    ]
    assert [warning.value for warning in at.warning] == ["1 added, 0 already present, 1 rejected."]
    assert store.n_articles(writable_engine) == 8
