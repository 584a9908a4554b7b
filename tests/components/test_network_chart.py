"""The co-occurrence network: a deterministic circular layout, safe labels, sizes and widths."""

from __future__ import annotations

import math

import pandas as pd

from analytics.cooccurrence import PAIR_COLUMNS, pair_associations
from components.charts import cooccurrence_network_figure

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


def test_nodes_by_type_on_a_circle() -> None:
    nodes = _nodes(cooccurrence_network_figure(PAIRS, unit_name="sentences"))
    assert list(nodes) == ["GPE (Countries, cities, states)", "PERSON (People)"]
    places, people = nodes["GPE (Countries, cities, states)"], nodes["PERSON (People)"]
    # types in alphabetical order round the circle, the most named first: Oslo at the top
    assert list(places["text"]) == ["Oslo", "Rome"]
    assert (places["x"][0], places["y"][0]) == (0.0, 1.0)
    for x, y in zip([*places["x"], *people["x"]], [*places["y"], *people["y"]], strict=True):
        assert math.isclose(x * x + y * y, 1.0)
    # names are shown literally, never as markup
    assert list(people["text"]) == ["Ada &lt;b&gt;Lovelace&lt;/b&gt;"]
    # sized by the units naming them: Ada (6) is the biggest
    assert people["marker"]["size"][0] == 40.0
    assert places["marker"]["size"][0] < 40.0
    assert "sentences" in people["hovertemplate"]


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
