"""Turning the bytes of a text file into ``str``, whatever its encoding.

A byte-order mark decides first, then strict UTF-8, then (for an HTML page) the encoding its
``<meta charset>`` declares, then the one charset-normalizer finds in the first 64 KiB. NUL bytes
outside UTF-16/32 mean binary data, rejected with a :class:`ReadError`.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from analytics.models import ReadError

_BINARY = "looks like a binary file, not text"

_SAMPLE_BYTES = 64 * 1024
"""How much of a file charset-normalizer looks at to pick its encoding."""

BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: the UTF-32 LE mark starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_text(data: bytes) -> str:
    """The text in ``data``, whatever its encoding; ``ReadError`` if it is binary.

    A byte-order mark decides first, then strict UTF-8, then the encoding charset-normalizer
    finds in the first 64 KiB. NUL bytes (outside UTF-16/32) mean binary data.
    """
    return _decode(data)


def _decode(data: bytes, *, declared: str | None = None) -> str:
    """The text in ``data``; ``declared`` is an encoding the file names (HTML ``<meta>``)."""
    for bom, encoding, label in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(
                    f"the file starts with a {label} byte-order mark but is not valid {label}"
                ) from None
    if b"\x00" in data:
        raise ReadError(_BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _declared_encodings(declared):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data[:_SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        raise ReadError(_BINARY)
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError:
        # The sample was fine but a later part is not: keep the text, mark the odd bytes.
        return data.decode(best.encoding, errors="replace")


def _declared_encodings(declared: str | None) -> list[str]:
    """Python codecs to try for an encoding a file declares, in order (WHATWG aliases first)."""
    if not declared:
        return []
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return []
    # Browsers read "latin-1" and "ascii" pages as windows-1252, a superset.
    return ["cp1252", name] if name in {"iso8859-1", "latin-1", "ascii"} else [name]


def decode_html(data: bytes) -> str:
    """The text of an HTML page: like :func:`decode_text`, but trusting a ``<meta charset>``."""
    match = _META_CHARSET.search(data[:4096])
    return _decode(data, declared=match.group(1).decode("ascii") if match else None)
