"""Pure helpers of the upload form and of the CSV downloads."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.models import Article
from analytics.readers import EXTENSIONS
from components.download import csv_file_name
from components.upload import UPLOAD_TYPES, pasted_article


def test_pasted_article_takes_the_title_from_the_first_line() -> None:
    article = pasted_article(
        "  Title line\r\nBody one.\r\n\r\nBody two. ",
        title="",
        source=" Harbour Daily ",
        published=dt.date(2024, 1, 2),
        url=" https://example.org/a ",
    )
    assert article == Article(
        body="Body one.\n\nBody two.",
        title="Title line",
        source="Harbour Daily",
        published=dt.date(2024, 1, 2),
        url="https://example.org/a",
        language="",
        file_name="pasted text",
    )


def test_pasted_article_with_a_title_keeps_all_the_text() -> None:
    article = pasted_article(
        "First line\nSecond line", title=" Given ", source="", published=None, url=""
    )
    assert article == Article(
        body="First line\nSecond line", title="Given", file_name="pasted text"
    )


def test_pasted_article_of_one_line_has_no_title() -> None:
    article = pasted_article("  Only one line  ", title="", source="", published=None, url="")
    assert article == Article(body="Only one line", title="", file_name="pasted text")


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n \t"])
def test_pasted_article_is_none_for_blank_text(text: str) -> None:
    assert pasted_article(text, title="A title", source="S", published=None, url="") is None


def test_the_uploader_accepts_every_type_the_readers_read() -> None:
    """The file uploader is the only way in from the dashboard: it takes every extension the
    readers read (``.text``, ``.markdown`` and ``.tsv`` included), and no other."""
    uploadable = set(UPLOAD_TYPES)
    assert sorted(set(EXTENSIONS) - uploadable) == []
    assert sorted(uploadable - set(EXTENSIONS)) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("top-words", "top-words.csv"),
        ("Top Words!", "top-words.csv"),
        ("sentences-Putin", "sentences-putin.csv"),
        ("sentences-<img src=x onerror=alert(1)>", "sentences-img-src-x-onerror-alert-1.csv"),
        ("../../etc/passwd", "etc-passwd.csv"),
        ("article-7-readability", "article-7-readability.csv"),
        ("***", "data.csv"),
        ("", "data.csv"),
        ("Kraków rada", "krak-w-rada.csv"),
        ("a" * 100, "a" * 80 + ".csv"),
    ],
)
def test_csv_file_name(name: str, expected: str) -> None:
    assert csv_file_name(name) == expected
