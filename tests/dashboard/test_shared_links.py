"""The page's filter and chips in its URL (``dashboard.links``): a link opens the narrowed
view, every change is written back to the URL, and a bad link is read as far as it is valid,
with one warning, never an error. On the seed corpus (7 articles, 3 sources)."""

from __future__ import annotations

import datetime as dt

from apptest_support import chart, decode, frame, frame_with_columns, metrics, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.filters import ArticleFilter

SEED_ARTICLES = "7"


def _chips(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [option.content for chips in at.get("pills") for option in chips.proto.options]


def test_a_link_with_a_source_and_a_word_chip_opens_the_narrowed_overview(
    store_url: str, store_engine: Engine
) -> None:
    link = {"source": "The Civic Wire", "chip.word": "bike"}
    at = open_app(query=link)
    assert not at.warning
    assert at.multiselect(key="filter-sources").value == ["The Civic Wire"]
    assert _chips(at) == ["Contains the word: bike ✕"]
    assert at.session_state["focus"]["overview"] == {"word": "bike"}
    narrowed = store.corpus_summary(
        store_engine, ArticleFilter(sources=("The Civic Wire",), containing_word="bike")
    )
    assert (narrowed["n_articles"], narrowed["n_words"]) == (1, 308)
    assert metrics(at)["Articles"] == "1"
    assert metrics(at)["Words"] == "308"
    assert list(frame(at, "overview-articles-table")["title"]) == [
        "Kraków council votes yes on new bike lanes"
    ]
    # the clicked chart shows its selection: the "bike" bar kept, the others dimmed; the
    # chart leaves out its own click, so it still shows The Civic Wire's top words
    (bars,) = chart(at, "overview-words-chart")["data"]
    terms = decode(bars["y"])
    assert terms[:4] == ["reading", "city", "new", "bike"]  # news words such as "said" left out
    assert bars["selectedpoints"] == [3]
    assert bars["unselected"]["marker"]["opacity"] == 0.3
    # the URL stays as it was opened
    assert at.query_params == link


def test_sidebar_changes_and_clicks_are_written_to_the_url(store_url: str) -> None:
    at = open_app()
    assert at.query_params == {}
    at.multiselect(key="filter-sources").set_value(["Harbour Daily", "The Civic Wire"]).run()
    assert at.query_params == {"source": ["Harbour Daily", "The Civic Wire"]}
    at.text_input(key="filter-search").input("contracts").run()
    at.toggle(key="filter-one-per-cluster").set_value(True).run()
    at.sidebar.date_input[0].set_value((dt.date(2024, 10, 21), dt.date(2024, 12, 12))).run()
    assert at.query_params == {
        "source": ["Harbour Daily", "The Civic Wire"],
        "from": "2024-10-21",
        "to": "2024-12-12",
        "search": "contracts",
        "one_per_cluster": "1",
    }
    assert metrics(at)["Articles"] == "1"

    # a click on a bar (as the chart's callback sets it) is a chip in the URL too
    at.session_state["focus"] = {"overview": {"entity": ("Rotterdam", "GPE")}}
    at.run()
    assert at.query_params["chip.entity"] == "Rotterdam (GPE)"
    # removing the chip and the filters takes them out of the URL again
    (chips,) = at.get("pills")
    chips.set_value([]).run()
    assert "chip.entity" not in at.query_params
    at.multiselect(key="filter-sources").set_value([]).run()
    at.text_input(key="filter-search").input("").run()
    at.toggle(key="filter-one-per-cluster").set_value(False).run()
    assert at.query_params == {"from": "2024-10-21", "to": "2024-12-12"}
    at.sidebar.date_input[0].set_value((dt.date(2024, 10, 3), dt.date(2024, 12, 12))).run()
    assert at.query_params == {}
    assert metrics(at)["Articles"] == SEED_ARTICLES


def test_what_a_run_writes_opens_the_same_view_in_a_new_session(store_url: str) -> None:
    """Filter -> URL -> a new session (a reload, or a colleague opening the link)."""
    at = open_app()
    at.multiselect(key="filter-sources").set_value(["The Civic Wire"]).run()
    at.sidebar.date_input[0].set_value((dt.date(2024, 10, 3), dt.date(2024, 11, 30))).run()
    # a click on the second bar of the reading grades (12 to 18)
    at.session_state["focus"] = {"overview": {"measure": ("consensus_grade", 12.0, 18.0)}}
    at.run()
    shown = metrics(at)
    assert (shown["Articles"], shown["Words"], shown["Median grade"]) == ("1", "352", "18.0")
    titles = list(frame(at, "overview-articles-table")["title"])
    assert titles == [
        "University study links declining sustained reading to fragmented digital consumption"
    ]
    link = dict(at.query_params)
    assert link == {
        "source": "The Civic Wire",
        "from": "2024-10-03",
        "to": "2024-11-30",
        "chip.measure": "consensus_grade:12:18",
    }

    reloaded = open_app(query=link)
    assert not reloaded.warning
    assert metrics(reloaded) == shown
    assert list(frame(reloaded, "overview-articles-table")["title"]) == titles
    assert reloaded.sidebar.date_input[0].value == (dt.date(2024, 10, 3), dt.date(2024, 11, 30))
    assert _chips(reloaded) == ["Consensus Grade Level: 12 to 18 ✕"]
    (grades,) = chart(reloaded, "overview-grades-chart")["data"]
    assert grades["selectedpoints"] == [1]  # the bar clicked is marked after the reload
    assert reloaded.query_params == link


def test_an_entity_chip_opens_the_entities_page_narrowed(
    store_url: str, store_engine: Engine
) -> None:
    at = open_app("entities", query={"chip.entity": "Rotterdam (GPE)"})
    assert _chips(at) == ["Mentions: Rotterdam \\(GPE\\) ✕"]
    expected = store.entity_by_article(
        store_engine,
        ArticleFilter(mentioning=("Rotterdam", "GPE")),
        chosen_entities=(("Rotterdam", "GPE"),),
    )
    (heatmap,) = chart(at, "entities-heatmap-chart")["data"]
    assert len(decode(heatmap["y"])) == expected["article_id"].nunique() == 2
    # the leaderboard of places keeps every place, Rotterdam marked
    (*_, places) = chart(at, "entities-board-chart")["data"]
    names = decode(places["y"])
    assert places["selectedpoints"] == [names.index("Rotterdam")]
    assert at.query_params == {"chip.entity": "Rotterdam (GPE)"}


def test_a_link_keeps_a_page_parameter_and_adds_the_filter(store_url: str) -> None:
    at = open_app("article", query={"article": "4", "source": "Harbour Daily"})
    assert at.query_params == {"article": "4", "source": "Harbour Daily"}
    assert at.multiselect(key="filter-sources").value == ["Harbour Daily"]


def test_the_filter_follows_a_page_switch(store_url: str) -> None:
    at = open_app(query={"source": "Northern Ledger", "chip.word": "port"})
    at.switch_page("views/words.py").run()
    assert not at.exception
    # the sidebar's filter goes with the user; a chip belongs to the page it was clicked on
    assert at.query_params == {"source": "Northern Ledger"}
    assert at.multiselect(key="filter-sources").value == ["Northern Ledger"]


def test_a_bad_link_is_read_as_far_as_it_is_valid_with_one_warning(store_url: str) -> None:
    at = open_app(
        query={
            "source": ["Harbour Daily", "<img src=x onerror=alert(1)>"],
            "from": "not a date",
            "chip.entity": "**bold**",
            "chip.measure": "consensus_grade:1:2:3",
            "meta.category": "sport",
            "one_per_cluster": "maybe",
        }
    )
    (warning,) = at.warning
    assert warning.value == (
        "Part of the link was left out:\n"
        '- No source is called \\"\\<img src\\=x onerror\\=alert\\(1\\)\\>\\"\\: left out\\.\n'
        '- No kept column is called \\"category\\"\\: left out\\.\n'
        '- from is a date as 2024\\-10\\-31\\, not \\"not a date\\"\\: left out\\.\n'
        '- one\\_per\\_cluster is 1 or 0\\, not \\"maybe\\"\\: left out\\.\n'
        '- chip\\.entity is \\"name \\(TYPE\\)\\"\\, as \\"Rotterdam \\(GPE\\)\\"\\, not '
        '\\"\\*\\*bold\\*\\*\\"\\: left out\\.\n'
        '- chip\\.measure is \\"measure\\:from\\:to\\"\\, as \\"consensus\\_grade\\:12\\:13\\"\\, '
        'with a known measure\\, not \\"consensus\\_grade\\:1\\:2\\:3\\"\\: left out\\.'
    )
    assert metrics(at)["Articles"] == "2"  # Harbour Daily's two articles
    # the URL now says only what was used
    assert at.query_params == {"source": "Harbour Daily"}
    # the warning is for the link as opened; the next run does not repeat it
    at.run()
    assert not at.warning


def test_chips_on_a_page_without_chips_are_left_out(store_url: str) -> None:
    at = open_app("compare", query={"chip.word": "port", "search": "port"})
    assert [warning.value for warning in at.warning][0] == (
        "Part of the link was left out:\n"
        "- This page has no chips to narrow it\\: the link\\'s chips are left out\\."
    )
    assert at.text_input(key="filter-search").value == "port"
    assert at.query_params == {"search": "port"}


def test_a_clicked_point_of_over_time_in_a_link(store_url: str) -> None:
    """Click -> URL -> a new session on Over time: the item, the period and the articles."""
    at = open_app("timeline")
    at.multiselect(key="timeline-entities").set_value([("Germany", "GPE")]).run()
    november = ("Germany · GPE", "2024-11", dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    at.session_state["focus"] = {"timeline": {"period": november}}
    at.run()
    link = dict(at.query_params)
    assert link == {"chip.period": "month:2024-11-01:Germany · GPE"}

    reloaded = open_app("timeline", query=link)
    assert not reloaded.warning
    assert reloaded.multiselect(key="timeline-entities").value == [("Germany", "GPE")]
    assert _chips(reloaded) == ["Clicked point: Germany · GPE in 2024\\-11 ✕"]
    assert list(frame_with_columns(reloaded, "article_id", "title")["title"]) == [
        "University study links declining sustained reading to fragmented digital consumption",
        "Data centre near Frankfurt tests limits of Germany's power grid",
    ]
    # a word in a week; the chip's removal takes it out of the URL
    word = open_app(
        "timeline", query={"chip.period": "week:2024-10-21:port", "source": "Harbour Daily"}
    )
    assert word.text_input(key="timeline-terms").value == "port"
    assert word.segmented_control(key="timeline-period").value == "week"
    assert list(frame_with_columns(word, "article_id", "title")["title"]) == [
        "EU backs Rotterdam port expansion with €420 million grant"
    ]
    word.get("pills")[0].set_value([]).run()
    assert word.query_params == {"source": "Harbour Daily"}
    # elsewhere, a clicked point of Over time is left out
    other = open_app("words", query={"chip.period": "week:2024-10-21:port"})
    assert [warning.value for warning in other.warning] == [
        "Part of the link was left out:\n"
        "- A clicked point of Over time opens on that page only\\: left out\\."
    ]


def test_a_place_chip_opens_the_map_narrowed_and_marked(
    store_url: str, store_engine: Engine
) -> None:
    at = open_app("map", query={"chip.entity": "Rotterdam (GPE)"})
    assert at.title[0].value == "Map"
    assert _chips(at) == ["Mentions: Rotterdam \\(GPE\\) ✕"]
    assert "Articles mentioning Rotterdam" in [header.value for header in at.subheader]
    countries, points = chart(at, "map-places-chart")["data"]
    assert countries["type"] == "choropleth"
    assert countries["selectedpoints"] == []  # every country dimmed
    names = decode(points["text"])
    assert points["selectedpoints"] == [names.index("Rotterdam")]
    # the places of the two articles mentioning Rotterdam
    expected = store.place_counts(store_engine, ArticleFilter(mentioning=("Rotterdam", "GPE")))
    shown = list(frame_with_columns(at, "name", "kind")["name"])
    assert shown == list(expected["name"])
    assert shown[:4] == ["Germany", "Rotterdam", "Antwerp", "Duisburg"]
    assert at.query_params == {"chip.entity": "Rotterdam (GPE)"}
