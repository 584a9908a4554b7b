"""Uploading articles through the Upload page adds them to the corpus the other pages show."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from analytics import store

pytestmark = pytest.mark.browser

TXT_TITLE = "Harbour cranes return to Gdansk"
TXT_ARTICLE = f"""{TXT_TITLE}

Anna Nowak, the mayor of Gdansk, opened three new cranes at the port on Monday. The cranes
came from Finland by sea, and the first ship to use them will arrive from Rotterdam in May.

Officials in Warsaw said the port of Gdansk will handle more grain from Ukraine next year.
Dockers at the port welcomed the news but asked the city for better pay.
"""

HTML_TITLE = "Lisbon trams get a new timetable"
HTML_ARTICLE = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{HTML_TITLE}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>{HTML_TITLE}</h1>
<p>Carlos Silva, who runs the tram company in Lisbon, said the new timetable starts in March.
Trams on the busiest lines will run every six minutes instead of every ten.</p>
<p>Visitors from Spain and France crowd the famous line 28 every summer, and the city of Lisbon
wants shorter queues at the stops near the castle.</p>
<p>The mayor of Porto, Rui Costa, said his city is watching the plan closely.</p>
</article>
<footer>Copyright Lisbon Daily</footer>
</body>
</html>
"""

SUCCESS = '[data-testid="stAlertContentSuccess"]'
ANY_RESULT = (
    '[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentWarning"], '
    '[data-testid="stAlertContentError"]'
)
UPLOAD_TIMEOUT_MS = 180_000  # the first upload starts a worker that loads the model: slow when busy


def upload(app, files: list[dict]) -> None:
    """Choose the files in the uploader, wait for their chips, and submit the form."""
    page = app.page
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    expect(page.locator('[data-testid="stFileChipName"]')).to_have_text(
        [file["name"] for file in files]
    )
    page.get_by_role("button", name="Add to the corpus").click()


def test_upload_txt_and_html_adds_two_articles(app, server, store_engine, expected_articles):
    page = app.page
    page.set_viewport_size({"width": 1440, "height": 900})
    app.open("/")
    assert app.metric("Articles") == f"{expected_articles:,}"

    app.go_to("Upload")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Upload articles")
    app.wait_until_drawn()
    files = [
        {"name": "gdansk.txt", "mimeType": "text/plain", "buffer": TXT_ARTICLE.encode()},
        {"name": "lisbon.html", "mimeType": "text/html", "buffer": HTML_ARTICLE.encode()},
    ]
    upload(app, files)
    result = page.locator(ANY_RESULT)
    expect(result).to_have_text(
        "2 added, 0 already present, 0 rejected.", timeout=UPLOAD_TIMEOUT_MS
    )
    server.uploaded += 2
    expect(page.locator(SUCCESS)).to_have_count(1)
    app.wait_until_drawn()
    # The form clears on submit; the per-file results table is shown below the summary.
    expect(page.locator('[data-testid="stFileChip"]')).to_have_count(0)
    expect(page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first).to_be_visible()
    # The results are in the status box the form collapsed into: under the title, in view at
    # 1440x900 without scrolling, above the form; its icons are Material icons, not emoji.
    box = page.locator('[data-testid="stExpander"]', has_text="Upload finished: 2 articles added")
    expect(box).to_be_visible()
    box_top = box.bounding_box()["y"]
    form_top = page.locator('[data-testid="stForm"]').bounding_box()["y"]
    assert box_top < 900 and box_top < form_top
    expect(box.get_by_role("img", name="check_circle icon")).to_be_visible()
    assert not any(mark in box.inner_text() for mark in ("✅", "❌", "↩", "⏹"))
    app.screenshot("upload-1-results")

    titles = set(store.article_table(store_engine)["title"])
    assert {TXT_TITLE, HTML_TITLE} <= titles

    # The same files again: recognised as already stored, nothing added twice.
    upload(app, files)
    expect(result).to_have_text(
        "0 added, 2 already present, 0 rejected.", timeout=UPLOAD_TIMEOUT_MS
    )
    app.wait_until_drawn()

    app.go_to("Overview")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Overview")
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(
        f"{expected_articles + 2:,}"
    )
    app.wait_until_drawn()


def test_article_published_after_the_newest_stays_in_view(app, server, expected_articles):
    page = app.page
    app.open("/")
    assert app.metric("Articles") == f"{expected_articles:,}"

    app.go_to("Upload")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Upload articles")
    app.wait_until_drawn()
    record = {
        "title": "Oslo opens a new library by the fjord",
        "text": "Oslo opened a new public library by the fjord on Friday. Mayor Kari Holm said "
        "that thousands of readers came on the first day. The library in Norway's capital "
        "has a cafe, a music room and a workshop for children.",
        "source": "Nordic Times",
        "date": "2099-02-03",
    }
    upload(
        app,
        [
            {
                "name": "oslo.jsonl",
                "mimeType": "application/x-ndjson",
                "buffer": (json.dumps(record) + "\n").encode(),
            }
        ],
    )
    expect(page.locator(ANY_RESULT)).to_have_text(
        "1 added, 0 already present, 0 rejected.", timeout=UPLOAD_TIMEOUT_MS
    )
    server.uploaded += 1
    app.wait_until_drawn()

    app.go_to("Overview")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Overview")
    app.wait_until_drawn()
    assert app.metric("Articles") == f"{expected_articles + 1:,}"
