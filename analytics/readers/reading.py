"""The entry points: :func:`read_upload` (one uploaded file, never raises),
:func:`read_upload_parts` and :func:`read_upload_files` (one outcome per entry of a ZIP
archive) and :func:`read_path` (a file or a folder on disk).

The size of a file is checked first, then its format (:func:`~analytics.readers.formats.
detect_format`); PDF, Word, ZIP and HTML files are parsed in a worker process with a time limit
and a memory limit (:mod:`analytics.sandbox`), other formats in this process
(:func:`~analytics.readers.registry.read_one`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from analytics import sandbox
from analytics.models import ReadError, ReadOutcome
from analytics.readers.archives import Budget, merge, read_zip_file
from analytics.readers.formats import EXTENSIONS, SANDBOXED, Format, detect_format
from analytics.readers.limits import effective_limits, too_big
from analytics.readers.registry import read_one
from analytics.settings import Limits

_LOGGER = logging.getLogger(__name__)

OUTSIDE_LINK = "a link to a file outside the folder, not followed"


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
) -> Iterator[ReadOutcome]:
    """The outcome of reading a file, or each readable file in a folder (recursively).

    In a folder, files are taken in sorted order; hidden files and folders, ``README.md`` and
    files of types that cannot be read are skipped. A symbolic link to a file outside the
    folder is not followed (its outcome says so); one to a file inside it is read, and linked
    folders are not entered. Outcomes are named by the path relative to
    the folder; a ZIP archive gives one outcome per entry (:func:`read_upload_parts`). Never
    raises for a file that cannot be read: its outcome says why.
    """
    caps = effective_limits(limits, max_article_chars)
    if path.is_dir():
        inside = path.resolve()
        for file in _readable_files(path):
            name = file.relative_to(path).as_posix()
            if not file.resolve().is_relative_to(inside):
                yield ReadOutcome(name, error=OUTSIDE_LINK)
                continue
            yield from _read_file(file, name=name, limits=caps)
    elif path.exists():
        yield from _read_file(path, name=path.name, limits=caps)
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


def _read_file(path: Path, *, name: str, limits: Limits) -> list[ReadOutcome]:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return [ReadOutcome(name, error=str(too_big(size, limits)))]
        data = path.read_bytes()
    except OSError as error:
        return [ReadOutcome(name, error=f"could not open this file: {error.strerror or error}")]
    return read_upload_parts(name, data, limits=limits)
