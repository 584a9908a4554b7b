"""Adding analysed articles to the store: round trips, a batch in one transaction with each
article stored whole or not at all, the same article stored once, hostile strings."""

from __future__ import annotations

import re

import textstat
from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.analysis import analyse_articles
from analytics.cleaning import clean_article
from analytics.frequency import TermRow
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    add_analyses,
    article_detail,
    article_mentions,
    article_sentences,
    article_table,
    entity_counts,
    metadata,
    n_articles,
    term_frequencies,
)

from .support import BUDGET, STRIKE


def _row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of article data (the store's own facts, its version, left out)."""
    with engine.connect() as conn:
        return {
            table.name: conn.scalar(select(func.count()).select_from(table))
            for table in metadata.sorted_tables
            if table.name != "store_meta"
        }


def test_seed_round_trip(engine: Engine, nlp: Language, seed_article: Article) -> None:
    (result,) = ingest_articles(engine, nlp, [seed_article])
    assert result.status == "added"
    cleaned = clean_article(seed_article)
    detail = article_detail(engine, result.article_id)
    assert detail is not None
    assert detail["title"] == cleaned.title
    assert detail["body"] == cleaned.body
    assert detail["content_hash"] == cleaned.content_hash
    # readability values equal textstat's on the cleaned body
    assert detail["flesch_reading_ease"] == textstat.flesch_reading_ease(cleaned.body)
    assert detail["gunning_fog"] == textstat.gunning_fog(cleaned.body)
    assert detail["smog_index"] == textstat.smog_index(cleaned.body)
    assert detail["n_words"] == textstat.lexicon_count(cleaned.body)
    assert detail["n_sentences"] == textstat.sentence_count(cleaned.body)
    words = term_frequencies(engine, top=3)
    assert words[["term", "n_occurrences", "n_articles"]].to_dict("records") == [
        {"term": "assad", "n_occurrences": 6, "n_articles": 1},
        {"term": "regime", "n_occurrences": 6, "n_articles": 1},
        {"term": "syria", "n_occurrences": 5, "n_articles": 1},
    ]
    entities = entity_counts(engine).set_index(["entity", "label"])
    assert entities.loc[("Assad", "PERSON"), "n_mentions"] == 6
    sentences = article_sentences(engine, result.article_id)
    assert sentences.iloc[0]["sentence"] == (
        "The fall of Assad's regime in Syria and its impact on the Kremlin"
    )
    mentions = article_mentions(engine, result.article_id)
    assert all(
        cleaned.body[row.start_char : row.end_char] == row.surface for row in mentions.itertuples()
    )


def test_adding_again_stores_once(engine: Engine, nlp: Language, seed_article: Article) -> None:
    first = list(ingest_articles(engine, nlp, [seed_article, seed_article]))
    counts = _row_counts(engine)
    second = list(ingest_articles(engine, nlp, [seed_article]))
    assert [r.status for r in first] == ["added", "already present"]
    assert first[1].article_id == first[0].article_id
    assert [r.status for r in second] == ["already present"]
    assert second[0].article_id == first[0].article_id
    assert _row_counts(engine) == counts
    assert counts["articles"] == 1


def test_failure_half_way_stores_nothing(engine: Engine, nlp: Language) -> None:
    (analysis,) = analyse_articles([clean_article(BUDGET)], nlp)
    duplicate = TermRow(1, "budget", "budget", False, 1)
    broken = analysis.__class__(**{**analysis.__dict__, "terms": [*analysis.terms, duplicate]})
    (refused,) = add_analyses(engine, [broken])
    assert refused.status == "rejected"
    # sqlite3's IntegrityError; psycopg's UniqueViolation
    assert re.fullmatch(r"could not be stored \((IntegrityError|UniqueViolation)\)", refused.reason)
    assert set(_row_counts(engine).values()) == {0}
    assert add_analyses(engine, [analysis])[0].status == "added"
    assert _row_counts(engine)["articles"] == 1


def test_failing_article_is_rejected_alone(engine: Engine) -> None:
    import spacy

    @spacy.Language.component("explode_on_boom")
    def explode_on_boom(doc):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise RuntimeError("analysis failed")
        return doc

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("explode_on_boom")
    bad = Article(title="Bad", body="This article goes BOOM in the middle.")
    results = list(ingest_articles(engine, blank, [BUDGET, bad, STRIKE]))
    assert [r.status for r in results] == ["added", "rejected", "added"]
    assert results[1].reason == "the analysis failed (RuntimeError)"
    assert n_articles(engine) == 2
    assert sorted(article_table(engine)["title"]) == ["Budget passes", "Rail strike"]


def test_batch_commits_once_and_isolates_a_failing_article(engine: Engine, nlp: Language) -> None:
    budget, strike = analyse_articles([clean_article(BUDGET), clean_article(STRIKE)], nlp)
    duplicate = TermRow(1, "budget", "budget", False, 1)
    broken = budget.__class__(**{**budget.__dict__, "terms": [*budget.terms, duplicate]})
    results = add_analyses(engine, [broken, strike, strike])
    assert [r.status for r in results] == ["rejected", "added", "already present"]
    assert results[0].reason.startswith("could not be stored (")
    assert results[2].article_id == results[1].article_id
    counts = _row_counts(engine)
    assert counts["articles"] == 1
    assert counts["readability"] == 1
    assert counts["terms"] == len(strike.terms)


def test_hostile_strings_round_trip(engine: Engine, nlp: Language) -> None:
    title = "'); DROP TABLE articles;-- <script>alert(1)</script>"
    article = Article(title=title, body="Robert'); DROP TABLE articles;-- spoke in Paris today.")
    (result,) = ingest_articles(engine, nlp, [article])
    assert article_detail(engine, result.article_id)["title"] == title
    assert n_articles(engine, ArticleFilter(search="DROP TABLE")) == 1
