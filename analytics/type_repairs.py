"""Type repairs of one mention: the type its own words and its sentence say, where the
model's differs ("the Tories" NORP -> ORG, "Labour" PERSON -> ORG, "Welsh" -> NORP, "River
Taff" -> LOC, "Houston Rockets" -> ORG, "Nino Beridze, 21," -> PERSON, "lives alone in
Earley" -> GPE), from the cues of ``type_cues`` and ``place_cues`` and the name shapes of
``name_shapes``.

Used by ``analytics.article_entities``; ``retyped`` returns None when no cue says a type.
"""

from __future__ import annotations

import re

from analytics.companies import is_listed_company
from analytics.entities import Mention, person_name
from analytics.gazetteer import (
    ADMIN1,
    CITY,
    COUNTRY,
    OWN_NAME,
    load_gazetteer,
    small_town_key,
    small_towns,
)
from analytics.name_shapes import (
    ORG_FINAL_WORDS,
    common_word_and_region,
    designated_division,
    first_word_is_city,
    large_place,
    opens_with_first_name,
    part_of_continent,
    people_of_a_language,
    person_shaped,
    small_place_shaped,
    small_town_named,
    sporting_name,
    team_name,
    unknown_or_spelling,
    unplaced_full_name,
)
from analytics.place_cues import (
    REPAIRABLE_LABELS,
    has_club_cue,
    has_company_cue,
    has_org_cue,
    has_person_cue,
    is_unambiguous_place,
    org_cue_before,
    place_kind_after,
    places_listed_before,
    strong_place_cue,
)
from analytics.place_recall import region_after
from analytics.places import place_candidates
from analytics.type_cues import (
    ROLE_FROM_BEFORE,
    has_role_cue,
    is_award_name,
    is_group_name,
    is_party_name,
    natural_place,
    natural_place_after,
    org_shaped,
)

#: Place labels that win a tie between types for a name the gazetteer knows.
PLACE_TYPES = ("GPE", "LOC")
#: Types a group's name ("Welsh", "Druze") is repaired from to NORP.
_GROUP_REPAIRABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "WORK_OF_ART"})


#: Types a natural place's name ("River Taff", "Tigris") is repaired from to LOC.
_NATURAL_REPAIRABLE = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
)


#: Types a name with a person's cues ("Nino Beridze, 21,") is repaired from to PERSON.
_PERSON_REPAIRABLE = frozenset({"ORG", "GPE", "NORP", "PRODUCT"})


#: A place's council or police as an ORG mention ("Cardiff council", "Kent police").
_LOCAL_BODY = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}) (?:council|police|authorities|officials)$"
)


#: A place's council or police after its name outside the mention ("Gwynedd council").
_LOCAL_BODY_AFTER = re.compile(r"\s+(?:council|councils|police|authorities|officials)\b")
#: "towards" a small town of GeoNames ("the descent towards Livigno").
_TOWARDS_BEFORE = re.compile(r"\b(?:towards|toward)\s+$")
#: "in", "near", "outside" right before a small place ("lives alone in Earley").
_IN_PLACE_BEFORE = re.compile(r"\b(?:in|near|nearby|outside)\s+$", re.IGNORECASE)


_ROLE_FROM_BEFORE = ROLE_FROM_BEFORE
#: A name going on after a word: "David dal Maso", "Kent Brockman".
_NAME_GOES_ON = re.compile(
    r"\s+(?:(?:de|da|dal|del|della|di|van|von|der|le|la|al|bin|ibn)\s+)?[A-Z]"
)


#: Where a person comes from: "who came from Tuscany", "fled from Daraa".
_CAME_FROM_BEFORE = re.compile(
    r"\b(?:came|comes|come|hails|hailed|fled|moved here|originally|grew up)\s+(?:from|in)\s+$"
)


#: Titles before a person's name.
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|President|Senator|Sen|Rep|Governor|"
    r"Mayor|Minister|King|Queen|Prince|Princess|Sheikh|Captain|Capt|General|Gen)\.?\s+$"
)


def relabelled(mention: Mention, label: str) -> Mention:
    alias = mention.alias or mention.entity
    if label == "PERSON" and mention.label != "PERSON":
        alias = person_name(alias)  # "Balco boss Victor Conte" typed ORG
    return mention._replace(label=label, entity=alias, alias=alias)


def retyped(
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
        return relabelled(mention, "EVENT")  # "an Oscar", "Oscar-nominated"
    if label in _EVENT_REPAIRABLE and (
        _EVENT_NAME.match(alias)
        or (
            # "the Monaco Grand Prix", "the British Grand Prix"; not the "Pontiac Grand Prix"
            alias.endswith(" Grand Prix")
            and (
                is_group_name(alias.split()[0])
                or any(
                    place.kind != CITY or place.population >= _GRAND_PRIX_CITY
                    for place, _ in place_candidates(alias[: -len(" Grand Prix")])
                )
            )
        )
    ):
        return relabelled(mention, "EVENT")  # "Typhoon Haiyan", "the Ryder Cup", "Irish Open"
    if (
        label in PLACE_TYPES
        and _SPOKEN_IN_BEFORE.search(sentence, max(0, begin - 40), begin)
        and people_of_a_language(alias)
    ):
        return relabelled(mention, "LANGUAGE")  # "she said in Quechua"
    if label == "NORP" and (
        is_party_name(alias)
        or (alias in _PARTY_ADJECTIVES and _PARTY_ROLE_AFTER.match(sentence, end))
    ):
        return relabelled(mention, "ORG")  # "the Tories", "the Conservative MP for ..."
    if (
        label in REPAIRABLE_LABELS
        and designated_division(alias)
        and not org_cue()
        and not person_cue()
    ):
        return relabelled(mention, "GPE")  # "Rakhine State", "County Clare" typed PERSON
    if label == "PERSON":
        if not person_cue() and is_party_name(alias):
            return relabelled(mention, "ORG")  # "Labour", "Lib Dems"
        if not person_cue() and org_shaped(alias, first_word_is_city(alias)):
            return relabelled(mention, "ORG")  # "JAXA", "Manchester United"
        if " " not in alias and not person_cue() and org_cue():
            return relabelled(mention, "ORG")  # "oil giant Yukos", "Yukos boss"
        if (
            " " in alias
            and not opens_with_first_name(alias)
            and not is_group_name(alias.split()[0])
            and not person_cue()
            and (common_word_and_region(alias) or has_company_cue(sentence, begin, end))
        ):
            return relabelled(mention, "ORG")  # "Historic England", "Tiger Aspect's boss"
    if (
        label in _GROUP_REPAIRABLE
        and is_group_name(alias, label)
        and not _TITLE_BEFORE.search(sentence, max(0, begin - 40), begin)
    ):
        return relabelled(mention, "NORP")  # "Welsh", "Ugandan", "Druze"
    if (
        label in ("PERSON", "ORG", "GPE", "LOC")
        and people_of_a_language(alias)
        and _PEOPLE_AFTER.match(sentence, end)
        and not person_cue()
        and not org_cue()
    ):
        return relabelled(mention, "NORP")  # "Quechua and Aymara farmers", "the Navajo"
    if (
        label in _NATURAL_REPAIRABLE
        and natural_place(alias, sentence, begin, end)
        and not (label == "ORG" and org_cue())
        and not (label == "PERSON" and person_cue())
        and (
            # "the Altai mountains", "the Yucatán peninsula": the generic word says it
            natural_place_after(sentence, end)
            or not any(
                place.kind in (COUNTRY, ADMIN1) and rank == OWN_NAME
                for place, rank in place_candidates(alias)
            )
        )
    ):
        return relabelled(mention, "LOC")  # "River Taff", "the Dnipro river", "Tigris"
    if label in PLACE_TYPES and team_name(alias) and not person_cue():
        return relabelled(mention, "ORG")  # "Houston Rockets", "Leicester Tigers"
    if (
        label in PLACE_TYPES
        and " " in alias
        and alias.split()[-1] in _BODY_OR_CLUB_LAST_WORDS
        and not place_candidates(alias)
    ):
        # "West Yorkshire Police", "Manchester United", "Bristol Rovers" typed GPE
        return relabelled(mention, "ORG")
    if (
        label in PLACE_TYPES
        and is_listed_company(alias)
        and not place_candidates(alias)
        and not strong_place_cue(sentence, begin, mention.surface)
    ):
        return relabelled(mention, "ORG")  # "chips to Nvidia", "BlackRock" typed GPE
    if (
        label == "PERSON"
        and is_listed_company(alias)
        and not place_candidates(alias)
        and alias not in load_gazetteer().person_like_words
        and alias.split()[-1] not in surnames | family
        and not person_cue()
    ):
        return relabelled(mention, "ORG")  # "Mondelez" typed PERSON
    if (
        label in PLACE_TYPES
        and " " in alias
        and alias.split()[-1] in _FACILITY_LAST_WORDS
        and not place_candidates(alias)
    ):
        return relabelled(mention, "FAC")  # "Hoover Dam", "Heathrow Airport", "Tower Bridge"
    if label == "GPE" and part_of_continent(alias):
        return relabelled(mention, "LOC")  # "West Africa", "Central Asia"
    if (
        label == "GPE"
        and not place_candidates(alias)
        and org_cue()
        and not person_cue()
        # "a landslip near Walsden, the operator, Northern, said": the cue is Northern's
        and not (
            strong_place_cue(sentence, begin, mention.surface)
            and not org_cue_before(sentence, begin)  # "shares in Cleveland-Cliffs"
        )
    ):
        return relabelled(mention, "ORG")  # "the streaming service Northlight"
    if (
        label == "GPE"
        and has_club_cue(sentence, begin, end)
        and not strong_place_cue(sentence, begin, mention.surface)
        and not any(place.kind == COUNTRY for place, _ in place_candidates(alias))
    ):
        return relabelled(mention, "ORG")  # "Liverpool moved three points clear"
    if label == "ORG" and _LOCAL_BODY_AFTER.match(sentence, end) and is_unambiguous_place(alias):
        return relabelled(mention, "GPE")  # "Gwynedd council voted": the place's council
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
    if (
        label in _PERSON_REPAIRABLE
        and " " not in alias
        and alias[1:].islower()
        and _LEADERS_RULE_AFTER.match(sentence, end)
        and not is_party_name(alias)
        and not is_group_name(alias)
        and not place_candidates(alias)
        and (alias in load_gazetteer().person_like_words or alias in family or alias in surnames)
    ):
        return relabelled(mention, "PERSON")  # "the Trump administration", "the Blair years"
    if (
        label in _PERSON_REPAIRABLE
        and label != "NORP"
        and sporting_name(alias)
        and _SPORT.search(sentence)
        # a sport's cue ("beat Tigst Assefa") says nothing against a person here
        and not has_company_cue(sentence, begin, end)
    ):
        return relabelled(mention, "PERSON")  # "Novak Djokovic" in a tennis story
    if label in _PERSON_REPAIRABLE and not org_cue() and not is_party_name(alias):
        surname = alias.split()[-1]
        if surname in surnames and (" " in alias or not large_place(alias)):
            return relabelled(mention, "PERSON")  # "India Marsh" beside "Ms Marsh"
        if alias in family and not large_place(alias):
            return relabelled(mention, "PERSON")  # "Adesanya" after "Israel Adesanya"
        if person_shaped(alias) and (person_cue() or has_role_cue(sentence, begin, end)):
            return relabelled(mention, "PERSON")  # "Nino Beridze, 21,"
        if label == "GPE" and unplaced_full_name(alias):
            return relabelled(mention, "PERSON")  # "Nadia Murad", "Aoife Doherty"
    if (
        label in REPAIRABLE_LABELS
        and _IN_PLACE_BEFORE.search(sentence, max(0, begin - 12), begin)
        and not sentence.startswith(("'s", "’s"), end)
        and not _NAME_GOES_ON.match(sentence, end)  # "drafted in David dal Maso"
        and any(
            rank == OWN_NAME and (place.kind != CITY or place.population >= 50_000)
            for place, rank in place_candidates(alias)  # not "investors in Google" (Topeka)
        )
        and alias.split()[-1] not in surnames | family
        and not org_cue()
        and not person_cue()
    ):
        # "Commuters in Kent", "in Jordan": a first name or surname too, but no one's in
        # this article, and "in" before it
        return relabelled(mention, "GPE")
    if (
        label in REPAIRABLE_LABELS
        and (place_candidates(alias) or small_town_key(alias) in small_towns())
        and (places_listed_before(sentence, begin) or place_kind_after(sentence, end))
        and not org_cue()
        and not person_cue()
    ):
        # "suburbs such as Chandler", "Kenscoff, a hillside town": though a person's or a
        # company's name too, the sentence says it is a place
        return relabelled(mention, "GPE")
    if (
        label in REPAIRABLE_LABELS
        and small_place_shaped(alias)
        and not org_cue()
        and not person_cue()
        and (
            (
                # a name no gazetteer knows firmly: unknown, or a small place's other
                # spelling ("near Mhardeh"); a firm place is repaired by ``repaired_label``
                unknown_or_spelling(alias)
                and _IN_PLACE_BEFORE.search(sentence, max(0, begin - 12), begin)
            )
            or _ROLE_FROM_BEFORE.search(sentence, max(0, begin - 40), begin)
            or _CAME_FROM_BEFORE.search(sentence, max(0, begin - 30), begin)
            or (region_after(sentence, end) and small_town_key(alias) in small_towns())
            # "Kyaukphyu, the last town on the coast", a name no gazetteer knows
            or (
                unknown_or_spelling(alias)
                and (place_kind_after(sentence, end) or places_listed_before(sentence, begin))
            )
            or (
                small_town_key(alias) in small_towns()
                and _TOWARDS_BEFORE.search(sentence, max(0, begin - 10), begin)
            )
        )
    ):
        # "lives alone in Earley", "an elder from Al-Mayadin", "who came from Tuscany",
        # "Jay, Maine"
        return relabelled(mention, "GPE")
    if (
        label in REPAIRABLE_LABELS
        and small_town_key(alias) in small_towns()
        and unknown_or_spelling(alias)
        and small_town_named(alias)
        and _IN_PLACE_BEFORE.search(sentence, max(0, begin - 12), begin)
        and not org_cue()
        and not person_cue()
    ):
        return relabelled(mention, "GPE")  # "Shopkeepers in Hebden Bridge"
    return None


#: Types an event's name ("Typhoon Haiyan" PERSON, "Ryder Cup" ORG) is repaired from.
_EVENT_REPAIRABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART"})
#: A named storm, or a competition by its last word: "Hurricane Katrina", "Storm Ciarán",
#: "the FA Cup", "the US Open", "the Commonwealth Games", "the Monaco Grand Prix".
_EVENT_NAME = re.compile(
    r"^(?:(?:the\s+)?(?:Super\s+)?(?:Typhoon|Hurricane|Cyclone|Storm|Tropical Storm)"
    r"\s+[A-Z][\w'’-]*"
    r"|(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+)+(?:Cup|Open|Olympics|Paralympics)"
    # not "Rockstar Games", "Epic Games"
    r"|(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+)*(?:Olympic|Commonwealth|Asian|Paralympic|Winter|"
    r"Summer|Youth|Invictus|Highland|European|African|Pan American|Arab|Island|Mediterranean)"
    r"\s+Games)$"
)
#: Last words of a facility's name: a place's mention so named is the facility (FAC).
_FACILITY_LAST_WORDS = frozenset(
    {
        "Dam",
        "Barrage",
        "Bridge",
        "Airport",
        "Airfield",
        "Stadium",
        "Arena",
        "Tower",
        "Station",
        "Prison",
        "Mosque",
        "Cathedral",
        "Abbey",
        "Palace",
        "Castle",
        "Pier",
        "Tunnel",
    }
)
#: A city's Grand Prix is a race from this size ("Las Vegas"; not the "Pontiac Grand Prix").
_GRAND_PRIX_CITY = 200_000
#: A language's use before its name: "she said in Quechua", "lessons taught in Welsh".
_SPOKEN_IN_BEFORE = re.compile(
    r"\b(?:speak|speaks|speaking|spoke|spoken|said|says|say|saying|told|wrote|written|writes|"
    r"sang|sings|sung|broadcast|broadcasts|taught|teach|teaches|lessons|classes|fluent|"
    r"message|messages|signs|sermons?|songs?|interview)\s+(?:\w+\s+){0,3}?in\s+$"
)
#: Words of a people after its name, another people's name perhaps between: "Aymara
#: farmers", "Quechua and Aymara farmers", "Navajo communities" (not "Dido fans").
_PEOPLE_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[A-Z][\w'’-]+)?\s+(?:people|peoples|community|communities|tribe|"
    r"tribes|nation|women|men|children|elders|leaders|families|farmers|villagers|herders|"
    r"residents|activists|speakers|groups|minority|majority|chiefs|youth|lands?|territory|"
    r"trader|traders|farmer|herder|fishermen|fisherman|hunters|woman|man|elder|chief|leader|"
    r"militias?|fighters|clans?|refugees|"
    r"territories|reservation|reservations|language)\b"
)
#: A leader's time in office after the leader's surname: "the Trump administration".
_LEADERS_RULE_AFTER = re.compile(
    r"\s+(?:administration|administrations|government|presidency|premiership|era|years|"
    r"White House|cabinet|team)\b"
)
#: Last words of a body's or a club's name after a place's: such a name typed GPE or LOC is
#: an organisation unless the gazetteer has it whole ("United States"; "Manchester City" is
#: left alone, as "Mexico City" is a city, and "Soviet Union", "Russian Federation" too).
_BODY_OR_CLUB_LAST_WORDS = (ORG_FINAL_WORDS - {"Union", "Federation"}) | {
    "Police",
    "Constabulary",
    "Fire",
    "United",
    "Rovers",
    "Wanderers",
    "Athletic",
    "Albion",
    "Hotspur",
    "Rangers",
    "Argyle",
    "FC",
}
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
    r"semi-final|quarter-final|innings|wickets?|birdie|Formula One|Grand Prix|"
    r"race|seconds|kilometres|podium|overtime|finish line)\b"
)
