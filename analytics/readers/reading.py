"""The entry points: :func:`read_upload` (one uploaded file, never raises),
:func:`read_upload_parts` and :func:`read_upload_files` (one outcome per entry of a ZIP
archive) and :func:`read_path` (a file or a folder on disk).

The size of a file is checked first, then its format (:func:`~analytics.readers.formats.
detect_format`); PDF, Word, ZIP and HTML files are parsed in a worker process with a time limit
and a memory limit (:mod:`analytics.sandbox`), other formats in this process
(:func:`~analytics.readers.registry.read_one`).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from analytics import sandbox
from analytics.models import ReadError, ReadOutcome
from analytics.readers.archives import Budget, merge, read_zip_file
from analytics.readers.base import EMPTY
from analytics.readers.batches import (
    articles_in_order,
    csv_header_keys,
    csv_records,
    jsonl_record,
    record_date,
    record_has_text,
)
from analytics.readers.dates import column_date_order
from analytics.readers.decoding import looks_binary
from analytics.readers.formats import EXTENSIONS, SANDBOXED, Format, detect_format
from analytics.readers.limits import effective_limits, too_big, too_long
from analytics.readers.registry import read_one
from analytics.settings import Limits

_LOGGER = logging.getLogger(__name__)

OUTSIDE_LINK = "a link to a file outside the folder, not followed"
#: A CSV or JSON Lines file from this size on is read in parts when streaming (``read_path``).
STREAM_FROM_BYTES = 8 * 1024 * 1024
#: The rows (lines) of each part of a batch file read in parts.
STREAM_ROWS = 1000


def _read_in_worker(fmt: Format, name: str, data: bytes, limits: Limits) -> list[ReadOutcome]:
    """What :func:`read_upload_parts` runs in the worker process for PDF, Word and ZIP files."""
    if fmt in {"zip", "docx"}:
        budget = Budget(limits.max_archive_entries, limits.max_uncompressed_bytes)
        return read_zip_file(name, data, limits, depth=0, budget=budget, read_one=read_one)
    return [read_one(fmt, name, data, limits)]


_POOL = sandbox.WorkerPool(preload=("analytics.readers", "pypdf", "docx", "trafilatura"))
"""The warm worker processes that parse PDF, Word and ZIP files."""


def _read_sandboxed(fmt: Format, name: str, data: bytes, limits: Limits) -> list[ReadOutcome]:
    try:
        return _POOL.run(
            _read_in_worker,
            fmt,
            name,
            data,
            limits,
            timeout_s=limits.parse_timeout_s,
            memory_mb=limits.parse_memory_mb,
        )
    except sandbox.SandboxTimeout as error:
        raise ReadError(f"{error} (NEWS_PARSE_TIMEOUT_S)") from None
    except sandbox.SandboxMemoryError as error:
        raise ReadError(f"{error} (NEWS_PARSE_MEMORY_MB)") from None
    except sandbox.SandboxError as error:
        raise ReadError(str(error)) from None


def read_upload_parts(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
) -> list[ReadOutcome]:
    """The outcomes of one uploaded file: one, or one per entry of a ZIP archive.

    Never raises. ``limits`` are the caps (a :class:`Limits`, or the :class:`Settings` they
    come from; the defaults otherwise); ``max_article_chars`` overrides the one in them. An
    archive that breaks a limit is one rejected outcome; an entry that cannot be read is a
    rejected outcome of its own, named ``archive.zip/folder/file``.
    """
    caps = effective_limits(limits, max_article_chars)
    try:
        if len(data) > caps.max_file_bytes:
            raise too_big(len(data), caps)
        fmt = detect_format(name, data)
        if fmt in SANDBOXED:
            return _read_sandboxed(fmt, name, data, caps)
        return [read_one(fmt, name, data, caps)]
    except ReadError as error:
        return [ReadOutcome(name, error=str(error))]
    except Exception as error:  # noqa: BLE001 - an upload must never break the caller
        _LOGGER.exception("unexpected error while reading %r", name)
        return [ReadOutcome(name, error=f"could not read this file: {type(error).__name__}")]


def read_upload(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
) -> ReadOutcome:
    """The articles in one uploaded file, or why it cannot be read, in plain words.

    Never raises. An article longer than the character limit rejects a single-article file;
    in a batch file that row is skipped with a warning. The articles of a ZIP archive's entries
    are put together, and an entry that cannot be read is a warning (:func:`read_upload_parts`
    gives one outcome per entry instead).
    """
    parts = read_upload_parts(name, data, limits=limits, max_article_chars=max_article_chars)
    return merge(name, parts)


def read_upload_files(
    files: Iterable[tuple[str, bytes]], *, limits: Limits | None = None
) -> list[ReadOutcome]:
    """Each uploaded ``(name, bytes)`` read (:func:`read_upload_parts`), in order.

    More files than the limit are all rejected, as the upload form does.
    """
    caps = effective_limits(limits, None)
    files = list(files)
    if len(files) > caps.max_files:
        message = (
            f"too many files in one upload: {len(files)}; the limit is {caps.max_files} "
            "(NEWS_MAX_FILES)"
        )
        return [ReadOutcome(name, error=message) for name, _ in files]
    return [
        outcome for name, data in files for outcome in read_upload_parts(name, data, limits=caps)
    ]


def read_path(
    path: Path,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
    stream: bool = False,
) -> Iterator[ReadOutcome]:
    """The outcome of reading a file, or each readable file in a folder (recursively).

    In a folder, files are taken in sorted order; hidden files and folders, ``README.md`` and
    files of types that cannot be read are skipped. A symbolic link to a file outside the
    folder is not followed (its outcome says so); one to a file inside it is read, and linked
    folders are not entered. Outcomes are named by the path relative to
    the folder; a ZIP archive gives one outcome per entry (:func:`read_upload_parts`). Never
    raises for a file that cannot be read: its outcome says why.

    Files are read one at a time, as the outcomes are asked for. With ``stream`` (the command
    line), a UTF-8 CSV or JSON Lines file of ``STREAM_FROM_BYTES`` or more is read in parts
    (``_stream_batch_file``): an outcome per ``STREAM_ROWS`` rows, all named by the file, so the
    memory taken does not grow with the file, and the file size limit does not apply to it.
    """
    caps = effective_limits(limits, max_article_chars)
    if path.is_dir():
        inside = path.resolve()
        for file in _readable_files(path):
            name = file.relative_to(path).as_posix()
            if not file.resolve().is_relative_to(inside):
                yield ReadOutcome(name, error=OUTSIDE_LINK)
                continue
            yield from _read_file(file, name=name, limits=caps, stream=stream)
    elif path.exists():
        yield from _read_file(path, name=path.name, limits=caps, stream=stream)
    else:
        yield ReadOutcome(str(path), error="no such file or folder")


def _readable_files(folder: Path) -> list[Path]:
    """The files under ``folder`` that :func:`read_path` reads, sorted by relative path."""
    files = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.name.lower() == "readme.md" or file.suffix.lower() not in EXTENSIONS:
            continue
        if file.is_file():
            files.append(file)
    return sorted(files, key=lambda file: file.relative_to(folder).as_posix())


def _read_file(
    path: Path, *, name: str, limits: Limits, stream: bool = False
) -> Iterable[ReadOutcome]:
    try:
        size = path.stat().st_size
        if stream and size >= STREAM_FROM_BYTES and (fmt := _streamable(path, name)):
            return _stream_batch_file(path, name, fmt, limits)
        if size > limits.max_file_bytes:
            return [ReadOutcome(name, error=str(too_big(size, limits)))]
        data = path.read_bytes()
    except OSError as error:
        return [ReadOutcome(name, error=f"could not open this file: {error.strerror or error}")]
    return read_upload_parts(name, data, limits=limits)


def _streamable(path: Path, name: str) -> Format | None:
    """The batch format of a file that can be read in parts: CSV or JSON Lines by its name and
    content, UTF-8 text (its first MiB); ``None`` otherwise (it is read whole)."""
    with path.open("rb") as file:
        head = file.read(1024 * 1024)
    fmt = detect_format(name, head)
    if fmt not in {"csv", "jsonl"} or looks_binary(head):
        return None
    whole_lines = head[: head.rfind(b"\n") + 1] if len(head) == 1024 * 1024 else head
    try:
        whole_lines.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fmt


def _file_records(path: Path, fmt: Format) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """The (label, record) of each row (line) of a batch file, read as it goes."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as file:
        if fmt == "csv":
            first_line = file.readline()
            file.seek(0)
            delimiter = max(",;\t|", key=first_line.count) if first_line.strip() else ","
            delimiter = delimiter if first_line.count(delimiter) else ","
            csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
            rows = csv.reader(file, delimiter=delimiter)
            yield from csv_records(rows, csv_header_keys(rows), [0])
            return
        for number, line in enumerate(file, start=1):
            line = line.rstrip("\r\n")
            if line.strip():
                label, record, _ = jsonl_record(number, line)
                yield label, record


def _stream_batch_file(path: Path, name: str, fmt: Format, limits: Limits) -> Iterator[ReadOutcome]:
    """A CSV or JSON Lines file read in parts of ``STREAM_ROWS`` rows, twice: first to check it
    and find the day-month order of its dates (as for a file read whole), then for its
    articles. Rows are skipped with warnings as when read whole; an article over
    ``NEWS_MAX_ARTICLE_CHARS`` is skipped with a warning."""
    unit = "rows" if fmt == "csv" else "lines"
    seen = {"records": 0, "text": 0}
    first_problem = ""

    def dates() -> Iterator[str]:
        nonlocal first_problem
        for label, record in _file_records(path, fmt):
            first_problem = first_problem or ("" if record is not None else label)
            if record is not None:
                seen["records"] += 1
                seen["text"] += record_has_text(record)
                yield record_date(record)

    try:
        order = column_date_order(dates())
    except ReadError as error:
        yield ReadOutcome(name, error=str(error))
        return
    except csv.Error as error:
        yield ReadOutcome(name, error=f"this CSV file cannot be read: {error}")
        return
    if not seen["records"]:
        no_rows = "the file has a header row but no data rows"
        yield ReadOutcome(name, error=first_problem or EMPTY if fmt == "jsonl" else no_rows)
        return
    if not seen["text"]:
        yield ReadOutcome(name, error=f"none of the {unit} has any text")
        return
    part: list[tuple[str, dict[str, Any] | None]] = []

    def outcome() -> ReadOutcome:
        warnings: list[str] = []
        articles = []
        for article in articles_in_order(part, name=name, warnings=warnings, date_order=order):
            if len(article.body) <= limits.max_article_chars:
                articles.append(article)
            else:
                label = article.file_name.removeprefix(f"{name}#")
                length = too_long(len(article.body), limits.max_article_chars)
                warnings.append(f"{label}: {length}, skipped")
        part.clear()
        return ReadOutcome(name, articles=tuple(articles), warnings=tuple(warnings))

    for record in _file_records(path, fmt):
        part.append(record)
        if len(part) == STREAM_ROWS:
            yield outcome()
    if part:
        yield outcome()
