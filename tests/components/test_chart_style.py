"""One chart style: every figure builder of ``components`` goes through it; count axes are whole
and round; legends sit under the axis titles; lines differ in more than colour; the
grade-against-length chart turns into a density above its threshold."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import components
from analytics.cooccurrence import PAIR_COLUMNS, pair_associations
from analytics.keyness import diverging, keyness_table
from analytics.timeline import timeline
from analytics.views import box_stats, histogram_bins
from components import charts, maps, network_chart
from components.chart_style import (
    DASHES,
    LABEL_FLOOR_PX,
    LABEL_GAP_PX,
    STYLED_NAME,
    SYMBOLS,
    count_axis,
    distinguish_lines,
    has_news_style,
    legend_rows,
    nice_step,
    spread_apart,
    style_figure,
)

TERMS = pd.DataFrame({"term": ["port", "club"], "n_occurrences": [570, 3], "n_articles": [2, 1]})
ENTITIES = pd.DataFrame(
    {
        "entity": ["Putin", "Kremlin"],
        "label": ["PERSON", "ORG"],
        "n_mentions": [5, 3],
        "n_articles": [1, 2],
    }
)
POINTS = pd.DataFrame(
    {
        "article_id": [1, 2],
        "title": ["a", "b"],
        "source": ["s", "s"],
        "n_words": [100, 2_125],
        "consensus_grade": [8.0, 12.0],
    }
)
MENTIONS = pd.DataFrame(
    [(dt.date(2024, 10, 3), "Oslo", 2, 1), (dt.date(2024, 12, 12), "Rome", 3, 1)],
    columns=["published", "item", "n_mentions", "n_articles"],
)
PER_DATE = pd.DataFrame(
    {"published": [dt.date(2024, 10, 3), dt.date(2024, 12, 12)], "n_articles": [2, 1]}
)
PAIRS = pair_associations(
    pd.DataFrame([("Ada", "PERSON", "Oslo", "GPE", 4, 6, 5)], columns=PAIR_COLUMNS),
    n_units=20,
)
MAP = pd.DataFrame(
    [
        ("country", "NO", "NOR", "Norway", "Norway", "GPE", None, None, 7, 3),
        ("city", "NO", "NOR", "Oslo", "Oslo", "GPE", 59.9, 10.7, 2, 2),
    ],
    columns=list(maps.MAP_COLUMNS),
)

# One call of every figure builder in components/ (and an empty frame where it takes one).
SAMPLES: dict[str, Callable[[], go.Figure]] = {
    "term_bar_figure": lambda: charts.term_bar_figure(TERMS),
    "entity_bar_figure": lambda: charts.entity_bar_figure(ENTITIES),
    "keyness_figure": lambda: charts.keyness_figure(
        diverging(
            keyness_table({"port": 10, "club": 0}, {"club": 12}, total_a=50, total_b=60), top=5
        )
    ),
    "label_totals_figure": lambda: charts.label_totals_figure(
        pd.DataFrame({"label": ["GPE", "ORG"], "n_mentions": [9, 2], "n_entities": [4, 1]})
    ),
    "measure_histogram_figure": lambda: charts.measure_histogram_figure(
        histogram_bins(pd.Series([8.0, 12.0, 12.0]), bins=2)
    ),
    "grade_length_figure": lambda: charts.grade_length_figure(POINTS),
    "measure_spread_figure": lambda: charts.measure_spread_figure(
        box_stats(
            pd.DataFrame(
                {
                    "article_id": [1, 2],
                    "title": ["a", "b"],
                    "measure": ["Gunning Fog Index"] * 2,
                    "value": [10.0, 12.0],
                }
            )
        )
    ),
    "article_vs_corpus_figure": lambda: charts.article_vs_corpus_figure(
        pd.DataFrame(
            {
                "measure": ["Gunning Fog Index"] * 2,
                "series": ["This article", "Corpus median"],
                "value": [10.0, 12.0],
            }
        )
    ),
    "sentence_length_figure": lambda: charts.sentence_length_figure(
        pd.DataFrame({"sentence_index": [0, 1], "n_words": [7, 3], "sentence": ["a", "b"]})
    ),
    "heatmap_figure": lambda: charts.heatmap_figure(
        pd.DataFrame(
            {"article_id": [1, 2], "title": ["a", "b"], "term": ["x", "y"], "n_occurrences": [3, 1]}
        ),
        column="term",
        value="n_occurrences",
        title="T",
    ),
    "cooccurrence_network_figure": lambda: network_chart.cooccurrence_network_figure(PAIRS),
    "timeline_figure": lambda: charts.timeline_figure(
        timeline(MENTIONS, PER_DATE, items=["Oslo", "Rome"], period="month").frame
    ),
    "place_map_figure": lambda: maps.place_map_figure(MAP),
}
EMPTY: dict[str, Callable[[], go.Figure]] = {
    "term_bar_figure": lambda: charts.term_bar_figure(TERMS.head(0)),
    "grade_length_figure": lambda: charts.grade_length_figure(POINTS.head(0)),
    "cooccurrence_network_figure": lambda: network_chart.cooccurrence_network_figure(PAIRS.head(0)),
    "place_map_figure": lambda: maps.place_map_figure(MAP.head(0)),
}


def _builders() -> set[str]:
    """Every public ``*_figure`` function defined in a module of ``components``."""
    found = set()
    for module_info in pkgutil.iter_modules(components.__path__):
        module = importlib.import_module(f"components.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if (
                name.endswith("_figure")
                and not name.startswith("_")
                and function.__module__ == module.__name__
                and function is not style_figure
            ):
                found.add(name)
    return found


def test_every_builder_is_sampled() -> None:
    # a new builder must be added to SAMPLES, so the style is checked on it too
    assert _builders() == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_figure_has_the_style(name: str) -> None:
    for make in (SAMPLES[name], EMPTY.get(name, SAMPLES[name])):
        figure = make()
        assert has_news_style(figure), name
        layout = figure.layout
        template = layout.template
        assert template.layout.hoverlabel.namelength == -1
        assert template.data.scatter[0].line.width == 2.5
        # the legend in rows at the very bottom of the figure, under the x axis's title:
        # Plotly makes room for an axis with automargin and a container-placed legend in turn
        assert (layout.legend.orientation, layout.legend.yref) == ("h", "container")
        assert (layout.legend.y, layout.legend.yanchor) == (0, "bottom")
        assert layout.xaxis.automargin is True and layout.yaxis.automargin is True
        assert layout.title.x == 0 and layout.title.xanchor == "left"


def _ticks(axis: go.layout.XAxis | go.layout.YAxis, maximum: float) -> list[float]:
    """The ticks from ``tick0`` up to ``maximum``, every ``dtick``."""
    return [float(tick) for tick in np.arange(axis.tick0, maximum + 1e-9, axis.dtick)]


COUNT_AXES = [
    ("term_bar_figure", "xaxis", 570, 100),
    ("entity_bar_figure", "xaxis", 5, 1),
    ("label_totals_figure", "yaxis", 9, 2),
    ("measure_histogram_figure", "yaxis", 2, 1),
    ("sentence_length_figure", "yaxis", 7, 2),
    ("sentence_length_figure", "xaxis", 2, 1),
    ("grade_length_figure", "xaxis", 2_125, 500),  # 100 to 2,125 words
    ("timeline_figure", "yaxis", 3, 1),
]


@pytest.mark.parametrize(("name", "axis", "maximum", "step"), COUNT_AXES)
def test_count_axes_have_whole_round_ticks(name: str, axis: str, maximum: int, step: int) -> None:
    settings = getattr(SAMPLES[name]().layout, axis)
    assert (settings.tickmode, settings.tick0, settings.dtick) == ("linear", 0, step)
    assert settings.tickformat == ",d"
    ticks = _ticks(settings, maximum)
    # whole numbers, each once: no "0 1 1 2 2" (ticks at halves printed as integers)
    assert all(float(tick).is_integer() for tick in ticks)
    assert len({f"{int(tick):,}" for tick in ticks}) == len(ticks)


def test_colour_bars_of_counts_are_whole() -> None:
    heat = SAMPLES["heatmap_figure"]().data[0].colorbar
    assert (heat.tickmode, heat.tick0, heat.dtick, heat.tickformat) == ("linear", 0, 1, ",d")
    world = maps.place_map_figure(MAP, measure="n_mentions").data[0].colorbar
    assert (world.dtick, world.tickformat) == (2, ",d")  # Norway: 7 mentions


def test_nice_steps() -> None:
    assert [nice_step(n) for n in (0, 1, 3, 6, 7, 13, 61, 570, 1_111, 2_125, 80_000)] == [
        1,
        1,
        1,
        1,
        2,
        5,
        20,
        100,
        200,
        500,
        20_000,
    ]
    assert nice_step(float("nan")) == 1
    # the 114, 228, 342 of a range cut in five is gone: 570 gets 0, 100, … 500
    histogram = charts.measure_histogram_figure(
        pd.DataFrame({"bin_start": [8.0, 10.0], "bin_end": [10.0, 12.0], "n_articles": [570, 9]})
    )
    assert _ticks(histogram.layout.yaxis, 570) == [0, 100, 200, 300, 400, 500]


def test_count_axis_from_zero_or_not() -> None:
    figure = count_axis(go.Figure(), "y", 40)
    assert (figure.layout.yaxis.dtick, figure.layout.yaxis.rangemode) == (10, "tozero")
    # fitted to the data: the step suits 290 to 350 words, not 0 to 350
    figure = count_axis(go.Figure(), "x", 350, from_zero=False, minimum=290)
    assert (figure.layout.xaxis.dtick, figure.layout.xaxis.rangemode) == (10, None)


def test_legend_rows_grow_the_chart() -> None:
    assert legend_rows([]) == 0
    assert legend_rows(["PERSON (People)", "ORG (Organisations)"]) == 1
    assert legend_rows([f"TYPE{i} (a long name)" for i in range(6)]) == 2  # 3 a row in 560 px
    assert legend_rows([f"TYPE{i} (a rather long name of a type)" for i in range(6)]) == 6
    entities = ENTITIES.assign(label=["PERSON", "PERSON"])
    # one type: no legend, no extra height
    assert charts.entity_bar_figure(entities).layout.height == 250


def test_labels_spread_apart() -> None:
    assert spread_apart([0.0, 0.0, 5.0], gap=16.0, floor=8.0) == [8.0, 24.0, 40.0]
    assert spread_apart([100.0, 200.0], gap=16.0) == [100.0, 200.0]


def test_over_time_lines_differ_and_are_named_at_their_ends() -> None:
    # two lines over the same months ending at the same value: one would hide the other
    frame = timeline(
        pd.DataFrame(
            [
                (dt.date(2024, 10, 3), "Oslo", 2, 1),
                (dt.date(2024, 12, 12), "Oslo", 3, 1),
                (dt.date(2024, 10, 3), "Rome", 2, 1),
                (dt.date(2024, 12, 12), "Rome", 3, 1),
            ],
            columns=["published", "item", "n_mentions", "n_articles"],
        ),
        PER_DATE,
        items=["Oslo", "Rome"],
        period="month",
    ).frame
    figure = charts.timeline_figure(frame)
    oslo, rome = figure.data
    assert list(oslo.y) == list(rome.y) == [2, 0, 3]
    assert (oslo.line.dash, rome.line.dash) == DASHES[:2]
    assert (oslo.marker.symbol, rome.marker.symbol) == SYMBOLS[:2]
    assert oslo.mode == rome.mode == "lines+markers"
    first, second = figure.layout.annotations
    assert (first.text, second.text) == ("Oslo", "Rome")
    assert (first.x, first.y, second.x, second.y) == ("2024-12-01", 3, "2024-12-01", 3)
    assert first.xanchor == "left" and first.showarrow is False
    # the same end: the second label a line of text above the first
    assert second.yshift - first.yshift == LABEL_GAP_PX
    assert first.font.color == oslo.line.color
    # the labels name the lines, so no legend (and room on the right for them)
    assert figure.layout.showlegend is False
    assert figure.layout.margin.r == 16 + round(6.5 * 4)


def test_a_line_ending_at_zero_is_labelled_above_the_axis() -> None:
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 0], mode="lines", name="x" * 40))
    distinguish_lines(figure, plot_height=300)
    (label,) = figure.layout.annotations
    assert label.yshift == LABEL_FLOOR_PX
    assert label.text == "x" * 29 + "…" and label.hovertext == "x" * 40


def test_grade_against_length_is_a_density_above_the_threshold() -> None:
    rng = np.random.default_rng(0)
    many = charts.DENSITY_MIN_POINTS + 1
    frame = pd.DataFrame(
        {
            "article_id": range(many),
            "title": "t",
            "source": "s",
            "n_words": rng.integers(50, 1_000, many),
            "consensus_grade": rng.uniform(4.0, 15.9, many),
        }
    )
    assert charts.grade_length_is_density(many)
    (cells,) = charts.grade_length_figure(frame).data
    assert cells.type == "heatmap"
    counts = np.array([[n or 0 for n in row] for row in cells.z])
    assert counts.sum() == many  # every article in one cell
    assert None in [n for row in cells.z for n in row]  # empty cells are blank, not zero
    # round cells: 50 words across (the 98th percentile, 980 words, / 30), one grade level up
    assert list(cells.customdata[0][0]) == ["0 to 49 words", "4 to 5"]
    assert list(cells.customdata[0][-1]) == ["1,000 words or more", "4 to 5"]
    assert len(cells.y) == 12 and len(cells.x) == 21
    assert cells.zmin == 1  # one article is a light cell, none is blank
    assert cells.colorbar.title.text == "Articles"
    # a few articles far longer than the rest share the last column
    longer = frame.assign(n_words=[*frame["n_words"][:-5], 40_000, 41_000, 42_000, 43_000, 44_000])
    figure = charts.grade_length_figure(longer)
    (cells,) = figure.data
    assert list(cells.customdata[0][-1]) == ["1,000 words or more", "4 to 5"]
    assert figure.layout.xaxis.title.text == "Words (the last column: 1,000 or more)"
    assert figure.layout.xaxis.range == (0, 1050)
    assert not charts.grade_length_is_density(charts.DENSITY_MIN_POINTS)
    (points,) = charts.grade_length_figure(frame.head(charts.DENSITY_MIN_POINTS)).data
    assert points.type == "scatter" and points.mode == "markers"
    assert len(points.x) == charts.DENSITY_MIN_POINTS


def test_a_figure_built_under_another_default_template_is_styled_too() -> None:
    # Streamlit makes its own template the default when it is imported, perhaps after this
    # module made the news one the default: the next figure restyles and restores it
    before = pio.templates.default
    try:
        pio.templates.default = "plotly"
        figure = go.Figure(go.Bar(x=[1], y=[2]))
        assert figure.layout.template.layout.hoverlabel.namelength is None
        style_figure(figure, title="T")
        assert has_news_style(figure)
        assert pio.templates.default == STYLED_NAME
        # the news settings over plotly's own template (its colours kept)
        assert figure.layout.template.layout.colorway == pio.templates["plotly"].layout.colorway
        assert has_news_style(style_figure(go.Figure(), title="T"))
    finally:
        pio.templates.default = before
