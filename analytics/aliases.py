"""Alias merging: one entity, one row.

"Putin", "President Putin" and "Vladimir Putin" are one person; "NATO" and "North Atlantic
Treaty Organization" one organisation. Three layers decide which row (the canonical name) a
mention counts under, each a pure function here:

1. Within an article (``article_aliases``): a PERSON name whose words, titles left out
   (Mr, Dr, President, Prime Minister, ...), all appear in order in one longer PERSON name of
   the same article links to it ("Putin" -> "Vladimir Putin", "Assad" -> "Bashar al-Assad").
   When the short name fits two different longer names ("Smith" with "John Smith" and
   "Jane Smith"), or its forms carry titles of different genders ("Mr Smith", "Mrs Smith"),
   nothing is merged. An ORG acronym that the article spells out ("North Atlantic Treaty
   Organization (NATO)", or the long name's initials equal an acronym mentioned in the
   article) takes the long form: the canonical form is the ACRONYM, the form most articles
   use and the one articles that never spell it out have. A party's forms take its row's
   name ("Tories", "Tory", "Conservatives" -> Conservative Party; ``type_cues.PARTY_ROWS``).
2. Across the corpus (``corpus_aliases``): a PERSON name that is the end (surname) of longer
   names in the corpus links to the most frequent of them when that one has at least
   ``DOMINANT_SHARE`` of the mentions of all of them, and at least
   ``MIN_FULL_NAME_MENTIONS`` ("Putin" -> "Vladimir Putin"), and to nothing when two full
   names compete. A word that is also a first name counts those names as competitors
   ("Charles": "Ray Charles" against "Charles Kennedy"); a first name alone is no evidence
   across articles. Only names starting with a capital are linked to.
   Names that differ only by titles share the row of their most frequent title-less form.
3. User corrections (``apply_corrections``), in the order they were made: merge row X into Y,
   or split alias A off back to a row of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple

import pandas as pd

from analytics.type_cues import PARTY_ROWS

#: The share of a surname's full-name mentions the leading full name needs to take it.
DOMINANT_SHARE = 0.8
#: ... and at least this many mentions in the corpus.
MIN_FULL_NAME_MENTIONS = 2

MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "mister"})
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "madam", "madame"}
)
OTHER_TITLES = """
    dr doctor prof professor president vice prime minister premier chancellor secretary
    general gen col colonel capt captain lt lieutenant sgt sergeant cmdr commander admiral
    pope cardinal bishop archbishop rev reverend imam rabbi sheikh ayatollah emir sultan
    senator sen rep congressman congresswoman governor gov mayor judge ambassador chairman
    chairwoman ceo deputy foreign defence defense former ex elect mp mep
"""
TITLES = MALE_TITLES | FEMALE_TITLES | frozenset(OTHER_TITLES.split())
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
SPELLED_OUT = re.compile(r"^(?P<long>.+?)\s*\((?P<short>[A-Z][A-Z&]{1,7})\)?$")
LINKING_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "&"})

Key = tuple[str, str]  # (name, label)


class Correction(NamedTuple):
    """A user's correction: merge row ``entity`` into ``target``, split alias ``entity``
    off (``target`` empty), or retype row ``entity`` from type ``label`` to type ``target``
    ("Brightmere Computing", PERSON -> ORG)."""

    kind: Literal["merge", "split", "retype"]
    label: str
    entity: str
    target: str = ""


def _title_words(name: str) -> list[str]:
    return [word.strip(".").lower() for word in name.split()]


def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name that identify them, lower-cased: leading titles dropped,
    hyphenated parts split ("President Bashar al-Assad" -> ("bashar", "al", "assad"))."""
    words = [part for word in _title_words(name) for part in word.split("-") if part]
    while words and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


def alias_words(alias: str) -> frozenset[str]:
    """Every word of a name as written, lower-cased, hyphenated parts split, full stops
    stripped ("Dr. Jean-Paul Sartre" -> {"dr", "jean", "paul", "sartre"}): two names that
    may bear on each other's merge share one."""
    return frozenset(word.strip(".") for word in alias.lower().replace("-", " ").split())


def _capitalised(name: str) -> bool:
    """Whether the name, titles left out, starts with a capital (spaCy's "rang Lucy" does
    not: no name to link others to)."""
    words = name.split()
    while words and words[0].strip(".").lower() in TITLES:
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


def _genders(name: str) -> set[str]:
    genders = set()
    for word in _title_words(name):
        if word in MALE_TITLES:
            genders.add("m")
        elif word in FEMALE_TITLES:
            genders.add("f")
        elif word not in TITLES:
            break
    return genders


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _representative(names: Iterable[str], counts: Mapping[str, int]) -> str:
    """The name to show for names with the same words: the one with the fewest title words,
    then the most mentioned, then the first alphabetically."""
    return min(names, key=lambda name: (len(name.split()), -counts.get(name, 0), name))


def _person_groups(counts: Mapping[str, int]) -> dict[tuple[str, ...], list[str]]:
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in counts:
        words = name_words(name)
        if words:
            groups.setdefault(words, []).append(name)
    return groups


def _mixed_genders(names: Iterable[str]) -> bool:
    genders: set[str] = set()
    for name in names:
        genders |= _genders(name)
    return len(genders) > 1


def _person_aliases(counts: Mapping[str, int]) -> tuple[dict[str, str], set[str]]:
    """The merges of an article's people, and the names left unmerged for want of evidence
    (which the corpus's merges must leave alone too)."""
    groups = _person_groups(counts)
    mapping: dict[str, str] = {}
    unclear: set[str] = set()
    for words, names in groups.items():
        if _mixed_genders(names):
            unclear.update(names)
            continue
        longer = [
            other
            for other in groups
            if len(other) > len(words)
            and _is_subsequence(words, other)
            and any(map(_capitalised, groups[other]))
        ]
        widest = [
            other
            for other in longer
            if not any(len(o) > len(other) and _is_subsequence(other, o) for o in longer)
        ]
        if len(widest) > 1 or any(_mixed_genders(groups[other]) for other in widest):
            unclear.update(names)  # two different people (or no clear one) share these words
            continue
        target_words = widest[0] if widest else words
        target = _representative(groups[target_words], counts)
        for name in names:
            if name != target:
                mapping[name] = target
    return mapping, unclear


def initials(name: str) -> str:
    """The capital initials of a name, linking words left out ("North Atlantic Treaty
    Organization" -> "NATO", "Bank of England" -> "BE")."""
    return "".join(
        word[0].upper()
        for word in re.split(r"[\s-]+", name)
        if word and word.lower() not in LINKING_WORDS and word[0].isalpha()
    )


def _org_aliases(names: Iterable[str]) -> dict[str, str]:
    names = list(names)
    acronyms = {name for name in names if ACRONYM.match(name)}
    mapping: dict[str, str] = {
        # a party's forms are one row: "Tories" and "Conservatives" -> Conservative Party
        name: PARTY_ROWS[name]
        for name in names
        if PARTY_ROWS.get(name, name) != name
    }
    for name in names:
        if name in mapping:
            continue
        spelled = SPELLED_OUT.match(name)
        if spelled and initials(spelled["long"]) == spelled["short"]:
            mapping[name] = spelled["short"]
        elif name not in acronyms and len(name.split()) > 1 and initials(name) in acronyms:
            mapping[name] = initials(name)
    for name, acronym in list(mapping.items()):  # "NATO" is the row of the long form, too
        spelled = SPELLED_OUT.match(name)
        if spelled:
            long = spelled["long"]
            if long in names and long not in mapping:
                mapping[long] = acronym
    return mapping


def _article_aliases(mentions: Iterable[Key]) -> tuple[dict[Key, str], set[Key]]:
    counts: dict[str, Counter[str]] = {}
    for name, label in mentions:
        counts.setdefault(label, Counter())[name] += 1
    people, unclear = _person_aliases(counts.get("PERSON", Counter()))
    mapping: dict[Key, str] = {(name, "PERSON"): target for name, target in people.items()}
    for name, target in _org_aliases(counts.get("ORG", Counter())).items():
        mapping[(name, "ORG")] = target
    return mapping, {(name, "PERSON") for name in unclear}


def article_aliases(mentions: Iterable[Key]) -> dict[Key, str]:
    """The merges within one article: (alias, label) -> canonical name, for the aliases that
    merge into another name (the others keep their own name).

    ``mentions`` are the article's (normalised name, label) pairs, one per mention.
    """
    return _article_aliases(mentions)[0]


def corpus_aliases(counts: pd.DataFrame, *, names: Iterable[str] | None = None) -> dict[Key, str]:
    """The merges across the corpus: (alias, "PERSON") -> canonical name.

    ``counts`` has the columns alias, label, n_mentions (every alias of the corpus, before
    merging); only PERSON rows are used. ``names``: compute the mapping of these aliases only
    (the ones an ingest touched), the default being every PERSON alias.
    """
    people = counts[counts["label"] == "PERSON"]
    totals = dict(zip(people["alias"], people["n_mentions"].astype(int), strict=True))
    groups = _person_groups(totals)
    group_mentions = {words: sum(totals[name] for name in group) for words, group in groups.items()}
    by_surname: dict[str, list[tuple[str, ...]]] = {}
    by_other_word: dict[str, list[tuple[str, ...]]] = {}  # "charles" in "Charles Kennedy"
    for words, group in groups.items():
        if len(words) > 1 and any(map(_capitalised, group)):
            by_surname.setdefault(words[-1], []).append(words)
            for word in set(words[:-1]):
                by_other_word.setdefault(word, []).append(words)
    wanted = totals.keys() if names is None else [name for name in names if name in totals]
    mapping: dict[Key, str] = {}
    for name in wanted:
        words = name_words(name)
        if not words or _mixed_genders(groups[words]):
            continue
        longer = [
            other
            for other in by_surname.get(words[-1], ())
            if len(other) > len(words) and other[-len(words) :] == words
        ]
        if longer:
            best = max(longer, key=lambda other: (group_mentions[other], other))
            # a single word that is also a first name competes with those names too
            others = by_other_word.get(words[0], []) if len(words) == 1 else []
            share = group_mentions[best] / sum(group_mentions[o] for o in [*longer, *others])
            if share < DOMINANT_SHARE or group_mentions[best] < MIN_FULL_NAME_MENTIONS:
                continue
            if _mixed_genders(groups[best]):
                continue
            target = _representative(groups[best], totals)
        else:
            target = _representative(groups[words], totals)
        if target != name:
            mapping[(name, "PERSON")] = target
    return mapping


def apply_corrections(
    aliases: Sequence[Key], entities: Sequence[str], corrections: Iterable[Correction]
) -> list[str]:
    """The entities after the user's corrections, applied in order to each mention's
    (alias, label) and its automatically merged entity."""
    result = list(entities)
    for correction in corrections:
        for i, (alias, label) in enumerate(aliases):
            if label != correction.label:
                continue
            if correction.kind == "merge" and result[i] == correction.entity:
                result[i] = correction.target
            elif correction.kind == "split" and alias == correction.entity:
                result[i] = alias
    return result


def corrected_entities(
    aliases: Sequence[Key], entities: Sequence[str], corrections: Iterable[Correction]
) -> tuple[list[str], list[str]]:
    """The entities and types after the user's corrections, applied in order to each
    mention's (alias, type) and its automatically merged entity: as ``apply_corrections``,
    with retypes too (a merge or split after a retype sees the new type)."""
    result = list(entities)
    labels = [label for _, label in aliases]
    for correction in corrections:
        for i, (alias, _) in enumerate(aliases):
            if labels[i] != correction.label:
                continue
            if correction.kind == "merge" and result[i] == correction.entity:
                result[i] = correction.target
            elif correction.kind == "split" and alias == correction.entity:
                result[i] = alias
            elif correction.kind == "retype" and result[i] == correction.entity:
                labels[i] = correction.target
    return result, labels


def resolve_entities(
    mentions: Sequence[Key],
    *,
    corpus: Mapping[Key, str],
    corrections: Iterable[Correction] = (),
) -> list[str]:
    """The canonical entity of each of an article's mentions, given as (alias, label):
    the article's merges, then the corpus's (except for names the article shows to be
    ambiguous), then the corrections."""
    local, unclear = _article_aliases(mentions)
    entities = []
    for alias, label in mentions:
        name = local.get((alias, label), alias)
        entities.append(name if (name, label) in unclear else corpus.get((name, label), name))
    return apply_corrections(mentions, entities, corrections)
