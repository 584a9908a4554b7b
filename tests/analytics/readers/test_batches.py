"""Tests of analytics.readers.batches: CSV, TSV and JSON Lines files, one article per row."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from reader_samples import BODY, PARAGRAPHS, RUSSIAN, only_article

from analytics.models import Article, ReadOutcome
from analytics.readers.reading import read_upload

CSV = (
    "ID,Title,Body,Publisher,Publication Date,Link,Lang,category\r\n"
    f'n-1,Cycle lanes approved,"{PARAGRAPHS[0]}\r\n\r\n{PARAGRAPHS[1]}",Riverside Gazette,'
    "2024-12-09,https://gazette.example/1,en-GB,local\r\n"
    ",No text here,,Gazette,,,,local\r\n"
    f',Bridge reopens,"{PARAGRAPHS[2]}",,9 December 2024,,fr,local\r\n'
    f",Odd date,Some text.,,sometime soon,,,\r\n"
)


def test_read_csv_batch() -> None:
    outcome = read_upload("news.csv", CSV.encode())
    assert outcome.error == ""
    assert outcome.articles == (
        Article(
            body=f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}",
            title="Cycle lanes approved",
            source="Riverside Gazette",
            published=dt.date(2024, 12, 9),
            url="https://gazette.example/1",
            language="en",
            file_name="news.csv#n-1",
            metadata=(("category", "local"),),  # a column beyond the article's fields is kept
        ),
        Article(
            body=PARAGRAPHS[2],
            title="Bridge reopens",
            published=dt.date(2024, 12, 9),
            language="fr",
            file_name="news.csv#row 3",
            metadata=(("category", "local"),),
        ),
        Article(body="Some text.", title="Odd date", file_name="news.csv#row 4"),
    )
    assert outcome.warnings == ("row 2: no text", "row 4: could not read the date 'sometime soon'")


def test_read_csv_semicolons_bom_and_cp1251() -> None:
    data = f"\ufefftitle;text\r\nДорожки;{RUSSIAN}\r\n".encode()
    article = only_article(read_upload("ru.csv", data))
    assert (article.title, article.body, article.file_name) == ("Дорожки", RUSSIAN, "ru.csv#row 1")
    data = f"title;text\r\nДорожки;{RUSSIAN}\r\n".encode("cp1251")
    assert only_article(read_upload("ru.csv", data)).body == RUSSIAN


def test_read_csv_blank_lines_before_the_header() -> None:
    article = only_article(read_upload("a.csv", b"\r\n\r\ntitle;text\r\nA;B, C\r\n"))
    assert (article.title, article.body, article.file_name) == ("A", "B, C", "a.csv#row 1")


def test_read_tsv() -> None:
    article = only_article(read_upload("a.tsv", b"headline\tcontent\nA title\tSome, text.\n"))
    assert (article.title, article.body) == ("A title", "Some, text.")


def test_read_csv_row_with_too_many_cells() -> None:
    outcome = read_upload("a.csv", b"title,text\nA,Some text, unquoted\n")
    assert only_article(outcome) == Article(body="Some text", title="A", file_name="a.csv#row 1")
    assert outcome.warnings == ("row 1 has more cells than the header row has columns",)


def test_read_csv_without_text_column() -> None:
    outcome = read_upload("news.csv", b"headline,author,category\nA,B,C\n")
    assert outcome.error == (
        "no text column found (the columns are 'headline', 'author', 'category'); "
        "the text must be in a column named text, body, content, article"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"title,text\r\n", "the file has a header row but no data rows"),
        (b"title,text\nA,\nB,  \n", "none of the rows has any text"),
    ],
)
def test_read_csv_without_rows(data: bytes, message: str) -> None:
    assert read_upload("a.csv", data).error == message


def test_read_csv_long_row_is_skipped() -> None:
    data = f"text\nShort text.\n{'x' * 200}\n".encode()
    outcome = read_upload("a.csv", data, max_article_chars=100)
    assert [a.body for a in outcome.articles] == ["Short text."]
    assert outcome.warnings == (
        "row 2: the article has 200 characters; the limit is 100 (NEWS_MAX_ARTICLE_CHARS), skipped",
    )


def test_read_csv_field_longer_than_the_csv_default_limit() -> None:
    text = "word " * 40_000  # 200,000 characters: over csv's default field limit of 131,072
    outcome = read_upload("big.csv", f'text\n"{text}"\n'.encode())
    assert only_article(outcome).body == text.strip()


def test_read_jsonl_batch() -> None:
    lines = [
        json.dumps(
            {
                "id": "business/001.txt",
                "category": "business",
                "title": "Cycle lanes approved",
                "text": BODY,
                "source": "BBC",
                "Published": "2005-03-01T10:00:00Z",
                "url": "https://news.example/1",
                "language": "en",
            }
        ),
        "",
        '{"id": "business/002.txt", "title": "Broken',
        json.dumps({"id": "business/003.txt", "title": "No text"}),
        json.dumps({"Content": "Just a body.", "date": "1 March 2005"}),
        json.dumps(["not", "an", "object"]),
    ]
    outcome = read_upload("bbc.jsonl", "\n".join(lines).encode())
    assert outcome.error == ""
    assert outcome.articles == (
        Article(
            body=BODY,
            title="Cycle lanes approved",
            source="BBC",
            published=dt.date(2005, 3, 1),
            url="https://news.example/1",
            language="en",
            file_name="bbc.jsonl#business/001.txt",
            metadata=(("category", "business"),),
        ),
        Article(body="Just a body.", published=dt.date(2005, 3, 1), file_name="bbc.jsonl#line 5"),
    )
    assert outcome.warnings == (
        "line 3 is not valid JSON",
        "line 4: no text",
        "line 6 is not a JSON object",
    )


def test_read_jsonl_with_nothing_readable() -> None:
    outcome = read_upload("a.jsonl", b"not json\n{also not}\n")
    assert outcome == ReadOutcome("a.jsonl", error="line 1 is not valid JSON", warnings=())


def test_read_jsonl_without_text_field() -> None:
    outcome = read_upload("a.jsonl", b'{"title": "A", "author": "B"}\n{"Title": "C"}\n')
    assert outcome.error == (
        "no text column found (the columns are 'title', 'author', 'Title'); "
        "the text must be in a column named text, body, content, article"
    )


# --- one bad line costs one line --------------------------------------------------------------


def test_read_jsonl_line_of_nul_bytes_is_skipped_with_its_line_number() -> None:
    data = (
        json.dumps({"text": PARAGRAPHS[0]}).encode()
        + b"\n"
        + b'{"text": "dam\x00aged"}\n'
        + bytes(64)
        + b"\n"
        + json.dumps({"text": PARAGRAPHS[1]}).encode()
        + b"\n"
        + json.dumps({"text": PARAGRAPHS[2]}).encode()
    )
    outcome = read_upload("news.jsonl", data)
    assert [article.body for article in outcome.articles] == list(PARAGRAPHS[:3])
    assert outcome.warnings == (
        "line 2 holds NUL bytes (damaged or binary data)",
        "line 3 holds NUL bytes (damaged or binary data)",
    )


def test_read_csv_row_with_a_nul_byte_is_skipped_with_its_row_number() -> None:
    data = f'text,title\n"{PARAGRAPHS[0]}",One\nbad\x00cell,Two\n"{PARAGRAPHS[1]}",Three\n'
    outcome = read_upload("news.csv", data.encode())
    assert [article.title for article in outcome.articles] == ["One", "Three"]
    assert outcome.warnings == ("row 2 holds NUL bytes (damaged or binary data)",)


def test_read_jsonl_lone_surrogate_is_replaced() -> None:
    lines = [
        json.dumps({"text": PARAGRAPHS[0]}),
        '{"text": "A broken emoji \\ud83d in the text.", "title": "Odd \\udc00 title"}',
    ]
    outcome = read_upload("news.jsonl", "\n".join(lines).encode())
    assert outcome.error == ""
    assert [(a.title, a.body) for a in outcome.articles] == [
        ("", PARAGRAPHS[0]),
        ("Odd \ufffd title", "A broken emoji \ufffd in the text."),
    ]
    assert all(len(article.content_hash) == 64 for article in outcome.articles)


def test_read_jsonl_escaped_nul_is_removed() -> None:
    line = '{"text": "Text with\\u0000 a NUL.", "source": "Wire\\u0000", "title": "T\\u0000"}'
    (article,) = read_upload("news.jsonl", line.encode()).articles
    assert (article.body, article.source, article.title) == ("Text with a NUL.", "Wire", "T")


def test_read_jsonl_overlong_language_is_left_to_detection() -> None:
    line = json.dumps({"text": PARAGRAPHS[0], "language": "English as spoken in the UK"})
    (article,) = read_upload("news.jsonl", line.encode()).articles
    assert article.language == ""
