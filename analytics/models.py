"""The article model shared by the readers, the cleaner, the analysis and the store.

Text enters here: every text field of an :class:`Article` (and the name, error and warnings of
a :class:`ReadOutcome`) is made safe when the object is made (:func:`entry_text`), whichever
reader, page or script made it: normalised to NFC (so that an NFD "café" is the same word as an
NFC one), lone surrogates (``"\\ud83d"`` in JSON) replaced by U+FFFD, and NUL characters
removed (PostgreSQL refuses them in text, SQLite stores them: both backends get the same text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate code point: in a ``str`` always a lone one (a JSON pair is decoded as one)."""


def entry_text(text: str) -> str:
    """``text`` as it may enter the store: NFC, lone surrogates replaced by U+FFFD (the
    replacement character), NUL characters removed. Text that is already so is returned as is.
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a batch row or pasted text.

    ``body`` is the article text with paragraphs separated by blank lines; ``title`` is not
    part of it. ``file_name`` names where the article came from (a file, or a file and row).
    ``metadata`` holds a batch row's other columns (category, section, author, ...) as
    (key, value) pairs sorted by key; it is not part of the article's identity
    (``content_hash``).
    """

    body: str
    title: str = ""
    source: str = ""
    published: dt.date | None = None
    url: str = ""
    language: str = ""
    file_name: str = ""

    metadata: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # the one entry of text: every reader, the paste box and the upgrade make Articles
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, entry_text(value))
        if self.metadata:
            pairs = tuple((entry_text(key), entry_text(value)) for key, value in self.metadata)
            object.__setattr__(self, "metadata", pairs)

    def metadata_value(self, key: str) -> str:
        """The value of one metadata key ("" when the article has none)."""
        return dict(self.metadata).get(key, "")

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised title and body: the identity used to avoid duplicates."""
        text = unicodedata.normalize("NFC", f"{self.title.strip()}\n\n{self.body.strip()}")
        return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()

    def with_changes(self, **changes: object) -> Article:
        """A copy with the given fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


_TEXT_FIELDS = tuple(f.name for f in fields(Article) if f.name != "published")


class ReadError(ValueError):
    """An input that cannot be turned into articles; the message is meant for the user."""


@dataclass(frozen=True)
class ReadOutcome:
    """What reading one input produced: articles, or a plain-words reason it was rejected."""

    name: str
    articles: tuple[Article, ...] = ()
    error: str = ""
    warnings: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # a file name from disk may hold surrogates (undecodable bytes); messages quote it
        object.__setattr__(self, "name", entry_text(self.name))
        object.__setattr__(self, "error", entry_text(self.error))
        object.__setattr__(self, "warnings", tuple(entry_text(w) for w in self.warnings))

    @property
    def ok(self) -> bool:
        return not self.error
