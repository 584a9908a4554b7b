"""Opening an article from the Overview table, by deep link, and getting back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

# Streamlit's data grid (glide-data-grid) draws on a canvas: rows are found by position.
# Default sizes: a 35 px header and 35 px rows; with a selectable table the first column is
# the row's checkbox, about 30 px wide.
GRID_HEADER_PX = 35
GRID_ROW_PX = 35
GRID_CHECKBOX_X_PX = 15


def article_query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_clicking_an_overview_row_opens_its_article(app, store_engine):
    page = app.page
    app.open("/")
    row = 1  # the second row, so the test does not pass just by showing the default article
    wanted = store.article_table(store_engine).iloc[row]

    grid = page.locator('.st-key-overview-articles-table [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(
        box["x"] + GRID_CHECKBOX_X_PX, box["y"] + GRID_HEADER_PX + GRID_ROW_PX * row + 17
    )

    page.wait_for_url("**/article?article=*")
    assert article_query(page.url) == {"article": [str(wanted["article_id"])]}
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(wanted["title"])
    app.wait_until_drawn()
    expect(page.locator(".st-key-article-pick-select input")).to_have_value(
        f"{wanted['title']}  (#{wanted['article_id']})"
    )
    app.screenshot("navigation-1-article-from-overview")

    # Back to the Overview through the menu: the old row selection must not send us back.
    app.go_to("Overview")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Overview")
    app.wait_until_drawn()
    assert urlparse(page.url).path == "/"
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Overview")


def test_article_deep_link_shows_that_article(app, store_engine):
    table = store.article_table(store_engine)
    if table.empty:
        app.open("/")  # the first page view seeds the store
        table = store.article_table(store_engine)
    wanted = table.iloc[-1]  # the last one, not the default
    app.open(f"/article?article={wanted['article_id']}")
    assert app.title() == wanted["title"]
    assert article_query(app.page.url) == {"article": [str(wanted["article_id"])]}
    expect(app.page.locator('[data-testid="stException"]')).to_have_count(0)
