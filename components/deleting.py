"""Deleting articles: the confirmation that says what goes (titles, their entity mentions and
quotations, the near-duplicates that stay), in two steps, a checkbox then the button."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.safe_text import markdown_escape


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def deletion_text(summary: dict[str, Any]) -> str:
    """What a delete removes, in a sentence or two (``store.deletion_summary``), for
    Markdown (titles escaped)."""
    n = int(summary["n_articles"])
    titles = [f"“{markdown_escape(title or '(untitled)')}”" for title in summary["titles"]]
    named = ", ".join(titles) + (f" and {n - len(titles):,} more" if n > len(titles) else "")
    results = (
        f"{_plural(int(summary['n_mentions']), 'entity mention', 'entity mentions')} and "
        f"{_plural(int(summary['n_quotes']), 'quotation', 'quotations')}"
    )
    if n == 1:
        text = f"This deletes {named} for everyone, with its {results}."
    else:
        text = f"This deletes {n:,} articles for everyone ({named}), with their {results}."
    copies = int(summary["n_copies"])
    if copies:
        text += (
            f" {_plural(copies, 'near-duplicate copy', 'near-duplicate copies')} of "
            f"{'it' if n == 1 else 'them'} stay{'s' if copies == 1 else ''}."
        )
    return (
        f"{text} The totals, merged names and clusters of copies are recomputed without "
        f"{'it' if n == 1 else 'them'}."
    )


def confirm_deletion(summary: dict[str, Any], *, key: str, label: str) -> bool:
    """The confirmation: what goes, a checkbox to confirm, and the button (enabled once the
    box is ticked). True on the run in which the user clicked it."""
    if not summary["n_articles"]:
        st.caption("Nothing to delete.")
        return False
    st.warning(deletion_text(summary))
    sure = st.checkbox("Yes, delete for everyone: this cannot be undone", key=f"{key}-sure")
    return st.button(label, key=f"{key}-button", type="primary", disabled=not sure)
