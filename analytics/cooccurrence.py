"""Co-occurrence: how strongly two entities are associated, from how often they meet.

The counts come from the store (``store.entity_pairs``): for a unit (a sentence or an article),
``n_units`` units in all, entity a in ``n_a`` of them, entity b in ``n_b`` and both in
``n_together``. Two measures are computed from them:

- **PMI** (pointwise mutual information), ``log2(p(ab) / (p(a) p(b)))`` with probabilities
  over units: ``log2(n_together * n_units / (n_a * n_b))``. 0 means the two meet as often as
  chance predicts, 1 twice as often. PMI overrates rare pairs: two names that each occur once,
  in the same sentence, get the highest PMI there is, on the evidence of a single sentence.
- **Log-likelihood** (Dunning's G², as corpus linguists report collocations and keyness):
  ``2 Σ O ln(O / E)`` over the four cells of the 2×2 table (both, a only, b only, neither),
  with E the counts expected if a and b were independent. It grows with the evidence, so a
  frequent pair that meets much more often than chance ranks above a one-off coincidence; it is
  given a negative sign when the pair meets *less* often than expected (avoidance). As a
  test statistic, G² above 3.84 is significant at p < 0.05, above 10.83 at p < 0.001 (one
  degree of freedom).

This module is pure: DataFrames in, DataFrames out.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

SortKey = Literal["n_together", "pmi", "log_likelihood"]

#: What each sort key means, for the dashboard's control.
SORT_NAMES: dict[str, str] = {
    "n_together": "Count",
    "pmi": "PMI",
    "log_likelihood": "Log-likelihood",
}

PAIR_COLUMNS = ["entity_a", "label_a", "entity_b", "label_b", "n_together", "n_a", "n_b"]


def pmi(n_together: float, n_a: float, n_b: float, n_units: float) -> float:
    """Pointwise mutual information in bits; -inf when the pair never meets."""
    if n_together <= 0:
        return -math.inf
    return math.log2(n_together * n_units / (n_a * n_b))


def _cell(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def log_likelihood(n_together: float, n_a: float, n_b: float, n_units: float) -> float:
    """Dunning's G² of the 2×2 table of a and b over ``n_units`` units, signed: negative when
    the pair meets less often than expected under independence."""
    observed = (
        n_together,
        n_a - n_together,
        n_b - n_together,
        n_units - n_a - n_b + n_together,
    )
    rows = (n_a, n_units - n_a)
    columns = (n_b, n_units - n_b)
    expected = (
        rows[0] * columns[0] / n_units,
        rows[0] * columns[1] / n_units,
        rows[1] * columns[0] / n_units,
        rows[1] * columns[1] / n_units,
    )
    g2 = 2 * sum(_cell(o, e) for o, e in zip(observed, expected, strict=True))
    g2 = max(g2, 0.0)  # rounding can leave -1e-15 for an independent pair
    return -g2 if n_together < expected[0] else g2


def pair_associations(
    pairs: pd.DataFrame,
    *,
    n_units: int,
    min_count: int = 1,
    sort_by: SortKey = "n_together",
) -> pd.DataFrame:
    """The pairs meeting at least ``min_count`` times, with their PMI and log-likelihood.

    ``pairs`` has the columns of ``PAIR_COLUMNS`` (``store.entity_pairs``); ``n_units`` is the
    number of units counted over. Adds ``n_units``, ``expected`` (the count chance predicts),
    ``pmi`` and ``log_likelihood`` (all three rounded to 3 decimals) and sorts by ``sort_by``,
    highest first, then by count and names so the order is stable.
    """
    if sort_by not in SORT_NAMES:
        raise ValueError(f"unknown sort key: {sort_by}")
    kept = pairs.loc[pairs["n_together"] >= min_count, PAIR_COLUMNS].reset_index(drop=True)
    if kept.empty or n_units <= 0:
        return kept.assign(n_units=n_units, expected=np.nan, pmi=np.nan, log_likelihood=np.nan)
    counts = kept[["n_together", "n_a", "n_b"]].astype(float).itertuples(index=False)
    measured = [
        (
            n_a * n_b / n_units,
            pmi(n_ab, n_a, n_b, n_units),
            log_likelihood(n_ab, n_a, n_b, n_units),
        )
        for n_ab, n_a, n_b in counts
    ]
    kept["n_units"] = n_units
    kept[["expected", "pmi", "log_likelihood"]] = pd.DataFrame(measured).round(3).to_numpy()
    order = [sort_by, *(key for key in ("n_together", "log_likelihood") if key != sort_by)]
    return kept.sort_values(
        [*order, "entity_a", "entity_b"],
        ascending=[False] * len(order) + [True, True],
        kind="stable",
    ).reset_index(drop=True)


def pair_nodes(pairs: pd.DataFrame) -> pd.DataFrame:
    """The entities of a table of pairs, one row each: entity, label, n_units (the units that
    name it) and n_pairs (its pairs in the table); most units first."""
    columns = ["entity", "label", "n_units", "n_pairs"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    ends = pd.concat(
        [
            pairs[[f"entity_{end}", f"label_{end}", f"n_{end}"]].set_axis(
                ["entity", "label", "n_units"], axis=1
            )
            for end in ("a", "b")
        ]
    )
    nodes = (
        ends.groupby(["entity", "label"], as_index=False)
        .agg(n_units=("n_units", "max"), n_pairs=("n_units", "size"))
        .sort_values(["n_units", "entity", "label"], ascending=[False, True, True])
    )
    return nodes.reset_index(drop=True)[columns]
