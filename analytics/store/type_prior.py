"""The corpus's prior for types: a name the model types one way in the large majority of the
corpus ("Labour": ORG in 83% of its mentions) takes that type where the model typed it another
way with no cue for that type around it (no first name, title or "said he" for a person; no
"Inc", "party" or "club" for an organisation; no "in" or "near" for a place).

Applied at write time, as the corpus's alias merges are: ``_reassign`` (``store.aliases``)
gives each uncued mention its name's prior type before the user's corrections, and an upload
or a delete that moves a name's prior reassigns every article naming it
(``_reassign_moved_priors``). The prior is computed from ``corpus_aliases``, the counts of
each name by the type the analysis gave it, so it does not feed on itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from analytics.store._common import _chunks
from analytics.store.schema import corpus_aliases, entity_mentions
from analytics.store.totals import analysed_label

#: Types the prior decides between.
PRIOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
#: A name needs this many mentions of those types ...
PRIOR_MIN_MENTIONS = 10
#: ... and this share of them of one type for that type to be its prior.
PRIOR_MIN_SHARE = 0.75


def type_priors(counts: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Name -> its prior type, from (name, type, mentions) rows: the type of at least
    ``PRIOR_MIN_SHARE`` of at least ``PRIOR_MIN_MENTIONS`` mentions."""
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for name, label, n in counts:
        if label in PRIOR_LABELS:
            by_name[name][label] = by_name[name].get(label, 0) + int(n)
    priors = {}
    for name, labels in by_name.items():
        total = sum(labels.values())
        label, most = max(labels.items(), key=lambda item: (item[1], item[0]))
        if total >= PRIOR_MIN_MENTIONS and most >= PRIOR_MIN_SHARE * total:
            priors[name] = label
    return priors


def prior_labels(
    aliases: Sequence[str], labels: Sequence[str], cued: Sequence[bool], priors: dict[str, str]
) -> list[str]:
    """Each mention's type once the prior is applied: its name's prior type where it has
    none of its own type's cues, else its type."""
    return [
        priors.get(alias, label) if label in PRIOR_LABELS and not cue else label
        for alias, label, cue in zip(aliases, labels, cued, strict=True)
    ]


def _priors(conn: Connection, names: Iterable[str]) -> dict[str, str]:
    """The prior types of these names in the store's corpus (the names with one)."""
    rows: list[tuple[str, str, int]] = []
    for chunk in _chunks(sorted(set(names))):
        statement = select(
            corpus_aliases.c.alias, corpus_aliases.c.label, corpus_aliases.c.n_mentions
        ).where(corpus_aliases.c.alias.in_(chunk), corpus_aliases.c.label.in_(PRIOR_LABELS))
        rows.extend(tuple(row) for row in conn.execute(statement))
    return type_priors(rows)


def _changed_labels(before: str | None, after: str | None) -> tuple[str, ...]:
    """The analysed types whose uncued mentions change type when a name's prior moves from
    ``before`` to ``after`` (None: no prior): every type between two priors; the types other
    than the prior when one comes or goes (a mention of that type keeps it either way)."""
    return tuple(
        label
        for label in PRIOR_LABELS
        if (before if before is not None else label) != (after if after is not None else label)
    )


def _articles_with_moved_priors(
    conn: Connection, names: Iterable[str], before: dict[str, str]
) -> set[int]:
    """The articles with a mention whose type moves with its name's prior: an uncued mention,
    of a type the move changes (``_changed_labels``), of a name whose prior type is not
    ``before``'s any more. (A name reaching the prior's threshold with every mention of the
    prior's type moves no article.)"""
    names = set(names)
    after = _priors(conn, names)
    moved = {
        name: _changed_labels(before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    }
    # only the types the corpus has mentions of for each name (the counts include cued ones)
    labelled: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(moved)):
        statement = select(corpus_aliases.c.alias, corpus_aliases.c.label).where(
            corpus_aliases.c.alias.in_(chunk), corpus_aliases.c.n_mentions > 0
        )
        for alias, label in conn.execute(statement):
            if label in moved[alias]:
                labelled.setdefault(label, set()).add(alias)
    ids: set[int] = set()
    for label, aliases in sorted(labelled.items()):
        for chunk in _chunks(sorted(aliases)):
            uncued = (entity_mentions.c.type_cue.is_(False), analysed_label() == label)
            ids |= _distinct(
                conn, entity_mentions.c.article_id, entity_mentions.c.alias, chunk, *uncued
            )
    return ids


def _named_aliases(conn: Connection, article_ids: list[int]) -> set[str]:
    """The names (aliases) these articles' mentions of the prior's types have."""
    names: set[str] = set()
    for chunk in _chunks(article_ids):
        in_prior = entity_mentions.c.label.in_(PRIOR_LABELS)
        names |= _distinct(
            conn, entity_mentions.c.alias, entity_mentions.c.article_id, chunk, in_prior
        )
    return names


def _distinct(
    conn: Connection, column: Any, key: Any, values: Sequence[Any], *conditions: Any
) -> set[Any]:
    """The distinct values of ``column`` in the rows whose ``key`` is one of ``values`` and
    that meet the ``conditions``."""
    statement = select(column).where(key.in_(values), *conditions).distinct()
    return set(conn.scalars(statement))
