"""The upload form (files and pasted text), the progress of an upload in a status box and its
per-file results. Icons are Streamlit's Material icons (``:material/check_circle:``): emoji show
as blank boxes where the browser has no emoji font (Debian's Chromium)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.metadata import apply_upload_fields, n_with_column, source_column_hint
from analytics.models import Article, ReadOutcome
from analytics.readers import EXTENSIONS
from analytics.store import StoreResult
from components.safe_text import markdown_escape

#: Every extension the readers read (one list, so the uploader never refuses a readable file).
UPLOAD_TYPES = tuple(sorted(EXTENSIONS))
#: The results of an article (its ``StoreResult.status``, as the results table shows it) with
#: their icon and colour in the summary above the table.
RESULT_ICONS = {
    "added": ("green", ":material/check_circle:"),
    "already present": ("blue", ":material/content_copy:"),
    "rejected": ("red", ":material/cancel:"),
}
#: The result of an article that a cancelled upload did not get to.
NOT_STORED = "not stored"
NOT_STORED_ICON = ("orange", ":material/block:")
NOT_STORED_REASON = "not analysed: the upload was cancelled (or interrupted) before this article"
RESULT_COLUMNS = ["file", "result", "title", "reason", "article_id"]


@dataclass(frozen=True)
class UploadRequest:
    """What the user submitted: files as (name, bytes) and an optional pasted article."""

    files: tuple[tuple[str, bytes], ...]
    pasted: Article | None
    #: a batch column (kept as metadata, e.g. "category") to use as the files' source
    source_column: str = ""
    #: the source and date of the files' articles that have none (.txt, .pdf, .html, ...)
    source: str = ""
    published: dt.date | None = None


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
        st.caption("For the files' articles (optional):")
        column, file_source, file_date = st.columns(3)
        source_column = column.text_input(
            "Batch column to use as the source",
            key=f"{key}-source-column",
            placeholder="e.g. category",
            help="A column of the CSV or JSON Lines files (every column is kept with its "
            "articles and can filter them) whose value becomes each article's source.",
        )
        files_source = file_source.text_input(
            "Source of files without one",
            key=f"{key}-files-source",
            help="Given to the articles that have no source (a .txt, .pdf or .html file).",
        )
        files_date = file_date.date_input(
            "Date of files without one",
            value=None,
            key=f"{key}-files-date",
            format="YYYY-MM-DD",
            help="Given to the articles that have no publication date.",
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
    return UploadRequest(
        uploads,
        article,
        source_column=source_column.strip(),
        source=files_source.strip(),
        published=files_date if isinstance(files_date, dt.date) else None,
    )


def complete_uploads(
    outcomes: list[ReadOutcome], request: UploadRequest
) -> list[ReadOutcome] | None:
    """The read files with the request's source column, source and date applied; None (with
    an error shown) when no article has the source column named."""
    if request.source_column and not n_with_column(outcomes, request.source_column):
        name = markdown_escape(request.source_column)
        st.error(
            f"No uploaded article has a column {name} to use as the source: nothing was "
            "added. Leave it empty, or name a column of the batch files."
        )
        return None
    return apply_upload_fields(
        outcomes,
        source_column=request.source_column,
        source=request.source,
        published=request.published,
    )


def upload_notes(outcomes: list[ReadOutcome], request: UploadRequest) -> tuple[str, ...]:
    """Notes shown with an upload's results: without a source column, the columns that could
    be one (nothing is guessed)."""
    if not request.source_column and (hint := source_column_hint(outcomes)):
        return (hint,)
    return ()


def _result_row(result: StoreResult) -> dict[str, object]:
    return {
        "file": result.name,
        "result": result.status,
        "title": result.title,
        "reason": result.reason,
        "article_id": result.article_id,
    }


def show_ingest_progress(results: Iterable[StoreResult], *, n_total: int, key: str) -> pd.DataFrame:
    """Consume the results with a progress bar; returns a table of them."""
    bar = st.progress(0.0, text=f"0 of {n_total} done", width="stretch")
    rows = []
    for done, result in enumerate(results, start=1):
        rows.append(_result_row(result))
        bar.progress(min(done / max(n_total, 1), 1.0), text=f"{done} of {n_total} done")
    bar.empty()
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def stopped_upload_table(
    results: Sequence[StoreResult], names: Sequence[tuple[str, str]]
) -> pd.DataFrame:
    """The results an upload gave, then a "not stored" row for each of ``names`` (name, title:
    one per expected result, in order) that it did not get to."""
    rows = [_result_row(result) for result in results]
    rows.extend(
        {"file": name, "result": NOT_STORED, "title": title, "reason": NOT_STORED_REASON}
        for name, title in names[len(results) :]
    )
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def show_cancellable_ingest(
    start: Callable[[Callable[[], bool]], Iterable[StoreResult]],
    *,
    names: Sequence[tuple[str, str]],
    key: str,
    keep: Callable[[pd.DataFrame], None],
) -> pd.DataFrame:
    """An upload with a progress bar and a Cancel button; returns the table of its results.

    ``start(should_stop)`` begins the upload (``data.ingest_uploads``), whose pipeline calls
    ``should_stop`` before each article. A click on Cancel makes Streamlit rerun the page, and
    Streamlit stops the running script at its next Streamlit call: the one ``should_stop``
    makes to update the bar. The upload thus ends between two articles, outside any
    transaction: the batches stored stay, the batch under way is not stored. Any other click
    that reruns the page stops it the same way. ``keep`` is given the table in every case
    (``stopped_upload_table``: what was not stored marked so) before the rerun goes on, so
    that the next run can show it.
    """
    n_total = len(names)
    bar = st.progress(0.0, text=f"0 of {n_total} done", width="stretch")
    cancel = st.empty()
    cancel.button(
        "Cancel",
        key=f"{key}-cancel",
        icon=":material/stop:",
        help="Stop after the current article; what is stored by then stays",
    )
    results: list[StoreResult] = []

    def should_stop() -> bool:
        done = len(results)
        bar.progress(min(done / max(n_total, 1), 1.0), text=f"{done} of {n_total} done…")
        return False

    try:
        for result in start(should_stop):
            results.append(result)
            done = len(results)
            bar.progress(min(done / max(n_total, 1), 1.0), text=f"{done} of {n_total} done")
    finally:
        table = stopped_upload_table(results, names)
        keep(table)
    bar.empty()
    cancel.empty()
    return table


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


def upload_summary(table: pd.DataFrame) -> tuple[str, str]:
    """(kind, sentence) of an upload's results: kind "success", "warning" (some rejected, or
    cancelled) or "error" (nothing added, something rejected)."""
    counts = {status: int((table["result"] == status).sum()) for status in RESULT_ICONS}
    message = ", ".join(f"{count} {status}" for status, count in counts.items())
    if n_not_stored := int((table["result"] == NOT_STORED).sum()):
        return "warning", f"The upload was cancelled: {message}, {n_not_stored} not stored."
    if counts["rejected"] and not counts["added"]:
        return "error", f"Nothing was added: {message}."
    if counts["rejected"]:
        return "warning", f"{message}."
    return "success", f"{message}."


def result_icons(table: pd.DataFrame) -> str:
    """One line of the results by kind, each with its Material icon in its colour
    (":green[:material/check_circle: 2 added]")."""
    icons = {**RESULT_ICONS, NOT_STORED: NOT_STORED_ICON}
    parts = []
    for status, (colour, icon) in icons.items():
        count = int((table["result"] == status).sum())
        if count or status != NOT_STORED:
            parts.append(f":{colour}[{icon} {count} {status}]")
    return " \u2003 ".join(parts)


STATUS_STATES = {"success": "complete", "warning": "complete", "error": "error"}


def status_label(table: pd.DataFrame) -> tuple[str, str]:
    """(label, state) of the status box of a finished upload."""
    kind, _ = upload_summary(table)
    n_added = int((table["result"] == "added").sum())
    ended = "cancelled" if bool((table["result"] == NOT_STORED).any()) else "finished"
    return (
        f"Upload {ended}: {n_added:,} article{'' if n_added == 1 else 's'} added",
        STATUS_STATES[kind],
    )


def show_upload_results(table: pd.DataFrame, *, key: str) -> None:
    """A one-line summary of an upload, its results by kind with their icons, and a row per
    file or article."""
    kind, message = upload_summary(table)
    {"success": st.success, "warning": st.warning, "error": st.error}[kind](message)
    st.markdown(result_icons(table))
    st.dataframe(
        table,
        width="stretch",
        hide_index=True,
        key=f"{key}-results",
        column_config={
            "file": "File",
            "result": st.column_config.TextColumn("Result", width="small"),
            "title": "Title",
            "reason": st.column_config.TextColumn("Reason", width="large"),
            "article_id": st.column_config.NumberColumn("Article ID", format="%d"),
        },
    )
