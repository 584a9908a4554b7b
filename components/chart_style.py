"""One chart style for every figure: a Plotly template and the helpers the builders share.

- ``style_figure`` gives a figure the template, its title and height, the margins and the
  legend's place. The legend sits at the bottom of the figure (``yref="container"``): Plotly
  then keeps it clear of the x axis's tick labels and title, whereas a legend placed just below
  the plot area (``y=-0.12``) landed on the axis title ("Mentions" on Overview). Measured in
  Chromium through ``st.plotly_chart``: a legend above the plot overlaps the chart's title once
  it wraps to a second row; one at the container's bottom never touches the axis title.
- ``count_axis`` makes an axis of counts whole and round: ticks every 1, 2, 5, 10, 20, 50…
  from 0, formatted as integers with thousands separators (no "0 1 1 2 2" from ticks at
  halves, no 114, 228, 342 from a range cut in five).
- ``count_colorbar`` does the same for a colour bar of counts.
- ``distinguish_lines`` gives each line its own dash and marker symbol, and names each at its
  last point (direct labels, spread apart so two lines ending at the same value stay readable).

Streamlit's chart theme writes its own defaults into a figure's layout (fonts, margins, axis
title standoff), which outrank a template's layout; so what matters is also set on the layout
itself by these helpers, and the template carries the rest (trace defaults, hover labels).
Nothing here imports Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "news"
#: Lines and markers that differ in more than colour (colour-blind readers, print, overlaps).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "triangle-down", "star", "cross")
#: The legend at the bottom of the figure, left-aligned, in rows.
LEGEND = {
    "title_text": "",
    "orientation": "h",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
    "x": 0,
    "xanchor": "left",
}
MARGIN = {"l": 10, "r": 10, "t": 80, "b": 10}
#: Roughly how many ticks a count axis gets at most (fewer when the counts are small).
COUNT_TICKS = 6
#: The label of a line's end is cut to this many characters (the full name is on hover).
LINE_LABEL_CHARS = 30
#: Line-end labels: pixels between two of them, and the lowest above the x axis (so a line
#: ending at 0 is not labelled over the last tick's label).
LABEL_GAP_PX = 20.0
LABEL_FLOOR_PX = 8.0

TEMPLATE = go.layout.Template(
    layout={
        "separators": ".,",
        "hovermode": "closest",
        "hoverlabel": {"namelength": -1},
        "legend": LEGEND,
        "margin": MARGIN,
        "xaxis": {"automargin": True, "separatethousands": True},
        "yaxis": {"automargin": True, "separatethousands": True},
        "title": {"x": 0, "xanchor": "left"},
    },
    data={
        "scatter": [go.Scatter(line={"width": 2.5}, marker={"size": 7})],
        "bar": [go.Bar(marker={"line": {"width": 0}})],
    },
)
#: The news template over the one the process had as its default: what figures get.
STYLED_NAME = "news_styled"


def news_template() -> go.layout.Template:
    """The news template over the process's default one (Streamlit's, once Streamlit is
    imported, so its theme colours stay), made the default: a figure gets it as it is built,
    as cheaply as any default (assigning a template to a built figure validates all of it,
    which took some 20 times as long as building a small bar chart). Streamlit sets its own
    default when it is imported; a figure built after that finds it in ``style_figure``,
    which calls this again."""
    base = str(pio.templates.default)
    if base != STYLED_NAME:
        merged = go.layout.Template(pio.templates[base]) if base in pio.templates else TEMPLATE
        merged = go.layout.Template(merged.to_plotly_json())
        merged.layout.update(TEMPLATE.layout)
        for trace_type in ("scatter", "bar"):
            ours = getattr(TEMPLATE.data, trace_type)[0]
            theirs = getattr(merged.data, trace_type) or ()
            combined = theirs[0].to_plotly_json() if theirs else {}
            combined = {**combined, "type": trace_type}
            trace = type(ours)(combined)
            trace.update(ours.to_plotly_json())
            setattr(merged.data, trace_type, [trace])
        pio.templates[STYLED_NAME] = merged
        pio.templates.default = STYLED_NAME
    return pio.templates[STYLED_NAME]


pio.templates[TEMPLATE_NAME] = TEMPLATE
news_template()


def _styled_template(figure: go.Figure) -> bool:
    template = figure.layout.template
    return (
        template.layout.hoverlabel.namelength == -1
        and template.layout.separators == TEMPLATE.layout.separators
    )


def has_news_style(figure: go.Figure) -> bool:
    """Whether ``figure`` went through ``style_figure`` (its template and legend)."""
    return (
        _styled_template(figure)
        and figure.layout.legend.yref == "container"
        and figure.layout.legend.yanchor == "bottom"
    )


def style_figure(
    figure: go.Figure,
    *,
    title: str,
    height: int | None = None,
    margin: dict[str, int] | None = None,
) -> go.Figure:
    """``figure`` in the news style, titled ``title``, ``height`` pixels tall (None: the
    default). Returns the same figure."""
    if not _styled_template(figure):  # built before the default was the news template
        figure.update_layout(template=news_template())
    # one update (each is costly in Plotly); on the layout itself, as Streamlit's theme
    # outranks a template's layout
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        margin={**MARGIN, **(margin or {})},
        legend=LEGEND,
        height=height,
        xaxis={"automargin": True},
        yaxis={"automargin": True},
    )
    return figure


def legend_rows(names: Sequence[str], *, width: int = 560) -> int:
    """About how many rows a horizontal legend of ``names`` takes in a chart ``width`` pixels
    wide (about 7 px a character and 40 px of symbol and gap an entry; Plotly lines entries up
    in columns as wide as the widest)."""
    if not names:
        return 0
    widest = 40 + 7 * max(len(name) for name in names)
    per_row = max(1, width // widest)
    return math.ceil(len(names) / per_row)


def nice_step(maximum: float, *, ticks: int = COUNT_TICKS) -> int:
    """A whole, round tick step (1, 2, 5, 10, 20, 50…) that puts at most about ``ticks`` ticks
    between 0 and ``maximum``."""
    if not math.isfinite(maximum) or maximum <= ticks:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return int(multiple * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def count_axis(
    figure: go.Figure,
    axis: Literal["x", "y"],
    maximum: float,
    *,
    from_zero: bool = True,
    minimum: float = 0.0,
) -> go.Figure:
    """Axis ``axis`` of ``figure`` shows counts up to ``maximum``: whole, round ticks on the
    multiples of the step. ``from_zero``: the axis starts at 0; otherwise it fits the data,
    from ``minimum``, and the step suits the span."""
    span = float(maximum) - (0.0 if from_zero else float(minimum))
    settings: dict[str, object] = {
        "tickmode": "linear",
        "tick0": 0,
        "dtick": nice_step(span if span == span else 0.0),
        "tickformat": ",d",
    }
    if from_zero:
        settings["rangemode"] = "tozero"
    figure.update_layout({f"{axis}axis": settings})  # the first axis (faster than update_xaxes)
    return figure


def count_colorbar(maximum: float) -> dict[str, object]:
    """A colour bar's tick settings for counts up to ``maximum`` (whole, round ticks)."""
    return {"tickmode": "linear", "tick0": 0, "dtick": nice_step(maximum), "tickformat": ",d"}


def spread_apart(positions: list[float], *, gap: float, floor: float = 0.0) -> list[float]:
    """``positions`` (sorted ascending) moved apart so that neighbours are at least ``gap``
    apart and none is below ``floor``: each is pushed up from the one below it."""
    spread: list[float] = []
    for position in positions:
        spread.append(max(position, floor, spread[-1] + gap if spread else floor))
    return spread


def distinguish_lines(
    figure: go.Figure,
    *,
    label_ends: bool = True,
    plot_height: int = 320,
) -> go.Figure:
    """Each line trace of ``figure`` gets a dash and a marker symbol of its own; with
    ``label_ends``, its name is written at its last point in its colour (then the legend is
    not needed and is hidden). Labels of lines that end close together are moved apart by at
    least a line of text; ``plot_height`` is the plot area's height in pixels, to convert."""
    lines = [trace for trace in figure.data if trace.type == "scatter" and "lines" in trace.mode]
    for index, trace in enumerate(lines):
        trace.line.dash = DASHES[index % len(DASHES)]
        trace.marker.symbol = SYMBOLS[index % len(SYMBOLS)]
    if not label_ends or not lines:
        return figure
    ends = []
    all_y: list[float] = []
    for trace in lines:
        points = [
            (x, y)
            for x, y in zip(trace.x, trace.y, strict=True)
            if y is not None and not (isinstance(y, float) and math.isnan(y))
        ]
        all_y += [float(y) for _, y in points]
        if points:
            ends.append((trace, *points[-1]))
    if not ends:
        return figure
    low, high = min(0.0, *all_y), max(all_y)
    span = (high - low) or 1.0
    pixels = [(float(y) - low) / span * plot_height for _, _, y in ends]
    order = sorted(range(len(ends)), key=lambda i: pixels[i])
    placed = spread_apart([pixels[i] for i in order], gap=LABEL_GAP_PX, floor=LABEL_FLOOR_PX)
    shift = {i: placed[rank] - pixels[i] for rank, i in enumerate(order)}
    for i, (trace, x, y) in enumerate(ends):
        name = str(trace.name)
        text = name if len(name) <= LINE_LABEL_CHARS else name[: LINE_LABEL_CHARS - 1] + "…"
        figure.add_annotation(
            x=x,
            y=y,
            text=text,
            showarrow=False,
            xanchor="left",
            xshift=8,
            yshift=round(shift[i]),
            font={"color": trace.line.color or trace.marker.color},
            hovertext=name,
        )
    widest = max(len(a.text) for a in figure.layout.annotations)
    figure.update_layout(showlegend=False, margin={"r": 16 + round(6.5 * widest)})
    return figure
