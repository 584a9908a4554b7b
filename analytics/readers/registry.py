"""Which reader reads each format (:data:`READERS`, :data:`BYTES_READERS`, :data:`DECODERS`), and
reading one file in this process: :func:`read_articles` (the registered reader, no limits) and
:func:`read_one` (with the article limits, never raising for an unreadable file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from analytics.models import Article, ReadError, ReadOutcome
from analytics.readers.archives import Budget, merge, read_zip_file
from analytics.readers.base import EMPTY, BytesReader, Reader
from analytics.readers.batches import read_csv, read_jsonl
from analytics.readers.decoding import decode_html, decode_text
from analytics.readers.documents import read_docx, read_pdf
from analytics.readers.formats import BATCH_FORMATS, Format
from analytics.readers.html import read_html
from analytics.readers.limits import DEFAULT_LIMITS, too_long
from analytics.readers.text import read_text
from analytics.settings import Limits

_ONLY_MARKUP = "no article text found, only markup"
_NO_WORDS = "no article text found, no letters or digits"

_MARKUP_OR_ENTITY = re.compile(r"<[^<>]*>|&#?\w{1,10};")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def read_zip(
    name: str,
    data: bytes,
    /,
    *,
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Article]:
    """The articles of every readable entry of a ZIP archive, in this process.

    An entry that cannot be read is a warning; a broken limit raises ``ArchiveRejected``.
    :func:`~analytics.readers.reading.read_upload` reads archives in the worker process instead
    (:func:`~analytics.readers.archives.read_zip_file`), and can give one outcome per entry.
    """
    budget = Budget(limits.max_archive_entries, limits.max_uncompressed_bytes)
    outcomes = read_zip_file(name, data, limits, depth=0, budget=budget, read_one=read_one)
    merged = merge(name, outcomes)
    if warnings is not None:
        warnings.extend(merged.warnings)
    if not merged.ok:
        raise ReadError(merged.error)
    return list(merged.articles)


READERS: dict[Format, Reader] = {
    "text": read_text,
    "html": read_html,
    "csv": read_csv,
    "jsonl": read_jsonl,
}
"""Readers of decoded text, by format: ``reader(name, text)`` → articles."""

BYTES_READERS: dict[Format, BytesReader] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "zip": read_zip,
}
"""Readers of raw bytes, by format (binary formats such as PDF or DOCX); they win over READERS."""

DECODERS: Mapping[Format, Callable[[bytes], str]] = {"html": decode_html}
"""Decoders for formats that do not use :func:`decode_text`."""


def read_articles(
    fmt: Format, name: str, data: bytes, *, warnings: list[str] | None = None
) -> list[Article]:
    """The articles in ``data`` read as format ``fmt``; ``ReadError`` if they cannot be read.

    This reads in this process, with no time or memory limit: use
    :func:`~analytics.readers.reading.read_upload` for files from outside.
    """
    bytes_reader = BYTES_READERS.get(fmt)
    if bytes_reader is not None:
        return bytes_reader(name, data, warnings=warnings)
    text = DECODERS.get(fmt, decode_text)(data)
    if fmt not in BATCH_FORMATS:
        # a stray NUL byte in a text file or a page (a batch reader skips the line holding it)
        text = text.replace("\x00", "")
    if not text.strip():
        raise ReadError(EMPTY)
    return READERS[fmt](name, text, warnings=warnings)


def read_one(fmt: Format, name: str, data: bytes, limits: Limits) -> ReadOutcome:
    """The outcome of reading a file that is not an archive, in this process."""
    warnings: list[str] = []
    try:
        articles = read_articles(fmt, name, data, warnings=warnings)
        if fmt in BATCH_FORMATS:
            articles = _drop_long(
                articles, name=name, limit=limits.max_article_chars, warnings=warnings
            )
        else:
            for article in articles:
                if len(article.body) > limits.max_article_chars:
                    raise ReadError(too_long(len(article.body), limits.max_article_chars))
                if not _WORD_CHARACTER.search(article.body):
                    raise ReadError(_NO_WORDS)
                if not _WORD_CHARACTER.search(_MARKUP_OR_ENTITY.sub(" ", article.body)):
                    raise ReadError(_ONLY_MARKUP)
    except ReadError as error:
        return ReadOutcome(name, error=str(error), warnings=tuple(warnings))
    return ReadOutcome(name, articles=tuple(articles), warnings=tuple(warnings))


def _drop_long(
    articles: list[Article], *, name: str, limit: int, warnings: list[str]
) -> list[Article]:
    """The batch articles no longer than ``limit``; a warning for each one left out."""
    kept: list[Article] = []
    for article in articles:
        if len(article.body) <= limit:
            kept.append(article)
        else:
            label = article.file_name.removeprefix(f"{name}#")
            warnings.append(f"{label}: {too_long(len(article.body), limit)}, skipped")
    if articles and not kept:
        raise ReadError(
            f"every article in the file is longer than the limit of {limit:,} characters "
            "(NEWS_MAX_ARTICLE_CHARS)"
        )
    return kept
