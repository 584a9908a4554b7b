"""Span repairs of one article's mentions: a mention cut into the names it holds ("Aryna
Sabalenka of Belarus", "Windsor, Ontario", "the U.S. State Department"), trimmed ("the Pacific
coast" -> Pacific), extended over what the model left out ("Deir" + " ez-Zor", "Devon and" +
"Cornwall Police"), or dropped as a common word capitalised at a sentence's start.

Used by ``analytics.article_entities`` before it repairs types.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from analytics.entities import NAME_PARTICLES, TITLE_WORDS, Mention
from analytics.gazetteer import (
    ADMIN1,
    COUNTRY,
    OWN_NAME,
    load_gazetteer,
    small_town_key,
    small_towns,
)
from analytics.name_shapes import ORG_FINAL_WORDS, team_name, unplaced_full_name
from analytics.place_cues import has_org_cue
from analytics.places import place_candidates
from analytics.type_cues import is_group_name, is_party_name

#: "<name> of <place>" in a PERSON mention.
_OF_PLACE = re.compile(r"^(?P<person>[A-Z][^ ]+(?: [A-Z][^ ]+)+) of (?P<place>[A-Z][\w'’ -]+)$")


def split_of_place(mention: Mention, text: str) -> list[Mention]:
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


def common_word_opening(
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


def place_parts(mention: Mention, alias: str) -> list[Mention] | None:
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
    return _two_names(mention, first, ", ", second)


def listed_places(mention: Mention, alias: str, *, cued: bool = False) -> list[Mention] | None:
    """A PERSON or ORG mention of two places and a comma between them ("villages such as
    Abersoch, Aberdaron and Nefyn": the model's "Abersoch, Aberdaron") as the two places
    (GPE); each must be a gazetteer's place by its own name or a small town of GeoNames (any
    name, when ``cued``: the sentence lists places there), and no word or person's name;
    None when the mention is not so."""
    first, comma, second = alias.partition(", ")
    if not comma or ", " in second:
        return None
    gazetteer = load_gazetteer()
    for part in (first, second):
        if not part[:1].isupper() or len(part.split()) > 2:
            return None
        if any(
            word.casefold() in gazetteer.lower_case_words or word in gazetteer.person_like_words
            for word in part.split()
        ):
            return None
        if not (
            cued
            or any(rank == OWN_NAME for _, rank in place_candidates(part))
            or small_town_key(part) in small_towns()
        ):
            return None
    parts = _two_names(mention, first, ", ", second)
    return None if parts is None else [part._replace(label="GPE") for part in parts]


def _two_names(mention: Mention, first: str, joint: str, second: str) -> list[Mention] | None:
    """The mention cut into its two names, ``first`` and ``second`` with ``joint`` between
    them in its surface ("Windsor" ", " "Ontario"); None when its surface is not so."""
    at = mention.surface.find(first + joint)
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


def split_state_body(mention: Mention, alias: str) -> list[Mention] | None:
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


def split_group_before_person(mention: Mention, alias: str) -> list[Mention] | None:
    """A PERSON or ORG mention of a group's adjective and a person's name ("Greek Emmanouil
    Karalis", "Kenyan Faith Kipyegon") as the group (NORP) and the person (PERSON); None
    when the mention is not one."""
    first, _, rest = alias.partition(" ")
    if not rest or not is_group_name(first) or is_group_name(rest):
        return None
    words = rest.split()
    if not 1 < len(words) <= 3 or not all(word[:1].isupper() for word in words):
        return None
    if not unplaced_full_name(rest):
        return None  # "Syrian Democratic Forces", "British Antarctic Survey"
    at = mention.surface.find(first + " ")
    if at < 0 or not mention.surface.endswith(rest):
        return None
    start = mention.start_char + at
    group = Mention(start, start + len(first), mention.sentence_index, first, first, "NORP", first)
    person = mention._replace(
        start_char=mention.end_char - len(rest),
        surface=rest,
        label="PERSON",
        entity=rest,
        alias=rest,
    )
    return [group, person]


def split_group_adjective(mention: Mention, alias: str) -> list[Mention] | None:
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


def greater_place(mention: Mention, text: str) -> Mention | None:
    """A place's mention extended over the "Greater" the model left before it ("Greater" +
    "Manchester"): the region is named whole; None when no "Greater" stands there."""
    if mention.label not in ("GPE", "LOC"):
        return None
    start = mention.start_char - len("Greater ")
    if start < 0 or not text.startswith("Greater ", start):
        return None
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return None  # "\bGreater": not the end of a longer word
    alias = "Greater " + (mention.alias or mention.entity)
    return mention._replace(
        start_char=start, surface=text[start : mention.end_char], entity=alias, alias=alias
    )


def place_with_particle(mention: Mention, text: str) -> Mention | None:
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
_HEAD_AND = re.compile(r"(?P<head>(?:[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)[ \t]+and[ \t]+$")


def joined_organisations(
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
        if any(
            other.label == "ORG"
            and start <= other.start_char < mention.start_char
            and (
                not place_candidates(words[0])
                # "Chicago Public Schools and the Chicago Transit Authority"
                or (" " in other.surface.strip() and not place_candidates(other.surface.strip()))
            )
            for other in mentions
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


#: Members' titles written after their party's name: "a Fianna Fáil TD", "the Labour MP".
_MEMBER_TITLES = frozenset({"MP", "MPs", "TD", "TDs", "MSP", "MSPs", "MEP", "MEPs", "MLA", "MLAs"})


def party_before_title(mention: Mention, alias: str) -> list[Mention] | None:
    """A PERSON or ORG mention of a party's name and a member's title ("Fianna Fáil TD",
    "Labour MP") as the party (ORG) alone: the title names no one; None when the mention is
    not one."""
    head, _, last = alias.rpartition(" ")
    if last not in _MEMBER_TITLES or not head or not is_party_name(head):
        return None
    at = mention.surface.find(head)
    if at < 0:
        return None
    start = mention.start_char + at
    return [
        mention._replace(
            start_char=start,
            end_char=start + len(head),
            surface=head,
            label="ORG",
            entity=head,
            alias=head,
        )
    ]


#: Offices that name no one when they stand alone as a mention ("the Taoiseach"); a royal or
#: religious title alone may be the name a person or a band goes by ("the Queen", "Queen").
_OFFICES = frozenset(
    {"taoiseach", "tánaiste", "tanaiste", "premier", "chancellor", "minister", "secretary"}
    | {"governor", "mayor", "senator", "ambassador", "president", "chairman", "chairwoman"}
)


def title_alone(alias: str) -> bool:
    """Whether a one-word mention is only a title or office ("the Taoiseach", "Tánaiste"),
    naming no one by name; not a word that is also a surname ("King", "Major")."""
    return (
        " " not in alias
        and not alias.isupper()  # "MS", "MP": acronyms as often
        and alias.strip(".").casefold() in _OFFICES
        and alias not in load_gazetteer().person_like_words
    )


#: A hyphen and a capitalised word right after a mention: "Cleveland" + "-Cliffs".
_HYPHENATED_AFTER = re.compile(
    r"(?:-(?:(?:on|upon|under|le|la|les|de|du|des|en|sur|sous|am|an|by|in|of)-)?[A-Z][\w'’]*)+"
    r"(?![\w'’-])"
)


def hyphenated_name(mention: Mention, text: str) -> Mention | None:
    """The mention extended over the hyphen and capitalised word the model left after it
    ("Cleveland" of "Cleveland-Cliffs", "Rolls" of "Rolls-Royce"): one name, whatever its
    type; None when no such word follows."""
    match = _HYPHENATED_AFTER.match(text, mention.end_char)
    if match is None:
        return None
    head = mention.alias or mention.entity
    if (
        head.isupper()
        or is_group_name(head)
        or any(
            word.isupper() or is_group_name(word) or place_candidates(word)
            for word in match.group()[1:].split("-")
            if word[:1].isupper()
        )
    ):
        return None  # "US-German relations", "a Fiat-GM deal", "London-Frankfurt flights"
    alias = head + match.group()
    return mention._replace(
        end_char=match.end(),
        surface=text[mention.start_char : match.end()],
        entity=alias,
        alias=alias,
    )


def split_two_bodies(mention: Mention, alias: str) -> list[Mention] | None:
    """An ORG mention of two bodies' full names joined by "and" ("the National Science
    Foundation and Natural Environment Research Council") as the two; None when either side
    is no body's full name of two words or more ending with an organisation's word ("Devon
    and Cornwall Police", "Food and Agriculture Organization" stay one)."""
    left, joined, right = alias.partition(" and ")
    if not joined or " and " in right:
        return None
    left_words, right_words = left.split(), right.split()
    if len(left_words) < 2 or len(right_words) < 2 or not right[:1].isupper():
        return None
    if left_words[-1] not in ORG_FINAL_WORDS or right_words[-1] not in ORG_FINAL_WORDS:
        return None
    return _two_names(mention, left, " and ", right)


#: Last words of a body's name that "for" and what it serves may follow: "the United Nations
#: Office for the Coordination of Humanitarian Affairs", "Centre for Ageing Better".
_BODY_FOR_WORDS_TEXT = """
    Office Centre Center Institute Commission Council Ministry Department Agency Committee
    Foundation Fund Society Organisation Organization Coalition Alliance Trust Campaign
    Network Secretary Board Service
"""
_BODY_FOR_WORDS = frozenset(_BODY_FOR_WORDS_TEXT.split())
#: What stands between a body's name and what it is for: " for ", " for the ".
_FOR_BETWEEN = re.compile(r"^ for (?:the )?$")


def bodies_for(
    mentions: list[Mention], models: list[str], text: str
) -> tuple[list[Mention], list[str]]:
    """Two ORG mentions, the first ending with a body's word and "for" between them, as the
    one organisation they name ("United Nations Office" + "for the" + "Coordination of
    Humanitarian Affairs"), with the second's model label dropped in step."""
    kept_mentions: list[Mention] = []
    kept_models: list[str] = []
    index = 0
    while index < len(mentions):
        mention, model = mentions[index], models[index]
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        alias = mention.alias or mention.entity
        if (
            following is not None
            and mention.label == following.label == "ORG"
            and alias.split()[-1] in _BODY_FOR_WORDS
            and _FOR_BETWEEN.match(text[mention.end_char : following.start_char])
            and (following.alias or following.entity)[:1].isupper()
        ):
            name = text[mention.start_char : following.end_char]
            whole = f"{alias}{text[mention.end_char : following.start_char]}"
            whole += following.alias or following.entity
            if following.surface.startswith("the ") and " for the " not in whole:
                whole = f"{alias} for the {following.alias or following.entity}"
            kept_mentions.append(
                mention._replace(
                    end_char=following.end_char, surface=name, entity=whole, alias=whole
                )
            )
            kept_models.append(model)
            index += 2
            continue
        kept_mentions.append(mention)
        kept_models.append(model)
        index += 1
    return kept_mentions, kept_models


#: A capitalised word right after a mention, and what follows it: "Peres" + " Jepchirchir".
_NAME_WORD_AFTER = re.compile(r" (?P<word>[A-Z][a-z][\w'’]*)(?![\w'’-])")


def names_cut_short(
    mentions: list[Mention], models: list[str], text: str
) -> tuple[list[Mention], list[str]]:
    """Mentions extended over the capitalised word the model left after them, where the word
    belongs to the name: a one-word PERSON's surname too rare to be another kind of word
    ("Peres" + "Jepchirchir"), a place's team's name ("Florida" + "Panthers": then the team,
    ORG, as ``name_shapes.team_name`` has it); the model's labels kept in step."""
    gazetteer = load_gazetteer()
    result = list(mentions)
    for index, mention in enumerate(result):
        match = _NAME_WORD_AFTER.match(text, mention.end_char)
        if match is None:
            continue
        following = result[index + 1] if index + 1 < len(result) else None
        if following is not None and following.start_char < match.end():
            continue  # the word is a mention of its own
        word = match["word"]
        alias = mention.alias or mention.entity
        if (
            mention.label == "PERSON"
            and " " not in alias
            and word not in gazetteer.frequent_capitalised
            and word.casefold() not in gazetteer.lower_case_words
            and not place_candidates(word)
            and not is_group_name(word)
        ):
            label = "PERSON"
        elif mention.label in ("GPE", "LOC") and team_name(f"{alias} {word}"):
            label = "ORG"
        else:
            continue
        whole = f"{alias} {word}"
        result[index] = mention._replace(
            end_char=match.end(),
            surface=text[mention.start_char : match.end()],
            label=label,
            entity=whole,
            alias=whole,
        )
    return result, models


def party_without_its_word(mention: Mention, alias: str) -> list[Mention] | None:
    """An ORG mention ending with a lower-case "party" ("the opposition Law and Justice
    party", "the Gerindra party") without it, as the conventions have a party's name; None
    when the mention does not end so or nothing capitalised is left."""
    head, _, last = alias.rpartition(" ")
    if last != "party" or not head[:1].isupper() or not mention.surface.endswith(" party"):
        return None
    surface = mention.surface[: -len(" party")]
    return [
        mention._replace(
            end_char=mention.end_char - len(" party"), surface=surface, entity=head, alias=head
        )
    ]
