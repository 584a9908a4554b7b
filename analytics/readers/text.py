"""Plain text and Markdown (:func:`read_text`: one article, the first non-empty line its title),
and the shaping of text that every reader uses: newlines, paragraphs, a title the body repeats,
language codes.

Readers do not clean the text (boilerplate removal is a separate step): they only normalise
newlines and keep paragraphs apart with blank lines.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from analytics.models import Article, ReadError
from analytics.readers.base import EMPTY

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
#: What separates a page's title from its site or author suffix ("Talks fail | BBC News").
TITLE_SEPARATORS = _TITLE_SEPARATORS

MAX_TITLE_CHARS = 300
"""A first line longer than this is a paragraph, not a title."""

MAX_LANGUAGE_CHARS = 16
"""A language value longer than this is not a language (the store's column is this long)."""


def read_text(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article from plain text or Markdown: the first non-empty line is the title.

    Markdown heading marks are removed from the title of ``.md`` files. A file of one line, or
    one whose first line is paragraph-long, has no title and that text is the body.
    """
    lines = normalise_newlines(text).split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ReadError(EMPTY)
    title = lines[start].strip()
    rest = lines[start + 1 :]
    if _is_markdown(name):
        heading = _MARKDOWN_HEADING.match(title)
        if heading:
            title = heading.group(1).strip()
        elif rest and _SETEXT_UNDERLINE.match(rest[0]):
            rest = rest[1:]
    body = join_paragraphs(split_paragraphs("\n".join(rest)))
    if not body or len(title) > MAX_TITLE_CHARS:
        return [Article(body=join_paragraphs(split_paragraphs(text)), file_name=name)]
    return [Article(body=body, title=title, file_name=name)]


def _is_markdown(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in {".md", ".markdown"}


def normalise_newlines(text: str) -> str:
    """``text`` with Windows and old Mac line ends turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: runs of non-blank lines, trailing spaces removed."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in normalise_newlines(text).split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as one text, separated by blank lines."""
    return "\n\n".join(paragraphs)


def drop_title(paragraphs: list[str], title: str) -> list[str]:
    """``paragraphs`` without a first one that repeats the title (a page's ``<h1>``)."""
    if not paragraphs or not title:
        return paragraphs
    first = " ".join(paragraphs[0].split()).casefold()
    wanted = title.casefold()
    if first == wanted or any(wanted.startswith(first + sep) for sep in _TITLE_SEPARATORS):
        return paragraphs[1:]
    return paragraphs


def language_code(value: str) -> str:
    """The language part of a tag (``"en-GB"`` and ``"en_GB"`` → ``"en"``); other values kept,
    unless longer than :data:`MAX_LANGUAGE_CHARS` (not a language: ``""``, so it is detected).
    """
    value = value.strip()
    if _LANGUAGE_TAG.fullmatch(value):
        return re.split(r"[-_]", value, maxsplit=1)[0].lower()
    return value if len(value) <= MAX_LANGUAGE_CHARS else ""
