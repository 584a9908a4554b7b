"""Map page: the seed corpus's countries and places on the gazetteer, the measure switch, and
the CSV of the places."""

from __future__ import annotations

from apptest_support import charts, decode, downloads, frame_with_columns, open_app
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.export import csv_bytes
from components.maps import iso3

#: Countries the seed articles name (or name a place in): ISO3 -> (articles, mentions).
SEED_COUNTRIES = {
    "DEU": (5, 16),
    "POL": (4, 6),
    "NLD": (2, 4),
    "BEL": (2, 2),
    "SYR": (1, 7),
    "RUS": (1, 4),
    "UKR": (1, 2),
    "AUT": (1, 1),
    "ESP": (1, 1),
    "IRN": (1, 1),
}


def _map(at: AppTest) -> dict:
    (figure,) = [figure for key, figure in charts(at).items() if key.startswith("map-places")]
    return figure


def _shaded(at: AppTest) -> dict[str, int]:
    countries = _map(at)["data"][0]
    assert countries["type"] == "choropleth"
    return dict(zip(decode(countries["locations"]), decode(countries["z"]), strict=True))


def test_every_country_is_drawn_with_the_stores_counts(
    store_url: str, store_engine: Engine, media
) -> None:
    at = open_app("map")
    shaded = _shaded(at)
    # the whole world is drawn: every GeoNames country with an ISO3 code (252 less Kosovo,
    # the Netherlands Antilles and Serbia and Montenegro)
    assert len(shaded) == 249
    assert {code: n for code, n in shaded.items() if n} == {
        code: n_articles for code, (n_articles, _) in SEED_COUNTRIES.items()
    }
    countries = store.country_counts(store_engine)
    assert {iso3(code) for code in countries["country_code"]} == set(SEED_COUNTRIES)

    places = store.place_counts(store_engine)
    points = places[(places["kind"] != "country") & places["lat"].notna()]
    (scatter,) = _map(at)["data"][1:]
    assert scatter["type"] == "scattergeo"
    assert len(decode(scatter["lat"])) == len(points) == 13

    at.segmented_control(key="map-measure").set_value("n_mentions").run()
    assert not at.exception
    assert {code: n for code, n in _shaded(at).items() if n} == {
        code: n_mentions for code, (_, n_mentions) in SEED_COUNTRIES.items()
    }

    assert downloads(at)["map-places-download"] == "Download CSV"
    columns = ["geonames_id", "name", "country_code", "lat", "lon", "n_mentions", "n_articles"]
    expected = places[columns].rename(
        columns={"country_code": "country", "n_mentions": "mentions", "n_articles": "articles"}
    )
    assert media.content(at, "map-places-download") == csv_bytes(expected)


def test_places_not_on_the_map_are_listed(store_url: str, store_engine: Engine) -> None:
    at = open_app("map")
    assert "Places not on the map" in [header.value for header in at.subheader]
    unresolved = frame_with_columns(at, "entity", "label", "n_mentions", "n_articles")
    expected = store.unresolved_places(store_engine)
    assert not expected.empty
    assert list(unresolved["entity"]) == list(expected["entity"])
    assert list(unresolved["n_mentions"]) == list(expected["n_mentions"])
