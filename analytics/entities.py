"""Named entities: mentions found by spaCy's NER, normalised so trivial variants merge.

"the Kremlin" and "Kremlin", "Assad's" and "Assad", "'RIA Novosti'" and "RIA Novosti" are the
same entity: leading articles, possessive endings, quotes and dangling conjunctions or
punctuation at either end of a mention are dropped. Entities are counted by normalised text
and label (PERSON, ORG, GPE, LOC, NORP, ...).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc, Span

from analytics.aliases import article_aliases

#: Labels of named things (the others, such as DATE or CARDINAL, are numbers and times).
NAMED_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Other places",
    "NORP": "Nationalities, religious and political groups",
    "FAC": "Buildings, airports, roads",
    "EVENT": "Events",
    "PRODUCT": "Products",
    "WORK_OF_ART": "Titles of works",
    "LAW": "Laws",
    "LANGUAGE": "Languages",
    "DATE": "Dates",
    "TIME": "Times",
    "PERCENT": "Percentages",
    "MONEY": "Money",
    "QUANTITY": "Quantities",
    "ORDINAL": "Ordinals",
    "CARDINAL": "Numbers",
}
LEADING_WORDS = {"the", "a", "an"}
TRAILING_WORDS = {"'s", "’s", "'", "’", "s", "and", "or", "of", "&"}
EDGE_CHARACTERS = " \t\n'\"‘’“”«»()[]{}.,;:!?-–—"


class Mention(NamedTuple):
    """One entity mention in an article's body, as stored.

    ``alias`` is the normalised mention ("Putin"), ``entity`` the row it counts under once
    aliases are merged ("Vladimir Putin"); an empty alias means the same as ``entity``.
    """

    start_char: int
    end_char: int
    sentence_index: int
    surface: str
    entity: str
    label: str
    alias: str = ""


def normalise_entity(span: Span, *, doc_text: str | None = None) -> str:
    """The mention's text without leading articles, possessives, quotes or dangling words.

    ``doc_text`` is ``span.doc.text`` when the caller has it already (spaCy rebuilds that
    string on every access, which is slow in a loop).
    """
    tokens = list(span)
    while tokens and (tokens[0].lower_ in LEADING_WORDS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in TRAILING_WORDS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    full_text = span.doc.text if doc_text is None else doc_text
    text = full_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.split()).strip(EDGE_CHARACTERS)


def entity_mentions(doc: Doc) -> list[Mention]:
    """Every entity mention of the document, in order, with its sentence's index; each
    mention's entity is its alias merged within the article (``aliases.article_aliases``)."""
    sentence_of = {}
    for index, sentence in enumerate(doc.sents):
        sentence_of[sentence.start] = index
    starts = sorted(sentence_of)
    mentions: list[Mention] = []
    position = 0
    text = doc.text
    for ent in doc.ents:
        entity = normalise_entity(ent, doc_text=text)
        if not entity:
            continue
        while position + 1 < len(starts) and starts[position + 1] <= ent.start:
            position += 1
        mentions.append(
            Mention(ent.start_char, ent.end_char, position, ent.text, entity, ent.label_, entity)
        )
    merged = article_aliases((mention.alias, mention.label) for mention in mentions)
    return [
        mention._replace(entity=merged.get((mention.alias, mention.label), mention.alias))
        for mention in mentions
    ]


def entity_counts(mentions: pd.DataFrame, *, labels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Entities with their mentions and the number of articles mentioning them.

    ``mentions`` has the columns of ``Mention`` plus ``article_id``.
    """
    selected = mentions if labels is None else mentions[mentions["label"].isin(labels)]
    return (
        selected.groupby(["entity", "label"])
        .agg(n_mentions=("entity", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
        .sort_values(["n_mentions", "entity"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
