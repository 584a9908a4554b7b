import pandas as pd
from spacy.language import Language

from analytics.cleaning import clean_article
from analytics.entities import Mention, entity_counts, entity_mentions, normalise_entity
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
