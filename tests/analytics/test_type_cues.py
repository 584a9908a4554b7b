"""Type cues beyond the gazetteer: groups (NORP), natural places (LOC), names shaped as an
organisation's, occupations beside a person's name, and what the model left untagged."""

from __future__ import annotations

from analytics.type_cues import (
    has_role_cue,
    is_award_name,
    is_group_name,
    is_party_name,
    natural_place,
    natural_place_name,
    org_shaped,
    untagged_groups_and_natural_places,
)


def test_nationalities_and_groups_are_group_names_with_their_plurals() -> None:
    for name in ("Welsh", "Ugandan", "Emirati", "New Zealander", "Druze", "Syrians", "Kurds"):
        assert is_group_name(name), name
    for name in ("Wales", "Uganda", "Labour", "Paris", "Kurdistan"):
        assert not is_group_name(name), name


def test_a_party_like_group_typed_org_is_the_party() -> None:
    assert is_group_name("Republicans", "PERSON")
    assert not is_group_name("Republicans", "ORG")
    assert is_party_name("Lib Dems") and is_party_name("Labour")
    assert not is_party_name("Liverpool")


def test_natural_places_by_name_and_by_generic_word() -> None:
    for name in ("Euphrates", "Middle East", "River Taff", "Mendip Hills", "Lake Chad"):
        assert natural_place_name(name), name
    for name in ("Taff", "Nottingham Forest", "Mount Sinai Hospital", "Cardiff"):
        assert not natural_place_name(name), name


def test_natural_places_by_the_words_beside_them() -> None:
    sentence = "Water was diverted from the Ubangi river into the lake."
    start = sentence.index("Ubangi")
    assert natural_place("Ubangi", sentence, start, start + len("Ubangi"))
    sentence = "Farmers in the plain of Al-Ghab say the harvest failed."
    start = sentence.index("Al-Ghab")
    assert natural_place("Al-Ghab", sentence, start, start + len("Al-Ghab"))
    sentence = "Shares in Ubangi Holdings rose."
    start = sentence.index("Ubangi")
    assert not natural_place("Ubangi", sentence, start, start + len("Ubangi"))


def test_organisation_shaped_names() -> None:
    assert org_shaped("JAXA", first_word_is_city=False)
    assert org_shaped("Manchester United", first_word_is_city=True)
    assert not org_shaped("Manchester", first_word_is_city=True)
    assert not org_shaped("Marina Silva", first_word_is_city=False)


def test_an_occupation_beside_a_name_is_a_person_cue() -> None:
    sentence = "It was founded by the Irish entrepreneur Siobhán Kearney in 2019."
    start = sentence.index("Siobhán")
    assert has_role_cue(sentence, start, start + len("Siobhán Kearney"))
    sentence = "Anjali Thapa, a hydrologist at the university, said sirens were not enough."
    assert has_role_cue(sentence, 0, len("Anjali Thapa"))
    sentence = "Kobo Pay, a Lagos-based payments start-up, has raised $40m."
    assert not has_role_cue(sentence, 0, len("Kobo Pay"))


def test_awards_are_not_people() -> None:
    assert is_award_name("Oscar") and is_award_name("Golden Globes")
    assert not is_award_name("Oscar Pistorius")


def test_untagged_groups_and_natural_places_are_whole_runs() -> None:
    text = (
        "Welsh families met the Welsh Government in the Midlands. "
        "The Kurdish Peshmerga crossed the Tigris."
    )
    found = [
        (text[start:end], label)
        for start, end, label in untagged_groups_and_natural_places(text, [])
    ]
    assert found == [("Welsh", "NORP"), ("Midlands", "LOC"), ("Tigris", "LOC")]
    covered = [(text.index("Tigris"), text.index("Tigris") + 6)]
    found = untagged_groups_and_natural_places(text, covered)
    assert [text[start:end] for start, end, _ in found] == ["Welsh", "Midlands"]


def test_an_untagged_party_is_an_organisation() -> None:
    text = "Plaid Cymru and Hezbollah spoke; the Plaid Cymru Youth did not."
    found = [
        (text[start:end], label)
        for start, end, label in untagged_groups_and_natural_places(text, [])
    ]
    assert found == [("Plaid Cymru", "ORG"), ("Hezbollah", "ORG")]


def test_each_side_of_and_is_looked_at_apart() -> None:
    text = "Its people include Arabs, Kurds, Shabak and Assyrians and Druze."
    found = untagged_groups_and_natural_places(text, [])
    assert [(text[start:end], label) for start, end, label in found] == [
        ("Arabs", "NORP"),
        ("Kurds", "NORP"),
        ("Shabak", "NORP"),
        ("Assyrians", "NORP"),
        ("Druze", "NORP"),
    ]
