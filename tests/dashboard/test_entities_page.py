"""Entities page: leaderboards per type, the heatmap, and the sentences behind an entity."""

from __future__ import annotations

import datetime as dt

from apptest_support import chart, decode, downloads, frame, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes

# GPE first: places the model typed as people or organisations, or missed, are places now
PRESENT_LABELS = ["GPE", "PERSON", "ORG", "NORP", "LOC", "FAC"]
TAB_LABELS = [
    "GPE – Countries, cities, states",
    "PERSON – People",
    "ORG – Organisations",
    "NORP – Nationalities, religious and political groups",
    "LOC – Other places",
    "FAC – Buildings, airports, roads",
]
PUTIN_SENTENCES = [
    "Putin demands explanations from the intelligence services about their failure to "
    "anticipate the fall of Assad's regime.",
    "Putin is also concerned about providing asylum to Assad due to accusations of war crimes.",
    "'The Putin regime itself has always been pursuing Islamic terrorism.",
]


def _type_control(at):  # type: ignore[no-untyped-def]
    (control,) = [c for c in at.segmented_control if c.label == "Type"]
    return control


def _board(at, label: str) -> list[tuple[str, int]]:
    """The leaderboard of one entity type, chosen with the Type control."""
    _type_control(at).set_value(label).run()
    assert not at.exception
    (trace,) = chart(at, "entities-board-chart")["data"]
    return list(zip(decode(trace["y"]), decode(trace["x"]), strict=True))


def test_a_leaderboard_tab_per_named_type(store_url: str) -> None:
    at = open_app("entities")
    assert at.title[0].value == "Entities"
    assert at.multiselect(key="entities-labels").value == PRESENT_LABELS
    # numbers and dates are one switch away ("Show numbers and dates")
    assert at.multiselect(key="entities-labels").options == TAB_LABELS
    assert _type_control(at).options == TAB_LABELS
    assert _type_control(at).value == "GPE"
    assert _board(at, "PERSON")[:7] == [
        ("Assad", 6),
        ("Anneke Vos", 4),
        ("Jonas Keller", 4),
        ("Marek Zieliński", 4),
        ("Ewa Kowalczyk", 3),
        ("Putin", 3),
        ("Amy Knight", 2),
    ]
    assert ("Brightmere Computing", 4) in _board(at, "ORG")  # a company, no longer a PERSON
    assert len(_board(at, "PERSON")) == 14  # SV Elbufer is a club (ORG)
    assert _board(at, "GPE")[:5] == [
        ("Germany", 7),
        ("Syria", 5),
        ("Hamburg", 4),
        ("Russia", 4),
        ("Poland", 3),
    ]
    assert _board(at, "LOC") == [("Central Asia", 2), ("Europe", 2), ("Asia", 1), ("Elbe", 1)]
    assert _board(at, "FAC") == [("Karmelicka Street", 1)]
    _board(at, "PERSON")
    assert chart(at, "entities-board-chart")["layout"]["title"]["text"] == (
        "Most mentioned: People"
    )
    person = chart(at, "entities-board-chart")["data"][0]
    assert person["marker"]["color"] == "#1f77b4"
    assert downloads(at)["entities-board-download"] == "Download CSV"


def test_top_slider_shortens_the_leaderboards(store_url: str) -> None:
    at = open_app("entities")
    at.slider(key="entities-top").set_value(5).run()
    assert [name for name, _ in _board(at, "GPE")] == [
        "Germany",
        "Syria",
        "Hamburg",
        "Russia",
        "Poland",
    ]
    assert len(_board(at, "PERSON")) == 5


def test_choosing_types(store_url: str) -> None:
    at = open_app("entities")
    assert "DATE – Dates" not in at.multiselect(key="entities-labels").options
    at.toggle(key="entities-numbers").set_value(True).run()  # "Show numbers and dates"
    assert "DATE – Dates" in at.multiselect(key="entities-numbers-labels").options
    at.multiselect(key="entities-numbers-labels").set_value(["DATE"]).run()
    assert not at.exception
    assert _type_control(at).options == ["DATE – Dates"]
    assert at.selectbox(key="entities-chosen").value == ("last week", "DATE")
    assert "2 sentences in 2 articles. Click a row to open its article." in [
        caption.value for caption in at.caption
    ]

    at.multiselect(key="entities-numbers-labels").set_value([]).run()
    assert [warning.value for warning in at.warning] == ["Choose at least one entity type."]
    assert at.get("plotly_chart") == []


def test_heatmap_of_the_leading_entities(store_url: str) -> None:
    at = open_app("entities")
    (heatmap,) = chart(at, "entities-heatmap-chart")["data"]
    assert decode(heatmap["x"])[:6] == [
        "Anneke Vos · PERSON",
        "Assad · PERSON",
        "Brightmere Computing · ORG",
        "Dutch · NORP",
        "European Commission · ORG",
        "Ewa Kowalczyk · PERSON",
    ]
    assert len(decode(heatmap["x"])) == 12
    assert len(decode(heatmap["y"])) == 7
    rows = dict(zip(decode(heatmap["y"]), decode(heatmap["z"]), strict=True))
    columns = decode(heatmap["x"])
    syria = rows["Syrian defeat of the Kremlin may shake Putin's regime - Med… (#1)"]
    assert syria[columns.index("Assad · PERSON")] == 6
    assert syria[columns.index("Germany · GPE")] == 0


def test_the_heatmap_says_what_it_shows_of_how_many(store_url: str, store_engine: Engine) -> None:
    at = open_app("entities")
    labels = at.multiselect(key="entities-labels").value
    totals = store.label_totals(store_engine)
    n_of_types = int(totals.loc[totals["label"].isin(labels), "n_entities"].sum())
    assert n_of_types > 12
    # every article mentions one of the 12 columns, so all 7 rows are shown (cap: 30)
    assert (
        "7 articles. Rows: the articles with the most mentions of the columns, the 12 most "
        f"mentioned of {n_of_types:,} entities."
    ) in [caption.value for caption in at.caption]
    assert "entities-heatmap-all-download" not in downloads(at)


def test_sentences_of_the_default_entity(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("entities")
    chosen = at.selectbox(key="entities-chosen")
    assert chosen.value == ("Germany", "GPE")
    assert chosen.options[:5] == [
        "Germany · GPE",
        "Assad · PERSON",
        "Syria · GPE",
        "Anneke Vos · PERSON",
        "Brightmere Computing · ORG",
    ]
    assert len(chosen.options) == 67  # one row per company and per place ("Computing" too)
    assert "7 sentences in 4 articles. Click a row to open its article." in [
        caption.value for caption in at.caption
    ]
    table = frame(at, "entities-sentences-table")
    assert list(table["article_id"]) == [3, 4, 4, 4, 5, 7, 7]
    assert list(table["sentence_index"]) == [1, 2, 5, 8, 2, 5, 10]
    assert table["sentence"].iloc[4] == (
        "The study followed some 6,200 participants across Austria, Germany and Poland."
    )
    sentences = media.file(at, "entities-sentences-download")
    assert sentences.filename == "sentences-germany.csv"
    assert sentences.content == csv_bytes(
        store.entity_sentences(store_engine, entity="Germany", label="GPE")
    )


def test_choosing_an_entity_shows_its_sentences(store_url: str) -> None:
    at = open_app("entities")
    at.selectbox(key="entities-chosen").set_value(("Putin", "PERSON")).run()
    assert not at.exception
    assert "3 sentences in 1 article. Click a row to open its article." in [
        caption.value for caption in at.caption
    ]
    table = frame(at, "entities-sentences-table")
    assert list(table.columns) == [
        "sentence",
        "title",
        "published",
        "article_id",
        "sentence_index",
        "n_mentions",
    ]
    assert list(table["sentence"]) == PUTIN_SENTENCES
    assert list(table["sentence_index"]) == [5, 9, 11]
    assert list(table["article_id"]) == [1, 1, 1]
    assert list(table["n_mentions"]) == [1, 1, 1]
    assert set(table["title"]) == {"Syrian defeat of the Kremlin may shake Putin's regime - Media."}

    at.selectbox(key="entities-chosen").set_value(("Anneke Vos", "PERSON")).run()
    table = frame(at, "entities-sentences-table")
    assert list(table["article_id"]) == [3, 3, 7, 7]
    assert list(table["published"]) == [dt.date(2024, 10, 21)] * 2 + [dt.date(2024, 12, 12)] * 2
    assert table["sentence"].iloc[3] == (
        "Anneke Vos also confirmed that the environmental assessment, published last week, had "
        "led the port to move part of the dredging away from the Voordelta nature reserve."
    )


def test_clicking_a_sentence_opens_its_article(store_url: str) -> None:
    at = open_app("entities")
    at.session_state["entities-sentences-table"] = {"selection": {"rows": [1]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "4"
    assert at.title[0].value == "Data centre near Frankfurt tests limits of Germany\\'s power grid"
