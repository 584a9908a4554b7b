"""Small controls shared by pages: choosing an article, an n-gram size, an entity, a group
of articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analytics.entities import LABEL_NAMES, NAMED_LABELS
from analytics.filters import ArticleFilter

NGRAM_NAMES: dict[int, str] = {1: "Words", 2: "Bigrams", 3: "Trigrams"}


def pick_article(
    choices: pd.DataFrame,
    *,
    key: str,
    title_of: Callable[[int], str | None],
    remembered: int | None = None,
) -> int:
    """A select box of articles (article_id, title); the choice goes into the ``article``
    query parameter.

    The initial choice comes from that query parameter or ``remembered`` (the caller's memory
    of the article last opened, on this page or another); an article that is not among
    ``choices`` is added to them when ``title_of`` finds it.
    """
    ids = [int(value) for value in choices["article_id"]]
    titles = dict(zip(ids, choices["title"], strict=True))
    wanted = st.query_params.get("article") or remembered
    try:
        wanted_id = int(wanted) if wanted is not None else None
    except ValueError:
        wanted_id = None
    if wanted_id is not None and wanted_id not in titles:
        title = title_of(wanted_id)
        if title is not None:
            ids.insert(0, wanted_id)
            titles[wanted_id] = title
    initial = ids.index(wanted_id) if wanted_id in titles else 0
    chosen = st.selectbox(
        "Article",
        ids,
        index=initial,
        format_func=lambda article_id: f"{titles[article_id] or '(untitled)'}  (#{article_id})",
        key=f"{key}-select",
    )
    st.query_params["article"] = str(chosen)
    return int(chosen)


def pick_ngram(*, key: str) -> tuple[int, bool]:
    """Controls for n-gram size and stop words; returns (n, keep stop words)."""
    left, right = st.columns([3, 2])
    n = left.segmented_control(
        "Count",
        list(NGRAM_NAMES),
        default=1,
        format_func=NGRAM_NAMES.get,
        key=f"{key}-n",
    )
    stop_words = right.toggle("Keep stop words", value=False, key=f"{key}-stop")
    return int(n or 1), stop_words


def pick_page(n_rows: int, *, key: str, page_size: int) -> tuple[int, int]:
    """A page number for a long table; returns (offset, limit) of the rows to show."""
    n_pages = max(1, -(-n_rows // page_size))
    page = 1
    if n_pages > 1:
        page = int(
            st.number_input(
                f"Page (of {n_pages:,})", 1, n_pages, 1, step=1, key=f"{key}-page", width=200
            )
        )
    first = (page - 1) * page_size
    st.caption(f"Rows {first + 1:,}–{min(first + page_size, n_rows):,} of {n_rows:,}.")
    return first, page_size


def pick_contexts(
    options: list[str], *, key: str, label: str = "Show the contexts of"
) -> str | None:
    """A term to see in context, and a button; returns the term when the button is pressed."""
    if not options:
        return None
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(label, options, key=f"{key}-term")
    pressed = right.button("Show contexts", key=f"{key}-go", icon=":material/format_quote:")
    return chosen if pressed else None


def pick_entity_types(totals: pd.DataFrame, *, key: str, container: Any = st) -> list[str]:
    """A multiselect of the entity types in ``totals`` (``label_totals``), the named types
    (people, places, organisations, ...) chosen at first; widget key ``{key}-labels``."""
    present = [label for label in totals["label"] if label in NAMED_LABELS] or list(totals["label"])
    return container.multiselect(
        "Entity types",
        list(totals["label"]),
        default=present,
        format_func=lambda label: f"{label} – {LABEL_NAMES.get(label, label)}",
        key=f"{key}-labels",
    )


GROUP_WAYS: dict[str, str] = {
    "sources": "Sources",
    "dates": "Date range",
    "articles": "Articles",
    "rest": "Rest of the corpus",
}
NOTHING = ArticleFilter(article_ids=())  # selects no article


def pick_group(
    *,
    key: str,
    sources: list[str],
    date_bounds: tuple[dt.date | None, dt.date | None],
    choices: pd.DataFrame,
    rest: bool = False,
) -> ArticleFilter | None:
    """Controls choosing a group of articles by source, date range or a hand-picked set.

    With ``rest``, "the rest of the corpus" is offered too, and chosen at first: then None is
    returned. An incomplete choice (no source, no article) gives a filter selecting nothing.
    """
    ways = list(GROUP_WAYS) if rest else [way for way in GROUP_WAYS if way != "rest"]
    way = st.segmented_control(
        "Choose by",
        ways,
        default="rest" if rest else "sources",
        format_func=GROUP_WAYS.get,
        key=f"{key}-way",
    )
    if way == "rest" or way is None:
        return None if rest else NOTHING
    if way == "sources":
        chosen = st.multiselect(
            "Sources",
            sources,
            default=[] if rest or not sources else sources[:1],
            key=f"{key}-sources",
            placeholder="Choose one or more sources",
        )
        return ArticleFilter(sources=tuple(chosen)) if chosen else NOTHING
    if way == "dates":
        first, last = date_bounds
        if first is None or last is None:
            st.caption("No stored article has a publication date.")
            return NOTHING
        bounds = {"min_value": first, "max_value": last, "format": "YYYY-MM-DD"}
        picked = st.date_input("Published between", (first, last), key=f"{key}-dates", **bounds)
        if not (isinstance(picked, tuple) and len(picked) == 2):
            return NOTHING
        return ArticleFilter(date_from=picked[0], date_to=picked[1])
    titles = dict(zip(choices["article_id"], choices["title"], strict=True))
    chosen_ids = st.multiselect(
        "Articles",
        list(titles),
        format_func=lambda article_id: f"{titles[article_id] or '(untitled)'} (#{article_id})",
        key=f"{key}-articles",
        placeholder="Choose articles",
    )
    return ArticleFilter(article_ids=tuple(int(i) for i in chosen_ids)) if chosen_ids else NOTHING


def pick_one(
    label: str, names: dict[Any, str], *, default: Any, key: str, container: Any = st
) -> Any:
    """One of ``names``' keys, shown by name as a segmented control; ``default`` when the
    user clicks the chosen segment off (a segmented control can be emptied)."""
    chosen = container.segmented_control(
        label, list(names), default=default, format_func=names.get, key=key
    )
    return default if chosen is None else chosen
