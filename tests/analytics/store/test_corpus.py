"""Queries on the selected articles as a whole: the summary, the article table and its
pages, the export."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.pipeline import ingest_articles
from analytics.store import (
    article_table,
    corpus_export,
    corpus_summary,
    entity_mentions,
    entity_sentences,
    readability_table,
    term_by_article,
)

from .support import BUDGET, STRIKE


def test_corpus_queries(engine: Engine, nlp: Language) -> None:
    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    summary = corpus_summary(engine)
    assert summary["n_articles"] == 2
    assert summary["n_words"] == 12 + 13
    assert summary["n_sources"] == 2
    assert summary["first_published"] == dt.date(2024, 3, 1)
    assert summary["n_undated"] == 0
    table = term_by_article(engine, chosen_terms=("budget", "strike"))
    assert table[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget", "n_occurrences": 2},
        {"title": "Rail strike", "term": "strike", "n_occurrences": 2},
    ]
    france = entity_sentences(engine, entity="France", label="GPE")
    assert list(france["sentence"]) == ["The strike closed stations across France."]
    assert list(france["article_id"]) == [results[1].article_id]
    frame = readability_table(engine)
    assert list(frame["n_words"]) == [12, 13]
    export = corpus_export(engine)
    assert list(export.columns[:3]) == ["article_id", "title", "source"]
    assert export.columns[-1] == "body"
    assert "too short" in export["unreliable_scores"].iloc[0]
    with engine.connect() as conn:
        n_mentions = conn.scalar(select(func.count()).select_from(entity_mentions))
    assert summary["n_entities"] <= n_mentions
    assert isinstance(export, pd.DataFrame)


def test_pages_and_limits_for_large_corpora(engine: Engine, nlp: Language) -> None:
    from analytics.store import flag_counts, measure_values

    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    ids = [r.article_id for r in results]
    assert list(article_table(engine, limit=1)["article_id"]) == [ids[1]]
    assert list(article_table(engine, limit=1, offset=1)["article_id"]) == [ids[0]]
    assert list(measure_values(engine, measure="n_words")) == [12.0, 13.0]
    assert flag_counts(engine).set_index("measure").loc["smog_index", "n_articles"] == 2
    both = term_by_article(engine, chosen_terms=("budget", "strike"), top_articles=1)
    assert both[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget", "n_occurrences": 2}
    ]
