"""One type per name in an article: a name the model typed two ways takes the type of most of
its mentions (ties: a place type when the gazetteer knows the name, then the first mention's),
but for mentions whose own words pin their type: an organisation's cue on a one-word name
("oil giant Yukos"), a club's cue ("Liverpool moved three points clear"), a side's cue in a
match report ("Australia beat India"), a place's cue beside it ("teams in Wales").

Used by ``analytics.article_entities`` after the repairs and the recall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from analytics.entities import NAMED_LABELS, Mention
from analytics.place_cues import (
    REPAIRABLE_LABELS,
    has_club_cue,
    has_org_cue,
    has_person_cue,
    national_side_cue,
    sports_story,
    strong_place_cue,
)
from analytics.places import place_candidates
from analytics.type_repairs import PLACE_TYPES, relabelled

_NAMED = frozenset(NAMED_LABELS)


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


def cued_organisations(
    mentions: list[Mention], text: str, sentences: Sequence[tuple[int, int]]
) -> list[Mention]:
    """A one-word name typed both PERSON and ORG in the article is an organisation in all its
    mentions when an organisation's cue stands by one of them and a person's by none ("oil
    giant Yukos" ... "Yukos filed for bankruptcy")."""
    both: dict[str, set[str]] = {}
    for mention in mentions:
        alias = mention.alias or mention.entity
        if mention.label in REPAIRABLE_LABELS and " " not in alias:
            both.setdefault(alias, set()).add(mention.label)
    names = {alias for alias, labels in both.items() if len(labels) == 2}
    if not names:
        return mentions

    def cue(mention: Mention, test: Callable[[str, int, int], bool]) -> bool:
        if mention.sentence_index >= len(sentences):
            return False
        start, end = sentences[mention.sentence_index][:2]
        return test(text[start:end], mention.start_char - start, mention.end_char - start)

    cued = {
        alias
        for alias in names
        if any(cue(m, has_org_cue) for m in mentions if (m.alias or m.entity) == alias)
        and not any(cue(m, has_person_cue) for m in mentions if (m.alias or m.entity) == alias)
    }
    return [
        relabelled(m, "ORG") if m.label == "PERSON" and (m.alias or m.entity) in cued else m
        for m in mentions
    ]


def club_mentions(
    mentions: Sequence[Mention], text: str, sentences: Sequence[tuple[int, int]]
) -> frozenset[int]:
    """The indices of the ORG mentions of a place's name with a club's cue right by them
    ("Liverpool moved three points clear"): the club, whatever the city's other mentions."""
    found = set()
    for index, mention in enumerate(mentions):
        if mention.label != "ORG" or mention.sentence_index >= len(sentences):
            continue
        alias = mention.alias or mention.entity
        if " " in alias or not place_candidates(alias):
            continue
        start, end = sentences[mention.sentence_index][:2]
        if has_club_cue(text[start:end], mention.start_char - start, mention.end_char - start):
            found.add(index)
    return frozenset(found)


def national_sides(
    mentions: list[Mention], text: str, sentences: Sequence[tuple[int, int]]
) -> tuple[list[Mention], frozenset[int]]:
    """In a sports story, the GPE mentions (countries, divisions, towns) with a side's cue by
    them as ORG, the side ("Australia beat India by six wickets", "Italy beat Wales 24-17",
    "Wales coach Steve Tandy", "Newcastle levelled"), and their indices, which keep that type
    whatever the name's other mentions; so do the GPE mentions with a place's cue ("teams in
    Wales" stays the country)."""
    if not sports_story(text):
        return mentions, frozenset()
    result = list(mentions)
    sides = set()
    for index, mention in enumerate(result):
        if mention.label != "GPE" or mention.sentence_index >= len(sentences):
            continue
        start, end = sentences[mention.sentence_index][:2]
        sentence, begin = text[start:end], mention.start_char - start
        if national_side_cue(sentence, begin, mention.end_char - start):
            result[index] = relabelled(mention, "ORG")
            sides.add(index)
        elif strong_place_cue(sentence, begin, mention.surface):
            sides.add(index)  # "teams in Wales": the country, kept so
    return result, frozenset(sides)


def one_type_per_name(
    mentions: list[Mention], pinned: frozenset[int] = frozenset(), *, clubs_win: bool = False
) -> list[Mention]:
    """Each named mention with its name's majority type in the article, but for the
    ``pinned`` ones (their indices), which keep theirs (and count in the majority). With
    ``clubs_win`` (a match report), a name whose pinned mentions are all organisations (a
    club's or a side's cue by each) is an organisation in its other mentions too ("Glasgow
    led 17-10 ... His Glasgow counterpart")."""
    labels: dict[str, list[str]] = {}
    pinned_labels: dict[str, set[str]] = {}
    for index, mention in enumerate(mentions):
        if mention.label in _NAMED:
            alias = mention.alias or mention.entity
            labels.setdefault(alias, []).append(mention.label)
            if index in pinned:
                pinned_labels.setdefault(alias, set()).add(mention.label)
    chosen = {name: _majority(found, name) for name, found in labels.items() if len(set(found)) > 1}
    if clubs_win:
        chosen.update(
            (name, "ORG")
            for name, found in pinned_labels.items()
            if found == {"ORG"} and len(set(labels[name])) > 1
        )
    if not chosen:
        return mentions
    entity_of = {
        (mention.alias or mention.entity, mention.label): mention.entity for mention in mentions
    }
    result = []
    for index, mention in enumerate(mentions):
        alias = mention.alias or mention.entity
        named = mention.label in _NAMED and index not in pinned
        label = chosen.get(alias, mention.label) if named else mention.label
        if label != mention.label:
            mention = mention._replace(label=label, entity=entity_of.get((alias, label), alias))
        result.append(mention)
    return result
