"""A clicked chart shows its selection (``components.selection``): on the real figures of
``components.charts``, the focused bar or point is kept, every other one dimmed."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go

from analytics.timeline import timeline
from components.charts import (
    entity_bar_figure,
    measure_histogram_figure,
    term_bar_figure,
    timeline_figure,
)
from components.focus import clicked_row, focus_value
from components.maps import MAP_COLUMNS, place_map_figure
from components.selection import DIMMED_OPACITY, mark_selection, selected_rows

ENTITIES = pd.DataFrame(
    {
        "entity": ["Putin", "Kremlin", "Rotterdam", "Moscow"],
        "label": ["PERSON", "ORG", "GPE", "GPE"],
        "n_mentions": [5, 4, 3, 2],
        "n_articles": [2, 2, 1, 1],
    }
)
WORDS = pd.DataFrame(
    {"term": ["port", "grant", "city"], "n_occurrences": [10, 6, 3], "n_articles": [3, 2, 1]}
)
BINS = pd.DataFrame(
    {"bin_start": [8.0, 9.5, 11.0], "bin_end": [9.5, 11.0, 12.5], "n_articles": [2, 1, 4]}
)


def _selected(figure: go.Figure) -> list[list[int] | None]:
    """Each trace's selected points, as the browser receives them (None: not marked)."""
    return [trace.get("selectedpoints") for trace in json.loads(figure.to_json())["data"]]


def test_an_entity_bar_in_a_chart_of_several_traces() -> None:
    """Bars coloured by type are one trace per type: the point of the focused entity is the
    second GPE bar, found through the row number each bar carries."""
    rows = selected_rows(ENTITIES, "entity", ("Moscow", "GPE"))
    assert rows == [3]
    figure = mark_selection(entity_bar_figure(ENTITIES), rows)
    names = [trace.name for trace in figure.data]
    assert names == ["PERSON (People)", "ORG (Organisations)", "GPE (Countries, cities, states)"]
    assert _selected(figure) == [[], [], [1]]
    gpe = figure.data[2]
    assert list(gpe.y) == ["Rotterdam · GPE", "Moscow · GPE"]
    assert gpe.unselected.marker.opacity == DIMMED_OPACITY
    assert gpe.selected.marker.opacity == 1.0


def test_the_selection_is_the_bar_a_click_on_it_focuses() -> None:
    """Click -> focus -> selection: the same bar, for each bar of a chart of several traces."""
    figure = entity_bar_figure(ENTITIES)
    for trace_number, trace in enumerate(figure.data):
        for index, custom in enumerate(trace.customdata):
            event = {
                "selection": {
                    "points": [
                        {
                            "curve_number": trace_number,
                            "point_index": index,
                            "customdata": list(custom),
                        }
                    ]
                }
            }
            row = clicked_row(event)
            assert row is not None
            focused = focus_value("entity", ENTITIES.iloc[row])
            marked = mark_selection(
                entity_bar_figure(ENTITIES), selected_rows(ENTITIES, "entity", focused)
            )
            selected = _selected(marked)
            assert selected[trace_number] == [index]
            assert sum(len(points) for points in selected if points) == 1


def test_a_word_bar() -> None:
    rows = selected_rows(WORDS, "word", "grant")
    assert rows == [1]
    assert _selected(mark_selection(term_bar_figure(WORDS), rows)) == [[1]]


def test_a_histogram_bar_of_the_focused_measure_only() -> None:
    figure = measure_histogram_figure(BINS, measure="smog_index")
    rows = selected_rows(BINS, "measure", ("smog_index", 9.5, 11.0), detail="smog_index")
    assert rows == [1]
    assert _selected(mark_selection(figure, rows)) == [[1]]
    # a chip of another measure (from a link, or the measure picker changed) marks nothing
    assert selected_rows(BINS, "measure", ("gunning_fog", 9.5, 11.0), detail="smog_index") == []


def test_a_point_of_a_time_line() -> None:
    mentions = pd.DataFrame(
        {
            "item": ["port", "port", "grant"],
            "published": [dt.date(2024, 10, 3), dt.date(2024, 11, 6), dt.date(2024, 11, 6)],
            "n_mentions": [2, 3, 1],
            "n_articles": [1, 1, 1],
        }
    )
    per_date = pd.DataFrame(
        {
            "published": [dt.date(2024, 10, 3), dt.date(2024, 11, 6)],
            "n_articles": [1, 2],
            "n_english": [1, 2],
        }
    )
    frame = timeline(mentions, per_date, items=["port", "grant"], period="month").frame
    november = frame.index[(frame["item"] == "port") & (frame["period"] == "2024-11")].tolist()
    value = ("port", "2024-11", dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    assert selected_rows(frame, "period", value) == november
    figure = mark_selection(timeline_figure(frame, period="month"), november)
    by_item = {
        trace["name"]: trace.get("selectedpoints") for trace in json.loads(figure.to_json())["data"]
    }
    assert by_item == {"port": [1], "grant": []}


def test_nothing_focused_or_not_drawn_leaves_the_chart_as_it_is() -> None:
    assert selected_rows(WORDS, "word", None) == []
    assert selected_rows(WORDS, "word", "harbour") == []  # not among the bars drawn
    assert selected_rows(WORDS.iloc[0:0], "word", "port") == []
    assert selected_rows(WORDS, "entity", ("Putin", "PERSON")) == []  # no such columns
    assert _selected(mark_selection(term_bar_figure(WORDS), [])) == [None]


def test_a_place_on_the_map() -> None:
    """The map's country shapes and points are two traces; a focused place marks its point
    and dims every country."""
    frame = pd.DataFrame(
        [
            ("country", "NO", "NOR", "Norway", "Norway", "GPE", None, None, 7, 3),
            ("country", "SE", "SWE", "Sweden", "Sweden", "GPE", None, None, 2, 1),
            ("city", "NO", "NOR", "Oslo", "Oslo", "GPE", 59.9, 10.7, 2, 2),
        ],
        columns=list(MAP_COLUMNS),
    )
    figure = place_map_figure(frame)
    assert [trace.type for trace in figure.data] == ["choropleth", "scattergeo"]
    rows = selected_rows(frame, "entity", ("Oslo", "GPE"))
    assert rows == [2]
    assert _selected(mark_selection(figure, rows)) == [[], [0]]
    sweden = selected_rows(frame, "entity", ("Sweden", "GPE"))
    assert _selected(mark_selection(place_map_figure(frame), sweden)) == [[1], []]
