"""Co-occurrence measures: PMI and signed log-likelihood against values computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics.cooccurrence import (
    PAIR_COLUMNS,
    log_likelihood,
    pair_associations,
    pair_nodes,
    pmi,
)


def test_pmi_by_hand() -> None:
    # 8 units, a in 2, b in 2, both in 2: p(ab) = 2/8, p(a) p(b) = 1/16, ratio 4
    assert pmi(2, 2, 2, 8) == pytest.approx(2.0)
    # as often as chance: 10 units, a in 5, b in 4, expected 5 * 4 / 10 = 2
    assert pmi(2, 5, 4, 10) == pytest.approx(0.0)
    # half as often as chance
    assert pmi(1, 5, 4, 10) == pytest.approx(-1.0)
    assert pmi(0, 5, 4, 10) == -math.inf


def test_log_likelihood_by_hand() -> None:
    # cells (both, a only, b only, neither) = (2, 0, 0, 6); expected (0.5, 1.5, 1.5, 4.5)
    assert log_likelihood(2, 2, 2, 8) == pytest.approx(2 * (2 * math.log(4) + 6 * math.log(4 / 3)))
    assert log_likelihood(2, 2, 2, 8) == pytest.approx(8.997362, abs=1e-6)
    assert log_likelihood(2, 5, 4, 10) == pytest.approx(0.0)
    # observed (1, 4, 3, 2) against expected (2, 3, 2, 3): fewer than chance, so negative
    by_hand = 2 * (
        math.log(1 / 2) + 4 * math.log(4 / 3) + 3 * math.log(3 / 2) + 2 * math.log(2 / 3)
    )
    assert log_likelihood(1, 5, 4, 10) == pytest.approx(-by_hand)
    assert log_likelihood(1, 5, 4, 10) == pytest.approx(-1.726092, abs=1e-6)


def _pairs(rows: list[tuple[str, str, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(a, "PERSON", b, "GPE", n_ab, n_a, n_b) for a, b, n_ab, n_a, n_b in rows],
        columns=PAIR_COLUMNS,
    )


PAIRS = _pairs(
    [
        ("Ada", "Oslo", 30, 50, 50),  # frequent and attracted: PMI log2(12)
        ("Bo", "Rome", 1, 1, 1),  # a one-off: the highest PMI there is, log2(1000)
        ("Cy", "Kyiv", 2, 40, 50),  # fewer than the 2 chance predicts
    ]
)


def test_associations_and_sorting() -> None:
    by_count = pair_associations(PAIRS, n_units=1000)
    assert list(by_count["entity_a"]) == ["Ada", "Cy", "Bo"]
    assert list(by_count["pmi"]) == [round(math.log2(12), 3), 0.0, round(math.log2(1000), 3)]
    assert list(by_count["expected"]) == [2.5, 2.0, 0.001]
    assert set(by_count["n_units"]) == {1000}
    # cells (1, 0, 0, 999) against expected (0.001, 0.999, 0.999, 998.001)
    rare = 2 * (math.log(1 / 0.001) + 999 * math.log(999 / 998.001))
    assert by_count.loc[2, "log_likelihood"] == round(rare, 3) == 15.815
    assert by_count.loc[1, "log_likelihood"] == 0.0
    # PMI puts the one-off first, log-likelihood the pair with the evidence
    assert list(pair_associations(PAIRS, n_units=1000, sort_by="pmi")["entity_a"]) == [
        "Bo",
        "Ada",
        "Cy",
    ]
    by_evidence = pair_associations(PAIRS, n_units=1000, sort_by="log_likelihood")
    assert list(by_evidence["entity_a"]) == ["Ada", "Bo", "Cy"]
    assert by_evidence.loc[0, "log_likelihood"] > 100


def test_minimum_count_and_empty() -> None:
    kept = pair_associations(PAIRS, n_units=1000, min_count=2)
    assert list(kept["entity_a"]) == ["Ada", "Cy"]
    none = pair_associations(PAIRS, n_units=1000, min_count=100)
    assert none.empty
    assert list(none.columns) == [
        *PAIR_COLUMNS,
        "n_units",
        "expected",
        "pmi",
        "log_likelihood",
    ]
    with pytest.raises(ValueError, match="unknown sort key"):
        pair_associations(PAIRS, n_units=1000, sort_by="dice")  # type: ignore[arg-type]


def test_nodes_of_the_pairs() -> None:
    pairs = _pairs([("Ada", "Oslo", 3, 5, 4), ("Ada", "Rome", 1, 5, 2)])
    nodes = pair_nodes(pairs)
    assert nodes.to_dict("records") == [
        {"entity": "Ada", "label": "PERSON", "n_units": 5, "n_pairs": 2},
        {"entity": "Oslo", "label": "GPE", "n_units": 4, "n_pairs": 1},
        {"entity": "Rome", "label": "GPE", "n_units": 2, "n_pairs": 1},
    ]
    assert pair_nodes(pairs.head(0)).empty
