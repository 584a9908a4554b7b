"""Figure builders: each takes the DataFrame a chart shows and returns a Plotly figure.

The same DataFrame feeds the chart's CSV download, so the two cannot drift apart. Builders do
no I/O and import no Streamlit; untrusted text is made literal with ``plot_safe``.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analytics.entities import LABEL_NAMES
from analytics.readability import COUNTS, MEASURES
from components.safe_text import plot_safe

LABEL_COLOURS = {
    "PERSON": "#1f77b4",
    "ORG": "#ff7f0e",
    "GPE": "#2ca02c",
    "LOC": "#17becf",
    "NORP": "#9467bd",
    "FAC": "#8c564b",
    "EVENT": "#e377c2",
    "PRODUCT": "#bcbd22",
    "WORK_OF_ART": "#7f7f7f",
    "LAW": "#d62728",
    "LANGUAGE": "#aec7e8",
}
DISPLAY_NAMES = {
    **MEASURES,
    **COUNTS,
    "n_occurrences": "Occurrences",
    "n_articles": "Articles",
    "n_mentions": "Mentions",
    "n_quotes": "Quotations",
    "per_10k_words": "Per 10,000 words",
    "term": "Term",
    "entity": "Entity",
    "label": "Type",
    "title": "Article",
    "sentence_index": "Sentence",
}


SHORT_NAMES = {
    MEASURES["flesch_reading_ease"]: "Flesch ease",
    MEASURES["flesch_kincaid_grade"]: "Flesch-Kincaid",
    MEASURES["gunning_fog"]: "Gunning fog",
    MEASURES["smog_index"]: "SMOG",
    MEASURES["coleman_liau_index"]: "Coleman-Liau",
    MEASURES["automated_readability_index"]: "ARI",
    MEASURES["dale_chall_score"]: "Dale-Chall",
    MEASURES["linsear_write_formula"]: "Linsear Write",
    MEASURES["consensus_grade"]: "Consensus",
}


def _layout(figure: go.Figure, *, title: str, height: int | None = None) -> go.Figure:
    figure.update_layout(
        title=title,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"title_text": "", "orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        height=height,
    )
    figure.update_yaxes(automargin=True)
    return figure


def _empty(title: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text="Nothing to show", showarrow=False, font={"size": 16})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _layout(figure, title=title, height=250)


def _bar_height(n_bars: int) -> int:
    return max(250, 28 * n_bars + 90)


def term_bar_figure(
    frame: pd.DataFrame, *, value: str = "n_occurrences", title: str = "Top words"
) -> go.Figure:
    """Horizontal bars of terms by ``value``, the most frequent at the top."""
    if frame.empty:
        return _empty(title)
    data = plot_safe(frame)
    figure = px.bar(
        data,
        x=value,
        y="term",
        orientation="h",
        hover_data=[column for column in ("n_articles", "per_10k_words") if column in data],
        labels=DISPLAY_NAMES,
    )
    figure.update_yaxes(autorange="reversed", title=None, type="category")
    if value != "per_10k_words":
        figure.update_xaxes(tickformat="d")
    return _layout(figure, title=title, height=_bar_height(len(frame)))


def entity_bar_figure(
    frame: pd.DataFrame, *, title: str = "Top entities", value: str = "n_mentions"
) -> go.Figure:
    """Horizontal bars of entities by ``value`` (mentions, or quotations), coloured by type."""
    if frame.empty:
        return _empty(title)
    single_label = frame["label"].nunique() == 1
    safe = plot_safe(frame)
    data = safe.assign(
        type=frame["label"].map(lambda label: f"{label} ({LABEL_NAMES.get(label, label)})"),
        name=safe["entity"] if single_label else safe["entity"] + " · " + frame["label"],
    )
    colours = {f"{k} ({LABEL_NAMES.get(k, k)})": v for k, v in LABEL_COLOURS.items()}
    figure = px.bar(
        data,
        x=value,
        y="name",
        color="type",
        orientation="h",
        color_discrete_map=colours,
        hover_data={"n_articles": True, "name": False},
        labels={**DISPLAY_NAMES, "name": "Entity", "type": "Type"},
    )
    figure.update_yaxes(
        autorange="reversed", title=None, categoryorder="array", categoryarray=list(data["name"])
    )
    figure.update_layout(showlegend=not single_label)
    figure.update_xaxes(tickformat="d")
    return _layout(figure, title=title, height=_bar_height(len(frame)))


def label_totals_figure(frame: pd.DataFrame, *, title: str = "Mentions by type") -> go.Figure:
    """Bars of total mentions per entity type (columns: label, n_mentions, n_entities)."""
    if frame.empty:
        return _empty(title)
    figure = px.bar(
        frame,
        x="label",
        y="n_mentions",
        color="label",
        color_discrete_map=LABEL_COLOURS,
        hover_data=[column for column in ("n_entities",) if column in frame],
        labels={**DISPLAY_NAMES, "label": "Type"},
    )
    figure.update_layout(showlegend=False)
    return _layout(figure, title=title)


def measure_histogram_figure(
    bins: pd.DataFrame, *, measure: str = "consensus_grade", title: str | None = None
) -> go.Figure:
    """The distribution of one readability measure across articles, from ``histogram_bins``."""
    name = DISPLAY_NAMES.get(measure, measure)
    title = title or f"{name} across articles"
    if bins.empty:
        return _empty(title)
    figure = go.Figure(
        go.Bar(
            x=((bins["bin_start"] + bins["bin_end"]) / 2).tolist(),
            y=bins["n_articles"].tolist(),
            width=(bins["bin_end"] - bins["bin_start"]).clip(lower=0.01).tolist(),
            customdata=bins[["bin_start", "bin_end"]].to_numpy().tolist(),
            hovertemplate="%{customdata[0]} to %{customdata[1]}: %{y} articles<extra></extra>",
        )
    )
    figure.update_xaxes(title=name)
    step = max(1, math.ceil(int(bins["n_articles"].max()) / 5))  # whole articles only
    figure.update_yaxes(title="Articles", dtick=step, rangemode="tozero")
    return _layout(figure, title=title)


def grade_length_figure(frame: pd.DataFrame, *, title: str = "Grade against length") -> go.Figure:
    """Each article as a point: its length in words against its consensus grade."""
    data = frame.dropna(subset=["n_words", "consensus_grade"]) if not frame.empty else frame
    if data.empty:
        return _empty(title)
    figure = px.scatter(
        plot_safe(data),
        x="n_words",
        y="consensus_grade",
        hover_name="title",
        hover_data={"article_id": True, "source": True},
        custom_data=["article_id"],
        labels=DISPLAY_NAMES,
    )
    return _layout(figure, title=title)


def measure_spread_figure(
    stats: pd.DataFrame, *, title: str = "Spread of each grade measure"
) -> go.Figure:
    """A box per grade-level measure across articles, drawn from ``box_stats`` (quartiles and
    fences), so the chart is the same size for ten articles or a hundred thousand."""
    if stats.empty:
        return _empty(title)
    names = stats["measure"].replace(SHORT_NAMES).tolist()
    figure = go.Figure(
        go.Box(
            y=names,
            q1=stats["q1"].tolist(),
            median=stats["median"].tolist(),
            q3=stats["q3"].tolist(),
            lowerfence=stats["lower_fence"].tolist(),
            upperfence=stats["upper_fence"].tolist(),
            orientation="h",
            boxpoints=False,
            name="",
        )
    )
    figure.update_xaxes(title="Grade")
    figure.update_layout(showlegend=False)
    return _layout(figure, title=title, height=_bar_height(len(stats)) + 60)


def article_vs_corpus_figure(
    frame: pd.DataFrame, *, title: str = "This article against the corpus median"
) -> go.Figure:
    """Grouped bars: each measure for the article and the corpus median (long data)."""
    if frame.empty:
        return _empty(title)
    figure = px.bar(
        frame.replace({"measure": SHORT_NAMES}),
        x="value",
        y="measure",
        color="series",
        barmode="group",
        orientation="h",
        labels={"value": "", "measure": "", "series": ""},
    )
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, title=title, height=_bar_height(2 * frame["measure"].nunique()))


def sentence_length_figure(frame: pd.DataFrame, *, title: str = "Sentence lengths") -> go.Figure:
    """Words in each sentence of an article, in order."""
    if frame.empty:
        return _empty(title)
    data = plot_safe(frame).assign(number=frame["sentence_index"] + 1)
    figure = px.bar(
        data,
        x="number",
        y="n_words",
        hover_data={"sentence": True, "number": False},
        labels={"number": "Sentence", "n_words": "Words"},
    )
    figure.update_yaxes(tickformat="d")
    return _layout(figure, title=title)


def heatmap_figure(
    frame: pd.DataFrame,
    *,
    column: str,
    value: str,
    title: str,
) -> go.Figure:
    """Articles (rows) against terms or entities (columns), shaded by ``value``.

    ``frame`` is long: one row per article and ``column`` value with ``article_id``, ``title``
    and ``value``; missing combinations are zero.
    """
    if frame.empty:
        return _empty(title)
    short = frame.assign(title=frame["title"].map(lambda t: t if len(t) <= 60 else t[:59] + "…"))
    data = plot_safe(short)
    data = data.assign(article=data["title"] + " (#" + data["article_id"].astype(str) + ")")
    matrix = data.pivot_table(
        index="article", columns=column, values=value, aggfunc="sum", fill_value=0
    )
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=list(matrix.columns),
            y=list(matrix.index),
            colorscale="Blues",
            hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        )
    )
    figure.update_xaxes(type="category", side="top")
    figure.update_yaxes(type="category", autorange="reversed")
    return _layout(figure, title=title, height=min(1200, _bar_height(len(matrix.index)) + 80))
