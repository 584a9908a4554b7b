"""Keyness: the terms over-represented in one group of texts against another, as corpus
linguists report them (AntConc's keyword list, Rayson & Garside 2000, Hardie 2014).

For each term, ``a`` is its count in the study corpus A, ``b`` its count in the reference
corpus B, and ``total_a``, ``total_b`` the sizes of A and B in tokens.

- Log-likelihood (G2), Rayson & Garside's two-cell form: with the expected counts
  ``E_a = total_a * (a + b) / (total_a + total_b)`` and ``E_b = total_b * (a + b) / (total_a +
  total_b)``, ``G2 = 2 * (a ln(a / E_a) + b ln(b / E_b))``, where a zero count adds nothing
  (``0 ln 0 = 0``), so a term absent from one corpus is scored too. G2 is the same whichever
  group is called A; its p-value is the chi-square (1 degree of freedom) tail, and the usual
  cut-offs are 3.84 (p < 0.05), 6.63 (p < 0.01), 10.83 (p < 0.001) and 15.13 (p < 0.0001).
- Log ratio (Hardie's effect size): ``log2((a / total_a) / (b / total_b))``, the binary log of
  the ratio of relative frequencies; 1 means twice as frequent in A, -1 twice as frequent in
  B. A zero count is replaced by ``ZERO_ADJUSTMENT`` (0.5) for this measure only, so a term
  found in one group only gets a finite value (as CQPweb does). Swapping A and B flips its sign.
- ``over_in``: "A" when the term's relative frequency is higher in A, "B" when it is higher in
  B ("=" when equal).

Sizes: ``total_a`` and ``total_b`` are the numbers of tokens of the unit compared: for words,
every word counted (stop words included, whether or not stop words are listed); for n-grams,
every n-gram of that size; for entities, the number of words (``analytics.store`` sums them).

Per article, the dashboard uses the same measure with A = the article and B = the rest of the
corpus, rather than TF-IDF: one method on both pages, with a significance test and the counts
behind every score, and no document-frequency weighting to explain.

The functions are pure: counts in, a DataFrame out, sorted by G2 (then the term).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

ZERO_ADJUSTMENT = 0.5
# (critical G2 value, its label), strictest first: chi-square with one degree of freedom
SIGNIFICANCE_LEVELS: tuple[tuple[float, str], ...] = (
    (15.13, "p < 0.0001"),
    (10.83, "p < 0.001"),
    (6.63, "p < 0.01"),
    (3.84, "p < 0.05"),
)
NOT_SIGNIFICANT = "not significant"
KEYNESS_COLUMNS = [
    "n_a",
    "n_b",
    "per_million_a",
    "per_million_b",
    "log_likelihood",
    "log_ratio",
    "p_value",
    "significance",
    "over_in",
]

Side = Literal["A", "B"]


def log_likelihood(a: float, b: float, total_a: float, total_b: float) -> float:
    """Rayson & Garside's G2 for one term (counts a, b in corpora of total_a, total_b)."""
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / expected_a)
    if b > 0:
        g2 += b * math.log(b / expected_b)
    return 2 * g2


def log_ratio(
    a: float, b: float, total_a: float, total_b: float, *, zero: float = ZERO_ADJUSTMENT
) -> float:
    """Hardie's log ratio for one term, a zero count taken as ``zero``."""
    return math.log2(((a or zero) / total_a) / ((b or zero) / total_b))


def significance(g2: float) -> str:
    """The strictest usual cut-off that G2 passes ("p < 0.01"), or "not significant"."""
    for critical, label in SIGNIFICANCE_LEVELS:
        if g2 >= critical:
            return label
    return NOT_SIGNIFICANT


def p_value(g2: float) -> float:
    """The chi-square (one degree of freedom) probability of a G2 at least this large."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2))


def keyness(
    counts: pd.DataFrame,
    *,
    total_a: int,
    total_b: int,
    min_frequency: int = 1,
    zero: float = ZERO_ADJUSTMENT,
) -> pd.DataFrame:
    """The keyness table of ``counts``: its key columns (term, or entity and label) and its
    counts ``n_a``, ``n_b``, with per-million frequencies, G2, log ratio, p-value, cut-off
    and direction added (columns ``KEYNESS_COLUMNS``), sorted by G2 (highest first).

    Terms with ``n_a + n_b < min_frequency`` are left out. Empty when either total is zero.
    """
    if min_frequency < 1:
        raise ValueError("min_frequency must be at least 1")
    keys = [column for column in counts.columns if column not in ("n_a", "n_b")]
    if total_a <= 0 or total_b <= 0 or counts.empty:
        return pd.DataFrame(columns=[*keys, *KEYNESS_COLUMNS])
    counts_a = counts["n_a"].fillna(0).astype("int64")
    counts_b = counts["n_b"].fillna(0).astype("int64")
    kept = (counts_a + counts_b) >= min_frequency
    table = counts.loc[kept, keys].copy()
    a, b = counts_a[kept].to_numpy(dtype=float), counts_b[kept].to_numpy(dtype=float)
    total = float(total_a + total_b)
    expected_a = total_a * (a + b) / total
    expected_b = total_b * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    g2 = np.maximum(2 * (part_a + part_b), 0.0)  # rounding can leave -1e-16
    ratio = np.log2((np.where(a > 0, a, zero) / total_a) / (np.where(b > 0, b, zero) / total_b))
    relative_a, relative_b = a / total_a, b / total_b
    table["n_a"] = a.astype("int64")
    table["n_b"] = b.astype("int64")
    table["per_million_a"] = relative_a * 1_000_000
    table["per_million_b"] = relative_b * 1_000_000
    table["log_likelihood"] = g2
    table["log_ratio"] = ratio
    table["p_value"] = [p_value(value) for value in g2]
    table["significance"] = [significance(value) for value in g2]
    table["over_in"] = np.select(
        [relative_a > relative_b, relative_a < relative_b], ["A", "B"], default="="
    )
    table = table.sort_values(
        ["log_likelihood", *keys], ascending=[False, *([True] * len(keys))], kind="stable"
    )
    return table.reset_index(drop=True)


def keyness_table(
    counts_a: Mapping[str, int] | pd.Series,
    counts_b: Mapping[str, int] | pd.Series,
    *,
    total_a: int,
    total_b: int,
    min_frequency: int = 1,
    zero: float = ZERO_ADJUSTMENT,
) -> pd.DataFrame:
    """The keyness table of two count tables (term -> count in A, term -> count in B): one row
    per term found in either, with ``term`` first and then ``KEYNESS_COLUMNS``."""
    both = pd.concat(
        [pd.Series(counts_a, dtype="int64"), pd.Series(counts_b, dtype="int64")],
        axis=1,
        keys=["n_a", "n_b"],
    ).fillna(0)
    both.index.name = "term"
    return keyness(
        both.reset_index(),
        total_a=total_a,
        total_b=total_b,
        min_frequency=min_frequency,
        zero=zero,
    )


def over_represented(table: pd.DataFrame, side: Side, *, top: int | None = None) -> pd.DataFrame:
    """The rows of a keyness table over-represented in ``side``, highest G2 first."""
    rows = table[table["over_in"] == side]
    return rows.reset_index(drop=True) if top is None else rows.head(top).reset_index(drop=True)


def diverging(table: pd.DataFrame, *, top: int) -> pd.DataFrame:
    """The ``top`` terms over-represented in A and the ``top`` in B, by G2: what a diverging
    chart of the two groups shows (A's rows first)."""
    return pd.concat(
        [over_represented(table, "A", top=top), over_represented(table, "B", top=top)],
        ignore_index=True,
    )
