"""An article full of markup shows as text: no script runs, no image loads, no link is made."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
LINK = "[click](javascript:alert(1))"
MATH = "$x^2$"
PAYLOAD = f"{IMG} {SCRIPT} {LINK} {MATH}"
TITLE = f"Market report {PAYLOAD}"
# Words and names the corpus shares, so the title also shows up in the Words and Entities
# heatmaps (Plotly labels) on the other pages.
BODY = f"""{TITLE}

The people of Germany said {PAYLOAD} was new. Putin and Assad were not mentioned in Berlin.

In Syria, officials said {PAYLOAD} again, and the port of Rotterdam said nothing new.

"We wrote {PAYLOAD} on purpose," said Anna Nowak, the editor in Berlin.
"""

PAGE_CHECKS = """() => ({
    pwned: typeof window.__pwned,
    images: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]'))
        .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length,
    pwnedScripts: Array.from(document.querySelectorAll('script'))
        .filter(s => s.textContent.includes('__pwned')).length,
    formulas: document.querySelectorAll('[data-testid="stMain"] .katex').length,
})"""
CLEAN = {"pwned": "undefined", "images": 0, "jsLinks": 0, "pwnedScripts": 0, "formulas": 0}


def test_markup_in_an_article_is_shown_literally(app, server, store_engine, browser_log):
    page = app.page
    app.open("/upload")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "report.txt", "mimeType": "text/plain", "buffer": BODY.encode()}]
    )
    expect(page.locator('[data-testid="stFileChipName"]')).to_have_text("report.txt")
    page.get_by_role("button", name="Add to the corpus").click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_have_text(
        "1 added, 0 already present, 0 rejected.", timeout=60_000
    )
    server.uploaded += 1
    app.wait_until_drawn()
    assert page.evaluate(PAGE_CHECKS) == CLEAN

    table = store.article_table(store_engine)
    (article_id,) = table.loc[table["title"] == TITLE, "article_id"]
    # every section of the article (a tab a link opens) shows the text as text
    for section in ("Readability", "Words", "Entities", "Distinctive terms", "Quotations"):
        app.open(f"/article?article={article_id}&section={section}")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert page.evaluate(PAGE_CHECKS) == CLEAN, section
    app.open(f"/article?article={article_id}&section=Text")

    assert app.title() == TITLE
    expect(page.locator(".st-key-article-pick-select input")).to_have_value(
        f"{TITLE}  (#{article_id})"
    )
    text = page.locator(".st-key-article-text-text")
    for piece in (IMG, SCRIPT, LINK, MATH):
        expect(text).to_contain_text(piece)
    assert "<img src=x" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.evaluate(PAGE_CHECKS) == CLEAN
    assert browser_log.dialogs == []
    app.screenshot("safety-1-article")

    # The title is also a Plotly label on other pages (heatmaps, hover text).
    for path, chart in [("/words", "words-heatmap"), ("/entities", "entities-heatmap")]:
        app.open(path)
        assert page.evaluate(PAGE_CHECKS) == CLEAN, path
        expect(page.locator(f".st-key-{chart}-chart")).to_contain_text("Market report <img src=x")
    assert browser_log.dialogs == []

    # The pages of #6 show the same text in quotations, networks and keyness charts.
    quoted = store.quote_table(store_engine, limit=None)
    assert "Anna Nowak" in set(quoted.loc[quoted["quote"].str.startswith("We wrote"), "speaker"])
    for path in ("/quotes", "/together", "/compare", "/timeline"):
        app.open(path)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert page.evaluate(PAGE_CHECKS) == CLEAN, path
    assert browser_log.dialogs == []
