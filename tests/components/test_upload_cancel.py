"""Cancelling an upload: the run is interrupted between articles, the next run shows what was
stored and what was not."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics.store import StoreResult
from components.upload import NOT_STORED, NOT_STORED_REASON, stopped_upload_table

NAMES = [("a.txt", "Alpha"), ("b.csv#row 1", "Beta"), ("b.csv#row 2", "Gamma"), ("c.txt", "")]


def test_the_table_of_a_stopped_upload() -> None:
    results = [
        StoreResult("a.txt", "added", 12, "Alpha"),
        StoreResult("b.csv#row 1", "rejected", None, "Beta", "the analysis took longer"),
    ]
    table = stopped_upload_table(results, NAMES)
    assert table.astype(object).where(table.notna(), None).values.tolist() == [
        ["a.txt", "added", "Alpha", "", 12],
        ["b.csv#row 1", "rejected", "Beta", "the analysis took longer", None],
        ["b.csv#row 2", NOT_STORED, "Gamma", NOT_STORED_REASON, None],
        ["c.txt", NOT_STORED, "", NOT_STORED_REASON, None],
    ]


def _upload_page() -> None:
    """An upload whose run is interrupted after its first article, as a click on Cancel does
    (Streamlit reruns the page, stopping the run at its next Streamlit call: ``should_stop``)."""
    import pandas as pd  # noqa: F401 - AppTest runs this source without the future import
    import streamlit as st

    from analytics.store import StoreResult
    from components.upload import show_cancellable_ingest, show_upload_results

    names = [("a.txt", "Alpha"), ("b.txt", "Beta"), ("c.txt", "Gamma")]

    def start(should_stop):  # noqa: ANN001, ANN202 - the script runs on its own
        st.session_state["asked"] = st.session_state.get("asked", 0) + 1
        should_stop()
        yield StoreResult("a.txt", "added", 1, "Alpha")
        if not st.session_state.get("cancelled"):
            st.session_state["cancelled"] = True
            st.rerun()  # what Streamlit raises at should_stop's call after a click
        should_stop()
        yield StoreResult("b.txt", "added", 2, "Beta")

    def keep(table: pd.DataFrame) -> None:
        st.session_state["last"] = table

    if "last" not in st.session_state:
        show_cancellable_ingest(start, names=names, key="upload-progress", keep=keep)
    show_upload_results(st.session_state["last"], key="upload-results")


def test_an_interrupted_upload_shows_what_was_not_stored() -> None:
    at = AppTest.from_function(_upload_page, default_timeout=30)
    at.run()
    assert not at.exception
    assert at.session_state["asked"] == 1  # the upload was not started again by the rerun
    assert [warning.value for warning in at.warning] == [
        "The upload was cancelled: 1 added, 0 already present, 0 rejected, 2 not stored."
    ]
    (table,) = [frame.value for frame in at.dataframe]
    assert table[["file", "result", "reason"]].values.tolist() == [
        ["a.txt", "added", ""],
        ["b.txt", NOT_STORED, NOT_STORED_REASON],
        ["c.txt", NOT_STORED, NOT_STORED_REASON],
    ]


def test_the_cancel_button_is_shown_during_the_upload_only() -> None:
    def page() -> None:
        import streamlit as st

        from analytics.store import StoreResult
        from components.upload import show_cancellable_ingest

        def start(should_stop):  # noqa: ANN001, ANN202
            should_stop()
            yield StoreResult("a.txt", "added", 1, "Alpha")

        table = show_cancellable_ingest(
            start, names=[("a.txt", "Alpha")], key="p", keep=lambda table: None
        )
        st.session_state["rows"] = len(table)

    at = AppTest.from_function(page, default_timeout=30)
    at.run()
    assert not at.exception
    assert at.session_state["rows"] == 1
    assert [button.label for button in at.button] == []  # cleared once the upload is done
