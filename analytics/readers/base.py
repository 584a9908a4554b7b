"""What every reader shares: the two kinds of reader, how they report problems, and the words for
an empty file.

A reader of text (:class:`Reader`) gets the decoded text of a file, a reader of bytes
(:class:`BytesReader`) its raw bytes (binary formats such as PDF or DOCX); both return the
articles in it. Problems that do not stop the reading are appended to ``warnings``
(:func:`warn`); problems that do raise :class:`ReadError`.
"""

from __future__ import annotations

from typing import Protocol

from analytics.models import Article


class Reader(Protocol):
    """Turns the decoded text of a file named ``name`` into articles.

    Problems that do not stop the reading (a batch row without text, an unreadable date) are
    appended to ``warnings`` in plain words; problems that do raise :class:`ReadError`.
    """

    def __call__(
        self, name: str, text: str, /, *, warnings: list[str] | None = None
    ) -> list[Article]: ...


class BytesReader(Protocol):
    """Turns the raw bytes of a file named ``name`` into articles (for binary formats)."""

    def __call__(
        self, name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]: ...


EMPTY = "the file is empty"


def warn(warnings: list[str] | None, message: str) -> None:
    """Append ``message`` to ``warnings``, unless the caller collects none (``None``)."""
    if warnings is not None:
        warnings.append(message)


def brief(error: BaseException) -> str:
    """An exception in a few words, for a message (its text, cut, or its type)."""
    text = " ".join(str(error).split())
    return (text[:120] + "…" if len(text) > 120 else text) or type(error).__name__
