"""Mentions over time: chosen entities and terms per day, week or month, on a real date axis.

The input is what the store counts per publication date (``store.mentions_by_date`` and
``store.articles_by_date``); a single article is a row with ``n_articles`` = 1, so per-article
rows work as well. The output has one row per period and chosen item, every period from the
first dated article's to the last one's: a period where articles were published but the item
is not mentioned has 0 mentions, and a period without any article is kept too (0 articles, an
undefined share), so no gap of the axis is hidden.

A week is an ISO week: it starts on Monday, and is labelled with its ISO year and number
("2024-W45"). A month is a calendar month.

Articles without a publication date are never placed on a date: they are counted apart
(``Timeline.n_undated`` and ``Timeline.undated``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd

from analytics.filters import ArticleFilter
from analytics.labels import entity_label

Period = Literal["day", "week", "month"]
PERIOD_NAMES: dict[str, str] = {
    "day": "Day",
    "week": "Week (ISO, from Monday)",
    "month": "Month",
}
TIMELINE_COLUMNS = [
    "period_start",
    "period",
    "item",
    "n_mentions",
    "n_articles_mentioning",
    "n_articles",
    "share_of_articles",
]
UNDATED_COLUMNS = ["item", "n_mentions", "n_articles_mentioning"]
MAX_TERM_WORDS = 3


@dataclass(frozen=True)
class Timeline:
    """Mentions per period of the dated articles, and what the undated articles hold.

    ``frame`` columns: period_start (the period's first day), period (its label), item,
    n_mentions, n_articles_mentioning, n_articles (published in the period), share_of_articles
    (n_articles_mentioning / n_articles; missing when no article was published then).
    ``undated`` columns: item, n_mentions, n_articles_mentioning (in the undated articles).
    """

    frame: pd.DataFrame
    undated: pd.DataFrame
    n_dated: int
    n_undated: int


def period_start(day: dt.date, period: Period) -> dt.date:
    """The first day of the day's period: itself, the Monday of its ISO week, the 1st."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def period_label(start: dt.date, period: Period) -> str:
    """'2024-11-06', '2024-W45' (ISO year and week) or '2024-11'."""
    if period == "day":
        return start.isoformat()
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{start.year}-{start.month:02d}"


def period_range(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    """The first days of every period from the one holding ``first`` to the one of ``last``."""
    start, end = period_start(first, period), period_start(last, period)
    starts: list[dt.date] = []
    while start <= end:
        starts.append(start)
        if period == "day":
            start += dt.timedelta(days=1)
        elif period == "week":
            start += dt.timedelta(days=7)
        else:
            start = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return starts


def period_end(start: dt.date, period: Period) -> dt.date:
    """The last day of the period beginning on ``start``."""
    if period == "day":
        return start
    if period == "week":
        return start + dt.timedelta(days=6)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def article_totals(articles_per_date: pd.DataFrame) -> dict[str, int]:
    """n_articles, n_dated, n_undated and n_english (with entities) of ``articles_per_date``
    (published, n_articles, n_english)."""
    undated = articles_per_date["published"].isna()
    counts = articles_per_date["n_articles"]
    english = articles_per_date.get("n_english", counts)
    return {
        "n_articles": int(counts.sum()),
        "n_dated": int(counts[~undated].sum()),
        "n_undated": int(counts[undated].sum()),
        "n_english": int(english.sum()),
    }


def normalise_terms(text: str) -> tuple[str, ...]:
    """The comma-separated words or phrases in ``text`` as the store counts them: case
    folded, single spaces, at most ``MAX_TERM_WORDS`` words, each once, in order."""
    found: dict[str, None] = {}
    for part in text.split(","):
        term = " ".join(part.casefold().split())
        if term and len(term.split()) <= MAX_TERM_WORDS:
            found.setdefault(term)
    return tuple(found)


def _dated(frame: pd.DataFrame) -> pd.Series:
    return frame["published"].notna()


def timeline(
    mentions: pd.DataFrame,
    articles_per_date: pd.DataFrame,
    *,
    items: Iterable[str],
    period: Period = "month",
    english_only: Iterable[str] = (),
) -> Timeline:
    """Mentions of each item per period, with the share of the period's articles.

    ``mentions``: published (a date, or missing), item, n_mentions, n_articles (articles
    published that day mentioning the item). ``articles_per_date``: published (a date, or
    missing for the undated articles), n_articles and, for ``english_only`` items (entities,
    found only in English articles), n_english: the share of those items is of the English
    articles. Every item of ``items`` gets a row in every period, mentioned or not.
    """
    items = list(dict.fromkeys(items))
    published = articles_per_date.assign(published=articles_per_date["published"].astype(object))
    dated_articles = published[_dated(published)]
    totals = article_totals(published)
    n_dated, n_undated = totals["n_dated"], totals["n_undated"]
    mentions = mentions.assign(published=mentions["published"].astype(object))

    undated = (
        mentions[~_dated(mentions)]
        .groupby("item")[["n_mentions", "n_articles"]]
        .sum()
        .reindex(items, fill_value=0)
        .rename(columns={"n_articles": "n_articles_mentioning"})
        .rename_axis("item")
        .reset_index()
    )
    undated = undated.astype({"n_mentions": "int64", "n_articles_mentioning": "int64"})

    if dated_articles.empty or not items:
        return Timeline(pd.DataFrame(columns=TIMELINE_COLUMNS), undated, n_dated, n_undated)

    days = [_as_date(value) for value in dated_articles["published"]]
    starts = period_range(min(days), max(days), period)
    english_items = set(english_only)
    denominator = "n_english" if english_items else "n_articles"
    per_period = (
        dated_articles[list(dict.fromkeys(["n_articles", denominator]))]
        .set_axis([period_start(d, period) for d in days])
        .groupby(level=0)
        .sum()
        .reindex(starts, fill_value=0)
    )
    dated_mentions = mentions[_dated(mentions) & mentions["item"].isin(items)]
    counted = (
        dated_mentions.assign(
            period_start=[period_start(_as_date(d), period) for d in dated_mentions["published"]]
        )
        .groupby(["period_start", "item"])[["n_mentions", "n_articles"]]
        .sum()
        .rename(columns={"n_articles": "n_articles_mentioning"})
    )
    grid = pd.MultiIndex.from_product([starts, items], names=["period_start", "item"])
    frame = counted.reindex(grid, fill_value=0).reset_index()
    english = frame["item"].isin(english_items)
    frame["n_articles"] = frame["period_start"].map(per_period["n_articles"]).astype("int64")
    frame.loc[english, "n_articles"] = frame.loc[english, "period_start"].map(
        per_period[denominator]
    )
    frame["share_of_articles"] = (
        frame["n_articles_mentioning"] / frame["n_articles"].where(frame["n_articles"] > 0)
    ).round(4)
    frame["period"] = [period_label(start, period) for start in frame["period_start"]]
    frame = frame.astype({"n_mentions": "int64", "n_articles_mentioning": "int64"})
    return Timeline(frame[TIMELINE_COLUMNS], undated, n_dated, n_undated)


def _as_date(value: object) -> dt.date:
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def item_filter(
    flt: ArticleFilter,
    item: str,
    *,
    entities: Iterable[tuple[str, str]],
    date_from: dt.date,
    date_to: dt.date,
) -> ArticleFilter:
    """The articles of ``flt`` published between the dates that mention ``item``: one of
    ``entities`` (by its ``entity_label`` name), a word, or a phrase (found as text)."""
    by_name = {entity_label(entity, label): (entity, label) for entity, label in entities}
    narrowed = replace(
        flt,
        date_from=max(date_from, flt.date_from or date_from),
        date_to=min(date_to, flt.date_to or date_to),
    )
    if item in by_name:
        return replace(narrowed, mentioning=by_name[item])
    if len(item.split()) == 1:
        return replace(narrowed, containing_word=item)
    return replace(narrowed, search=item)
