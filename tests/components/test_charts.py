"""The figure builders: small frames in, exactly the expected Plotly figure out."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics.keyness import diverging, keyness_table
from analytics.views import box_stats, histogram_bins
from components.charts import (
    article_vs_corpus_figure,
    entity_bar_figure,
    grade_length_figure,
    heatmap_figure,
    keyness_figure,
    label_totals_figure,
    measure_histogram_figure,
    measure_spread_figure,
    sentence_length_figure,
    term_bar_figure,
)

BOLD = "<b>x</b>"
JS_LINK = '<a href="javascript:alert(1)">click</a>'
BOLD_SAFE = "&lt;b&gt;x&lt;/b&gt;"
JS_LINK_SAFE = '&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;'


def _list(values: object) -> list:
    return list(values.tolist() if hasattr(values, "tolist") else values)


def _assert_no_raw_markup(figure: go.Figure) -> None:
    spec = json.loads(figure.to_json())
    text = json.dumps(spec["data"], ensure_ascii=False)
    assert "<b>x" not in text
    assert "<a href" not in text


def test_term_bar_figure() -> None:
    frame = pd.DataFrame(
        {
            "term": ["port", BOLD, JS_LINK],
            "n_occurrences": [5, 3, 2],
            "n_articles": [2, 1, 1],
            "per_10k_words": [1.5, 0.9, 0.6],
        }
    )
    figure = term_bar_figure(frame)
    (trace,) = figure.data
    assert trace.type == "bar"
    assert trace.orientation == "h"
    assert _list(trace.x) == [5, 3, 2]
    assert _list(trace.y) == ["port", BOLD_SAFE, JS_LINK_SAFE]
    assert trace.customdata.tolist() == [[2.0, 1.5], [1.0, 0.9], [1.0, 0.6]]
    assert trace.hovertemplate == (
        "Occurrences=%{x}<br>Term=%{y}<br>Articles=%{customdata[0]}"
        "<br>Per 10,000 words=%{customdata[1]}<extra></extra>"
    )
    assert figure.layout.title.text == "Top words"
    assert figure.layout.height == 250
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.yaxis.type == "category"
    assert figure.layout.xaxis.title.text == "Occurrences"
    # The input frame is not changed by the escaping.
    assert list(frame["term"]) == ["port", BOLD, JS_LINK]
    _assert_no_raw_markup(figure)


def test_term_bar_figure_height_grows_with_bars_and_keeps_title() -> None:
    frame = pd.DataFrame({"term": [f"t{i}" for i in range(10)], "n_occurrences": range(10, 0, -1)})
    figure = term_bar_figure(frame, title="Top bigrams")
    assert figure.layout.title.text == "Top bigrams"
    assert figure.layout.height == 28 * 10 + 90
    assert figure.data[0].customdata is None
    assert figure.data[0].hovertemplate == "Occurrences=%{x}<br>Term=%{y}<extra></extra>"


def test_entity_bar_figure_colours_by_label() -> None:
    frame = pd.DataFrame(
        {
            "entity": ["Putin", "Kremlin", JS_LINK],
            "label": ["PERSON", "ORG", "PERSON"],
            "n_mentions": [5, 3, 1],
            "n_articles": [1, 2, 1],
        }
    )
    figure = entity_bar_figure(frame)
    assert [trace.name for trace in figure.data] == ["PERSON (People)", "ORG (Organisations)"]
    person, org = figure.data
    assert person.marker.color == "#1f77b4"
    assert org.marker.color == "#ff7f0e"
    assert _list(person.x) == [5, 1]
    assert _list(person.y) == ["Putin · PERSON", f"{JS_LINK_SAFE} · PERSON"]
    # each bar's row in the frame (a click reports indices within a trace), then its articles
    assert person.customdata.tolist() == [["0", 1], ["2", 1]]
    assert _list(org.x) == [3]
    assert _list(org.y) == ["Kremlin · ORG"]
    assert org.customdata.tolist() == [["1", 2]]
    assert figure.layout.yaxis.categoryarray == (
        "Putin · PERSON",
        "Kremlin · ORG",
        f"{JS_LINK_SAFE} · PERSON",
    )
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.showlegend is True
    assert figure.layout.title.text == "Top entities"
    # the bars' height, and a row for the legend (at the bottom, under the axis title)
    assert figure.layout.height == 250 + 22
    _assert_no_raw_markup(figure)


def test_entity_bar_figure_single_label_has_plain_names_and_no_legend() -> None:
    frame = pd.DataFrame(
        {
            "entity": ["Putin", BOLD],
            "label": ["PERSON", "PERSON"],
            "n_mentions": [5, 3],
            "n_articles": [1, 2],
        }
    )
    figure = entity_bar_figure(frame, title="Most mentioned: People")
    (trace,) = figure.data
    assert _list(trace.y) == ["Putin", BOLD_SAFE]
    assert _list(trace.x) == [5, 3]
    assert trace.marker.color == "#1f77b4"
    assert figure.layout.showlegend is False
    assert figure.layout.title.text == "Most mentioned: People"
    _assert_no_raw_markup(figure)


def test_label_totals_figure() -> None:
    frame = pd.DataFrame(
        {"label": ["GPE", "PERSON", "DATE"], "n_mentions": [9, 5, 2], "n_entities": [4, 3, 2]}
    )
    figure = label_totals_figure(frame)
    assert [trace.name for trace in figure.data] == ["GPE", "PERSON", "DATE"]
    assert [_list(trace.y) for trace in figure.data] == [[9], [5], [2]]
    assert [_list(trace.x) for trace in figure.data] == [["GPE"], ["PERSON"], ["DATE"]]
    assert [trace.customdata.tolist() for trace in figure.data] == [[[4]], [[3]], [[2]]]
    # Labels with a colour of their own get it; others get the template's next colour (which
    # depends on whether Streamlit has installed its Plotly template in this process).
    gpe, person, date = (trace.marker.color for trace in figure.data)
    assert (gpe, person) == ("#2ca02c", "#1f77b4")
    assert date not in {gpe, person}
    assert figure.layout.showlegend is False
    assert figure.layout.title.text == "Mentions by type"


def test_measure_histogram_figure_draws_the_bins() -> None:
    bins = histogram_bins(pd.Series([8.0, 12.0, None, 12.0]), bins=2)
    assert bins.to_dict("records") == [
        {"bin_start": 8.0, "bin_end": 10.0, "n_articles": 1},
        {"bin_start": 10.0, "bin_end": 12.0, "n_articles": 2},
    ]
    figure = measure_histogram_figure(bins)
    (trace,) = figure.data
    assert trace.type == "bar"
    assert _list(trace.x) == [9.0, 11.0]
    assert _list(trace.y) == [1, 2]
    assert _list(trace.width) == [2.0, 2.0]
    assert figure.layout.title.text == "Consensus Grade Level across articles"
    assert figure.layout.xaxis.title.text == "Consensus Grade Level"
    assert figure.layout.yaxis.title.text == "Articles"
    titled = measure_histogram_figure(bins, measure="consensus_grade", title="Reading grade")
    assert titled.layout.title.text == "Reading grade"


def test_measure_histogram_figure_all_missing_is_empty() -> None:
    figure = measure_histogram_figure(histogram_bins(pd.Series([None])), measure="smog_index")
    assert figure.data == ()
    assert figure.layout.annotations[0].text == "Nothing to show"
    assert figure.layout.title.text == (
        "SMOG Index (Simple Measure of Gobbledygook) across articles"
    )


def test_grade_length_figure() -> None:
    frame = pd.DataFrame(
        {
            "article_id": [1, 2, 3],
            "title": [BOLD, "B", "C"],
            "source": ["s", JS_LINK, "u"],
            "n_words": [100, 200, None],
            "consensus_grade": [8.0, 12.0, 9.0],
        }
    )
    figure = grade_length_figure(frame)
    (trace,) = figure.data
    assert trace.type == "scatter"
    assert trace.mode == "markers"
    assert _list(trace.x) == [100.0, 200.0]
    assert _list(trace.y) == [8.0, 12.0]
    assert _list(trace.hovertext) == [BOLD_SAFE, "B"]
    assert trace.customdata.tolist() == [[1, "s"], [2, JS_LINK_SAFE]]
    assert figure.layout.title.text == "Grade against length"
    assert figure.layout.xaxis.title.text == "Words"
    assert figure.layout.yaxis.title.text == "Consensus Grade Level"
    _assert_no_raw_markup(figure)


def test_measure_spread_figure_draws_quartiles_with_short_names() -> None:
    frame = pd.DataFrame(
        {
            "article_id": [1, 1, 2, 3],
            "title": [BOLD, BOLD, "b", "c"],
            "measure": [
                "Gunning Fog Index",
                "SMOG Index (Simple Measure of Gobbledygook)",
                "Gunning Fog Index",
                "Gunning Fog Index",
            ],
            "value": [10.0, 11.0, 12.0, 14.0],
        }
    )
    stats = box_stats(frame)
    assert stats.to_dict("records")[0] == {
        "measure": "Gunning Fog Index",
        "n_articles": 3,
        "minimum": 10.0,
        "lower_fence": 10.0,
        "q1": 11.0,
        "median": 12.0,
        "q3": 13.0,
        "upper_fence": 14.0,
        "maximum": 14.0,
    }
    figure = measure_spread_figure(stats)
    (trace,) = figure.data
    assert trace.type == "box"
    assert _list(trace.y) == ["Gunning fog", "SMOG"]
    assert _list(trace.median) == [12.0, 11.0]
    assert trace.boxpoints is False
    assert figure.layout.title.text == "Spread of each grade measure"
    assert figure.layout.height == 250 + 60
    _assert_no_raw_markup(figure)


def test_article_vs_corpus_figure() -> None:
    frame = pd.DataFrame(
        {
            "measure": ["Gunning Fog Index", "Consensus Grade Level"] * 2,
            "series": ["This article"] * 2 + ["Corpus median"] * 2,
            "value": [10.0, 9.0, 12.0, 11.0],
        }
    )
    figure = article_vs_corpus_figure(frame)
    assert [trace.name for trace in figure.data] == ["This article", "Corpus median"]
    article, median = figure.data
    assert _list(article.x) == [10.0, 9.0]
    assert _list(median.x) == [12.0, 11.0]
    assert _list(article.y) == ["Gunning fog", "Consensus"]
    assert _list(median.y) == ["Gunning fog", "Consensus"]
    assert article.orientation == median.orientation == "h"
    assert figure.layout.barmode == "group"
    assert figure.layout.title.text == "This article against the corpus median"
    assert figure.layout.height == 250


def test_sentence_length_figure_numbers_sentences_from_one() -> None:
    frame = pd.DataFrame(
        {"sentence_index": [0, 1, 2], "n_words": [7, 12, 3], "sentence": [BOLD, "Two.", "3."]}
    )
    figure = sentence_length_figure(frame)
    (trace,) = figure.data
    assert _list(trace.x) == [1, 2, 3]
    assert _list(trace.y) == [7, 12, 3]
    assert trace.customdata.tolist() == [[BOLD_SAFE], ["Two."], ["3."]]
    assert figure.layout.title.text == "Sentence lengths"
    assert figure.layout.xaxis.title.text == "Sentence"
    assert figure.layout.yaxis.title.text == "Words"
    _assert_no_raw_markup(figure)


def test_heatmap_figure_fills_missing_with_zero() -> None:
    frame = pd.DataFrame(
        {
            "article_id": [1, 1, 2],
            "title": [BOLD, BOLD, "B"],
            "term": ["port", JS_LINK, "port"],
            "n_occurrences": [3, 1, 2],
        }
    )
    figure = heatmap_figure(frame, column="term", value="n_occurrences", title="Occurrences")
    (trace,) = figure.data
    assert trace.type == "heatmap"
    assert _list(trace.x) == [JS_LINK_SAFE, "port"]
    assert _list(trace.y) == [f"{BOLD_SAFE} (#1)", "B (#2)"]
    assert trace.z.tolist() == [[1, 3], [0, 2]]
    assert trace.colorscale[0][1] == "rgb(247,251,255)"  # Blues
    assert figure.layout.title.text == "Occurrences"
    assert figure.layout.height == 250 + 80
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.xaxis.side == "top"
    _assert_no_raw_markup(figure)


def test_heatmap_figure_truncates_long_titles() -> None:
    frame = pd.DataFrame(
        {"article_id": [9], "title": ["x" * 80], "entity": ["Putin"], "n_mentions": [2]}
    )
    figure = heatmap_figure(frame, column="entity", value="n_mentions", title="T")
    assert _list(figure.data[0].y) == ["x" * 59 + "… (#9)"]


EMPTY_CASES = [
    (term_bar_figure, ["term", "n_occurrences"], {}, "Top words"),
    (entity_bar_figure, ["entity", "label", "n_mentions", "n_articles"], {}, "Top entities"),
    (label_totals_figure, ["label", "n_mentions", "n_entities"], {}, "Mentions by type"),
    (
        measure_histogram_figure,
        ["article_id", "consensus_grade"],
        {},
        "Consensus Grade Level across articles",
    ),
    (
        grade_length_figure,
        ["article_id", "title", "source", "n_words", "consensus_grade"],
        {},
        "Grade against length",
    ),
    (
        measure_spread_figure,
        ["article_id", "title", "measure", "value"],
        {},
        "Spread of each grade measure",
    ),
    (
        article_vs_corpus_figure,
        ["measure", "series", "value"],
        {},
        "This article against the corpus median",
    ),
    (sentence_length_figure, ["sentence_index", "n_words", "sentence"], {}, "Sentence lengths"),
    (
        heatmap_figure,
        ["article_id", "title", "term", "n_occurrences"],
        {"column": "term", "value": "n_occurrences", "title": "Occurrences per article"},
        "Occurrences per article",
    ),
]


@pytest.mark.parametrize(
    ("builder", "columns", "kwargs", "title"),
    EMPTY_CASES,
    ids=[case[0].__name__ for case in EMPTY_CASES],
)
def test_empty_frame_gives_nothing_to_show(builder, columns, kwargs, title) -> None:
    figure = builder(pd.DataFrame(columns=columns), **kwargs)
    assert figure.data == ()
    (note,) = figure.layout.annotations
    assert note.text == "Nothing to show"
    assert note.showarrow is False
    assert figure.layout.title.text == title
    assert figure.layout.height == 250
    assert figure.layout.xaxis.visible is False
    assert figure.layout.yaxis.visible is False


def test_keyness_figure_diverges_by_group_and_escapes_terms() -> None:
    table = keyness_table(
        {"port": 10, BOLD: 4, "club": 0}, {"port": 1, BOLD: 0, "club": 12}, total_a=100, total_b=200
    )
    shown = diverging(table, top=5)
    figure = keyness_figure(shown, title="Distinctive")
    more_in_a, more_in_b = figure.data
    assert (more_in_a.name, more_in_b.name) == ("More in A", "More in B")
    assert _list(more_in_a.y) == ["port", BOLD_SAFE]
    assert _list(more_in_a.x) == pytest.approx(list(shown["log_ratio"][:2]))
    assert _list(more_in_b.y) == ["club"]
    assert _list(more_in_b.x)[0] < 0
    assert figure.layout.yaxis.categoryarray == ("port", BOLD_SAFE, "club")
    _assert_no_raw_markup(figure)

    named = keyness_figure(
        shown.head(1), value="log_likelihood", groups=("this article", "the rest")
    )
    assert named.data[0].name == "More in this article"
    assert _list(named.data[0].x) == pytest.approx([shown["log_likelihood"].iloc[0]])
    empty = keyness_figure(shown.head(0), title="Distinctive")
    assert empty.layout.annotations[0].text == "Nothing to show"
