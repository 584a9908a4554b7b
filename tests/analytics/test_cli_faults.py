"""Storage faults on the command line: one sentence naming the store and what to do, exit
status 2, no traceback, no SQL and no article text; a read-only store still lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_faults import (
    IS_ROOT,
    UNREACHABLE_URL,
    damage,
    fill,
    full_disk,
    read_only,
    wrong_password_url,
)

from analytics.cli import main

TITLE = "Harbour reopens"
BODY = "The harbour in Gdansk reopened on Monday after the storm. Dockers cheered the news."
SQL_WORDS = ("SELECT", "INSERT", "UPDATE", "DELETE FROM", "BEGIN", "[SQL", "Traceback")


def _article(folder: Path, name: str = "one.txt", title: str = TITLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\n{BODY}\n", encoding="utf-8")
    return path


def _store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    path = tmp_path / "store" / "news.db"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "add", "--processes", "1", str(_article(tmp_path / "in"))]) == 0
    capsys.readouterr()
    return path, url


def _one_sentence(capsys: pytest.CaptureFixture[str], *expected: str) -> str:
    out = capsys.readouterr()
    (line,) = [line for line in out.err.splitlines() if line.startswith("error: ")]
    for words in expected:
        assert words in line
    for words in (*SQL_WORDS, BODY[:20]):
        assert words not in out.err and words not in out.out
    return line


def test_a_read_only_file_lists_and_refuses_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, url = _store(tmp_path, capsys)
    with read_only(path):
        assert main(["--db", url, "list"]) == 0
        assert TITLE in capsys.readouterr().out
        new = _article(tmp_path / "more", "two.txt", "Second article")
        assert main(["--db", url, "add", "--processes", "1", str(new)]) == 2
        _one_sentence(capsys, f"The store {path} is read-only", "writable")
        assert main(["--db", url, "delete", "1"]) == 2
        _one_sentence(capsys, "read-only")
    assert main(["--db", url, "list"]) == 0
    assert "Second article" not in capsys.readouterr().out


def test_a_read_only_folder_lists_and_refuses_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, url = _store(tmp_path, capsys)
    files = sorted(p.name for p in path.parent.iterdir())
    with read_only(path.parent):
        assert main(["--db", url, "list"]) == 0
        assert TITLE in capsys.readouterr().out
        assert main(["--db", url, "export", "entities"]) == 0
        capsys.readouterr()
        assert main(["--db", url, "delete", "1"]) == 2
        _one_sentence(capsys, f"The store {path} is read-only")
        assert sorted(p.name for p in path.parent.iterdir()) == files


def test_a_new_store_in_a_read_only_folder_cannot_be_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        assert main(["--db", f"sqlite:///{folder / 'news.db'}", "list"]) == 2
        _one_sentence(capsys, f"The store {folder / 'news.db'} cannot be opened", "folder")


def test_a_damaged_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, url = _store(tmp_path, capsys)
    damage(path)
    assert main(["--db", url, "list"]) == 2
    _one_sentence(capsys, f"The store {path} is damaged", "backup")


@pytest.mark.skipif(not IS_ROOT, reason="mounting a tiny file system needs root")
def test_a_full_disk_stores_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "in"
    for i in range(8):
        words = " ".join(f"term{i}x{j}" for j in range(300))
        _article(articles, f"{i}.txt").write_text(f"Article {i}\n\n{words}.\n", encoding="utf-8")
    with full_disk(tmp_path / "small", "2m") as folder:
        url = f"sqlite:///{folder / 'news.db'}"
        assert main(["--db", url, "list"]) == 0  # the store is made
        capsys.readouterr()
        fill(folder, leave=64 * 1024)
        assert main(["--db", url, "add", "--processes", "1", str(articles)]) == 2
        _one_sentence(capsys, f"The store {folder / 'news.db'} is on a full disk", "free")
        (folder / "filler").unlink()
        assert main(["--db", url, "list"]) == 0
        assert "The store is empty." in capsys.readouterr().out


def test_an_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", UNREACHABLE_URL, "list"]) == 2
    line = _one_sentence(
        capsys, "postgresql+psycopg://news:***@127.0.0.1:1/news", "cannot be reached"
    )
    assert "secret-password" not in line


def test_a_wrong_password(capsys: pytest.CaptureFixture[str]) -> None:
    url = wrong_password_url()
    assert main(["--db", url, "list"]) == 2
    line = _one_sentence(capsys, "refused the user name or password")
    assert "not-the-password" not in line and "***" in line
