import pandas as pd
from spacy.language import Language

from analytics.cleaning import mask_markup
from analytics.frequency import TermRow, term_rows, word_frequencies

TEXT = (
    "The ministers met in Brussels. The ministers argued, and the ministers left at 5pm!\n\n"
    "A well-known <b>reporter</b> wrote about ministers meeting again, 42 times."
)


def _rows(nlp: Language, text: str = TEXT, article_id: int = 1) -> pd.DataFrame:
    rows = term_rows(nlp(mask_markup(text)))
    return pd.DataFrame(rows, columns=TermRow._fields).assign(article_id=article_id)


def test_words_without_stop_words(nlp: Language) -> None:
    table = word_frequencies(_rows(nlp))
    assert list(zip(table["term"], table["n_occurrences"], strict=True)) == [
        ("ministers", 4),
        ("argued", 1),
        ("brussels", 1),
        ("left", 1),
        ("meeting", 1),
        ("met", 1),
        ("reporter", 1),
        ("times", 1),
        ("well-known", 1),
        ("wrote", 1),
    ]


def test_numbers_punctuation_units_and_markup_are_not_words(nlp: Language) -> None:
    words = set(word_frequencies(_rows(nlp), stop_words=True)["term"])
    assert not words & {"42", "5", "pm", "5pm", "b", "<", ">", "!", ",", "."}
    assert {"the", "and", "a", "in", "at", "about", "again"} <= words


def test_stop_words_switch(nlp: Language) -> None:
    table = word_frequencies(_rows(nlp), stop_words=True)
    assert table.iloc[0].to_dict() == {"term": "ministers", "n_occurrences": 4, "n_articles": 1}
    assert table.set_index("term").loc["the", "n_occurrences"] == 3


def test_lemmas_merge_word_forms(nlp: Language) -> None:
    table = word_frequencies(_rows(nlp), lemmas=True).set_index("term")
    assert table.loc["minister", "n_occurrences"] == 4
    assert table.loc["meet", "n_occurrences"] == 2  # "met" and "meeting"
    assert "ministers" not in table.index


def test_bigrams_and_trigrams(nlp: Language) -> None:
    bigrams = word_frequencies(_rows(nlp), n=2)
    assert sorted(bigrams["term"]) == [
        "ministers argued",
        "ministers left",
        "ministers meeting",
        "ministers met",
    ]
    with_stops = word_frequencies(_rows(nlp), n=2, stop_words=True).set_index("term")
    assert with_stops.loc["the ministers", "n_occurrences"] == 3
    # n-grams never cross punctuation or sentence ends.
    assert "brussels the" not in with_stops.index
    assert "argued and" not in with_stops.index
    trigrams = word_frequencies(_rows(nlp), n=3)
    assert sorted(trigrams["term"]) == ["met in brussels", "wrote about ministers"]


def test_corpus_totals_count_articles(nlp: Language) -> None:
    rows = pd.concat([_rows(nlp, article_id=1), _rows(nlp, "Ministers resign.", article_id=2)])
    table = word_frequencies(rows, top=2)
    assert table.to_dict("records") == [
        {"term": "ministers", "n_occurrences": 5, "n_articles": 2},
        {"term": "argued", "n_occurrences": 1, "n_articles": 1},
    ]
