"""The Together page's network: entities as nodes, the pairs that appear together as edges,
placed by a force-directed layout (``components.network_layout``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.cooccurrence import pair_nodes
from analytics.entities import LABEL_NAMES
from components.charts import LABEL_COLOURS, _empty, _layout, _legend_height
from components.network_layout import force_layout
from components.safe_text import plot_safe, plot_text

#: The Together network names this many of its nodes (those in the most units); the others
#: are named on hover, so labels do not pile up.
NETWORK_LABELS = 12


def cooccurrence_network_figure(
    pairs: pd.DataFrame,
    *,
    max_edges: int = 60,
    unit_name: str = "units",
    title: str = "Entities that appear together",
    n_labels: int = NETWORK_LABELS,
) -> go.Figure:
    """Entities as nodes (coloured by type, sized by the units naming them) and the
    ``max_edges`` first pairs of ``pairs`` (``pair_associations``) as edges, wider for more
    units together, placed by a force-directed layout (``components.network_layout``): pairs
    that meet often are drawn close. The ``n_labels`` nodes in the most units are named on the
    chart, every node on hover. The layout depends only on the data, so it is the same every
    run."""
    if pairs.empty:
        return _empty(title)
    shown = pairs.head(max_edges)
    nodes = pair_nodes(shown)
    nodes = nodes.sort_values(
        ["label", "n_units", "entity"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    keys = list(zip(nodes["entity"], nodes["label"], strict=True))
    index = {key: position for position, key in enumerate(keys)}
    edges = [
        (index[a, la], index[b, lb], float(n))
        for a, la, b, lb, n in zip(
            shown["entity_a"],
            shown["label_a"],
            shown["entity_b"],
            shown["label_b"],
            shown["n_together"],
            strict=True,
        )
    ]
    layout = force_layout(len(nodes), edges)
    positions = {key: (float(x), float(y)) for key, (x, y) in zip(keys, layout, strict=True)}
    # the most named nodes carry a label (ties broken by name, so the choice is stable)
    ranked = nodes.sort_values(["n_units", "entity"], ascending=[False, True], kind="stable")
    labelled = set(ranked.index[:n_labels])
    figure = go.Figure()
    strongest = int(shown["n_together"].max())
    widths = (1 + 7 * shown["n_together"] / strongest).round().astype(int)
    for width in sorted(set(widths)):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for pair in shown[widths == width].itertuples(index=False):
            (x0, y0), (x1, y1) = (
                positions[pair.entity_a, pair.label_a],
                positions[pair.entity_b, pair.label_b],
            )
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": width, "color": "rgba(120, 120, 120, 0.45)"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    safe = plot_safe(shown)
    middles = [
        (
            (positions[a][0] + positions[b][0]) / 2,
            (positions[a][1] + positions[b][1]) / 2,
        )
        for a, b in zip(
            zip(shown["entity_a"], shown["label_a"], strict=True),
            zip(shown["entity_b"], shown["label_b"], strict=True),
            strict=True,
        )
    ]
    figure.add_trace(
        go.Scatter(
            x=[x for x, _ in middles],
            y=[y for _, y in middles],
            mode="markers",
            marker={"size": 6, "color": "rgba(120, 120, 120, 0.2)"},
            text=(safe["entity_a"] + " – " + safe["entity_b"]).tolist(),
            customdata=shown[["n_together"]].to_numpy().tolist(),
            hovertemplate="%{text}: %{customdata[0]} together<extra></extra>",
            showlegend=False,
            name="pairs",
        )
    )
    biggest = int(nodes["n_units"].max())
    safe_nodes = plot_safe(nodes)
    for label, group in nodes.groupby("label", sort=True):
        points = [positions[entity, label] for entity in group["entity"]]
        names = safe_nodes.loc[group.index, "entity"].tolist()
        figure.add_trace(
            go.Scatter(
                x=[x for x, _ in points],
                y=[y for _, y in points],
                mode="markers+text",
                name=plot_text(f"{label} ({LABEL_NAMES.get(str(label), label)})"),
                # the label on the chart for the most named nodes; every name in the hover
                text=[
                    name if i in labelled else ""
                    for i, name in zip(group.index, names, strict=True)
                ],
                hovertext=names,
                textposition="top center",
                # a halo of the background's colour keeps a label readable over edges
                textfont={"size": 13, "shadow": "auto"},
                marker={
                    "size": (12 + 28 * (group["n_units"] / biggest) ** 0.5).round(1).tolist(),
                    "color": LABEL_COLOURS.get(str(label), "#7f7f7f"),
                    "line": {"width": 1, "color": "white"},
                },
                customdata=group[["n_units", "n_pairs"]].to_numpy().tolist(),
                hovertemplate="%{hovertext}: in %{customdata[0]} "
                + unit_name
                + ", %{customdata[1]} pairs shown<extra></extra>",
            )
        )
    figure.update_xaxes(visible=False, range=[-1.12, 1.12])
    figure.update_yaxes(visible=False, range=[-1.1, 1.16])
    types = [plot_text(f"{t} ({LABEL_NAMES.get(str(t), t)})") for t in nodes["label"].unique()]
    return _layout(figure, title=title, height=680 + _legend_height(types))
