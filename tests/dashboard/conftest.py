"""Fixtures for the dashboard's AppTest tests: a store holding the seed corpus, downloads.

The seed corpus (``seeds/``) is analysed once per session into a SQLite file; read-only tests
share one copy of it, tests that add articles get a copy of their own. ``NEWS_DB_URL`` and
``NEWS_DATA_DIR`` point the app at it. Streamlit's caches are process-wide but keyed by the
database URL and the store's version, so distinct files never see each other's results.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from apptest_support import SEED_DIR
from spacy.language import Language
from sqlalchemy import Engine
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryFile
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from analytics.pipeline import ingest_outcomes
from analytics.readers import read_path
from analytics.store import create_store_engine

N_SEED_ARTICLES = 7


@pytest.fixture(autouse=True)
def full_error_details() -> Iterator[None]:
    """Show a script exception's message and traceback (the project's config redacts them)."""
    with patch_config_options({"client.showErrorDetails": "full"}):
        yield


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A SQLite store with the seed corpus, built once per session (do not write to it)."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "news.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWS_DATA_DIR", str(folder / "data"))
        engine = create_store_engine(f"sqlite:///{path}")
        results = list(ingest_outcomes(engine, nlp, read_path(SEED_DIR)))
        engine.dispose()
    assert [result.status for result in results] == ["added"] * N_SEED_ARTICLES
    return path


@pytest.fixture(scope="session")
def shared_store(seeded_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the seeded store for all the tests that only read."""
    path = tmp_path_factory.mktemp("shared") / "news.db"
    shutil.copyfile(seeded_store, path)
    return path


def _point_app_at(monkeypatch: pytest.MonkeyPatch, store: Path, data_dir: Path) -> str:
    url = f"sqlite:///{store}"
    monkeypatch.setenv("NEWS_DB_URL", url)
    monkeypatch.setenv("NEWS_DATA_DIR", str(data_dir))
    return url


@pytest.fixture
def store_url(shared_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app reads the shared seeded store (the test must not add articles)."""
    return _point_app_at(monkeypatch, shared_store, tmp_path / "data")


@pytest.fixture
def writable_store_url(seeded_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app uses a fresh copy of the seeded store that the test may add articles to."""
    path = tmp_path / "news.db"
    shutil.copyfile(seeded_store, path)
    return _point_app_at(monkeypatch, path, tmp_path / "data")


@pytest.fixture
def writable_engine(writable_store_url: str) -> Iterator[Engine]:
    engine = create_store_engine(writable_store_url)
    yield engine
    engine.dispose()


class MediaCapture:
    """Keeps the media file manager of each AppTest run, to read the downloads' bytes."""

    def __init__(self) -> None:
        self.managers: list[MediaFileManager] = []

    def file(self, at: AppTest, key: str) -> MemoryFile:
        """The file (``content``, ``mimetype``, ``filename``) of a download button; a
        deferred download (data given as a function) is generated as a click would."""
        manager = self.managers[-1]
        proto = at.get_by_key(key).proto
        url = (
            manager.execute_deferred(proto.deferred_file_id)
            if proto.deferred_file_id
            else proto.url
        )
        file_id = url.rsplit("/", 1)[1].split(".")[0]
        return manager._storage.get_file(file_id)

    def content(self, at: AppTest, key: str) -> bytes:
        return self.file(at, key).content


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> MediaCapture:
    """Read the bytes behind download buttons (AppTest has no public API for them)."""
    capture = MediaCapture()

    class CapturingManager(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            capture.managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", CapturingManager)
    return capture


@pytest.fixture
def store_engine(store_url: str) -> Iterator[Engine]:
    """An engine on the shared store, to compute what the pages should show."""
    engine = create_store_engine(store_url)
    yield engine
    engine.dispose()
