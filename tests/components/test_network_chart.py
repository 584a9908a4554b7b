"""The co-occurrence network: a deterministic force-directed layout, labels for the most
named nodes only, safe names, sizes and widths."""

from __future__ import annotations

import itertools
import math

import pandas as pd

from analytics.cooccurrence import PAIR_COLUMNS, pair_associations
from components.network_chart import cooccurrence_network_figure

PAIRS = pair_associations(
    pd.DataFrame(
        [
            ("Ada <b>Lovelace</b>", "PERSON", "Oslo", "GPE", 4, 6, 5),
            ("Ada <b>Lovelace</b>", "PERSON", "Rome", "GPE", 1, 6, 2),
            ("Oslo", "GPE", "Rome", "GPE", 2, 5, 2),
        ],
        columns=PAIR_COLUMNS,
    ),
    n_units=20,
)


def _nodes(figure) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {
        trace["name"]: trace
        for trace in figure.to_dict()["data"]
        if trace.get("mode") == "markers+text"
    }


def test_layout_is_the_same_every_time() -> None:
    assert (
        cooccurrence_network_figure(PAIRS).to_dict() == cooccurrence_network_figure(PAIRS).to_dict()
    )


def test_nodes_by_type_placed_by_forces() -> None:
    nodes = _nodes(cooccurrence_network_figure(PAIRS, unit_name="sentences"))
    assert list(nodes) == ["GPE (Countries, cities, states)", "PERSON (People)"]
    places, people = nodes["GPE (Countries, cities, states)"], nodes["PERSON (People)"]
    # the most named first within a type; every node labelled (3 nodes, 12 labels at most)
    assert list(places["text"]) == ["Oslo", "Rome"]
    points = list(zip([*places["x"], *people["x"]], [*places["y"], *people["y"]], strict=True))
    # centred, each axis filling [-1, 1], no two nodes on one spot
    assert max(abs(x) for x, _ in points) == 1.0 and max(abs(y) for _, y in points) == 1.0
    assert min(math.dist(a, b) for a, b in itertools.combinations(points, 2)) > 0.5
    # names are shown literally, never as markup
    assert list(people["text"]) == ["Ada &lt;b&gt;Lovelace&lt;/b&gt;"]
    assert list(people["hovertext"]) == ["Ada &lt;b&gt;Lovelace&lt;/b&gt;"]
    # sized by the units naming them: Ada (6) is the biggest
    assert people["marker"]["size"][0] == 40.0
    assert places["marker"]["size"][0] < 40.0
    assert "sentences" in people["hovertemplate"]
    assert people["textfont"]["shadow"] == "auto"


def test_only_the_most_named_nodes_are_labelled() -> None:
    figure = cooccurrence_network_figure(PAIRS, n_labels=1)
    nodes = _nodes(figure)
    labels = [text for trace in nodes.values() for text in trace["text"] if text]
    hovers = [text for trace in nodes.values() for text in trace["hovertext"]]
    # Ada is named in 6 units, Oslo in 5, Rome in 2: Ada alone on the chart, all on hover
    assert labels == ["Ada &lt;b&gt;Lovelace&lt;/b&gt;"]
    assert sorted(hovers) == ["Ada &lt;b&gt;Lovelace&lt;/b&gt;", "Oslo", "Rome"]


def test_many_nodes_keep_apart_and_pairs_that_meet_are_closer() -> None:
    # two rings of 15 entities, each joined to its neighbours, the rings not joined
    rows = [
        (f"{ring}{i}", "ORG", f"{ring}{(i + 1) % 15}", "ORG", 3, 5, 5)
        for ring in "AB"
        for i in range(15)
    ]
    pairs = pair_associations(pd.DataFrame(rows, columns=PAIR_COLUMNS), n_units=200)
    figure = cooccurrence_network_figure(pairs)
    (trace,) = _nodes(figure).values()
    where = dict(zip(trace["hovertext"], zip(trace["x"], trace["y"], strict=True), strict=True))
    assert len(where) == 30
    nearest = min(math.dist(a, b) for a, b in itertools.combinations(where.values(), 2))
    assert nearest > 0.1
    joined = [math.dist(where[f"A{i}"], where[f"A{(i + 1) % 15}"]) for i in range(15)]
    apart = [math.dist(where[f"A{i}"], where[f"B{i}"]) for i in range(15)]
    assert sum(joined) / 15 < sum(apart) / 15
    # 12 names on the chart, the other 18 on hover only
    assert sum(1 for text in trace["text"] if text) == 12


def test_edges_wider_for_more_together() -> None:
    figure = cooccurrence_network_figure(PAIRS).to_dict()
    lines = [trace for trace in figure["data"] if trace.get("mode") == "lines"]
    # widths 1 + 7 * n / 4 for 1, 2 and 4 together
    assert [trace["line"]["width"] for trace in lines] == [3, 4, 8]
    hover = next(trace for trace in figure["data"] if trace.get("name") == "pairs")
    assert list(hover["text"])[0] == "Ada &lt;b&gt;Lovelace&lt;/b&gt; – Oslo"


def test_at_most_max_edges_and_empty() -> None:
    figure = cooccurrence_network_figure(PAIRS, max_edges=1).to_dict()
    lines = [trace for trace in figure["data"] if trace.get("mode") == "lines"]
    assert len(lines) == 1
    assert (
        sum(
            len(trace["text"])
            for trace in _nodes(cooccurrence_network_figure(PAIRS, max_edges=1)).values()
        )
        == 2
    )
    empty = cooccurrence_network_figure(PAIRS.head(0)).to_dict()
    assert empty["layout"]["annotations"][0]["text"] == "Nothing to show"
