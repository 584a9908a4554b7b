"""One article's mentions made consistent: type repair and recall from the gazetteer, one type
per name, places resolved and named by their gazetteer entry."""

from __future__ import annotations

from spacy.language import Language

from analytics.analysis import article_mentions
from analytics.article_entities import MentionNote, consistent_mentions
from analytics.entities import Mention


def _rows(nlp: Language, text: str) -> list[tuple[str, str, str, str, str]]:
    """(surface, entity, label, original label, place key) of each mention."""
    found = article_mentions(nlp(text))
    return [
        (m.surface, m.entity, m.label, note.original_label, note.place_key)
        for m, note in zip(found.mentions, found.notes, strict=True)
    ]


def test_the_forms_of_one_country_are_one_entity_with_their_aliases(nlp: Language) -> None:
    text = (
        "The US said on Monday that America would act. The United States and the UK agreed, "
        "and Britain sent ships."
    )
    found = article_mentions(nlp(text))
    places = {
        (m.alias, m.entity, m.label) for m in found.mentions if m.entity != m.alias or m.label
    }
    assert ("US", "United States", "GPE") in places
    assert ("America", "United States", "GPE") in places
    assert ("United States", "United States", "GPE") in places
    assert ("UK", "United Kingdom", "GPE") in places
    assert ("Britain", "United Kingdom", "GPE") in places
    assert [place.key for place in found.places] == ["geonames:6252001", "geonames:2635167"]
    keys = {note.place_key for note in found.notes} - {""}
    assert keys == {"geonames:6252001", "geonames:2635167"}


def test_a_city_typed_as_a_person_is_repaired_with_its_model_label_kept(nlp: Language) -> None:
    rows = _rows(nlp, "Ships left Rotterdam for Kraków on Tuesday.")
    assert ("Rotterdam", "Rotterdam", "GPE", "PERSON", "geonames:2747891") in rows


def test_a_person_named_like_a_city_stays_a_person(nlp: Language) -> None:
    rows = _rows(nlp, "Michael Jordan scored 30 points. Jordan smiled after the game.")
    assert [(surface, entity, label) for surface, entity, label, _, _ in rows[:1]] == [
        ("Michael Jordan", "Michael Jordan", "PERSON")
    ]
    assert ("Jordan", "Michael Jordan", "PERSON", "PERSON", "") in rows
    assert not any(key for *_, key in rows)


def test_a_place_the_model_missed_is_recalled_with_no_model_label(nlp: Language) -> None:
    rows = _rows(nlp, "Ships left Rotterdam for Kraków on Tuesday.")
    assert ("Kraków", "Kraków", "GPE", "", "geonames:3094802") in rows


def test_a_place_that_does_not_resolve_keeps_its_name_and_no_key(nlp: Language) -> None:
    rows = _rows(nlp, "Fighting continued in Zzyzxland on Monday.")
    assert ("Zzyzxland", "Zzyzxland", "GPE", "GPE", "") in rows


def _mention(start: int, alias: str, label: str) -> Mention:
    return Mention(start, start + len(alias), 0, alias, alias, label, alias)


def test_one_name_gets_its_majority_type_in_an_article() -> None:
    text = "Labour won. Labour lost. Labour said so."
    mentions = [_mention(0, "Labour", "ORG"), _mention(12, "Labour", "PERSON")]
    mentions.append(_mention(25, "Labour", "ORG"))
    found = consistent_mentions(mentions, text, [(0, len(text))])
    assert [m.label for m in found.mentions] == ["ORG", "ORG", "ORG"]
    assert [note.original_label for note in found.notes] == ["ORG", "PERSON", "ORG"]


def test_a_tie_goes_to_a_place_type_for_a_gazetteer_name_then_to_the_first() -> None:
    text = "Ontario1 aa. Ontario2 bb. Wexbridge cc. Wexbridge dd."
    mentions = [
        _mention(0, "Ontario", "ORG"),
        _mention(13, "Ontario", "LOC"),
        _mention(26, "Wexbridge", "PERSON"),
        _mention(40, "Wexbridge", "ORG"),
    ]
    found = consistent_mentions(mentions, text, [(0, len(text))])
    assert [m.label for m in found.mentions] == ["LOC", "LOC", "PERSON", "PERSON"]
    assert found.notes[:2] == [
        MentionNote("ORG", "iso3166-2:CA-ON"),
        MentionNote("LOC", "iso3166-2:CA-ON"),
    ]
    assert found.notes[2:] == [MentionNote("PERSON"), MentionNote("ORG")]


def test_a_person_named_like_a_company_becomes_an_organisation() -> None:
    text = "Brightmere Computing grew. Computing hired. Anneke Vos spoke."
    mentions = [
        _mention(0, "Brightmere Computing", "PERSON"),
        Mention(27, 36, 0, "Computing", "Brightmere Computing", "PERSON", "Computing"),
        _mention(44, "Anneke Vos", "PERSON"),
    ]
    found = consistent_mentions(mentions, text, [(0, len(text))])
    assert [(m.alias, m.entity, m.label) for m in found.mentions] == [
        ("Brightmere Computing", "Brightmere Computing", "ORG"),
        ("Brightmere Computing", "Brightmere Computing", "ORG"),
        ("Anneke Vos", "Anneke Vos", "PERSON"),
    ]
    assert [note.original_label for note in found.notes] == ["PERSON"] * 3
