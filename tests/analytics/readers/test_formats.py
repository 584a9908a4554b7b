"""Tests of analytics.readers.formats: what a file is, by its content and its extension."""

from __future__ import annotations

import pytest
from hostile import files
from reader_samples import SUPPORTED

from analytics.models import ReadError
from analytics.readers.formats import detect_format


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("story.txt", b"Title\n\nBody.", "text"),
        ("STORY.TXT", b"Title\n\nBody.", "text"),
        ("notes.md", b"# Title\n\nBody.", "text"),
        ("story", b"Title\n\nBody.", "text"),
        ("folder/sub/story.text", b"Title\n\nBody.", "text"),
        ("page.html", b"<p>Hello</p>", "html"),
        ("page.HTM", b"<p>Hello</p>", "html"),
        ("page", b"\n  <!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("saved.txt", b"<html lang='en'><body><p>Hi</p></body></html>", "html"),
        ("page", b"<!-- saved --><HTML><body><p>Hi</p></body></HTML>", "html"),
        ("page", "<!doctype html><p>Hi</p>".encode("utf-16"), "html"),
        ("articles.csv", b"text\nHello", "csv"),
        ("articles.tsv", b"text\nHello", "csv"),
        ("articles.jsonl", b'{"text": "Hello"}', "jsonl"),
        ("articles.ndjson", b'{"text": "Hello"}', "jsonl"),
        ("story", b"<b>not a page</b> but text", "text"),
    ],
)
def test_detect_format(name: str, data: bytes, expected: str) -> None:
    assert detect_format(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f"this file is not a supported type (it looks like a PNG image); {SUPPORTED}",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f"this file is not a supported type (it looks like a PNG image); {SUPPORTED}",
        ),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF",
            f"this file is not a supported type (it looks like a JPEG image); {SUPPORTED}",
        ),
        (
            "anim.gif",
            b"GIF89a\x01\x00\x01\x00",
            f"this file is not a supported type (it looks like a GIF image); {SUPPORTED}",
        ),
        ("report.pdf", b"Not really a PDF", "this file is named .pdf but it is not a PDF file"),
        ("archive.zip", b"text\nHello", "this file is named .zip but it is not a ZIP archive"),
        ("letter.docx", b"plain text", "this file is named .docx but it is not a Word document"),
        (
            "setup.exe",
            b"MZ\x90\x00\x03",
            f"this file is not a supported type (.exe files cannot be read); {SUPPORTED}",
        ),
        (
            "data.xlsx",
            b"anything",
            f"this file is not a supported type (.xlsx files cannot be read); {SUPPORTED}",
        ),
        ("blank.txt", b"", "the file is empty"),
        ("blank.txt", b" \r\n\t\n", "the file is empty"),
    ],
)
def test_detect_format_rejects(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as error:
        detect_format(name, data)
    assert str(error.value) == message


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
