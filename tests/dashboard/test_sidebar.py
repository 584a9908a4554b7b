"""The shared sidebar filter: sources, dates and search, on every page and across switches."""

from __future__ import annotations

import datetime as dt

from apptest_support import chart, decode, frame, metrics, open_app


def test_sidebar_widgets_on_the_seed_corpus(store_url: str) -> None:
    at = open_app()
    assert at.sidebar.header[0].value == "Filter the corpus"
    sources = at.multiselect(key="filter-sources")
    assert sources.options == ["Harbour Daily", "Northern Ledger", "The Civic Wire"]
    assert sources.value == []
    dates = at.sidebar.date_input[0]
    assert dates.value == (dt.date(2024, 10, 3), dt.date(2024, 12, 12))
    assert at.text_input(key="filter-search").value == ""
    assert [caption.value for caption in at.sidebar.caption] == []


def test_choosing_a_source_filters_the_overview(store_url: str) -> None:
    at = open_app()
    at.multiselect(key="filter-sources").set_value(["Harbour Daily"]).run()
    assert not at.exception
    assert metrics(at) == {
        "Articles": "2",
        "Words": "659",
        "Median grade": "11.5",
        "Distinct entities": "41",
        "Sources": "1",
    }
    assert at.caption[0].value == "published 2024-10-21 to 2024-12-12; 0 articles without a date."
    assert list(frame(at, "overview-articles-table")["title"]) == [
        "Rotterdam port awards first contracts for EU-funded terminal",
        "EU backs Rotterdam port expansion with €420 million grant",
    ]

    at.multiselect(key="filter-sources").select("The Civic Wire").run()
    assert metrics(at)["Articles"] == "4"
    assert metrics(at)["Sources"] == "2"
    assert list(frame(at, "overview-articles-table")["article_id"]) == [7, 5, 3, 2]


def test_search_filters_title_and_text(store_url: str) -> None:
    at = open_app()
    at.text_input(key="filter-search").input("bike").run()
    assert metrics(at)["Articles"] == "1"
    assert metrics(at)["Words"] == "308"
    assert list(frame(at, "overview-articles-table")["title"]) == [
        "Kraków council votes yes on new bike lanes"
    ]

    # Source and search together.
    at.text_input(key="filter-search").input("contracts").run()
    assert list(frame(at, "overview-articles-table")["article_id"]) == [7, 4]
    at.multiselect(key="filter-sources").set_value(["Harbour Daily"]).run()
    assert list(frame(at, "overview-articles-table")["article_id"]) == [7]
    assert metrics(at)["Articles"] == "1"


def test_search_finds_whole_words(store_url: str) -> None:
    """Searching "Putin" no longer finds the data-centre story through "com*putin*g" (it did
    when search matched inside words); "PUTIN" and "putin's" are the same word."""
    at = open_app()
    at.text_input(key="filter-search").input("Putin").run()
    assert list(frame(at, "overview-articles-table")["article_id"]) == [1]
    at.text_input(key="filter-search").input("PUTIN's").run()
    assert list(frame(at, "overview-articles-table")["article_id"]) == [1]


def test_search_with_wildcard_characters_is_literal(store_url: str) -> None:
    at = open_app()
    at.text_input(key="filter-search").input("%").run()
    assert metrics(at)["Articles"] == "0"


def test_nothing_matches(store_url: str) -> None:
    at = open_app()
    at.text_input(key="filter-search").input("no such words anywhere").run()
    assert not at.exception
    assert metrics(at) == {
        "Articles": "0",
        "Words": "0",
        "Median grade": "–",
        "Distinct entities": "0",
        "Sources": "0",
    }
    assert [info.value for info in at.info] == [
        "No article matches the filter. Change it in the sidebar, or add articles on Upload."
    ]
    assert at.get("plotly_chart") == []
    for page in ("article", "words", "readability"):
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, page
        assert [info.value for info in at.info] == [
            "No article matches the filter. Change it in the sidebar, or add articles on Upload."
        ], page
    at.switch_page("views/entities.py").run()
    assert not at.exception
    assert [info.value for info in at.info] == ["No entity in the articles that match the filter."]


def test_date_range_filters_and_leaves_out_undated_articles(store_url: str) -> None:
    at = open_app()
    at.sidebar.date_input[0].set_value((dt.date(2024, 11, 1), dt.date(2024, 11, 30)))
    at.run()
    assert metrics(at) == {
        "Articles": "3",
        "Words": "988",
        "Median grade": "13.0",
        "Distinct entities": "56",  # "Computing" counts as "Brightmere Computing"; with the Elbe
        "Sources": "2",
    }
    assert list(frame(at, "overview-articles-table")["article_id"]) == [6, 5, 4]
    assert [caption.value for caption in at.sidebar.caption] == [
        "Articles without a date are left out while a range is set."
    ]


def test_filter_persists_when_switching_pages(store_url: str) -> None:
    at = open_app()
    at.multiselect(key="filter-sources").set_value(["Harbour Daily"]).run()
    at.text_input(key="filter-search").input("contracts").run()

    at.switch_page("views/words.py").run()
    assert not at.exception
    assert at.multiselect(key="filter-sources").value == ["Harbour Daily"]
    assert at.text_input(key="filter-search").value == "contracts"
    terms = chart(at, "words-top-terms-chart")["data"][0]
    # "said" is a news word, left out with the stop words (components.pickers.pick_news_words)
    assert decode(terms["y"])[:5] == ["port", "new", "commission", "european", "power"]
    assert decode(terms["x"])[:5] == [6, 4, 3, 3, 3]
    assert at.multiselect(key="words-articles").options == [
        "Rotterdam port awards first contracts for EU-funded terminal (#7)"
    ]

    at.switch_page("views/article.py").run()
    assert at.selectbox(key="article-pick-select").options == [
        "Rotterdam port awards first contracts for EU-funded terminal  (#7)"
    ]

    at.switch_page("views/overview.py").run()
    assert metrics(at)["Articles"] == "1"
    assert list(frame(at, "overview-articles-table")["article_id"]) == [7]


def test_filter_survives_st_switch_page(store_url: str) -> None:
    """Opening an article from a table row goes through ``st.switch_page``; the sidebar's
    widgets keep their values (``persist_state="session"``)."""
    at = open_app()
    at.multiselect(key="filter-sources").set_value(["Northern Ledger"]).run()
    at.session_state["overview-articles-table"] = {"selection": {"rows": [1]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "4"
    assert at.multiselect(key="filter-sources").value == ["Northern Ledger"]
    assert at.selectbox(key="article-pick-select").options == [
        "Hamburg club unveils plans for 30,000-seat stadium by the Elbe  (#6)",
        "Data centre near Frankfurt tests limits of Germany's power grid  (#4)",
    ]
    assert at.selectbox(key="article-pick-select").value == 4
