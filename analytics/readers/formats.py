"""The formats that can be read, and what a file is: by its content (magic bytes) and its
extension (:func:`detect_format`).

The tables here are where a format is declared (see "Adding a format" in
:mod:`analytics.readers`): :data:`Format`, :data:`EXTENSIONS`, :data:`SIGNATURES`,
:data:`FORMAT_LABELS`, :data:`BATCH_FORMATS` and :data:`SANDBOXED`. Which reader reads each
format is in :mod:`analytics.readers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from analytics.models import ReadError
from analytics.readers.base import EMPTY
from analytics.readers.decoding import BOMS

Format = Literal["text", "html", "csv", "jsonl", "pdf", "docx", "zip"]


@dataclass(frozen=True)
class Signature:
    """Magic bytes at the start of a file, and what they say about it.

    ``format`` is the format that reads such files, or ``None`` when they cannot be read; then
    ``message`` (when given) replaces the generic "not a supported type" explanation.
    ``extensions`` are those of formats stored in this kind of file (a ``.docx`` is a ZIP
    archive): when the file's extension is one of them, the extension decides.
    """

    magic: bytes
    kind: str
    format: Format | None = None
    message: str = ""
    extensions: tuple[str, ...] = ()


EXTENSIONS: Mapping[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".pdf": "pdf",
    ".docx": "docx",
    ".zip": "zip",
}
"""File extensions (lower case, with the dot) and the format that reads them."""

_PLANNED: dict[str, str] = {}
"""Extensions of formats that are planned but not read yet, with the message to show."""

_ZIPPED = (".zip", ".docx")

SIGNATURES: tuple[Signature, ...] = (
    Signature(b"\x89PNG\r\n\x1a\n", "a PNG image"),
    Signature(b"\xff\xd8\xff", "a JPEG image"),
    Signature(b"GIF87a", "a GIF image"),
    Signature(b"GIF89a", "a GIF image"),
    Signature(b"%PDF-", "a PDF file", format="pdf"),
    Signature(b"PK\x03\x04", "a ZIP archive", format="zip", extensions=_ZIPPED),
    Signature(b"PK\x05\x06", "a ZIP archive", format="zip", extensions=_ZIPPED),
    Signature(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    Signature(b"\x1f\x8b", "a gzip archive"),
    Signature(b"\x7fELF", "a program"),
)
"""Magic bytes checked before the extension, so a PNG renamed ``.txt`` is still rejected.

A ZIP file is only known to be a Word document, an archive of articles or another kind of
office file once its entries are listed, which is done in the worker process (see
:func:`~analytics.readers.reading.read_upload_parts`).
"""

_MAGIC_FORMATS: Mapping[Format, str] = {
    "pdf": "a PDF file",
    "docx": "a Word document",
    "zip": "a ZIP archive",
}
"""Formats known by their content: a file named for one of them but without its magic bytes is
rejected, with these words."""

_PDF_MAGIC_WINDOW = 1024
"""A PDF may have a few bytes before ``%PDF-`` (readers accept it in the first kilobyte)."""

BATCH_FORMATS: frozenset[Format] = frozenset({"csv", "jsonl"})
"""Formats holding many articles: an over-long one is skipped with a warning, not an error."""

SANDBOXED: frozenset[Format] = frozenset({"pdf", "docx", "zip", "html"})
"""Formats parsed in a worker process with a time and a memory limit (:mod:`analytics.sandbox`)."""

FORMAT_LABELS: Mapping[Format, str] = {
    "text": "plain text",
    "html": "HTML",
    "csv": "CSV",
    "jsonl": "JSON Lines",
    "pdf": "PDF",
    "docx": "Word",
    "zip": "ZIP archives of these",
}
"""How each format is named to users."""

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def detect_format(name: str, data: bytes) -> Format:
    """The format of a file, from its content (magic bytes) and its name's extension.

    The content wins: a PNG image named ``.txt`` is rejected, a PDF named ``.txt`` is a PDF, and
    a file named ``.pdf``, ``.docx`` or ``.zip`` without the content of one is rejected. Any ZIP
    file is ``"zip"`` here, or ``"docx"`` when named so; which it really is (an archive, a Word
    document or another office file) is found when it is read.

    Raises ``ReadError`` for empty files and for types that cannot be read, naming the ones
    that can.
    """
    if not data or data.isspace():
        raise ReadError(EMPTY)
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    for signature in SIGNATURES:
        if data.startswith(signature.magic):
            if suffix in signature.extensions:
                return _extension_format(suffix)
            if signature.format is not None:
                return signature.format
            raise unsupported(f"it looks like {signature.kind}", message=signature.message)
    fmt = _extension_format(suffix)
    if fmt == "pdf" and b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return fmt
    if fmt in _MAGIC_FORMATS:
        raise ReadError(f"this file is named {suffix} but it is not {_MAGIC_FORMATS[fmt]}")
    if fmt == "text" and _HTML_START.match(_text_prefix(data)):
        return "html"
    return fmt


def _extension_format(suffix: str) -> Format:
    """The format of files with extension ``suffix`` (``"text"`` when there is none)."""
    if suffix in _PLANNED:
        raise unsupported("", message=_PLANNED[suffix])
    if suffix and suffix not in EXTENSIONS:
        raise unsupported(f"{suffix} files cannot be read")
    return EXTENSIONS.get(suffix, "text")


def unsupported(reason: str, *, message: str = "") -> ReadError:
    """The error for a file type that cannot be read, listing the ones that can."""
    text = message or f"this file is not a supported type ({reason})"
    return ReadError(f"{text}; supported types are {supported_types()}")


def supported_types() -> str:
    """The formats that can be read and their extensions, in words, for messages and help."""
    kinds = [
        f"{label} ({', '.join(ext for ext, fmt in EXTENSIONS.items() if fmt == key)})"
        for key, label in FORMAT_LABELS.items()
    ]
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"


def _text_prefix(data: bytes) -> str:
    """The start of ``data`` as text, good enough to recognise markup (no strict decoding)."""
    head = data[:2048]
    for bom, encoding, _ in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")
