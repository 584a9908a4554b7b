"""Storage faults explained (``analytics.store.faults``) and the read-only mode: a store whose
file or folder cannot be written is opened read-only, browses, and refuses every write with one
sentence; each fault gives one sentence naming the store and what to do, never the driver's
message (SQL, article text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from storage_faults import UNREACHABLE_URL, damage, read_only, wrong_password_url

from analytics.pipeline import ingest_articles
from analytics.store import (
    article_table,
    create_store_engine,
    delete_articles,
    entity_counts,
    merge_entities,
    rebuild_duplicates,
    start_upload,
    store_version,
)
from analytics.store.engine import is_read_only
from analytics.store.faults import (
    StoreReadOnly,
    StoreUnavailable,
    explain_storage_error,
    store_name,
)

from .support import BUDGET, STRIKE


def _error(action: Callable[[], Any]) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def _stored(tmp_path: Path, nlp: Language) -> Path:
    path = tmp_path / "store" / "news.db"
    engine = create_store_engine(f"sqlite:///{path}")
    assert [r.status for r in ingest_articles(engine, nlp, [BUDGET])] == ["added"]
    engine.dispose()
    return path


def test_store_names_hide_the_password() -> None:
    assert store_name("sqlite:////data/news.db") == "/data/news.db"
    assert store_name("sqlite:///file:/data/news.db?mode=ro&uri=true") == "/data/news.db"
    assert store_name(UNREACHABLE_URL) == "postgresql+psycopg://news:***@127.0.0.1:1/news"


@pytest.mark.parametrize("part", ["file", "folder"])
def test_a_read_only_store_browses_and_refuses_writes(
    tmp_path: Path, nlp: Language, part: str
) -> None:
    path = _stored(tmp_path, nlp)
    url = f"sqlite:///{path}"
    with read_only(path if part == "file" else path.parent):
        engine = create_store_engine(url)
        assert is_read_only(engine)
        assert list(article_table(engine)["title"]) == ["Budget passes"]
        assert "Warsaw" in set(entity_counts(engine)["entity"])
        version = store_version(engine)
        writes: list[Callable[[], Any]] = [
            lambda: list(ingest_articles(engine, nlp, [STRIKE])),
            lambda: delete_articles(engine, [1]),
            lambda: merge_entities(engine, entity="Warsaw", into="Poland", label="GPE"),
            lambda: rebuild_duplicates(engine),
            lambda: start_upload(engine, "dashboard", "a.txt"),
        ]
        for write in writes:
            error = _error(write)
            assert isinstance(error, StoreReadOnly)
            assert explain_storage_error(error, url) == str(error)
            assert str(error).startswith(f"The store {path} is read-only")
        assert store_version(engine) == version
        engine.dispose()
    engine = create_store_engine(url)
    assert not is_read_only(engine)
    assert delete_articles(engine, [1]) == 1


def test_a_read_only_empty_file_is_no_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with read_only(path):
        error = _error(lambda: create_store_engine(f"sqlite:///{path}"))
    assert isinstance(error, StoreUnavailable)
    assert str(error).startswith(f"The store {path} is read-only and holds no articles yet")


def test_a_damaged_file(tmp_path: Path, nlp: Language) -> None:
    path = _stored(tmp_path, nlp)
    damage(path)
    url = f"sqlite:///{path}"
    sentence = explain_storage_error(_error(lambda: create_store_engine(url)), url)
    assert sentence.startswith(f"The store {path} is damaged")
    assert "backup" in sentence


def test_a_full_database_stores_nothing_of_the_batch(tmp_path: Path, nlp: Language) -> None:
    """A full disk, simulated with SQLite's page limit (the command-line test mounts a tiny
    file system)."""
    url = f"sqlite:///{tmp_path / 'news.db'}"
    engine = create_store_engine(url)

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA max_page_count=60")

    engine.dispose()  # the connections made before the limit
    long = STRIKE.with_changes(body=" ".join(f"word{i}" for i in range(3000)))
    error = _error(lambda: list(ingest_articles(engine, nlp, [BUDGET, long])))
    assert isinstance(error, OperationalError)
    sentence = explain_storage_error(error, url)
    assert sentence.startswith(f"The store {tmp_path / 'news.db'} is on a full disk")
    assert "word1" not in sentence and "INSERT" not in sentence
    assert article_table(engine).empty


def test_an_unreachable_server_and_a_wrong_password() -> None:
    error = _error(lambda: create_store_engine(UNREACHABLE_URL))
    sentence = explain_storage_error(error, UNREACHABLE_URL)
    assert sentence == (
        "The store postgresql+psycopg://news:***@127.0.0.1:1/news cannot be reached (no "
        "database server answers at that address): start the server, or correct the host and "
        "port in NEWS_DB_URL (or --db)."
    )
    url = wrong_password_url()
    sentence = explain_storage_error(_error(lambda: create_store_engine(url)), url)
    assert "refused the user name or password" in sentence
    assert "not-the-password" not in sentence


def test_an_unknown_error_still_names_the_store_only(engine: Engine) -> None:
    error = OperationalError("SELECT body FROM articles", {}, Exception("secret text"))
    sentence = explain_storage_error(error, "sqlite:////data/news.db")
    assert sentence == (
        "The store /data/news.db could not be used (database error): check that it is "
        "reachable and writable, then try again."
    )
