"""Keyness: golden values worked out by hand, and the symmetries of G2 and log ratio."""

import math

import pandas as pd
import pytest

from analytics.keyness import (
    KEYNESS_COLUMNS,
    diverging,
    keyness,
    keyness_table,
    log_likelihood,
    log_ratio,
    over_represented,
    p_value,
    significance,
)

# Study corpus A: 1,000 tokens; reference corpus B: 10,000 tokens.
COUNTS_A = {"minister": 10, "budget": 5, "the": 60, "strike": 0, "vote": 2}
COUNTS_B = {"minister": 20, "the": 600, "strike": 40, "vote": 20, "rail": 3}


def test_worked_example() -> None:
    # a = 10, b = 20, totals 1,000 and 10,000: E_a = 1000 * 30 / 11000 = 2.72727...,
    # E_b = 10000 * 30 / 11000 = 27.2727...; G2 = 2 (10 ln(10 / 2.72727) + 20 ln(20 / 27.2727))
    # = 2 (10 * 1.299283 - 20 * 0.310155) = 13.5795; log ratio = log2(0.01 / 0.002) = log2 5.
    assert log_likelihood(10, 20, 1000, 10000) == pytest.approx(13.5795, abs=1e-4)
    assert log_ratio(10, 20, 1000, 10000) == pytest.approx(2.321928, abs=1e-6)
    assert significance(13.5795) == "p < 0.001"


def test_zero_in_one_corpus() -> None:
    # a = 5, b = 0, equal totals of 1,000: E_a = 2.5, so G2 = 2 * 5 ln 2 = 6.931472; the log
    # ratio takes the zero as 0.5: log2(5 / 0.5) = log2 10.
    assert log_likelihood(5, 0, 1000, 1000) == pytest.approx(10 * math.log(2))
    assert log_ratio(5, 0, 1000, 1000) == pytest.approx(math.log2(10))
    assert log_ratio(0, 5, 1000, 1000) == pytest.approx(-math.log2(10))
    assert significance(6.931472) == "p < 0.01"


def test_same_relative_frequency_scores_nothing() -> None:
    assert log_likelihood(6, 60, 1000, 10000) == pytest.approx(0.0)
    assert log_ratio(6, 60, 1000, 10000) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("g2", "label"),
    [
        (3.83, "not significant"),
        (3.84, "p < 0.05"),
        (6.63, "p < 0.01"),
        (10.83, "p < 0.001"),
        (15.13, "p < 0.0001"),
        (200.0, "p < 0.0001"),
    ],
)
def test_cut_offs(g2: float, label: str) -> None:
    assert significance(g2) == label


def test_p_value_is_the_chi_square_tail() -> None:
    assert p_value(3.841459) == pytest.approx(0.05, rel=1e-5)
    assert p_value(6.634897) == pytest.approx(0.01, rel=1e-5)
    assert p_value(10.827566) == pytest.approx(0.001, rel=1e-5)
    assert p_value(0.0) == 1.0


def test_table_of_two_count_tables() -> None:
    table = keyness_table(COUNTS_A, COUNTS_B, total_a=1000, total_b=10000)
    assert list(table.columns) == ["term", *KEYNESS_COLUMNS]
    assert list(table["log_likelihood"]) == sorted(table["log_likelihood"], reverse=True)
    rows = table.set_index("term")
    assert set(rows.index) == {"minister", "budget", "the", "strike", "vote", "rail"}
    assert rows.loc["minister", ["n_a", "n_b"]].tolist() == [10, 20]
    assert rows.loc["minister", "log_likelihood"] == pytest.approx(13.5795, abs=1e-4)
    assert rows.loc["minister", "per_million_a"] == pytest.approx(10_000)
    assert rows.loc["minister", "per_million_b"] == pytest.approx(2_000)
    assert rows.loc["minister", "over_in"] == "A"
    # found only in B (b = 3): a zero in A; and only in A (b missing)
    assert rows.loc["rail", ["n_a", "n_b"]].tolist() == [0, 3]
    assert rows.loc["rail", "over_in"] == "B"
    assert rows.loc["rail", "log_ratio"] == pytest.approx(math.log2((0.5 / 1000) / (3 / 10000)))
    assert rows.loc["budget", "n_b"] == 0
    assert rows.loc["budget", "log_ratio"] == pytest.approx(math.log2((5 / 1000) / (0.5 / 10000)))
    # "the" and "vote" are exactly as frequent in both
    assert rows.loc[["the", "vote"], "over_in"].tolist() == ["=", "="]
    assert rows.loc["the", "significance"] == "not significant"
    # every row agrees with the one-term functions
    for term, row in rows.iterrows():
        assert row["log_likelihood"] == pytest.approx(
            log_likelihood(row["n_a"], row["n_b"], 1000, 10000)
        ), term
        assert row["log_ratio"] == pytest.approx(log_ratio(row["n_a"], row["n_b"], 1000, 10000))


def test_swapping_the_groups() -> None:
    forward = keyness_table(COUNTS_A, COUNTS_B, total_a=1000, total_b=10000).set_index("term")
    back = keyness_table(COUNTS_B, COUNTS_A, total_a=10000, total_b=1000).set_index("term")
    back = back.loc[forward.index]
    assert back["log_likelihood"].tolist() == pytest.approx(forward["log_likelihood"].tolist())
    assert back["log_ratio"].tolist() == pytest.approx((-forward["log_ratio"]).tolist())
    assert back["n_a"].tolist() == forward["n_b"].tolist()
    flipped = forward["over_in"].map({"A": "B", "B": "A", "=": "="})
    assert back["over_in"].tolist() == flipped.tolist()


def test_minimum_frequency_counts_both_groups() -> None:
    table = keyness_table(COUNTS_A, COUNTS_B, total_a=1000, total_b=10000, min_frequency=6)
    # budget (5 + 0) and rail (0 + 3) are left out; vote (2 + 20) stays
    assert set(table["term"]) == {"minister", "the", "strike", "vote"}
    with pytest.raises(ValueError):
        keyness_table(COUNTS_A, COUNTS_B, total_a=1000, total_b=10000, min_frequency=0)


def test_entities_keep_their_key_columns() -> None:
    counts = pd.DataFrame(
        {
            "entity": ["Putin", "Putin", "Lyon"],
            "label": ["PERSON", "ORG", "GPE"],
            "n_a": [10, 0, 0],
            "n_b": [20, 1, 40],
        }
    )
    table = keyness(counts, total_a=1000, total_b=10000)
    assert list(table.columns) == ["entity", "label", *KEYNESS_COLUMNS]
    assert table[["entity", "label"]].values.tolist() == [
        ["Putin", "PERSON"],
        ["Lyon", "GPE"],
        ["Putin", "ORG"],
    ]


def test_empty_group_gives_an_empty_table() -> None:
    table = keyness_table(COUNTS_A, COUNTS_B, total_a=0, total_b=10000)
    assert table.empty
    assert list(table.columns) == ["term", *KEYNESS_COLUMNS]
    assert keyness_table({}, {}, total_a=10, total_b=10).empty


def test_sides_and_diverging_rows() -> None:
    table = keyness_table(COUNTS_A, COUNTS_B, total_a=1000, total_b=10000)
    in_a = over_represented(table, "A")
    in_b = over_represented(table, "B")
    # budget: 2 * 5 ln(11) = 23.98 beats minister's 13.58; strike: 2 * 40 ln(1.1) = 7.62,
    # rail: 2 * 3 ln(1.1) = 0.57; "vote" (2 in 1,000, 20 in 10,000) is in neither
    assert list(in_a["term"]) == ["budget", "minister"]
    assert in_a["log_likelihood"].tolist() == pytest.approx([10 * math.log(11), 13.5795], abs=1e-4)
    assert list(in_b["term"]) == ["strike", "rail"]
    assert in_b["log_likelihood"].tolist() == pytest.approx([80 * math.log(1.1), 6 * math.log(1.1)])
    assert list(diverging(table, top=1)["term"]) == ["budget", "strike"]
