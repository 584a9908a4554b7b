"""Cross-filtering in a real browser: a click on a bar narrows the page; its chip undoes it;
the filter and chips live in the URL, so a link opens the same view and a reload keeps it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from conftest import FIRST_LOAD_TIMEOUT_MS, TITLE
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


# --- the filter and chips in the URL ---------------------------------------------------------


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def _dimmed_bars(app, key: str) -> list[bool]:
    """Whether each bar of a bar chart is drawn dimmed (Plotly's unselected opacity); ``key``
    is the chart's key before a click adds the focus version to it ("entities-board-1")."""
    return app.page.evaluate(
        """(key) => Array.from(
            document.querySelectorAll(`[class*="st-key-${key}-"] .bars path`)
        ).map(path => parseFloat(getComputedStyle(path).opacity) < 0.5)""",
        key,
    )


def test_a_link_with_filters_and_a_chip_opens_the_narrowed_view_and_a_reload_keeps_it(
    app, store_engine
):
    link = "/?" + urlencode({"source": "The Civic Wire", "chip.word": "bike"})
    app.open(link)
    flt = ArticleFilter(sources=("The Civic Wire",), containing_word="bike")
    narrowed = store.corpus_summary(store_engine, flt)  # the store is seeded once a page opened
    assert (narrowed["n_articles"], narrowed["n_words"]) == (1, 308)
    for opened in ("link", "reload"):
        chip = app.page.get_by_text("Contains the word: bike ✕")
        expect(chip).to_be_visible()
        assert app.metric("Articles") == "1", opened
        assert app.metric("Words") == "308", opened
        assert app.metric("Sources") == "1", opened
        sources = app.page.locator(".st-key-filter-sources")
        expect(sources).to_contain_text("The Civic Wire")
        assert _query(app.page.url) == {"source": ["The Civic Wire"], "chip.word": ["bike"]}
        # the clicked chart marks its bar: "bike", the 4th of The Civic Wire's top words
        assert _dimmed_bars(app, "overview-words") == [position != 3 for position in range(15)], (
            opened
        )
        if opened == "link":
            app.screenshot("link-narrowed-overview")
            app.page.reload()
            app.page.locator(TITLE).first.wait_for(timeout=FIRST_LOAD_TIMEOUT_MS)
            app.wait_until_drawn()


def test_a_click_and_a_filter_change_go_into_the_url(app, store_engine):
    app.open("/entities")
    board = store.entity_counts(store_engine, labels=("GPE",), top=15)  # the first type shown
    entity = str(board.iloc[0]["entity"])
    bar = app.page.locator(".st-key-entities-board-chart .bars path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    app.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    chip = app.page.get_by_text(f"Mentions: {entity} (GPE) ✕")
    expect(chip).to_be_visible(timeout=20_000)
    app.wait_until_drawn()
    expect(app.page).to_have_url(re.compile(r"chip\.entity="))
    assert _query(app.page.url) == {"chip.entity": [f"{entity} (GPE)"]}
    assert _dimmed_bars(app, "entities-board") == [position != 0 for position in range(len(board))]

    app.page.locator(".st-key-filter-search input").fill("port")
    app.page.locator(".st-key-filter-search input").press("Enter")
    expect(app.page).to_have_url(re.compile(r"search=port"))
    app.wait_until_drawn()
    assert _query(app.page.url) == {"search": ["port"], "chip.entity": [f"{entity} (GPE)"]}

    app.page.reload()
    app.page.locator(TITLE).first.wait_for(timeout=FIRST_LOAD_TIMEOUT_MS)
    app.wait_until_drawn()
    expect(app.page.get_by_text(f"Mentions: {entity} (GPE) ✕")).to_be_visible()
    expect(app.page.locator(".st-key-filter-search input")).to_have_value("port")
    searched = store.entity_counts(
        store_engine, ArticleFilter(search="port"), labels=("GPE",), top=15
    )
    clicked = list(searched["entity"]).index(entity)
    assert _dimmed_bars(app, "entities-board") == [
        position != clicked for position in range(len(searched))
    ]


def test_a_hostile_link_is_read_as_far_as_it_is_valid(app):
    link = "/?" + urlencode(
        {"source": ["Harbour Daily", "<img src=x onerror=alert(1)>"], "from": "soon"},
        doseq=True,
    )
    app.open(link)
    warning = app.page.locator('[data-testid="stAlert"]').first
    expect(warning).to_contain_text("Part of the link was left out")
    expect(warning).to_contain_text('No source is called "<img src=x onerror=alert(1)>": left out.')
    expect(warning).to_contain_text('from is a date as 2024-10-31, not "soon": left out.')
    assert app.metric("Articles") == "2"
    assert _query(app.page.url) == {"source": ["Harbour Daily"]}
