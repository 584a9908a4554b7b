"""One article's entity mentions made consistent with the gazetteer and with each other.

``consistent_mentions`` takes the mentions ``analytics.entities.entity_mentions`` found and:

1. repairs types: a PERSON mention whose name ends with a word only organisations' names end
   with ("Brightmere Computing", ``ORG_FINAL_WORDS``) becomes ORG; a PERSON or ORG mention
   that is an unambiguous place with no person or organisation cue in its sentence becomes
   GPE ("Rotterdam", ``place_cues.repaired_label``); a PERSON mention merged into a longer
   person's name in the article ("Jordan" into "Michael Jordan") stays a person;
2. adds the places the model left untagged (``place_cues.untagged_places``) as GPE mentions;
3. gives one name one type in the article: when a name (the normalised mention) has two
   types, the majority type is stored for all its mentions (ties: a place type when the name
   is in the gazetteer, then the first mention's type);
4. resolves every place mention (GPE, LOC; FAC only when it resolves) to a gazetteer entry,
   and names the mentions of one entry by its canonical name, with one type (the majority of
   theirs): "US", "U.S.", "America" are the entity "United States", each keeping its written
   form as its alias.

The model's own label of each mention is kept in its ``MentionNote`` (empty for a place the
gazetteer found), with the place's key, for the store's ``original_label`` and ``place_key``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from analytics.entities import NAMED_LABELS, Mention
from analytics.gazetteer import Place
from analytics.place_cues import (
    REPAIRABLE_LABELS,
    has_org_cue,
    has_person_cue,
    repaired_label,
    strong_place_cue,
    untagged_places,
)
from analytics.places import place_candidates, resolve_places

#: Last words of an organisation's name that no person's name ends with: a PERSON mention
#: named so ("Brightmere Computing", "Vantor Systems") is an ORG.
_ORG_FINAL_WORDS_TEXT = """
    Computing Systems Technologies Technology Software Holdings Group Industries Solutions
    Labs Networks Pharmaceuticals Pharma Motors Airlines Airways Logistics Foods Insurance
    Consulting Electronics Robotics Analytics Ventures Inc Inc. Ltd Ltd. Corp Corp.
    Corporation Company Co. plc PLC LLC GmbH AG University College Institute Foundation
    Council Ministry Agency Commission Party Association Committee Bureau Authority
    Department Federation Union Trust Society
"""
ORG_FINAL_WORDS = frozenset(_ORG_FINAL_WORDS_TEXT.split())
#: Labels whose mentions are resolved on the gazetteer (FAC only counts when it resolves).
RESOLVED_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Place labels that win a tie between types for a name the gazetteer knows.
PLACE_TYPES = ("GPE", "LOC")
_NAMED = frozenset(NAMED_LABELS)
#: Types the corpus's prior may change, and whose cues are looked for.
_CUED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


class MentionNote(NamedTuple):
    """What the store keeps about a mention beside ``Mention``: the model's label ("" for a
    place found by the gazetteer), the key of the place it resolved to ("" for none), and
    whether its words say its type (``type_cue``: the corpus's prior type does not override
    it)."""

    original_label: str
    place_key: str = ""
    type_cue: bool = False


def type_cue(mention: Mention, sentence: str, start: int) -> bool:
    """Whether the mention's own words or those around it say its type: a person's first name
    and surname, title or "said he"; an organisation's "Inc", "party", "club", "'s shares";
    a place's "in", "near", "the port of". ``start`` is the sentence's offset in the text."""
    begin, end = mention.start_char - start, mention.end_char - start
    if mention.label == "PERSON":
        return len(mention.entity.split()) > 1 or has_person_cue(sentence, begin, end)
    if mention.label == "ORG":
        return has_org_cue(sentence, begin, end)
    if mention.label in PLACE_TYPES:
        return strong_place_cue(sentence, begin, mention.surface)
    return False


@dataclass(frozen=True)
class ArticleEntities:
    """An article's mentions in text order, a note for each, and its places (each once, in
    order of first mention)."""

    mentions: list[Mention]
    notes: list[MentionNote]
    places: list[Place]


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _repaired(mention: Mention, text: str, sentences: Sequence[tuple[int, int]]) -> Mention:
    if mention.label not in REPAIRABLE_LABELS or mention.sentence_index >= len(sentences):
        return mention
    alias = mention.alias or mention.entity
    words = mention.entity.split()
    if mention.label == "PERSON" and len(words) > 1 and words[-1] in ORG_FINAL_WORDS:
        # "Computing" merged into "Brightmere Computing" in the article: one ORG row
        return mention._replace(label="ORG", alias=mention.entity)
    if mention.label == "PERSON" and mention.entity != alias:
        return mention  # merged into a longer person's name in this article
    start, end = sentences[mention.sentence_index][:2]
    label = repaired_label(
        mention.surface,
        mention.label,
        text[start:end],
        mention.start_char - start,
        mention.end_char - start,
    )
    return mention if label == mention.label else mention._replace(label=label, entity=alias)


def _recalled(
    text: str,
    covered: Iterable[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
) -> list[Mention]:
    starts = [start for start, _ in sentences]
    return [
        Mention(
            place.start,
            place.end,
            _sentence_index(starts, place.start),
            place.name,
            place.name,
            place.label,
            place.name,
        )
        for place in untagged_places(text, covered, [(s, e) for s, e in sentences])
    ]


def _majority(labels: list[str], name: str) -> str:
    """The type of most mentions; ties go to a place type if the gazetteer knows the name,
    then to the first mention's."""
    counts = Counter(labels)
    most = max(counts.values())
    tied = [label for label in dict.fromkeys(labels) if counts[label] == most]
    if len(tied) > 1 and place_candidates(name):
        places = [label for label in tied if label in PLACE_TYPES]
        if places:
            return places[0]
    return tied[0]


def _one_type_per_name(mentions: list[Mention]) -> list[Mention]:
    """Each named mention with its name's majority type in the article."""
    labels: dict[str, list[str]] = {}
    for mention in mentions:
        if mention.label in _NAMED:
            labels.setdefault(mention.alias or mention.entity, []).append(mention.label)
    chosen = {name: _majority(found, name) for name, found in labels.items() if len(set(found)) > 1}
    if not chosen:
        return mentions
    entity_of = {
        (mention.alias or mention.entity, mention.label): mention.entity for mention in mentions
    }
    result = []
    for mention in mentions:
        alias = mention.alias or mention.entity
        label = chosen.get(alias, mention.label) if mention.label in _NAMED else mention.label
        if label != mention.label:
            mention = mention._replace(label=label, entity=entity_of.get((alias, label), alias))
        result.append(mention)
    return result


def _resolved(mentions: list[Mention], text: str) -> tuple[list[Mention], list[str], list[Place]]:
    """The mentions with places named by their gazetteer entry, the place key of each, and
    the places in order of first mention."""
    indices = [i for i, mention in enumerate(mentions) if mention.label in RESOLVED_LABELS]
    found = resolve_places(
        [
            (m.start_char, m.end_char, m.alias or m.entity, m.label)
            for m in (mentions[i] for i in indices)
        ],
        text=text,
    )
    keys = [""] * len(mentions)
    places: dict[str, Place] = {}
    labels: dict[str, list[str]] = {}
    for i, place in zip(indices, found, strict=True):
        if place is not None:
            keys[i] = place.key
            places.setdefault(place.key, place)
            labels.setdefault(place.key, []).append(mentions[i].label)
    label_of = {key: Counter(found).most_common(1)[0][0] for key, found in labels.items()}
    result = []
    for mention, key in zip(mentions, keys, strict=True):
        if key:
            mention = mention._replace(
                entity=places[key].name,
                label=label_of[key],
                alias=mention.alias or mention.entity,
            )
        result.append(mention)
    return result, keys, list(places.values())


def consistent_mentions(
    mentions: Sequence[Mention],
    text: str,
    sentences: Sequence[tuple[int, int]],
    covered: Iterable[tuple[int, int]] = (),
) -> ArticleEntities:
    """The article's mentions repaired, completed, given one type per name and their places
    (see the module's docstring).

    ``text`` is the analysed text (the mentions' offsets point into it); ``sentences`` the
    ``(start, end)`` offsets of its sentences, indexed by ``Mention.sentence_index``;
    ``covered`` the spans of every entity the model found, named or not (no place is
    recalled inside one), in addition to those of ``mentions``.
    """
    repaired = [_repaired(mention, text, sentences) for mention in mentions]
    spans = [(m.start_char, m.end_char) for m in mentions] + list(covered)
    recalled = _recalled(text, spans, sentences)
    everything = repaired + recalled
    labels = [mention.label for mention in mentions] + [""] * len(recalled)
    order = sorted(range(len(everything)), key=lambda i: everything[i].start_char)
    combined = [everything[i] for i in order]
    original = [labels[i] for i in order]
    typed = _one_type_per_name(combined)
    resolved, keys, places = _resolved(typed, text)
    cues = [
        type_cue(
            m,
            text[sentences[m.sentence_index][0] : sentences[m.sentence_index][1]],
            sentences[m.sentence_index][0],
        )
        if m.label in _CUED and m.sentence_index < len(sentences)
        else False
        for m in resolved
    ]
    notes = [
        MentionNote(label, key, cue) for label, key, cue in zip(original, keys, cues, strict=True)
    ]
    return ArticleEntities(resolved, notes, places)
