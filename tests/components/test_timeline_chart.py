"""The Over time figure: a line per item on a real date axis, counts or shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.timeline import TIMELINE_COLUMNS, timeline
from components.charts import timeline_figure

MENTIONS = pd.DataFrame(
    [
        (dt.date(2024, 10, 3), "<b>x</b> · ORG", 2, 1),
        (dt.date(2024, 12, 12), "port", 3, 1),
    ],
    columns=["published", "item", "n_mentions", "n_articles"],
)
ARTICLES = pd.DataFrame(
    {"published": [dt.date(2024, 10, 3), dt.date(2024, 12, 12)], "n_articles": [2, 1]}
)


def _frame() -> pd.DataFrame:
    return timeline(MENTIONS, ARTICLES, items=["<b>x</b> · ORG", "port"], period="month").frame


def test_counts_on_a_date_axis() -> None:
    figure = timeline_figure(_frame(), value="n_mentions", period="month", title="T")
    assert [trace.name for trace in figure.data] == ["&lt;b&gt;x&lt;/b&gt; · ORG", "port"]
    first, second = figure.data
    assert list(first.x) == ["2024-10-01", "2024-11-01", "2024-12-01"]
    assert list(first.y) == [2, 0, 0]
    assert list(second.y) == [0, 0, 3]
    assert figure.layout.xaxis.type == "date"
    assert figure.layout.xaxis.title.text == "Month"
    assert (figure.layout.xaxis.dtick, figure.layout.xaxis.tickformat) == ("M1", "%b %Y")
    # whole, round ticks: every mention from 0 (3 at most), never "0 1 1 2 2 3"
    assert (figure.layout.yaxis.tickformat, figure.layout.yaxis.dtick) == (",d", 1)
    assert (figure.layout.yaxis.tick0, figure.layout.yaxis.tickmode) == (0, "linear")
    assert figure.layout.title.text == "T"


def test_share_of_articles() -> None:
    figure = timeline_figure(_frame(), value="share_of_articles")
    # November had no article: no share, a gap in the line rather than an invented zero
    first = figure.data[0]
    assert list(first.y[:1]) == [0.5] and pd.isna(first.y[1]) and first.y[2] == 0.0
    assert figure.layout.yaxis.tickformat == ".0%"


def test_empty() -> None:
    figure = timeline_figure(pd.DataFrame(columns=TIMELINE_COLUMNS), title="Over time")
    assert figure.data == ()
    assert figure.layout.annotations[0].text == "Nothing to show"
