"""Tests of analytics.readers.reading, the entry points: an upload never raises, and files and
folders on disk are read with what they hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import files
from reader_samples import BODY, PAGE, only_article

from analytics.models import Article, ReadOutcome
from analytics.readers.reading import read_path, read_upload
from analytics.readers.registry import BYTES_READERS
from analytics.settings import Limits


def test_read_upload_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_broken(
        name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]:
        raise KeyError("an internal detail the user should not see")

    monkeypatch.setitem(BYTES_READERS, "text", read_broken)
    outcome = read_upload("a.txt", b"abc")
    assert outcome == ReadOutcome("a.txt", error="could not read this file: KeyError")


def test_read_path_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"Second\n\n{BODY}", encoding="utf-8")
    (tmp_path / "a.md").write_text("# First\n\nBody of the first.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "rows.csv").write_text("text\nOne.\n\nTwo.\n", encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "README.md").write_text("# About this folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nfile", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Hidden\n\nfolder", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "LICENSE").write_text("Not an article", encoding="utf-8")

    outcomes = list(read_path(tmp_path))

    assert [outcome.name for outcome in outcomes] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/empty.txt",
        "sub/rows.csv",
    ]
    a, b, c, empty, rows = outcomes
    assert only_article(a) == Article(body="Body of the first.", title="First", file_name="a.md")
    assert only_article(b) == Article(body=BODY, title="Second", file_name="b.txt")
    assert only_article(c).file_name == "sub/c.html"
    assert empty == ReadOutcome("sub/empty.txt", error="the file is empty")
    assert [article.file_name for article in rows.articles] == [
        "sub/rows.csv#row 1",
        "sub/rows.csv#row 3",
    ]


def test_read_path_single_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (outcome,) = read_path(path)
    assert outcome.name == "photo.txt"
    assert outcome.error.startswith("this file is not a supported type (it looks like a PNG image)")


def test_read_path_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert list(read_path(missing)) == [ReadOutcome(str(missing), error="no such file or folder")]


def test_read_path_reads_pdf_docx_and_zip_files(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(files.two_page_pdf())
    (tmp_path / "b.docx").write_bytes(files.docx_document())
    (tmp_path / "c.zip").write_bytes(files.nested_zip(2))
    (tmp_path / "d.txt").write_bytes(b"x" * (files.MB + 1))
    outcomes = list(read_path(tmp_path, limits=Limits(max_upload_mb=1)))
    assert [(outcome.name, outcome.error) for outcome in outcomes] == [
        ("a.pdf", ""),
        ("b.docx", ""),
        ("c.zip/level1.zip/story.txt", ""),
        (
            "d.txt",
            "the file is 1,048,577 bytes; the limit is 1 MB (1,048,576 bytes) (NEWS_MAX_UPLOAD_MB)",
        ),
    ]


def test_read_path_does_not_follow_links_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret notes\n\nNot part of the corpus.\n")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text(f"A story\n\n{BODY}\n")
    (folder / "link-out.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "link-in.txt").symlink_to(folder / "story.txt")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    outcomes = list(read_path(folder))
    assert [(o.name, o.error, [a.title for a in o.articles]) for o in outcomes] == [
        ("link-out.txt", "a link to a file outside the folder, not followed", []),
        ("story.txt", "", ["A story"]),
        ("sub/link-in.txt", "", ["A story"]),
    ]


def test_read_path_with_an_undecodable_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "caf\udce9.txt").write_text(f"A story\n\n{BODY}\n")  # b"caf\xe9.txt" on disk
    (outcome,) = read_path(folder)
    assert (outcome.name, outcome.articles[0].file_name) == ("caf\ufffd.txt", "caf\ufffd.txt")
