"""Over time page: the seed corpus has 6 articles dated 2024-10-03 to 2024-12-12, 1 undated."""

from __future__ import annotations

import datetime as dt

from apptest_support import chart, decode, frame_with_columns, open_app

from analytics.export import csv_bytes

UNDATED_LINE = "**1 article has no publication date and is not shown on the time axis.**"


def _traces(at) -> dict[str, list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    """Item -> (x, y) points of the Over time chart."""
    figure = chart(at, "timeline-chart")
    return {
        trace["name"]: list(zip(decode(trace["x"]), decode(trace["y"]), strict=True))
        for trace in figure["data"]
    }


def _markdown(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [element.value for element in at.markdown]


def test_an_entity_per_month(store_url: str, media) -> None:
    at = open_app("timeline")
    # the three most mentioned named entities of the dated articles to start with (Assad,
    # second in the corpus, is only in the undated article)
    assert at.multiselect(key="timeline-entities").value == [
        ("Germany", "GPE"),
        ("Anneke Vos", "PERSON"),
        ("Brightmere Computing", "ORG"),
    ]
    at.multiselect(key="timeline-entities").set_value([("Germany", "GPE")]).run()
    assert not at.exception
    assert _traces(at) == {
        "Germany · GPE": [("2024-10-01", 1), ("2024-11-01", 4), ("2024-12-01", 2)]
    }
    shown = frame_with_columns(at, "period_start", "period", "item")
    assert shown[
        ["period", "n_mentions", "n_articles_mentioning", "n_articles"]
    ].to_numpy().tolist() == [["2024-10", 1, 1, 2], ["2024-11", 4, 2, 3], ["2024-12", 2, 1, 1]]
    assert list(shown["share_of_articles"]) == [0.5, 0.6667, 1.0]
    assert list(shown["period_start"]) == [
        dt.date(2024, 10, 1),
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
    ]
    assert UNDATED_LINE in _markdown(at)
    # the download is the chart's frame
    download = media.file(at, "timeline-download")
    assert download.filename == "over-time-per-month.csv"
    assert download.content == csv_bytes(shown)

    at.segmented_control(key="timeline-value").set_value("share_of_articles").run()
    assert _traces(at) == {
        "Germany · GPE": [("2024-10-01", 0.5), ("2024-11-01", 0.6667), ("2024-12-01", 1.0)]
    }


def test_undated_mentions_are_counted_apart(store_url: str) -> None:
    at = open_app("timeline", query={"entity": "Assad", "label": "PERSON"})
    assert at.multiselect(key="timeline-entities").value == [("Assad", "PERSON")]
    # Assad is only in the undated article: zero on every month, six mentions without a date
    assert _traces(at) == {
        "Assad · PERSON": [("2024-10-01", 0), ("2024-11-01", 0), ("2024-12-01", 0)]
    }
    undated = frame_with_columns(at, "item", "n_mentions", "n_articles_mentioning")
    assert undated.to_dict("records") == [
        {"item": "Assad · PERSON", "n_mentions": 6, "n_articles_mentioning": 1}
    ]


def test_terms_per_week(store_url: str) -> None:
    at = open_app("timeline")
    at.multiselect(key="timeline-entities").set_value([]).run()
    at.text_input(key="timeline-terms").set_value("Port, Rotterdam port").run()
    at.segmented_control(key="timeline-period").set_value("week").run()
    assert not at.exception
    traces = _traces(at)
    assert list(traces) == ["port", "rotterdam port"]
    weeks = [x for x, _ in traces["port"]]
    # ISO weeks 40 (from Monday 2024-09-30) to 50 (from Monday 2024-12-09), none left out
    assert weeks[0] == "2024-09-30" and weeks[-1] == "2024-12-09" and len(weeks) == 11
    assert [(x, y) for x, y in traces["port"] if y] == [("2024-10-21", 4), ("2024-12-09", 6)]
    table = frame_with_columns(at, "period_start", "period", "item")
    assert list(table["period"].unique()) == [f"2024-W{week}" for week in range(40, 51)]


def test_no_dated_article(store_url: str) -> None:
    at = open_app("timeline")
    at.sidebar.text_input(key="filter-search").set_value("Kremlin").run()
    assert not at.exception
    assert not at.get("plotly_chart")
    assert at.info[0].value.startswith(
        "None of the articles that match the filter (1) has a publication date, so there is no "
        "time axis to draw."
    )


def test_entities_page_links_to_the_timeline(store_url: str) -> None:
    at = open_app("entities")
    at.selectbox(key="entities-chosen").set_value(("Hamburg", "GPE")).run()
    at.button(key="entities-timeline").click().run()
    assert not at.exception
    assert at.title[0].value == "Over time"
    assert at.multiselect(key="timeline-entities").value == [("Hamburg", "GPE")]
    assert _traces(at) == {
        "Hamburg · GPE": [("2024-10-01", 1), ("2024-11-01", 2), ("2024-12-01", 1)]
    }


def test_a_clicked_point_lists_its_articles(store_url: str) -> None:
    at = open_app("timeline")
    at.multiselect(key="timeline-entities").set_value([("Germany", "GPE")]).run()
    november = ("Germany · GPE", "2024-11", dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    at.session_state["focus"] = {"timeline": {"period": november}}
    at.run()
    assert not at.exception
    (chips,) = at.get("pills")
    assert [option.content for option in chips.proto.options] == [
        "Clicked point: Germany · GPE in 2024\\-11 ✕"
    ]
    assert "Articles of 2024-11 mentioning Germany · GPE" in [h.value for h in at.subheader]
    articles = frame_with_columns(at, "article_id", "title")
    # the two November articles mentioning Germany (the third, on Hamburg, does not)
    assert list(articles["title"]) == [
        "University study links declining sustained reading to fragmented digital consumption",
        "Data centre near Frankfurt tests limits of Germany's power grid",
    ]
    assert list(articles["published"]) == [dt.date(2024, 11, 19), dt.date(2024, 11, 6)]
    # a word: the articles of that week containing it
    at.text_input(key="timeline-terms").input("port").run()
    week = ("port", "2024-W43", dt.date(2024, 10, 21), dt.date(2024, 10, 27))
    at.session_state["focus"] = {"timeline": {"period": week}}
    at.run()
    titles = list(frame_with_columns(at, "article_id", "title")["title"])
    assert titles == ["EU backs Rotterdam port expansion with €420 million grant"]
    at.get("pills")[0].set_value([]).run()
    assert not at.get("pills")
    assert "Articles of 2024-W43 mentioning port" not in [h.value for h in at.subheader]
