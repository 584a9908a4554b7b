"""Places in the store: the gazetteer entries the articles mention (stored once, when first
mentioned) and the Map page's queries: mentions and articles per place and per country, and
the place mentions that did not resolve on the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.engine import Connection

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.gazetteer import Place
from analytics.store._common import _chunks, _frame, _upsert_insert
from analytics.store.filtering import _restrict
from analytics.store.schema import entity_mentions, places

#: Labels whose mentions, unresolved, are listed as places the gazetteer does not know.
UNRESOLVED_LABELS = ("GPE", "LOC")
PLACE_COLUMNS = (
    "key",
    "geonames_id",
    "name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "entity",
    "label",
    "n_mentions",
    "n_articles",
)


def _add_places(conn: Connection, found: Iterable[Place]) -> None:
    """Store the places not stored yet (a place is the same whatever article names it)."""
    rows = [
        {
            "key": place.key,
            "geonames_id": place.geonames_id,
            "name": place.name,
            "kind": place.kind,
            "country_code": place.country_code,
            "lat": place.latitude,
            "lon": place.longitude,
        }
        for place in {place.key: place for place in found}.values()
    ]
    if rows:
        conn.execute(_upsert_insert(conn, places).on_conflict_do_nothing(), rows)


#: A mention resolved to a place: its key is not empty. Written as a range, not ``!= ''``, so
#: that the database seeks the place mentions in ``ix_entity_mentions_place_entity`` instead of
#: reading every mention (PostgreSQL, 100,000 articles: 472,000 of 4,037,000 mentions).
_HAS_PLACE = entity_mentions.c.place_key > ""


def place_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """The places the selected articles mention, most mentioned first.

    Columns: key, geonames_id, name, kind, country_code, lat, lon, entity and label (the row
    of the dashboard's entity tables that counts the place: its most mentioned one), n_mentions,
    n_articles.
    """
    mentions = func.count()
    statement = _restrict(
        select(
            entity_mentions.c.place_key.label("key"),
            mentions.label("n_mentions"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
        ).where(_HAS_PLACE),
        entity_mentions.c.article_id,
        flt,
    ).group_by(entity_mentions.c.place_key)
    counts = _frame(engine, statement)
    if counts.empty:
        return pd.DataFrame(columns=list(PLACE_COLUMNS))
    rows = _restrict(
        select(
            entity_mentions.c.place_key.label("key"),
            entity_mentions.c.entity,
            entity_mentions.c.label,
            func.count().label("n"),
        ).where(_HAS_PLACE),
        entity_mentions.c.article_id,
        flt,
    ).group_by(entity_mentions.c.place_key, entity_mentions.c.entity, entity_mentions.c.label)
    named = (
        _frame(engine, rows)
        .sort_values(["key", "n", "entity"], ascending=[True, False, True], kind="stable")
        .drop_duplicates("key")[["key", "entity", "label"]]
    )
    stored = _frame(engine, select(places).where(places.c.key.in_(counts["key"].tolist())))
    table = stored.merge(named, on="key").merge(counts, on="key")
    return (
        table[list(PLACE_COLUMNS)]
        .sort_values(["n_mentions", "name"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def country_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Mentions of each country's places (the country's own and those inside it) in the
    selected articles, and the number of those articles, most mentioned first.

    Columns: country_code (ISO 3166-1 alpha-2), n_mentions, n_articles. Places of no country
    (continents) are left out.
    """
    mentions = func.count()
    statement = (
        _restrict(
            select(
                places.c.country_code,
                mentions.label("n_mentions"),
                func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
            )
            .select_from(entity_mentions.join(places, places.c.key == entity_mentions.c.place_key))
            .where(_HAS_PLACE, places.c.country_code != ""),
            entity_mentions.c.article_id,
            flt,
        )
        .group_by(places.c.country_code)
        .order_by(mentions.desc(), places.c.country_code)
    )
    return _frame(engine, statement)


def unresolved_places(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Place mentions (GPE, LOC) of the selected articles that name no gazetteer entry, never
    dropped silently: columns entity, label, n_mentions, n_articles; most mentioned first."""
    mentions = func.count()
    statement = (
        _restrict(
            select(
                entity_mentions.c.entity,
                entity_mentions.c.label,
                mentions.label("n_mentions"),
                func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
            ).where(
                entity_mentions.c.place_key == "",
                entity_mentions.c.label.in_(UNRESOLVED_LABELS),
            ),
            entity_mentions.c.article_id,
            flt,
        )
        .group_by(entity_mentions.c.entity, entity_mentions.c.label)
        .order_by(mentions.desc(), entity_mentions.c.entity, entity_mentions.c.label)
    )
    return _frame(engine, statement)


def _mentioned_places(conn: Connection, article_ids: list[int]) -> set[str]:
    """The keys of the places these articles mention."""
    keys: set[str] = set()
    for chunk in _chunks(article_ids):
        keys.update(
            conn.scalars(
                select(entity_mentions.c.place_key)
                .where(entity_mentions.c.article_id.in_(chunk), entity_mentions.c.place_key != "")
                .distinct()
            )
        )
    return keys


def _forget_places(conn: Connection, keys: set[str]) -> None:
    """Drop the places among ``keys`` that no stored mention names any more (a fresh load of
    the remaining articles would not have them)."""
    for chunk in _chunks(sorted(keys)):
        still = set(
            conn.scalars(
                select(entity_mentions.c.place_key)
                .where(entity_mentions.c.place_key.in_(chunk))
                .distinct()
            )
        )
        gone = set(chunk) - still
        if gone:
            conn.execute(delete(places).where(places.c.key.in_(gone)))
