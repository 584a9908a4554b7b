"""Durability: a writer killed at any moment, or failing half-way, never leaves half an article.

The crash test kills a writer process with SIGKILL at random moments (``random.Random(SEED)``,
``SEED`` below; change it to explore other moments) and checks the SQLite file after every
kill, as a new process opening it would find it: ``PRAGMA integrity_check`` is "ok", every
article the writer reported as stored is there with all of its rows, and every article there
has all of its rows (row for row equal to its analysis), with no row left over.

The writer processes never load spaCy: the articles are analysed once here and pickled.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import inspect

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.cleaning import clean_article
from analytics.frequency import TermRow
from analytics.models import Article
from analytics.nlp import load_model
from analytics.pipeline import ingest_articles
from analytics.settings import DEFAULT_MODEL
from analytics.store import (
    ALL_ARTICLES,
    ArticleFilter,
    add_analyses,
    article_detail,
    article_mentions,
    article_table,
    create_store_engine,
    entity_by_article,
    entity_counts,
    entity_sentences,
    n_articles,
    sources,
    term_by_article,
    term_frequencies,
)

WORKERS = Path(__file__).resolve().parent / "workers"

from workers import support  # noqa: E402  (tests/analytics is on sys.path under pytest)


@Language.component("explode_on_kaboom")
def explode_on_kaboom(doc: Doc) -> Doc:
    if "KABOOM" in doc.text:
        raise RuntimeError("analysis failed")
    return doc


SEED = 20241125
N_ARTICLES = 40
N_KILLS = 25
#: When each kill lands, drawn from ``random.Random(SEED)``: a quarter of the runs are killed
#: up to KILL_AFTER_FORK seconds after the writer process starts (so some kills land while it
#: opens the store, or creates it on a new file), the others up to KILL_AFTER_OPEN seconds
#: after it has opened the store (so they land while articles are being written, whatever
#: the speed of the machine).
KILL_AFTER_FORK = 0.1
KILL_AFTER_OPEN = 0.15
BATCH = 4  # store_writer.BATCH: in "batch" mode up to this many are committed at once
ALL_TABLES = support.SQLITE_STORE_TABLES


@pytest.fixture(scope="module")
def analyses(nlp: Language) -> list[ArticleAnalysis]:
    articles = [clean_article(a) for a in support.make_articles(N_ARTICLES, tag="Crash")]
    return list(analyse_articles(articles, nlp))


@pytest.fixture(scope="module")
def pickled(analyses: list[ArticleAnalysis], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("durability") / "analyses.pickle"
    path.write_bytes(pickle.dumps(analyses))
    return path


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[support.Workers]:
    started = support.Workers(tmp_path)
    yield started
    started.stop_all()


def _check_store(path: Path, expected: dict[str, Any], reported: set[str]) -> set[str]:
    """Assert the store at ``path`` is intact and complete; return its content hashes."""
    contents = support.read_store(path)
    assert contents.integrity == ["ok"]
    # all of the schema or none of it (a writer killed while creating the store)
    assert contents.tables in (set(), ALL_TABLES)
    assert contents.foreign_key_problems == []
    assert contents.orphans == dict.fromkeys(support.CHILD_QUERIES, 0)
    stored = set(contents.articles)
    assert stored <= set(expected)
    assert reported <= stored, f"reported as stored but missing: {reported - stored}"
    for content_hash, found in contents.articles.items():
        assert found == expected[content_hash], f"partial article {content_hash}"
    assert len(contents.ids) == len(set(contents.ids.values()))
    if contents.tables:  # the running corpus totals agree with the rows they sum up
        assert support.totals_disagreements(path) == []
    return stored


def record(lines: list[str], reported: set[str], stored: set[str]) -> None:
    """Add the articles a writer reported to ``reported``, checking what it said of each."""
    for status, content_hash, _ in map(support.parse_line, lines):
        assert content_hash not in reported
        # "already present" only for an article a killed run stored but could not report
        assert status == "added" or (status == "already present" and content_hash in stored)
        reported.add(content_hash)


def test_writer_killed_at_random_moments(
    analyses: list[ArticleAnalysis],
    pickled: Path,
    tmp_path: Path,
    workers: support.Workers,
) -> None:
    """25 SIGKILLs of a writer at random moments; the store is checked after every one.

    Each run is forked from a warm launcher (``store_writer.py serve``) and stores the articles
    not yet reported, one by one or in batches (``add_analyses``), chosen at
    random. When all the articles of a file are stored, the next runs start a new file, so some
    kills also land while a store is being created. The last file is finished by a run that is
    not killed, and must then hold every article.
    """
    rng = random.Random(SEED)
    expected = {a.article.content_hash: support.expected_article(a) for a in analyses}
    order = [a.article.content_hash for a in analyses]
    launcher = workers.start(["serve", str(pickled)])
    assert launcher.next_line() == "ready"

    def run(
        path: Path, mode: str, clock: str, delay: float, indices: list[int]
    ) -> tuple[list[str], int]:
        chosen = ",".join(map(str, indices))
        launcher.send(f"run sqlite:///{path} {mode} {clock} {delay:.4f} {chosen}")
        *lines, last = launcher.lines_until("exit ")
        return lines, int(last.split()[1])

    kills = kills_after_storing = files = 0
    started = time.monotonic()
    path = tmp_path / "store-0.db"
    reported: set[str] = set()
    stored: set[str] = set()
    while kills < N_KILLS:
        assert time.monotonic() - started < 60, f"only {kills} kills in 60 s"
        remaining = [i for i, content_hash in enumerate(order) if content_hash not in reported]
        if not remaining:
            assert stored == set(order)
            files += 1
            path = tmp_path / f"store-{files}.db"
            reported, stored = set(), set()
            continue
        mode = rng.choice(("single", "batch"))
        unreported = stored - reported  # stored by killed runs that could not say so
        if rng.random() < 0.25:
            lines, code = run(path, mode, "fork", rng.uniform(0, KILL_AFTER_FORK), remaining)
        else:
            lines, code = run(path, mode, "open", rng.uniform(0, KILL_AFTER_OPEN), remaining)
        assert code in (0, -9), launcher.errors()
        kills += int(code == -9)
        kills_after_storing += int(code == -9 and bool(lines))
        record(lines, reported, stored)
        stored = _check_store(path, expected, reported)
        # Newly stored but not reported: at most what this run committed and could not report
        # before it was killed (one article, or one batch).
        assert len(stored - reported - unreported) <= (1 if mode == "single" else BATCH)

    remaining = [i for i, content_hash in enumerate(order) if content_hash not in reported]
    # the kills did land while articles were being written, not only before
    assert kills_after_storing >= 3
    lines, code = run(path, "single", "fork", support.TIMEOUT, remaining)
    assert code == 0, launcher.errors()
    record(lines, reported, stored)
    assert reported == set(order)
    assert _check_store(path, expected, reported) == set(order)
    launcher.send("quit")
    assert launcher.process.wait(timeout=support.TIMEOUT) == 0
    assert launcher.errors() == ""


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_writer_killed_inside_a_transaction(
    mode: str,
    analyses: list[ArticleAnalysis],
    pickled: Path,
    tmp_path: Path,
    workers: support.Workers,
) -> None:
    """A writer killed inside its transaction, with uncommitted pages already in the WAL file:
    reopened, the store holds the articles committed before, and nothing of the others.

    In "batch" mode the writer is stopped in the third article of an ``add_analyses`` batch,
    after the first two were written in savepoints of the same transaction.
    """
    path = tmp_path / "store.db"
    url = f"sqlite:///{path}"
    hung = [3] if mode == "single" else [3, 4, 5]
    writer = workers.start(["hang", url, str(pickled), "0,1,2", ",".join(map(str, hung)), mode])
    *lines, mid = writer.lines_until("mid ")
    _, wal_before, wal_now = mid.split()
    assert int(wal_now) > int(wal_before), "the uncommitted pages should be in the WAL file"
    writer.process.kill()
    assert writer.process.wait(timeout=support.TIMEOUT) == -9

    committed = [a.article.content_hash for a in analyses[:3]]
    assert [support.parse_line(line)[:2] for line in lines] == [("added", h) for h in committed]
    expected = {a.article.content_hash: support.expected_article(a) for a in analyses}
    assert _check_store(path, expected, set(committed)) == set(committed)

    engine = create_store_engine(url)
    try:
        assert n_articles(engine) == 3
        assert sorted(article_table(engine)["title"]) == sorted(
            a.article.title for a in analyses[:3]
        )
        again = [analyses[i] for i in hung]
        results = add_analyses(engine, again)  # one article in "single" mode
        assert [r.status for r in results] == ["added"] * len(hung)
    finally:
        engine.dispose()
    everything = set(committed) | {analyses[i].article.content_hash for i in hung}
    assert _check_store(path, expected, everything) == everything


def _broken(analysis: ArticleAnalysis, how: str) -> ArticleAnalysis:
    """An analysis the database refuses part-way through its rows."""
    if how == "duplicate term row":  # IntegrityError on the terms' primary key
        duplicate = TermRow(*analysis.terms[0])
        return dataclasses.replace(analysis, terms=[*analysis.terms, duplicate])
    # a value no column takes: refused when its readability row is written
    return dataclasses.replace(analysis, readability={**analysis.readability, "n_words": {}})


@pytest.mark.parametrize("how", ["duplicate term row", "unstorable value"])
def test_failure_in_the_middle_of_a_batch(
    how: str, analyses: list[ArticleAnalysis], tmp_path: Path
) -> None:
    """One article of a batch fails after some of its rows were written: it is rejected alone,
    with none of its rows left; the others of the batch are stored once, completely."""
    path = tmp_path / "store.db"
    engine = create_store_engine(f"sqlite:///{path}")
    batch = [analyses[0], _broken(analyses[1], how), analyses[2], analyses[0]]
    try:
        results = add_analyses(engine, batch)
        assert [r.status for r in results] == ["added", "rejected", "added", "already present"]
        assert results[1].reason.startswith("could not be stored (")
        assert results[3].article_id == results[0].article_id
        # a batch of one: the failing article is rejected and leaves nothing behind
        (alone,) = add_analyses(engine, [_broken(analyses[3], how)])
        assert alone.status == "rejected"
        again = add_analyses(engine, [analyses[1], analyses[2], analyses[3]])
        assert [r.status for r in again] == ["added", "already present", "added"]
    finally:
        engine.dispose()
    expected = {a.article.content_hash: support.expected_article(a) for a in analyses}
    everything = {a.article.content_hash for a in analyses[:4]}
    assert _check_store(path, expected, everything) == everything


def test_failing_analysis_in_a_batch_through_the_pipeline(tmp_path: Path) -> None:
    """Through ``ingest_articles``: an article whose analysis raises half-way through a batch is
    rejected alone; the others are stored exactly once, even when ingested a second time."""
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("explode_on_kaboom")
    articles = support.make_articles(5, tag="Pipeline")
    bad = dataclasses.replace(articles[2], body=articles[2].body + " KABOOM.")
    stream = [articles[0], articles[1], bad, articles[3], articles[1], articles[4]]
    path = tmp_path / "store.db"
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        first = list(ingest_articles(engine, blank, stream, batch_size=3))
        second = list(ingest_articles(engine, blank, stream, batch_size=3))
        assert [r.status for r in first] == [
            "added",
            "added",
            "rejected",
            "added",
            "already present",
            "added",
        ]
        assert [r.status for r in second] == ["already present"] * 2 + ["rejected"] + [
            "already present"
        ] * 3
        assert [r.article_id for r in second] == [r.article_id for r in first]
        assert n_articles(engine) == 4
    finally:
        engine.dispose()
    contents = support.read_store(path)
    assert contents.integrity == ["ok"]
    assert contents.orphans == dict.fromkeys(support.CHILD_QUERIES, 0)
    assert sorted(found.title for found in contents.articles.values()) == sorted(
        clean_article(a).title for a in (articles[0], articles[1], articles[3], articles[4])
    )
    assert all(found.readability is not None for found in contents.articles.values())


# --- bound parameters -------------------------------------------------------------------------

HOSTILE_PERSON = "Robert'); DROP TABLE students;-- Smith"
HOSTILE_ORG = "O'Brien'); DELETE FROM terms;-- Ltd"
HOSTILE_SOURCE = "'); DROP TABLE articles;--"
HOSTILE_SENTENCES = [
    f"{HOSTILE_PERSON} met {HOSTILE_ORG} in Paris on Monday.",
    f"{HOSTILE_ORG} said the 100% _sale_ was over.",
    'Critics of O\'Brien said " OR "1"="1 was a joke.',
]


def _pairs(keys: Iterable[Any], values: Iterable[Any]) -> dict[Any, Any]:
    return dict(zip(keys, values, strict=True))


def test_hostile_strings_round_trip_through_the_whole_path(tmp_path: Path) -> None:
    """Entity, word, source and search strings made of SQL go in and come out unchanged, and
    every table is still there: every query binds its values as parameters.

    The entities come from the real model with an entity ruler in front of its recogniser (a
    private copy of the pipeline, so the session's is left alone), so that the mentions are
    exactly these strings; the words are the model's own."""
    nlp = load_model.__wrapped__(DEFAULT_MODEL)
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(
        [{"label": "PERSON", "pattern": HOSTILE_PERSON}, {"label": "ORG", "pattern": HOSTILE_ORG}]
    )
    raw = Article(
        title="Robert'); DROP TABLE articles;-- <b>meets</b> O'Brien",
        body=" ".join(HOSTILE_SENTENCES[:2]) + "\n\n" + HOSTILE_SENTENCES[2],
        source=HOSTILE_SOURCE,
        language="en",
    )
    article = clean_article(raw)
    (analysis,) = analyse_articles([article], nlp)
    grams = {
        n: {row.term: row.n_occurrences for row in analysis.terms if row.n == n} for n in (1, 2, 3)
    }
    assert grams[1]["o'brien"] == 3
    assert (grams[2]["drop table"], grams[2]["delete from"]) == (1, 2)
    assert grams[3]["smith met o'brien"] == 1

    engine = create_store_engine(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        (result,) = ingest_articles(engine, nlp, [raw])
        assert result.status == "added"
        detail = article_detail(engine, result.article_id)
        assert detail is not None
        assert (detail["title"], detail["body"]) == (article.title, article.body)
        assert detail["source"] == HOSTILE_SOURCE
        assert sources(engine) == [HOSTILE_SOURCE]

        hostile = [(HOSTILE_ORG, "ORG", 2), (HOSTILE_PERSON, "PERSON", 1)]
        everything, filtered = ALL_ARTICLES, ArticleFilter(sources=(HOSTILE_SOURCE,))
        for flt in (everything, filtered):  # corpus totals, and the per-article rows
            counts = entity_counts(engine, flt).set_index(["entity", "label"])
            for entity, label, n in hostile:
                assert counts.loc[(entity, label), "n_mentions"] == n
                assert counts.loc[(entity, label), "n_articles"] == 1
            for n, expected_terms in grams.items():
                stored = term_frequencies(engine, flt, n=n, stop_words=True, top=None)
                assert _pairs(stored["term"], stored["n_occurrences"]) == expected_terms

        org = entity_sentences(engine, entity=HOSTILE_ORG, label="ORG")
        assert list(org["sentence"]) == HOSTILE_SENTENCES[:2]
        person = entity_sentences(engine, entity=HOSTILE_PERSON, label="PERSON")
        assert list(person["sentence"]) == HOSTILE_SENTENCES[:1]
        by_article = entity_by_article(engine, chosen_entities=((HOSTILE_ORG, "ORG"),))
        assert by_article[["entity", "label", "n_mentions"]].to_dict("records") == [
            {"entity": HOSTILE_ORG, "label": "ORG", "n_mentions": 2}
        ]
        uses = term_by_article(engine, chosen_terms=("o'brien", "drop"))
        assert _pairs(uses["term"], uses["n_occurrences"]) == {"drop": 1, "o'brien": 3}
        uses = term_by_article(engine, chosen_terms=("drop table", "' or 1=1 --"), n=2)
        assert _pairs(uses["term"], uses["n_occurrences"]) == {"drop table": 1}
        mentions = article_mentions(engine, result.article_id)
        assert {HOSTILE_ORG, HOSTILE_PERSON} <= set(mentions["entity"])
        assert all(
            article.body[row.start_char : row.end_char] == row.surface
            for row in mentions.itertuples()
        )

        searches = {
            HOSTILE_SOURCE: 1,  # in the title
            "'); DROP TABLE students;--": 1,
            "'); delete from TERMS;--": 1,  # case-insensitive
            '" OR "1"="1': 1,
            "100% _sale_": 1,
            # Whole words: punctuation is not searched for, never taken as a wildcard or as
            # full-text syntax, and a query without a word finds nothing.
            "100%_": 1,
            "%": 0,
            "_": 0,
            "' OR '1'='1": 1,  # the words "or" and "1", both in the third sentence
            "sale_ wa": 0,  # "wa" is no word of the article ("was" is)
        }
        for needle, expected in searches.items():
            assert n_articles(engine, ArticleFilter(search=needle)) == expected, needle
        assert n_articles(engine, ArticleFilter(sources=("x' OR '1'='1",))) == 0

        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert tables == support.SQLITE_STORE_TABLES
        assert n_articles(engine) == 1
    finally:
        engine.dispose()
