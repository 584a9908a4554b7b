"""Tests of analytics.readers.text: plain text and Markdown files, through the upload path."""

from __future__ import annotations

import pytest
from reader_samples import BODY, GERMAN, PARAGRAPHS, RUSSIAN, only_article

from analytics.models import Article, ReadOutcome
from analytics.readers.reading import read_upload


def test_read_text_golden() -> None:
    data = (
        "\r\n  Council approves new cycle lanes  \r\n\r\n"
        f"{PARAGRAPHS[0]}   \r\n\r\n\r\n\r\n{PARAGRAPHS[1]}\r\n"
        f"{PARAGRAPHS[2]}\r\n\r\nShare this article\r\n"
    ).encode()
    article = only_article(read_upload("cycle-lanes.txt", data))
    assert article == Article(
        title="Council approves new cycle lanes",
        body=f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n\nShare this article",
        file_name="cycle-lanes.txt",
    )


def test_read_text_cp1251_with_old_mac_newlines() -> None:
    data = f"Велосипедные дорожки\r\r{RUSSIAN}\r".encode("cp1251")
    article = only_article(read_upload("новости.txt", data))
    assert (article.title, article.body, article.language) == ("Велосипедные дорожки", RUSSIAN, "")


def test_read_text_utf16_with_bom() -> None:
    data = f"Radwege beschlossen\n\n{GERMAN}\n".encode("utf-16")
    article = only_article(read_upload("stadtrat.txt", data))
    assert (article.title, article.body) == ("Radwege beschlossen", GERMAN)


def test_read_text_utf8_bom_is_not_in_the_title() -> None:
    article = only_article(read_upload("a.txt", "\ufeffTitle\n\nBody text.".encode()))
    assert (article.title, article.body) == ("Title", "Body text.")


def test_read_markdown_heading_marks_are_removed() -> None:
    data = f"# Council approves new cycle lanes #\n\n{BODY}\n\n## More\n\nText.\n".encode()
    article = only_article(read_upload("lanes.md", data))
    assert article.title == "Council approves new cycle lanes"
    assert article.body == f"{BODY}\n\n## More\n\nText."


def test_read_markdown_setext_heading() -> None:
    data = f"Council approves new cycle lanes\n================================\n\n{BODY}".encode()
    article = only_article(read_upload("lanes.md", data))
    assert (article.title, article.body) == ("Council approves new cycle lanes", BODY)


def test_read_text_keeps_hash_marks_outside_markdown() -> None:
    article = only_article(read_upload("lanes.txt", b"# 1 story\n\nBody."))
    assert article.title == "# 1 story"


def test_read_text_single_line_is_the_body() -> None:
    article = only_article(read_upload("note.txt", b"Only one line of text.\n"))
    assert (article.title, article.body) == ("", "Only one line of text.")


def test_read_text_paragraph_long_first_line_is_not_a_title() -> None:
    first = " ".join(PARAGRAPHS * 2)
    article = only_article(read_upload("note.txt", f"{first}\n\n{PARAGRAPHS[0]}".encode()))
    assert (article.title, article.body) == ("", f"{first}\n\n{PARAGRAPHS[0]}")


def test_read_text_too_long() -> None:
    outcome = read_upload("long.txt", f"Title\n\n{'word ' * 20}".encode(), max_article_chars=50)
    assert outcome == ReadOutcome(
        "long.txt",
        error="the article has 99 characters; the limit is 50 (NEWS_MAX_ARTICLE_CHARS)",
    )


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", "  \n ".encode("utf-16"), b"\xef\xbb\xbf\n"])
def test_read_empty_file(data: bytes) -> None:
    assert read_upload("empty.txt", data) == ReadOutcome("empty.txt", error="the file is empty")
