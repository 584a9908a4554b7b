"""Tests of analytics.readers.limits: the caps a caller passes (settings, limits or the old
keyword), the size checked first, and the messages that name each setting.
"""

from __future__ import annotations

from hostile import files

from analytics.readers.reading import read_upload
from analytics.settings import Limits, load_settings


def test_read_upload_takes_settings_limits_or_the_old_keyword() -> None:
    data = f"Title\n\n{'word ' * 20}".encode()
    message = "the article has 99 characters; the limit is 50 (NEWS_MAX_ARTICLE_CHARS)"
    settings = load_settings({"NEWS_MAX_ARTICLE_CHARS": "50"})
    assert read_upload("a.txt", data, limits=settings).error == message
    assert read_upload("a.txt", data, limits=Limits(max_article_chars=50)).error == message
    assert read_upload("a.txt", data, max_article_chars=50).error == message
    assert read_upload("a.txt", data, limits=settings, max_article_chars=100).ok


def test_size_is_checked_first() -> None:
    data = files.png() + bytes(2 * files.MB)
    assert read_upload("photo.txt", data, limits=Limits(max_upload_mb=1)).error == (
        "the file is 2.0 MB; the limit is 1 MB (NEWS_MAX_UPLOAD_MB)"
    )


def test_size_just_over_the_limit_is_shown_in_bytes() -> None:
    data = b"x" * (files.MB + 1)
    assert read_upload("a.txt", data, limits=Limits(max_upload_mb=1)).error == (
        "the file is 1,048,577 bytes; the limit is 1 MB (1,048,576 bytes) (NEWS_MAX_UPLOAD_MB)"
    )
