"""Small controls shared by pages: choosing an article, an n-gram size, an entity, a group
of articles."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analytics.entities import LABEL_NAMES, NAMED_LABELS
from analytics.filters import ArticleFilter
from analytics.frequency import NEWS_STOP_WORDS
from components.safe_text import markdown_escape

NGRAM_NAMES: dict[int, str] = {1: "Words", 2: "Bigrams", 3: "Trigrams"}


def pick_article(
    choices: pd.DataFrame,
    *,
    key: str,
    title_of: Callable[[int], str | None],
    remembered: int | None = None,
    find: Callable[[str], tuple[pd.DataFrame, int]] | None = None,
    n_total: int | None = None,
) -> int:
    """A select box of articles (article_id, title); the choice goes into the ``article``
    query parameter.

    The initial choice comes from that query parameter or ``remembered`` (the caller's memory
    of the article last opened, on this page or another); an article that is not among
    ``choices`` is added to them when ``title_of`` finds it.

    With ``find`` (a search of the whole corpus on the server: at most as many matches as
    ``choices`` holds, and how many there are), a text box above it searches every article
    and the select box offers the matches, starting on the first. ``n_total`` (how many
    articles ``choices`` is the newest of) makes a cut list say so. Widget keys
    ``{key}-find`` and ``{key}-select`` (``{key}-select-<query digest>`` for the matches).
    """
    query = ""
    if find is not None:
        query = st.text_input(
            "Find an article",
            key=f"{key}-find",
            placeholder='Words or "a phrase" of its title or text',
        ).strip()
    where, select_key, keep_wanted = "articles", f"{key}-select", True
    if query and find is not None:
        found, n_found = find(query)
        if found.empty:
            st.caption("No article contains all of these words.")
        else:
            choices, n_total, where = found, n_found, "matching articles"
            # each query gets a select box of its own, starting on its first match
            select_key = f"{key}-select-{zlib.crc32(query.encode()):08x}"
            keep_wanted = False
    if n_total is not None and n_total > len(choices):
        hint = " type words above to find any other." if find is not None else ""
        st.caption(f"The newest {len(choices):,} of {n_total:,} {where} are listed:{hint}")
    elif not keep_wanted:
        st.caption(f"{len(choices):,} {where if len(choices) != 1 else 'matching article'}.")
    return _select_article(
        choices, key=select_key, title_of=title_of, remembered=remembered, keep=keep_wanted
    )


def _select_article(
    choices: pd.DataFrame,
    *,
    key: str,
    title_of: Callable[[int], str | None],
    remembered: int | None,
    keep: bool,
) -> int:
    """The select box of ``pick_article``; with ``keep``, the wanted article is added to the
    choices when it is not among them."""
    ids = [int(value) for value in choices["article_id"]]
    titles = dict(zip(ids, choices["title"], strict=True))
    wanted = st.query_params.get("article") or remembered
    try:
        wanted_id = int(wanted) if wanted is not None else None
    except ValueError:
        wanted_id = None
    if keep and wanted_id is not None and wanted_id not in titles:
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
        key=key,
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


def pick_news_words(*, key: str, stop_words: bool = False) -> bool:
    """A switch that leaves out the news words (``NEWS_STOP_WORDS``: said, told, Mr...) with
    the stop words, on by default, and the list of them; returns whether to keep them (the
    ``news_words`` option of the word queries). With ``stop_words`` kept, news words are kept
    too and nothing is shown. Widget key ``{key}-news``."""
    if stop_words:
        return True
    leave_out = st.toggle(
        "Leave out news words such as said, told, mr",
        value=True,
        key=f"{key}-news",
        help="Reporting verbs and titles that lead every list of a news corpus.",
    )
    with st.expander("The news words"):
        st.caption(
            ", ".join(sorted(NEWS_STOP_WORDS))
            + ". Left out with the stop words, with every phrase that begins or ends with one."
        )
    return not leave_out


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
    "column": "Column value",
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
    columns: dict[str, list[str]] | None = None,
    column_label: Callable[[str], str] = str,
) -> ArticleFilter | None:
    """Controls choosing a group of articles by source, a kept batch column's values
    (``columns``: key to values, e.g. "category" = "business"), date range or a hand-picked set.

    With ``rest``, "the rest of the corpus" is offered too, and chosen at first: then None is
    returned. Otherwise the first source is chosen at first, or, when there is no source, the
    first value of the first column. An incomplete choice (no source, no article) gives a
    filter selecting nothing.
    """
    columns = columns or {}
    ways = [way for way in GROUP_WAYS if (rest or way != "rest") and (columns or way != "column")]
    first_way = "rest" if rest else "column" if columns and not sources else "sources"
    way = st.segmented_control(
        "Choose by",
        ways,
        default=first_way,
        format_func=GROUP_WAYS.get,
        key=f"{key}-way",
        wrap=True,  # in a half-width column the five ways do not fit on one row
    )
    if way == "rest" or way is None:
        return None if rest else NOTHING
    if way == "column":
        return _pick_column_group(columns, key=key, column_label=column_label, rest=rest)
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


def _pick_column_group(
    columns: dict[str, list[str]], *, key: str, column_label: Callable[[str], str], rest: bool
) -> ArticleFilter:
    """A kept column and some of its values: the articles having one of them."""
    names = list(columns)
    column = names[0]
    if len(names) > 1:
        column = st.selectbox("Column", names, format_func=column_label, key=f"{key}-column")
    values = columns[column]
    # group A starts on the first value, group B on the second: two groups to compare at once
    first = values[1:2] if rest else values[:1]
    chosen = st.multiselect(
        markdown_escape(column_label(column)),
        values,
        default=first or values[:1],
        key=f"{key}-values-{column}",
        placeholder="Choose one or more values",
    )
    if not chosen:
        return NOTHING
    st.caption(markdown_escape(f"{column} = {' or '.join(chosen)}"))
    return ArticleFilter(metadata=((column, tuple(chosen)),))


def pick_one(
    label: str, names: dict[Any, str], *, default: Any, key: str, container: Any = st
) -> Any:
    """One of ``names``' keys, shown by name as a segmented control; ``default`` when the
    user clicks the chosen segment off (a segmented control can be emptied)."""
    chosen = container.segmented_control(
        label, list(names), default=default, format_func=names.get, key=key
    )
    return default if chosen is None else chosen
