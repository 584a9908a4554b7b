"""The store's counts for two groups of articles (keyness): exact counts on texts written here."""

import datetime as dt
import math

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics.keyness import keyness
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    article_table,
    corpus_summary,
    entity_counts,
    group_sizes,
    group_token_totals,
    keyness_counts,
    term_frequencies,
)


def _article(title: str, body: str, source: str, published: str) -> Article:
    return Article(
        title=title, body=body, source=source, published=dt.date.fromisoformat(published)
    )


STRIKE = _article(
    "Strike", "Rail workers began a strike. The strike closed stations.", "North", "2024-04-01"
)
ENDED = _article("Ended", "The strike ended in Lyon.", "North", "2024-04-20")
BUDGET = _article(
    "Budget", "The budget passed. Ministers welcomed the budget in Warsaw.", "South", "2024-05-02"
)
NORTH = ArticleFilter(sources=("North",))
SOUTH = ArticleFilter(sources=("South",))
# the words without stop words ("a", "the", "in"), as counted in the North and South articles
NORTH_WORDS = {
    "began": 1,
    "closed": 1,
    "ended": 1,
    "lyon": 1,
    "rail": 1,
    "stations": 1,
    "strike": 3,
    "workers": 1,
}
SOUTH_WORDS = {"budget": 2, "ministers": 1, "passed": 1, "warsaw": 1, "welcomed": 1}


@pytest.fixture
def stored(engine: Engine, nlp: Language) -> Engine:
    results = list(ingest_articles(engine, nlp, [STRIKE, ENDED, BUDGET]))
    assert [result.status for result in results] == ["added"] * 3
    return engine


def _as_dict(frame: pd.DataFrame) -> dict[str, tuple[int, int]]:
    return {
        row.term: (int(row.n_a), int(row.n_b))
        for row in frame.itertuples()  # type: ignore[attr-defined]
    }


def _expected(min_frequency: int = 1) -> dict[str, tuple[int, int]]:
    both = {term: (count, 0) for term, count in NORTH_WORDS.items()}
    both |= {term: (0, count) for term, count in SOUTH_WORDS.items()}
    return {term: pair for term, pair in both.items() if sum(pair) >= min_frequency}


def test_word_counts_against_the_rest(stored: Engine) -> None:
    counts = keyness_counts(stored, NORTH)
    assert list(counts.columns) == ["term", "n_a", "n_b"]
    assert _as_dict(counts) == _expected()
    assert list(counts["term"]) == sorted(counts["term"])


def test_the_rest_equals_the_other_group_named(stored: Engine) -> None:
    rest = keyness_counts(stored, NORTH)
    named = keyness_counts(stored, NORTH, group_b=SOUTH)
    within = keyness_counts(stored, NORTH, within=ArticleFilter(sources=("North", "South")))
    pd.testing.assert_frame_equal(rest, named, check_dtype=False)
    pd.testing.assert_frame_equal(rest, within, check_dtype=False)


def test_only_terms_found_in_a(stored: Engine) -> None:
    counts = keyness_counts(stored, NORTH, require_a=True)
    assert _as_dict(counts) == {term: (count, 0) for term, count in NORTH_WORDS.items()}
    named = keyness_counts(stored, NORTH, group_b=SOUTH, require_a=True)
    assert _as_dict(named) == _as_dict(counts)


def test_minimum_frequency(stored: Engine) -> None:
    assert _as_dict(keyness_counts(stored, NORTH, min_frequency=2)) == {
        "strike": (3, 0),
        "budget": (0, 2),
    }
    assert _as_dict(keyness_counts(stored, NORTH, group_b=SOUTH, min_frequency=2)) == {
        "strike": (3, 0),
        "budget": (0, 2),
    }


def test_stop_words_and_lemmas(stored: Engine) -> None:
    with_stop = _as_dict(keyness_counts(stored, NORTH, stop_words=True))
    assert with_stop["the"] == (2, 2)
    assert with_stop["a"] == (1, 0)
    assert with_stop["in"] == (1, 1)
    lemmas = _as_dict(keyness_counts(stored, NORTH, lemmas=True))
    assert lemmas["worker"] == (1, 0)
    assert lemmas["station"] == (1, 0)
    assert "workers" not in lemmas


def test_bigrams(stored: Engine) -> None:
    bigrams = _as_dict(keyness_counts(stored, NORTH, n=2, stop_words=True))
    assert bigrams["the strike"] == (2, 0)
    assert bigrams["the budget"] == (0, 2)
    # no bigram across the sentence boundary
    assert "strike the" not in bigrams


def test_token_totals_include_stop_words(stored: Engine) -> None:
    # North: "rail workers began a strike the strike closed stations" (9) + "the strike ended
    # in lyon" (5); South: "the budget passed ministers welcomed the budget in warsaw" (9)
    assert group_token_totals(stored, NORTH) == (14, 9)
    assert group_token_totals(stored, NORTH, group_b=SOUTH) == (14, 9)
    assert group_token_totals(stored, SOUTH) == (9, 14)
    # bigrams: 4 + 3 and 4 in North (none across a sentence end); 2 + 5 in South
    assert group_token_totals(stored, NORTH, n=2) == (11, 7)
    # a total is the sum of the group's words with stop words
    words = term_frequencies(stored, NORTH, stop_words=True, top=None)
    assert words["n_occurrences"].sum() == 14


def test_group_words_are_the_words_of_overview(stored: Engine, nlp: Language) -> None:
    """One word count on every page: a group's size in words is the corpus summary's (and the
    article table's) number of words for the same articles, whatever the path of the query,
    numbers included (the word lists leave them out: "2005" is not a term)."""
    east = _article("Council", "In 2005 the council spent 40 million euros.", "East", "2024-06-01")
    list(ingest_articles(stored, nlp, [east]))
    east_only = ArticleFilter(sources=("East",))
    north, n_east, everything = (
        corpus_summary(stored, flt)["n_words"] for flt in (NORTH, east_only, ArticleFilter())
    )
    assert (north, n_east, everything) == (14, 8, 31)
    terms = term_frequencies(stored, east_only, stop_words=True, top=None)
    assert terms["n_occurrences"].sum() == 6
    assert group_token_totals(stored, east_only) == (8, 23)
    assert group_token_totals(stored, NORTH) == (north, everything - north)
    assert group_token_totals(stored, NORTH, group_b=east_only) == (north, n_east)
    within = ArticleFilter(sources=("North", "East"))
    assert group_token_totals(stored, east_only, within=within) == (n_east, north)
    assert sum(article_table(stored)["n_words"]) == everything


def test_group_sizes_and_overlap(stored: Engine) -> None:
    assert group_sizes(stored, NORTH) == {"n_a": 2, "n_b": 1, "n_both": 0}
    everything = ArticleFilter(sources=("North", "South"))
    assert group_sizes(stored, NORTH, group_b=everything) == {"n_a": 2, "n_b": 3, "n_both": 2}
    # an article in both groups counts in both
    overlapping = _as_dict(keyness_counts(stored, NORTH, group_b=everything))
    assert overlapping["strike"] == (3, 3)
    assert overlapping["budget"] == (0, 2)
    april = ArticleFilter(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 4, 30))
    assert group_sizes(stored, april, within=NORTH) == {"n_a": 2, "n_b": 0, "n_both": 0}
    picked = ArticleFilter(article_ids=(1,))
    assert group_sizes(stored, picked, within=NORTH) == {"n_a": 1, "n_b": 1, "n_both": 0}
    assert _as_dict(keyness_counts(stored, picked, within=NORTH))["strike"] == (2, 1)
    assert group_sizes(stored, ArticleFilter(sources=("Nowhere",))) == {
        "n_a": 0,
        "n_b": 3,
        "n_both": 0,
    }


def test_entity_counts_of_each_group(stored: Engine) -> None:
    counts = keyness_counts(stored, NORTH, unit="entities")
    assert list(counts.columns) == ["entity", "label", "n_a", "n_b"]
    north = entity_counts(stored, NORTH).set_index(["entity", "label"])["n_mentions"]
    south = entity_counts(stored, SOUTH).set_index(["entity", "label"])["n_mentions"]
    by_key = counts.set_index(["entity", "label"])
    assert by_key["n_a"][by_key["n_a"] > 0].to_dict() == north.to_dict()
    assert by_key["n_b"][by_key["n_b"] > 0].to_dict() == south.to_dict()
    assert ("Warsaw", "GPE") in by_key.index
    named = keyness_counts(stored, NORTH, group_b=SOUTH, unit="entities")
    pd.testing.assert_frame_equal(counts, named, check_dtype=False)
    only_gpe = keyness_counts(stored, NORTH, unit="entities", labels=("GPE",))
    assert set(only_gpe["label"]) == {"GPE"}


def test_keyness_of_stored_counts(stored: Engine) -> None:
    total_a, total_b = group_token_totals(stored, NORTH)
    table = keyness(keyness_counts(stored, NORTH), total_a=total_a, total_b=total_b)
    # budget (0 of 14, 2 of 9): G2 = 2 * 2 ln(2 / (9 * 2 / 23)) = 4 ln(23 / 9); strike (3 of 14,
    # 0 of 9): 6 ln(23 / 14)
    assert list(table["term"].head(2)) == ["budget", "strike"]
    assert list(table["over_in"].head(2)) == ["B", "A"]
    assert table["log_likelihood"].head(2).tolist() == pytest.approx(
        [4 * math.log(23 / 9), 6 * math.log(23 / 14)]
    )
