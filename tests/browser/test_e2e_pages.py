"""Every page opens in a real browser, draws its charts and shows no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

# (path, h1 or None for the Article page, whether a chart of bars must be drawn)
PAGES = [
    ("/", "Overview", True),
    ("/article", None, False),
    ("/words", "Words", True),
    ("/entities", "Entities", False),
    ("/readability", "Readability", False),
    ("/upload", "Upload articles", False),
]


@pytest.mark.parametrize(("path", "heading", "has_bars"), PAGES, ids=[p[0] for p in PAGES])
def test_page_opens_without_errors(app, store_engine, path, heading, has_bars):
    app.open(path)
    page = app.page

    if heading is None:
        # The Article page is titled with the newest article, the first one in the picker.
        newest = store.article_table(store_engine).iloc[0]
        heading = newest["title"]
        expect(page.locator(".st-key-article-pick-select")).to_contain_text(
            f"(#{newest['article_id']})"
        )
    assert app.title() == heading
    assert page.title() == "News analytics"
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)

    charts = page.locator('[data-testid="stPlotlyChart"]')
    if path == "/upload":
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
    app.screenshot(f"page-{number}-{path.strip('/') or 'overview'}")


def test_overview_top_words_chart_matches_the_store(app, store_engine):
    app.open("/")
    top = store.term_frequencies(store_engine, top=15)
    bars = app.page.locator(".st-key-overview-words-chart .bars path")
    expect(bars).to_have_count(len(top))
    # The bar labels are the top terms, the most frequent at the top.
    labels = app.page.locator(".st-key-overview-words-chart .yaxislayer-above .ytick text")
    assert labels.all_inner_texts()[:3] == list(top["term"].head(3))


def test_overview_metrics_show_the_seeded_corpus(app, store_engine, seed_count, server):
    app.open("/")
    expected = seed_count + server.uploaded
    assert app.metric("Articles") == f"{expected:,}"
    summary = store.corpus_summary(store_engine)
    assert summary["n_articles"] == expected
    assert app.metric("Words") == f"{summary['n_words']:,}"
    assert app.metric("Distinct entities") == f"{summary['n_entities']:,}"
    assert app.metric("Sources") == f"{summary['n_sources']:,}"
    assert app.metric("Median reading grade") == f"{summary['median_grade']:.1f}"
