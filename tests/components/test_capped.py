"""A list cut at a limit says what it shows out of how many, and offers every row."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.capped import capped_caption


def test_captions() -> None:
    assert capped_caption(7, 7, "sentence", n_articles=4) == "7 sentences in 4 articles."
    assert capped_caption(1, 1, "sentence", n_articles=1) == "1 sentence in 1 article."
    assert capped_caption(500, 1_212, "sentence", n_articles=581) == (
        "The first 500 of 1,212 sentences (in 581 articles) are listed: **Download all** for "
        "every one."
    )
    assert capped_caption(200, 3_000, "article", which="newest") == (
        "The newest 200 of 3,000 articles are listed: **Download all** for every one."
    )
    assert capped_caption(0, 0, "quotation") == "0 quotations."


def _cut_list() -> None:
    import pandas as pd

    from components.capped import show_cap

    rows = pd.DataFrame({"n": range(5)})
    show_cap(2, 5, "row", everything=lambda: rows, key="t", file_name="rows", hint="Hint.")


def _whole_list() -> None:
    import pandas as pd

    from components.capped import show_cap

    show_cap(5, 5, "row", everything=lambda: pd.DataFrame(), key="t", file_name="rows")


def test_a_cut_list_offers_every_row() -> None:
    at = AppTest.from_function(_cut_list).run()
    assert not at.exception
    assert at.caption[0].value == (
        "The first 2 of 5 rows are listed: **Download all** for every one. Hint."
    )
    (button,) = at.get("download_button")
    assert button.label == "Download all 5 rows"
    assert button.key == "t-all-download"


def test_a_whole_list_has_no_download_all() -> None:
    at = AppTest.from_function(_whole_list).run()
    assert at.caption[0].value == "5 rows. Click a row to open its article."
    assert at.get("download_button") == []
