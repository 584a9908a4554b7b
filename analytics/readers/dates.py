"""Publication dates: ISO dates, or dates as people write them (dateparser, without dates relative
to today), and the day-month order of a column of all-number dates (:func:`column_date_order`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Literal

from analytics.readers.base import warn

DateOrder = Literal["DMY", "MDY"]
"""The order of day and month in an all-number date: day first, or month first."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[./-](?P<second>\d{1,2})[./-]\d{2,4}")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")

_MAX_DATE_CHARS = 100
"""Longer values are not dates (and would make dateparser slow)."""

_DATEPARSER_SETTINGS: Mapping[str, object] = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Deterministic: no "yesterday" or "3 days ago" (relative to today), and no date without a
    # year (which dateparser would complete with the current one).
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
}


def parse_date(
    value: str,
    *,
    warnings: list[str] | None = None,
    label: str = "",
    date_order: DateOrder | None = None,
) -> dt.date | None:
    """The date in ``value`` (ISO or as people write it), or ``None`` with a warning.

    ``label`` (such as ``"row 3"``) starts the warning. An empty value is ``None``, silently.
    ``date_order`` reads an all-number date such as 03/04/2024 day first ("DMY") or month
    first ("MDY"); without it, dates with dots (03.04.2024) are read day first, as in the
    countries that write them so, and others month first (dateparser's default for English).
    """
    value = " ".join(value.split())
    if not value:
        return None
    if date_order is None and _DOTTED_DATE.fullmatch(value):
        date_order = "DMY"
    date = _parsed_date(value, date_order) if len(value) <= _MAX_DATE_CHARS else None
    if date is None:
        prefix = f"{label}: " if label else ""
        warn(warnings, f"{prefix}could not read the date {value!r}")
    return date


def column_date_order(values: Iterable[str]) -> DateOrder | None:
    """The order of day and month in a column of all-number dates: "DMY" when one of them
    can only be read day first (13/04/2024), "MDY" when one can only be read month first
    (04/13/2024), ``None`` when none tells (or they contradict each other). Reading a whole
    column in one order keeps 03/04/2024 and 13/04/2024 a month apart, not a week."""
    orders: set[str] = set()
    for value in values:
        match = _NUMERIC_DATE.fullmatch(" ".join(str(value).split()))
        if match:
            first, second = int(match["first"]), int(match["second"])
            if first > 12 >= second:
                orders.add("DMY")
            elif second > 12 >= first:
                orders.add("MDY")
    if len(orders) != 1:
        return None
    return "DMY" if "DMY" in orders else "MDY"


@functools.lru_cache(maxsize=4096)
def _parsed_date(value: str, date_order: DateOrder | None = None) -> dt.date | None:
    if _ISO_DATE.match(value):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
    import dateparser

    settings = dict(_DATEPARSER_SETTINGS)
    if date_order is not None:
        settings["DATE_ORDER"] = date_order
    parsed = dateparser.parse(value, settings=settings)
    return parsed.date() if parsed is not None else None
