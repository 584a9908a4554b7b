"""Cross-filtering in a real browser: a click on a bar narrows the page; its chip undoes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics import store
from analytics.store import ArticleFilter

pytestmark = pytest.mark.browser


def test_click_a_word_then_remove_its_chip(app, store_engine):
    app.open("/")
    all_articles = app.metric("Articles")
    top = store.term_frequencies(store_engine, top=15, news_words=False)  # as the page
    word = str(top.iloc[0]["term"])
    narrowed = store.corpus_summary(store_engine, ArticleFilter(containing_word=word))
    assert narrowed["n_articles"] < int(all_articles.replace(",", ""))

    # The top bar of the top-words chart (the first data row; the axis runs top down).
    chart = app.page.locator(".st-key-overview-words-chart")
    bar = chart.locator(".bars path").first
    box = bar.bounding_box()
    assert box is not None
    app.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    chip = app.page.get_by_text(f"Contains the word: {word} ✕")
    expect(chip).to_be_visible(timeout=20_000)
    app.wait_until_drawn()
    expect(
        app.page.locator('[data-testid="stMetric"]', has_text="Articles").locator(
            '[data-testid="stMetricValue"]'
        )
    ).to_have_text(f"{narrowed['n_articles']:,}")
    assert app.metric("Words") == f"{narrowed['n_words']:,}"
    app.screenshot("cross-filter-word")

    chip.click()
    expect(chip).to_have_count(0, timeout=20_000)
    app.wait_until_drawn()
    assert app.metric("Articles") == all_articles
