"""Deleting from the pages: the delete itself behind the server-side check, and its outcome
shown once, on the page the user lands on (the deleted article's page is gone)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics.store import StoreUnavailable
from components.deleting import confirm_deletion
from dashboard import data
from dashboard.access import Refused, allowed
from dashboard.state import DELETE_MESSAGE, take


def may_delete() -> bool:
    """Whether to show delete controls: the user may delete and the store can be written (the
    delete itself checks again on the server: ``data.delete_articles``)."""
    return allowed("delete") and not data.store_read_only()


def deleted(delete: Callable[[], int]) -> None:
    """Run the delete, keep its outcome for the next run, and rerun (every page then reads the
    store's new version)."""
    try:
        n = delete()
    except (Refused, StoreUnavailable) as error:
        st.session_state[DELETE_MESSAGE] = ("error", f"Nothing was deleted. {error}")
    else:
        st.session_state[DELETE_MESSAGE] = (
            "success",
            f"Deleted {n:,} article{'' if n == 1 else 's'} with all of their results.",
        )
    st.rerun()


def show_delete_message() -> None:
    """The outcome of the last delete, once."""
    message = take(DELETE_MESSAGE)
    if message is not None:
        (st.success if message[0] == "success" else st.error)(message[1])


def show_delete_articles(article_ids: list[int], *, key: str, label: str) -> None:
    """The confirmation for these articles and, once confirmed, the delete."""
    summary = data.deletion_summary(article_ids)
    if confirm_deletion(summary, key=key, label=label):
        deleted(lambda: data.delete_articles(summary["article_ids"]))


def show_delete_upload(upload_id: int, *, key: str) -> None:
    """The confirmation for every article of an upload and, once confirmed, the delete."""
    summary = data.deletion_summary(data.upload_article_ids(upload_id))
    n = int(summary["n_articles"])
    label = f"Delete this upload ({n:,} article{'' if n == 1 else 's'})"
    if confirm_deletion(summary, key=f"{key}-{upload_id}", label=label):
        deleted(lambda: data.delete_upload(upload_id))
