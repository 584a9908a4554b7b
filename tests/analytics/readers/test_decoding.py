"""Tests of analytics.readers.decoding: text bytes in any encoding turned into ``str``, and binary
data rejected.
"""

from __future__ import annotations

import random

import pytest
from reader_samples import FRENCH, GERMAN, RUSSIAN

from analytics.models import ReadError, ReadOutcome
from analytics.readers.decoding import decode_text
from analytics.readers.reading import read_upload


def test_decode_utf8() -> None:
    assert decode_text("Zürich – 9 déc. 2024".encode()) == "Zürich – 9 déc. 2024"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (FRENCH, "cp1252"),
    ],
    ids=["russian-cp1251", "russian-koi8-r", "french-latin-1", "german-latin-1", "french-cp1252"],
)
def test_decode_legacy_encodings(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data) == text


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]
)
def test_decode_byte_order_marks(encoding: str) -> None:
    data = FRENCH.encode(encoding)
    if not encoding.startswith("utf-8") and encoding.endswith(("-le", "-be")):
        data = "\ufeff".encode(encoding) + data  # the -le/-be codecs write no mark themselves
    assert decode_text(data) == FRENCH


def test_decode_rejects_random_bytes() -> None:
    with pytest.raises(ReadError, match="^looks like a binary file, not text$"):
        decode_text(random.Random(0).randbytes(4096))


def test_decode_keeps_a_text_file_with_a_stray_nul_byte() -> None:
    # judged by proportion: one NUL byte does not make a text file binary (the readers drop it)
    assert decode_text(b"Some text\x00with a NUL byte in the middle of it.") == (
        "Some text\x00with a NUL byte in the middle of it."
    )


def test_decode_keeps_a_batch_with_a_line_of_nul_bytes() -> None:
    data = b'{"text": "One."}\n' + bytes(4096) + b'\n{"text": "Two."}\n'
    assert decode_text(data).split("\n")[::2] == ['{"text": "One."}', '{"text": "Two."}']


@pytest.mark.parametrize(
    "data",
    [
        bytes(1000),  # zeros
        "Utf-16 text\nwithout a byte-order mark\n".encode("utf-16-le"),
        random.Random(7).randbytes(65536),
        b"Mostly text\n" + random.Random(8).randbytes(2048),
    ],
    ids=["zeros", "utf16-without-mark", "random", "text-then-random"],
)
def test_decode_rejects_nul_bytes_in_binary_data(data: bytes) -> None:
    with pytest.raises(ReadError, match="^looks like a binary file, not text$"):
        decode_text(data)


def test_decode_rejects_broken_utf16() -> None:
    with pytest.raises(ReadError) as error:
        decode_text(b"\xff\xfeA\x00\x00\xd8")  # a lone high surrogate
    assert str(error.value) == (
        "the file starts with a UTF-16 byte-order mark but is not valid UTF-16"
    )


def test_read_random_bytes_without_extension() -> None:
    outcome = read_upload("blob", random.Random(0).randbytes(4096))
    assert outcome == ReadOutcome("blob", error="looks like a binary file, not text")
