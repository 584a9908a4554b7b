import pandas as pd
import pytest
from spacy.language import Language
from spacy.tokens import Span

from analytics.cleaning import clean_article
from analytics.entities import (
    Mention,
    entity_counts,
    entity_mentions,
    normalise_entity,
    sentence_offsets,
    sentence_starts,
    split_title,
    strip_initialism_dots,
)
from analytics.models import Article


def _counts(nlp: Language, text: str) -> pd.DataFrame:
    mentions = pd.DataFrame(entity_mentions(nlp(text)), columns=Mention._fields)
    return entity_counts(mentions.assign(article_id=1))


def test_seed_entities_a_reader_sees(nlp: Language, seed_article: Article) -> None:
    article = clean_article(seed_article)
    counts = _counts(nlp, article.body)
    found = set(zip(counts["entity"], counts["label"], strict=True))
    expected = {
        ("Putin", "PERSON"),
        ("Assad", "PERSON"),
        ("Amy Knight", "PERSON"),
        ("Pyotr Akopov", "PERSON"),
        ("Kremlin", "ORG"),
        ("RIA Novosti", "ORG"),
        ("Wall Street Journal", "ORG"),
        ("Syria", "GPE"),
        ("Russia", "GPE"),
        ("Ukraine", "GPE"),
        ("Latakia", "GPE"),
        ("Iran", "GPE"),
        ("Chechnya", "GPE"),
        ("Dagestan", "GPE"),
        ("Central Asia", "LOC"),
    }
    assert expected <= found
    assert "Tartus" in set(counts["entity"])  # labelled ORG by the small model
    by_key = counts.set_index(["entity", "label"])["n_mentions"]
    assert by_key[("Assad", "PERSON")] == 6
    assert by_key[("Syria", "GPE")] == 5
    assert by_key[("Russia", "GPE")] == 4
    assert by_key[("Amy Knight", "PERSON")] == 2
    # boilerplate ("112.ua") and the repeated headline are not counted
    assert by_key[("Putin", "PERSON")] == 3
    assert "112.ua" not in set(counts["entity"])


def test_trivial_variants_merge(nlp: Language) -> None:
    text = (
        "The Kremlin denied it. Officials in the Kremlin said Assad's allies met Assad. "
        "Kremlin aides agreed."
    )
    doc = nlp(text)
    normalised = {ent.text: normalise_entity(ent) for ent in doc.ents}
    assert {value for key, value in normalised.items() if "Kremlin" in key} == {"Kremlin"}
    counts = _counts(nlp, text).set_index(["entity", "label"])["n_mentions"]
    assert counts[("Assad", "PERSON")] == 2


def test_mentions_carry_offsets_and_sentences(nlp: Language) -> None:
    text = "Angela Merkel spoke in Berlin.\n\nLater, Emmanuel Macron answered from Paris."
    mentions = entity_mentions(nlp(text))
    assert [(m.entity, m.label, m.sentence_index) for m in mentions] == [
        ("Angela Merkel", "PERSON", 0),
        ("Berlin", "GPE", 0),
        ("Emmanuel Macron", "PERSON", 1),
        ("Paris", "GPE", 1),
    ]
    assert all(text[m.start_char : m.end_char] == m.surface for m in mentions)


def _span(nlp: Language, text: str, fragment: str, label: str) -> Span:
    """The fragment of the parsed text as the document's only entity, with this label."""
    doc = nlp(text)
    start = text.index(fragment)
    span = doc.char_span(start, start + len(fragment), label=label)
    assert span is not None, fragment
    doc.ents = [span]
    return span


def test_abbreviations_keep_their_full_stop(nlp: Language) -> None:
    text = (
        "Sanctions hit the U.S. and the U.K. on Monday. Apple Inc. and Warner Bros. signed a "
        "deal with Martin Luther King Jr. in Washington D.C. last year. "
        "Officials in Washington, D.C. met officials from the U.S."
    )
    assert [(m.entity, m.label) for m in entity_mentions(nlp(text))] == [
        ("U.S.", "GPE"),
        ("U.K.", "GPE"),
        ("Monday", "DATE"),
        ("Apple Inc.", "ORG"),
        ("Warner Bros.", "ORG"),
        ("Martin Luther King Jr.", "PERSON"),
        ("Washington D.C.", "GPE"),
        ("last year", "DATE"),
        ("Washington", "GPE"),
        ("D.C.", "GPE"),
        ("U.S.", "GPE"),  # at the end of the text too
    ]


@pytest.mark.parametrize(
    ("text", "fragment", "label", "expected"),
    [
        # a sentence's full stop after an ordinary word goes; one after an abbreviation stays
        ("They met Assad.", "Assad.", "PERSON", "Assad"),
        ("They moved to Portland, Ore.", "Portland, Ore.", "GPE", "Portland, Ore."),
        ("He ran Smith & Co. for years.", "Smith & Co.", "ORG", "Smith & Co."),
        ("It was Plan B. Then came C.", "Plan B.", "PRODUCT", "Plan B"),
        # citation markers and brackets cut in half
        (
            "Bashar al-Assad[citation needed] fled.",
            "Bashar al-Assad[citation needed]",
            "PERSON",
            "Bashar al-Assad",
        ),
        ("Bashar al-Assad[12][a] fled.", "Bashar al-Assad[12][a]", "PERSON", "Bashar al-Assad"),
        (
            "The Syrian Observatory for Human Rights (SOHR said so.",
            "Syrian Observatory for Human Rights (SOHR",
            "ORG",
            "Syrian Observatory for Human Rights",
        ),
        (
            "The Commission of Inquiry (CoI) reported.",
            "Commission of Inquiry (CoI)",
            "ORG",
            "Commission of Inquiry",
        ),
        (
            "Hamas (Islamic Resistance Movement) said no.",
            "Hamas (Islamic Resistance Movement)",
            "ORG",
            "Hamas",
        ),
        ("The report of the CoI) was late.", "CoI)", "ORG", "CoI"),
        # prepositions and directions before places
        ("Clashes erupted north of Aleppo on Monday.", "north of Aleppo", "GPE", "Aleppo"),
        ("Shelling hit south-east of Idlib.", "south-east of Idlib", "GPE", "Idlib"),
        ("Rebels took the road 10 km north of Homs.", "10 km north of Homs", "GPE", "Homs"),
        ("They fought in Damascus.", "in Damascus", "GPE", "Damascus"),
        ("They camped outside Homs.", "outside Homs", "GPE", "Homs"),
        ("Fires burned on the outskirts of Aleppo.", "the outskirts of Aleppo", "GPE", "Aleppo"),
        ("He lives near the Kremlin.", "near the Kremlin", "ORG", "Kremlin"),
        ("Near Tartus, the navy docked.", "Near Tartus", "PERSON", "Tartus"),
        ("Trade across the Near East grew.", "Near East", "LOC", "Near East"),
        ("The general secretary To Lam spoke.", "To Lam", "PERSON", "To Lam"),
        ("Shares of Beyond Meat fell.", "Beyond Meat", "ORG", "Beyond Meat"),
        (
            "He reads Inside Climate News daily.",
            "Inside Climate News",
            "ORG",
            "Inside Climate News",
        ),
        ("In Brussels, officials met.", "In Brussels", "ORG", "Brussels"),
        ("He works for In Brussels Today.", "In Brussels Today", "ORG", "In Brussels Today"),
        # ranks and titles glued to a person's name
        (
            "Navy Capt. John Smith said the ship left.",
            "Navy Capt. John Smith",
            "PERSON",
            "John Smith",
        ),
        ("Lt. Gen. Ahmed Ali spoke.", "Lt. Gen. Ahmed Ali", "PERSON", "Ahmed Ali"),
        (
            "Syrian President Bashar al-Assad fled.",
            "Syrian President Bashar al-Assad",
            "PERSON",
            "Bashar al-Assad",
        ),
        (
            "Secretary of State Antony Blinken flew in.",
            "Secretary of State Antony Blinken",
            "PERSON",
            "Antony Blinken",
        ),
        ("Mr King spoke.", "Mr King", "PERSON", "King"),
        ("Stephen King wrote it.", "Stephen King", "PERSON", "Stephen King"),
        ("Prince Harry spoke.", "Prince Harry", "PERSON", "Prince Harry"),
        (
            "Crown Prince Mohammed bin Salman spoke.",
            "Prince Mohammed bin Salman",
            "PERSON",
            "Mohammed bin Salman",
        ),
        ("The President spoke.", "President", "PERSON", "President"),
        # a score after a player's name; an organisation's number is its name's
        ("Nadal beat Roddick 6-2 7-6 on Friday.", "Roddick 6-2 7-6", "PERSON", "Roddick"),
        ("He led Roddick 30-0 at once.", "Roddick 30-0", "PERSON", "Roddick"),
        ("She heard it on BBC Radio 4 today.", "BBC Radio 4", "ORG", "BBC Radio 4"),
        # no names at all
        ("Officials at the kremlin denied it.", "kremlin", "ORG", ""),
        ("They sold 2024 of them.", "2024", "GPE", ""),
        ("A - B", "-", "ORG", ""),
        ("Navy Capt. John Smith said so.", "Navy Capt", "ORG", ""),
        ("Capt. Smith said so.", "Capt", "PERSON", ""),
        ("The 9/11 attacks", "9/11", "EVENT", "9/11"),
        # numeric types are kept as the model gives them, full stops of abbreviations and all
        ("He called at 5 p.m. on Monday.", "5 p.m.", "TIME", "5 p.m."),
        ("They sold 2024 of them.", "2024", "CARDINAL", "2024"),
    ],
)
def test_span_cleaning(nlp: Language, text: str, fragment: str, label: str, expected: str) -> None:
    assert normalise_entity(_span(nlp, text, fragment, label)) == expected


def test_encyclopaedia_debris_as_the_model_reads_it(nlp: Language) -> None:
    text = (
        "President Bashar al-Assad,[1] the leader of Syria, fled to Moscow.[2] "
        "The Independent International Commission of Inquiry (CoI) reported on Syria."
    )
    assert [(m.surface, m.entity, m.label) for m in entity_mentions(nlp(text))] == [
        ("Bashar al-Assad,[1", "Bashar al-Assad", "PERSON"),
        ("Syria", "Syria", "GPE"),
        (
            "The Independent International Commission of Inquiry (CoI",
            "Independent International Commission of Inquiry",
            "ORG",
        ),
        ("Syria", "Syria", "GPE"),
    ]


def test_a_surname_with_a_score_merges_with_the_full_name(nlp: Language) -> None:
    text = "Andy Roddick served first. Nadal beat Roddick 6-2 7-6 and Roddick left."
    people = {(m.alias, m.entity) for m in entity_mentions(nlp(text)) if m.label == "PERSON"}
    assert ("Roddick", "Andy Roddick") in people
    assert not any(entity == "Roddick" for _, entity in people)


def test_an_acronym_in_parentheses_is_an_alias_of_the_long_name(nlp: Language) -> None:
    text = "The World Health Organization (WHO) warned on Tuesday."
    ((surface, alias, entity),) = [
        (m.surface, m.alias, m.entity) for m in entity_mentions(nlp(text)) if m.label == "ORG"
    ]
    assert (surface, alias, entity) == (
        "The World Health Organization (WHO",
        "World Health Organization",
        "WHO",
    )


def test_ranks_and_place_prepositions_as_the_model_reads_them(nlp: Language) -> None:
    # The model reads "Near Tartus" as a person and "Navy Capt" as an organisation.
    text = "Near Tartus, the Russian navy docked. Navy Capt. John Smith said the ship left."
    assert [(m.surface, m.entity, m.label) for m in entity_mentions(nlp(text))] == [
        ("Near Tartus", "Tartus", "PERSON"),
        ("Russian", "Russian", "NORP"),
        ("John Smith", "John Smith", "PERSON"),
    ]


def test_titles_come_off_people_unless_they_tell_two_apart(nlp: Language) -> None:
    text = "Mrs Smith met Mr Smith in Leeds. Prime Minister Keir Starmer and Mr King spoke."
    assert [(m.surface, m.alias, m.entity) for m in entity_mentions(nlp(text))] == [
        ("Mrs Smith", "Mrs Smith", "Mrs Smith"),  # a woman and a man: two people
        ("Mr Smith", "Mr Smith", "Mr Smith"),
        ("Leeds", "Leeds", "Leeds"),
        ("Keir Starmer", "Keir Starmer", "Keir Starmer"),
        ("Mr King", "King", "King"),
    ]


def test_split_title() -> None:
    assert split_title("Navy Capt. John Smith") == ("Navy Capt.", "John Smith")
    assert split_title("Mr. Putin") == ("Mr.", "Putin")
    assert split_title("Prime Minister Keir Starmer") == ("Prime Minister", "Keir Starmer")
    assert split_title("US President Joe Biden") == ("US President", "Joe Biden")
    assert split_title("Air Force Gen. Jane Doe") == ("Air Force Gen.", "Jane Doe")
    assert split_title("Sen. Lindsey Graham") == ("Sen.", "Lindsey Graham")
    assert split_title("Sheikh Tamim bin Hamad Al Thani") == ("Sheikh", "Tamim bin Hamad Al Thani")
    assert split_title("Pope Francis") == ("", "Pope Francis")
    assert split_title("Queen Elizabeth II") == ("Queen", "Elizabeth II")
    assert split_title("Dr King") == ("Dr", "King")
    assert split_title("President") == ("", "President")
    assert split_title("Prime Minister") == ("", "Prime Minister")
    assert split_title("President of France") == ("", "President of France")
    assert split_title("Aaron Judge") == ("", "Aaron Judge")
    assert split_title("John Major") == ("", "John Major")
    # an occupation at the head of a sentence comes off only before a full name
    assert split_title("Organiser Florence Adeyemi") == ("Organiser", "Florence Adeyemi")
    assert split_title("Campaigner Jo Bell") == ("Campaigner", "Jo Bell")
    assert split_title("Pastor Maldonado") == ("", "Pastor Maldonado")
    assert split_title("Student Loans") == ("", "Student Loans")


def test_initialisms_without_their_full_stops() -> None:
    assert strip_initialism_dots("U.S.") == "US"
    assert strip_initialism_dots("Washington D.C.") == "Washington DC"
    assert strip_initialism_dots("U.S.A.") == "USA"
    assert strip_initialism_dots("Apple Inc.") == "Apple Inc."
    assert strip_initialism_dots("US") == "US"


def test_sentences_read_from_the_token_array_are_spacys(nlp: Language) -> None:
    text = 'Mr Smith left.  He said: "No."\n\nThe U.S. team won 3-1. Then it rained'
    doc = nlp(text)
    assert sentence_starts(doc) == [sentence.start for sentence in doc.sents]
    assert sentence_offsets(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    assert sentence_starts(doc) == [0, 4, 13, 21]
    assert sentence_starts(nlp("")) == [] and sentence_offsets(nlp("")) == []
