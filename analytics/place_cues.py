"""Place cues: repair a mention's type from the gazetteer and find the places the model missed.

Pure functions over ``analytics.gazetteer`` and ``analytics.places`` (no store, no spaCy
pipeline):

- Type repair (``repaired_label``): a PERSON or ORG mention that is an unambiguous place
  (``is_unambiguous_place``) and has no person cue (``has_person_cue``) or organisation cue
  (``has_org_cue``) in its sentence becomes GPE.

- The cues themselves: a person's, an organisation's, a place's ("in", "the port of",
  "Kenscoff, a hillside town"); the recall of untagged places that uses them is
  ``analytics.place_recall``.

Word knowledge comes from spaCy's English lexeme tables (``spacy-lookups-data``): a word is
"common" when it is more often written in lower case than capitalised ("nice", "mobile",
"reading"); a capitalised word is "person-like" when its Brown cluster is the one of first
names and surnames ("Jack", "Wilson", "Jordan"). Names that are as often people as places but
cluster with places ("Paris", "Georgia", "Victoria", "Chad") are listed by hand in
``PERSON_NAMES``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from analytics.gazetteer import (
    CITY,
    CONTINENT,
    COUNTRY,
    OWN_NAME,
    Gazetteer,
    Place,
    load_gazetteer,
    normalise_name,
)
from analytics.places import EDGES, largest, name_key
from analytics.sport_cues import (
    _SPORT_AFTER,
    _SPORT_AROUND,
    _SPORT_BEFORE,
    has_club_cue,
    national_side_cue,
    sports_story,
)

__all__ = [
    "REPAIRABLE_LABELS",
    "has_club_cue",
    "has_company_cue",
    "has_org_cue",
    "has_person_cue",
    "national_side_cue",
    "sports_story",
    "org_cue_before",
    "place_kind_after",
    "places_listed_before",
    "is_unambiguous_place",
    "repaired_label",
    "strong_place_cue",
]

#: Labels that ``repaired_label`` may turn into a place.
REPAIRABLE_LABELS = frozenset({"PERSON", "ORG"})
#: A name known only as an alternate name counts for recall and repair from this population.
ALTERNATE_NAME_MIN_POPULATION = 50_000
#: At the start of a sentence, a place name whose lower-case form is at least this frequent
#: (spaCy's log probability) is taken for the common word ("Bath", "March", "Split").
SENTENCE_INITIAL_COMMON = -12.5

#: Places that are as often (or more often) a person's first name or surname in English news
#: but that spaCy's clusters put with places; chosen by hand from the gazetteer's names.
_PERSON_NAMES_TEXT = """
    Adelaide Alexandria Allen Augusta Aurora Austin Batman Beverly Bolton Blackburn Camden Carson
    Charlotte Chad Chelsea Chester Clinton Columbus Crawley Dallas Darwin Dayton Denver Douglas
    Elizabeth Eugene Everett Florence Franklin Garland Georgia Gilbert Hamilton Hayward
    Henderson Houston Hudson Irving Jackson Jordan Kent Lancaster Lawrence Lincoln Logan
    Madison Marion Marshall Milton Montana Morgan Nelson Orlando Paris Phoenix Preston Quincy
    Raleigh Regina Savannah Shelby Sherman Stanley Stockton Sydney Taylor Troy Tyler Vernon
    Victoria Virginia Wakefield Warren Washington Wilson Winston
"""
PERSON_NAMES = frozenset(normalise_name(name) for name in _PERSON_NAMES_TEXT.split())

#: Titles and ranks before a person's name.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|President|Senator|Sen|"
    r"Rep|Governor|Gov|Mayor|Minister|Chancellor|King|Queen|Prince|Princess|Pope|General|Gen|"
    r"Colonel|Col|Captain|Capt|Lieutenant|Lt|Sergeant|Sgt|Major|Maj|Admiral|Adm|Judge|Justice|"
    r"Rev|Reverend|Father|Sheikh|Sheik|Imam|Ayatollah|Emir|Rabbi|Bishop|Cardinal|Detective|"
    r"Inspector|Officer|Coach|Uncle|Aunt|Saint)\.?|\b(?:actor|actress|singer|striker|"
    r"midfielder|defender|goalkeeper|player|coach|manager|author|writer|novelist|poet|"
    r"rapper|model|presenter|chef|designer|spokesman|spokeswoman|lawyer|director|"
    r"chairman|chief|minister|president|leader|commander|general|colonel|senator|"
    r"governor|mayor|judge|professor|dr|mr|mrs|ms|sir|dame|lord|lady|named|called|"
    r"nicknamed|son|daughter|wife|husband|brother|sister|mother|father))\s+$"
)
#: After a person's name: "said he", ", 34,", ", who", "'s wife".
_PERSON_AFTER = re.compile(
    r"^(?:\s*,[^,.]{1,60},)?\s*(?:"
    r"(?:said|says|told|added|wrote|writes|explained|insisted|argued|claimed|admitted|denied|"
    r"tweeted|replied|recalled|laughed|smiled|joked)\b[^.;]{0,50}?\b(?:he|she|his|her|him)\b"
    r"|,\s*\d{1,3}\s*,"
    r"|,\s*who\b"
    r"|['’]s\s+(?:wife|husband|son|daughter|mother|father|brother|sister|family|girlfriend|"
    r"boyfriend|partner|children|career|lawyer|agent|birthday|funeral|death|memoir|"
    r"autobiography|album|song|novel|film|debut)\b"
    r"|\s+(?:he|she)\s+(?:said|says|told|added)\b)",
    re.IGNORECASE,
)
#: A maker of things ("the chocolate maker", "the chipmaker"; not "filmmaker", "lawmaker").
_MAKER = r"(?:car|chip|drug|steel|toy|plane|aircraft|truck|tyre|phone|game)?maker"
#: Words right after an organisation's name ("Inc", "FC", "party"); capitalised ones only
#: count capitalised ("Manchester City", but "Kraków council" is the city's council).
_ORG_AFTER = re.compile(
    r"^(?:\s+(?:Inc|Ltd|Plc|plc|PLC|LLC|LLP|Corp|Corporation|Co|Company|Group|Holdings|FC|"
    r"F\.C\.|AFC|SC|United|City|Town|Rovers|Wanderers|Athletic|Albion|Hotspur|Villa|County|"
    r"Club|Party|Bank|Airlines|Airways|Airport|University|College|Institute|Foundation|"
    r"Council|Times|Post|Herald|Telegraph|Journal|Gazette|Chronicle|Tribune|Star|Mirror|"
    r"Standard|Echo|Express|Stock Exchange|Motors|Energy|Telecom|Pharma|Partners|Capital)\b"
    r"|\s+(?:club|party|fc|side|inc|ltd|plc|stock|shares|crude|index|group|brand|studios)\b"
    r"|,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}(?:firm|company|group|bank|lender|"
    rf"{_MAKER}|"
    r"retailer|airline|club|party|brand|chain|operator|giant|insurer|broadcaster|"
    r"newspaper|network|manufacturer|producer|supplier|conglomerate|publisher)\b"
    r"|\s+(?:boss|bosses|shareholders|(?:deputy |acting )?(?:chief executive|chairman)|"
    r"unit|subsidiary)\b"
    r"|,\s+which\s+(?:is|was)\s+(?:based|headquartered)\s+in\b"
    r"|['’]s?\s+(?:board|shares|share price|shareholders|investors|chief executive|chief|boss|"
    r"chairman|chairwoman|CEO|ceo|executives?|directors|owners?|profits?|revenues?|sales|"
    r"stock|subsidiary|headquarters|brand|products|customers|employees|staff|workers|manager|"
    r"players|squad|striker|midfielder|defender|goalkeeper|coach|fans|supporters|"
    r"first team|academy|manifesto|MPs|members|spokesman|spokeswoman|IPO|equity|"
    r"flotation|share offer|takeover|market value|market share|annual report|results|"
    r"deputy chief executive))\b"
)
#: Words before an organisation's name ("shares in", "a deal with the club").
_ORG_BEFORE = re.compile(
    r"(?:\b(?:[Ss]hares in|[Ss]hares of|[Ss]take in|subsidiary of|owned by|signed for|signed by|"
    r"joined|join|played for|plays for|loan to|loan from|club|side|team|firm|company|group|"
    r"bank|party|label|band|rival|rivals|brand|giant|lender|insurer|retailer|carmaker|"
    r"start-up|startup|broadcaster|airline|regulator|watchdog|charity|streamer|"
    r"streaming service|conglomerate|manufacturer|operator|supermarket|chain|publisher|"
    rf"{_MAKER}|exchange|property business|news agency|chief executive of|chairman of|"
    r"takeover of|bid for)"
    r"|\bthe\s+(?:club|party|firm|company|group|side))\s+$"
    # "the regulator, Ofwat,": "the", the cue, a comma, the name
    r"|\b[Tt]he\s+(?:[\w-]+\s+)?(?:club|firm|company|group|bank|lender|insurer|retailer|"
    r"carmaker|broadcaster|airline|regulator|watchdog|charity|streamer|manufacturer|"
    r"operator|supermarket|chain|union),\s+$"
)
#: A word before a place: "in", "from", "near".
_PLACE_BEFORE = re.compile(
    r"\b(?:in|from|to|into|near|across|outside|inside|at|via|towards|toward|throughout|"
    r"around|through|visit|visited|visiting|capital|city|town|state|province|region)\s+$",
    re.IGNORECASE,
)
#: A word before a place that leaves little doubt ("in Dingolfing", "the port of Rotterdam");
#: "at", "to" and "from" do not ("an economist at Halifax", "the rights to Garfield").
_STRONG_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|inside|towards|toward|across|throughout|into|around)"
    r"|\b(?:city|cities|town|towns|port|ports|village|villages|capital|province|provinces|"
    r"region|regions|district|districts|suburb|suburbs|outskirts|county|counties|state|states)"
    r"\s+of|\bcapital,?"
    # a journey's end: "lorry traffic to Calais", "flights to Kraków", "fled to Lviv"
    r"|\b(?:flights?|ferry|ferries|sailings?|trains?|traffic|routes?|trips?|journeys?|"
    r"returned|travelled|traveled|fled|moved|deported|emigrated|relocated)\s+to)\s+$",
    re.IGNORECASE,
)
#: Leading words of a mention that are not part of the place: "near Tartus", "north of Aleppo".
_LEADING_PREPOSITION = re.compile(
    r"^(?:(?:near|in|outside|around|across|from|to|at)\s+|"
    r"(?:north|south|east|west|northern|southern|eastern|western|central|north-east|"
    r"north-west|south-east|south-west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?(?:\s+of)?\s+)+",
    re.IGNORECASE,
)
_DIRECTIONS_TEXT = """
    north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west upper lower greater occupied
"""
_DIRECTIONS = frozenset(_DIRECTIONS_TEXT.split())


#: A capitalised word ("Kraków", "U.S.", "Saint-Germain"), and a run of them joined by single
#: spaces or lower-case particles ("Bosnia and Herzegovina", "Deir ez-Zor").
_WORD = r"(?:[^\W\d_a-z]\.){2,}|[^\W\d_a-z][\w'’\-]*"
_PARTICLES = (
    r"of|de|del|da|dos|das|la|le|les|el|al|ez|am|upon|and|di|du|des|der|den|van|von|ul|ur|ash|"
)
_RUN = re.compile(
    rf"(?<![\w\-'’.])(?:{_WORD})(?:(?: |(?<=\bSt)\. |(?<=\bMt)\. |(?<=\bFt)\. )"
    rf"(?:(?:{_PARTICLES}[&])\s)?(?:{_WORD}))*"
)
_TOKEN = re.compile(_WORD)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\n]|[.!?][\"'”’)\]]+)[\s\"'“‘(\[]*$")
_AND = re.compile(r" (?:and|&) ")


#: Two names are spellings of one another from this similarity (difflib's ratio).
VARIANT_SIMILARITY = 0.75


def _variant(alternate: str, own: str) -> bool:
    """Whether an alternate name is a spelling of the place's own ("Raqqa" of "Ar Raqqah",
    "Kiev" of "Kyiv"), not another name altogether ("Google" of Topeka, for a month in 2010)."""
    return (
        alternate in own
        or own in alternate
        or SequenceMatcher(None, alternate, own).ratio() >= VARIANT_SIMILARITY
    )


@lru_cache(maxsize=50_000)
def _named_places(key: str) -> tuple[Place, ...]:
    """The places that ``key`` names firmly enough for recall and type repair: those whose own
    name it is, else those it spells a little differently (and that have 50,000 people)."""
    candidates = load_gazetteer().names.get(key, ())
    own = tuple(place for place, rank in candidates if rank == OWN_NAME)
    if own:
        return own
    return tuple(
        place
        for place, _ in candidates
        if place.population >= ALTERNATE_NAME_MIN_POPULATION
        and _variant(key, normalise_name(place.name))
    )


def _by_own_name(key: str) -> bool:
    """Whether ``key`` is some place's own name (not only an alternate one)."""
    return any(rank == OWN_NAME for _, rank in load_gazetteer().names.get(key, ()))


def _is_person_name(key: str, gazetteer: Gazetteer) -> bool:
    return key in PERSON_NAMES or (
        " " not in key and key.capitalize() in gazetteer.person_like_words
    )


def is_unambiguous_place(name: str) -> bool:
    """Whether ``name`` is a gazetteer place and not also a common word or person's name.

    "Rotterdam", "Kraków", "Tartus", "United States" are; "Jordan", "Georgia", "Chad",
    "Paris" (first names or surnames as well), "Wilson" (a surname before it is a town in
    North Carolina), "Nice", "Reading" (words), "Google" (an alternate name of Topeka) are
    not. Leading prepositions and directions ("near Tartus", "north of Aleppo") are ignored.
    """
    return _unambiguous_places(_LEADING_PREPOSITION.sub("", name.strip(EDGES))) != ()


def _unambiguous_places(name: str) -> tuple[Place, ...]:
    gazetteer = load_gazetteer()
    key = name_key(name)
    places = _named_places(key)
    if not places or _is_person_name(key, gazetteer):
        return ()
    surface = name.strip(EDGES)
    if " " not in key and key in gazetteer.common_words:
        # "Nice", "Mobile", "Us" are words; "US", "U.S.", "Turkey", "China" are countries.
        return tuple(
            place
            for place in places
            if place.kind == COUNTRY
            and (surface.isupper() or "." in surface or place.name == surface)
        )
    if surface.isupper() and len(surface) > 1:
        # "TUI", "BBC": an all-capitals name is a place only as a country's short form.
        return tuple(place for place in places if place.kind == COUNTRY)
    if (
        any(any(ch.isupper() for ch in part[1:]) for part in surface.split("-"))
        and " " not in surface
        and "." not in surface
    ):
        # "BoE", "iPhone": capitals inside a word are a brand's, unless the place has them.
        return tuple(place for place in places if place.name == surface)
    return places


def _word_before(text: str) -> str:
    match = re.search(r"([^\W\d_][\w'’\-]*)\s$", text)
    return match.group(1) if match else ""


def _word_after(text: str) -> str:
    match = re.match(r"\s([^\W\d_][\w'’\-]*)", text)
    return match.group(1) if match else ""


def _is_name_word(word: str, gazetteer: Gazetteer) -> bool:
    """A capitalised word that is (part of) a person's name: not a place, title or common word."""
    if not word or not word[0].isupper() or word.isupper():
        return False
    lower = word.casefold()
    if lower in STOP_WORDS or lower in gazetteer.lower_case_words:
        return False
    return not (normalise_name(word) in gazetteer.names and word not in gazetteer.person_like_words)


def has_person_cue(sentence: str, start: int, end: int) -> bool:
    """Whether the words around ``sentence[start:end]`` say it is a person.

    A title or rank before it ("Mr Sydney", "actress Paris"), a first name before it ("Jack
    London") or a surname after it ("Paris Hilton"), "said he/she" or ", who" or ", 34," or
    "'s wife" after it.
    """
    gazetteer = load_gazetteer()
    before, after = sentence[max(0, start - 80) : start], sentence[end : end + 120]
    if _TITLE_BEFORE.search(before) or _PERSON_AFTER.match(after):
        return True
    previous = _word_before(before)
    if (
        previous
        and previous in gazetteer.person_like_words
        and previous.casefold() not in (STOP_WORDS)
    ):
        return True
    following = _word_after(after)
    return _is_name_word(following, gazetteer)


def has_company_cue(sentence: str, start: int, end: int) -> bool:
    """``has_org_cue`` without its sports cues: "Inc", "'s shares", "the firm", "X, the
    chipmaker" ("a 6-2 win over Feliciano Lopez" says nothing of a company)."""
    before, after = sentence[max(0, start - 80) : start], sentence[end : end + 120]
    return bool(_ORG_AFTER.match(after) or _ORG_BEFORE.search(before))


def org_cue_before(sentence: str, start: int) -> bool:
    """Whether the words before ``sentence[start:]`` say an organisation follows: "shares
    in", "the firm", "the operator"."""
    return _ORG_BEFORE.search(sentence[max(0, start - 80) : start]) is not None


def has_org_cue(sentence: str, start: int, end: int) -> bool:
    """Whether the words around ``sentence[start:end]`` say it is an organisation.

    "Inc", "Ltd", "FC", "United", "City", "party", "club" after it; "'s shares", "'s chief
    executive", "'s striker" after it; "shares in", "signed for", "beat" before it; a match
    report around it ("Liverpool beat Chelsea 2-1").
    """
    before, after = sentence[max(0, start - 80) : start], sentence[end : end + 120]
    if _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
        return True
    if _SPORT_AFTER.match(after) or _SPORT_BEFORE.search(before):
        return True
    window = sentence[max(0, start - 40) : end + 40]
    return bool(_SPORT_AROUND.search(window))


#: Below this population a city typed PERSON needs a place cue ("in", "near") to be repaired.
PERSON_REPAIR_MIN_POPULATION = 100_000
#: ... and below this one when the name is a spelling of the city's ("Raqqa", "Mykolaiv").
ALTERNATE_REPAIR_MIN_POPULATION = 250_000
#: Below this population a city typed ORG needs a place cue (above it, "from Chennai" is
#: enough from 100,000 people): many companies are named after a town.
ORG_REPAIR_MIN_POPULATION = 1_000_000
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
#: Below this population (the sum of its cities, when known) a division needs a place cue.
DIVISION_REPAIR_MIN_POPULATION = 1_000_000
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


#: A place's kind in apposition after its name: "Kenscoff, a hillside town above ...",
#: "Kyaukphyu, the last town on the coast", "Tarbert, a village." The kind's noun ends the
#: phrase or a preposition follows it ("Ms Grey, a city councillor" is no place).
_PLACE_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|village|hamlet|city|port|suburb|"
    r"district|province|settlement|municipality|commune|enclave|neighbourhood|"
    r"neighborhood|county|region|capital)"
    r"(?=[,.;:)]|\s+(?:of|in|on|near|above|below|outside|beside|along|across|north|south|east|"
    r"west|that|which|where|with|by|close|just|some|about|\d)\b)"
    # "Raška, a few miles from the border", "Kenscoff, 10 km south of the capital"
    r"|,\s+(?:a few|a couple of|several|some|about|around|only|just|\d[\d.,]*)\s+"
    r"(?:miles?|km|kilometres?|kilometers?)\s+(?:from|north|south|east|west|outside|away|"
    r"inland|upstream|downstream)\b"
)
#: Plural kinds of places before a list of them: "suburbs such as Chandler", "towns like".
_PLACES_SUCH_AS_BEFORE = re.compile(
    r"\b(?:towns|cities|villages|suburbs|ports|provinces|districts|regions|countries|states|"
    r"islands|capitals|areas|neighbourhoods|neighborhoods|townships|municipalities|counties)"
    r"(?:\s+[\w-]+){0,4}?\s+(?:such as|like|including)\s+"
    # the places listed before this one: "towns such as St Ives, Padstow and Fowey"
    r"(?-i:(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?:,\s+|\s+(?:and|or)\s+)){0,6})$"
    # a seat: "the MP for Henley", "a TD for Clare", "the SNP member for the Western Isles"
    r"|\b(?:MPs?|TDs?|MSPs?|MEPs?|MLAs?|MSs?|AMs?|[Mm]ember|[Cc]andidate)\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def place_kind_after(sentence: str, end: int) -> bool:
    """Whether the place's kind stands in apposition after ``sentence[:end]``: "Kenscoff, a
    hillside town above ...", "Kyaukphyu, the last town on the coast"."""
    return _PLACE_APPOSITIVE_AFTER.match(sentence, end) is not None


def places_listed_before(sentence: str, start: int) -> bool:
    """Whether a plural kind of place and "such as" stand before ``sentence[start:]``:
    "suburbs such as Chandler", "towns like Buckeye"."""
    return _PLACES_SUCH_AS_BEFORE.search(sentence, max(0, start - 160), start) is not None


def strong_place_cue(sentence: str, start: int, name: str) -> bool:
    """ "in Tartus", "near Tartus", "the port of Rotterdam" (the preposition inside the span
    or before it), "towns such as Chandler", "Kenscoff, a hillside town" (the place's kind
    in apposition after it)."""
    return bool(
        _LEADING_PREPOSITION.match(name)
        or _STRONG_PLACE_BEFORE.search(sentence, max(0, start - 25), start)
        or places_listed_before(sentence, start)
        or place_kind_after(sentence, start + len(name))
    )


def repaired_label(name: str, label: str, sentence: str, start: int, end: int) -> str:
    """``label``, or GPE for a PERSON or ORG mention that is a place.

    ``start`` and ``end`` are the mention's offsets in ``sentence``. The mention must be an
    unambiguous place (``is_unambiguous_place``) with no person or organisation cue around it
    (``has_person_cue``, ``has_org_cue``). Countries and continents are then places. So is a
    city typed PERSON by its own name with 100,000 people or more, and a division of a million
    (Scotland, Texas). Anything else needs a place cue before it ("in", "near", "towards",
    "the port of"): many companies, bands and people are named after a town (Toyota, Halifax,
    Abba, Santander, Garfield). A city with "the" before it is not a place there ("the
    Halifax", "the St David's centre").
    """
    if label not in REPAIRABLE_LABELS:
        return label
    bare = _LEADING_PREPOSITION.sub("", name.strip(EDGES))
    places = _unambiguous_places(bare)
    if not places:
        return label
    if has_person_cue(sentence, start, end) or has_org_cue(sentence, start, end):
        return label
    if any(place.kind in (COUNTRY, CONTINENT) for place in places):
        return "GPE"
    cities = all(place.kind == CITY for place in places)
    if cities and (
        bare.casefold().startswith("the ") or _THE_BEFORE.search(sentence, max(0, start - 5), start)
    ):
        return label
    if strong_place_cue(sentence, start, name):
        return "GPE"
    population = largest(places).population
    if cities:
        own = _by_own_name(name_key(bare))
        if label == "PERSON" and population >= (
            PERSON_REPAIR_MIN_POPULATION if own else ALTERNATE_REPAIR_MIN_POPULATION
        ):
            return "GPE"
        if label == "ORG" and (
            population >= ORG_REPAIR_MIN_POPULATION
            or (
                population >= PERSON_REPAIR_MIN_POPULATION
                and _FROM_BEFORE.search(sentence, max(0, start - 8), start)
            )
        ):
            return "GPE"
        return label
    return "GPE" if population >= DIVISION_REPAIR_MIN_POPULATION else label
