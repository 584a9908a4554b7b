"""Map: the places the articles mention, resolved on the gazetteer, by country and by place;
a click on a country or a place narrows the page to the articles mentioning it."""

import streamlit as st

from components.columns import count_columns
from components.display import show_table
from components.download import show_download
from components.focus import focused_filter, show_focus_chips
from components.maps import MAP_CONFIG, MEASURES, map_frame, place_map_figure
from components.safe_text import markdown_escape
from components.selection import mark_selection, selected_rows
from dashboard import data
from dashboard.focus import focus_key, focus_on_click, page_focus, remove_focus
from dashboard.state import current_filter, open_timeline

PAGE = "map"
#: The columns of the map's CSV, as named in it.
CSV_COLUMNS = {
    "geonames_id": "geonames_id",
    "name": "name",
    "country_code": "country",
    "lat": "lat",
    "lon": "lon",
    "n_mentions": "mentions",
    "n_articles": "articles",
}

corpus = current_filter()
focus = page_focus(PAGE)
flt = focused_filter(corpus, focus)
st.title("Map")
show_focus_chips(focus, key="map-focus", on_remove=remove_focus(PAGE))
measure = (
    st.segmented_control(
        "Measure",
        list(MEASURES),
        default="n_articles",
        format_func=lambda column: MEASURES[column],
        key="map-measure",
    )
    or "n_articles"
)
map_filter = focused_filter(corpus, focus, leave_out="entity")
places = data.place_counts(map_filter)
countries = data.country_counts(map_filter)
if places.empty:
    st.info("No place on the gazetteer in the articles that match the filter.")
else:
    st.caption(
        "Countries are shaded by the articles (or mentions) naming them or a place in them; "
        "points are cities and regions. Click a country or a point to narrow the page to the "
        "articles mentioning it."
    )
    frame = map_frame(countries, places)
    chart_key = focus_key("map-places")
    st.plotly_chart(
        mark_selection(  # the clicked country or place stands out
            place_map_figure(frame, measure=measure),
            selected_rows(frame, "entity", focus.get("entity")),
        ),
        width="stretch",
        key=f"{chart_key}-chart",
        config=MAP_CONFIG,
        on_select=focus_on_click(PAGE, "entity", chart_key, frame),
        selection_mode="points",
    )
    show_download(
        places[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS),
        key="map-places",
        file_name="places",
    )

if "entity" in focus:
    entity, label = focus["entity"]
    st.subheader(f"Articles mentioning {markdown_escape(entity)}")
    if st.button("Show over time", key="map-timeline"):
        open_timeline(entity, label)

st.subheader("Places")
shown = places if "entity" not in focus else data.place_counts(flt)
show_table(
    shown[["name", "kind", "country_code", "n_mentions", "n_articles"]],
    key="map-table",
    file_name="places-table",
    column_config={**count_columns(), "name": "Place", "kind": "Kind", "country_code": "Country"},
)

st.subheader("Places not on the map")
unresolved = data.unresolved_places(flt)
if unresolved.empty:
    st.caption("Every place mentioned was found on the gazetteer.")
else:
    st.caption(
        "Place names the gazetteer does not know, and names of places that stand for something "
        "else where they are mentioned (a national side in a match report): they are counted "
        "in the entity tables but not on the map."
    )
    show_table(
        unresolved,
        key="map-unresolved",
        file_name="places-not-on-the-gazetteer",
        column_config=count_columns(),
    )
