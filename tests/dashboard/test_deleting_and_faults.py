"""Deleting from the dashboard (the Article page, the Overview's articles, an upload on the
Upload page) after a confirmation that says what goes; and storage faults at start-up: one
sentence naming the store, a read-only store browsing with its writes refused."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from apptest_support import frame_with_columns, open_app
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from analytics import store
from components.safe_text import markdown_escape


def _delete_controls(at: AppTest, key: str) -> tuple[str, object, object]:
    warning = next(w.value for w in at.warning if w.value.startswith("This deletes"))
    return warning, at.checkbox(key=f"{key}-sure"), at.button(key=f"{key}-button")


def test_the_article_page_deletes_its_article_after_confirming(
    writable_engine: Engine,
) -> None:
    (article_id,) = store.article_table(writable_engine).nsmallest(1, "article_id")["article_id"]
    article_id = int(article_id)
    title = store.article_detail(writable_engine, article_id)["title"]
    n_mentions = len(store.article_mentions(writable_engine, article_id))
    before = store.store_version(writable_engine)
    at = open_app("article", query={"article": str(article_id)})
    at.session_state["article_id"] = article_id
    at.run()
    key = f"article-delete-{article_id}"
    warning, sure, button = _delete_controls(at, key)
    escaped = markdown_escape(title)
    assert warning.startswith(
        f"This deletes “{escaped}” for everyone, with its {n_mentions} entity"
    )
    assert button.disabled  # two steps: nothing goes before the box is ticked
    sure.check().run()
    at.button(key=f"{key}-button").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Deleted 1 article with all of their results."]
    assert store.article_detail(writable_engine, article_id) is None
    after = store.store_version(writable_engine)
    assert after[0] == before[0] - 1 and after != before
    entry = store.audit_entries(writable_engine, action="delete").iloc[0]
    assert (entry["user"], entry["n_rows"]) == ("local", 1)


def test_the_overview_deletes_the_selected_articles(writable_engine: Engine) -> None:
    ids = sorted(int(i) for i in store.article_table(writable_engine)["article_id"])[:2]
    at = open_app()
    at.multiselect(key="overview-delete-pick").set_value(ids).run()
    warning, sure, _ = _delete_controls(at, "overview-delete")
    assert warning.startswith("This deletes 2 articles for everyone")
    sure.check().run()
    button = at.button(key="overview-delete-button")
    assert button.label == "Delete 2 selected"
    button.click().run()
    assert not at.exception
    assert "Deleted 2 articles with all of their results." in [s.value for s in at.success]
    remaining = set(store.article_table(writable_engine)["article_id"])
    assert remaining.isdisjoint(ids) and len(remaining) == 5


def test_the_upload_page_lists_uploads_and_deletes_one(writable_engine: Engine) -> None:
    upload_id = store.start_upload(writable_engine, "command line", "two.txt")
    with writable_engine.begin() as conn:  # two seed articles, as if they came with it
        conn.execute(
            store.articles.update()
            .where(store.articles.c.id.in_([3, 4]))
            .values(upload_id=upload_id)
        )
    at = open_app("upload")
    recent = frame_with_columns(at, "upload_id", "origin", "label", "created_at", "n_articles")
    assert recent[["upload_id", "label", "n_articles"]].values.tolist() == [
        [upload_id, "two.txt", 2]
    ]
    at.selectbox(key="upload-delete-pick").set_value(upload_id).run()
    key = f"upload-delete-{upload_id}"
    warning, sure, button = _delete_controls(at, key)
    assert warning.startswith("This deletes 2 articles for everyone")
    assert button.label == "Delete this upload (2 articles)"
    sure.check().run()
    at.button(key=f"{key}-button").click().run()
    assert not at.exception
    assert "Deleted 2 articles with all of their results." in [s.value for s in at.success]
    assert store.upload_table(writable_engine).empty
    assert store.n_articles(writable_engine) == 5


def _chattr(flag: str, path: Path) -> None:
    if os.geteuid() != 0:
        path.chmod(0o555 if flag == "+i" else 0o755)
        return
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    if done.returncode:
        pytest.skip("no immutable flag on this file system")


def test_a_read_only_store_browses_without_write_controls(
    seeded_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copyfile(seeded_store, folder / "news.db")
    monkeypatch.setenv("NEWS_DB_URL", f"sqlite:///{folder / 'news.db'}")
    monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "data"))
    _chattr("+i", folder)
    try:
        at = open_app()
        assert any("Read-only store" in m.value for m in at.sidebar.markdown)
        assert not [e for e in at.expander if e.label == "Delete articles"]
        at = open_app("upload")
        assert at.info[0].value.startswith(f"The store {folder / 'news.db'} is read-only")
        assert not at.get("file_uploader")
    finally:
        _chattr("-i", folder)


def test_a_damaged_store_gives_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    path.write_bytes(b"not a database at all" * 200)
    monkeypatch.setenv("NEWS_DB_URL", f"sqlite:///{path}")
    monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py"))
    at.run(timeout=60)
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(f"The store {path} is damaged")


def test_an_unreachable_server_gives_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_DB_URL", "postgresql+psycopg://news:hidden@127.0.0.1:1/news")
    monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py"))
    at.run(timeout=60)
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(
        "The store postgresql+psycopg://news:***@127.0.0.1:1/news cannot be reached"
    )
    assert "hidden" not in error.value


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny file system needs root")
def test_an_upload_onto_a_full_disk_gives_one_sentence(
    seeded_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    size = seeded_store.stat().st_size + 512 * 1024
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip("a tmpfs cannot be mounted here")
    try:
        shutil.copyfile(seeded_store, folder / "news.db")
        monkeypatch.setenv("NEWS_DB_URL", f"sqlite:///{folder / 'news.db'}")
        monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "data"))
        at = open_app("upload")
        stats = os.statvfs(folder)  # only a little room left for the upload's write
        (folder / "filler").write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - 16 * 1024))
        words = " ".join(f"harbour{i} crane{i}" for i in range(400))
        at.text_area(key="upload-text").input(f"Cranes\n{words}.")
        at.button(key="FormSubmitter:upload-form-Add to the corpus").click().run()
        assert not at.exception
        sentences = [e.value for e in at.error]
        assert f"The store {folder / 'news.db'} is on a full disk" in sentences[-1]
        assert all("harbour1" not in s and "INSERT" not in s for s in sentences)
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)
