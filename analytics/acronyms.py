"""Acronyms an article defines: "the Food and Agriculture Organization (FAO)" makes every later
"FAO" of the article a mention of that organisation, which the model, seeing the acronym
alone, often leaves untagged. Used by ``article_entities`` as one of its recalls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analytics.entities import Mention

#: An acronym defined in parentheses right after a name: "Food and Agriculture Organization
#: (FAO)", "Commission of Inquiry (CoI)" (two capitals at least, the first one first).
_DEFINED_ACRONYM = re.compile(r"\s*\(\s*(?P<acronym>[A-Z][A-Za-z&]{1,9})\s*\)")
_ACRONYM_ASIDE_END = re.compile(r"\(\s*(?P<acronym>[A-Z][A-Za-z&]{1,9})\s*\)$")
#: Labels whose acronym, defined after the name, names the same thing.
_ACRONYM_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})
_CAPITALS = re.compile(r"^[A-Z]{2,}$")


def defined_acronyms(mentions: Sequence[Mention], text: str) -> dict[str, str]:
    """The acronyms the article defines after an organisation's or a place's name, with the
    name's type: "the Kurdistan Democratic Party (KDP)" -> {"KDP": "ORG"}. The acronym counts
    only when it has two capitals and starts with the first letter of one of the name's words
    ("(AP)" after "the Ministry of Defence" is a news agency's credit, no acronym)."""
    found: dict[str, str] = {}
    for mention in mentions:
        if mention.label not in _ACRONYM_LABELS:
            continue
        inside = _ACRONYM_ASIDE_END.search(text[mention.start_char : mention.end_char])
        after = _DEFINED_ACRONYM.match(text, mention.end_char)
        match = inside or after
        if match is None:
            continue
        acronym = match["acronym"]
        name = mention.alias or mention.entity
        initials = {word[:1].upper() for word in re.split(r"[\s-]+", name) if word}
        if sum(map(str.isupper, acronym)) < 2 or acronym[0] not in initials:
            continue
        found.setdefault(acronym, mention.label)
    return found


def acronym_uses(
    acronyms: dict[str, str], text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Every use of the article's defined acronyms (acronym -> type) that no span of
    ``covered`` overlaps, as ``(start, end, label)`` with the type of the name each
    abbreviates; a use among words in capitals (a headline in capitals) is left out."""
    result = []
    for acronym, label in acronyms.items():
        for match in re.finditer(rf"(?<![\w&-]){re.escape(acronym)}(?![\w&-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in covered):
                continue
            before = text[max(0, start - 30) : start].split()
            after = text[end : end + 30].split()
            neighbours = [word.strip(".,;:!?\"'()") for word in before[-1:] + after[:1]]
            if any(_CAPITALS.match(word) and word not in acronyms for word in neighbours):
                continue
            result.append((start, end, label))
    return result
