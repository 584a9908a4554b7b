"""Upload: add articles from files or pasted text, with progress and a result per file."""

import streamlit as st

from components.upload import (
    read_warnings,
    show_ingest_progress,
    show_read_warnings,
    show_upload_form,
    show_upload_results,
)
from dashboard import data
from dashboard.state import LAST_UPLOAD

st.title("Upload articles")
st.caption(
    "Files: .txt and .md (first line is the title), .html pages, .pdf files, .docx Word "
    "documents, .csv or .jsonl batches with a text column and optional title, source, date and "
    "url columns, and .zip archives of these (each file in it gets its own row). An article "
    "that is already stored is not added twice."
)
settings = data.settings()
request = show_upload_form(key="upload", max_files=settings.max_files)
if request is not None:
    outcomes = data.read_uploads(request.files)
    n_total = sum(len(outcome.articles) or 1 for outcome in outcomes) + (request.pasted is not None)
    with st.status("Analysing…", expanded=True) as status:
        results = show_ingest_progress(
            data.ingest_uploads(outcomes, request.pasted), n_total=n_total, key="upload-progress"
        )
        status.update(label="Done", state="complete", expanded=False)
    st.session_state[LAST_UPLOAD] = (results, read_warnings(outcomes))

last = st.session_state[LAST_UPLOAD]
if last is not None:
    results, warnings = last
    show_upload_results(results, key="upload-results")
    show_read_warnings(warnings, key="upload-results")
