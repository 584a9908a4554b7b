"""The upload form (files and pasted text) and the per-file results with a progress bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.models import Article, ReadOutcome
from analytics.readers import EXTENSIONS
from analytics.store import StoreResult

#: Every extension the readers read (one list, so the uploader never refuses a readable file).
UPLOAD_TYPES = tuple(sorted(EXTENSIONS))
STATUS_ICONS = {
    "added": "✅ added",
    "already present": "↩️ already present",
    "rejected": "❌ rejected",
}


@dataclass(frozen=True)
class UploadRequest:
    """What the user submitted: files as (name, bytes) and an optional pasted article."""

    files: tuple[tuple[str, bytes], ...]
    pasted: Article | None


def pasted_article(
    text: str, *, title: str, source: str, published: dt.date | None, url: str
) -> Article | None:
    """The pasted article, or None when no text was pasted.

    Without a title, the first line of the text is the title, as for a plain-text file.
    """
    if not text.strip():
        return None
    body = text.replace("\r\n", "\n").strip()
    if not title.strip():
        first, _, rest = body.partition("\n")
        if rest.strip():
            title, body = first.strip(), rest.strip()
    return Article(
        body=body,
        title=title.strip(),
        source=source.strip(),
        published=published,
        url=url.strip(),
        file_name="pasted text",
    )


def show_upload_form(*, key: str, max_files: int) -> UploadRequest | None:
    """The form; returns what was submitted, or None before the user submits."""
    with st.form(key=f"{key}-form", clear_on_submit=True):
        files = st.file_uploader(
            "Article files",
            type=list(UPLOAD_TYPES),
            accept_multiple_files=True,
            key=f"{key}-files",
            help="Plain text or Markdown (first line is the title), HTML pages, PDF files, "
            "Word documents (.docx), CSV / JSON Lines batches with a text column and optional "
            "title, source, date and url, or ZIP archives of any of these.",
        )
        st.markdown("**Or paste an article**")
        text = st.text_area("Article text", key=f"{key}-text", height=200)
        left, right = st.columns(2)
        title = left.text_input("Title (optional)", key=f"{key}-title")
        source = right.text_input("Source (optional)", key=f"{key}-source")
        published = left.date_input(
            "Publication date (optional)", value=None, key=f"{key}-date", format="YYYY-MM-DD"
        )
        url = right.text_input("URL (optional)", key=f"{key}-url")
        submitted = st.form_submit_button("Add to the corpus", type="primary")
    if not submitted:
        return None
    uploads = tuple((file.name, file.getvalue()) for file in files or ())
    if len(uploads) > max_files:
        st.error(f"Too many files: at most {max_files} at once. Nothing was added.")
        return None
    article = pasted_article(text, title=title, source=source, published=published, url=url)
    if not uploads and article is None:
        st.warning("Choose at least one file or paste an article's text.")
        return None
    return UploadRequest(uploads, article)


def show_ingest_progress(results: Iterable[StoreResult], *, n_total: int, key: str) -> pd.DataFrame:
    """Consume the results with a progress bar; returns a table of them."""
    bar = st.progress(0.0, text=f"0 of {n_total} done", width="stretch")
    rows = []
    for done, result in enumerate(results, start=1):
        rows.append(
            {
                "file": result.name,
                "result": STATUS_ICONS[result.status],
                "title": result.title,
                "reason": result.reason,
                "article_id": result.article_id,
            }
        )
        bar.progress(min(done / max(n_total, 1), 1.0), text=f"{done} of {n_total} done")
    bar.empty()
    return pd.DataFrame(rows, columns=["file", "result", "title", "reason", "article_id"])


def read_warnings(outcomes: Iterable[ReadOutcome]) -> pd.DataFrame:
    """What the readers skipped or could not read without rejecting a file (a CSV row without
    text, an unreadable date, a PDF page without text): one row per warning."""
    rows = [
        {"file": outcome.name, "warning": warning}
        for outcome in outcomes
        for warning in outcome.warnings
    ]
    return pd.DataFrame(rows, columns=["file", "warning"])


def show_read_warnings(warnings: pd.DataFrame, *, key: str) -> None:
    """The readers' warnings of an upload, if there are any."""
    if warnings.empty:
        return
    n_files = warnings["file"].nunique()
    st.warning(
        f"{len(warnings)} part{'s' if len(warnings) != 1 else ''} of "
        f"{n_files} file{'s' if n_files != 1 else ''} could not be read and "
        f"{'were' if len(warnings) != 1 else 'was'} left out:"
    )
    st.dataframe(
        warnings,
        width="stretch",
        hide_index=True,
        key=f"{key}-warnings",
        column_config={
            "file": "File",
            "warning": st.column_config.TextColumn("What was left out", width="large"),
        },
    )


def show_upload_results(table: pd.DataFrame, *, key: str) -> None:
    """A one-line summary of an upload and a row per file or article."""
    counts = {status: int((table["result"] == icon).sum()) for status, icon in STATUS_ICONS.items()}
    message = ", ".join(f"{count} {status}" for status, count in counts.items())
    if counts["rejected"] and not counts["added"]:
        st.error(f"Nothing was added: {message}.")
    elif counts["rejected"]:
        st.warning(f"{message}.")
    else:
        st.success(f"{message}.")
    st.dataframe(
        table,
        width="stretch",
        hide_index=True,
        key=f"{key}-results",
        column_config={
            "file": "File",
            "result": "Result",
            "title": "Title",
            "reason": st.column_config.TextColumn("Reason", width="large"),
            "article_id": st.column_config.NumberColumn("Article ID", format="%d"),
        },
    )
