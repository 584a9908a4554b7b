"""Names the model split in two, joined again before types are repaired.

Pure functions over an article's mentions (``analytics.entities.Mention``) and its text:

- **A first name before a surname** (``joined_names``): a single-word mention right after a
  capitalised first name that no mention holds ("Faith" + "Kipyegon" typed ORG, "Leyla" +
  "Demir"), or two single-word mentions side by side of which the first is a first name and
  the second no place ("Israel" + "Adesanya", both typed GPE), is one PERSON. First names are
  the gazetteer's (the US census's and spaCy's clusters of first names).
- **A name cut at a particle**: a PERSON mention ending with a lower-case particle ("Ursula
  von der") or followed by particles, continues with the capitalised word after them ("Leyen").
- **An organisation cut before a rare capitalised word** ("GE" + "Vernova"): an ORG mention
  followed by a capitalised word that English rarely writes (not in spaCy's lexeme tables),
  that is no first name and no place, takes it in.

Each join replaces the mentions it covers; the model's label of the joined mention is the
last part's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from analytics.entities import NAME_PARTICLES, Mention, _is_title_part
from analytics.gazetteer import load_gazetteer
from analytics.places import place_candidates
from analytics.type_cues import (
    PARTY_NAMES_WRITTEN,
    is_group_name,
    is_party_name,
    natural_place_name,
)

__all__ = ["joined_names", "party_names"]

#: A capitalised word at the end of a text, right before a mention ("Faith " + "Kipyegon").
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s\"'“‘(]))(?P<word>[A-Z][^\W\d_]+)\s$")
#: A capitalised word right after a mention.
_WORD_AFTER = re.compile(r"^ (?P<word>[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)(?![\w'’-])")
#: Particles that continue a person's name (not "y" and "e", which are conjunctions too).
_PARTICLES = NAME_PARTICLES - {"y", "e"}
_PARTICLES_AFTER = re.compile(
    r"^ (?P<particles>(?:(?:" + "|".join(sorted(_PARTICLES)) + r") ){1,3})"
    r"(?P<word>[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)(?![\w'’-])"
)
#: Labels of a single-word mention that a first name before it makes a PERSON.
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Labels of a one-word mention that may be a first name the model typed apart ("Israel").
_FIRST_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
#: A rare word that continues an organisation's name: one capitalised word, no hyphen,
#: followed by no other capitalised word ("GE Vernova", not "US Treasury Under-Secretary").
_ORG_WORD_AFTER = re.compile(r"^ (?P<word>[A-Z][a-z]{2,})(?![\w'’-]| [A-Z])")
#: Labels of a mention that an organisation's continuation may take in.
_CONTINUED_LABELS = frozenset({"ORG", "PERSON"})
#: A capitalised word before the first name means a longer name ("Bank Faith Kipyegon").
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s$")


def _surname_like(word: str) -> bool:
    """A single capitalised word that may be a surname: no place, group, party, common word
    or all-capitals acronym."""
    gazetteer = load_gazetteer()
    return (
        " " not in word
        and word[:1].isupper()
        and not word.isupper()
        and word.casefold() not in gazetteer.lower_case_words
        and word.casefold() not in STOP_WORDS
        and not place_candidates(word)
        and not is_group_name(word)
        and not is_party_name(word)
        and not natural_place_name(word)
    )


def _first_name(word: str) -> bool:
    """A first name that is no function word ("In", "So", "My", "An" are first names too:
    "In Emmonak" is no person)."""
    return word in load_gazetteer().first_names and word.casefold() not in STOP_WORDS


def _person(start: int, end: int, sentence_index: int, text: str, alias: str) -> Mention:
    return Mention(start, end, sentence_index, text[start:end], alias, "PERSON", alias)


def _joined_before(
    mention: Mention, previous: Mention | None, text: str
) -> tuple[Mention, bool] | None:
    """The mention joined with the first name before it, and whether that first name was the
    previous mention (which the join then replaces)."""
    alias = mention.alias or mention.entity
    if mention.label not in _SURNAME_LABELS or not _surname_like(alias):
        return None
    if previous is not None and text[previous.end_char : mention.start_char] == " ":
        first = previous.alias or previous.entity
        # "Kenyan Faith" + "Kipyegon": a group's adjective and a first name ("Kenyan" comes
        # off as NORP when types are repaired)
        words = first.split()
        given = words[-1] if len(words) == 2 and is_group_name(words[0]) else first
        if (
            previous.label not in _FIRST_NAME_LABELS
            or " " in given
            or not _first_name(given)
            or previous.surface != first
        ):
            return None
        start = previous.start_char
        joined = _person(start, mention.end_char, previous.sentence_index, text, f"{first} {alias}")
        return joined, True
    before = _WORD_BEFORE.search(text, max(0, mention.start_char - 30), mention.start_char)
    if before is None or not _first_name(before["word"]):
        return None
    start = before.start("word")
    if previous is not None and previous.end_char > start:
        return None
    if _CAPITALISED_BEFORE.search(text, max(0, start - 30), start):
        return None
    alias = f"{before['word']} {alias}"
    return _person(start, mention.end_char, mention.sentence_index, text, alias), False


def _joined_after(mention: Mention, following: Mention | None, text: str) -> Mention | None:
    """The mention continued through a particle ("Ursula von der" + "Leyen") or, for an
    organisation, a rare capitalised word ("GE" + "Vernova")."""
    gazetteer = load_gazetteer()
    alias = mention.alias or mention.entity
    after = text[mention.end_char : mention.end_char + 40]
    if mention.label == "PERSON":
        last = mention.surface.split()[-1] if mention.surface.split() else ""
        if last in _PARTICLES:
            continued = _WORD_AFTER.match(after)
            extra = continued["word"] if continued else ""
            end = mention.end_char + (continued.end() if continued else 0)
        else:
            particles = _PARTICLES_AFTER.match(after)
            if particles is None:
                return None
            extra = particles["particles"] + particles["word"]
            end = mention.end_char + particles.end()
        if not extra or not _surname_like(extra.split()[-1]):
            return None
        joined = f"{alias} {extra}"
        return mention._replace(
            end_char=end, surface=text[mention.start_char : end], entity=joined, alias=joined
        )
    if mention.label == "ORG" and not mention.surface.endswith(("'s", "’s")):
        continued = _ORG_WORD_AFTER.match(after)
        if continued is None:
            return None
        if following is not None and following.label not in _CONTINUED_LABELS:
            return None
        word = continued["word"]
        if (
            word in gazetteer.frequent_capitalised
            or _is_title_part(word)
            or _first_name(word)
            or not _surname_like(word)
            or word in gazetteer.person_like_words
        ):
            return None
        end = mention.end_char + continued.end()
        joined = f"{alias} {word}"
        return mention._replace(
            end_char=end, surface=text[mention.start_char : end], entity=joined, alias=joined
        )
    return None


def joined_names(mentions: Sequence[Mention], text: str) -> tuple[list[Mention], list[str]]:
    """The article's mentions (in text order) with split names joined (see the module's
    docstring), and the model's label of each."""
    result: list[Mention] = []
    labels: list[str] = []
    for mention in mentions:
        if result and result[-1].end_char > mention.start_char:
            continue  # taken in by the previous join
        original = mention.label
        previous = result[-1] if result else None
        joined = _joined_before(mention, previous, text)
        if joined is not None:
            mention, replaces_previous = joined
            if replaces_previous:
                result.pop()
                labels.pop()
        else:
            following = next((m for m in mentions if m.start_char >= mention.end_char), None)
            if following is not None and following.start_char > mention.end_char + 1:
                following = None
            continued = _joined_after(mention, following, text)
            if continued is not None:
                mention = continued
        result.append(mention)
        labels.append(original)
    return result, labels


#: Parties' names of more than one word ("Reform UK", "Plaid Cymru"), and any run of
#: capitalised words ending with "Party" ("Peoples' Equality and Democracy Party").
_PARTY_RUN = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(
        re.escape(name)
        for name in sorted(PARTY_NAMES_WRITTEN, key=len, reverse=True)
        if " " in name
    )
    + r"|(?:[A-Z][\w-]*(?:s['’])?(?: (?:and|of|for))? ){1,5}Party"
    # a nation's party of a party: "Scottish Conservatives", "Welsh Labour", "Australian Greens"
    + r"|(?P<group>(?!(?:The|A|An|In|On|At|For|And|But|By|From|To)\b)[A-Z][a-z]+) "
    + r"(?:Labour|Labor|Conservatives|Tories|Greens|Liberal Democrats|"
    + r"Lib Dems|Liberals|Nationals))(?![\w-])"
)


def party_names(
    mentions: Sequence[Mention], labels: Sequence[str], text: str
) -> tuple[list[Mention], list[str]]:
    """The mentions with each party's name of several words as one ORG mention: "Reform UK"
    in place of its "UK" typed GPE, "Peoples' Equality and Democracy Party" where the model
    found nothing; ``labels`` are the model's labels, kept alongside."""
    result = list(mentions)
    models = list(labels)
    for match in _PARTY_RUN.finditer(text):
        if match["group"] and not is_group_name(match["group"]):
            continue  # "Cardiff Labour" is the city's party, written as two names
        start, end = match.span()
        if text.startswith("The ", start):
            start += 4
        inside = [i for i, m in enumerate(result) if m.start_char < end and start < m.end_char]
        if any(
            result[i].start_char < start or result[i].end_char > end or result[i].label == "PERSON"
            for i in inside
        ):
            continue  # a longer name holds it, or a person's name is in the run
        if [(result[i].start_char, result[i].end_char, result[i].label) for i in inside] == [
            (start, end, "ORG")
        ]:
            continue
        if not inside and " Party" not in text[start:end]:
            continue  # a known party's name the model missed: recalled with the others
        name = text[start:end]
        at = inside[0] if inside else sum(1 for m in result if m.start_char < start)
        sentence_index = result[inside[0]].sentence_index if inside else _sentence_of(result, at)
        party = Mention(start, end, sentence_index, name, name, "ORG", name)
        model = models[inside[0]] if inside else ""
        for i in reversed(inside):
            del result[i]
            del models[i]
        result.insert(at, party)
        models.insert(at, model)
    return result, models


def _sentence_of(mentions: Sequence[Mention], index: int) -> int:
    """The sentence index of a mention inserted at ``index`` (its neighbour's)."""
    if index < len(mentions):
        return mentions[index].sentence_index
    return mentions[index - 1].sentence_index if index else 0
