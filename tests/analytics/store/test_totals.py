"""The corpus totals kept in step with every write: equal to the GROUP BY, after deletes and
after a rebuild."""

from __future__ import annotations

import pandas as pd
from spacy.language import Language
from sqlalchemy import Engine

from analytics.cleaning import clean_article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter, entity_counts, term_frequencies

from .support import BUDGET, STRIKE


def test_corpus_totals_equal_the_group_by_and_follow_deletes(engine: Engine, nlp: Language) -> None:
    from analytics.store import delete_articles, rebuild_corpus_totals

    again = clean_article(BUDGET).with_changes(title="Budget again")
    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE, again]))
    everything = ArticleFilter(search="")  # empty: answered from the totals
    assert everything.is_empty
    by_ids = ArticleFilter(article_ids=tuple(r.article_id for r in results))  # the GROUP BY
    for n in (1, 2, 3):
        for stop_words in (False, True):
            fast = term_frequencies(engine, everything, n=n, stop_words=stop_words, top=None)
            slow = term_frequencies(engine, by_ids, n=n, stop_words=stop_words, top=None)
            pd.testing.assert_frame_equal(fast, slow)
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, by_ids))
    assert term_frequencies(engine, top=1).iloc[0].to_dict() == {
        "term": "budget",
        "n_occurrences": 4,
        "n_articles": 2,
        "per_10k_words": 1081.08,
    }
    assert delete_articles(engine, [results[0].article_id]) == 1
    remaining = ArticleFilter(article_ids=(results[1].article_id, results[2].article_id))
    pd.testing.assert_frame_equal(
        term_frequencies(engine, n=1, top=None), term_frequencies(engine, remaining, n=1, top=None)
    )
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, remaining))
    before = term_frequencies(engine, n=2, stop_words=True, top=None)
    rebuild_corpus_totals(engine)
    pd.testing.assert_frame_equal(term_frequencies(engine, n=2, stop_words=True, top=None), before)
