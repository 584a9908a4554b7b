"""The pure reshaping between store queries and charts (analytics.views): golden outputs."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analytics.views import (
    box_stats,
    counts_against_median,
    grade_points,
    grades_long,
    hardest_articles,
    measure_box_stats,
    measure_spread,
    readability_against_median,
)

TABLE = pd.DataFrame(
    {
        "article_id": [1, 2, 3],
        "title": ["A", "B", "C"],
        "source": ["s", "t", ""],
        "published": [None, None, None],
        "flesch_reading_ease": [50.0, 60.0, 70.0],
        "flesch_kincaid_grade": [10.0, 8.0, None],
        "gunning_fog": [12.0, 9.0, 7.0],
        "smog_index": [None, None, None],
        "coleman_liau_index": [11.0, 9.5, 6.0],
        "automated_readability_index": [10.5, 8.5, 5.0],
        "dale_chall_score": [8.0, 7.0, 6.0],
        "linsear_write_formula": [9.0, 7.0, 5.0],
        "consensus_grade": [11.0, 11.0, 6.0],
        "n_sentences": [10, 20, 5],
        "n_words": [200, 400, 0],
        "n_difficult_words": [30, 20, 0],
        "n_polysyllabic_words": [25, 15, 0],
        "avg_sentence_length": [20.0, 20.0, 0.0],
        "longest_sentence_words": [30, 25, 10],
    }
)


def test_measure_spread_is_long_and_drops_missing_values() -> None:
    rows = [
        (1, "A", "Flesch-Kincaid Grade Level", 10.0),
        (2, "B", "Flesch-Kincaid Grade Level", 8.0),
        (1, "A", "Gunning Fog Index", 12.0),
        (2, "B", "Gunning Fog Index", 9.0),
        (3, "C", "Gunning Fog Index", 7.0),
        (1, "A", "Coleman-Liau Index", 11.0),
        (2, "B", "Coleman-Liau Index", 9.5),
        (3, "C", "Coleman-Liau Index", 6.0),
        (1, "A", "Automated Readability Index", 10.5),
        (2, "B", "Automated Readability Index", 8.5),
        (3, "C", "Automated Readability Index", 5.0),
        (1, "A", "Linsear Write Formula", 9.0),
        (2, "B", "Linsear Write Formula", 7.0),
        (3, "C", "Linsear Write Formula", 5.0),
        (1, "A", "Consensus Grade Level", 11.0),
        (2, "B", "Consensus Grade Level", 11.0),
        (3, "C", "Consensus Grade Level", 6.0),
    ]
    spread = measure_spread(TABLE)
    assert list(spread.columns) == ["article_id", "title", "measure", "value"]
    assert list(spread.itertuples(index=False, name=None)) == rows
    # SMOG is missing everywhere, and the Flesch ease and Dale-Chall scores are not grades.
    assert "SMOG Index (Simple Measure of Gobbledygook)" not in set(spread["measure"])
    assert list(spread.index) == list(range(17))


def test_measure_spread_of_nothing() -> None:
    spread = measure_spread(TABLE.iloc[0:0])
    assert spread.empty
    assert list(spread.columns) == ["article_id", "title", "measure", "value"]


def test_measure_box_stats_are_the_box_stats_of_the_long_form() -> None:
    stats = measure_box_stats(TABLE)
    pd.testing.assert_frame_equal(stats, box_stats(measure_spread(TABLE)))
    # golden values: the consensus grades 11, 11 and 6
    consensus = stats.set_index("measure").loc["Consensus Grade Level"]
    assert consensus.to_dict() == {
        "n_articles": 3,
        "minimum": 6.0,
        "lower_fence": 6.0,
        "q1": 8.5,
        "median": 11.0,
        "q3": 11.0,
        "upper_fence": 11.0,
        "maximum": 11.0,
    }
    # SMOG has no value in any article: no box, as in the long form
    assert "SMOG Index (Simple Measure of Gobbledygook)" not in set(stats["measure"])
    assert len(stats) == 6
    empty = measure_box_stats(TABLE.iloc[0:0])
    assert empty.empty and list(empty.columns) == list(stats.columns)


def test_grade_points_keeps_articles_with_length_and_grade() -> None:
    table = TABLE.assign(consensus_grade=[11.0, None, 6.0])
    expected = pd.DataFrame(
        {
            "article_id": [1, 3],
            "title": ["A", "C"],
            "source": ["s", ""],
            "n_words": [200, 0],
            "consensus_grade": [11.0, 6.0],
        }
    )
    assert_frame_equal(grade_points(table), expected)


def test_readability_against_median() -> None:
    article = {"flesch_reading_ease": 55.5, "smog_index": 12.25, "consensus_grade": 9.0}
    medians = {"flesch_reading_ease": 60.0, "smog_index": 11.0, "gunning_fog": 10.0}
    flags = {"smog_index": "SMOG needs 30 sentences; this text has 12"}
    comparison = readability_against_median(article, medians, flags)
    assert list(comparison.columns) == ["measure", "value", "corpus_median", "reliable", "reason"]
    assert list(comparison["measure"]) == [
        "Flesch Reading Ease",
        "Flesch-Kincaid Grade Level",
        "Gunning Fog Index",
        "SMOG Index (Simple Measure of Gobbledygook)",
        "Coleman-Liau Index",
        "Automated Readability Index",
        "Dale-Chall Readability Score",
        "Linsear Write Formula",
        "Consensus Grade Level",
    ]
    values = [None if pd.isna(v) else v for v in comparison["value"]]
    assert values == [55.5, None, None, 12.25, None, None, None, None, 9.0]
    medians_shown = [None if pd.isna(v) else v for v in comparison["corpus_median"]]
    assert medians_shown == [60.0, None, 10.0, 11.0, None, None, None, None, None]
    assert list(comparison["reliable"]) == [True, True, True, False, True, True, True, True, True]
    assert list(comparison["reason"]) == [
        "",
        "",
        "",
        "SMOG needs 30 sentences; this text has 12",
        "",
        "",
        "",
        "",
        "",
    ]


def test_counts_against_median() -> None:
    comparison = counts_against_median({"n_words": 120, "n_sentences": 6}, {"n_words": 300.0})
    assert list(comparison.columns) == ["count", "value", "corpus_median"]
    assert list(comparison["count"])[:2] == ["Sentences", "Words"]
    assert len(comparison) == 9
    assert comparison.iloc[1].tolist() == ["Words", 120, 300.0]
    assert comparison.iloc[0]["value"] == 6
    assert math.isnan(comparison.iloc[0]["corpus_median"])


def test_grades_long_keeps_grade_measures_in_two_series() -> None:
    article = {
        "flesch_reading_ease": 55.0,
        "flesch_kincaid_grade": 9.0,
        "gunning_fog": 11.0,
        "smog_index": 10.0,
        "coleman_liau_index": 10.5,
        "automated_readability_index": 8.5,
        "dale_chall_score": 7.5,
        "linsear_write_formula": 6.0,
        "consensus_grade": 9.0,
    }
    medians = {key: value + 1 for key, value in article.items()}
    long = grades_long(readability_against_median(article, medians, {}))
    names = [
        "Flesch-Kincaid Grade Level",
        "Gunning Fog Index",
        "SMOG Index (Simple Measure of Gobbledygook)",
        "Coleman-Liau Index",
        "Automated Readability Index",
        "Linsear Write Formula",
        "Consensus Grade Level",
    ]
    expected = pd.DataFrame(
        {
            "measure": names * 2,
            "series": ["This article"] * 7 + ["Corpus median"] * 7,
            "value": [9.0, 11.0, 10.0, 10.5, 8.5, 6.0, 9.0, 10.0, 12.0, 11.0, 11.5, 9.5, 7.0, 10.0],
        }
    )
    assert_frame_equal(long.reset_index(drop=True), expected)


def test_hardest_articles_ranks_by_grade_then_id() -> None:
    hardest = hardest_articles(TABLE)
    assert list(hardest.columns) == [
        "article_id",
        "title",
        "consensus_grade",
        "n_words",
        "avg_sentence_length",
        "longest_sentence_words",
        "difficult_words_percent",
        "polysyllabic_words_percent",
    ]
    assert list(hardest["article_id"]) == [1, 2, 3]
    assert list(hardest["consensus_grade"]) == [11.0, 11.0, 6.0]
    assert hardest["difficult_words_percent"].tolist()[:2] == [15.0, 5.0]
    # 15 / 400 = 3.75 %, rounded to one decimal.
    assert hardest["polysyllabic_words_percent"].tolist()[:2] == [12.5, 3.8]
    # An article of zero words has no percentages rather than a division by zero.
    assert pd.isna(hardest["difficult_words_percent"].iloc[2])
    assert pd.isna(hardest["polysyllabic_words_percent"].iloc[2])
    assert list(hardest.index) == [0, 1, 2]


@pytest.mark.parametrize(("top", "ids"), [(1, [1]), (2, [1, 2]), (10, [1, 2, 3])])
def test_hardest_articles_top(top: int, ids: list[int]) -> None:
    assert list(hardest_articles(TABLE, top=top)["article_id"]) == ids


def test_hardest_articles_of_nothing() -> None:
    hardest = hardest_articles(TABLE.iloc[0:0])
    assert hardest.empty
    assert len(hardest.columns) == 8
