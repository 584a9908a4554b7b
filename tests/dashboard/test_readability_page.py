"""Readability page: grade against length, spread, one measure, hardest articles, flags."""

from __future__ import annotations

from apptest_support import chart, decode, downloads, frame, frame_with_columns, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes
from analytics.views import hardest_articles

SMOG = "SMOG Index (Simple Measure of Gobbledygook)"
SECTIONS = ["One measure", "Hardest articles, and why", "Unreliable scores"]
HARDEST = {"readability-section": "Hardest articles, and why"}
UNRELIABLE = {"readability-section": "Unreliable scores"}


def open_section(at) -> str:  # type: ignore[no-untyped-def]
    """The label of the page's open tab."""
    (tabs,) = at.get("tab_container")
    return SECTIONS[tabs.proto.tab_container.default_tab_index]


def test_hardest_articles_in_order(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("readability", query=HARDEST)
    assert open_section(at) == "Hardest articles, and why"
    hardest = frame(at, "readability-hardest-table")
    assert list(hardest["article_id"]) == [5, 1, 4, 7, 3, 6, 2]
    assert list(hardest["title"]) == [
        "University study links declining sustained reading to fragmented digital consumption",
        "Syrian defeat of the Kremlin may shake Putin's regime - Media.",
        "Data centre near Frankfurt tests limits of Germany's power grid",
        "Rotterdam port awards first contracts for EU-funded terminal",
        "EU backs Rotterdam port expansion with €420 million grant",
        "Hamburg club unveils plans for 30,000-seat stadium by the Elbe",
        "Kraków council votes yes on new bike lanes",
    ]
    assert list(hardest["consensus_grade"]) == [18.0, 14.0, 13.0, 12.0, 11.0, 9.0, 6.0]
    assert list(hardest["n_words"]) == [352, 299, 343, 341, 318, 293, 308]
    assert list(hardest["longest_sentence_words"]) == [36, 32, 37, 43, 39, 39, 22]
    assert list(hardest["difficult_words_percent"]) == [47.2, 28.4, 20.4, 24.9, 26.4, 16.0, 11.4]
    assert list(hardest["polysyllabic_words_percent"]) == [40.9, 18.4, 12.5, 14.4, 12.6, 6.5, 4.5]
    assert hardest["avg_sentence_length"].round(2).tolist() == [
        22.0,
        23.0,
        22.87,
        22.73,
        22.71,
        20.93,
        13.39,
    ]
    assert "Ranked by consensus grade; the columns after it are what drives the scores up." in [
        caption.value for caption in at.caption
    ]
    hardest_csv = media.file(at, "readability-hardest-download")
    assert hardest_csv.filename == "hardest-articles.csv"
    assert hardest_csv.content == csv_bytes(
        hardest_articles(store.readability_table(store_engine), top=10)
    )


def test_unreliable_scores_table(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("readability", query=UNRELIABLE)
    per_measure = frame_with_columns(at, "measure", "n_articles")
    assert per_measure.to_dict("records") == [{"measure": SMOG, "n_articles": 7}]
    flags = frame_with_columns(at, "article_id", "measure", "reason")
    assert len(flags) == 7
    assert list(flags["article_id"]) == [1, 2, 3, 4, 5, 6, 7]
    assert set(flags["measure"]) == {SMOG}
    assert list(flags["reason"]) == [
        f"SMOG needs 30 sentences; this text has {n}" for n in (13, 23, 14, 15, 16, 14, 15)
    ]
    flags_csv = media.file(at, "readability-flags-download")
    assert flags_csv.filename == "unreliable-scores.csv"
    expected = store.flag_table(store_engine)
    assert flags_csv.content == csv_bytes(expected.assign(measure=[SMOG] * 7))


def test_grade_against_length_and_spread(store_url: str) -> None:
    at = open_app("readability")
    (scatter,) = chart(at, "readability-scatter-chart")["data"]
    assert scatter["type"] == "scatter"
    assert decode(scatter["x"]) == [299.0, 308.0, 318.0, 343.0, 352.0, 293.0, 341.0]
    assert decode(scatter["y"]) == [14.0, 6.0, 11.0, 13.0, 18.0, 9.0, 12.0]
    assert [point[0] for point in decode(scatter["customdata"])] == [1, 2, 3, 4, 5, 6, 7]

    (spread,) = chart(at, "readability-spread-chart")["data"]
    assert spread["type"] == "box"
    assert decode(spread["y"]) == [
        "Flesch-Kincaid",
        "Gunning fog",
        "SMOG",
        "Coleman-Liau",
        "ARI",
        "Linsear Write",
        "Consensus",
    ]
    # consensus grades of the seven seeds: 14, 6, 11, 13, 18, 9, 12 -> quartiles 10, 12, 13.5
    assert decode(spread["median"])[-1] == 12.0
    assert decode(spread["q1"])[-1] == 10.0
    assert decode(spread["q3"])[-1] == 13.5
    assert decode(spread["lowerfence"])[-1] == 6.0
    assert decode(spread["upperfence"])[-1] == 18.0
    # the sections are tabs, only the open one computed: at first the one measure's histogram
    assert open_section(at) == "One measure"
    assert "readability-section" not in at.query_params  # the first tab is the default
    assert downloads(at) == {
        "readability-scatter-download": "Download CSV",
        "readability-spread-download": "Download CSV",
        "readability-histogram-download": "Download CSV",
    }
    at.session_state["readability-section"] = "Hardest articles, and why"
    at.run()
    assert open_section(at) == "Hardest articles, and why"
    assert downloads(at) == {
        "readability-scatter-download": "Download CSV",
        "readability-spread-download": "Download CSV",
        "readability-hardest-download": "Download CSV",
    }
    at.session_state["readability-section"] = "Unreliable scores"
    at.run()
    assert downloads(at) == {
        "readability-scatter-download": "Download CSV",
        "readability-spread-download": "Download CSV",
        "readability-flag-counts-download": "Download CSV",
        "readability-flags-download": "Download CSV",
    }


def test_a_link_opens_a_section(store_url: str) -> None:
    at = open_app("readability", query=UNRELIABLE)
    assert open_section(at) == "Unreliable scores"
    assert at.query_params["readability-section"] == "Unreliable scores"
    assert len(frame_with_columns(at, "article_id", "measure", "reason")) == 7
    # a section that does not exist opens the first tab
    at = open_app("readability", query={"readability-section": "Nowhere"})
    assert open_section(at) == "One measure"
    assert chart(at, "readability-histogram-chart")["data"][0]["type"] == "bar"


def test_choosing_a_measure(store_url: str) -> None:
    at = open_app("readability")
    measure = at.selectbox(key="readability-measure")
    assert measure.value == "flesch_reading_ease"
    assert measure.options[3] == SMOG
    histogram = chart(at, "readability-histogram-chart")
    assert histogram["layout"]["title"]["text"] == "Flesch Reading Ease across articles"
    # seven distinct values (-15.46 to 82.55) in seven equal bins of 14.0
    (bars,) = histogram["data"]
    assert decode(bars["y"]) == [1, 0, 0, 1, 3, 0, 2]
    assert round(decode(bars["x"])[0], 2) == round(-15.46 + 14.0 / 2, 2)
    at.selectbox(key="readability-measure").set_value("gunning_fog").run()
    histogram = chart(at, "readability-histogram-chart")
    assert histogram["layout"]["title"]["text"] == "Gunning Fog Index across articles"
    assert sum(decode(histogram["data"][0]["y"])) == 7
    assert at.get_by_key("readability-histogram-download").label == "Download CSV"


def test_clicking_a_point_opens_its_article(store_url: str) -> None:
    at = open_app("readability")
    at.session_state["readability-scatter-chart"] = {
        "selection": {"points": [], "point_indices": [2], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "3"
    assert at.title[0].value == "EU backs Rotterdam port expansion with €420 million grant"


def test_clicking_a_hardest_row_opens_its_article(store_url: str) -> None:
    at = open_app("readability", query=HARDEST)
    at.session_state["readability-hardest-table"] = {"selection": {"rows": [0]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "5"


def test_a_clicked_histogram_bar_narrows_the_rest_of_the_page(store_url: str) -> None:
    at = open_app("readability")
    at.session_state["focus"] = {"readability": {"measure": ("consensus_grade", 13.0, 18.0)}}
    at.run()
    assert not at.exception
    (chips,) = at.get("pills")
    assert [option.content for option in chips.proto.options] == [
        "Consensus Grade Level: 13 to 18 ✕"
    ]
    # The histogram itself still shows every article, to click another bar.
    histogram = chart(at, "readability-histogram-chart")
    assert sum(decode(histogram["data"][0]["y"])) == 7
    # the other sections are narrowed
    at.session_state["readability-section"] = "Hardest articles, and why"
    at.run()
    assert list(frame(at, "readability-hardest-table")["article_id"]) == [5, 1, 4]
    at.session_state["readability-section"] = "Unreliable scores"
    at.run()
    flags = frame_with_columns(at, "article_id", "measure", "reason")
    assert list(flags["article_id"]) == [1, 4, 5]
    at.session_state["readability-section"] = "Hardest articles, and why"
    at.run()
    at.get("pills")[0].set_value([]).run()
    assert list(frame(at, "readability-hardest-table")["article_id"]) == [5, 1, 4, 7, 3, 6, 2]
