"""Places in the store: each gazetteer entry stored once, mentions counted per place and per
country under the sidebar's filter, unresolved places listed, the canonical name kept when the
corpus's aliases are recomputed."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    country_counts,
    entity_aliases,
    entity_counts,
    entity_mentions,
    place_counts,
    places,
    reapply_aliases,
    unresolved_places,
)

from .support import recorded_statements, sqlite_plan

WASHINGTON = Article(
    title="Trade",
    body="The US said on Monday that America would act. The United States and the UK agreed, "
    "and Britain sent ships.",
    source="Wire",
    published=dt.date(2024, 5, 1),
)
PORT = Article(
    title="Port",
    body="Ships left Rotterdam for Kraków on Tuesday. The UK watched. Fighting went on "
    "in Zzyzxland.",
    source="Daily",
    published=dt.date(2024, 6, 1),
)


def _stored(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [WASHINGTON, PORT]))


def test_places_are_counted_per_place_and_per_country(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    table = place_counts(engine)
    rows = {
        row.name: (row.geonames_id, row.country_code, row.entity, row.n_mentions, row.n_articles)
        for row in table.itertuples()
    }
    assert rows["United States"] == (6252001, "US", "United States", 3, 1)
    assert rows["United Kingdom"] == (2635167, "GB", "United Kingdom", 3, 2)
    assert rows["Rotterdam"] == (2747891, "NL", "Rotterdam", 1, 1)
    assert rows["Kraków"] == (3094802, "PL", "Kraków", 1, 1)
    assert table.iloc[0]["lat"] is not None and -90 <= table.iloc[0]["lat"] <= 90
    countries = {
        row.country_code: (row.n_mentions, row.n_articles)
        for row in country_counts(engine).itertuples()
    }
    assert countries == {"US": (3, 1), "GB": (3, 2), "NL": (1, 1), "PL": (1, 1)}
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(places)) == 4


def test_the_sidebar_filter_narrows_the_map(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    daily = ArticleFilter(sources=("Daily",))
    assert set(place_counts(engine, daily)["name"]) == {"Rotterdam", "Kraków", "United Kingdom"}
    assert set(country_counts(engine, daily)["country_code"]) == {"NL", "PL", "GB"}
    mentioning = ArticleFilter(mentioning=("United States", "GPE"))
    assert set(place_counts(engine, mentioning)["name"]) == {"United States", "United Kingdom"}


def test_unresolved_places_are_listed_not_dropped(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    table = unresolved_places(engine)
    assert table.to_dict("records") == [
        {"entity": "Zzyzxland", "label": "GPE", "n_mentions": 1, "n_articles": 1}
    ]
    assert unresolved_places(engine, ArticleFilter(sources=("Wire",))).empty


def test_one_place_is_one_row_with_its_forms_as_aliases(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    reapply_aliases(engine)  # the corpus's merges recomputed: the gazetteer's name stays
    counts = entity_counts(engine, labels=("GPE",))
    rows = {row.entity: row.n_mentions for row in counts.itertuples()}
    assert rows["United States"] == 3 and "US" not in rows and "America" not in rows
    assert rows["United Kingdom"] == 3 and "Britain" not in rows
    aliases = set(entity_aliases(engine, entity="United States", label="GPE")["alias"])
    assert aliases == {"US", "America", "United States"}
    with engine.connect() as conn:
        original = conn.execute(
            select(entity_mentions.c.alias, entity_mentions.c.original_label).where(
                entity_mentions.c.alias == "Rotterdam"
            )
        ).all()
    assert original == [("Rotterdam", "PERSON")]


def test_place_mentions_are_sought_in_their_index(nlp: Language, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The map's counts seek the mentions with a place in ``ix_entity_mentions_place_entity``
    (a range on its first column), from the index alone, instead of reading every mention."""
    from analytics.store import create_store_engine

    engine = create_store_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        _stored(engine, nlp)
        statements = recorded_statements(engine)
        place_counts(engine)
        country_counts(engine)
        grouped = [item for item in statements if "GROUP BY" in item[0]]
        assert len(grouped) == 3  # the place counts, each place's name, the country counts
        seek = "SEARCH entity_mentions USING COVERING INDEX ix_entity_mentions_place_entity"
        for sql, params in grouped:
            plan = sqlite_plan(engine, sql, params)
            assert any(step.startswith(f"{seek} (place_key>?)") for step in plan), plan
    finally:
        engine.dispose()
