"""Tests of analytics.readers.html: web pages, their main text and metadata, through the upload
path.
"""

from __future__ import annotations

import datetime as dt

import pytest
from reader_samples import BODY, FRENCH, PAGE, PARAGRAPHS, only_article

from analytics.models import Article, ReadOutcome
from analytics.readers.reading import read_upload


def test_read_html_golden() -> None:
    article = only_article(read_upload("cycle-lanes.html", PAGE.encode()))
    assert article == Article(
        body=BODY,
        title="Council approves new cycle lanes",
        source="Riverside Gazette",
        published=dt.date(2024, 12, 9),
        url="https://gazette.example/news/cycle-lanes",
        language="en",
        file_name="cycle-lanes.html",
    )
    for boilerplate in ("NAVIGATION_MENU", "FOOTER_BOILERPLATE", "SCRIPT_IN", "Privacy"):
        assert boilerplate not in article.body


def test_read_html_detected_by_content() -> None:
    article = only_article(read_upload("download", PAGE.encode()))
    assert article.body == BODY


def test_read_html_small_page() -> None:
    data = b"<html><body><p>The bridge reopens on Friday.</p></body></html>"
    article = only_article(read_upload("small.html", data))
    assert article == Article(body="The bridge reopens on Friday.", file_name="small.html")


@pytest.mark.parametrize(
    ("html", "body"),
    [
        (
            "<article><p>First line<br>second line.</p><p>Next <b>bold</b> one.</p></article>",
            "First line\nsecond line.\n\nNext bold one.",
        ),
        ("Loose text of the page.<br>Another line.", "Loose text of the page.\n\nAnother line."),
    ],
)
def test_read_html_paragraphs(html: str, body: str) -> None:
    data = f"<html><body>{html}</body></html>".encode()
    assert only_article(read_upload("page.html", data)).body == body


def test_read_html_declared_latin1() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(PARAGRAPHS[1], FRENCH)
    article = only_article(read_upload("page.html", page.encode("cp1252")))
    assert article.body == f"{PARAGRAPHS[0]}\n\n{FRENCH}\n\n{PARAGRAPHS[2]}"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head><title>Nothing here</title></head><body></body></html>",
        b"<!DOCTYPE html><html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_read_html_without_text(data: bytes) -> None:
    outcome = read_upload("empty.html", data)
    assert outcome == ReadOutcome("empty.html", error="no article text found in the HTML page")


def test_read_html_too_long() -> None:
    outcome = read_upload("page.html", PAGE.encode(), max_article_chars=100)
    assert outcome.error == (
        "the article has 457 characters; the limit is 100 (NEWS_MAX_ARTICLE_CHARS)"
    )
