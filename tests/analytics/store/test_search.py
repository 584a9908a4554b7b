"""Search: whole words and quoted phrases, accents and case ignored, through FTS5 on SQLite and
a GIN-indexed ``tsvector`` on PostgreSQL, with the same results on both (every test here runs
on each backend with the same expected titles)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine, delete, func, select, text

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.search import MAX_DOCUMENT_WORDS, fts5_query, search_document, search_phrases
from analytics.store import ArticleFilter, article_table, create_store_engine, delete_articles
from analytics.store.schema import article_search
from analytics.store.search import FTS_TABLE, _drop_search_index

TEXTS = {
    "War in the north": "The war began in spring. It was long.",
    "Software prizes": "An award for software; a warning was issued.",
    "Old conflicts": "Two wars ended in the past.",
    "Café society": "The CAFÉ opened on Monday.",
    "Prices rise": "A cafe raised its prices.",
    "Blair speaks": "Tony Blair spoke today. Mr Blair said little.",
    "Two names": "Cherie Blair met Tony Adams at the station.",
    "A well-known face": "Conor O'Brien is well known in Dublin.",
    "Figures": "Growth was 3.5% in 2024, said the G7.",
}

#: query -> the titles of the articles it finds, on either backend
EXPECTED: dict[str, set[str]] = {
    "war": {"War in the north"},
    "WAR": {"War in the north"},
    "wars": {"Old conflicts"},
    "software": {"Software prizes"},
    "award": {"Software prizes"},
    "warn": set(),
    "café": {"Café society", "Prices rise"},
    "CAFE": {"Café society", "Prices rise"},
    "Tony Blair": {"Blair speaks", "Two names"},
    '"Tony Blair"': {"Blair speaks"},
    '"tony   BLAIR"': {"Blair speaks"},
    "blair": {"Blair speaks", "Two names"},
    '"Blair Tony"': set(),
    "O'Brien": {"A well-known face"},
    "o brien": {"A well-known face"},
    "well-known": {"A well-known face"},
    '"well known face"': {"A well-known face"},
    '"3.5"': {"Figures"},
    "2024 g7": {"Figures"},
    "-war": {"War in the north"},
    "war spring": {"War in the north"},
    "war autumn": set(),
    '"war began': {"War in the north"},  # an unclosed quote runs to the end
    # FTS5 and tsquery syntax is searched as words, never run
    "war OR wars": set(),
    "NEAR(war spring)": set(),
    "war*": {"War in the north"},
    "war & !spring": {"War in the north"},
    '"" war': {"War in the north"},
    '"': set(),  # no word at all: nothing
    "!!! ...": set(),
}


@pytest.fixture
def searchable(engine: Engine, nlp: Language) -> dict[str, int]:
    """The articles of ``TEXTS`` stored; their ids by title."""
    stored = list(
        ingest_articles(
            engine, nlp, [Article(title=title, body=body) for title, body in TEXTS.items()]
        )
    )
    assert [result.status for result in stored] == ["added"] * len(TEXTS)
    return {result.title: int(result.article_id or 0) for result in stored}


def _found(engine: Engine, query: str) -> set[str]:
    return set(article_table(engine, ArticleFilter(search=query))["title"])


def test_queries(engine: Engine, searchable: dict[str, int]) -> None:
    found = {query: _found(engine, query) for query in EXPECTED}
    assert found == EXPECTED


def test_search_combines_with_other_filters(engine: Engine, searchable: dict[str, int]) -> None:
    only = ArticleFilter(search="blair", article_ids=(searchable["Two names"],))
    assert list(article_table(engine, only)["title"]) == ["Two names"]
    per_cluster = ArticleFilter(search="cafe", one_per_cluster=True)
    assert set(article_table(engine, per_cluster)["title"]) == {"Café society", "Prices rise"}


def test_documents_follow_inserts_and_deletes(
    engine: Engine, nlp: Language, searchable: dict[str, int]
) -> None:
    assert delete_articles(engine, [searchable["War in the north"]]) == 1
    assert _found(engine, "war") == set()
    assert _found(engine, "spring") == set()
    list(ingest_articles(engine, nlp, [Article(title="Peace talks", body="After the war.")]))
    assert _found(engine, "war") == {"Peace talks"}
    with engine.connect() as conn:
        n_documents = conn.scalar(select(func.count()).select_from(article_search))
    assert n_documents == len(TEXTS)


def test_older_store_gets_its_documents_on_opening(
    engine: Engine, db_url: str, searchable: dict[str, int]
) -> None:
    """A store from before search (no documents; on SQLite no FTS5 table) is indexed on
    opening."""
    with engine.begin() as conn:
        _drop_search_index(conn)
        conn.execute(delete(article_search))
    if engine.dialect.name == "postgresql":
        assert _found(engine, "blair") == set()
    reopened = create_store_engine(db_url)
    try:
        assert _found(reopened, "blair") == {"Blair speaks", "Two names"}
        assert _found(reopened, '"Tony Blair"') == {"Blair speaks"}
    finally:
        reopened.dispose()


def test_each_backend_searches_through_its_own_full_text_index(
    engine: Engine, searchable: dict[str, int]
) -> None:
    """SQLite: an FTS5 table holding every article; PostgreSQL: a GIN index on the vector."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            definition = conn.scalar(
                text("SELECT sql FROM sqlite_master WHERE name = :name"), {"name": FTS_TABLE}
            )
            matched = set(
                conn.scalars(
                    text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query"),
                    {"query": '"blair"'},
                )
            )
        assert definition is not None and "USING fts5" in definition
        assert matched == {searchable["Blair speaks"], searchable["Two names"]}
        return
    with engine.connect() as conn:
        definition = conn.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_article_search_document'")
        )
    assert definition is not None
    assert "USING gin (vector)" in definition


def test_normalising() -> None:
    assert search_document("CAFÉ Straße", "naïve ﬁne — 3.5% x_y") == (
        "cafe strasse naive fine 3 5 x y"
    )
    assert search_phrases('Tony "Tony Blair" tony O\'Brien') == (
        ("tony",),
        ("tony", "blair"),
        ("o", "brien"),
    )
    assert fts5_query((("war",), ("tony", "blair"))) == '"war" AND "tony blair"'
    long_body = " ".join(["word"] * (MAX_DOCUMENT_WORDS + 10))
    assert len(search_document("title", long_body).split()) == MAX_DOCUMENT_WORDS
    assert search_document("", "x" * 101 + " short") == "short"


def test_same_results_on_a_fresh_sqlite_store(tmp_path: Path, nlp: Language) -> None:
    """In memory too (FTS5 is compiled into Python's SQLite here)."""
    engine = create_store_engine(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        list(ingest_articles(engine, nlp, [Article(title="War", body="Software award.")]))
        assert _found(engine, "war") == {"War"}
        assert _found(engine, "ware") == set()
    finally:
        engine.dispose()
