"""The article model shared by the readers, the cleaner, the analysis and the store."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a batch row or pasted text.

    ``body`` is the article text with paragraphs separated by blank lines; ``title`` is not
    part of it. ``file_name`` names where the article came from (a file, or a file and row).
    """

    body: str
    title: str = ""
    source: str = ""
    published: dt.date | None = None
    url: str = ""
    language: str = ""
    file_name: str = ""

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised title and body: the identity used to avoid duplicates."""
        text = unicodedata.normalize("NFC", f"{self.title.strip()}\n\n{self.body.strip()}")
        return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()

    def with_changes(self, **changes: object) -> Article:
        """A copy with the given fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


class ReadError(ValueError):
    """An input that cannot be turned into articles; the message is meant for the user."""


@dataclass(frozen=True)
class ReadOutcome:
    """What reading one input produced: articles, or a plain-words reason it was rejected."""

    name: str
    articles: tuple[Article, ...] = ()
    error: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.error
