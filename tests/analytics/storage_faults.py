"""Making storage faults for the tests: a read-only file or folder (as root, permissions do
not stop writes, so the file or folder is made immutable instead), a damaged file, a full disk
(a tiny tmpfs, which needs root), and PostgreSQL addresses that fail on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("NEWS_TEST_POSTGRES_URL", "")
#: Nothing listens on port 1: the connection is refused at once.
UNREACHABLE_URL = "postgresql+psycopg://news:secret-password@127.0.0.1:1/news"
IS_ROOT = os.geteuid() == 0


def wrong_password_url() -> str:
    """The test server's URL with a password it refuses (skips without a server)."""
    if not POSTGRES_URL:
        pytest.skip("NEWS_TEST_POSTGRES_URL names no PostgreSQL server")
    url = make_url(POSTGRES_URL).set(password="not-the-password")
    return url.render_as_string(hide_password=False)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file or folder cannot be written while in the block."""
    if IS_ROOT:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode:
            pytest.skip("the file system has no immutable flag (chattr) and we are root")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


@contextmanager
def full_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tiny file system mounted on ``folder`` (skips when it cannot be mounted)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip("a tmpfs cannot be mounted here (needs root)")
    try:
        yield folder
    finally:
        # lazily: the test's engines may still hold the store's files open
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def damage(path: Path) -> None:
    """Overwrite the start of a SQLite file (its header) with something else, as a file left
    damaged by a crash or a bad copy would be (without its write-ahead log)."""
    for working in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        working.unlink(missing_ok=True)
    with path.open("r+b") as handle:
        handle.write(b"this is not a database file any more" * 4)


def fill(folder: Path, *, leave: int) -> None:
    """Fill the file system holding ``folder`` until only about ``leave`` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    (folder / "filler").write_bytes(b"\0" * max(free - leave, 0))
