"""A writer process for the concurrency and durability tests; it never loads spaCy.

It reads pickled ``ArticleAnalysis`` objects and stores them with ``analytics.store``. For each
article stored it writes one line "<status>TAB<content hash>TAB<article id>", straight to file
descriptor 1 with no buffering, once ``add_analyses`` has returned: a line written is a line
the test sees, even if the process is killed right after.

Commands (INDICES: comma-separated positions in the pickled list; MODE: "single" stores the
articles one by one (batches of one), "batch" in batches of ``BATCH``, both with
``add_analyses``):

``write URL PICKLE INDICES MODE``
    Prints "ready" once everything is imported and loaded; waits for a line on stdin, opens
    the store (creating it if need be) and prints "open"; waits for another line, stores the
    articles and prints "done".

``serve PICKLE``
    The crash test's launcher: imports everything once and prints "ready"; then for each stdin
    line "run URL MODE CLOCK DELAY INDICES" it forks a child that opens the store and stores
    them, sends the child SIGKILL DELAY seconds after the fork (CLOCK "fork") or after the
    child has opened the store (CLOCK "open") if it is still running, and prints
    "exit <code>" (-9 when killed) once the child is gone. Forking a warm process makes a kill
    cycle take milliseconds instead of seconds of Python start-up. "quit" ends it.

``hang URL PICKLE INDICES HANG_INDICES MODE``
    Stores INDICES one by one, then stores HANG_INDICES and stops for good inside that
    transaction, just before the entity mentions of its last article are inserted, after
    printing "mid <WAL bytes before> <WAL bytes now>". Its page cache is tiny, so the
    uncommitted pages are written to the WAL file; the test then kills it.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from analytics.analysis import ArticleAnalysis
from analytics.store import add_analyses, create_store_engine

BATCH = 4


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def store(engine: Engine, analyses: Sequence[ArticleAnalysis], mode: str) -> None:
    if mode == "single":
        for analysis in analyses:
            (result,) = add_analyses(engine, [analysis])
            say(f"{result.status}\t{analysis.article.content_hash}\t{result.article_id}")
        return
    for start in range(0, len(analyses), BATCH):
        batch = analyses[start : start + BATCH]
        for analysis, result in zip(batch, add_analyses(engine, batch), strict=True):
            say(f"{result.status}\t{analysis.article.content_hash}\t{result.article_id}")


def chosen(analyses: list[ArticleAnalysis], indices: str) -> list[ArticleAnalysis]:
    return [analyses[int(i)] for i in indices.split(",") if i]


def write(url: str, analyses: list[ArticleAnalysis], indices: str, mode: str) -> None:
    mine = chosen(analyses, indices)
    say("ready")
    if not sys.stdin.readline():  # the test has gone
        return
    engine = create_store_engine(url)
    say("open")
    if not sys.stdin.readline():
        return
    store(engine, mine, mode)
    engine.dispose()
    say("done")


def run_child(
    url: str, analyses: list[ArticleAnalysis], mode: str, indices: str, opened: int
) -> None:
    try:
        engine = create_store_engine(url)
        os.write(opened, b"x")
        store(engine, chosen(analyses, indices), mode)
        engine.dispose()
    except BaseException:
        os.write(2, traceback.format_exc().encode())
        os._exit(1)
    os._exit(0)


def serve(analyses: list[ArticleAnalysis]) -> None:
    # Children would otherwise spend their first ~0.1 s in a garbage collection walking (and
    # so copying) every object inherited from this process.
    gc.freeze()
    say("ready")
    for line in sys.stdin:
        command, *arguments = line.split()
        if command == "quit":
            return
        url, mode, clock, delay, indices = (*arguments, "")[:5]
        opened_read, opened_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(opened_read)
            run_child(url, analyses, mode, indices, opened_write)
        os.close(opened_write)
        if clock == "open":  # count the delay from the moment the child has opened the store
            select.select([opened_read], [], [], 60)
        deadline = time.monotonic() + float(delay)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() >= deadline:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.0005)
        os.close(opened_read)
        say(f"exit {os.waitstatus_to_exitcode(status)}")


def hang(url: str, analyses: list[ArticleAnalysis], indices: str, hang_at: str, mode: str) -> None:
    engine = create_store_engine(url)
    store(engine, chosen(analyses, indices), "single")
    engine.dispose()

    @event.listens_for(engine, "connect")
    def tiny_cache(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA cache_size=2")

    wal = Path(f"{make_url(url).database}-wal")
    last = chosen(analyses, hang_at)
    wal_before = wal.stat().st_size if wal.exists() else 0
    articles_inserted = 0

    @event.listens_for(engine, "before_cursor_execute")
    def stop_inside(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        nonlocal articles_inserted
        if statement.startswith("INSERT INTO articles"):  # a batch's articles in one statement
            articles_inserted += len(parameters) if many else 1
        elif statement.startswith("INSERT INTO entity_mentions") and articles_inserted == len(last):
            say(f"mid {wal_before} {wal.stat().st_size}")
            sys.stdin.read()  # until killed, or until the test is gone: then end, uncommitted
            os._exit(3)

    store(engine, last, mode)
    say("not stopped")


def load(pickled: str) -> list[ArticleAnalysis]:
    with open(pickled, "rb") as file:
        return pickle.load(file)


def main(command: str, *arguments: str) -> None:
    if command == "serve":
        (pickled,) = arguments
        serve(load(pickled))
    elif command == "write":
        url, pickled, indices, mode = arguments
        write(url, load(pickled), indices, mode)
    elif command == "hang":
        url, pickled, indices, hang_at, mode = arguments
        hang(url, load(pickled), indices, hang_at, mode)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
