"""Entity aliases in the store: the corpus's automatic merges ("Putin" into
"Vladimir Putin") kept up to date as articles come and go, the user's corrections (merge,
split, undo), and the reassignment of stored mentions (with the corpus totals) when either
changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from typing import Any

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, func, insert, or_, select, tuple_
from sqlalchemy.engine import Connection

from analytics.aliases import Correction, alias_words, name_words, resolve_entities
from analytics.aliases import corpus_aliases as automatic_corpus_aliases  # the table's name
from analytics.analysis import ArticleAnalysis
from analytics.store._common import (
    _chunks,
    _frame,
    _frame_in,
    _inserted_id,
    _now,
    _upsert_insert,
    _write_rows,
    _writer,
)
from analytics.store.schema import (
    articles,
    corpus_aliases,
    corpus_entities,
    entity_alias_map,
    entity_corrections,
    entity_mentions,
    person_alias_words,
)
from analytics.store.totals import _add_alias_words, _add_entity_totals, _rebuild_alias_counts


def _merge_new_aliases(
    conn: Connection, analyses: list[ArticleAnalysis], article_ids: list[int]
) -> None:
    """Count the new articles' aliases, recompute the corpus's merges of the people they
    name, and give their mentions (and those of articles whose merges changed) their rows."""
    counts: Counter[tuple[str, str]] = Counter()
    for analysis in analyses:
        for mention in analysis.mentions:
            counts[(mention.alias or mention.entity, mention.label)] += 1
    rows = [(alias, label, n) for (alias, label), n in sorted(counts.items())]
    keys = ("alias", "label")
    _write_rows(
        conn, corpus_aliases, (*keys, "n_mentions"), rows, keys=keys, counts=("n_mentions",)
    )
    people = {alias for alias, label in counts if label == "PERSON"}
    _add_alias_words(conn, people)
    with_mentions = {i for i, a in zip(article_ids, analyses, strict=True) if a.mentions}
    _refresh_aliases(conn, people, with_mentions)


def _subtract_aliases(conn: Connection, ids: list[int]) -> set[str]:
    """Take the mentions of the articles ``ids`` out of the alias counts; returns the people
    they named."""
    removed = (
        select(entity_mentions.c.alias, entity_mentions.c.label, func.count().label("amount"))
        .where(entity_mentions.c.article_id.in_(ids))
        .group_by(entity_mentions.c.alias, entity_mentions.c.label)
    )
    people = set()
    for row in conn.execute(removed).mappings().all():
        conn.execute(
            corpus_aliases.update()
            .where(corpus_aliases.c.alias == row["alias"], corpus_aliases.c.label == row["label"])
            .values(n_mentions=corpus_aliases.c.n_mentions - row["amount"])
        )
        if row["label"] == "PERSON":
            people.add(row["alias"])
    conn.execute(delete(corpus_aliases).where(corpus_aliases.c.n_mentions <= 0))
    return people


def _refresh_aliases(conn: Connection, people: set[str], article_ids: set[int]) -> None:
    """Recompute the corpus's merges of the names sharing a word with ``people``, store
    the ones that changed, and reassign the mentions of ``article_ids`` and of every article
    naming an alias whose merge changed."""
    # a name's merge depends on the names with its last word anywhere ("Arnold" on
    # "Andrea Arnold" and on "Arnold Schwarzenegger")
    touched = {word for words in map(name_words, people) for word in words}
    changed: set[str] = set()
    if touched:
        sharing = [
            select(person_alias_words.c.alias).where(person_alias_words.c.word.in_(chunk))
            for chunk in _chunks(sorted(touched))
        ]
        counts = _frame_in(
            conn,
            select(corpus_aliases.c.alias, corpus_aliases.c.label, corpus_aliases.c.n_mentions)
            .where(
                corpus_aliases.c.label == "PERSON",
                or_(*(corpus_aliases.c.alias.in_(chunk) for chunk in sharing)),
            )
            .order_by(corpus_aliases.c.alias),
        )
        words = [alias_words(alias) for alias in counts["alias"]]
        counts = counts[[not touched.isdisjoint(ws) for ws in words]].reset_index(drop=True)
        involved = {
            alias
            for alias in counts["alias"]
            if (names := name_words(alias)) and names[-1] in touched
        } | people
        new = automatic_corpus_aliases(counts, names=involved)
        old: dict[str, str] = {}
        for chunk in _chunks(involved):
            statement = select(entity_alias_map.c.alias, entity_alias_map.c.canonical).where(
                entity_alias_map.c.label == "PERSON", entity_alias_map.c.alias.in_(chunk)
            )
            old.update(tuple(row) for row in conn.execute(statement))
        changed = {alias for alias in involved if new.get((alias, "PERSON")) != old.get(alias)}
        for chunk in _chunks(sorted(changed)):
            conn.execute(
                delete(entity_alias_map).where(
                    entity_alias_map.c.label == "PERSON", entity_alias_map.c.alias.in_(chunk)
                )
            )
            rows = [
                {"alias": alias, "label": "PERSON", "canonical": new[(alias, "PERSON")]}
                for alias in chunk
                if (alias, "PERSON") in new
            ]
            if rows:  # an upsert: a concurrent writer (PostgreSQL) may have stored it too
                upsert = _upsert_insert(conn, entity_alias_map)
                upsert = upsert.on_conflict_do_update(
                    index_elements=["alias", "label"],
                    set_={"canonical": upsert.excluded.canonical},
                )
                conn.execute(upsert, rows)
    ids = set(article_ids)
    for chunk in _chunks(sorted(changed)):
        ids.update(
            conn.scalars(
                select(entity_mentions.c.article_id)
                .where(entity_mentions.c.label == "PERSON", entity_mentions.c.alias.in_(chunk))
                .distinct()
            )
        )
    _reassign(conn, ids)


def _active_corrections(conn: Connection) -> list[Correction]:
    statement = (
        select(
            entity_corrections.c.kind,
            entity_corrections.c.label,
            entity_corrections.c.entity,
            entity_corrections.c.target,
        )
        .where(entity_corrections.c.undone_at.is_(None))
        .order_by(entity_corrections.c.id)
    )
    return [Correction(*row) for row in conn.execute(statement)]


def _reassign(conn: Connection, article_ids: Iterable[int]) -> None:
    """Give the mentions of these articles the entity that the article's merges, the
    corpus's and the corrections now give them, and move the corpus totals with them."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    corrections = _active_corrections(conn)
    mapping = {
        (row.alias, row.label): row.canonical for row in conn.execute(select(entity_alias_map))
    }
    updates: list[dict[str, Any]] = []
    deltas: dict[tuple[str, str], list[int]] = {}
    columns = (
        entity_mentions.c.article_id,
        entity_mentions.c.mention_index,
        entity_mentions.c.alias,
        entity_mentions.c.label,
        entity_mentions.c.entity,
    )
    for chunk in _chunks(ids):
        statement = (
            select(*columns)
            .where(entity_mentions.c.article_id.in_(chunk))
            .order_by(entity_mentions.c.article_id, entity_mentions.c.mention_index)
            # PostgreSQL: a concurrent writer reassigning these rows waits, then reads them
            # as this one leaves them, so the totals move once (SQLite has one writer)
            .with_for_update()
        )
        for article_id, group in groupby(conn.execute(statement), key=lambda row: row[0]):
            mentions = list(group)
            pairs = [(row.alias, row.label) for row in mentions]
            entities = resolve_entities(pairs, corpus=mapping, corrections=corrections)
            before: Counter[tuple[str, str]] = Counter()
            after: Counter[tuple[str, str]] = Counter()
            for row, entity in zip(mentions, entities, strict=True):
                before[(row.entity, row.label)] += 1
                after[(entity, row.label)] += 1
                if entity != row.entity:
                    updates.append({"a": article_id, "i": row.mention_index, "new_entity": entity})
            for key in before.keys() | after.keys():
                delta = deltas.setdefault(key, [0, 0])
                delta[0] += after[key] - before[key]
                delta[1] += (key in after) - (key in before)
    if updates:
        conn.execute(
            entity_mentions.update()
            .where(
                entity_mentions.c.article_id == bindparam("a"),
                entity_mentions.c.mention_index == bindparam("i"),
            )
            .values(entity=bindparam("new_entity")),
            updates,
        )
    rows = [
        (entity, label, n_mentions, n_articles)
        for (entity, label), (n_mentions, n_articles) in sorted(deltas.items())
        if n_mentions or n_articles
    ]
    _add_entity_totals(conn, rows)
    emptied = [(entity, label) for entity, label, _, n_articles in rows if n_articles < 0]
    for chunk in _chunks(emptied):
        conn.execute(
            delete(corpus_entities).where(
                tuple_(corpus_entities.c.entity, corpus_entities.c.label).in_(chunk),
                corpus_entities.c.n_articles <= 0,
            )
        )


def reapply_aliases(engine: Engine) -> None:
    """Recompute every automatic merge of the corpus and reassign every mention (for a store
    whose mentions were written before aliases were merged, once ``alias`` is filled)."""
    with _writer(engine).begin() as conn:
        _rebuild_alias_counts(conn)
        people = set(
            conn.scalars(select(corpus_aliases.c.alias).where(corpus_aliases.c.label == "PERSON"))
        )
        conn.execute(delete(entity_alias_map))
        _refresh_aliases(conn, people, set(conn.scalars(select(articles.c.id))))


def _articles_naming(conn: Connection, label: str, names: set[str]) -> set[int]:
    ids: set[int] = set()
    for chunk in _chunks(sorted(names)):
        ids.update(
            conn.scalars(
                select(entity_mentions.c.article_id)
                .where(
                    entity_mentions.c.label == label,
                    or_(entity_mentions.c.entity.in_(chunk), entity_mentions.c.alias.in_(chunk)),
                )
                .distinct()
            )
        )
    return ids


def _is_stored(conn: Connection, label: str, name: str, *, alias: bool) -> bool:
    table = corpus_aliases if alias else corpus_entities
    column = table.c.alias if alias else table.c.entity
    statement = select(func.count()).select_from(table)
    statement = statement.where(table.c.label == label, column == name)
    return bool(conn.scalar(statement))


def _add_correction(engine: Engine, correction: Correction) -> int:
    """Store the correction and apply it to the stored mentions, in one transaction."""
    is_split = correction.kind == "split"
    with _writer(engine).begin() as conn:
        for name in (correction.entity, correction.target)[: 1 if is_split else 2]:
            if not _is_stored(conn, correction.label, name, alias=is_split):
                kind = "alias" if is_split else "entity"
                raise ValueError(f"no {kind} {name!r} ({correction.label}) is stored")
        correction_id = _inserted_id(
            conn.execute(
                insert(entity_corrections).values(**correction._asdict(), created_at=_now())
            )
        )
        _reassign(conn, _articles_naming(conn, correction.label, {correction.entity}))
    return correction_id


def merge_entities(engine: Engine, *, entity: str, into: str, label: str) -> int:
    """Merge the row ``entity`` into the row ``into`` (same label), now and for every article
    added later; returns the correction's id."""
    if entity == into:
        raise ValueError("choose two different entities to merge")
    return _add_correction(engine, Correction("merge", label, entity, into))


def split_alias(engine: Engine, *, alias: str, label: str) -> int:
    """Give the alias a row of its own again (undoing any merge of it), now and for every
    article added later; returns the correction's id."""
    return _add_correction(engine, Correction("split", label, alias))


def remove_correction(engine: Engine, correction_id: int) -> None:
    """Undo a correction: the rows it changed get what the automatic merges and the other
    corrections give them."""
    with _writer(engine).begin() as conn:
        row = conn.execute(
            select(entity_corrections).where(
                entity_corrections.c.id == correction_id, entity_corrections.c.undone_at.is_(None)
            )
        ).first()
        if row is None:
            raise ValueError(f"no correction {correction_id} to undo")
        conn.execute(
            entity_corrections.update()
            .where(entity_corrections.c.id == correction_id)
            .values(undone_at=_now())
        )
        # the rows it touched are named by its names, or by the targets of later merges
        names = {row.entity, row.target} - {""}
        for later in _active_corrections(conn):
            if later.kind == "merge" and later.label == row.label and later.entity in names:
                names.add(later.target)
        _reassign(conn, _articles_naming(conn, row.label, names))


def entity_corrections_table(engine: Engine) -> pd.DataFrame:
    """The corrections in force, oldest first: id, kind, label, entity, target, created_at."""
    statement = (
        select(
            entity_corrections.c.id,
            entity_corrections.c.kind,
            entity_corrections.c.label,
            entity_corrections.c.entity,
            entity_corrections.c.target,
            entity_corrections.c.created_at,
        )
        .where(entity_corrections.c.undone_at.is_(None))
        .order_by(entity_corrections.c.id)
    )
    return _frame(engine, statement)
