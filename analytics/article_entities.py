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
   (``place_cues.untagged_places``, ``type_cues.untagged_groups_and_natural_places``), and
   every use of an acronym the article defines after an organisation's or a place's name
   ("the Food and Agriculture Organization (FAO)" ... "FAO said", ``analytics.acronyms``);
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

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from analytics.acronyms import acronym_uses, defined_acronyms
from analytics.entities import NAME_PARTICLES, NAMED_LABELS, TITLE_WORDS, Mention, person_name
from analytics.gazetteer import (
    ADMIN1,
    CITY,
    CONTINENT,
    COUNTRY,
    OWN_NAME,
    Place,
    load_gazetteer,
    small_town_key,
    small_towns,
)
from analytics.name_joins import joined_names, party_names
from analytics.place_cues import (
    ALTERNATE_NAME_MIN_POPULATION,
    REPAIRABLE_LABELS,
    _by_own_name,
    _unambiguous_places,
    has_club_cue,
    has_company_cue,
    has_org_cue,
    has_person_cue,
    is_unambiguous_place,
    region_after,
    repaired_label,
    strong_place_cue,
    untagged_places,
)
from analytics.places import name_key, place_candidates, resolve_places
from analytics.type_cues import (
    ROLE_FROM_BEFORE,
    has_role_cue,
    is_award_name,
    is_group_name,
    is_party_name,
    natural_place,
    natural_place_name,
    org_shaped,
    untagged_groups_and_natural_places,
)

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
#: Labels whose mentions are resolved on the gazetteer (FAC only counts when it resolves).
RESOLVED_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Place labels that win a tie between types for a name the gazetteer knows.
PLACE_TYPES = ("GPE", "LOC")
_NAMED = frozenset(NAMED_LABELS)
#: Types a group's name ("Welsh", "Druze") is repaired from to NORP.
_GROUP_REPAIRABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "WORK_OF_ART"})
#: Types a natural place's name ("River Taff", "Tigris") is repaired from to LOC.
_NATURAL_REPAIRABLE = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
)
#: Types a name with a person's cues ("Nino Beridze, 21,") is repaired from to PERSON.
_PERSON_REPAIRABLE = frozenset({"ORG", "GPE", "NORP"})
_TITLED_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+((?:[A-Z][\w'’-]+))(?![\w'’-]*\s+[A-Z])"
)
#: A city whose name opens a PERSON mention makes it an organisation from this size
#: ("Manchester United").
_CITY_NAMED_ORG = 200_000
#: A place's council or police as an ORG mention ("Cardiff council", "Kent police").
_LOCAL_BODY = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}) (?:council|police|authorities|officials)$"
)
#: "in", "near", "outside" right before a small place ("lives alone in Earley").
_IN_PLACE_BEFORE = re.compile(r"\b(?:in|near|nearby|outside)\s+$")
_ROLE_FROM_BEFORE = ROLE_FROM_BEFORE
#: Where a person comes from: "who came from Tuscany", "fled from Daraa".
_CAME_FROM_BEFORE = re.compile(
    r"\b(?:came|comes|come|hails|hailed|fled|moved here|originally|grew up)\s+(?:from|in)\s+$"
)
#: Titles before a person's name.
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|President|Senator|Sen|Rep|Governor|"
    r"Mayor|Minister|King|Queen|Prince|Princess|Sheikh|Captain|Capt|General|Gen)\.?\s+$"
)
#: A place smaller than this does not keep a family name from being one ("Priya Raman";
#: Raman, Thailand, has 22,553 people).
_SMALL_PLACE_POPULATION = 50_000
#: "<name> of <place>" in a PERSON mention.
_OF_PLACE = re.compile(r"^(?P<person>[A-Z][^ ]+(?: [A-Z][^ ]+)+) of (?P<place>[A-Z][\w'’ -]+)$")
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


def _family_names(mentions: Iterable[Mention]) -> frozenset[str]:
    """The last words of the article's PERSON mentions of two words or more that are no place
    ("Israel Adesanya" -> "Adesanya"): the person's name when it stands alone."""
    return frozenset(
        words[-1]
        for words in (
            (mention.alias or mention.entity).split()
            for mention in mentions
            if mention.label == "PERSON"
        )
        if len(words) > 1 and _family_name(words[-1])
    )


def _family_name(word: str) -> bool:
    """A capitalised word that names a person alone: no place, and a word of spaCy's clusters
    of names or one too rare to be another kind of word ("Adesanya", not "United")."""
    gazetteer = load_gazetteer()
    return (
        word[:1].isupper()
        and not place_candidates(word)
        and (word in gazetteer.person_like_words or word not in gazetteer.frequent_capitalised)
    )


def _titled_surnames(text: str) -> frozenset[str]:
    """The names written after "Mr", "Ms", "Dr"... in the article ("Ms Marsh" -> "Marsh")."""
    return frozenset(match.group(1) for match in _TITLED_SURNAME.finditer(text))


def _person_shaped(alias: str) -> bool:
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


def _small_place_shaped(alias: str) -> bool:
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


def _unknown_or_spelling(alias: str) -> bool:
    """Whether no gazetteer place has the name, or it is only an alternate name of small
    places, which the gazetteer does not take alone ("Mhardeh" of Maharda, 17,578 people;
    not "Google", an alternate name of Topeka, nor any place's own name)."""
    return all(
        rank != OWN_NAME and place.population < ALTERNATE_NAME_MIN_POPULATION
        for place, rank in place_candidates(alias)
    )


def _opens_with_first_name(alias: str) -> bool:
    """Whether a name's first word is a first name or a word of spaCy's clusters of names."""
    first = alias.split()[0]
    gazetteer = load_gazetteer()
    return first in gazetteer.first_names or first in gazetteer.person_like_words


#: A direction before a continent's name: "West Africa", "South-East Asia".
_PART_OF_CONTINENT = re.compile(
    r"^(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Sub-Saharan)"
    r"(?:[- ]?(?:[Ee]ast|[Ww]est)(?:ern)?)?) (?P<continent>[A-Z][a-z]+)$"
)


def _part_of_continent(alias: str) -> bool:
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


def _team_name(alias: str) -> bool:
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


def _large_place(alias: str) -> bool:
    """Whether a name is a country's, a division's or that of a town of 50,000 people or
    more: a surname written after "Mr" may still name a smaller town ("Mr Campbell")."""
    return any(
        place.kind != CITY or place.population >= _SMALL_PLACE_POPULATION
        for place, _ in place_candidates(alias)
    )


def _unplaced_full_name(alias: str) -> bool:
    """A person's full name that no place has: two or three capitalised words, the first a
    first name or a word too rare to be another kind of word and no place's name, the last a
    family name ("Nadia Murad", "Aoife Doherty"; not "Holmes County", "Houston Rockets" nor a
    small town)."""
    words = alias.split()
    if not 1 < len(words) <= 3 or not _person_shaped(alias):
        return False
    first, last = words[0], words[-1]
    gazetteer = load_gazetteer()
    return (
        not _by_own_name(name_key(first))
        and (_opens_with_first_name(alias) or first not in gazetteer.frequent_capitalised)
        and (
            _family_name(last)
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


def _common_word_and_region(alias: str) -> bool:
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


def _relabelled(mention: Mention, label: str) -> Mention:
    alias = mention.alias or mention.entity
    if label == "PERSON" and mention.label != "PERSON":
        alias = person_name(alias)  # "Balco boss Victor Conte" typed ORG
    return mention._replace(label=label, entity=alias, alias=alias)


def _first_word_is_city(alias: str) -> bool:
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


def _retyped(
    mention: Mention,
    sentence: str,
    start: int,
    surnames: frozenset[str],
    family: frozenset[str] = frozenset(),
) -> Mention | None:
    """The mention with the type its words say (``type_cues``), or None if they say none.
    ``surnames`` are the names written after "Mr", "Ms"... in the article, ``family`` the
    last words of its people's full names."""
    alias = mention.alias or mention.entity
    label = mention.label
    begin, end = mention.start_char - start, mention.end_char - start

    cues: dict[str, bool] = {}  # each cue looked for once, and only when asked

    def person_cue() -> bool:
        if "person" not in cues:
            cues["person"] = has_person_cue(sentence, begin, end)
        return cues["person"]

    def org_cue() -> bool:
        if "org" not in cues:
            cues["org"] = has_org_cue(sentence, begin, end)
        return cues["org"]

    if (
        label in ("PERSON", "ORG", "WORK_OF_ART")
        and is_award_name(alias)
        and not _TITLE_BEFORE.search(sentence, max(0, begin - 40), begin)
    ):
        return _relabelled(mention, "EVENT")  # "an Oscar", "Oscar-nominated"
    if label == "NORP" and (
        is_party_name(alias)
        or (alias in _PARTY_ADJECTIVES and _PARTY_ROLE_AFTER.match(sentence, end))
    ):
        return _relabelled(mention, "ORG")  # "the Tories", "the Conservative MP for ..."
    if label == "PERSON":
        if not person_cue() and is_party_name(alias):
            return _relabelled(mention, "ORG")  # "Labour", "Lib Dems"
        if not person_cue() and org_shaped(alias, _first_word_is_city(alias)):
            return _relabelled(mention, "ORG")  # "JAXA", "Manchester United"
        if " " not in alias and not person_cue() and org_cue():
            return _relabelled(mention, "ORG")  # "oil giant Yukos", "Yukos boss"
        if (
            " " in alias
            and not _opens_with_first_name(alias)
            and not is_group_name(alias.split()[0])
            and not person_cue()
            and (_common_word_and_region(alias) or has_company_cue(sentence, begin, end))
        ):
            return _relabelled(mention, "ORG")  # "Historic England", "Tiger Aspect's boss"
    if (
        label in _GROUP_REPAIRABLE
        and is_group_name(alias, label)
        and not _TITLE_BEFORE.search(sentence, max(0, begin - 40), begin)
    ):
        return _relabelled(mention, "NORP")  # "Welsh", "Ugandan", "Druze"
    if (
        label in _NATURAL_REPAIRABLE
        and natural_place(alias, sentence, begin, end)
        and not (label == "ORG" and org_cue())
        and not (label == "PERSON" and person_cue())
        and not any(
            place.kind in (COUNTRY, ADMIN1) and rank == OWN_NAME
            for place, rank in place_candidates(alias)
        )
    ):
        return _relabelled(mention, "LOC")  # "River Taff", "the Dnipro river", "Tigris"
    if label in PLACE_TYPES and _team_name(alias) and not person_cue():
        return _relabelled(mention, "ORG")  # "Houston Rockets", "Leicester Tigers"
    if label == "GPE" and _part_of_continent(alias):
        return _relabelled(mention, "LOC")  # "West Africa", "Central Asia"
    if label == "GPE" and not place_candidates(alias) and org_cue() and not person_cue():
        return _relabelled(mention, "ORG")  # "the streaming service Northlight"
    if (
        label == "GPE"
        and has_club_cue(sentence, begin, end)
        and not strong_place_cue(sentence, begin, mention.surface)
        and not any(place.kind == COUNTRY for place, _ in place_candidates(alias))
    ):
        return _relabelled(mention, "ORG")  # "Liverpool moved three points clear"
    if label == "ORG":
        local = _LOCAL_BODY.match(alias)
        if (
            local
            and mention.surface.startswith(local["place"])
            and is_unambiguous_place(local["place"])
        ):
            # "Cardiff council": the place, whose council the sentence speaks of
            return mention._replace(
                end_char=mention.start_char + len(local["place"]),
                surface=local["place"],
                label="GPE",
                entity=local["place"],
                alias=local["place"],
            )
    if label in _PERSON_REPAIRABLE and not org_cue():
        surname = alias.split()[-1]
        if surname in surnames and (" " in alias or not _large_place(alias)):
            return _relabelled(mention, "PERSON")  # "India Marsh" beside "Ms Marsh"
        if alias in family and not _large_place(alias):
            return _relabelled(mention, "PERSON")  # "Adesanya" after "Israel Adesanya"
        if _person_shaped(alias) and (person_cue() or has_role_cue(sentence, begin, end)):
            return _relabelled(mention, "PERSON")  # "Nino Beridze, 21,"
        if label != "NORP" and _sporting_name(alias) and _SPORT.search(sentence):
            return _relabelled(mention, "PERSON")  # "Novak Djokovic" in a tennis story
        if label == "GPE" and _unplaced_full_name(alias):
            return _relabelled(mention, "PERSON")  # "Nadia Murad", "Aoife Doherty"
    if (
        label in REPAIRABLE_LABELS
        and _small_place_shaped(alias)
        and not org_cue()
        and not person_cue()
        and (
            (
                # a name no gazetteer knows firmly: unknown, or a small place's other
                # spelling ("near Mhardeh"); a firm place is repaired by ``repaired_label``
                _unknown_or_spelling(alias)
                and _IN_PLACE_BEFORE.search(sentence, max(0, begin - 12), begin)
            )
            or _ROLE_FROM_BEFORE.search(sentence, max(0, begin - 40), begin)
            or _CAME_FROM_BEFORE.search(sentence, max(0, begin - 30), begin)
            or (region_after(sentence, end) and small_town_key(alias) in small_towns())
        )
    ):
        # "lives alone in Earley", "an elder from Al-Mayadin", "who came from Tuscany",
        # "Jay, Maine"
        return _relabelled(mention, "GPE")
    return None


#: A party's name that is also an adjective: the party when one of its roles follows.
_PARTY_ADJECTIVES = frozenset(
    {"Conservative", "Labour", "Liberal Democrat", "Lib Dem", "Reform", "Green", "Tory"}
)
#: One of a party's roles after its name: "Conservative MP", "Reform councillors".
_PARTY_ROLE_AFTER = re.compile(
    r"\s+(?:MPs?|MSPs?|MSs?|AMs?|MEPs?|peers?|councillors?|candidates?|leader|leadership|"
    r"government|administration|manifesto|minister|ministers|members?|activists?|donors?|"
    r"chairman|chair|whip|backbenchers?|frontbench|conference)\b"
)


#: Words of sport in a sentence: a first name and surname typed ORG there is an athlete.
_SPORT = re.compile(
    r"\b(?:scor(?:ed|es|ing)|goals?|equaliser|penalty|hat-trick|pulled one back|"
    r"striker|midfielder|defender|goalkeeper|winger|footballer|team-mates?|"
    r"peloton|rider|cyclist|yellow jersey|sprint finish|time trial|"
    r"marathon|metres|record holder|world record|medals?|Olympics?|Olympic|"
    r"Grand Slam|Wimbledon|tennis|tie-break|knockout|UFC|boxer|"
    r"semi-final|quarter-final|innings|wickets?|birdie|Formula One|Grand Prix)\b"
)


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*$")


def _sporting_name(alias: str) -> bool:
    """Two or three capitalised words shaped as a person's name (``_person_shaped``), opening
    with a first name, a word of spaCy's clusters of names or a word too rare to be another
    kind of word ("Novak Djokovic", "Vinícius Júnior"), none a common word or a place."""
    words = alias.split()
    if not 1 < len(words) <= 3 or not all(map(_NAME_WORD.match, words)):
        return False
    if not _person_shaped(alias):
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


def _coordinated_people(mentions: list[Mention], text: str) -> list[Mention]:
    """ORG and GPE mentions shaped as a person's name (``_sporting_name``) listed with a
    person's full name become people ("Rafael Nadal and Novak Djokovic")."""
    result = list(mentions)
    for index, mention in enumerate(result):
        if mention.label not in ("ORG", "GPE"):
            continue
        neighbours = [
            other
            for other in (
                result[index - 1] if index > 0 else None,
                result[index + 1] if index + 1 < len(result) else None,
            )
            if other is not None
            and other.label == "PERSON"
            and " " in (other.alias or other.entity)
            and _LIST_JOIN.match(
                text[
                    min(other.end_char, mention.end_char) : max(
                        other.start_char, mention.start_char
                    )
                ]
            )
        ]
        if neighbours and _sporting_name(mention.alias or mention.entity):
            result[index] = _relabelled(mention, "PERSON")
    return result


def _split_of_place(mention: Mention, text: str) -> list[Mention]:
    """A PERSON mention "<name> of <place>" ("Aryna Sabalenka of Belarus") as the person and
    the place."""
    alias = mention.alias or mention.entity
    match = _OF_PLACE.match(alias)
    if match is None or not place_candidates(match["place"]):
        return [mention]
    surface = text[mention.start_char : mention.end_char]
    at = surface.rfind(" of " + match["place"])
    if at < 0:
        return [mention]
    place_start = mention.start_char + at + 4
    place_end = place_start + len(match["place"])
    person = mention._replace(
        end_char=mention.start_char + at,
        surface=surface[:at],
        entity=match["person"] if mention.entity == alias else mention.entity,
        alias=match["person"],
    )
    place = Mention(
        place_start,
        place_end,
        mention.sentence_index,
        match["place"],
        match["place"],
        "GPE",
        match["place"],
    )
    return [person, place]


#: Common words that name an institution when capitalised ("Parliament voted").
_INSTITUTIONS_TEXT = """
    parliament congress senate cabinet treasury government army navy police council court
    commons lords assembly pentagon kremlin
"""
_INSTITUTIONS = frozenset(_INSTITUTIONS_TEXT.split())
#: A title right after a word ("Interior Secretary", "State senator").
_TITLE_AFTER = re.compile(r"\s+(?P<word>[A-Za-z][\w-]*)")


def _common_word_opening(
    mention: Mention, alias: str, text: str, sentences: Sequence[tuple[int, int]]
) -> bool:
    """Whether a one-word ORG mention opening a sentence is a common word capitalised there:
    a word more often written in lower case ("cholera", "interior", "state") that the article
    also writes in lower case, or that a title follows ("Interior Secretary", "State
    senator"); never a party's name nor a word with an organisation's cue."""
    if mention.label != "ORG" or " " in alias or not alias[:1].isupper() or alias.isupper():
        return False
    start, end = sentences[mention.sentence_index][:2]
    if text[start : mention.start_char].strip(" \"'“‘(") or is_party_name(alias):
        return False
    lower = alias.casefold()
    if lower not in load_gazetteer().lower_case_words or lower in _INSTITUTIONS:
        return False
    sentence = text[start:end]
    if has_org_cue(sentence, mention.start_char - start, mention.end_char - start):
        return False
    title = _TITLE_AFTER.match(text, mention.end_char, min(len(text), mention.end_char + 30))
    if title is not None and title["word"].casefold() in TITLE_WORDS:
        return True
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


#: Bodies of a state named after its country's name ("U.S. State Department", "UK
#: Treasury"): the country is a place of its own, the body an organisation.
_STATE_BODY = re.compile(
    r"^(?P<country>(?:[A-Z]\.){2,}|[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?) "
    r"(?P<body>(?:[A-Z][\w'’-]* ){0,3}(?:Department|Treasury|Ministry|Navy|Army|Air Force|"
    r"Embassy|Consulate|Fleet|Coast Guard|Marines|Marine Corps|Congress|Senate|"
    r"Central Command|Border Force|Armed Forces))$"
)


def _place_parts(mention: Mention, alias: str) -> list[Mention] | None:
    """A place's mention without the lower-case words after its name ("the Pacific coast"
    -> Pacific, as the gold conventions have it), or a place and the division or country
    after a comma as two places ("Windsor, Ontario"); None when the mention is neither."""
    words = alias.split()
    kept = len(words)
    while kept > 1 and words[kept - 1].isalpha() and words[kept - 1].islower():
        kept -= 1
    if kept < len(words):
        cut = len(words) - kept
        surface_words = mention.surface.split()
        if surface_words[-cut:] != words[-cut:]:
            return None
        surface = mention.surface.rsplit(None, cut)[0]
        trimmed = " ".join(words[:kept])
        if words[kept - 1] in NAME_PARTICLES or not trimmed[:1].isupper():
            return None
        return [
            mention._replace(
                end_char=mention.start_char + len(surface),
                surface=surface,
                entity=trimmed,
                alias=trimmed,
            )
        ]
    first, comma, second = alias.partition(", ")
    if not comma or ", " in second or place_candidates(alias):
        return None
    if not place_candidates(first) or not any(
        place.kind in (COUNTRY, ADMIN1) for place, _ in place_candidates(second)
    ):
        return None
    at = mention.surface.find(first + ", ")
    if at < 0 or not mention.surface.endswith(second):
        return None
    first_start = mention.start_char + at
    second_start = mention.end_char - len(second)
    return [
        mention._replace(
            end_char=first_start + len(first), surface=first, entity=first, alias=first
        ),
        mention._replace(start_char=second_start, surface=second, entity=second, alias=second),
    ]


def _split_state_body(mention: Mention, alias: str) -> list[Mention] | None:
    """An ORG mention "<country> <body of state>" ("the U.S. State Department", "UK
    Treasury") as the country (GPE) and the body (ORG), as the gold conventions have them;
    None when the mention is not one."""
    match = _STATE_BODY.match(alias)
    if match is None or not any(
        place.kind == COUNTRY and rank == OWN_NAME
        for place, rank in place_candidates(match["country"])
    ):
        return None
    at = mention.surface.find(match["country"] + " ")
    if at < 0 or not mention.surface.endswith(match["body"]):
        return None
    country_start = mention.start_char + at
    country_end = country_start + len(match["country"])
    body_start = mention.end_char - len(match["body"])
    country = Mention(
        country_start,
        country_end,
        mention.sentence_index,
        match["country"],
        match["country"],
        "GPE",
        match["country"],
    )
    body = mention._replace(
        start_char=body_start, surface=match["body"], entity=match["body"], alias=match["body"]
    )
    return [country, body]


def _split_group_adjective(mention: Mention, alias: str) -> list[Mention] | None:
    """An ORG mention of a group's adjective and lower-case words ("the Chinese commerce
    ministry") as the group (NORP) alone: the rest is no name."""
    words = alias.split()
    if len(words) < 2 or not all(word.islower() for word in words[1:]):
        return None
    if not is_group_name(words[0]):
        return None
    at = mention.surface.find(words[0] + " ")
    if at < 0:
        return None
    start = mention.start_char + at
    return [
        Mention(
            start,
            start + len(words[0]),
            mention.sentence_index,
            words[0],
            words[0],
            "NORP",
            words[0],
        )
    ]


#: A lower-case particle and a capitalised word after a mention: " ez-Zor", " al-Shughur".
_PARTICLE_AFTER = re.compile(
    r" (?:al|el|ez|ed|es|ad|ar|as|ash|at|az|an|ul|ur|um|de|du|da|di)-[A-Z][\w'’]*"
)


def _place_with_particle(mention: Mention, text: str) -> Mention | None:
    """The mention extended over the particle and word after it when the whole is a place's
    own name ("Deir" + " ez-Zor"), as that place; None otherwise."""
    match = _PARTICLE_AFTER.match(text, mention.end_char)
    if match is None:
        return None
    name = text[mention.start_char : match.end()]
    alias = (mention.alias or mention.entity) + match.group()
    if not any(rank == OWN_NAME for _, rank in place_candidates(alias)):
        return None
    return mention._replace(
        end_char=match.end(), surface=name, entity=alias, alias=alias, label="GPE"
    )


def _repaired(
    mention: Mention,
    text: str,
    sentences: Sequence[tuple[int, int]],
    surnames: frozenset[str] = frozenset(),
    family: frozenset[str] = frozenset(),
) -> list[Mention]:
    if mention.sentence_index >= len(sentences):
        return [mention]
    if mention.label in _NAMED:
        extended = _place_with_particle(mention, text)
        if extended is not None:
            return [extended]  # "Deir" + " ez-Zor"
    alias = mention.alias or mention.entity
    if mention.label in PLACE_TYPES and " " in alias:
        parts = _place_parts(mention, alias)
        if parts is not None:
            return parts  # "Windsor, Ontario", "the Pacific coast"
    if _common_word_opening(mention, alias, text, sentences):
        return []  # "Cholera has spread ... cases of cholera", "Interior Secretary Haaland"
    words = mention.entity.split()
    if mention.label == "PERSON" and len(words) > 1 and words[-1] in ORG_FINAL_WORDS:
        # "Computing" merged into "Brightmere Computing" in the article: one ORG row
        return [mention._replace(label="ORG", alias=mention.entity)]
    if mention.label == "PERSON" and mention.entity != alias:
        return [mention]  # merged into a longer person's name in this article
    if mention.label == "PERSON" and " of " in alias:
        parts = _split_of_place(mention, text)
        if len(parts) > 1:
            return parts
    if mention.label == "ORG" and " " in alias:
        split = _split_state_body(mention, alias) or _split_group_adjective(mention, alias)
        if split is not None:
            return split
    start, end = sentences[mention.sentence_index][:2]
    sentence = text[start:end]
    retyped = _retyped(mention, sentence, start, surnames, family)
    if retyped is not None:
        return [retyped]
    if mention.label == "NORP" and not is_group_name(alias):
        places = _unambiguous_places(alias)
        if any(place.kind != CITY or _by_own_name(name_key(alias)) for place in places):
            return [_relabelled(mention, "GPE")]  # "Aleppo" typed NORP
    if mention.label == "PRODUCT":
        # "Carlos Alcaraz, from Murcia": a place typed PRODUCT, repaired as an ORG would be
        label = repaired_label(
            mention.surface,
            "ORG",
            sentence,
            mention.start_char - start,
            mention.end_char - start,
        )
        return [_relabelled(mention, "GPE")] if label == "GPE" else [mention]
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


#: A place cue before a list of places: "from Anbar and Nineveh".
_LIST_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|across|between)\s+$")


def _coordinated_places(mentions: list[Mention], text: str) -> list[Mention]:
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
                other
                for other in (
                    result[index - 1] if index > 0 else None,
                    result[index + 1] if index + 1 < len(result) else None,
                )
                if other is not None
                and other.label in PLACE_TYPES
                and _LIST_JOIN.match(
                    text[
                        min(other.end_char, mention.end_char) : max(
                            other.start_char, mention.start_char
                        )
                    ]
                )
            ]
            if not neighbours:
                continue
            alias = mention.alias or mention.entity
            if not is_unambiguous_place(alias):
                # a name no gazetteer knows, in a list of places after "from", "in", "near"
                # ("leaders from Anbar and Nineveh")
                first = min(mention.start_char, *(other.start_char for other in neighbours))
                if not (
                    _unknown_or_spelling(alias)
                    and _small_place_shaped(alias)
                    # "in Derry, Aoife Doherty, a ward sister": a person after a place
                    and not _unplaced_full_name(alias)
                    and _LIST_PLACE_BEFORE.search(text, max(0, first - 12), first)
                ):
                    continue
            result[index] = _relabelled(mention, "GPE")
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


def _cued_organisations(
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
        _relabelled(m, "ORG") if m.label == "PERSON" and (m.alias or m.entity) in cued else m
        for m in mentions
    ]


def _club_mentions(
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


def _one_type_per_name(
    mentions: list[Mention], pinned: frozenset[int] = frozenset()
) -> list[Mention]:
    """Each named mention with its name's majority type in the article, but for the
    ``pinned`` ones (their indices), which keep theirs (and count in the majority)."""
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
    for index, mention in enumerate(mentions):
        alias = mention.alias or mention.entity
        named = mention.label in _NAMED and index not in pinned
        label = chosen.get(alias, mention.label) if named else mention.label
        if label != mention.label:
            mention = mention._replace(label=label, entity=entity_of.get((alias, label), alias))
        result.append(mention)
    return result


#: Last words of a body's name that two places or fields may share: "Devon and Cornwall
#: Police", "St Albans City and District Council".
_SHARED_BODY_WORDS = ORG_FINAL_WORDS | {
    "Police",
    "Constabulary",
    "Board",
    "Service",
    "Services",
    "Fire",
    "Rescue",
}
#: Capitalised words and "and" right before an organisation's mention.
_HEAD_AND = re.compile(r"(?P<head>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s+and\s+$")


def _joined_organisations(
    mentions: list[Mention], models: list[str], text: str
) -> tuple[list[Mention], list[str]]:
    """An organisation's mention ending in a body's word ("Cornwall Police") extended over
    the capitalised words and "and" before it when they open with a place or a common word
    ("Devon and Cornwall Police", "Arctic and Antarctic Research Institute"; not "Google and
    Microsoft Research"), with the mentions they held dropped; and the model's labels kept
    in step."""
    gazetteer = load_gazetteer()
    extended: dict[int, Mention] = {}
    for index, mention in enumerate(mentions):
        alias = mention.alias or mention.entity
        if mention.label != "ORG" or alias.split()[-1] not in _SHARED_BODY_WORDS:
            continue
        first = alias.split()[0]
        if is_group_name(first) or not (
            place_candidates(first) or first.casefold() in gazetteer.lower_case_words
        ):
            continue  # "the US and European Union": the body has a name of its own
        match = _HEAD_AND.search(text, max(0, mention.start_char - 60), mention.start_char)
        if match is None or match.end() != mention.start_char:
            continue
        words = match["head"].split()
        while words and words[0].casefold() in STOP_WORDS:
            words = words[1:]  # "The", "In"
        if not words or not (
            place_candidates(words[0]) or words[0].casefold() in gazetteer.lower_case_words
        ):
            continue
        head = " ".join(words)
        start = match.start("head") + match["head"].rfind(head)
        if not place_candidates(words[0]) and any(
            other.label == "ORG" and other.start_char == start for other in mentions
        ):
            continue  # "Fiat and General Motors": two organisations
        extended[index] = mention._replace(
            start_char=start,
            surface=text[start : mention.end_char],
            entity=f"{head} and {alias}",
            alias=f"{head} and {alias}",
        )
    if not extended:
        return mentions, models
    spans = [(m.start_char, m.end_char) for m in extended.values()]
    kept_mentions, kept_models = [], []
    for index, (mention, model) in enumerate(zip(mentions, models, strict=True)):
        if index in extended:
            kept_mentions.append(extended[index])
        elif any(start <= mention.start_char and mention.end_char <= end for start, end in spans):
            continue
        else:
            kept_mentions.append(mention)
        kept_models.append(model)
    return kept_mentions, kept_models


def _resolved(mentions: list[Mention], text: str) -> tuple[list[Mention], list[str], list[Place]]:
    """The mentions with places named by their gazetteer entry, the place key of each, and
    the places in order of first mention."""
    indices = [
        i
        for i, mention in enumerate(mentions)
        if mention.label in RESOLVED_LABELS
        and not (mention.label == "LOC" and natural_place_name(mention.alias or mention.entity))
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
    joined, models = _joined_organisations(*party_names(*joined_names(mentions, text), text), text)
    surnames = _titled_surnames(text)
    family = _family_names(joined)
    repaired: list[Mention] = []
    repaired_labels: list[str] = []
    for mention, model in zip(joined, models, strict=True):
        parts = _repaired(mention, text, sentences, surnames, family)
        repaired.extend(parts)
        repaired_labels.extend([model] * min(1, len(parts)) + [""] * (len(parts) - 1))
    repaired = _coordinated_people(_coordinated_places(repaired, text), text)
    spans = [(m.start_char, m.end_char) for m in mentions] + list(covered)
    recalled = _recalled(text, spans, sentences, defined_acronyms(repaired, text))
    everything = repaired + recalled
    labels = repaired_labels + [""] * len(recalled)
    order = sorted(range(len(everything)), key=lambda i: everything[i].start_char)
    combined = [everything[i] for i in order]
    if recalled:
        # places recalled beside a name typed otherwise: "from Bath, Bristol and ..."
        combined = _coordinated_places(combined, text)
    original = [labels[i] for i in order]
    organisations = _cued_organisations(combined, text, sentences)
    typed = _one_type_per_name(organisations, _club_mentions(organisations, text, sentences))
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
