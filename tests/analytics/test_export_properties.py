"""Property tests of the CSV export: no cell of any export can run as a spreadsheet formula.

For frames of any text (control characters, line breaks, NUL, byte-order marks, any unicode;
leading "=", "+", "-", "@", tab or carriage return, in cells and in column names), the CSV read
back with Python's ``csv`` module has the same number of rows, no cell or header beginning with
a formula trigger, every other text unchanged and every trigger text as "'" + the text. Numbers
(negative ones included) are numbers, not text: they come back unchanged, with no apostrophe.

Hypothesis runs derandomized (the same 200 examples every time) and keeps no example database.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.export import csv_bytes, safe_for_spreadsheets

#: What makes a spreadsheet run a cell as a formula (OWASP's list), written out here rather than
#: taken from the code under test.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)

#: Text, with the awkward cases made common: a leading formula trigger, apostrophe, byte-order
#: mark or space; line breaks, NUL and other control characters.
AWKWARD = st.sampled_from([*FORMULA_TRIGGERS, "'", "\ufeff", " ", "\n", "\r\n", "\x00", '"', ","])
TEXT = st.one_of(
    st.text(),
    st.builds(lambda first, rest: first + rest, AWKWARD, st.text()),
    st.lists(st.one_of(AWKWARD, st.text(max_size=3)), max_size=6).map("".join),
)
NAMES = st.lists(
    st.one_of(TEXT, st.integers(-3, 3)), min_size=1, max_size=4, unique_by=lambda name: str(name)
)


def _as_text(value: object) -> str:
    """What an exported text (or column name) must read back as."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _read_back(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell


@st.composite
def text_frames(draw: Any, *, missing: bool = False) -> pd.DataFrame:
    names = draw(NAMES)
    n_rows = draw(st.integers(0, 5))
    cell = st.one_of(st.none(), TEXT) if missing else TEXT
    columns = {name: draw(st.lists(cell, min_size=n_rows, max_size=n_rows)) for name in names}
    return pd.DataFrame(columns, columns=names)


@SETTINGS
@given(text_frames())
def test_text_cells_and_headers_cannot_be_formulas(frame: pd.DataFrame) -> None:
    rows = _read_back(csv_bytes(frame))
    _no_formula(rows)
    header, *body = rows
    assert header == [_as_text(name) for name in frame.columns]
    assert len(body) == len(frame)
    expected = [[_as_text(value) for value in row] for row in frame.itertuples(index=False)]
    assert body == expected


@SETTINGS
@given(text_frames(missing=True))
def test_missing_text_is_an_empty_cell(frame: pd.DataFrame) -> None:
    rows = _read_back(csv_bytes(frame))
    _no_formula(rows)
    header, *body = rows
    assert len(body) == len(frame)
    expected = [
        [
            "" if value is None or value is pd.NA or value != value else _as_text(value)
            for value in row
        ]
        for row in frame.astype(object).itertuples(index=False)
    ]
    assert body == expected


#: The column types of the mixed frames: numbers, booleans, and text held as pandas' string
#: type, as Python objects, or as categories.
DTYPES = {
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "text": "str",
    "object": "object",
    "category": "category",
}
TEXT_KINDS = ("text", "object", "category")


@st.composite
def mixed_frames(draw: Any) -> tuple[pd.DataFrame, list[str]]:
    """A frame of integer, float, boolean and text columns, and the kind of each column."""
    names = draw(NAMES)
    n_rows = draw(st.integers(0, 5))
    kinds = [draw(st.sampled_from(list(DTYPES))) for _ in names]
    values = {
        "int": st.integers(-(2**63), 2**63 - 1),
        "float": st.floats(allow_nan=False, allow_infinity=False),
        "bool": st.booleans(),
    }
    frame = pd.DataFrame(
        {
            name: pd.Series(
                draw(st.lists(values.get(kind, TEXT), min_size=n_rows, max_size=n_rows)),
                dtype=DTYPES[kind],
            )
            for name, kind in zip(names, kinds, strict=True)
        },
        columns=names,
    )
    return frame, kinds


@SETTINGS
@given(mixed_frames())
def test_numbers_stay_numbers(case: tuple[pd.DataFrame, list[str]]) -> None:
    frame, kinds = case
    header, *body = _read_back(csv_bytes(frame))
    assert header == [_as_text(name) for name in frame.columns]
    _no_formula([header])
    assert len(body) == len(frame)
    for row, original in zip(body, frame.itertuples(index=False), strict=True):
        for cell, value, kind in zip(row, original, kinds, strict=True):
            if kind == "int":
                assert cell == str(value)  # "-3", not "'-3"
            elif kind == "float":
                assert float(cell) == value
                assert math.copysign(1, float(cell)) == math.copysign(1, value)
            elif kind == "bool":
                assert cell == str(value)
            else:
                assert cell == _as_text(value)
                assert not cell.startswith(FORMULA_TRIGGERS)


@SETTINGS
@given(mixed_frames())
def test_safe_for_spreadsheets_changes_text_only(case: tuple[pd.DataFrame, list[str]]) -> None:
    frame, kinds = case
    before = frame.copy()
    safe = safe_for_spreadsheets(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is left alone
    assert list(safe.columns) == [_as_text(name) for name in frame.columns]
    for i, kind in enumerate(kinds):
        if kind in TEXT_KINDS:
            assert list(safe.iloc[:, i]) == [_as_text(value) for value in frame.iloc[:, i]]
        else:
            pd.testing.assert_series_equal(safe.iloc[:, i], frame.iloc[:, i], check_names=False)
