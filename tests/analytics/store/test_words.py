"""Word and n-gram queries: phrases found through their rarest word."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Engine, inspect

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter, mentions_by_date, n_articles, term_by_article

from .support import BUDGET, STRIKE


def test_phrases_are_found_through_their_rarest_word(engine: Engine, nlp: Language) -> None:
    """Only single words are indexed (ix_terms_word, partial on n = 1); bigrams and trigrams
    are looked up among the articles using their rarest word, with the same answers."""
    rail = Article(
        title="Rail strike spreads",
        body="The rail strike spread to Paris. Rail workers said the rail strike would go on.",
        source="Evening Test",
        published=dt.date(2024, 4, 16),
    )
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE, rail]))
    bigrams = term_by_article(engine, chosen_terms=("rail strike", "budget vote"), n=2)
    assert bigrams[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget vote", "n_occurrences": 1},
        {"title": "Rail strike spreads", "term": "rail strike", "n_occurrences": 2},
    ]
    trigram = term_by_article(engine, chosen_terms=("the rail strike",), n=3)
    assert trigram[["title", "n_occurrences"]].to_dict("records") == [
        {"title": "Rail strike spreads", "n_occurrences": 2}
    ]
    # a phrase with a word the corpus never uses, and one whose words never meet
    assert term_by_article(engine, chosen_terms=("rail tunnel", "budget strike"), n=2).empty
    by_date = mentions_by_date(engine, chosen_terms=("rail workers", "strike"))
    counts = by_date.groupby("item")[["n_mentions", "n_articles"]].sum().to_dict("index")
    assert counts == {
        "rail workers": {"n_mentions": 2, "n_articles": 2},
        "strike": {"n_mentions": 4, "n_articles": 2},
    }
    assert n_articles(engine, ArticleFilter(containing_word="rail")) == 2
    with engine.connect() as conn:
        indexes = {index["name"]: index for index in inspect(conn).get_indexes("terms")}
    assert "ix_terms_n_term" not in indexes
    assert indexes["ix_terms_word"]["column_names"] == ["term"]
