"""Batch files, one article per row: CSV or TSV with a header row naming the columns
(:func:`read_csv`), and JSON Lines, one JSON object per line (:func:`read_jsonl`).

Columns (or keys) are matched whatever their case, spaces and hyphens read as underscores; a
text column is required, the others optional. Any other column (category, section, author,
tags, ...) is kept as the article's ``metadata`` (:func:`row_metadata`). A row that cannot be
read, or has no text, is skipped with a warning; the dates of a file are read in one
day-month order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from analytics.models import Article, ReadError
from analytics.readers.base import EMPTY, brief, warn
from analytics.readers.dates import DateOrder, column_date_order, parse_date
from analytics.readers.text import (
    join_paragraphs,
    language_code,
    normalise_newlines,
    split_paragraphs,
)

_CSV_FIELD_LIMIT = 2**31 - 1
_HOLDS_NUL = "holds NUL bytes (damaged or binary data)"
_CSV_DELIMITERS = (",", ";", "\t", "|")

# Column names of batch files (lower case, spaces and hyphens read as underscores), in order of
# preference when a file has several of them.
TEXT_COLUMNS = ("text", "body", "content", "article")
_FIELD_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": TEXT_COLUMNS,
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet"),
    "date": ("date", "published", "publication_date", "published_at"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
    "id": ("id",),
}
_KNOWN_COLUMNS = frozenset(column for columns in _FIELD_COLUMNS.values() for column in columns)
#: Bounds on the metadata kept per row: columns, and characters of a key and of a value.
MAX_METADATA_KEYS = 30
MAX_METADATA_KEY_CHARS = 64
MAX_METADATA_VALUE_CHARS = 500


def read_csv(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article per row of a CSV file whose header row names the columns.

    The delimiter (comma, semicolon, tab or bar) is the one the header row uses most. A text
    column is required; title, source, date, URL, language and id columns are optional.
    """
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    try:
        keys = csv_header_keys(rows)
        counted = [0]
        records = list(csv_records(rows, keys, counted))
        count = counted[0]
    except csv.Error as error:
        raise ReadError(f"this CSV file cannot be read: {error}") from None
    if count == 0:
        raise ReadError("the file has a header row but no data rows")
    articles = _articles_from_records(records, name=name, warnings=warnings)
    if not articles:
        raise ReadError("none of the rows has any text")
    return articles


def csv_records(
    rows: Iterable[list[str]], keys: list[str], counted: list[int]
) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """The (label, record) of each data row of a CSV file (``keys``: its header's columns); a
    record ``None`` could not be read, its label says why. ``counted[0]`` is the rows read."""
    for count, row in enumerate(rows, start=1):
        counted[0] = count
        if not any(cell.strip() for cell in row):
            continue  # a blank row: nothing to say about it
        if any("\x00" in cell for cell in row):
            yield (f"row {count} {_HOLDS_NUL}", None)
            continue
        if len(row) > len(keys):
            yield (f"row {count} has more cells than the header row has columns", None)
        record: dict[str, str] = {}
        for key, value in zip(keys, row, strict=False):
            if key:
                record.setdefault(key, value)
        yield (f"row {count}", record)


def csv_header_keys(rows: Iterator[list[str]]) -> list[str]:
    """The column keys of a CSV file's header row (its first non-blank row), read from
    ``rows``; ``ReadError`` when there is none or it names no text column."""
    header = next((row for row in rows if any(cell.strip() for cell in row)), None)
    if header is None:
        raise ReadError(EMPTY)
    keys = [_column_key(cell) for cell in header]
    if not any(key in TEXT_COLUMNS for key in keys):
        raise _no_text_column([cell.strip() for cell in header])
    return keys


def _csv_delimiter(text: str) -> str:
    """The delimiter the header row (the first line) uses most; a comma if it uses none."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in _CSV_DELIMITERS}
    best = max(_CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_jsonl(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article per line of a JSON Lines file, each line a JSON object.

    Keys are matched like CSV columns (case does not matter). Lines that are not valid JSON
    objects are skipped with a warning; the file is rejected only if no line can be read.
    """
    records: list[tuple[str, dict[str, Any] | None]] = []
    first_problem = ""
    keys_seen: dict[str, None] = {}
    objects = 0
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        label, record, keys = jsonl_record(number, line)
        records.append((label, record))
        if record is None:
            first_problem = first_problem or label
            continue
        objects += 1
        keys_seen.update(dict.fromkeys(keys))
    if objects == 0:
        raise ReadError(first_problem or EMPTY)
    notes: list[str] = []
    articles = _articles_from_records(records, name=name, warnings=notes)
    if warnings is not None:
        warnings.extend(notes)
    if not articles:
        if not any(_column_key(key) in TEXT_COLUMNS for key in keys_seen):
            raise _no_text_column(list(keys_seen))
        raise ReadError("none of the lines has any text")
    return articles


def jsonl_record(number: int, line: str) -> tuple[str, dict[str, Any] | None, list[str]]:
    """The label and record of line ``number`` of a JSON Lines file (not blank), with the keys
    of its object as written; a record ``None`` could not be read, its label says why."""
    try:
        if "\x00" in line:
            raise ValueError(_HOLDS_NUL)
        value = json.loads(line)
    except (ValueError, RecursionError) as error:
        damaged = str(error) == _HOLDS_NUL
        return f"line {number} {_HOLDS_NUL if damaged else 'is not valid JSON'}", None, []
    if not isinstance(value, dict):
        return f"line {number} is not a JSON object", None, []
    record: dict[str, Any] = {}
    for key, item in value.items():
        record.setdefault(_column_key(str(key)), item)
    return f"line {number}", record, [str(key) for key in value]


def record_date(record: Mapping[str, Any]) -> str:
    """The date column's value of a batch row, as text ("" when it has none)."""
    return _field(record, "date")


def record_has_text(record: Mapping[str, Any]) -> bool:
    """Whether a batch row has a non-blank text column."""
    return bool(_field(record, "text").strip())


def _column_key(name: str) -> str:
    """A column name as matched against the accepted ones: lower case, ``_`` for spaces."""
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff")).lower()


def _no_text_column(found: list[str]) -> ReadError:
    columns = ", ".join(repr(column) for column in found if column) or "none"
    return ReadError(
        f"no text column found (the columns are {columns}); "
        f"the text must be in a column named {', '.join(TEXT_COLUMNS)}"
    )


def _field(record: Mapping[str, Any], field: str) -> str:
    """The first non-empty value among a field's accepted column names, as text."""
    for column in _FIELD_COLUMNS[field]:
        value = record.get(column)
        if value is None or isinstance(value, (dict, list, bool)):
            continue
        text = str(value).strip() if field != "text" else str(value)
        if text.strip():
            return text
    return ""


def _articles_from_records(
    records: list[tuple[str, dict[str, Any] | None]], *, name: str, warnings: list[str] | None
) -> list[Article]:
    """The articles of a batch's rows (label, record), all dates read in one day-month order.

    A row whose record is ``None`` could not be read: its label is the warning, given in its
    place among the rows' own warnings.
    """
    order = column_date_order(_field(record, "date") for _, record in records if record)
    return articles_in_order(records, name=name, warnings=warnings, date_order=order)


def articles_in_order(
    records: list[tuple[str, dict[str, Any] | None]],
    *,
    name: str,
    warnings: list[str] | None,
    date_order: DateOrder | None,
) -> list[Article]:
    """``_articles_from_records`` with the day-month order of the file's dates given (a file
    read in parts: ``analytics.readers.reading``)."""
    order = date_order
    articles: list[Article] = []
    for label, record in records:
        if record is None:
            warn(warnings, label)
            continue
        try:
            article = _article_from_record(
                record, name=name, label=label, warnings=warnings, date_order=order
            )
        except Exception as error:  # noqa: BLE001 - one bad row costs that row only
            warn(warnings, f"{label} could not be read ({brief(error)})")
            continue
        if article is not None:
            articles.append(article)
    return articles


def row_metadata(record: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A row's columns other than the article's fields, as sorted (key, value) pairs.

    Values are single-spaced text; a list of plain values (tags) is joined with ", "; empty
    values, nested objects and overlong keys are left out, overlong values cut.
    """
    pairs: dict[str, str] = {}
    for key, value in record.items():
        if not key or key in _KNOWN_COLUMNS or len(key) > MAX_METADATA_KEY_CHARS:
            continue
        if isinstance(value, list):
            items = [item for item in value if isinstance(item, (str, int, float))]
            value = ", ".join(str(item) for item in items)
        if value is None or isinstance(value, (dict, list)):
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        text = " ".join(str(value).split())[:MAX_METADATA_VALUE_CHARS]
        if text:
            pairs[key] = text
        if len(pairs) == MAX_METADATA_KEYS:
            break
    return tuple(sorted(pairs.items()))


def _article_from_record(
    record: Mapping[str, Any],
    *,
    name: str,
    label: str,
    warnings: list[str] | None,
    date_order: DateOrder | None = None,
) -> Article | None:
    """The article in one batch row, or ``None`` (with a warning) when it has no text."""
    body = join_paragraphs(split_paragraphs(_field(record, "text")))
    if not body:
        warn(warnings, f"{label}: no text")
        return None
    row_id = _field(record, "id")
    return Article(
        body=body,
        title=" ".join(_field(record, "title").split()),
        source=_field(record, "source"),
        published=parse_date(
            _field(record, "date"), warnings=warnings, label=label, date_order=date_order
        ),
        url=_field(record, "url"),
        language=language_code(_field(record, "language")),
        file_name=f"{name}#{row_id or label}",
        metadata=row_metadata(record),
    )
