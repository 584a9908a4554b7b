"""Names the model split or typed as organisations: first names, particles, rare words that
continue an organisation's name, athletes and people listed with people
(``analytics.name_joins``, ``analytics.article_entities``)."""

from __future__ import annotations

from spacy.language import Language

from analytics.analysis import article_mentions
from analytics.article_entities import consistent_mentions
from analytics.entities import Mention
from analytics.gazetteer import load_gazetteer
from analytics.name_joins import joined_names


def _at(text: str, alias: str, label: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(alias, start + 1)
    return Mention(start, start + len(alias), 0, alias, alias, label, alias)


def _labels(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    found = consistent_mentions(mentions, text, [(0, len(text))])
    return [(text[m.start_char : m.end_char], m.label) for m in found.mentions]


def _model(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.label) for m in article_mentions(nlp(text)).mentions]


def test_first_names_come_from_the_census_and_spacys_clusters() -> None:
    first_names = load_gazetteer().first_names
    assert {"Faith", "Leyla", "Israel", "Mary", "John"} <= first_names
    assert not {"September", "Lord", "Monday", "Smith"} & first_names


def test_a_first_name_before_a_surname_typed_org_makes_one_person() -> None:
    text = "Runners train at dawn. Faith Kipyegon, the record holder, trains here."
    assert _labels(text, [_at(text, "Kipyegon", "ORG")]) == [("Faith Kipyegon", "PERSON")]


def test_two_one_word_places_that_are_a_first_name_and_a_surname_are_a_person() -> None:
    text = "Israel Adesanya will fight in Perth. Adesanya said he was ready."
    mentions = [
        _at(text, "Israel", "GPE"),
        _at(text, "Adesanya", "GPE"),
        _at(text, "Perth", "GPE"),
        _at(text, "Adesanya", "GPE", 1),
    ]
    assert _labels(text, mentions) == [
        ("Israel Adesanya", "PERSON"),
        ("Perth", "GPE"),
        ("Adesanya", "PERSON"),
    ]


def test_a_first_name_before_a_place_or_a_month_before_a_name_joins_nothing() -> None:
    # "Israel" before a place, "September" (a census first name, and a month) before a word
    text = "Israel Jerusalem talks. The September Tankan survey fell."
    mentions = [
        _at(text, "Israel", "GPE"),
        _at(text, "Jerusalem", "GPE"),
        _at(text, "September", "DATE"),
        _at(text, "Tankan", "NORP"),
    ]
    joined, _ = joined_names(mentions, text)
    assert [m.surface for m in joined] == ["Israel", "Jerusalem", "September", "Tankan"]


def test_a_name_cut_at_a_particle_continues_with_the_next_word() -> None:
    text = "Ursula von der Leyen arrived in Brussels."
    mentions = [_at(text, "Ursula von der", "PERSON"), _at(text, "Leyen", "ORG")]
    assert _labels(text, mentions)[0] == ("Ursula von der Leyen", "PERSON")
    text = "Ursula von Leyen arrived."  # the particles after the span
    assert _labels(text, [_at(text, "Ursula", "PERSON")]) == [("Ursula von Leyen", "PERSON")]


def test_a_particle_before_a_common_word_or_a_place_is_no_part_of_the_name() -> None:
    text = "Maria de Paris arrived. Anna de The Hague."
    mentions = [_at(text, "Maria", "PERSON"), _at(text, "Anna", "PERSON")]
    assert [surface for surface, _ in _labels(text, mentions)][:2] == ["Maria", "Anna"]


def test_an_organisation_cut_before_a_rare_capitalised_word_takes_it_in() -> None:
    text = "GE Vernova said it would cut jobs."
    assert _labels(text, [_at(text, "GE", "ORG")]) == [("GE Vernova", "ORG")]


def test_an_organisation_before_a_frequent_word_a_title_or_a_product_stays_as_it_is() -> None:
    text = "Apple Tuesday sales. US Treasury Under-Secretary John Taylor spoke. Honda Accura cars."
    mentions = [
        _at(text, "Apple", "ORG"),
        _at(text, "US Treasury", "ORG"),
        _at(text, "John Taylor", "PERSON"),
        _at(text, "Honda", "ORG"),
        _at(text, "Accura", "PRODUCT"),
    ]
    joined, _ = joined_names(mentions, text)
    assert [m.surface for m in joined] == ["Apple", "US Treasury", "John Taylor", "Honda", "Accura"]


def test_an_athlete_typed_org_in_a_sports_sentence_is_a_person() -> None:
    text = "Dembele scored twice before Vinícius Júnior pulled one back."
    assert _labels(text, [_at(text, "Vinícius Júnior", "ORG")]) == [("Vinícius Júnior", "PERSON")]


def test_a_company_named_like_a_person_outside_sport_stays_an_organisation() -> None:
    text = "The company won rights to a version of Prozac from its maker, Eli Lilly."
    assert _labels(text, [_at(text, "Eli Lilly", "ORG")]) == [("Eli Lilly", "ORG")]
    text = "Aston Villa scored twice."  # a club: a place-named word and a common word
    assert _labels(text, [_at(text, "Aston Villa", "ORG")]) == [("Aston Villa", "ORG")]


def test_a_name_listed_with_a_person_is_a_person_but_not_a_company_list() -> None:
    text = "He was referring to Rafael Nadal and Novak Djokovic."
    mentions = [_at(text, "Rafael Nadal", "PERSON"), _at(text, "Novak Djokovic", "ORG")]
    assert _labels(text, mentions)[1] == ("Novak Djokovic", "PERSON")
    text = "It sued Gazprom, its unit Gazpromneft, Rosneft and others."
    mentions = [_at(text, "Gazprom", "ORG"), _at(text, "Gazpromneft, Rosneft", "ORG")]
    assert _labels(text, mentions)[1] == ("Gazpromneft, Rosneft", "ORG")


def test_a_surname_alone_after_the_full_name_is_the_person_but_not_a_common_word() -> None:
    text = "Shareholders United met. David Gill, United's chief, spoke. United said no."
    mentions = [
        _at(text, "Shareholders United", "PERSON"),
        _at(text, "David Gill", "PERSON"),
        _at(text, "United", "ORG", 1),
        _at(text, "United", "GPE", 2),
    ]
    labels = _labels(text, mentions)
    assert labels[2][1] != "PERSON" and labels[3][1] != "PERSON"


def test_the_model_path_joins_a_first_name_and_keeps_a_city_named_person(nlp: Language) -> None:
    found = _model(nlp, "In Diyarbakir, Leyla Demir, whose brother joined the group, spoke.")
    assert ("Leyla Demir", "PERSON") in found
    found = _model(nlp, "Paris Hilton arrived in London on Monday.")
    assert not [surface for surface, label in found if "Paris" in surface and label == "GPE"]


def test_a_partys_name_of_several_words_is_one_organisation() -> None:
    text = (
        "Reform UK, which has gained ground, said no. "
        "The pro-Kurdish Peoples' Equality and Democracy Party welcomed it."
    )
    found = _labels(text, [_at(text, "UK", "GPE")])
    assert ("Reform UK", "ORG") in found
    assert ("Peoples' Equality and Democracy Party", "ORG") in found
    assert ("UK", "GPE") not in found


def test_a_party_run_never_swallows_a_persons_name_or_a_place_alone() -> None:
    text = "Chancellor Gerhard Schroeder's Social Democrat-Green Party won. The UK voted."
    mentions = [_at(text, "Gerhard Schroeder", "PERSON"), _at(text, "UK", "GPE")]
    found = _labels(text, mentions)
    assert ("Gerhard Schroeder", "PERSON") in found
    assert ("Social Democrat-Green Party", "ORG") in found
    assert ("UK", "GPE") in found


def test_a_common_word_opening_a_sentence_is_no_organisation() -> None:
    text = "Cholera has spread in the camps. Cases of cholera doubled."
    assert _labels(text, [_at(text, "Cholera", "ORG")]) == []
    text = "Interior Secretary Deb Haaland visited. State senator Marcus Washington spoke."
    second = text.index("State")
    state = _at(text, "State", "ORG")._replace(sentence_index=1)
    found = consistent_mentions(
        [_at(text, "Interior", "ORG"), state], text, [(0, second - 1), (second, len(text))]
    )
    assert found.mentions == []


def test_an_organisation_opening_a_sentence_stays_when_the_article_never_writes_it_lower() -> None:
    text = "Shell said profits rose. Parliament voted on the parliament building. Labour won."
    mentions = [
        _at(text, "Shell", "ORG"),
        _at(text, "Parliament", "ORG"),
        _at(text, "Labour", "ORG"),
    ]
    assert [label for _, label in _labels(text, mentions)] == ["ORG", "ORG", "ORG"]


def test_the_model_path_keeps_reform_uk_whole(nlp: Language) -> None:
    found = _model(nlp, "He said it was wrong. Reform UK, which has gained ground, disagreed.")
    assert ("Reform UK", "ORG") in found
    assert ("UK", "GPE") not in found
