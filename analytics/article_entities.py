"""One article's entity mentions made consistent with the gazetteer and with each other.

``consistent_mentions`` takes the mentions ``analytics.entities.entity_mentions`` found and:

1. repairs types: a PERSON mention whose name ends with a word only organisations' names end
   with ("Brightmere Computing", ``ORG_FINAL_WORDS``) becomes ORG; a PERSON or ORG mention
   that is an unambiguous place with no person or organisation cue in its sentence becomes
   GPE ("Rotterdam", ``place_cues.repaired_label``); a PERSON mention merged into a longer
   person's name in the article ("Jordan" into "Michael Jordan") stays a person; the cues of
   ``type_cues`` come first: groups become NORP ("Welsh", "Druze"), natural places LOC ("River
   Taff", "the Ubangi river"), parties, acronyms and city-named clubs typed PERSON become ORG
   ("Labour", "JAXA", "Manchester United"), awards EVENT ("an Oscar"), names with a person's
   cues or a titled surname in the article become PERSON ("Nino Beridze, 21,", "India Marsh"
   beside "Ms Marsh"), "Cardiff council" is Cardiff, a small place after "in" is a place, and
   a place listed with places is one ("Calais and Dunkirk");
2. adds the places, groups and natural places the model left untagged
   (``place_recall.untagged_places``, ``type_cues.untagged_groups_and_natural_places``), and
   every use of an acronym the article defines after an organisation's or a place's name
   ("the Food and Agriculture Organization (FAO)" ... "FAO said", ``analytics.acronyms``);
3. gives one name one type in the article: when a name (the normalised mention) has two
   types, the majority type is stored for all its mentions (ties: a place type when the name
   is in the gazetteer, then the first mention's type);
4. resolves every place mention (GPE, LOC; FAC only when it resolves) to a gazetteer entry,
   and names the mentions of one entry by its canonical name, with one type (the majority of
   theirs): "US", "U.S.", "America" are the entity "United States", each keeping its written
   form as its alias.

The rules live beside this module: span repairs in ``analytics.span_repairs``, one mention's
type repairs in ``analytics.type_repairs``, the shapes of names they test in
``analytics.name_shapes``, one type per name in ``analytics.article_types``; this module runs
them in order, with the rules that look at the article's other mentions (lists, acronyms) and
the gazetteer's resolution.

The model's own label of each mention is kept in its ``MentionNote`` (empty for a place the
gazetteer found), with the place's key, for the store's ``original_label`` and ``place_key``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from analytics.acronyms import acronym_uses, defined_acronyms
from analytics.article_types import (
    club_mentions,
    cued_organisations,
    national_sides,
    one_type_per_name,
)
from analytics.entities import NAMED_LABELS, Mention
from analytics.gazetteer import (
    ADMIN1,
    CITY,
    COUNTRY,
    OWN_NAME,
    Place,
    small_town_key,
    small_towns,
)
from analytics.name_joins import joined_names, party_names
from analytics.name_shapes import (
    ORG_FINAL_WORDS,
    family_names,
    first_word_is_city,
    small_place_shaped,
    sporting_name,
    titled_surnames,
    unknown_or_spelling,
    unplaced_full_name,
)
from analytics.place_cues import (
    REPAIRABLE_LABELS,
    _by_own_name,
    _unambiguous_places,
    has_org_cue,
    has_person_cue,
    is_unambiguous_place,
    places_listed_before,
    repaired_label,
    sports_story,
    strong_place_cue,
)
from analytics.place_recall import untagged_places
from analytics.places import name_key, place_candidates, resolve_places
from analytics.span_repairs import (
    bodies_for,
    common_word_opening,
    greater_place,
    hyphenated_name,
    joined_organisations,
    listed_places,
    names_cut_short,
    party_before_title,
    party_without_its_word,
    place_parts,
    place_with_particle,
    split_group_adjective,
    split_group_before_person,
    split_of_place,
    split_state_body,
    split_two_bodies,
    title_alone,
)
from analytics.type_cues import (
    is_group_name,
    natural_place_after,
    natural_place_name,
    untagged_groups_and_natural_places,
)
from analytics.type_repairs import PLACE_TYPES, relabelled, retyped

#: Labels whose mentions are resolved on the gazetteer (FAC only counts when it resolves).
RESOLVED_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: A FAC mention resolved to a city this large is the city (GPE).
_FAC_CITY_POPULATION = 250_000
_NAMED = frozenset(NAMED_LABELS)
#: What stands between two items of a list: ", ", " and ", ", and ", " or ".
_LIST_JOIN = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|,\s+or\s+)$")
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


def _coordinated_people(mentions: list[Mention], text: str) -> list[Mention]:
    """ORG and GPE mentions shaped as a person's name (``sporting_name``) listed with a
    person's full name become people ("Rafael Nadal and Novak Djokovic")."""
    result = list(mentions)
    for index, mention in enumerate(result):
        if mention.label not in ("ORG", "GPE"):
            continue
        neighbours = [
            other
            for other in _listed_beside(result, index, text)
            if other.label == "PERSON" and " " in (other.alias or other.entity)
        ]
        if neighbours and sporting_name(mention.alias or mention.entity):
            result[index] = relabelled(mention, "PERSON")
    return result


def _repaired(
    mention: Mention,
    text: str,
    sentences: Sequence[tuple[int, int]],
    surnames: frozenset[str] = frozenset(),
    family: frozenset[str] = frozenset(),
) -> list[Mention]:
    if mention.sentence_index >= len(sentences) or mention.label not in _NAMED:
        return [mention]  # numbers and times are not repaired
    extended = place_with_particle(mention, text)
    if extended is not None:
        return [extended]  # "Deir" + " ez-Zor"
    hyphenated = hyphenated_name(mention, text)
    if hyphenated is not None:
        mention = hyphenated  # "Cleveland" + "-Cliffs", repaired as one name below
    greater = greater_place(mention, text)
    if greater is not None:
        return [greater]  # "Greater" + "Manchester"
    alias = mention.alias or mention.entity
    if mention.label in PLACE_TYPES and " " in alias:
        parts = place_parts(mention, alias)
        if parts is not None:
            return parts  # "Windsor, Ontario", "the Pacific coast"
    if mention.label in ("PERSON", "ORG"):
        if title_alone(alias):
            return []  # "with the Taoiseach, Micheál Martin"
        party = party_before_title(mention, alias)
        if party is not None:
            return party  # "a Fianna Fáil TD for Clare"
    if common_word_opening(mention, alias, text, sentences):
        return []  # "Cholera has spread ... cases of cholera", "Interior Secretary Haaland"
    words = mention.entity.split()
    if mention.label == "PERSON" and len(words) > 1 and words[-1] in ORG_FINAL_WORDS:
        # "Computing" merged into "Brightmere Computing" in the article: one ORG row
        return [mention._replace(label="ORG", alias=mention.entity)]
    if mention.label in ("PERSON", "ORG") and ", " in alias:
        start, end = sentences[mention.sentence_index][:2]
        cued = places_listed_before(text[start:end], mention.start_char - start)
        listed = listed_places(mention, alias, cued=cued)
        if listed is not None:
            return listed  # "villages such as Abersoch, Aberdaron and Nefyn"
    if mention.label in ("PERSON", "ORG") and " " in alias:
        split = split_group_before_person(mention, alias)
        if split is not None:
            return split  # "Greek Emmanouil Karalis", "Kenyan Faith Kipyegon"
    if mention.label == "PERSON" and mention.entity != alias:
        return [mention]  # merged into a longer person's name in this article
    if mention.label == "PERSON" and " of " in alias:
        parts = split_of_place(mention, text)
        if len(parts) > 1:
            return parts
    if mention.label == "ORG" and " " in alias:
        split = (
            split_state_body(mention, alias)
            or split_group_adjective(mention, alias)
            or split_two_bodies(mention, alias)
            or party_without_its_word(mention, alias)
        )
        if split is not None:
            return split
    start, end = sentences[mention.sentence_index][:2]
    sentence = text[start:end]
    repair = retyped(mention, sentence, start, surnames, family)
    if repair is not None:
        return [repair]
    if mention.label == "NORP" and not is_group_name(alias):
        places = _unambiguous_places(alias)
        if any(place.kind != CITY or _by_own_name(name_key(alias)) for place in places):
            return [relabelled(mention, "GPE")]  # "Aleppo" typed NORP
    if mention.label == "PRODUCT":
        # "Carlos Alcaraz, from Murcia": a place typed PRODUCT, repaired as an ORG would be
        label = repaired_label(
            mention.surface,
            "ORG",
            sentence,
            mention.start_char - start,
            mention.end_char - start,
        )
        return [relabelled(mention, "GPE")] if label == "GPE" else [mention]
    if mention.label not in REPAIRABLE_LABELS:
        return [mention]
    label = repaired_label(
        mention.surface,
        mention.label,
        sentence,
        mention.start_char - start,
        mention.end_char - start,
    )
    return [mention if label == mention.label else mention._replace(label=label, entity=alias)]


def _listed_beside(mentions: list[Mention], index: int, text: str) -> list[Mention]:
    """The mentions right before and after ``mentions[index]`` in a list with it: only ", ",
    " and ", " or " between them ("Calais and Dunkirk", "Foxconn and Luxshare")."""
    mention = mentions[index]
    return [
        other
        for other in mentions[max(0, index - 1) : index] + mentions[index + 1 : index + 2]
        if _LIST_JOIN.match(
            text[min(other.end_char, mention.end_char) : max(other.start_char, mention.start_char)]
        )
    ]


#: A place cue before a list of places: "from Anbar and Nineveh".
_LIST_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|across|between)\s+$")
#: A kind of place after a list of names: "the Mangala and Aishwariya fields".
_PLACES_AFTER_LIST = re.compile(
    r"\s+(?:oil\s+|gas\s+)?(?:fields?|regions?|provinces?|islands?|districts?|towns?|cities|"
    r"villages?|states?|counties|mountains|rivers|valleys|basins?|blocks?|deposits?)\b"
)


def _listed_place_named_like_a_person(
    mention: Mention, text: str, first: int, surnames: frozenset[str]
) -> bool:
    """A place by its own name, a first name or surname too, in a list of places after "in",
    "from", "near" ("opening in Brampton, Hamilton and Thunder Bay"), no one of the article
    being called so ("Mr Hamilton") and no person's cue around it."""
    alias = mention.alias or mention.entity
    return (
        _LIST_PLACE_BEFORE.search(text, max(0, first - 12), first) is not None
        and any(rank == OWN_NAME for _, rank in place_candidates(alias))
        and alias.split()[-1] not in surnames
        and not unplaced_full_name(alias)
        and not has_person_cue(text, mention.start_char, mention.end_char)
    )


def _listed_unknown_place(alias: str, neighbours: list[Mention], text: str, first: int) -> bool:
    """A name no gazetteer knows, in a list of places after "from", "in", "near" ("leaders
    from Anbar and Nineveh"), or a small town of GeoNames listed with a gazetteer's place,
    which needs no "in" ("Mytholmroyd and Todmorden had also been flooded"; not "its Opel and
    Vauxhall models", Opel typed LOC)."""
    return (
        unknown_or_spelling(alias)
        and small_place_shaped(alias)
        # "in Derry, Aoife Doherty, a ward sister": a person after a place
        and not unplaced_full_name(alias)
        and (
            _LIST_PLACE_BEFORE.search(text, max(0, first - 12), first) is not None
            or (
                small_town_key(alias) in small_towns()
                and any(
                    other.label == "GPE"
                    or place_candidates(other.alias or other.entity)
                    or small_town_key(other.alias or other.entity) in small_towns()
                    for other in neighbours
                )
            )
        )
    )


def _coordinated_organisations(mentions: list[Mention], text: str) -> list[Mention]:
    """Place mentions no gazetteer knows, listed with organisations only, are organisations:
    "suppliers including Foxconn and Luxshare" (Foxconn typed GPE)."""
    result = list(mentions)
    for index, mention in enumerate(result):
        alias = mention.alias or mention.entity
        if mention.label not in PLACE_TYPES or place_candidates(alias):
            continue
        if small_town_key(alias) in small_towns() or natural_place_name(alias):
            continue
        neighbours = _listed_beside(result, index, text)
        last = max([mention.end_char, *(other.end_char for other in neighbours)])
        first = min([mention, *neighbours], key=lambda item: item.start_char)
        if (
            neighbours
            and all(
                other.label == "ORG" and not first_word_is_city(other.alias or other.entity)
                for other in neighbours
            )
            # "the Mangala and Aishwariya fields", not "Islington South and Finsbury"
            and not _PLACES_AFTER_LIST.match(text, last)
            # "the districts of Nowa Huta and Podgórze"
            and not strong_place_cue(text, first.start_char, first.surface)
        ):
            result[index] = relabelled(mention, "ORG")
    return result


def _coordinated_places(
    mentions: list[Mention], text: str, surnames: frozenset[str]
) -> list[Mention]:
    """PERSON and ORG mentions that are unambiguous places listed with places ("Calais and
    Dunkirk", "Aleppo, Hama and Homs") become places, as they are in such lists, and so do
    names no gazetteer knows in such a list after "from", "in", "near" ("leaders from Anbar
    and Nineveh")."""
    result = list(mentions)
    for _ in range(2):
        changed = False
        for index, mention in enumerate(result):
            if mention.label not in REPAIRABLE_LABELS:
                continue
            neighbours = [
                other for other in _listed_beside(result, index, text) if other.label in PLACE_TYPES
            ]
            if not neighbours:
                continue
            alias = mention.alias or mention.entity
            first = min(mention.start_char, *(other.start_char for other in neighbours))
            if not (
                is_unambiguous_place(alias)
                or _listed_place_named_like_a_person(mention, text, first, surnames)
                or _listed_unknown_place(alias, neighbours, text, first)
            ):
                continue
            result[index] = relabelled(mention, "GPE")
            changed = True
        if not changed:
            break
    return result


def _recalled(
    text: str,
    covered: Iterable[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    acronyms: dict[str, str],
) -> list[Mention]:
    """Places, groups, natural places and uses of the article's ``acronyms`` (acronym ->
    type) the model left untagged, in text order."""
    starts = [start for start, _ in sentences]
    spans = list(covered)
    found = [
        (place.start, place.end, place.label)
        for place in untagged_places(text, spans, [(s, e) for s, e in sentences])
    ]
    found += untagged_groups_and_natural_places(text, spans + [(s, e) for s, e, _ in found])
    found += acronym_uses(acronyms, text, spans + [(s, e) for s, e, _ in found])
    return [
        Mention(
            start,
            end,
            _sentence_index(starts, start),
            text[start:end],
            text[start:end],
            label,
            text[start:end],
        )
        for start, end, label in sorted(found)
    ]


def _resolved(mentions: list[Mention], text: str) -> tuple[list[Mention], list[str], list[Place]]:
    """The mentions with places named by their gazetteer entry, the place key of each, and
    the places in order of first mention."""
    indices = [
        i
        for i, mention in enumerate(mentions)
        if mention.label in RESOLVED_LABELS
        and not (
            mention.label == "LOC"
            and (
                natural_place_name(mention.alias or mention.entity)
                # "the Altai mountains": no town of the name (Altai, Mongolia)
                or natural_place_after(text, mention.end_char)
            )
        )
    ]
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
    for key, label in label_of.items():
        place = places[key]
        if label == "FAC" and (
            place.kind in (COUNTRY, ADMIN1)
            or (place.kind == CITY and place.population >= _FAC_CITY_POPULATION)
        ):
            # "Port-au-Prince" typed FAC: a country, a division or a large city ("Wembley"
            # and "Old Trafford", stadiums named after districts, keep FAC)
            label_of[key] = "GPE"
            continue
        if label == "LOC" and (
            place.kind in (CITY, COUNTRY) or (place.kind == ADMIN1 and place.country_code == "GB")
        ):
            # a town, a country or a British county is a political unit (elsewhere a
            # division may be named after its river: White Nile)
            label_of[key] = "GPE"
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
    joined, models = names_cut_short(
        *bodies_for(
            *joined_organisations(*party_names(*joined_names(mentions, text), text), text),
            text,
        ),
        text,
    )
    surnames = titled_surnames(text)
    family = family_names(joined)
    repaired: list[Mention] = []
    repaired_labels: list[str] = []
    for mention, model in zip(joined, models, strict=True):
        parts = _repaired(mention, text, sentences, surnames, family)
        repaired.extend(parts)
        repaired_labels.extend([model] * min(1, len(parts)) + [""] * (len(parts) - 1))
    repaired = _coordinated_organisations(
        _coordinated_people(_coordinated_places(repaired, text, surnames), text), text
    )
    spans = [(m.start_char, m.end_char) for m in mentions] + list(covered)
    recalled = [
        greater_place(mention, text) or mention  # "as Greater Manchester has done"
        for mention in _recalled(text, spans, sentences, defined_acronyms(repaired, text))
    ]
    everything = repaired + recalled
    labels = repaired_labels + [""] * len(recalled)
    order = sorted(range(len(everything)), key=lambda i: everything[i].start_char)
    combined = [everything[i] for i in order]
    if recalled:
        # places recalled beside a name typed otherwise: "from Bath, Bristol and ..."
        combined = _coordinated_places(combined, text, surnames)
    original = [labels[i] for i in order]
    organisations, sides = national_sides(
        cued_organisations(combined, text, sentences), text, sentences
    )
    typed = one_type_per_name(
        organisations,
        club_mentions(organisations, text, sentences) | sides,
        clubs_win=sports_story(text),
    )
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
