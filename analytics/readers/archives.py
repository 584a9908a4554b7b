"""ZIP archives, read in memory (nothing is written to disk), each entry named
``archive.zip/folder/file.txt``; and telling a Word document (a ZIP file too) from an archive
of articles and from other office files.

The limits are checked from the central directory before anything is decompressed (entry count,
total size, compression ratio) and again while each entry is read in chunks, since the sizes an
archive declares can lie; a ZIP inside a ZIP is read down to a set depth. A broken limit raises
:class:`~analytics.readers.limits.ArchiveRejected` (the whole upload is rejected); an entry
that cannot be read is a rejected outcome of its own.

Entries that are not archives are read by the function passed as ``read_one`` (the registry's
:func:`~analytics.readers.registry.read_one`), so this module does not import the registry.
"""

from __future__ import annotations

import io
import logging
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from analytics.models import ReadError, ReadOutcome
from analytics.readers.base import brief
from analytics.readers.formats import Format, detect_format, unsupported
from analytics.readers.limits import (
    MB,
    ArchiveRejected,
    too_big,
    too_compressed,
    too_deep,
    too_many_entries,
    too_much_data,
)
from analytics.settings import Limits

_LOGGER = logging.getLogger(__name__)

OneFileReader = Callable[[Format, str, bytes, Limits], ReadOutcome]
"""Reads one file that is not an archive, in this process: ``read_one(fmt, name, data, limits)``
(:func:`analytics.readers.registry.read_one`)."""

_RATIO_FLOOR = 1 * MB
"""The compression ratio is only checked for entries that expand to more than this."""

_CHUNK = 1 * MB
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
"""Compression methods read. BZIP2 and LZMA are refused: Python decompresses a whole read of
them at once, so a small read could expand to gigabytes before a size check runs."""

_METHOD_NAMES = {zipfile.ZIP_BZIP2: "BZIP2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64"}
_SKIPPED_PARTS = ("__MACOSX",)
_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_MAX_NAME_CHARS = 200

_OFFICE_KINDS: Mapping[str, str] = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text",
    "application/epub+zip": "an EPUB e-book",
}

_OFFICE_PARTS: Mapping[str, str] = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "[Content_Types].xml": "an Office document other than Word (.docx)",
}


@dataclass
class Budget:
    """What is left of the limits shared by an archive and the archives inside it."""

    entries: int
    bytes: int


def _declared_entries(data: bytes) -> int | None:
    """The entry count in a ZIP file's end record, read without parsing anything else."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - _EOCD.size - 0xFFFF))
    if end < 0 or len(data) - end < _EOCD.size:
        return None
    _, _, _, _, total, _, _, _ = _EOCD.unpack_from(data, end)
    locator = end - _EOCD64_LOCATOR.size
    if total == 0xFFFF and locator >= 0 and data.startswith(b"PK\x06\x07", locator):
        _, _, offset, _ = _EOCD64_LOCATOR.unpack_from(data, locator)
        if offset + _EOCD64.size <= len(data) and data.startswith(b"PK\x06\x06", offset):
            return _EOCD64.unpack_from(data, offset)[7]
    return total


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The ZIP file in ``data``, its entry count checked before its directory is parsed."""
    declared = _declared_entries(data)
    if declared is not None and declared > limits.max_archive_entries:
        raise too_many_entries(declared, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise ReadError(f"this ZIP file is damaged and cannot be read ({brief(error)})") from None
    if len(archive.infolist()) > limits.max_archive_entries:
        raise too_many_entries(len(archive.infolist()), limits)
    return archive


def _check_declared(
    name: str, infos: list[zipfile.ZipInfo], limits: Limits, budget: Budget
) -> None:
    """Reject an archive whose declared sizes break a limit, before decompressing anything."""
    for info in infos:
        size = info.file_size
        if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(info.compress_size, 1):
            raise too_compressed(_entry_name(name, info.filename), size, info.compress_size, limits)
    total = sum(info.file_size for info in infos)
    if total > budget.bytes:
        raise too_much_data(total, limits)


def _zip_kind(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str:
    """``"docx"``, ``"zip"`` (an archive of articles), or the words for another kind of file."""
    names = {info.filename for info in infos}
    if "word/document.xml" in names or (
        "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)
    ):
        return "docx"
    mimetype = next((info for info in infos if info.filename == "mimetype"), None)
    if mimetype is not None and mimetype.file_size <= 200 and not mimetype.flag_bits & 1:
        try:
            value = archive.read(mimetype).decode("ascii", errors="replace").strip()
        except Exception:  # noqa: BLE001 - a damaged marker: read the rest as an archive
            value = ""
        if value in _OFFICE_KINDS:
            return _OFFICE_KINDS[value]
        if value.startswith("application/vnd.oasis.opendocument"):
            return "an OpenDocument file"
    for part, kind in _OFFICE_PARTS.items():
        if part in names:
            return kind
    return "zip"


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: str, limits: Limits, budget: Budget
) -> bytes:
    """The bytes of one entry, read in chunks and stopped as soon as a limit is broken."""
    if info.flag_bits & 0x1:
        raise ReadError("the file is encrypted (password-protected) in the archive")
    if info.compress_type not in _METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        raise ReadError(
            f"the file is compressed with {method}, which is not read; "
            "make the archive with standard (deflate) compression"
        )
    if info.file_size > limits.max_file_bytes:
        raise too_big(info.file_size, limits)
    content = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                content += chunk
                size = len(content)
                if size > budget.bytes:
                    raise too_much_data(size, limits, at_least=True)
                if size > limits.max_file_bytes:
                    raise too_big(size, limits)
                if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(
                    info.compress_size, 1
                ):
                    raise too_compressed(entry, size, info.compress_size, limits)
    except ReadError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - bad CRC, truncated or corrupt data
        raise ReadError(f"the file is damaged in the archive ({brief(error)})") from None
    finally:
        budget.bytes -= len(content)
    return bytes(content)


def _entry_name(archive: str, member: str) -> str:
    """``archive/folder/file``: the member's path without ``.``, ``..``, empty or odd parts."""
    parts = []
    for part in member.replace("\\", "/").split("/"):
        part = "".join(
            "?" if unicodedata.category(char).startswith("C") else char for char in part
        ).strip()
        if part and part not in {".", ".."}:
            parts.append(part if len(part) <= _MAX_NAME_CHARS else part[:_MAX_NAME_CHARS] + "…")
    return f"{archive}/{'/'.join(parts) or '(no name)'}"


def _skipped(member: str) -> bool:
    """Folders, hidden files, macOS resource forks and READMEs, as
    :func:`~analytics.readers.reading.read_path` skips."""
    parts = [part for part in member.replace("\\", "/").split("/") if part]
    return (
        member.endswith(("/", "\\"))
        or not parts
        or any(
            part.startswith(".") and part not in {".", ".."} or part in _SKIPPED_PARTS
            for part in parts
        )
        or parts[-1].lower() == "readme.md"
    )


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def read_zip_file(
    name: str,
    data: bytes,
    limits: Limits,
    *,
    depth: int,
    budget: Budget,
    read_one: OneFileReader,
) -> list[ReadOutcome]:
    """A ZIP file: a Word document, an archive of articles (one outcome per entry), or neither.

    ``depth`` is how many archives hold this one; ``read_one`` reads a Word document, and each
    entry that is not itself a ZIP file. Raises ``ArchiveRejected`` when a limit is broken (the
    whole upload is rejected) and ``ReadError`` when the file cannot be read.
    """
    suffix = PurePosixPath(name).suffix.lower()
    with _open_zip(data, limits) as archive:
        infos = archive.infolist()
        kind = _zip_kind(archive, infos)
        if kind not in {"docx", "zip"}:
            raise unsupported(f"it is {kind}")
        if kind == "zip" and suffix == ".docx":
            raise ReadError("this file is named .docx but it is not a Word document")
        if kind == "zip" and depth >= limits.max_archive_depth:
            raise ReadError(too_deep(depth, limits))
        if kind == "zip" and len(infos) > budget.entries:
            used = limits.max_archive_entries - budget.entries + len(infos)
            raise ArchiveRejected(
                f"the archive has {used:,} entries, nested archives included; the limit is "
                f"{limits.max_archive_entries:,} (NEWS_MAX_ARCHIVE_ENTRIES)"
            )
        _check_declared(name, infos, limits, budget)
        if kind == "docx":
            _check_parts(archive, infos, name, limits, budget)
            return [read_one("docx", name, data, limits)]
        budget.entries -= len(infos)
        outcomes = []
        for info in infos:
            if _skipped(info.filename):
                continue
            entry = _entry_name(name, info.filename)
            if _is_symlink(info):
                outcomes.append(ReadOutcome(entry, error="a symbolic link, not a file"))
                continue
            outcomes.extend(
                _read_entry(
                    archive, info, entry, limits, depth=depth, budget=budget, read_one=read_one
                )
            )
    if not outcomes:
        return [ReadOutcome(name, error="the archive has no files to read")]
    return outcomes


def _check_parts(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    name: str,
    limits: Limits,
    budget: Budget,
) -> None:
    """Decompress every part of a Word document (python-docx reads them all) to check what
    they really hold against the limits, before python-docx opens it."""
    for info in infos:
        try:
            read_member(archive, info, _entry_name(name, info.filename), limits, budget)
        except ArchiveRejected:
            raise
        except ReadError as error:
            part = _entry_name("", info.filename).lstrip("/")
            raise ReadError(f"this Word document cannot be read ({part}: {error})") from None


def _read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: str,
    limits: Limits,
    *,
    depth: int,
    budget: Budget,
    read_one: OneFileReader,
) -> list[ReadOutcome]:
    """The outcomes of one entry of an archive: a broken limit propagates, any other error
    rejects the entry alone."""
    try:
        content = read_member(archive, info, entry, limits, budget)
        fmt = detect_format(entry, content)
        if fmt in {"zip", "docx"}:
            return read_zip_file(
                entry, content, limits, depth=depth + 1, budget=budget, read_one=read_one
            )
        return [read_one(fmt, entry, content, limits)]
    except ArchiveRejected:
        raise
    except ReadError as error:
        return [ReadOutcome(entry, error=str(error))]
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - one entry never breaks the archive
        _LOGGER.exception("unexpected error while reading %r", entry)
        return [ReadOutcome(entry, error=f"could not read this file: {type(error).__name__}")]


def merge(name: str, parts: list[ReadOutcome]) -> ReadOutcome:
    """The outcomes of an archive's entries as one outcome for the archive."""
    if len(parts) == 1 and parts[0].name == name:
        return parts[0]
    articles = [article for part in parts for article in part.articles]
    warnings = [f"{part.name}: {part.error}" for part in parts if not part.ok]
    warnings += [f"{part.name}: {warning}" for part in parts for warning in part.warnings]
    if not articles:
        return ReadOutcome(
            name, error="none of the files in the archive could be read", warnings=tuple(warnings)
        )
    return ReadOutcome(name, articles=tuple(articles), warnings=tuple(warnings))
