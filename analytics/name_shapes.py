"""The shapes of names: whether a mention's words read as a person's name, a small place's,
a team's, an organisation's, judged from their capitalisation, the gazetteer, first names and
spaCy's clusters of names, with no look at the sentence around them.

Used by ``analytics.article_entities`` (type repairs) and ``analytics.span_repairs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from analytics.entities import NAME_PARTICLES, Mention
from analytics.gazetteer import (
    ADMIN1,
    CITY,
    CONTINENT,
    COUNTRY,
    DESIGNATOR_WORDS,
    OWN_NAME,
    load_gazetteer,
    small_town_key,
    small_towns,
)
from analytics.place_cues import ALTERNATE_NAME_MIN_POPULATION, _by_own_name, _unambiguous_places
from analytics.places import name_key, place_candidates
from analytics.type_cues import is_group_name, natural_place_name

#: Last words of an organisation's name that no person's name ends with: a PERSON mention
#: named so ("Brightmere Computing", "Vantor Systems") is an ORG.
_ORG_FINAL_WORDS_TEXT = """
    Computing Systems Technologies Technology Software Holdings Group Industries Solutions
    Labs Networks Pharmaceuticals Pharma Motors Airlines Airways Logistics Foods Insurance
    Consulting Electronics Robotics Analytics Ventures Inc Inc. Ltd Ltd. Corp Corp.
    Corporation Company Co. plc PLC LLC GmbH AG University College Institute Foundation
    Council Ministry Agency Commission Party Association Committee Bureau Authority
    Department Federation Union Trust Society Mutual Dairy Sons Bank Brewery Bakery Farms
    Media Studios Records Partners Capital Telecom Railways Pay
"""


ORG_FINAL_WORDS = frozenset(_ORG_FINAL_WORDS_TEXT.split())


_TITLED_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+((?:[A-Z][\w'’-]+))(?![\w'’-]*\s+[A-Z])"
)


#: A city whose name opens a PERSON mention makes it an organisation from this size
#: ("Manchester United").
_CITY_NAMED_ORG = 200_000


#: A place smaller than this does not keep a family name from being one ("Priya Raman";
#: Raman, Thailand, has 22,553 people).
_SMALL_PLACE_POPULATION = 50_000


def family_names(mentions: Iterable[Mention]) -> frozenset[str]:
    """The last words of the article's PERSON mentions of two words or more that are no large
    place ("Israel Adesanya" -> "Adesanya", "Alastair Campbell" -> "Campbell", though Campbell,
    California, has 41,117 people; not "Jack London" -> "London"): the person's name when it
    stands alone."""
    gazetteer = load_gazetteer()
    return frozenset(
        last
        for last in (
            words[-1]
            for words in (
                (mention.alias or mention.entity).split()
                for mention in mentions
                if mention.label == "PERSON"
            )
            if len(words) > 1
        )
        if last[:1].isupper()
        and (family_name(last) or (last in gazetteer.person_like_words and not large_place(last)))
    )


def family_name(word: str) -> bool:
    """A capitalised word that names a person alone: no place, and a word of spaCy's clusters
    of names or one too rare to be another kind of word ("Adesanya", not "United")."""
    gazetteer = load_gazetteer()
    return (
        word[:1].isupper()
        and not place_candidates(word)
        and (word in gazetteer.person_like_words or word not in gazetteer.frequent_capitalised)
    )


def titled_surnames(text: str) -> frozenset[str]:
    """The names written after "Mr", "Ms", "Dr"... in the article ("Ms Marsh" -> "Marsh")."""
    return frozenset(match.group(1) for match in _TITLED_SURNAME.finditer(text))


def person_shaped(alias: str) -> bool:
    """Two to four capitalised words, none an organisation's last word, naming no place:
    "Nino Beridze", "Mahamat Idriss Déby", not "State Department" or "Mendip Hills"."""
    words = alias.split()
    return (
        1 < len(words) <= 4
        and all(word[:1].isupper() or word.casefold() in NAME_PARTICLES for word in words)
        and not any(word.strip(".") in ORG_FINAL_WORDS for word in words)
        # an acronym is an organisation's word ("RIA Novosti"), not a person's
        and not any(len(word) >= 3 and word.isalpha() and word.isupper() for word in words)
        and not place_candidates(alias)
        and not natural_place_name(alias)
        and not is_group_name(alias)
    )


def small_place_shaped(alias: str) -> bool:
    """One or two capitalised words that are no common word nor a person's name: "Earley",
    "Namche Bazaar", "Al-Mayadin" (not "Parliament", "Congress", "Google Maps")."""
    words = alias.split()
    gazetteer = load_gazetteer()
    return (
        0 < len(words) <= 2
        and all(word[:1].isupper() and not word.isupper() for word in words)
        and not any(word.casefold() in gazetteer.lower_case_words for word in words)
        and not any(word in gazetteer.person_like_words for word in words)
        and not any(word.strip(".") in ORG_FINAL_WORDS for word in words)
    )


@cache
def people_of_a_language(alias: str) -> bool:
    """Whether a name of one or two capitalised words is a living language's in ISO 639-3
    (``pycountry``) and no other kind of name: a people named as its language is ("Quechua",
    "Aymara", "Navajo", "Nez Perce"), not a place ("Kachin", "Shan"), a first name or a
    name of spaCy's clusters of names, nor a common word ("Even", "Bench", "Are")."""
    import pycountry

    words = alias.split()
    if not 0 < len(words) <= 2 or len(alias) < 4:
        return False
    if not all(word[:1].isupper() and word[1:].islower() for word in words):
        return False
    gazetteer = load_gazetteer()
    if any(
        word.casefold() in gazetteer.lower_case_words
        or word in gazetteer.first_names
        or word in gazetteer.person_like_words
        for word in words
    ):
        return False
    if place_candidates(alias) or small_town_key(alias) in small_towns():
        return False
    language = pycountry.languages.get(name=alias)
    return language is not None and language.type == "L"


def designated_division(alias: str) -> bool:
    """Whether a name is a first-level division's written with its kind ("Rakhine State",
    "County Clare", "Artibonite Department"): the kind's word says it is a place."""
    words = alias.split()
    return (
        len(words) > 1
        and (words[-1] in DESIGNATOR_WORDS or words[0] in DESIGNATOR_WORDS)
        and any(
            place.kind == ADMIN1 and rank == OWN_NAME for place, rank in place_candidates(alias)
        )
    )


def small_town_named(alias: str) -> bool:
    """Two or three capitalised words, the first no common word nor a person's name, the
    last a common word: how a small town's name often reads ("Hebden Bridge", "Market
    Harborough" is not, "Great Bend" is not: "Great" is a word)."""
    words = alias.split()
    gazetteer = load_gazetteer()
    return (
        1 < len(words) <= 3
        and all(word[:1].isupper() and not word.isupper() for word in words)
        and words[0].casefold() not in gazetteer.lower_case_words
        and words[0] not in gazetteer.person_like_words
        and words[0] not in gazetteer.first_names
        and not any(word.strip(".") in ORG_FINAL_WORDS for word in words)
    )


def unknown_or_spelling(alias: str) -> bool:
    """Whether no gazetteer place has the name, or it is only an alternate name of small
    places, which the gazetteer does not take alone ("Mhardeh" of Maharda, 17,578 people;
    not "Google", an alternate name of Topeka, nor any place's own name)."""
    return all(
        rank != OWN_NAME and place.population < ALTERNATE_NAME_MIN_POPULATION
        for place, rank in place_candidates(alias)
    )


def opens_with_first_name(alias: str) -> bool:
    """Whether a name's first word is a first name or a word of spaCy's clusters of names."""
    first = alias.split()[0]
    gazetteer = load_gazetteer()
    return first in gazetteer.first_names or first in gazetteer.person_like_words


#: A direction before a continent's name: "West Africa", "South-East Asia".
_PART_OF_CONTINENT = re.compile(
    r"^(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Sub-Saharan)"
    r"(?:[- ]?(?:[Ee]ast|[Ww]est)(?:ern)?)?) (?P<continent>[A-Z][a-z]+)$"
)


def part_of_continent(alias: str) -> bool:
    """Whether a name is a direction and a continent ("West Africa", "Central Asia"): a
    region (LOC), no political unit, unless the gazetteer has it as one."""
    match = _PART_OF_CONTINENT.match(alias)
    return (
        match is not None
        and not place_candidates(alias)
        and (
            match["continent"] == "America"
            or any(place.kind == CONTINENT for place, _ in place_candidates(match["continent"]))
        )
    )


#: Plural words that end the names of places, not of teams ("Florida Keys").
_PLACE_PLURALS_TEXT = """
    Keys Isles Islands Plains Flats Sands Downs Fens Dales Glades Territories Provinces
    Rapids Springs Woods Meadows Gardens Docks Cliffs Waters Lands Highlands Lowlands Valleys
    Hills Mountains Lakes Falls Heights Moors Marshes Estates Towers Parks
"""


_PLACE_PLURALS = frozenset(_PLACE_PLURALS_TEXT.split())


#: A city this large opens a team's name ("Houston Rockets").
_TEAM_CITY_POPULATION = 100_000


def team_name(alias: str) -> bool:
    """Whether a name no place has is a place's name and a capitalised plural, as a team's
    name is ("Houston Rockets", "Leicester Tigers", "New York Knicks"; not "Victoria
    Falls", "Golan Heights" nor a small town)."""
    words = alias.split()
    last = words[-1]
    if len(words) < 2 or not (last[:1].isupper() and last.endswith("s") and last[1:].islower()):
        return False
    if last in _PLACE_PLURALS or place_candidates(alias) or natural_place_name(alias):
        return False
    if small_town_key(alias) in small_towns():
        return False
    return any(
        rank == OWN_NAME
        and (
            place.kind in (COUNTRY, ADMIN1)
            or (place.kind == CITY and place.population >= _TEAM_CITY_POPULATION)
        )
        for place, rank in place_candidates(" ".join(words[:-1]))
    )


def large_place(alias: str) -> bool:
    """Whether a name is a country's, a division's or that of a town of 50,000 people or
    more: a surname written after "Mr" may still name a smaller town ("Mr Campbell")."""
    return any(
        place.kind != CITY or place.population >= _SMALL_PLACE_POPULATION
        for place, _ in place_candidates(alias)
    )


def unplaced_full_name(alias: str) -> bool:
    """A person's full name that no place has: two or three capitalised words, the first a
    first name or a word too rare to be another kind of word and no place's name, the last a
    family name ("Nadia Murad", "Aoife Doherty"; not "Holmes County", "Houston Rockets" nor a
    small town)."""
    words = alias.split()
    if not 1 < len(words) <= 3 or not person_shaped(alias):
        return False
    first, last = words[0], words[-1]
    gazetteer = load_gazetteer()
    return (
        not _by_own_name(name_key(first))
        and (opens_with_first_name(alias) or first not in gazetteer.frequent_capitalised)
        and (
            family_name(last)
            or (
                last not in gazetteer.frequent_capitalised
                and all(
                    place.population < _SMALL_PLACE_POPULATION
                    for place, _ in place_candidates(last)
                )
            )
        )
        and small_town_key(alias) not in small_towns()
    )


def common_word_and_region(alias: str) -> bool:
    """Two to four words, the first a common word (no first name), the last a country or a
    first-level division: an organisation's name ("Historic England", "Sport Wales",
    "Cancer Research UK"), not a person's ("Jack London")."""
    words = alias.split()
    if not 1 < len(words) <= 4 or words[0].isupper():
        return False  # "MC Kano" is a rapper's name
    if words[0].casefold() not in load_gazetteer().lower_case_words:
        return False
    return any(
        place.kind in (COUNTRY, ADMIN1) and rank == OWN_NAME
        for place, rank in place_candidates(words[-1])
    )


def first_word_is_city(alias: str) -> bool:
    """Whether a name opens with a large city's or a division's own name that is no first
    name ("Manchester United", not "Abu Mohammed" or "Marina Silva")."""
    first = alias.split()[0]
    if first in load_gazetteer().person_like_words or not _by_own_name(name_key(first)):
        return False
    return any(
        # a division only when the gazetteer knows it (geonames), not a small country's
        # ISO district ("Ewa", a district of Nauru, is a Polish first name)
        (place.kind == ADMIN1 and place.geonames_id is not None)
        or (place.kind == CITY and place.population >= _CITY_NAMED_ORG)
        for place in _unambiguous_places(first)
    )


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*$")


def sporting_name(alias: str) -> bool:
    """Two or three capitalised words shaped as a person's name (``person_shaped``), opening
    with a first name, a word of spaCy's clusters of names or a word too rare to be another
    kind of word ("Novak Djokovic", "Vinícius Júnior"), none a common word or a place."""
    words = alias.split()
    if not 1 < len(words) <= 3 or not all(map(_NAME_WORD.match, words)):
        return False
    if not person_shaped(alias):
        return False
    gazetteer = load_gazetteer()
    first = words[0]
    if any(word.casefold() in gazetteer.lower_case_words for word in words):
        return False
    if any(place_candidates(word) for word in words):
        return False
    return (
        first in gazetteer.first_names
        or first in gazetteer.person_like_words
        or first not in gazetteer.frequent_capitalised
    )
