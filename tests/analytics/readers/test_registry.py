"""Tests of analytics.readers.registry: a reader for every format, readers registered at run time,
and reading a file in this process.
"""

from __future__ import annotations

import pytest
from hostile import files
from hostile.files import GOOD_TEXT
from reader_samples import only_article

from analytics.models import Article, ReadError
from analytics.readers.formats import EXTENSIONS
from analytics.readers.reading import read_upload
from analytics.readers.registry import BYTES_READERS, READERS, read_articles


def test_every_extension_has_a_reader() -> None:
    assert set(EXTENSIONS.values()) == set(READERS) | set(BYTES_READERS)


def test_bytes_reader_can_be_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_upper(
        name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]:
        return [Article(body=data.decode("ascii").upper(), file_name=name)]

    monkeypatch.setitem(BYTES_READERS, "text", read_upper)
    assert only_article(read_upload("a.txt", b"abc")).body == "ABC"


def test_read_articles_reads_zip_in_process_with_default_limits() -> None:
    data = files.zip_of({"a.txt": GOOD_TEXT.encode(), "b.png": files.png()})
    warnings: list[str] = []
    articles = read_articles("zip", "a.zip", data, warnings=warnings)
    assert [article.file_name for article in articles] == ["a.zip/a.txt"]
    assert warnings == [f"a.zip/b.png: {files.PNG_MESSAGE}"]
    with pytest.raises(ReadError, match="the archive has 501 entries"):
        read_articles("zip", "many.zip", files.zip_many_entries())
