"""The Article page's sections: tabs that a link opens (``?article=N&section=Quotations``), a
click on a tab that goes into the URL, and a page short enough to read at 1440x900."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

MAIN = '[data-testid="stMain"]'
SELECTED_TAB = '[data-testid="stMain"] [role="tab"][aria-selected="true"]'


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def _main_height(app) -> int:  # type: ignore[no-untyped-def]
    return int(
        app.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    )


def test_a_link_opens_the_article_at_its_quotations(app, store_engine):
    if store.n_articles(store_engine) == 0:
        # the first page view seeds the store: loading the model and analysing the seeds
        # takes minutes on a busy machine (never a timing check)
        app.page.goto(app.server.url + "/")
        app.page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=600_000)
        app.wait_until_drawn()
    quoted = store.quote_table(store_engine, limit=None)
    article_id = int(quoted["article_id"].iloc[-1])
    app.page.set_viewport_size({"width": 1440, "height": 900})

    app.open(f"/article?article={article_id}&section=Quotations")
    expect(app.page.locator(SELECTED_TAB)).to_have_text("Quotations")
    panel = app.page.get_by_role("tabpanel", name="Quotations")
    expect(panel.locator('[data-testid="stDataFrame"]')).to_be_visible()
    # only the open section is drawn: its table is the page's only one (no readability tables)
    expect(app.page.locator(f"{MAIN} [data-testid='stDataFrame']")).to_have_count(1)
    assert _query(app.page.url) == {"article": [str(article_id)], "section": ["Quotations"]}
    app.screenshot("article-sections-1-quotations-link")

    # A click on a tab puts it in the URL; the first tab is the page's default, out of the URL.
    app.page.locator('[data-testid="stMain"] [role="tab"]', has_text="Entities").click()
    app.wait_until_drawn()
    expect(app.page.locator(SELECTED_TAB)).to_have_text("Entities")
    entities = app.page.get_by_role("tabpanel", name="Entities")
    expect(entities.locator('[data-testid="stPlotlyChart"]')).to_be_visible()
    assert _query(app.page.url) == {"article": [str(article_id)], "section": ["Entities"]}
    app.page.locator('[data-testid="stMain"] [role="tab"]', has_text="Readability").click()
    app.wait_until_drawn()
    readability = app.page.get_by_role("tabpanel", name="Readability")
    expect(readability.locator('[data-testid="stDataFrame"]')).to_have_count(2)
    assert _query(app.page.url) == {"article": [str(article_id)]}
    heights = {"Readability": _main_height(app)}
    for section in ("Words", "Entities", "Distinctive terms", "Quotations", "Text"):
        app.page.locator('[data-testid="stMain"] [role="tab"]', has_text=section).click()
        # the run the click starts has put the section in the URL: a click before that run
        # ends is taken back by it (a busy machine's CI lost "Quotations" so)
        app.page.wait_for_url(lambda url, section=section: _query(url).get("section") == [section])
        app.wait_until_drawn()
        expect(app.page.locator(SELECTED_TAB)).to_have_text(section)
        heights[section] = _main_height(app)
    print("Article page heights at 1440x900 (px):", heights)
    app.page.locator('[data-testid="stMain"] [role="tab"]', has_text="Readability").click()
    app.wait_until_drawn()
    app.screenshot("article-sections-2-readability")
