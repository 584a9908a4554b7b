"""Ingesting with spaCy in worker processes stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    corpus_aliases,
    corpus_entities,
    corpus_terms,
    create_store_engine,
    entity_mentions,
    quotes,
    readability,
    sentences,
    signature_bands,
    terms,
)

CITIES = ["Paris", "Lyon", "Warsaw", "Madrid", "Dublin", "Vienna", "Prague"]


def _articles() -> list[Article]:
    articles = [
        Article(
            title=f"Talks in {city}",
            body=(
                f'Anna Kowalski met union leaders in {city} on Monday. "We want a fair deal," '
                f"Kowalski said. The talks in {city} ended late, and {i + 2} ministers left."
            ),
            source="Pipeline Test",
        )
        for i, city in enumerate(CITIES)
    ]
    # a repeat of an earlier article and an article with no text among them
    return [*articles[:3], articles[1], Article(title="Empty", body="   "), *articles[3:]]


def _contents(path: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """The rows of the analysis tables, sorted; of a SQLite file or a store's URL."""
    engine = create_store_engine(path if isinstance(path, str) else f"sqlite:///{path}")
    tables = (
        terms,
        sentences,
        entity_mentions,
        quotes,
        readability,
        signature_bands,
        corpus_terms,
        corpus_entities,
        corpus_aliases,
    )
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
                for table in tables
            }
    finally:
        engine.dispose()


def test_worker_processes_store_what_one_process_stores(nlp: Language, tmp_path: Path) -> None:
    outcomes = {}
    for n_process in (1, 2):
        path = tmp_path / f"store_{n_process}.db"
        engine = create_store_engine(f"sqlite:///{path}")
        try:
            results = list(
                ingest_articles(engine, nlp, _articles(), batch_size=2, n_process=n_process)
            )
        finally:
            engine.dispose()
        outcomes[n_process] = (
            [(r.status, r.article_id, r.title) for r in results],
            _contents(path),
        )
    statuses = [status for status, _, _ in outcomes[1][0]]
    assert statuses == ["added"] * 3 + ["already present", "rejected"] + ["added"] * 4
    assert outcomes[1][0][3][1] == outcomes[1][0][1][1]  # the repeat has the first one's id
    assert outcomes[2] == outcomes[1]
    assert len(outcomes[1][1]["entity_mentions"]) >= 2 * len(CITIES)
    assert len(outcomes[1][1]["quotes"]) == len(CITIES)
