"""Fixtures for the end-to-end tests: a live ``streamlit run`` server and headless Chromium.

- ``server`` (session): the dashboard on a free port with its own SQLite store and data folder
  in a temporary directory, so the tests never touch ``data/``. The app seeds that empty store
  from ``seeds/`` on its first run.
- ``browser`` (session): Chromium from ``$CHROMIUM_PATH`` or ``/usr/bin/chromium``, otherwise the
  build Playwright downloads (``make browser``).
- ``page`` (per test): a fresh context (so a fresh Streamlit session) that records console
  errors, uncaught page errors and dialogs; any dialog or unexpected error fails the test.
- ``app``: the page with the Streamlit-aware helpers in :class:`StreamlitPage`.

Screenshots go to ``test-artifacts/screenshots/``; the folder is printed in the summary.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright
from sqlalchemy import Engine

from analytics.readers import read_path
from analytics.store import create_store_engine

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
STARTUP_TIMEOUT_S = 60
# The first page view seeds the store (loads spaCy and analyses the seed articles).
FIRST_LOAD_TIMEOUT_MS = 90_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAIN = '[data-testid="stMain"]'
TITLE = '[data-testid="stMain"] h1'

# Console errors that a healthy page produces and that say nothing about the app:
# - on a deep link (/words), the frontend first probes /words/_stcore/health and
#   /words/_stcore/host-config to find the server's base path; both 404 before it tries /.
# - the favicon of `page_icon=":material/..."` is fetched from fonts.gstatic.com, which is
#   unreachable offline.
_BENIGN_RESOURCE_URLS = (
    re.compile(r"^https?://127\.0\.0\.1:\d+/[^?#]+/_stcore/(health|host-config)$"),
    re.compile(r"^https://fonts\.gstatic\.com/"),
)


# --- the server -------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    db_url: str
    log_path: Path
    process: subprocess.Popen[bytes]
    # Articles the tests have added through the Upload page (see ``expected_articles``).
    uploaded: int = 0

    def log_tail(self, n_chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except OSError as error:
            return f"(no server log: {error})"


def streamlit_command(port: int, *options: str) -> list[str]:
    """``streamlit run dashboard/app.py`` headless on 127.0.0.1:``port``, with ``options``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard/app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *options,
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``streamlit run dashboard/app.py`` on a free port, with a store of its own."""
    tmp = tmp_path_factory.mktemp("browser")
    port = _free_port()
    db_url = f"sqlite:///{tmp / 'browser.db'}"
    env = {**os.environ, "NEWS_DB_URL": db_url, "NEWS_DATA_DIR": str(tmp / "data")}
    log_path = tmp / "streamlit.log"
    command = streamlit_command(port)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    running = Server(f"http://127.0.0.1:{port}", db_url, log_path, process)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(running.url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode} before it was healthy.\n"
                    f"Command: {' '.join(command)}\nLog ({log_path}):\n{running.log_tail()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit was not healthy at {running.url}/_stcore/health after "
                    f"{STARTUP_TIMEOUT_S} s.\nLog ({log_path}):\n{running.log_tail()}"
                )
            time.sleep(0.25)
        yield running
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def seed_count() -> int:
    """How many articles the app seeds itself with: every article read from ``seeds/``."""
    return sum(len(outcome.articles) for outcome in read_path(REPO / "seeds"))


@pytest.fixture
def expected_articles(server: Server, seed_count: int) -> int:
    """Articles the store should hold now: the seeds plus what earlier tests uploaded."""
    return seed_count + server.uploaded


@pytest.fixture
def store_engine(server: Server) -> Iterator[Engine]:
    """The server's store, opened by the test (read it only after a page has seeded it)."""
    engine = create_store_engine(server.db_url)
    yield engine
    engine.dispose()


# --- the browser ------------------------------------------------------------------------------


def _chromium_path() -> str | None:
    """The system Chromium to use, or None to use the one Playwright downloads."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium_path()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:
            pytest.fail(
                f"Could not start Chromium ({executable or 'Playwright download'}): {error}\n"
                "Set CHROMIUM_PATH, install Debian's chromium, or run `make browser`."
            )
        yield launched
        launched.close()


@dataclass
class BrowserLog:
    """What happened in the page besides the test's own actions."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and any(
            pattern.match(url) for pattern in _BENIGN_RESOURCE_URLS
        ):
            return
        self.console_errors.append(f"{message.text} ({url})")

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser: Browser, browser_log: BrowserLog) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    new_page = context.new_page()
    new_page.on("console", browser_log.on_console)
    new_page.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))
    new_page.on("dialog", browser_log.on_dialog)
    yield new_page
    context.close()
    problems = [f"dialog opened: {text}" for text in browser_log.dialogs]
    problems += [f"uncaught page error: {text}" for text in browser_log.page_errors]
    problems += [f"console error: {text}" for text in browser_log.console_errors]
    if problems:
        pytest.fail("The page misbehaved:\n" + "\n".join(problems))


# --- Streamlit-aware helpers ------------------------------------------------------------------


_screenshots_taken: list[Path] = []


class StreamlitPage:
    """A page of the dashboard and the waits a Streamlit app needs."""

    def __init__(self, page: Page, server: Server) -> None:
        self.page = page
        self.server = server

    def open(self, path: str) -> None:
        """Go to ``path`` (e.g. ``/words``) and wait until the page is fully drawn."""
        self.page.goto(self.server.url + path)
        self.page.locator(TITLE).first.wait_for(timeout=FIRST_LOAD_TIMEOUT_MS)
        self.wait_until_drawn()

    def wait_idle(self) -> None:
        self.page.locator(IDLE).wait_for(timeout=FIRST_LOAD_TIMEOUT_MS)

    def wait_until_drawn(self) -> None:
        """The script run has finished, lazily loaded widgets replaced their skeletons and
        every Plotly chart has drawn its SVG."""
        self.wait_idle()
        self.page.wait_for_function(
            """() => {
                const main = document.querySelector('[data-testid="stMain"]');
                if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
                const charts = main.querySelectorAll('[data-testid="stPlotlyChart"]');
                return Array.from(charts).every(c => c.querySelector('.js-plotly-plot .main-svg'));
            }""",
            timeout=FIRST_LOAD_TIMEOUT_MS,  # a busy machine draws slowly; never a timing check
        )

    def title(self) -> str:
        return self.page.locator(TITLE).first.inner_text().strip()

    def metric(self, label: str) -> str:
        """The value of the ``st.metric`` with this label."""
        metric = self.page.locator('[data-testid="stMetric"]').filter(
            has=self.page.locator('[data-testid="stMetricLabel"]', has_text=label)
        )
        return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()

    def go_to(self, nav_title: str) -> None:
        """Click the page's link in the sidebar menu, as a user would."""
        self.page.locator('[data-testid="stSidebarNavLink"]', has_text=nav_title).click()

    def count_runs(self) -> None:
        """Start counting script runs (read them with ``runs_counted``)."""
        self.page.evaluate(
            """() => {
                window.__testRuns = 0;
                const app = document.querySelector('[data-testid="stApp"]');
                new MutationObserver(() => {
                    if (app.dataset.testScriptState === 'running') window.__testRuns += 1;
                }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
            }"""
        )

    def runs_counted(self) -> int:
        return int(self.page.evaluate("() => window.__testRuns"))

    def screenshot(self, name: str) -> Path:
        """The whole page, not just the viewport: Streamlit scrolls inside ``stMain``, so the
        viewport is made as tall as the content for the shot, then put back."""
        if not _screenshots_taken:  # the session's first: drop the last run's pictures
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for old in SCREENSHOTS.glob("*.png"):
                old.unlink()
        path = SCREENSHOTS / f"{name}.png"
        viewport = self.page.viewport_size or {"width": 1400, "height": 1000}
        height = self.page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        tall = max(viewport["height"], min(int(height), 10_000))
        self.page.set_viewport_size({"width": viewport["width"], "height": tall})
        try:
            self.wait_until_drawn()
            self.page.screenshot(path=path, full_page=True, animations="disabled")
        finally:
            self.page.set_viewport_size(viewport)
        _screenshots_taken.append(path)
        return path


@pytest.fixture
def app(page: Page, server: Server) -> StreamlitPage:
    return StreamlitPage(page, server)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _screenshots_taken:
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(
            f"{len(_screenshots_taken)} screenshots in {SCREENSHOTS.resolve()}"
        )
