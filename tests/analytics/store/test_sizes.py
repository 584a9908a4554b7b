"""Fitting analysed articles to the store's columns (analytics.store.sizes): the same outcome on
SQLite, which stores any length, and PostgreSQL, which refuses a value longer than its column."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.analysis import analyse_articles
from analytics.cleaning import clean_article
from analytics.entities import Mention
from analytics.frequency import TermRow
from analytics.models import Article
from analytics.quotes import Quote
from analytics.store import add_analyses, article_mentions, entity_counts, term_frequencies
from analytics.store.schema import corpus_terms, quotes, terms

from .support import BUDGET, STRIKE

LONG_TOKEN = "x" * 401


def test_overlong_terms_and_entity_names_are_left_out(engine: Engine, nlp: Language) -> None:
    (budget,) = analyse_articles([clean_article(BUDGET)], nlp)
    long_term = TermRow(1, LONG_TOKEN, LONG_TOKEN, False, 1)
    long_lemma = TermRow(1, "word", "y" * 401, False, 1)
    long_mention = Mention(0, 3, 0, "The", "Z" * 401, "ORG")
    kept_mention = Mention(4, 14, 0, "parliament", "Parliament", "ORG")
    quote = Quote(0, 10, "quoted", "Parliament", 1, "x" * 41)
    quote_of_long = Quote(11, 20, "other", "someone", 0, "said")
    analysis = replace(
        budget,
        terms=[*budget.terms, long_term, long_lemma],
        mentions=[long_mention, kept_mention],
        quotes=[quote, quote_of_long],
    )
    (result,) = add_analyses(engine, [analysis])
    assert (result.status, result.reason) == ("added", "")
    with engine.connect() as conn:
        stored_terms = set(conn.scalars(select(terms.c.term)))
        longest_total = conn.scalar(select(func.max(func.length(corpus_terms.c.term))))
        stored_quotes = conn.execute(
            select(quotes.c.speaker_mention_index, quotes.c.cue).order_by(quotes.c.quote_index)
        ).all()
    assert stored_terms == {row.term for row in budget.terms}
    assert longest_total <= 400
    assert list(article_mentions(engine, result.article_id)["entity"]) == ["Parliament"]
    assert list(entity_counts(engine)["entity"]) == ["Parliament"]
    # the quote's mention moved from index 1 to 0; the one of the dropped mention lost its link
    assert [tuple(row) for row in stored_quotes] == [(0, None), (None, "said")]
    assert LONG_TOKEN not in set(term_frequencies(engine, stop_words=True)["term"])


def test_article_whose_source_or_language_does_not_fit_is_rejected(
    engine: Engine, nlp: Language
) -> None:
    wide_source = replace(BUDGET, source="S" * 301)
    wide_language = Article(body=STRIKE.body, title=STRIKE.title, language="l" * 17)
    analyses = list(analyse_articles([wide_source, wide_language, STRIKE], nlp))
    analyses[1] = replace(analyses[1], article=wide_language)  # the analysis would detect one
    results = add_analyses(engine, analyses)
    assert [(r.status, r.reason) for r in results] == [
        (
            "rejected",
            "its source is 301 characters long; the store takes at most 300 "
            "(is that column really the source?)",
        ),
        (
            "rejected",
            "its language is 17 characters long; the store takes at most 16 "
            "(is that column really the language?)",
        ),
        ("added", ""),
    ]
    fitting = replace(BUDGET, source="S" * 300)
    (added,) = add_analyses(engine, analyse_articles([fitting], nlp))
    assert added.status == "added"
