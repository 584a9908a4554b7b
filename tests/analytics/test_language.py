import pandas as pd
from spacy.language import Language
from sqlalchemy import Engine

from analytics.frequency import TermRow, term_rows, word_frequencies
from analytics.language import detect_language, is_english
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter, article_detail, entity_counts, flag_table

GERMAN = (
    "Die Regierung in Berlin hat am Dienstag einen neuen Haushalt beschlossen. Der Minister "
    "sagte, die Ausgaben für Schulen und Krankenhäuser würden im kommenden Jahr deutlich "
    "steigen. Die Opposition kritisierte den Plan und forderte mehr Geld für die Bahn."
)
FRENCH = (
    "Le gouvernement a adopté mardi un nouveau budget. Le ministre a déclaré que les dépenses "
    "pour les écoles et les hôpitaux augmenteraient nettement l'année prochaine."
)
RUSSIAN = "Правительство во вторник приняло новый бюджет, заявил министр финансов журналистам."


def test_detects_common_languages(seed_article: Article) -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(RUSSIAN) == "ru"
    assert detect_language(seed_article.body) == "en"


def test_too_little_text_is_unknown() -> None:
    assert detect_language("Hello there") == ""
    assert detect_language("12345 67890 !!! ???") == ""


def test_is_english() -> None:
    assert is_english("") and is_english("en") and is_english("EN-gb") and is_english("en_US")
    assert not is_english("de") and not is_english("ru")


def test_german_words_use_german_stop_words(nlp: Language) -> None:
    rows = pd.DataFrame(term_rows(nlp(GERMAN), language="de"), columns=TermRow._fields)
    table = word_frequencies(rows.assign(article_id=1), top=3)
    assert "die" not in set(table["term"]) and "der" not in set(table["term"])
    everything = word_frequencies(rows.assign(article_id=1), stop_words=True).set_index("term")
    assert everything.loc["die", "n_occurrences"] == 4
    # no English lemmatizer on German text: lemmas are the word forms
    assert set(rows["lemma"]) == set(rows["term"])


def test_non_english_article_is_marked_not_applicable(engine: Engine, nlp: Language) -> None:
    (result,) = ingest_articles(engine, nlp, [Article(title="Haushalt", body=GERMAN)])
    detail = article_detail(engine, result.article_id)
    assert detail["language"] == "de"
    assert detail["dale_chall_score"] is None
    assert detail["n_difficult_words"] is None
    only = ArticleFilter(article_ids=(result.article_id,))
    flags = flag_table(engine, only).set_index("measure")["reason"]
    assert "not applicable: English word list" in flags["dale_chall_score"]
    assert "not applicable: English word list" in flags["gunning_fog"]
    assert "calibrated for English" in flags["coleman_liau_index"]
    assert entity_counts(engine, only).empty  # the English NER model is not run on German


def test_language_given_by_the_source_is_kept(engine: Engine, nlp: Language) -> None:
    article = Article(title="Budget", body=FRENCH, language="fr")
    (result,) = ingest_articles(engine, nlp, [article])
    assert article_detail(engine, result.article_id)["language"] == "fr"
