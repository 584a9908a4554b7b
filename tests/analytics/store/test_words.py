"""Word and n-gram queries: phrases found through their rarest word."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import Engine, inspect

from analytics.filters import ALL_ARTICLES
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    mentions_by_date,
    n_articles,
    term_by_article,
    term_frequencies,
)

from .support import BUDGET, STRIKE


def test_phrases_are_found_through_their_rarest_word(engine: Engine, nlp: Language) -> None:
    """Only single words are indexed (ix_terms_word_articles, partial on n = 1); bigrams and
    trigrams are looked up among the articles using their rarest word, with the same answers."""
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
    assert "ix_terms_word" not in indexes  # replaced by the index with the articles and counts
    assert indexes["ix_terms_word_articles"]["column_names"] == [
        "term",
        "article_id",
        "n_occurrences",
    ]


def test_news_words_are_left_out_with_the_stop_words(engine: Engine, nlp: Language) -> None:
    """``news_words=False`` leaves out the news words (said, told, Mr...) on top of the stop
    words, and every n-gram that begins or ends with one, on every path of the query: the
    corpus totals, a filter, lemmas; with the stop words kept, it keeps them too."""
    talks = Article(
        title="Talks",
        body=(
            "Mr Blair said the talks failed. Mr Blair told reporters the talks failed. "
            "Ministers said nothing."
        ),
        source="Daily Test",
        published=dt.date(2024, 5, 2),
    )
    list(ingest_articles(engine, nlp, [BUDGET, talks]))

    def counts(flt: ArticleFilter = ALL_ARTICLES, **options: bool | int) -> dict[str, int]:
        frame = term_frequencies(engine, flt, top=None, **options)  # type: ignore[arg-type]
        return dict(zip(frame["term"], frame["n_occurrences"], strict=True))

    both = {"budget": 2, "parliament": 1, "passed": 1, "vote": 1, "warsaw": 1, "welcomed": 1}
    kept = {"blair": 2, "failed": 2, "ministers": 2, "talks": 2, "reporters": 1, **both}
    assert counts() == {**kept, "mr": 2, "said": 2, "told": 1}
    assert counts(news_words=False) == kept
    assert counts(ArticleFilter(one_per_cluster=True), news_words=False) == kept
    assert counts(stop_words=True, news_words=False)["said"] == 2
    in_talks = ArticleFilter(containing_word="talks")
    assert counts(in_talks, news_words=False) == {
        "blair": 2,
        "failed": 2,
        "talks": 2,
        "ministers": 1,
        "reporters": 1,
    }
    # lemmas: "said" is "say", a stop word already; "told" goes by its word form
    lemmas = counts(lemmas=True, news_words=False)
    assert "tell" not in lemmas and "say" not in lemmas and lemmas["talk"] == 2
    # n-grams: those that begin or end with a news word go ("mr blair", "blair said")
    assert counts(n=2)["mr blair"] == 2
    assert counts(n=2, news_words=False) == {
        "talks failed": 2,
        "budget vote": 1,
        "ministers welcomed": 1,
        "warsaw passed": 1,
    }
    assert "blair told reporters" in counts(n=3, news_words=False)
