"""Upgrading a store written by an older version: the articles are analysed again."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Column, Integer, MetaData, Table, inspect, text

from analytics import store
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import SCHEMA_VERSION, create_store_engine, schema_version
from analytics.upgrade import n_articles_to_upgrade, needs_upgrade, upgrade_store

ARTICLES = [
    Article(
        title=f"Council vote {number}",
        body=f"The council in Leeds voted {number} times on the budget. Anna Berg said the vote "
        "was fair. The budget passed.",
        source="Test Gazette" if number % 2 else "Other Paper",
        published=dt.date(2024, 5, number),
        url=f"https://example.org/{number}",
        file_name=f"vote-{number}.txt",
    )
    for number in range(1, 6)
]


def _old_store(url: str, nlp: Language) -> None:
    """A store as an older version left it: no recorded schema version, a table the current
    version no longer has, and one it does not have yet."""
    engine = create_store_engine(url)
    assert [r.status for r in ingest_articles(engine, nlp, ARTICLES)] == ["added"] * 5
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM store_meta"))
        conn.execute(text("DROP TABLE corpus_terms"))
        Table("retired_table", MetaData(), Column("x", Integer)).create(conn)
    engine.dispose()


def _snapshot(engine) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "articles": store.article_table(engine)
        .drop(columns=["article_id"])
        .sort_values("title")
        .to_dict("records"),
        "words": store.term_frequencies(engine, top=20).to_dict("records"),
        "entities": store.entity_counts(engine).to_dict("records"),
    }


def test_a_new_store_has_the_current_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_store_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert schema_version(engine) == SCHEMA_VERSION
    assert not needs_upgrade(engine)
    # opening it again does not write the version twice
    assert schema_version(create_store_engine(f"sqlite:///{tmp_path / 'new.db'}")) == 3


def test_an_old_store_is_analysed_again(tmp_path, nlp: Language) -> None:  # type: ignore[no-untyped-def]
    fresh = create_store_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    list(ingest_articles(fresh, nlp, ARTICLES))
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_store(url, nlp)

    engine = create_store_engine(url)
    assert schema_version(engine) == 1
    assert needs_upgrade(engine)
    assert n_articles_to_upgrade(engine) == 5
    results = list(upgrade_store(engine, nlp))
    assert [(r.status, r.article_id, r.title) for r in results] == [
        ("added", number, f"Council vote {number}") for number in range(1, 6)
    ]
    assert not needs_upgrade(engine)
    assert schema_version(engine) == SCHEMA_VERSION
    tables = set(inspect(engine).get_table_names())
    assert "retired_table" not in tables
    assert "articles_previous" not in tables
    assert {"corpus_terms", "store_meta"} <= tables
    assert _snapshot(engine) == _snapshot(fresh)


def test_an_interrupted_upgrade_resumes(tmp_path, nlp: Language) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_store(url, nlp)
    engine = create_store_engine(url)
    upgrading = upgrade_store(engine, nlp, batch_size=2)
    assert next(upgrading).status == "added"
    upgrading.close()  # stopped after the first batch of two was stored
    assert store.n_articles(engine) == 2
    assert needs_upgrade(engine)
    assert n_articles_to_upgrade(engine) == 5
    results = list(upgrade_store(create_store_engine(url), nlp, batch_size=2))
    assert [r.status for r in results] == ["already present"] * 2 + ["added"] * 3
    assert store.n_articles(engine) == 5
    assert not needs_upgrade(engine)
