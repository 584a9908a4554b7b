"""Sign-in end to end: a real OpenID Connect provider (``oidc-provider-mock``) and the dashboard
configured to use it, in Chromium. An editor signs in, uploads a file and merges two entities
(both recorded with their e-mail address); a viewer signs in and finds no write controls and
no Activity page, and the Upload page refuses them.

The dashboard gets a secrets file of its own in a temporary folder (``--secrets.files``), so the
repository's ``.streamlit`` is never touched and no secret is written into it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    FIRST_LOAD_TIMEOUT_MS,
    REPO,
    STARTUP_TIMEOUT_S,
    TITLE,
    Server,
    StreamlitPage,
    _free_port,
    _healthy,
    _stop,
    streamlit_command,
)
from playwright.sync_api import Browser, Page, expect

from analytics import store
from analytics.store import create_store_engine

pytestmark = pytest.mark.browser

EDITOR = "editor@newsroom.test"
VIEWER = "viewer@readers.test"
UPLOAD_TIMEOUT_MS = 60_000
# The first view loads spaCy and seeds the store: on a busy two-core machine it took over 90 s.
LOAD_TIMEOUT_MS = 240_000
TXT = b"""Harbour cranes return to Gdansk

Anna Nowak, the mayor of Gdansk, opened three new cranes at the port on Monday. The cranes
came from Finland by sea, and the first ship to use them will arrive from Rotterdam in May.
"""


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start ({url}):\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An OpenID Connect provider on a free port; any client id and secret are accepted, and
    the e-mail address of a user is what they type as their subject."""
    port = _free_port()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/.well-known/openid-configuration", process, log, "the provider")
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory: pytest.TempPathFactory, provider: str) -> Iterator[Server]:
    """The dashboard with sign-in through ``provider``, its own store, and the roles given by
    ``NEWS_EDITORS`` and ``NEWS_VIEWERS``."""
    tmp = tmp_path_factory.mktemp("signin")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "news-dashboard"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    db_url = f"sqlite:///{tmp / 'signin.db'}"
    env = {
        **os.environ,
        "NEWS_DB_URL": db_url,
        "NEWS_DATA_DIR": str(tmp / "data"),
        "NEWS_EDITORS": "@newsroom.test",
        "NEWS_VIEWERS": VIEWER,
        "NEWS_ADMINS": "",
    }
    log = tmp / "streamlit.log"
    command = streamlit_command(port, "--secrets.files", str(secrets))
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    running = Server(url, db_url, log, process)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{running.log_tail()}")
            time.sleep(0.25)
        yield running
    finally:
        _stop(process)


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    """A page in a context of its own: no sign-in cookie from another test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def _sign_in(page: Page, server: Server, email: str) -> StreamlitPage:
    app = StreamlitPage(page, server)
    page.goto(server.url)
    expect(page.locator(TITLE).first).to_have_text("News analytics", timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("button", name="Sign in").click()
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    try:
        page.wait_for_url(f"{server.url}/**")
        expect(page.locator(TITLE).first).to_have_text("Overview", timeout=LOAD_TIMEOUT_MS)
    except AssertionError as error:
        pytest.fail(
            f"not signed in ({page.url}): {error}\n{page.inner_text('body')[:2000]}\n"
            f"Server log:\n{server.log_tail()}"
        )
    app.wait_until_drawn()
    return app


def _sidebar(page: Page):  # type: ignore[no-untyped-def]
    return page.locator('[data-testid="stSidebar"]')


def test_an_editor_signs_in_uploads_and_merges(signin_server: Server, fresh_page: Page) -> None:
    page = fresh_page
    app = _sign_in(page, signin_server, EDITOR)
    expect(_sidebar(page)).to_contain_text(f"Signed in as {EDITOR} (editor)")
    expect(_sidebar(page).get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNavLink"]', has_text="Activity")).to_have_count(1)

    app.go_to("Upload")
    expect(page.locator(TITLE).first).to_have_text("Upload articles")
    app.wait_until_drawn()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "gdansk.txt", "mimeType": "text/plain", "buffer": TXT}]
    )
    expect(page.locator('[data-testid="stFileChipName"]')).to_have_text(["gdansk.txt"])
    page.get_by_role("button", name="Add to the corpus").click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_have_text(
        "1 added, 0 already present, 0 rejected.", timeout=UPLOAD_TIMEOUT_MS
    )
    app.wait_until_drawn()

    app.go_to("Entities")
    expect(page.locator(TITLE).first).to_have_text("Entities")
    app.wait_until_drawn()
    app.screenshot("signin-editor-entities")
    target = page.get_by_role("combobox", name=re.compile("^Merge into"))
    target.click()
    target.press_sequentially("Syria")
    page.keyboard.press("Enter")
    app.wait_idle()
    merge = page.get_by_role("button", name="Merge", exact=True)
    expect(merge).to_be_enabled()
    merge.click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        "one row on every page now", timeout=UPLOAD_TIMEOUT_MS
    )
    app.wait_until_drawn()

    engine = create_store_engine(signin_server.db_url)
    try:
        corrections = store.entity_corrections_table(engine)
        assert list(zip(corrections["kind"], corrections["user"], strict=True)) == [
            ("merge", EDITOR)
        ]
        trail = store.audit_entries(engine)
        assert list(zip(trail["user"], trail["action"], strict=True)) == [
            (EDITOR, "merge"),
            (EDITOR, "upload"),
        ]
        assert trail["detail"].iloc[1] == "gdansk.txt: 1 added"
    finally:
        engine.dispose()

    app.go_to("Activity")
    expect(page.locator(TITLE).first).to_have_text("Activity")
    app.wait_until_drawn()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("2 entries")
    app.screenshot("signin-editor-activity")


def test_a_viewer_signs_in_and_may_not_write(signin_server: Server, fresh_page: Page) -> None:
    page = fresh_page
    app = _sign_in(page, signin_server, VIEWER)
    expect(_sidebar(page)).to_contain_text(f"Signed in as {VIEWER} (viewer)")
    expect(page.locator('[data-testid="stSidebarNavLink"]', has_text="Activity")).to_have_count(0)

    app.go_to("Upload")
    expect(page.locator(TITLE).first).to_have_text("Upload articles")
    app.wait_until_drawn()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(
        "You can browse and download, but adding articles is for editors."
    )
    expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Add to the corpus")).to_have_count(0)

    app.go_to("Entities")
    expect(page.locator(TITLE).first).to_have_text("Entities")
    app.wait_until_drawn()
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("corrections are for editors")
    for label in ("Merge", "Split off", "Undo"):
        expect(main.get_by_role("button", name=label, exact=True)).to_have_count(0)
    app.screenshot("signin-viewer-entities")

    # the Activity page's address leads nowhere for a viewer: Streamlit says the page is not
    # found and runs the main page
    page.goto(f"{signin_server.url}/activity")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Page not found", timeout=FIRST_LOAD_TIMEOUT_MS)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.locator(TITLE).first).to_have_text("Overview", timeout=FIRST_LOAD_TIMEOUT_MS)
    app.wait_until_drawn()

    # signing out ends the provider's session too (its dummy page asks to confirm)
    _sidebar(page).get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
