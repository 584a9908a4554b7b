"""Lists cut at a limit say so: what they show out of how many ("the first 500 of 1,212
sentences"), with a "Download all" of the whole result (the one CSV exporter,
``components.download``), built only when the user clicks."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.download import show_download


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def capped_caption(
    n_shown: int,
    n_total: int,
    noun: str,
    *,
    n_articles: int | None = None,
    which: str = "first",
) -> str:
    """ "1,212 sentences in 581 articles." when everything is shown, otherwise "The first 500
    of 1,212 sentences (in 581 articles) are listed: Download all for every one." ``which``
    says which rows a cut list keeps ("first", "newest", "most mentioned", ...)."""
    where = "" if n_articles is None else f" in {_plural(n_articles, 'article')}"
    if n_shown >= n_total:
        return f"{_plural(n_total, noun)}{where}."
    where = "" if n_articles is None else f" ({where.strip()})"
    return (
        f"The {which} {n_shown:,} of {_plural(n_total, noun)}{where} are listed: "
        f"**Download all** for every one."
    )


def show_cap(
    n_shown: int,
    n_total: int,
    noun: str,
    *,
    everything: Callable[[], pd.DataFrame],
    key: str,
    file_name: str,
    n_articles: int | None = None,
    which: str = "first",
    hint: str = "Click a row to open its article.",
) -> None:
    """The caption of ``capped_caption`` (then ``hint``) and, when the list is cut, a
    "Download all" button for ``everything`` (run only when clicked); widget key
    ``{key}-all-download``."""
    caption = capped_caption(n_shown, n_total, noun, n_articles=n_articles, which=which)
    st.caption(f"{caption} {hint}".strip())
    if n_shown < n_total:
        show_download(
            everything,
            key=f"{key}-all",
            file_name=f"{file_name}-all",
            label=f"Download all {_plural(n_total, noun)}",
        )
