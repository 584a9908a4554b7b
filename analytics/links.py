"""A view of the corpus as the query string of its link, and back: ``filter_params`` writes an
``ArticleFilter`` as URL parameters, ``read_filter_params`` reads them (any text a link can
carry), keeping what is valid and saying in one plain sentence each what it left out.

Parameters (each value a string; a repeated key is a list)::

    source=Harbour Daily&source=The Civic Wire   sources
    meta.category=business                       a kept metadata column's values
    from=2024-10-01&to=2024-11-30                published between (inclusive)
    search="Tony Blair"                          the sidebar's search
    one_per_cluster=1                            one article per cluster of copies
    chip.entity=Rotterdam (GPE)                  a clicked entity (``mentioning``)
    chip.word=port                               a clicked word (``containing_word``)
    chip.measure=consensus_grade:12:13           a clicked histogram bar (``measure_range``)
    chip.period=month:2024-11-01:Rotterdam · GPE a clicked point of Over time (not a filter:
                                                 ``period_params``, ``ReadLink.period``)

``article_ids`` (a page's own choice of articles) is not part of a link. Keys this module
does not own (a page's ``article``, ``q``...) are neither written nor read here.
No Streamlit: the dashboard reads ``st.query_params`` into a plain mapping first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from analytics.filters import ArticleFilter
from analytics.readability import COUNTS, MEASURES
from analytics.timeline import PERIOD_NAMES, Period, period_start

SOURCE = "source"
META_PREFIX = "meta."
DATE_FROM = "from"
DATE_TO = "to"
SEARCH = "search"
ONE_PER_CLUSTER = "one_per_cluster"
CHIP_ENTITY = "chip.entity"
CHIP_WORD = "chip.word"
CHIP_MEASURE = "chip.measure"
CHIP_PERIOD = "chip.period"
#: The keys of the page's filter and chips; a metadata column's key starts with META_PREFIX.
FILTER_KEYS = (SOURCE, DATE_FROM, DATE_TO, SEARCH, ONE_PER_CLUSTER)
CHIP_KEYS = (CHIP_ENTITY, CHIP_WORD, CHIP_MEASURE, CHIP_PERIOD)

#: Limits on what a link may carry: beyond them a value is left out, with a message.
MAX_VALUE_CHARS = 300
MAX_VALUES = 50
#: How much of a refused value a message quotes, and how many messages a link gets.
QUOTED_CHARS = 40
MAX_PROBLEMS = 10

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_ENTITY = re.compile(r"^(?P<entity>.+) \((?P<label>[A-Z][A-Z_]*)\)$", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def is_link_key(key: str) -> bool:
    """Whether ``key`` is a parameter of the filter or the chips (written by this module)."""
    return key in FILTER_KEYS or key in CHIP_KEYS or key.startswith(META_PREFIX)


def _number(value: float) -> str:
    """A bin edge as short as it reads back exactly: 12.0 -> "12", 12.5 -> "12.5",
    1/3 -> "0.3333333333333333"."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def filter_params(flt: ArticleFilter) -> dict[str, list[str]]:
    """The URL parameters of ``flt`` (every key of this module, in a fixed order; a key with
    nothing to say is left out). ``read_filter_params`` reads them back to ``flt``, but for
    ``article_ids``, which no link carries."""
    params: dict[str, list[str]] = {}
    if flt.sources:
        params[SOURCE] = list(flt.sources)
    for key, values in flt.metadata:
        if values:
            params[META_PREFIX + key] = list(values)
    if flt.date_from is not None:
        params[DATE_FROM] = [flt.date_from.isoformat()]
    if flt.date_to is not None:
        params[DATE_TO] = [flt.date_to.isoformat()]
    if flt.search.strip():
        params[SEARCH] = [flt.search.strip()]
    if flt.one_per_cluster:
        params[ONE_PER_CLUSTER] = ["1"]
    if flt.mentioning is not None:
        entity, label = flt.mentioning
        params[CHIP_ENTITY] = [f"{entity} ({label})"]
    if flt.containing_word:
        params[CHIP_WORD] = [flt.containing_word]
    if flt.measure_range is not None:
        measure, low, high = flt.measure_range
        params[CHIP_MEASURE] = [f"{measure}:{_number(low)}:{_number(high)}"]
    return params


def period_params(period: Period, start: dt.date, item: str) -> dict[str, list[str]]:
    """The URL parameter of a clicked point of the Over time page: the item (an entity as
    "Rotterdam · GPE", or a term) in the period (day, week or month) beginning on ``start``."""
    return {CHIP_PERIOD: [f"{period}:{start.isoformat()}:{item}"]}


@dataclass(frozen=True)
class Choices:
    """What a link may choose among, from the store (None: anything well formed)."""

    sources: Sequence[str] | None = None
    metadata: Mapping[str, Sequence[str]] | None = None
    #: The first and last publication dates stored; a range is clipped to them.
    date_bounds: tuple[dt.date | None, dt.date | None] | None = None


@dataclass(frozen=True)
class ReadLink:
    """A link's filter and the sentences saying what of it was left out (plain text)."""

    filter: ArticleFilter
    problems: tuple[str, ...] = field(default=())
    #: A clicked point of Over time: (period, its first day, item), see ``period_params``.
    period: tuple[Period, dt.date, str] | None = None


def _quoted(value: str) -> str:
    """A refused value as a message quotes it: control characters out, cut to a few words."""
    clean = _CONTROL.sub(" ", value)
    if len(clean) > QUOTED_CHARS:
        clean = clean[: QUOTED_CHARS - 1] + "…"
    return f'"{clean}"'


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _as_list(values: str | Iterable[str]) -> list[str]:
    return [values] if isinstance(values, str) else [str(value) for value in values]


def _one(key: str, values: list[str], problems: list[str]) -> str | None:
    """A key's single value: the last one when it is repeated (as ``st.query_params`` reads
    it), None when there is none."""
    if not values:
        return None
    if len(values) > 1:
        problems.append(f"{key} is given {len(values)} times: the last one is used.")
    return values[-1]


def read_filter_params(
    params: Mapping[str, str | Iterable[str]], choices: Choices = Choices()
) -> ReadLink:
    """The filter a link's parameters describe, within ``choices``; every value that is not
    well formed, unknown or too long is left out with a sentence in ``problems``. Never
    raises for any text: a link is untrusted input."""
    problems: list[str] = []
    given = {str(key): _as_list(values) for key, values in params.items() if is_link_key(key)}
    for key, values in given.items():
        if len(values) > MAX_VALUES:
            problems.append(
                f"{key} is given {len(values):,} times: only the first {MAX_VALUES} are read."
            )
            given[key] = values[:MAX_VALUES]
    for key, values in given.items():
        kept = [value for value in values if len(value) <= MAX_VALUE_CHARS]
        if len(kept) < len(values):
            problems.append(
                f"A value of {key} longer than {MAX_VALUE_CHARS} characters was left out."
            )
        given[key] = kept

    changes: dict[str, Any] = {}
    sources = _read_sources(given.get(SOURCE, []), choices, problems)
    if sources:
        changes["sources"] = sources
    metadata = _read_metadata(given, choices, problems)
    if metadata:
        changes["metadata"] = metadata
    date_from, date_to = _read_dates(given, choices, problems)
    if date_from is not None:
        changes["date_from"] = date_from
    if date_to is not None:
        changes["date_to"] = date_to
    search = _one(SEARCH, given.get(SEARCH, []), problems)
    if search is not None:
        search = _CONTROL.sub(" ", search).strip()
        if search:
            changes["search"] = search
    cluster = _one(ONE_PER_CLUSTER, given.get(ONE_PER_CLUSTER, []), problems)
    if cluster is not None:
        if cluster.strip().lower() in _TRUE:
            changes["one_per_cluster"] = True
        elif cluster.strip().lower() not in _FALSE:
            problems.append(f"{ONE_PER_CLUSTER} is 1 or 0, not {_quoted(cluster)}: left out.")
    entity = _one(CHIP_ENTITY, given.get(CHIP_ENTITY, []), problems)
    if entity is not None:
        match = _ENTITY.match(entity.strip())
        if match and match["entity"].strip():
            changes["mentioning"] = (match["entity"].strip(), match["label"])
        else:
            problems.append(
                f'{CHIP_ENTITY} is "name (TYPE)", as "Rotterdam (GPE)", not {_quoted(entity)}: '
                "left out."
            )
    word = _one(CHIP_WORD, given.get(CHIP_WORD, []), problems)
    if word is not None:
        word = _CONTROL.sub(" ", word).strip().lower()
        if word:
            changes["containing_word"] = word
    measure = _one(CHIP_MEASURE, given.get(CHIP_MEASURE, []), problems)
    if measure is not None:
        measure_range = _read_measure(measure)
        if measure_range is None:
            problems.append(
                f'{CHIP_MEASURE} is "measure:from:to", as "consensus_grade:12:13", with a '
                f"known measure, not {_quoted(measure)}: left out."
            )
        else:
            changes["measure_range"] = measure_range
    period = _one(CHIP_PERIOD, given.get(CHIP_PERIOD, []), problems)
    clicked = None if period is None else _read_period(period)
    if period is not None and clicked is None:
        problems.append(
            f'{CHIP_PERIOD} is "period:first day:item", as "month:2024-11-01:port", with day, '
            f"week or month and the first day of one, not {_quoted(period)}: left out."
        )
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS + 1
        problems = [*problems[: MAX_PROBLEMS - 1], f"{more:,} more values were left out."]
    return ReadLink(ArticleFilter(**changes), tuple(problems), clicked)


def _read_sources(values: list[str], choices: Choices, problems: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for value in values:
        if choices.sources is not None and value not in choices.sources:
            problems.append(f"No source is called {_quoted(value)}: left out.")
        elif value not in kept:
            kept.append(value)
    return tuple(kept)


def _read_metadata(
    given: Mapping[str, list[str]], choices: Choices, problems: list[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    metadata: list[tuple[str, tuple[str, ...]]] = []
    for param, values in given.items():
        if not param.startswith(META_PREFIX):
            continue
        key = param[len(META_PREFIX) :]
        known = None if choices.metadata is None else choices.metadata.get(key)
        if choices.metadata is not None and known is None:
            problems.append(f"No kept column is called {_quoted(key)}: left out.")
            continue
        kept: list[str] = []
        for value in values:
            if known is not None and value not in known:
                problems.append(
                    f"The column {_quoted(key)} has no value {_quoted(value)}: left out."
                )
            elif value not in kept:
                kept.append(value)
        if key and kept:
            metadata.append((key, tuple(kept)))
    return tuple(metadata)


def _read_dates(
    given: Mapping[str, list[str]], choices: Choices, problems: list[str]
) -> tuple[dt.date | None, dt.date | None]:
    dates: dict[str, dt.date | None] = {}
    for key in (DATE_FROM, DATE_TO):
        value = _one(key, given.get(key, []), problems)
        day = None if value is None else _date(value)
        if value is not None and day is None:
            problems.append(f"{key} is a date as 2024-10-31, not {_quoted(value)}: left out.")
        dates[key] = day
    date_from, date_to = dates[DATE_FROM], dates[DATE_TO]
    if date_from is not None and date_to is not None and date_from > date_to:
        problems.append(f"{DATE_FROM} ({date_from}) is after {DATE_TO} ({date_to}): both left out.")
        return None, None
    if choices.date_bounds is not None and (date_from is not None or date_to is not None):
        first, last = choices.date_bounds
        if first is None or last is None:
            problems.append("No stored article has a publication date: the dates are left out.")
            return None, None
        if (date_from is not None and date_from > last) or (
            date_to is not None and date_to < first
        ):
            problems.append(
                f"No article is published in that range (the stored dates run from {first} "
                f"to {last}): the dates are left out."
            )
            return None, None
        date_from = None if date_from is None else max(date_from, first)
        date_to = None if date_to is None else min(date_to, last)
    return date_from, date_to


def _read_measure(value: str) -> tuple[str, float, float] | None:
    parts = value.strip().split(":")
    if len(parts) != 3 or (parts[0] not in MEASURES and parts[0] not in COUNTS):
        return None
    try:
        low, high = float(parts[1]), float(parts[2])
    except ValueError:
        return None
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        return None
    return (parts[0], low, high)


def _read_period(value: str) -> tuple[Period, dt.date, str] | None:
    parts = value.split(":", 2)
    if len(parts) != 3 or parts[0] not in PERIOD_NAMES:
        return None
    period: Period = parts[0]  # type: ignore[assignment]
    start = _date(parts[1])
    item = _CONTROL.sub(" ", parts[2]).strip()
    if start is None or not item or period_start(start, period) != start:
        return None
    return (period, start, item)
