"""Reshaping stored tables into what a chart or table shows: pure pandas, no I/O.

These are the small transforms between a store query and a figure (long formats for grouped
charts, rankings with the reasons behind them), kept here so pages stay free of computation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analytics.readability import COUNTS, MEASURES

GRADE_MEASURES = (
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "linsear_write_formula",
    "consensus_grade",
)


def measure_spread(table: pd.DataFrame) -> pd.DataFrame:
    """Grade-level measures in long form: article_id, title, measure (spelled out), value."""
    if table.empty:
        return pd.DataFrame(columns=["article_id", "title", "measure", "value"])
    long = table.melt(
        id_vars=["article_id", "title"],
        value_vars=list(GRADE_MEASURES),
        var_name="measure",
        value_name="value",
    ).dropna(subset=["value"])
    long["measure"] = long["measure"].map(MEASURES)
    return long.reset_index(drop=True)


def grade_points(table: pd.DataFrame) -> pd.DataFrame:
    """Articles that have both a length and a consensus grade, one point each, in order."""
    columns = ["article_id", "title", "source", "n_words", "consensus_grade"]
    return table[columns].dropna(subset=["n_words", "consensus_grade"]).reset_index(drop=True)


def readability_against_median(
    article: Mapping[str, Any],
    medians: Mapping[str, float],
    flags: Mapping[str, str],
) -> pd.DataFrame:
    """One row per measure: the article's value, the corpus median, and its reliability."""
    rows = [
        {
            "measure": name,
            "value": article.get(key),
            "corpus_median": medians.get(key),
            "reliable": key not in flags,
            "reason": flags.get(key, ""),
        }
        for key, name in MEASURES.items()
    ]
    return pd.DataFrame(rows)


def counts_against_median(article: Mapping[str, Any], medians: Mapping[str, float]) -> pd.DataFrame:
    """One row per count behind the scores: the article's value and the corpus median."""
    rows = [
        {"count": name, "value": article.get(key), "corpus_median": medians.get(key)}
        for key, name in COUNTS.items()
    ]
    return pd.DataFrame(rows)


def grades_long(comparison: pd.DataFrame) -> pd.DataFrame:
    """The grade-level rows of ``readability_against_median`` in long form for a chart."""
    grade_names = [MEASURES[key] for key in GRADE_MEASURES]
    rows = comparison[comparison["measure"].isin(grade_names)]
    return (
        rows.melt(
            id_vars=["measure"],
            value_vars=["value", "corpus_median"],
            var_name="series",
            value_name="value_",
        )
        .rename(columns={"value_": "value"})
        .replace({"series": {"value": "This article", "corpus_median": "Corpus median"}})
    )


def hardest_articles(table: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """The articles with the highest consensus grade, with what makes them hard.

    Columns: article_id, title, consensus_grade, n_words, avg_sentence_length,
    longest_sentence_words, difficult_words_percent, polysyllabic_words_percent.
    """
    columns = [
        "article_id",
        "title",
        "consensus_grade",
        "n_words",
        "avg_sentence_length",
        "longest_sentence_words",
        "difficult_words_percent",
        "polysyllabic_words_percent",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns)
    words = table["n_words"].where(table["n_words"] > 0)
    ranked = table.assign(
        difficult_words_percent=(100 * table["n_difficult_words"] / words).round(1),
        polysyllabic_words_percent=(100 * table["n_polysyllabic_words"] / words).round(1),
    )
    ranked = ranked.sort_values(["consensus_grade", "article_id"], ascending=[False, True])
    return ranked[columns].head(top).reset_index(drop=True)
