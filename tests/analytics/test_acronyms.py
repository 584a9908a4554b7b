"""Acronyms an article defines after a name, and their uses."""

from analytics.acronyms import acronym_uses, defined_acronyms
from analytics.entities import Mention


def _mention(text: str, name: str, label: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), 0, name, name, label, name)


def test_an_acronym_after_a_name_or_inside_its_span_is_defined_with_its_type() -> None:
    text = (
        "The Kurdistan Democratic Party (KDP) met the Syrian Democratic Forces (SDF) in "
        "Democratic Republic of Congo (DRC), by the Ministry of Defence (AP)."
    )
    mentions = [
        _mention(text, "Kurdistan Democratic Party", "ORG"),
        _mention(text, "Syrian Democratic Forces (SDF)", "ORG"),  # the model took it in
        _mention(text, "Democratic Republic of Congo", "GPE"),
        _mention(text, "Ministry of Defence", "ORG"),  # "AP": no initial of the name
    ]
    assert defined_acronyms(mentions, text) == {"KDP": "ORG", "SDF": "ORG", "DRC": "GPE"}
    person = [_mention("Jo Ann Kim (JAK) spoke.", "Jo Ann Kim", "PERSON")]
    assert defined_acronyms(person, "Jo Ann Kim (JAK) spoke.") == {}


def test_uses_are_whole_words_outside_entities_and_capitalised_headlines() -> None:
    # not a use: inside an entity, part of a longer word or a compound ("KDPs", "KDP-led"),
    # among words in capitals
    text = "KDP said so. The KDP-led bloc and KDPs did not. THE KDP WON. A KDP vote."
    covered = [(0, 3)]
    uses = acronym_uses({"KDP": "ORG"}, text, covered)
    assert [(text[start:end], start, label) for start, end, label in uses] == [
        ("KDP", text.index("A KDP") + 2, "ORG")
    ]
