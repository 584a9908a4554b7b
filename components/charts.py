"""Figure builders: each takes the DataFrame a chart shows and returns a Plotly figure.

The same DataFrame feeds the chart's CSV download, so the two cannot drift apart. Builders do
no I/O and import no Streamlit; untrusted text is made literal with ``plot_safe``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analytics.entities import LABEL_NAMES
from analytics.labels import entity_labels
from analytics.readability import COUNTS, MEASURES
from analytics.timeline import PERIOD_NAMES, Period
from components.chart_style import (
    count_axis,
    count_colorbar,
    distinguish_lines,
    legend_rows,
    nice_step,
    style_figure,
)
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
    """The chart style (``components.chart_style``): template, title, margins, legend."""
    return style_figure(figure, title=title, height=height)


def _legend_height(names: list[str]) -> int:
    """The pixels a chart grows by for its legend (at the bottom, in rows), so the plot keeps
    its size however many entries the legend has."""
    return 22 * legend_rows(names)


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
        count_axis(figure, "x", float(frame[value].max()))
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
        name=safe["entity"] if single_label else entity_labels(safe["entity"], frame["label"]),
        # Each bar's row in ``frame``: a click reports its point index within its trace only.
        row=[str(position) for position in range(len(frame))],
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
        custom_data=["row"],
        labels={**DISPLAY_NAMES, "name": "Entity", "type": "Type"},
    )
    figure.update_yaxes(
        autorange="reversed", title=None, categoryorder="array", categoryarray=list(data["name"])
    )
    figure.update_layout(showlegend=not single_label)
    count_axis(figure, "x", float(frame[value].max()))
    legend = [] if single_label else list(dict.fromkeys(data["type"]))
    return _layout(figure, title=title, height=_bar_height(len(frame)) + _legend_height(legend))


KEYNESS_NAMES = {
    "log_likelihood": "Log-likelihood (G2)",
    "log_ratio": "Log ratio (log2 of the ratio of relative frequencies)",
    "n_a": "Count in A",
    "n_b": "Count in B",
    "significance": "Significance",
}


def keyness_figure(
    frame: pd.DataFrame,
    *,
    value: str = "log_ratio",
    title: str = "Distinctive terms",
    groups: tuple[str, str] = ("A", "B"),
) -> go.Figure:
    """Horizontal bars of a keyness table (from ``analytics.keyness``) by ``value``, coloured
    by the group each term is over-represented in: with log ratio, A's terms point right and
    B's left (a diverging chart). ``groups`` names A and B in the legend (trusted text)."""
    if frame.empty:
        return _empty(title)
    safe = plot_safe(frame)
    name = entity_labels(safe["entity"], frame["label"]) if "entity" in frame else safe["term"]
    # plain traces rather than plotly.express: this chart is on every Article page rerun
    figure = go.Figure()
    hover = (
        f"%{{y}}<br>Count in {groups[0]}: %{{customdata[0]}}"
        f"<br>Count in {groups[1]}: %{{customdata[1]}}"
        "<br>Log-likelihood (G2): %{customdata[2]:.2f}<br>Log ratio: %{customdata[3]:.2f}"
        "<br>%{customdata[4]}<extra></extra>"
    )
    for side, group, colour in zip("AB", groups, ("#1f77b4", "#d62728"), strict=True):
        rows = frame["over_in"] == side
        if rows.any():
            figure.add_bar(
                x=frame.loc[rows, value],
                y=name[rows],
                orientation="h",
                name=f"More in {group}",
                marker_color=colour,
                customdata=frame.loc[
                    rows, ["n_a", "n_b", "log_likelihood", "log_ratio", "significance"]
                ].to_numpy(),
                hovertemplate=hover,
            )
    figure.update_xaxes(title=KEYNESS_NAMES.get(value, value))
    figure.update_yaxes(
        autorange="reversed", title=None, categoryorder="array", categoryarray=list(name)
    )
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
    count_axis(figure, "y", float(frame["n_mentions"].max()))
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
    figure.update_yaxes(title="Articles")
    count_axis(figure, "y", float(bins["n_articles"].max()))  # whole articles, round ticks
    return _layout(figure, title=title)


#: Above this many articles, the grade-against-length chart shows where they crowd (a 2D
#: histogram) instead of points drawn over one another; at or below it, one point each.
DENSITY_MIN_POINTS = 500
#: The length bins of the density: about this many up to the ``DENSITY_LONGEST`` quantile of
#: length; the articles longer than that share the last column.
DENSITY_LENGTH_BINS = 30
DENSITY_LONGEST = 0.98


def grade_length_is_density(n_points: int) -> bool:
    """Whether ``grade_length_figure`` draws ``n_points`` articles as a density (cells, which a
    click cannot turn into one article) rather than as points."""
    return n_points > DENSITY_MIN_POINTS


def grade_length_figure(frame: pd.DataFrame, *, title: str = "Grade against length") -> go.Figure:
    """Each article as a point: its length in words against its consensus grade; above
    ``DENSITY_MIN_POINTS`` articles, a 2D histogram of them (``grade_density_figure``)."""
    data = frame.dropna(subset=["n_words", "consensus_grade"]) if not frame.empty else frame
    if data.empty:
        return _empty(title)
    if grade_length_is_density(len(data)):
        return _grade_density_figure(data, title=title)
    figure = px.scatter(
        plot_safe(data),
        x="n_words",
        y="consensus_grade",
        hover_name="title",
        hover_data={"article_id": True, "source": True},
        custom_data=["article_id"],
        labels=DISPLAY_NAMES,
    )
    figure.update_traces(marker={"opacity": 0.75})
    words = data["n_words"].astype(float)
    count_axis(figure, "x", words.max(), from_zero=False, minimum=words.min())
    return _layout(figure, title=title)


def _grade_density_figure(data: pd.DataFrame, *, title: str) -> go.Figure:
    """Articles counted in cells of round sizes (words across, one grade level up); empty
    cells are left blank. The few longest articles (past the ``DENSITY_LONGEST`` quantile of
    length) share the last column, so they do not squeeze the rest into a corner."""
    words = data["n_words"].astype(float).to_numpy()
    grades = data["consensus_grade"].astype(float).to_numpy()
    longest = float(np.quantile(words, DENSITY_LONGEST))
    width = nice_step(longest, ticks=DENSITY_LENGTH_BINS)
    cap = width * math.ceil(longest / width)  # the last column: cap words or more
    clipped = np.minimum(words, cap)
    x_edges = np.arange(0.0, cap + width + 1e-9, width)
    low = math.floor(grades.min())
    y_edges = np.arange(low, math.floor(grades.max()) + 1.0 + 1e-9, 1.0)
    counts, _, _ = np.histogram2d(grades, clipped, bins=[y_edges, x_edges])
    z = [[int(n) if n else None for n in row] for row in counts]
    lengths = [f"{int(start):,} to {int(start + width - 1):,} words" for start in x_edges[:-2]]
    lengths.append(f"{int(cap):,} words or more")
    cells = [
        [[length, f"{y_edges[i]:g} to {y_edges[i + 1]:g}"] for length in lengths]
        for i in range(len(y_edges) - 1)
    ]
    figure = go.Figure(
        go.Heatmap(
            x=((x_edges[:-1] + x_edges[1:]) / 2).tolist(),
            y=((y_edges[:-1] + y_edges[1:]) / 2).tolist(),
            z=z,
            customdata=cells,
            # from a light blue, so that a cell of one article shows against the blank ones
            colorscale=[[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]],
            zmin=1,
            hoverongaps=False,
            colorbar={"title": {"text": "Articles"}, **count_colorbar(float(counts.max()))},
            hovertemplate="%{customdata[0]}, grade %{customdata[1]}: %{z} articles<extra></extra>",
            name="articles",
        )
    )
    axis_title = DISPLAY_NAMES["n_words"]
    if (words >= cap).any():
        axis_title += f" (the last column: {int(cap):,} or more)"
    figure.update_xaxes(title=axis_title, range=[0, float(x_edges[-1])])
    figure.update_yaxes(title=DISPLAY_NAMES["consensus_grade"])
    count_axis(figure, "x", float(x_edges[-1]))
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
    count_axis(figure, "x", float(data["number"].max()), from_zero=False)
    count_axis(figure, "y", float(frame["n_words"].max()))
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
            colorbar=count_colorbar(float(matrix.to_numpy().max())),
            hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        )
    )
    figure.update_xaxes(type="category", side="top")
    figure.update_yaxes(type="category", autorange="reversed")
    return _layout(figure, title=title, height=min(1200, _bar_height(len(matrix.index)) + 80))


MAX_MONTH_TICKS = 24
TIMELINE_HEIGHT = 480
TIMELINE_VALUES = {
    "n_mentions": "Mentions",
    "n_articles_mentioning": "Articles mentioning it",
    "share_of_articles": "Share of articles",
}


def timeline_figure(
    frame: pd.DataFrame,
    *,
    value: str = "n_mentions",
    period: Period = "month",
    title: str = "Over time",
) -> go.Figure:
    """A line per item over a real date axis, from ``analytics.timeline.timeline``'s frame:
    x is each period's first day, y ``value``; the hover shows the period and the counts."""
    if frame.empty:
        return _empty(title)
    period_name = PERIOD_NAMES[period]
    # ISO dates on a date axis (no time of day in the hover or the chart's data)
    data = plot_safe(frame).assign(
        period_start=frame["period_start"].map(str),
        # each point's row in ``frame``: a click reports its index within its line only
        row=[str(position) for position in range(len(frame))],
    )
    figure = px.line(
        data,
        x="period_start",
        y=value,
        color="item",
        markers=True,
        custom_data=["row"],
        hover_data={
            "period_start": False,
            "period": True,
            "n_mentions": True,
            "n_articles_mentioning": True,
            "n_articles": True,
            "share_of_articles": ":.1%",
        },
        labels={
            **TIMELINE_VALUES,
            "period_start": period_name,
            "period": period_name,
            "item": "",
            "n_articles": "Articles published",
        },
    )
    figure.update_xaxes(type="date", title=period_name)
    if period == "month":  # a tick on each month's first day (when they fit), not on weeks
        few = frame["period_start"].nunique() <= MAX_MONTH_TICKS
        figure.update_xaxes(tickformat="%b %Y", dtick="M1" if few else None)
    if value == "share_of_articles":
        figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        count_axis(figure, "y", float(frame[value].max()))
    _layout(figure, title=title, height=TIMELINE_HEIGHT)
    # a dash and a marker each, and each line named at its end: none hides under another
    return distinguish_lines(figure, plot_height=TIMELINE_HEIGHT - 150)
