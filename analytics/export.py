"""CSV export: the one exporter behind every download and the command line's ``export``.

Cells that a spreadsheet would run as a formula (text beginning with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading apostrophe, as OWASP recommends, so they show
as text. The file is UTF-8 with a byte-order mark so that spreadsheets read non-ASCII text
right.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame whose text cells (and column names) cannot run as formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if not (
            pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])
        ):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes (UTF-8 with BOM, no index), safe to open in a spreadsheet."""
    # CRLF line ends (RFC 4180) also make pandas quote cells holding a lone carriage return.
    text = safe_for_spreadsheets(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
