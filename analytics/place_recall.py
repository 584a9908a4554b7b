"""Place recall: the places the model left untagged, found on the gazetteer.

``untagged_places``: capitalised runs of words that are exactly a gazetteer place, that no
entity span covers, that are not part of a longer name ("Bank of England", "Jack London", "New
York Times") and not common words where they stand ("Nice weather" at the start of a
sentence); and small towns of GeoNames' ``cities1000`` with a strict place cue ("near
Mytholmroyd", "Jay, Maine"). The cues and the word knowledge are ``analytics.place_cues``'.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from analytics.gazetteer import (
    ADMIN1,
    CITY,
    CONTINENT,
    COUNTRY,
    OWN_NAME,
    Gazetteer,
    load_gazetteer,
    normalise_name,
    small_town_key,
    small_towns,
)
from analytics.place_cues import (
    _AND,
    _DIRECTIONS,
    _PLACE_BEFORE,
    _RUN,
    _SENTENCE_END,
    _THE_BEFORE,
    _TOKEN,
    SENTENCE_INITIAL_COMMON,
    _by_own_name,
    _is_person_name,
    _named_places,
    _unambiguous_places,
    has_org_cue,
    has_person_cue,
    strong_place_cue,
)
from analytics.places import POSSESSIVE, PlaceMention, largest

__all__ = ["region_after", "small_town_cue", "small_town_shaped", "untagged_places"]


class _Spans:
    """Entity spans, to ask quickly whether a range overlaps one of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.furthest: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.furthest.append(furthest)

    def overlap(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)
        return before > 0 and self.furthest[before - 1] > start


def _sentence_initial(text: str, start: int, sentence_starts: frozenset[int] | None) -> bool:
    if sentence_starts is not None:
        return start in sentence_starts
    return bool(_SENTENCE_END.search(text, max(0, start - 6), start))


#: Below this population a city is recalled only with a place cue before it ("in Dingolfing").
RECALL_MIN_POPULATION = 100_000
#: A name made only of common words ("Old Town", "Cape Town") is recalled from this size.
COMMON_WORDS_MIN_POPULATION = 500_000


def _recalled(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    sentence_starts: frozenset[int] | None,
) -> bool:
    """Whether ``text[start:end]`` (a whole capitalised run) is a place where it stands."""
    name = text[start:end]
    key = normalise_name(name)
    if key not in gazetteer.names:
        return _small_town_recalled(text, start, end, gazetteer, sentence_starts)
    places = _unambiguous_places(name)
    if not places:
        # "Jordan", "Georgia": a place only after "in", "from", "to"... and not at the start
        # of a sentence.
        if not _is_person_name(key, gazetteer) or not _PLACE_BEFORE.search(
            text, max(0, start - 20), start
        ):
            return False
        if _sentence_initial(text, start, sentence_starts):
            return False
        places = _named_places(key)
        if not places:
            return False
    if has_org_cue(text, start, end) or has_person_cue(text, start, end):
        return False
    if any(place.kind in (COUNTRY, CONTINENT) for place in places):
        return True
    if len(key) < 3:
        return False
    cue = strong_place_cue(text, start, name)
    if _THE_BEFORE.search(text, max(0, start - 5), start) and not cue:
        return False
    if not cue and not _by_own_name(key):
        return False
    population = largest(places).population
    small_town = all(place.kind == CITY for place in places) and population < RECALL_MIN_POPULATION
    # A small town only in its own spelling ("Göd" is not "God") after "in", "near"...
    if small_town and (not cue or all(place.name != name for place in places)):
        return False
    if any(place.kind == ADMIN1 for place in places) and population == 0 and not cue:
        return False
    if " " in key:
        words = key.split()
        if all(word in gazetteer.lower_case_words for word in words):
            return population >= COMMON_WORDS_MIN_POPULATION
        return True
    if _sentence_initial(text, start, sentence_starts):
        return gazetteer.lower_probability.get(key, -30.0) < SENTENCE_INITIAL_COMMON
    return True


#: A region or country after a town and a comma: "Jay, Maine", "Iten, Kenya".
_REGION_AFTER = re.compile(r",\s+(?P<region>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)\b")


def region_after(text: str, end: int) -> bool:
    """Whether a comma and a country's or a first-level division's name follow ``end``
    ("Jay, Maine", "Iten, Kenya")."""
    match = _REGION_AFTER.match(text, end, min(len(text), end + 40))
    return match is not None and any(
        place.kind in (COUNTRY, ADMIN1) and rank == OWN_NAME
        for place, rank in load_gazetteer().names.get(normalise_name(match["region"]), ())
    )


def small_town_shaped(name: str, gazetteer: Gazetteer) -> bool:
    """One to three capitalised words, none an acronym, a stop word, a common word or a
    person's name: "Earley", "Port Talbot" (not "Parliament", "Jack", "BBC")."""
    words = name.split()
    return 0 < len(words) <= 3 and all(
        word[:1].isupper()
        and not word.isupper()
        and word.casefold() not in STOP_WORDS
        and word.casefold() not in gazetteer.lower_case_words
        and word not in gazetteer.person_like_words
        for word in words
    )


#: Words before a small town the model left untagged that leave no doubt: "near", "the
#: village of" ("in" does not: "starred in Othello").
_SMALL_TOWN_BEFORE = re.compile(
    r"(?:\b(?:near|outside|nearby)"
    r"|\b(?:town|village|hamlet|port|city|suburb|parish|district)\s+of)\s+$",
    re.IGNORECASE,
)


def small_town_cue(text: str, start: int, end: int) -> bool:
    """A strict place cue around a small town's name the model left untagged: "near",
    "outside", "the village of" before it, or a country or division after it ("Jay,
    Maine")."""
    return bool(
        _SMALL_TOWN_BEFORE.search(text, max(0, start - 25), start) or region_after(text, end)
    )


def _small_town_recalled(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    sentence_starts: frozenset[int] | None,
) -> bool:
    """Whether ``text[start:end]``, a name the gazetteer does not know, is a small town
    where it stands: a town of GeoNames' ``cities1000`` with a strict place cue
    (``small_town_cue``), shaped as one (``small_town_shaped``), with no person's or
    organisation's cue and not opening a sentence ("a farm near Earley", "Jay, Maine")."""
    name = text[start:end]
    if not small_town_cue(text, start, end) or not small_town_shaped(name, gazetteer):
        return False
    if _sentence_initial(text, start, sentence_starts):
        return False
    if small_town_key(name) not in small_towns():
        return False
    return not (has_org_cue(text, start, end) or has_person_cue(text, start, end))


def untagged_places(
    text: str,
    existing_spans: Iterable[tuple[int, int]],
    sentences: Iterable[tuple[int, int]] | None = None,
) -> list[PlaceMention]:
    """Places in ``text`` that no entity span covers: capitalised runs of words that are
    exactly a gazetteer place (a country, a first-level division, a city).

    ``existing_spans`` are the ``(start, end)`` offsets of entities already found;
    ``sentences`` optional ``(start, end)`` offsets of sentences (else sentence starts are
    told by the punctuation before). A place inside a longer capitalised name is left out
    ("Bank of England", "Jack London", "Paris Saint-Germain", "New York Times"), and so is a
    common word ("Nice weather" at a sentence's start; "Mobile" anywhere) or a name as often
    a person's ("Jordan") without "in", "from", "near"... before it. Leading words that are
    stop words ("In London") or directions ("northern Syria") are not part of the run.
    """
    gazetteer = load_gazetteer()
    spans = _Spans(existing_spans)
    sentence_starts = None if sentences is None else frozenset(start for start, _ in sentences)
    found: list[PlaceMention] = []
    for run in _RUN.finditer(text):
        start, end = run.span()
        tokens = [
            (token.start() + start, token.end() + start) for token in _TOKEN.finditer(run.group())
        ]
        while tokens:
            first = text[tokens[0][0] : tokens[0][1]].casefold()
            if first in STOP_WORDS or first in _DIRECTIONS:
                tokens = tokens[1:]
            else:
                break
        if not tokens:
            continue
        start = tokens[0][0]
        last_start, last_end = tokens[-1]
        possessive = POSSESSIVE.search(text, last_start, last_end)
        if possessive is not None and possessive.start() > last_start:
            end = possessive.start()
        parts = [(start, end)]
        if spans.overlap(start, end) or not _recalled(text, start, end, gazetteer, sentence_starts):
            # "Britain and France": each side of "and" may be a place of its own.
            pieces = _AND.split(text[start:end])
            if len(pieces) < 2:
                continue
            parts = []
            offset = start
            for piece in pieces:
                piece_start = text.index(piece, offset)
                offset = piece_start + len(piece)
                if not spans.overlap(piece_start, offset) and _recalled(
                    text, piece_start, offset, gazetteer, sentence_starts
                ):
                    parts.append((piece_start, offset))
        for part_start, part_end in parts:
            found.append(PlaceMention(part_start, part_end, text[part_start:part_end], "GPE"))
    return found
