"""The Map page in a real browser: the world is drawn from the app's own base map, no request
leaves the app, and a click on a country narrows the page to the articles mentioning it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser
TITLE = '[data-testid="stMain"] h1'
SEEDING_TIMEOUT_MS = 300_000


def test_the_map_draws_the_world_without_leaving_localhost(app, store_engine):
    requests: list[str] = []
    app.page.on("request", lambda request: requests.append(request.url))
    app.page.set_viewport_size({"width": 1440, "height": 900})
    app.page.goto(app.server.url)  # the first view seeds the store: slow on a busy machine
    app.page.locator(TITLE).first.wait_for(timeout=SEEDING_TIMEOUT_MS)
    app.open("/map")
    assert app.title() == "Map"
    errors = app.page.locator('[data-testid="stException"], [data-testid="stAlert"]')
    assert errors.count() == 0, app.server.log_tail()
    chart = app.page.locator(".st-key-map-places-chart")
    app.page.wait_for_function(
        "() => document.querySelectorAll('.choroplethlocation').length > 100", timeout=30_000
    )
    n_countries = chart.locator(".choroplethlocation").count()
    assert n_countries > 100
    assert chart.locator(".scattergeo .point").count() > 0
    app.screenshot("map")
    outside = [
        url
        for url in requests
        if not url.startswith(app.server.url) and not url.startswith(("data:", "blob:"))
    ]
    assert outside == []
    assert any(url.endswith("/app/static/topojson/world_110m.json") for url in requests)

    expect(app.page.get_by_text("Places not on the map")).to_be_visible()

    # A click on the first point (the most mentioned place that is not a country, or a
    # neighbour drawn over it) narrows the page to the articles mentioning that place.
    places = store.place_counts(store_engine)
    names = set(places.loc[places["kind"] != "country", "entity"])
    point = chart.locator(".scattergeo .point").first
    box = point.bounding_box()
    assert box is not None
    app.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    chip = app.page.get_by_text(re.compile(r"^Mentions: .+ \((GPE|LOC)\) ✕$"))
    expect(chip).to_be_visible(timeout=20_000)
    app.wait_until_drawn()
    clicked = re.sub(r"^Mentions: (.+) \((GPE|LOC)\) ✕$", r"\1", chip.inner_text().strip())
    assert clicked in names
    expect(app.page.get_by_text(f"Articles mentioning {clicked}")).to_be_visible()
    app.screenshot("map-clicked")
