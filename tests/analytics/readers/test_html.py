"""Tests of analytics.readers.html: web pages, their main text and metadata, through the upload
path.
"""

from __future__ import annotations

import datetime as dt

import pytest
from reader_samples import BODY, FRENCH, PAGE, PARAGRAPHS, only_article

from analytics.models import Article, ReadOutcome
from analytics.readers.html import clean_title, without_long_attributes
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


@pytest.mark.parametrize(
    "attribute",
    [
        'data-blob="{}"',
        "data-blob='{}'",
        "data-blob={}",
        'src="data:image/png;base64,{}"',
    ],
    ids=["double-quoted", "single-quoted", "unquoted", "inline-image"],
)
def test_read_html_huge_attribute_does_not_hide_the_text(attribute: str) -> None:
    value = "A" * (10 * 1024 * 1024)
    page = (
        "<!DOCTYPE html><html><head><title>Two paragraphs</title></head><body>"
        f"<div {attribute.format(value)} class='x'></div>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></body></html>"
    )
    article = only_article(read_upload("page.html", page.encode()))
    assert article.body == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"


def test_long_attributes_are_emptied_and_text_is_kept() -> None:
    value = "b" * 70_000
    prose = 'He typed x="' + "word " * 20_000 + "and stopped."  # not in a tag: kept
    page = f'<p>{prose}</p><a href="{value}" title="kept">link</a>'
    assert without_long_attributes(page) == f'<p>{prose}</p><a href="" title="kept">link</a>'


def test_read_html_with_a_stray_nul_byte() -> None:
    article = only_article(read_upload("page.html", PAGE.encode().replace(b"<p>", b"<p>\x00", 1)))
    assert article.body == BODY


def test_read_html_overlong_site_name_is_left_out() -> None:
    name = "Gazette " * 50
    page = PAGE.replace('content="Riverside Gazette"', f'content="{name}"', 1)
    outcome = read_upload("page.html", page.encode())
    assert (outcome.articles[0].source, outcome.warnings) == (
        "",
        ("the page's site name is 399 characters long; not kept",),
    )


@pytest.mark.parametrize(
    ("title", "heading", "site", "cleaned"),
    [
        ("Talks fail | BBC News", "Talks fail", "", "Talks fail"),
        ("Talks fail - Jane Doe", "Talks fail", "", "Talks fail"),
        ("TALKS FAIL – Jane Doe", "Talks fail", "", "Talks fail"),
        ("Talks fail | Example News", "", "Example News", "Talks fail"),
        ("Talks fail · example news", "", "Example  News", "Talks fail"),
        # nothing to take off: kept as it is
        ("Talks fail", "Talks fail", "Example News", "Talks fail"),
        ("Talks fail - again", "Budget vote", "", "Talks fail - again"),
        ("Example News", "", "Example News", "Example News"),
        ("", "Talks fail", "Example News", ""),
    ],
)
def test_clean_title(title: str, heading: str, site: str, cleaned: str) -> None:
    assert clean_title(title, heading=heading, site=site) == cleaned


def test_read_html_title_loses_its_site_suffix() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Council approves lanes | Example News</title>"
        "</head><body><article><h1>Council approves lanes</h1>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article></body></html>"
    )
    article = only_article(read_upload("page.html", page.encode()))
    assert article.title == "Council approves lanes"
    assert article.body == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"
