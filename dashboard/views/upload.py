"""Upload: add articles from files or pasted text, with progress and a result per file."""

import pandas as pd
import streamlit as st

from analytics.pipeline import capped_outcomes, result_names, upload_size_error
from components.safe_text import markdown_escape
from components.upload import (
    complete_uploads,
    read_warnings,
    show_cancellable_ingest,
    show_read_warnings,
    show_upload_form,
    show_upload_results,
    status_label,
    upload_notes,
)
from dashboard import data
from dashboard.access import allowed
from dashboard.deleting import may_delete, show_delete_message, show_delete_upload
from dashboard.state import LAST_UPLOAD

st.title("Upload articles")
st.caption(
    "Files: .txt and .md (first line is the title), .html pages, .pdf files, .docx Word "
    "documents, .csv or .jsonl batches with a text column and optional title, source, date and "
    "url columns, and .zip archives of these (each file in it gets its own row). An article "
    "that is already stored is not added twice."
)
settings = data.settings()
if not allowed("upload"):
    st.info("You can browse and download, but adding articles is for editors.")
    st.stop()
if data.store_read_only():
    st.info(data.read_only_note())
    st.stop()
show_delete_message()
# The upload's status box comes first, under the title: in view at 1440x900 while it runs. On
# submitting, the form collapses into it (the form's place is emptied); when the upload ends
# the page runs again and shows the box with the results, and the form under it.
top = st.container()
form_place = st.empty()
with form_place.container():
    request = show_upload_form(key="upload", max_files=settings.max_files)
if request is not None:
    with top:
        completed = complete_uploads(data.read_uploads(request.files), request)
        if completed is None:
            st.stop()
        # The caps on articles are checked before any analysis (NEWS_MAX_ARTICLES_PER_*).
        outcomes = capped_outcomes(completed, settings)
        paste = request.pasted
        pasted = [paste] if paste is not None else []
        n_articles = sum(len(outcome.articles) for outcome in outcomes) + len(pasted)
        if (refusal := upload_size_error(n_articles, settings)) is not None:
            st.error(refusal)
            st.stop()
    warnings = read_warnings(outcomes)
    notes = upload_notes(completed, request)

    def keep(table: pd.DataFrame) -> None:
        st.session_state[LAST_UPLOAD] = (table, warnings, notes)

    form_place.empty()
    with (
        top,
        st.status(f"Adding {n_articles:,} article{'' if n_articles == 1 else 's'}…", expanded=True),
    ):
        show_cancellable_ingest(
            lambda should_stop: data.ingest_uploads(outcomes, paste, should_stop),
            names=result_names(outcomes, pasted),
            key="upload-progress",
            keep=keep,
        )
    st.rerun()  # the results in the status box, and the form again for the next upload

last = st.session_state[LAST_UPLOAD]
if last is not None:
    results, warnings, notes = last
    label, state = status_label(results)
    with top, st.status(label, state=state, expanded=True):
        for note in notes:
            st.info(markdown_escape(note), icon=":material/info:")
        show_upload_results(results, key="upload-results")
        show_read_warnings(warnings, key="upload-results")

recent = data.upload_table()
if not recent.empty:
    st.header("Recent uploads")
    st.caption("Each upload here or `python -m analytics add` on the command line is one.")
    st.dataframe(
        recent,
        width="stretch",
        hide_index=True,
        key="upload-recent",
        column_config={
            "upload_id": st.column_config.NumberColumn("Upload", format="%d"),
            "origin": "From",
            "label": st.column_config.TextColumn("Files", width="large"),
            "created_at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
            "n_articles": st.column_config.NumberColumn("Articles", format="%d"),
        },
    )
    if may_delete():
        labels = {
            int(row.upload_id): f"{row.upload_id}: {row.label} ({row.n_articles:,} articles)"
            for row in recent.itertuples()
        }
        chosen = st.selectbox(
            "Delete an upload",
            options=list(labels),
            index=None,
            format_func=labels.__getitem__,
            placeholder="Choose an upload to delete its articles",
            key="upload-delete-pick",
        )
        if chosen is not None:
            show_delete_upload(chosen, key="upload-delete")
