"""The Download CSV button beside a chart gives the chart's data and leaves the page as it was."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

HEADER = ["term", "n_occurrences", "n_articles", "per_10k_words"]


def test_top_words_csv_download(app, store_engine):
    page = app.page
    app.open("/words")

    # Move the "How many terms" slider from 25 to 35 with the keyboard, as a user could.
    slider = page.locator(".st-key-words-top input[type=range]")
    assert slider.input_value() == "25"
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    bars = page.locator(".st-key-words-top-terms-chart .bars path")
    expect(bars).to_have_count(35)
    app.wait_until_drawn()
    expect(slider).to_have_value("35")

    app.count_runs()
    button = page.locator(".st-key-words-top-terms-download").get_by_role(
        "button", name="Download CSV"
    )
    expect(button).to_be_enabled()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == "top-words.csv"
    with open(download.path(), "rb") as file:
        content = file.read()

    assert content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    assert len(rows) == 1 + 35  # the slider's value reached the file

    top = store.term_frequencies(store_engine, top=1, news_words=False).iloc[0]  # as the page
    term, n_occurrences, n_articles, per_10k_words = rows[1]
    assert term == top["term"]
    assert int(n_occurrences) == top["n_occurrences"]
    assert int(n_articles) == top["n_articles"]
    assert float(per_10k_words) == pytest.approx(top["per_10k_words"])

    # The button is on_click="ignore": the download must not rerun or reset the page. A rerun
    # would be requested at once; give it a moment to show up before checking it did not.
    page.wait_for_timeout(500)
    assert app.runs_counted() == 0
    expect(slider).to_have_value("35")
    expect(bars).to_have_count(35)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Words")
