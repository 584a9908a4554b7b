"""Alias merging: golden merges within an article, across the corpus, and corrections."""

from __future__ import annotations

import pandas as pd
from spacy.language import Language

from analytics.aliases import (
    Correction,
    apply_corrections,
    article_aliases,
    corpus_aliases,
    initials,
    name_words,
    resolve_entities,
)
from analytics.entities import entity_mentions


def _merged(nlp: Language, text: str) -> dict[tuple[str, str], str]:
    """alias -> entity of every PERSON and ORG mention of the text."""
    return {
        (mention.alias, mention.label): mention.entity
        for mention in entity_mentions(nlp(text))
        if mention.label in ("PERSON", "ORG")
    }


def test_putin_and_assad_merge_within_an_article(nlp: Language) -> None:
    text = (
        "President Vladimir Putin spoke to reporters in Moscow on Monday. Putin said the talks "
        "had failed. Putin's aides agreed. Bashar al-Assad fled Damascus last week, and Assad "
        "is now in Moscow, where Assad's family lives."
    )
    mentions = [m for m in entity_mentions(nlp(text)) if m.label == "PERSON"]
    assert [(m.surface, m.alias, m.entity) for m in mentions] == [
        ("Vladimir Putin", "Vladimir Putin", "Vladimir Putin"),
        ("Putin", "Putin", "Vladimir Putin"),
        ("Putin", "Putin", "Vladimir Putin"),
        ("Bashar al-Assad", "Bashar al-Assad", "Bashar al-Assad"),
        ("Assad", "Assad", "Bashar al-Assad"),
        ("Assad", "Assad", "Bashar al-Assad"),
    ]


def test_two_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    text = (
        "John Smith and Jane Smith run the bakery in Leeds. Smith said the bread was fresh "
        "every morning."
    )
    assert _merged(nlp, text) == {
        ("John Smith", "PERSON"): "John Smith",
        ("Jane Smith", "PERSON"): "Jane Smith",
        ("Smith", "PERSON"): "Smith",
    }


def test_organisations_and_spelled_out_acronyms(nlp: Language) -> None:
    text = (
        "The North Atlantic Treaty Organization (NATO) met in Brussels. NATO leaders agreed "
        "to spend more. The Wall Street Journal reported the deal, and the Kremlin denied it. "
        "The World Health Organization (WHO) warned on Tuesday."
    )
    assert _merged(nlp, text) == {
        ("North Atlantic Treaty Organization", "ORG"): "NATO",
        ("NATO", "ORG"): "NATO",
        ("Wall Street Journal", "ORG"): "Wall Street Journal",
        ("Kremlin", "ORG"): "Kremlin",
        # spaCy's span ends inside the parentheses: the acronym still wins
        ("World Health Organization", "ORG"): "WHO",
    }


def test_names_without_titles() -> None:
    assert name_words("President Bashar al-Assad") == ("bashar", "al", "assad")
    assert name_words("Mr. Putin") == ("putin",)
    assert name_words("Prime Minister Keir Starmer") == ("keir", "starmer")
    assert name_words("President") == ()
    assert initials("North Atlantic Treaty Organization") == "NATO"
    assert initials("Bank of England") == "BE"


def test_article_merges_on_mention_lists() -> None:
    pairs = [
        ("President Putin", "PERSON"),
        ("Putin", "PERSON"),
        ("Putin", "PERSON"),
        ("Mr Smith", "PERSON"),
        ("Mrs Smith", "PERSON"),
        ("European Union", "ORG"),
        ("EU", "ORG"),
        ("Commission", "ORG"),
    ]
    assert article_aliases(pairs) == {
        # only titles apart: the title-less form is the row
        ("President Putin", "PERSON"): "Putin",
        # Mr and Mrs Smith are two people: no merge; "Commission" has no evidence
        ("European Union", "ORG"): "EU",
    }
    # NER's slips are no names to link to: "rang Lucy"; "ex-" is a title
    assert article_aliases(
        [("Lucy", "PERSON"), ("rang Lucy", "PERSON"), ("Yukos", "PERSON"), ("ex-Yukos", "PERSON")]
    ) == {("ex-Yukos", "PERSON"): "Yukos"}
    # a nested chain links to the widest name; a first name links too
    assert article_aliases(
        [
            ("Vladimir Putin", "PERSON"),
            ("Vladimir Vladimirovich Putin", "PERSON"),
            ("Putin", "PERSON"),
            ("Vladimir", "PERSON"),
        ]
    ) == {
        ("Vladimir Putin", "PERSON"): "Vladimir Vladimirovich Putin",
        ("Putin", "PERSON"): "Vladimir Vladimirovich Putin",
        ("Vladimir", "PERSON"): "Vladimir Vladimirovich Putin",
    }


def _counts(rows: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(alias, "PERSON", n) for alias, n in rows], columns=["alias", "label", "n_mentions"]
    )


def test_corpus_merges_to_the_dominant_full_name() -> None:
    counts = _counts(
        [
            ("Vladimir Putin", 40),
            ("Vladimir V. Putin", 2),
            ("Putin", 90),
            ("President Putin", 5),
            ("Vladimir", 3),
            ("John Smith", 10),
            ("Jane Smith", 8),
            ("Smith", 12),
            ("Keller", 4),
            ("Mr Keller", 1),
        ]
    )
    assert corpus_aliases(counts) == {
        ("Putin", "PERSON"): "Vladimir Putin",  # 40 of 42 full-name mentions: 95%
        ("President Putin", "PERSON"): "Vladimir Putin",
        # "Smith": John Smith has 10 of 18 (56%): two full names compete, no merge
        ("Mr Keller", "PERSON"): "Keller",  # no full name: the title-less form
        # a first name alone is no evidence across articles: "Vladimir" stays
    }
    assert corpus_aliases(counts, names=["Putin", "Smith"]) == {
        ("Putin", "PERSON"): "Vladimir Putin"
    }
    # a full name mentioned once is no evidence either
    assert corpus_aliases(_counts([("Ann Lee", 1), ("Lee", 5)])) == {}
    # "Charles" is a first name as often: "Ray Charles" does not take it
    charles = _counts([("Ray Charles", 4), ("Charles Kennedy", 9), ("Charles", 6)])
    assert corpus_aliases(charles) == {}


def test_resolution_layers_and_corrections() -> None:
    corpus = {("Putin", "PERSON"): "Vladimir Putin", ("Smith", "PERSON"): "John Smith"}
    only_short = [("Putin", "PERSON"), ("Smith", "PERSON")]
    assert resolve_entities(only_short, corpus=corpus) == ["Vladimir Putin", "John Smith"]
    # the article shows that "Smith" is ambiguous: the corpus's merge is not applied
    ambiguous = [("Smith", "PERSON"), ("Jane Smith", "PERSON"), ("Tom Smith", "PERSON")]
    assert resolve_entities(ambiguous, corpus=corpus) == ["Smith", "Jane Smith", "Tom Smith"]
    corrections = [
        Correction("split", "PERSON", "Putin"),
        Correction("merge", "PERSON", "Putin", "Vladimir V. Putin"),
        Correction("merge", "ORG", "Putin", "nobody"),  # another label: ignored
    ]
    assert resolve_entities(only_short, corpus=corpus, corrections=corrections) == [
        "Vladimir V. Putin",
        "John Smith",
    ]
    assert apply_corrections(
        [("EU", "ORG"), ("European Union", "ORG")],
        ["EU", "EU"],
        [Correction("split", "ORG", "European Union")],
    ) == ["EU", "European Union"]


def test_a_partys_forms_are_one_row_in_every_article() -> None:
    mentions = [
        ("Tories", "ORG"),
        ("Conservatives", "ORG"),
        ("Tory", "ORG"),
        ("Lib Dems", "ORG"),
        ("Liberal Democrat", "ORG"),
        ("Labour Party", "ORG"),
        ("Labour", "ORG"),
        ("Tory", "NORP"),
    ]
    assert resolve_entities(mentions, corpus={}) == [
        "Conservative Party",
        "Conservative Party",
        "Conservative Party",
        "Liberal Democrats",
        "Liberal Democrats",
        "Labour",
        "Labour",
        "Tory",
    ]
