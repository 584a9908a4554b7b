"""Reshaping stored tables into what a chart or table shows: pure pandas, no I/O.

These are the small transforms between a store query and a figure (long formats for grouped
charts, rankings with the reasons behind them), kept here so pages stay free of computation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
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


def histogram_bins(values: pd.Series, *, bins: int = 20) -> pd.DataFrame:
    """Counts of values in equal-width bins: bin_start, bin_end, n_articles.

    Charts draw these bins (a few dozen bars) rather than one point per article, however
    large the corpus; the CSV of the chart is the same table.
    """
    data = pd.to_numeric(values, errors="coerce").dropna()
    if data.empty:
        return pd.DataFrame(columns=["bin_start", "bin_end", "n_articles"])
    n_bins = max(1, min(bins, data.nunique()))
    counts, edges = np.histogram(data, bins=n_bins)
    return pd.DataFrame(
        {
            "bin_start": edges[:-1].round(2),
            "bin_end": edges[1:].round(2),
            "n_articles": counts.astype(int),
        }
    )


def sample_points(table: pd.DataFrame, *, max_points: int = 2_000, seed: int = 0) -> pd.DataFrame:
    """At most ``max_points`` rows, a fixed random sample when there are more, in order."""
    if len(table) <= max_points:
        return table.reset_index(drop=True)
    return table.sample(n=max_points, random_state=seed).sort_index().reset_index(drop=True)


_BOX_COLUMNS = [
    "measure",
    "n_articles",
    "minimum",
    "lower_fence",
    "q1",
    "median",
    "q3",
    "upper_fence",
    "maximum",
]


def _box(measure: str, values: pd.Series) -> dict[str, Any]:
    q1, median, q3 = values.quantile([0.25, 0.5, 0.75])
    spread = 1.5 * (q3 - q1)
    inside = values[(values >= q1 - spread) & (values <= q3 + spread)]
    return {
        "measure": measure,
        "n_articles": int(values.size),
        "minimum": float(values.min()),
        "lower_fence": float(inside.min()),
        "q1": float(q1),
        "median": float(median),
        "q3": float(q3),
        "upper_fence": float(inside.max()),
        "maximum": float(values.max()),
    }


def box_stats(long: pd.DataFrame) -> pd.DataFrame:
    """Per measure of ``measure_spread`` output: n_articles, minimum, lower_fence, q1,
    median, q3, upper_fence, maximum (fences at 1.5 interquartile ranges, as Tukey's box)."""
    if long.empty:
        return pd.DataFrame(columns=_BOX_COLUMNS)
    rows = [
        _box(str(measure), values)
        for measure, values in long.groupby("measure", sort=False)["value"]
    ]
    return pd.DataFrame(rows, columns=_BOX_COLUMNS).round(2)


def measure_box_stats(table: pd.DataFrame) -> pd.DataFrame:
    """``box_stats(measure_spread(table))``, read from the readability table's columns
    directly: at 100,000 articles the long form alone took 0.5 s of every run of the page."""
    rows = [
        _box(MEASURES[measure], values)
        for measure in GRADE_MEASURES
        if measure in table and (values := table[measure].dropna()).size
    ]
    return pd.DataFrame(rows, columns=_BOX_COLUMNS).round(2)
