"""Entity aliases in the store: the corpus's automatic merges ("Putin" into
"Vladimir Putin") kept up to date as articles come and go, the user's corrections (merge,
split, undo), and the reassignment of stored mentions (with the corpus totals) when either
changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any, NamedTuple

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, func, insert, or_, select, tuple_
from sqlalchemy.engine import Connection

from analytics.aliases import (
    Correction,
    alias_words,
    corrected_entities,
    name_words,
    resolve_entities,
)
from analytics.aliases import corpus_aliases as automatic_corpus_aliases  # the table's name
from analytics.analysis import ArticleAnalysis
from analytics.article_entities import MentionNote
from analytics.entities import LABEL_NAMES
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
from analytics.store.audit import LOCAL_USER, _record
from analytics.store.schema import (
    articles,
    corpus_aliases,
    corpus_entities,
    entity_alias_map,
    entity_corrections,
    entity_mentions,
    person_alias_words,
    places,
)
from analytics.store.summaries import _move_pairs, _sentence_pairs
from analytics.store.totals import (
    _add_alias_words,
    _add_entity_totals,
    _rebuild_alias_counts,
    analysed_label,
)
from analytics.store.type_prior import (
    PRIOR_LABELS,
    _articles_with_moved_priors,
    _priors,
    prior_labels,
)


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
    named = {alias for alias, label in counts if label in PRIOR_LABELS}
    priors_before = _priors(conn, named)
    _write_rows(
        conn, corpus_aliases, (*keys, "n_mentions"), rows, keys=keys, counts=("n_mentions",)
    )
    people = {alias for alias, label in counts if label == "PERSON"}
    _add_alias_words(conn, people)
    with_mentions = {i for i, a in zip(article_ids, analyses, strict=True) if a.mentions}
    # the articles naming a name whose prior type this upload moved follow it
    with_mentions |= _articles_with_moved_priors(conn, named, priors_before)
    _refresh_aliases(
        conn, people, with_mentions, written=_written_mentions(conn, analyses, article_ids)
    )


class _MentionRow(NamedTuple):
    """A stored mention as ``_reassign`` reads it."""

    article_id: int
    mention_index: int
    sentence_index: int
    alias: str
    label: str
    entity: str
    analysed_label: str
    type_cue: bool
    place_name: str | None  # the gazetteer's name of its place (None: no place)


def _written_mentions(
    conn: Connection, analyses: list[ArticleAnalysis], article_ids: list[int]
) -> dict[int, list[_MentionRow]]:
    """The mentions of articles just written (``analyses`` as stored, with their ids), as
    ``_reassign`` would read them back from ``entity_mentions``: the rows
    ``writing._analysis_rows`` wrote, each with its place's stored name."""
    keys = sorted(
        {note.place_key for analysis in analyses for note in analysis.notes if note.place_key}
    )
    names: dict[str, str] = {}
    for chunk in _chunks(keys):
        statement = select(places.c.key, places.c.name).where(places.c.key.in_(chunk))
        names.update((str(key), str(name)) for key, name in conn.execute(statement))
    written: dict[int, list[_MentionRow]] = {}
    for article_id, analysis in zip(article_ids, analyses, strict=True):
        notes = analysis.notes or [MentionNote(mention.label) for mention in analysis.mentions]
        written[article_id] = [
            _MentionRow(
                article_id,
                index,
                mention.sentence_index,
                mention.alias or mention.entity,
                mention.label,
                mention.entity,
                mention.label,
                note.type_cue,
                names.get(note.place_key),
            )
            for index, (mention, note) in enumerate(zip(analysis.mentions, notes, strict=True))
        ]
    return written


def _subtract_aliases(conn: Connection, ids: list[int]) -> set[str]:
    """Take the mentions of the articles ``ids`` out of the alias counts; returns the people
    they named."""
    label = analysed_label()  # the alias counts are by the analysis's labels
    removed = (
        select(entity_mentions.c.alias, label.label("label"), func.count().label("amount"))
        .where(entity_mentions.c.article_id.in_(ids))
        .group_by(entity_mentions.c.alias, label)
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


def _refresh_aliases(
    conn: Connection,
    people: set[str],
    article_ids: set[int],
    *,
    written: Mapping[int, Sequence[_MentionRow]] | None = None,
) -> None:
    """Recompute the corpus's merges of the names sharing a word with ``people``, store
    the ones that changed, and reassign the mentions of ``article_ids`` and of every article
    naming an alias whose merge changed (``written``: the mentions of articles just written,
    which need not be read back)."""
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
        # a boolean Series, not a list: an empty list would select no columns (a delete that
        # took the last mention of every name sharing the words leaves no rows)
        sharing_words = pd.Series([not touched.isdisjoint(ws) for ws in words], dtype=bool)
        counts = counts[sharing_words.to_numpy()].reset_index(drop=True)
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
    _reassign(conn, ids, written=written)


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


def _stored_mentions(conn: Connection, article_ids: Sequence[int]) -> list[Any]:
    """The stored mentions of these articles as ``_reassign`` takes them (``_MentionRow``'s
    columns), in article and mention order, locked for this transaction."""
    columns = (
        entity_mentions.c.article_id,
        entity_mentions.c.mention_index,
        entity_mentions.c.sentence_index,
        entity_mentions.c.alias,
        entity_mentions.c.label,
        entity_mentions.c.entity,
        entity_mentions.c.analysed_label,
        entity_mentions.c.type_cue,
        # a place's mentions count under its gazetteer name ("US" under "United States")
        select(places.c.name)
        .where(places.c.key == entity_mentions.c.place_key)
        .scalar_subquery()
        .label("place_name"),
    )
    statement = (
        select(*columns)
        .where(entity_mentions.c.article_id.in_(article_ids))
        .order_by(entity_mentions.c.article_id, entity_mentions.c.mention_index)
        # PostgreSQL: a concurrent writer reassigning these rows waits, then reads them as
        # this one leaves them, so the totals move once (SQLite has one writer)
        .with_for_update()
    )
    return list(conn.execute(statement))


def _reassign(
    conn: Connection,
    article_ids: Iterable[int],
    *,
    written: Mapping[int, Sequence[_MentionRow]] | None = None,
) -> None:
    """Give the mentions of these articles the entity that the article's merges, the
    corpus's and the corrections now give them, and move the corpus totals and the sentence
    pairs with them. The mentions of the articles in ``written`` (just written, in this
    transaction) are taken from there instead of being read back."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    written = written or {}
    corrections = _active_corrections(conn)
    mapping = {
        (row.alias, row.label): row.canonical for row in conn.execute(select(entity_alias_map))
    }
    updates: list[dict[str, Any]] = []
    deltas: dict[tuple[str, str], list[int]] = {}
    # the sentence pairs of the articles whose mentions change: before (-1) and after (+1)
    pairs: Counter[tuple[str, str, str, str]] = Counter()
    for chunk in _chunks(ids):
        stored = [article_id for article_id in chunk if article_id not in written]
        fresh = [row for article_id in chunk for row in written.get(article_id, ())]
        names = {row.alias for row in fresh if not row.type_cue}
        if stored:
            names.update(
                conn.scalars(
                    select(entity_mentions.c.alias)
                    .where(
                        entity_mentions.c.article_id.in_(stored),
                        entity_mentions.c.type_cue.is_(False),
                    )
                    .distinct()
                )
            )
        priors = _priors(conn, names)
        rows = [*_stored_mentions(conn, stored), *fresh] if stored else fresh
        for article_id, group in groupby(rows, key=lambda row: row.article_id):
            mentions = list(group)
            analysed = [row.analysed_label or row.label for row in mentions]
            typed = prior_labels(
                [row.alias for row in mentions],
                analysed,
                [bool(row.type_cue) for row in mentions],
                priors,
            )
            named = [
                (row.place_name or row.alias, label)
                for row, label in zip(mentions, typed, strict=True)
            ]
            merged = resolve_entities(named, corpus=mapping)
            entities, labels = corrected_entities(named, merged, corrections)
            before: Counter[tuple[str, str]] = Counter()
            after: Counter[tuple[str, str]] = Counter()
            moved = False
            for row, entity, label in zip(mentions, entities, labels, strict=True):
                before[(row.entity, row.label)] += 1
                after[(entity, label)] += 1
                if entity != row.entity or label != row.label:
                    moved = True
                    updates.append(
                        {
                            "a": article_id,
                            "i": row.mention_index,
                            "new_entity": entity,
                            "new_label": label,
                        }
                    )
            if moved:  # its pairs move with its mentions
                by_sentence = sorted(
                    zip(mentions, entities, labels, strict=True),
                    key=lambda item: item[0].sentence_index,
                )
                pairs.subtract(
                    _sentence_pairs(
                        (article_id, row.sentence_index, row.entity, row.label)
                        for row, _, _ in by_sentence
                    )
                )
                pairs.update(
                    _sentence_pairs(
                        (article_id, row.sentence_index, entity, label)
                        for row, entity, label in by_sentence
                    )
                )
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
            .values(entity=bindparam("new_entity"), label=bindparam("new_label")),
            updates,
        )
        _move_pairs(conn, pairs)
    totals = [
        (entity, label, n_mentions, n_articles)
        for (entity, label), (n_mentions, n_articles) in sorted(deltas.items())
        if n_mentions or n_articles
    ]
    _add_entity_totals(conn, totals)
    emptied = [(entity, label) for entity, label, _, n_articles in totals if n_articles < 0]
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


def _add_correction(engine: Engine, correction: Correction, *, user: str) -> int:
    """Store the correction and apply it to the stored mentions, with its entry in the audit
    trail, in one transaction."""
    is_split = correction.kind == "split"
    with _writer(engine).begin() as conn:
        checked = 1 if correction.kind in ("split", "retype") else 2
        for name in (correction.entity, correction.target)[:checked]:
            if not _is_stored(conn, correction.label, name, alias=is_split):
                kind = "alias" if is_split else "entity"
                raise ValueError(f"no {kind} {name!r} ({correction.label}) is stored")
        correction_id = _inserted_id(
            conn.execute(
                insert(entity_corrections).values(
                    **correction._asdict(), created_at=_now(), user=user
                )
            )
        )
        touched = _articles_naming(conn, correction.label, {correction.entity})
        _reassign(conn, touched)
        _record(
            conn,
            user=user,
            action=correction.kind,
            detail=_correction_text(correction, correction_id),
            n_rows=len(touched),
        )
    return correction_id


def _correction_text(correction: Any, correction_id: int) -> str:
    """What a correction does, in words: "#3: US merged into China (GPE)"."""
    if correction.kind == "merge":
        what = f"{correction.entity} merged into {correction.target}"
    elif correction.kind == "retype":
        what = f"{correction.entity} retyped {correction.label} -> {correction.target}"
        return f"#{correction_id}: {what}"
    else:
        what = f"{correction.entity} split off"
    return f"#{correction_id}: {what} ({correction.label})"


def merge_entities(
    engine: Engine, *, entity: str, into: str, label: str, user: str = LOCAL_USER
) -> int:
    """Merge the row ``entity`` into the row ``into`` (same label), now and for every article
    added later, recorded as made by ``user``; returns the correction's id."""
    if entity == into:
        raise ValueError("choose two different entities to merge")
    return _add_correction(engine, Correction("merge", label, entity, into), user=user)


def split_alias(engine: Engine, *, alias: str, label: str, user: str = LOCAL_USER) -> int:
    """Give the alias a row of its own again (undoing any merge of it), now and for every
    article added later, recorded as made by ``user``; returns the correction's id."""
    return _add_correction(engine, Correction("split", label, alias), user=user)


def retype_entity(
    engine: Engine, *, entity: str, label: str, to_label: str, user: str = LOCAL_USER
) -> int:
    """Give the row ``entity`` of type ``label`` the type ``to_label`` ("Brightmere
    Computing": PERSON -> ORG), now and for every article added later, recorded as made by
    ``user``; returns the correction's id."""
    if to_label not in LABEL_NAMES:
        raise ValueError(f"{to_label!r} is not an entity type")
    if to_label == label:
        raise ValueError(f"{entity} is already of type {label}")
    return _add_correction(engine, Correction("retype", label, entity, to_label), user=user)


def remove_correction(engine: Engine, correction_id: int, *, user: str = LOCAL_USER) -> None:
    """Undo a correction: the rows it changed get what the automatic merges and the other
    corrections give them (recorded in the audit trail as ``user``'s "undo")."""
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
        # the rows it touched are named by its names, or by the targets of later merges (a
        # retype's rows are of its new type)
        retype = row.kind == "retype"
        label = row.target if retype else row.label
        names = {row.entity} if retype else {row.entity, row.target} - {""}
        for later in _active_corrections(conn):
            if later.kind == "merge" and later.label == label and later.entity in names:
                names.add(later.target)
        touched = _articles_naming(conn, label, names)
        _reassign(conn, touched)
        _record(
            conn,
            user=user,
            action="undo",
            detail=f"undid {_correction_text(row, correction_id)}",
            n_rows=len(touched),
        )


def entity_corrections_table(engine: Engine) -> pd.DataFrame:
    """The corrections in force, oldest first: id, kind, label, entity, target, created_at,
    user (who made it)."""
    statement = (
        select(
            entity_corrections.c.id,
            entity_corrections.c.kind,
            entity_corrections.c.label,
            entity_corrections.c.entity,
            entity_corrections.c.target,
            entity_corrections.c.created_at,
            entity_corrections.c.user,
        )
        .where(entity_corrections.c.undone_at.is_(None))
        .order_by(entity_corrections.c.id)
    )
    return _frame(engine, statement)
