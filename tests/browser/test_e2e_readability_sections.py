"""The Readability page's sections: tabs that a link opens
(``?readability-section=Unreliable+scores``), only the open one drawn, a click on a tab that
goes into the URL."""

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


def test_a_link_opens_the_unreliable_scores(app, store_engine):
    if store.n_articles(store_engine) == 0:
        # the first page view seeds the store (minutes on a busy machine; never a timing check)
        app.page.goto(app.server.url + "/")
        app.page.locator(f"{MAIN} h1").first.wait_for(timeout=600_000)
        app.wait_until_drawn()
    n_flagged = int(store.flag_counts(store_engine)["n_articles"].sum())
    assert n_flagged > 0
    app.page.set_viewport_size({"width": 1440, "height": 900})

    app.open("/readability?readability-section=Unreliable+scores")
    expect(app.page.locator(SELECTED_TAB)).to_have_text("Unreliable scores")
    panel = app.page.get_by_role("tabpanel", name="Unreliable scores")
    # the counts per measure and the flags per article; no hardest-articles table
    expect(panel.locator('[data-testid="stDataFrame"]')).to_have_count(2)
    expect(app.page.locator(f"{MAIN} [data-testid='stDataFrame']")).to_have_count(2)
    # the charts above the tabs are drawn; the histogram of the first tab is not
    expect(app.page.locator(f"{MAIN} [data-testid='stPlotlyChart']")).to_have_count(2)
    assert _query(app.page.url) == {"readability-section": ["Unreliable scores"]}
    app.screenshot("readability-sections-1-unreliable-link")

    app.page.locator(f"{MAIN} [role='tab']", has_text="Hardest articles").click()
    app.page.wait_for_url(
        lambda url: _query(url).get("readability-section") == ["Hardest articles, and why"]
    )
    app.wait_until_drawn()
    hardest = app.page.get_by_role("tabpanel", name="Hardest articles, and why")
    expect(hardest.locator('[data-testid="stDataFrame"]')).to_have_count(1)

    # the first tab is the page's default: out of the URL, its histogram drawn
    app.page.locator(f"{MAIN} [role='tab']", has_text="One measure").click()
    app.page.wait_for_url(lambda url: "readability-section" not in _query(url))
    app.wait_until_drawn()
    expect(app.page.locator(f"{MAIN} [data-testid='stPlotlyChart']")).to_have_count(3)
    expect(app.page.locator(f"{MAIN} [data-testid='stDataFrame']")).to_have_count(0)
    app.screenshot("readability-sections-2-one-measure")
