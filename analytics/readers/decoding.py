"""Turning the bytes of a text file into ``str``, whatever its encoding.

A byte-order mark decides first, then strict UTF-8, then (for an HTML page) the encoding its
``<meta charset>`` declares, then the one charset-normalizer finds in the first 64 KiB. Binary
data is rejected with a :class:`ReadError`, judged by proportion (:func:`looks_binary`): a text
file with a stray NUL byte, or a few damaged lines, is still text (the batch readers skip a
line holding NUL bytes, with a warning; other readers lose the NUL characters).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from analytics.models import ReadError

_BINARY = "looks like a binary file, not text"

_SAMPLE_BYTES = 64 * 1024
"""How much of a file charset-normalizer looks at to pick its encoding."""

_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")
"""Control bytes that text does not hold (tab, newlines and form feed excepted)."""

_MAX_CONTROL_SHARE = 0.05
"""Data with NUL bytes is binary when more than this share of its other bytes are controls."""

_MAX_NUL_SHARE = 0.1
"""Data is binary when more than this share of its bytes are NUL (and most lines hold one)."""

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
    finds in the first 64 KiB. Binary data (:func:`looks_binary`) is rejected; NUL bytes in a
    text file are kept, for the reader to skip the lines holding them.
    """
    return _decode(data)


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` (without a byte-order mark) is binary data rather than text, judged by
    proportion: a text file may hold a stray NUL byte, or a few damaged lines.

    It is binary when NUL bytes are more than 10% of it and at least half of its non-blank lines
    hold one (zeros, UTF-16 without a byte-order mark), or when the rest of it is more than 5%
    other control bytes (random data).
    """
    if b"\x00" not in data:
        return False
    lines = [line for line in data.split(b"\n") if line.strip()]
    damaged = sum(1 for line in lines if b"\x00" in line)
    if data.count(b"\x00") > _MAX_NUL_SHARE * len(data) and 2 * damaged >= len(lines):
        return True
    rest = data.replace(b"\x00", b"")
    return len(_CONTROL_BYTES.findall(rest)) > _MAX_CONTROL_SHARE * len(rest)


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
    if looks_binary(data):
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
    best = charset_normalizer.from_bytes(data[:_SAMPLE_BYTES].replace(b"\x00", b"")).best()
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
