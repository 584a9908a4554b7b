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

from sqlalchemy import select
from sqlalchemy.engine import Connection

from analytics.store._common import _chunks
from analytics.store.schema import corpus_aliases, entity_mentions

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


def _articles_with_moved_priors(
    conn: Connection, names: Iterable[str], before: dict[str, str]
) -> set[int]:
    """The articles naming a name whose prior type is not ``before``'s any more."""
    names = set(names)
    after = _priors(conn, names)
    moved = sorted(name for name in names if before.get(name) != after.get(name))
    ids: set[int] = set()
    for chunk in _chunks(moved):
        ids.update(
            conn.scalars(
                select(entity_mentions.c.article_id)
                .where(entity_mentions.c.alias.in_(chunk))
                .distinct()
            )
        )
    return ids


def _named_aliases(conn: Connection, article_ids: list[int]) -> set[str]:
    """The names (aliases) these articles' mentions of the prior's types have."""
    names: set[str] = set()
    for chunk in _chunks(article_ids):
        names.update(
            conn.scalars(
                select(entity_mentions.c.alias)
                .where(
                    entity_mentions.c.article_id.in_(chunk),
                    entity_mentions.c.label.in_(PRIOR_LABELS),
                )
                .distinct()
            )
        )
    return names
