"""Storing in bulk stores what storing one article at a time stores: the same analyses written
one per batch, all in one batch, and in batches of three leave the same rows in every table
(the time each article was added aside), with the same results; a batch whose bulk write
is refused falls back to one article at a time with the same rows; and the mentions of a batch
just written are reassigned from the analyses as the stored rows would be."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine, select

from analytics.analysis import ArticleAnalysis, analyse_articles
from analytics.cleaning import clean_article
from analytics.duplicates import DEFAULT_THRESHOLD
from analytics.frequency import TermRow
from analytics.models import Article
from analytics.readers import read_path
from analytics.store import add_analyses, create_store_engine, metadata
from analytics.store.aliases import _stored_mentions, _written_mentions
from analytics.store.sizes import fitted_analysis
from analytics.store.writing import _store_in_bulk

from .support import BUDGET, POSTGRES_URL, STRIKE

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
Contents = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def analyses(nlp: Language) -> list[ArticleAnalysis]:
    seeds = [article for outcome in read_path(SEEDS) for article in outcome.articles]
    first = seeds[0]
    # a near-duplicate of the first (one word changed), people named in full then in part
    # (an alias merge), and a repeat within the stream
    near = first.with_changes(
        title=f"{first.title} (updated)", body=first.body.replace(" the ", " a ", 1)
    )
    people = [
        Article(
            title="Summit",
            body="Vladimir Putin arrived in Minsk on Monday. Vladimir Putin met the president "
            'there. "The talks went well," Putin said.',
        ),
        Article(title="Gas", body="Putin spoke about gas prices in Moscow on Friday."),
    ]
    with_metadata = BUDGET.with_changes(metadata=(("author", "A. Writer"), ("section", "Politics")))
    articles = [clean_article(a) for a in [*seeds, with_metadata, near, *people, STRIKE]]
    assert near.body != first.body
    stored = list(analyse_articles(articles, nlp))
    return [*stored, stored[1]]  # the repeat of an analysis already in the stream


def _contents(engine: Engine) -> Contents:
    """Every row of every table, sorted (the time an article was added left out)."""
    contents = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [column for column in table.columns if column.name != "added_at"]
            rows = conn.execute(select(*columns)).all()
            contents[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return contents


def _store_in_batches(
    url: str, analyses: list[ArticleAnalysis], size: int
) -> tuple[list, Contents]:
    engine = create_store_engine(url)
    try:
        results = []
        for start in range(0, len(analyses), size):
            results.extend(add_analyses(engine, analyses[start : start + size]))
        return [(r.status, r.article_id, r.title) for r in results], _contents(engine)
    finally:
        engine.dispose()


def _fresh(db_url: str) -> str:
    """The store emptied (PostgreSQL: its tables dropped; SQLite: a new file each time)."""
    if db_url == POSTGRES_URL:
        engine = create_store_engine(db_url)
        metadata.drop_all(engine)
        engine.dispose()
        return db_url
    path = Path(db_url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return db_url


def test_one_per_batch_and_all_in_one_batch_store_the_same_rows(
    db_url: str, analyses: list[ArticleAnalysis]
) -> None:
    one_by_one = _store_in_batches(_fresh(db_url), analyses, 1)
    in_one = _store_in_batches(_fresh(db_url), analyses, len(analyses))
    in_threes = _store_in_batches(_fresh(db_url), analyses, 3)
    results, contents = one_by_one
    n = len(analyses)
    assert [status for status, _, _ in results] == ["added"] * (n - 1) + ["already present"]
    assert results[-1][1] == results[1][1]
    # the batch exercised every kind of row: a near-duplicate pair and its cluster, aliases
    # merged, places, quotations, metadata
    for table in (
        "duplicate_pairs",
        "duplicate_clusters",
        "entity_alias_map",
        "places",
        "quotes",
        "article_metadata",
        "signature_bands",
        "corpus_aliases",
        "person_alias_words",
    ):
        assert contents[table], table
    assert len(contents["articles"]) == n - 1
    for other in (in_one, in_threes):
        assert other[0] == results
        for table, rows in contents.items():
            assert other[1][table] == rows, table


def test_a_refused_bulk_write_falls_back_to_one_at_a_time(
    db_url: str, analyses: list[ArticleAnalysis]
) -> None:
    """A batch with an article the database refuses stores the others as a batch without it
    would: the same rows, the refused article rejected alone."""
    good = analyses[:6]
    first = good[0]
    broken = dataclasses.replace(first, terms=[*first.terms, TermRow(*first.terms[0])])
    results, with_broken = _store_in_batches(_fresh(db_url), [good[1], broken, *good[2:]], 10)
    assert [status for status, _, _ in results] == ["added", "rejected", *["added"] * 4]
    expected_results, expected = _store_in_batches(_fresh(db_url), [good[1], *good[2:]], 10)
    if db_url != POSTGRES_URL:  # SQLite gives the ids alone; PostgreSQL's sequence moved on
        assert with_broken == expected
        assert [r for r in results if r[0] == "added"] == expected_results
    else:
        assert {t: len(rows) for t, rows in with_broken.items()} == {
            t: len(rows) for t, rows in expected.items()
        }


def test_the_mentions_of_a_written_batch_are_taken_as_stored(
    db_url: str, analyses: list[ArticleAnalysis]
) -> None:
    """The alias merges reassign the mentions of a batch just written from the analyses
    (``_written_mentions``) instead of reading them back: they are the rows stored, each with
    its place's stored name, in the same order."""
    engine = create_store_engine(_fresh(db_url))
    try:
        checked = [fitted_analysis(analysis) for analysis in analyses[:-1]]
        fitted = [analysis for analysis in checked if isinstance(analysis, ArticleAnalysis)]
        assert len(fitted) == len(checked)  # none rejected
        with engine.begin() as conn:
            _, stored, ids = _store_in_bulk(conn, fitted, None, DEFAULT_THRESHOLD)
            written = _written_mentions(conn, stored, ids)
            read = _stored_mentions(conn, ids)
            assert [tuple(row) for article_id in ids for row in written[article_id]] == [
                tuple(row) for row in read
            ]
            assert len(read) > 20
            assert any(row.place_name for row in read)  # a place, under its gazetteer name
            assert any(row.type_cue for row in read) and not all(row.type_cue for row in read)
            assert any(row.alias != row.entity for row in read)  # merged within its article
    finally:
        engine.dispose()
