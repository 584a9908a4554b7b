"""Every page opens in a real browser, draws its charts and shows no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

# (path, browser tab title, h1 or None for the Article page, whether bars must be drawn)
PAGES = [
    ("/", "Overview", "Overview", True),
    ("/article", "Article", None, False),
    ("/words", "Words", "Words", True),
    ("/entities", "Entities", "Entities", False),
    ("/together", "Together", "Together", False),
    ("/timeline", "Over time", "Over time", False),
    ("/quotes", "Quotes", "Quotes", True),
    ("/contexts?q=port", "Contexts", "Contexts", False),
    ("/compare", "Compare", "Compare", True),
    ("/readability", "Readability", "Readability", False),
    ("/upload", "Upload", "Upload articles", False),
]


@pytest.mark.parametrize(
    ("path", "tab_title", "heading", "has_bars"), PAGES, ids=[p[0] for p in PAGES]
)
def test_page_opens_without_errors(app, store_engine, path, tab_title, heading, has_bars):
    app.open(path)
    page = app.page

    if heading is None:
        # The Article page is titled with the newest article, the first one in the picker.
        newest = store.article_table(store_engine).iloc[0]
        heading = newest["title"]
        expect(page.locator(".st-key-article-pick-select input")).to_have_value(
            f"{heading}  (#{newest['article_id']})"
        )
    assert app.title() == heading
    assert page.title() == tab_title
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)

    charts = page.locator('[data-testid="stPlotlyChart"]')
    if path.startswith("/contexts"):
        # keyword in context: a table of occurrences, no chart
        expect(charts).to_have_count(0)
        expect(page.get_by_text("occurrences in")).to_be_visible()
    elif path == "/upload":
        expect(charts).to_have_count(0)
        expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_be_attached()
        expect(page.get_by_role("button", name="Add to the corpus")).to_be_visible()
    else:
        assert charts.count() >= 1
        # Every chart drew its plot area (not an empty placeholder).
        for index in range(charts.count()):
            assert charts.nth(index).locator(".main-svg").count() >= 1
    if has_bars:
        bars = page.locator(".js-plotly-plot .bars path, .js-plotly-plot g.point path")
        assert bars.count() > 0

    number = [p[0] for p in PAGES].index(path) + 1
    name = path.strip("/").split("?")[0] or "overview"
    app.screenshot(f"page-{number}-{name}")


def test_overview_shows_the_seeded_corpus(app, store_engine, seed_count, server):
    app.open("/")

    # The metrics: the seeds (plus what earlier tests uploaded), as the store counts them.
    expected = seed_count + server.uploaded
    assert app.metric("Articles") == f"{expected:,}"
    summary = store.corpus_summary(store_engine)
    assert summary["n_articles"] == expected
    assert app.metric("Words") == f"{summary['n_words']:,}"
    assert app.metric("Distinct entities") == f"{summary['n_entities']:,}"
    assert app.metric("Sources") == f"{summary['n_sources']:,}"
    assert app.metric("Median grade") == f"{summary['median_grade']:.1f}"

    # The top-words chart: one bar per top term, labelled with the terms in order.
    top = store.term_frequencies(store_engine, top=15, news_words=False)  # as the page
    chart = app.page.locator(".st-key-overview-words-chart")
    expect(chart.locator(".bars path")).to_have_count(len(top))
    # Read the labels top to bottom (the DOM order is Plotly's, not the screen's).
    labels = chart.locator(".yaxislayer-above .ytick text").evaluate_all(
        """nodes => nodes
            .map(node => [node.getBoundingClientRect().top, node.textContent])
            .sort((a, b) => a[0] - b[0])
            .map(pair => pair[1])"""
    )
    assert labels == list(top["term"])
