"""The articles that mention chosen entities most (the Entities page's heat map): exact rows
under a filter and a cap, their count, and the plan that reads them from an index alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    create_store_engine,
    entity_by_article,
    n_articles_mentioning,
)

from .support import recorded_statements, sqlite_plan

ARTICLES = [
    Article(
        title="Trade",
        body="Germany and France signed the deal. Germany said it was fair. France agreed.",
        source="Wire",
        published=dt.date(2024, 5, 1),
    ),
    Article(
        title="Energy",
        body="Germany cut its gas use. Germany, Germany and again Germany.",
        source="Daily",
        published=dt.date(2024, 5, 2),
    ),
    Article(
        title="Wine",
        body="France sold more wine to Japan this year.",
        source="Daily",
        published=dt.date(2024, 5, 3),
    ),
    Article(
        title="Ports",
        body="Ships left Rotterdam on Monday.",
        source="Wire",
        published=dt.date(2024, 5, 4),
    ),
]
CHOSEN = (("Germany", "GPE"), ("France", "GPE"))


def _stored(engine: Engine, nlp: Language) -> None:
    results = list(ingest_articles(engine, nlp, ARTICLES))
    assert [result.status for result in results] == ["added"] * 4


def test_the_articles_mentioning_the_chosen_entities_most(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    table = entity_by_article(engine, chosen_entities=CHOSEN)
    rows = [(row.article_id, row.title, row.entity, row.n_mentions) for row in table.itertuples()]
    assert rows == [
        (1, "Trade", "France", 2),
        (1, "Trade", "Germany", 2),
        (2, "Energy", "Germany", 4),
        (3, "Wine", "France", 1),
    ]
    assert n_articles_mentioning(engine, chosen_entities=CHOSEN) == 3
    # the cap keeps the articles with the most mentions of the chosen entities together
    capped = entity_by_article(engine, chosen_entities=CHOSEN, top_articles=2)
    assert sorted(set(capped["article_id"])) == [1, 2]
    daily = ArticleFilter(sources=("Daily",))
    narrowed = entity_by_article(engine, daily, chosen_entities=CHOSEN)
    assert list(zip(narrowed["article_id"], narrowed["entity"], strict=True)) == [
        (2, "Germany"),
        (3, "France"),
    ]
    assert n_articles_mentioning(engine, daily, chosen_entities=CHOSEN) == 2
    assert n_articles_mentioning(engine, chosen_entities=(("Japan", "GPE"),)) == 1
    assert entity_by_article(engine, chosen_entities=()).empty


def test_the_chosen_entities_are_read_from_an_index_alone(nlp: Language, tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        _stored(engine, nlp)
        statements = recorded_statements(engine)
        entity_by_article(engine, chosen_entities=CHOSEN)
        n_articles_mentioning(engine, chosen_entities=CHOSEN)
        seek = (
            "SEARCH entity_mentions USING COVERING INDEX ix_entity_mentions_entity_alias "
            "(entity=? AND label=?)"
        )
        unions = [item for item in statements if "UNION ALL" in item[0]]
        assert len(unions) == 2
        for sql, params in unions:
            plan = sqlite_plan(engine, sql, params)
            # a seek in the index for each chosen entity; the mentions' rows never read
            assert sum(step == seek for step in plan) >= len(CHOSEN), plan
            reads = [step for step in plan if "entity_mentions" in step]
            assert all("USING COVERING INDEX" in step for step in reads), plan
    finally:
        engine.dispose()
