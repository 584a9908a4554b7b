"""Places on a gazetteer: resolve place mentions to gazetteer entries.

Pure functions over ``analytics.gazetteer`` (no store, no spaCy pipeline); the cues that
repair a mention's type and find the places the model missed are in
``analytics.place_cues``.

- ``resolve_place`` / ``resolve_places``: a place mention to one gazetteer entry (GeoNames
  id, canonical name, kind, country, coordinates), disambiguated as a geoparser does (Media
  Cloud's CLIFF is the reference), in this order:

  1. a place's own name beats an alternate name ("Manchester" is not Richmond, Virginia,
     whose GeoNames alternate names include "Manchester");
  2. a qualifier written with the name narrows it: "Paris, Texas", "London, Ontario";
  3. a city in a first-level division the article names ("Perth" in a story that names
     Scotland);
  4. an exact country name wins ("Georgia" is the country) unless the article names another
     candidate's country and not this one (a US story: Georgia the state);
  5. a national capital wins ("Tripoli" is Libya's) unless the article names another
     candidate's country and not the capital's, and that candidate is not much smaller
     (a tenth of the capital or more: Tripoli, Lebanon in a Lebanese story; but "Paris" in a
     US story stays France's: Paris, Texas is a hundredth of its size). A capital a tenth the
     size of a namesake is no capital for this rule (Hamilton, Bermuda);
  6. a candidate in a country the article names ("Birmingham" in a US story is Alabama's);
  7. a first-level division beats cities of other countries ("Victoria" is the Australian
     state, "Ontario" the province), a city beats its own country's division of the same
     name ("New York", "Idlib");
  8. the larger population.

  The article's countries (and divisions) are those of its mentions that resolve to a single
  country whatever the context (``resolve_places`` finds them first). Demonyms are not
  places: a NORP mention ("Syrian") resolves to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from analytics.gazetteer import (
    ADMIN1,
    CITY,
    CONTINENT,
    COUNTRY,
    Place,
    load_gazetteer,
    normalise_name,
)

__all__ = [
    "PLACE_LABELS",
    "Place",
    "PlaceMention",
    "largest",
    "load_gazetteer",
    "name_key",
    "place_candidates",
    "resolve_place",
    "resolve_places",
]

#: Entity labels that can name a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: A capital that is smaller than this share of a namesake is not a capital for rule 5.
CAPITAL_SHARE = 0.1
#: A candidate in an article's country overrides a capital from this share of its size.
RIVAL_SHARE = 0.1

POSSESSIVE = re.compile(r"['’]s?$")
EDGES = " \t\n'\"‘’“”«»()[]{},;:!?"


class PlaceMention(NamedTuple):
    """A place found in a text: character offsets, the text as written, the label."""

    start: int
    end: int
    name: str
    label: str


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """``name`` as the gazetteer looks it up: edges, possessive and case dropped."""
    return normalise_name(POSSESSIVE.sub("", name.strip(EDGES)).strip(EDGES))


def place_candidates(name: str) -> tuple[tuple[Place, int], ...]:
    """Every gazetteer entry named ``name``, each with its rank (0 own name, 1 alternate)."""
    return load_gazetteer().names.get(name_key(name), ())


def _best_ranked(candidates: tuple[tuple[Place, int], ...]) -> list[Place]:
    best = min(rank for _, rank in candidates)
    return [place for place, rank in candidates if rank == best]


def largest(places: Iterable[Place]) -> Place:
    return max(places, key=lambda place: place.population)


def _within(places: list[Place], qualifier: Place) -> list[Place]:
    """The candidates inside ``qualifier`` (a division, or else its country)."""
    if qualifier.kind == ADMIN1:
        inside = [place for place in places if place.admin1 == qualifier.key != place.key]
        if inside:
            return inside
    return [
        place
        for place in places
        if place.country_code == qualifier.country_code and place.key != qualifier.key
    ]


def _choose(
    candidates: tuple[tuple[Place, int], ...],
    countries: frozenset[str] | set[str],
    admin1s: frozenset[str] | set[str],
    qualifier: Place | None,
) -> Place:
    places = _best_ranked(candidates)
    if qualifier is not None:
        places = _within(places, qualifier) or places
    if len(places) == 1:
        return places[0]
    in_named_division = [
        place for place in places if place.kind != ADMIN1 and place.admin1 in admin1s
    ]
    if in_named_division:
        return largest(in_named_division)
    continents = [place for place in places if place.kind == CONTINENT]
    if continents:
        return continents[0]
    in_article = [place for place in places if place.country_code in countries]
    country_places = [place for place in places if place.kind == COUNTRY]
    if country_places:
        country = largest(country_places)
        if country.country_code in countries or not in_article:
            return country
        places = in_article
    else:
        capitals = [place for place in places if place.capital]
        largest_city = max((place.population for place in places if place.kind == CITY), default=0)
        capital = largest(capitals) if capitals else None
        if capital is not None and capital.population >= CAPITAL_SHARE * largest_city:
            if capital.country_code in countries or not in_article:
                return capital
            rival = largest(in_article)
            if rival.population < RIVAL_SHARE * capital.population:
                return capital
            places = in_article
        elif in_article:
            places = in_article
    divisions = [place for place in places if place.kind == ADMIN1]
    cities = [place for place in places if place.kind == CITY]
    if divisions and cities:
        division_countries = {division.country_code for division in divisions}
        namesakes = [city for city in cities if city.country_code in division_countries]
        return largest(namesakes) if namesakes else largest(divisions)
    return largest(places)


def resolve_place(
    name: str,
    *,
    article_countries: Iterable[str] = frozenset(),
    article_admin1s: Iterable[str] = frozenset(),
    label: str | None = None,
    qualifier: Place | None = None,
) -> Place | None:
    """The gazetteer entry that ``name`` most likely means, or None.

    ``article_countries`` are ISO alpha-2 codes of countries the article names;
    ``article_admin1s`` keys of first-level divisions it names; ``qualifier`` the division
    or country written with the name ("Texas" in "Paris, Texas"). A ``label`` other than a
    place label (GPE, LOC, FAC) resolves to None: demonyms (NORP) are not places. A name with
    a comma is read as "place, qualifier".
    """
    if label is not None and label not in PLACE_LABELS:
        return None
    gazetteer = load_gazetteer()
    head, comma, tail = name.partition(",")
    if comma and qualifier is None:
        written = resolve_place(tail, label=label)
        if written is not None and written.kind in (COUNTRY, ADMIN1):
            qualifier = written
        else:
            head = name
    candidates = gazetteer.names.get(name_key(head))
    if not candidates:
        return None
    return _choose(
        candidates,
        frozenset(article_countries),
        frozenset(article_admin1s),
        qualifier,
    )


def _context(place: Place | None, candidates: tuple[tuple[Place, int], ...]) -> bool:
    """Whether a mention tells the article's country whatever its context."""
    if place is None or not candidates or not place.country_code:
        return False
    return len({candidate.country_code for candidate in _best_ranked(candidates)}) == 1


def resolve_places(
    mentions: Sequence[str | tuple[int, int, str, str]],
    *,
    text: str = "",
    article_countries: Iterable[str] = frozenset(),
) -> list[Place | None]:
    """The places of one article's mentions, in order (None where a mention is no place).

    ``mentions`` are names, or ``(start, end, name, label)`` tuples (``PlaceMention`` or the
    entity pipeline's own) with offsets in ``text``. Countries and divisions named without
    ambiguity are found first and then used as the context of every mention; a mention
    followed in ``text`` by ", " and a division or country ("Paris, Texas") is read within it.
    """
    items = [
        (-1, -1, mention, None) if isinstance(mention, str) else mention for mention in mentions
    ]
    gazetteer = load_gazetteer()
    countries = set(article_countries)
    admin1s: set[str] = set()
    first: list[Place | None] = []
    for _, _, name, label in items:
        place = resolve_place(name, label=label)
        first.append(place)
        if place is not None and _context(place, gazetteer.names.get(name_key(name), ())):
            countries.add(place.country_code)
            if place.kind == ADMIN1:
                admin1s.add(place.key)
    qualifiers: list[Place | None] = [None] * len(items)
    if text:
        for index in range(len(items) - 1):
            start, end, _, _ = items[index]
            next_start, _, _, _ = items[index + 1]
            following = first[index + 1]
            if (
                start >= 0
                and following is not None
                and following.kind in (COUNTRY, ADMIN1)
                and next_start > end
                and text[end:next_start].strip() == ","
            ):
                qualifiers[index] = following
    return [
        None
        if place is None
        else resolve_place(
            name,
            article_countries=countries,
            article_admin1s=admin1s,
            label=label,
            qualifier=qualifier,
        )
        for (_, _, name, label), place, qualifier in zip(items, first, qualifiers, strict=True)
    ]
