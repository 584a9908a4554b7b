"""Helpers shared by the durability and concurrency tests.

- ``make_articles``: distinct small articles with named entities, reproducible.
- ``expected_article``: what the store must hold for an analysed article, row for row.
- ``read_store``: what a SQLite store file holds, read with the standard ``sqlite3`` module on
  a fresh connection (as a process opening the file after a crash would), article by article,
  with the integrity check and the child rows that belong to no article.
- ``totals_disagreements``: where the store's running corpus totals differ from the counts of
  the stored rows.
- ``Workers``: ``store_writer.py`` processes whose output is read with a time limit, killed
  at the end of the test if still running.

Both sides give ``StoredArticle`` values, so "stored completely" is one equality.
"""

from __future__ import annotations

import datetime as dt
import queue
import sqlite3
import subprocess
import sys
import threading
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest
from sqlalchemy import create_engine

from analytics.analysis import ArticleAnalysis
from analytics.models import Article
from analytics.readability import COUNTS, MEASURES
from analytics.store import ALL_ARTICLES, ArticleFilter, entity_counts, metadata, term_frequencies
from analytics.store.search import FTS_TABLE

#: The tables of a complete SQLite store: the schema's, and the full-text index (an FTS5
#: table and the shadow tables SQLite keeps for it).
SQLITE_STORE_TABLES = set(metadata.tables) | {
    FTS_TABLE + suffix for suffix in ("", "_config", "_data", "_docsize", "_idx")
}

PEOPLE = (
    "Anna Kowalska",
    "John Smith",
    "Maria Rossi",
    "Pierre Dubois",
    "Olga Petrova",
    "Hans Müller",
    "Ewa Nowak",
    "Luis García",
)
CITIES = ("Warsaw", "Paris", "Berlin", "Madrid", "Rome", "Lyon", "Vienna", "Prague")
TOPICS = ("budget", "railway strike", "harbour plan", "school reform", "flood defences")
READABILITY_COLUMNS = (*MEASURES, *COUNTS)


def make_articles(n: int, *, tag: str) -> list[Article]:
    """``n`` distinct short articles (two paragraphs, three sentences, a few entities, a
    quotation)."""
    result = []
    for i in range(n):
        person, city, topic = PEOPLE[i % 8], CITIES[(i // 8) % 8], TOPICS[i % 5]
        body = (
            f"{person} spoke in {city} on Monday about the {topic}. "
            f"The council of {city} will vote on the {topic} in {2000 + i}.\n\n"
            f'Critics of {tag} plan {i} said: "It costs far too much."'
        )
        result.append(
            Article(
                body=body,
                title=f"{tag} {i}: the {topic} in {city}",
                source=f"Source {i % 3}",
                published=dt.date(2024, 1, 1) + dt.timedelta(days=i),
                language="en",
                file_name=f"{tag}-{i}.txt",
            )
        )
    return result


Row = tuple[object, ...]


class StoredArticle(NamedTuple):
    """One article and all of its results, as plain comparable values."""

    title: str
    body: str
    readability: Row | None
    flags: frozenset[Row]
    sentences: tuple[Row, ...]
    terms: frozenset[Row]
    mentions: tuple[Row, ...]
    quotes: tuple[Row, ...]

    def row_counts(self) -> dict[str, int]:
        return {
            "readability": int(self.readability is not None),
            "readability_flags": len(self.flags),
            "sentences": len(self.sentences),
            "terms": len(self.terms),
            "entity_mentions": len(self.mentions),
            "quotes": len(self.quotes),
        }


def expected_article(analysis: ArticleAnalysis) -> StoredArticle:
    """What the store must hold for this analysis."""
    return StoredArticle(
        title=analysis.article.title,
        body=analysis.article.body,
        readability=tuple(analysis.readability.get(name) for name in READABILITY_COLUMNS),
        flags=frozenset(analysis.flags.items()),
        sentences=tuple((i, *sentence) for i, sentence in enumerate(analysis.sentences)),
        terms=frozenset(
            (row.n, row.term, row.lemma, int(row.is_stop), row.n_occurrences)
            for row in analysis.terms
        ),
        mentions=tuple((i, *mention) for i, mention in enumerate(analysis.mentions)),
        quotes=tuple((i, *quote) for i, quote in enumerate(analysis.quotes)),
    )


class StoreContents(NamedTuple):
    """A store file as found: integrity check, tables, articles by content hash, orphan rows."""

    integrity: list[str]
    tables: set[str]
    foreign_key_problems: list[Row]
    articles: dict[str, StoredArticle]
    ids: dict[str, int]
    orphans: dict[str, int]


def _by_article(db: sqlite3.Connection, sql: str) -> dict[int, list[Row]]:
    """The rows of a query whose first column is an article id, grouped by that id."""
    grouped: defaultdict[int, list[Row]] = defaultdict(list)
    for article_id, *row in db.execute(sql):
        grouped[article_id].append(tuple(row))
    return grouped


CHILD_QUERIES = {
    "readability": f"SELECT article_id, {', '.join(READABILITY_COLUMNS)} FROM readability",
    "readability_flags": "SELECT article_id, measure, reason FROM readability_flags",
    "sentences": "SELECT article_id, sentence_index, start_char, end_char, n_words"
    " FROM sentences ORDER BY article_id, sentence_index",
    "terms": "SELECT article_id, n, term, lemma, is_stop, n_occurrences FROM terms",
    "entity_mentions": "SELECT article_id, mention_index, start_char, end_char,"
    " sentence_index, surface, entity, label, alias FROM entity_mentions"
    " ORDER BY article_id, mention_index",
    "quotes": "SELECT article_id, quote_index, start_char, end_char, text, speaker,"
    " speaker_mention_index, cue FROM quotes ORDER BY article_id, quote_index",
}


def read_store(path: Path) -> StoreContents:
    """Everything in the store file at ``path``, read on a new connection."""
    with closing(sqlite3.connect(path, timeout=30)) as db:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        foreign_keys = db.execute("PRAGMA foreign_key_check").fetchall()
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:  # the store was never created, or its creation was cut short
            return StoreContents(
                integrity, tables, foreign_keys, {}, {}, dict.fromkeys(CHILD_QUERIES, 0)
            )
        rows = db.execute("SELECT id, content_hash, title, body FROM articles").fetchall()
        children = {table: _by_article(db, sql) for table, sql in CHILD_QUERIES.items()}
    ids = {content_hash: article_id for article_id, content_hash, _, _ in rows}
    known = set(ids.values())
    orphans = {
        table: sum(len(found) for article_id, found in by_id.items() if article_id not in known)
        for table, by_id in children.items()
    }
    stored = {}
    for article_id, content_hash, title, body in rows:
        readability = children["readability"].get(article_id, [])
        stored[content_hash] = StoredArticle(
            title=title,
            body=body,
            readability=readability[0] if len(readability) == 1 else None,
            flags=frozenset(children["readability_flags"].get(article_id, ())),
            sentences=tuple(children["sentences"].get(article_id, ())),
            terms=frozenset(children["terms"].get(article_id, ())),
            mentions=tuple(children["entity_mentions"].get(article_id, ())),
            quotes=tuple(children["quotes"].get(article_id, ())),
        )
    return StoreContents(integrity, tables, foreign_keys, stored, ids, orphans)


def totals_disagreements(path: Path) -> list[str]:
    """Where the corpus-wide word and entity counts (the store's running totals) differ from
    the same counts computed from the stored rows of every article (an empty list if none)."""
    engine = create_engine(f"sqlite:///{path}")  # not create_store_engine: nothing is created
    try:
        with engine.connect() as conn:
            ids = tuple(row[0] for row in conn.exec_driver_sql("SELECT id FROM articles"))
        every = ArticleFilter(article_ids=ids)
        problems = []
        for n in (1, 2, 3):
            totals, rows = (
                term_frequencies(engine, flt, n=n, stop_words=True, top=None)
                .drop(columns="per_10k_words")
                .sort_values("term", ignore_index=True)
                for flt in (ALL_ARTICLES, every)
            )
            if not totals.equals(rows):
                problems.append(f"{n}-grams:\n{_difference(totals, rows)}")
        totals, rows = (
            entity_counts(engine, flt).sort_values(["entity", "label"], ignore_index=True)
            for flt in (ALL_ARTICLES, every)
        )
        if not totals.equals(rows):
            problems.append(f"entities:\n{_difference(totals, rows)}")
        return problems
    finally:
        engine.dispose()


def _difference(totals: pd.DataFrame, rows: pd.DataFrame) -> str:
    merged = totals.merge(rows, how="outer", indicator=True)
    return merged[merged["_merge"] != "both"].to_string()


# --- worker processes -------------------------------------------------------------------------

WRITER = Path(__file__).resolve().parent / "store_writer.py"
TIMEOUT = 60  # seconds to wait for any one line of a worker before failing


def parse_line(line: str) -> tuple[str, str, int | None]:
    """A worker's line about one article: status, content hash, article id."""
    status, content_hash, article_id = line.split("\t")
    return status, content_hash, None if article_id == "None" else int(article_id)


class Worker:
    """A ``store_writer.py`` process whose output lines arrive on a queue, so that waiting for
    one has a time limit."""

    def __init__(self, arguments: list[str], stderr: Path) -> None:
        self.stderr_path = stderr
        self._stderr = stderr.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=TIMEOUT)
        except queue.Empty:
            pytest.fail(f"worker silent for {TIMEOUT} s; stderr:\n{self.errors()}")

    def lines_until(self, last: str) -> list[str]:
        """The lines before the first one starting with ``last``, and that line."""
        lines = []
        while not (line := self.next_line()).startswith(last):
            lines.append(line)
        return [*lines, line]

    def errors(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        """Kill the process if it is still running, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        self._reader.join(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._stderr.close()


class Workers:
    """The worker processes of one test; ``stop_all`` in a ``finally`` (or fixture teardown)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[Worker] = []

    def start(self, arguments: list[str]) -> Worker:
        stderr = self.folder / f"worker-{len(self.started)}.stderr"
        self.started.append(Worker(arguments, stderr))
        return self.started[-1]

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()
