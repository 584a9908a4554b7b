"""Tests of analytics.readers.dates. Publication dates as the readers find them: web page
metadata, batch columns, day-month order.

These dates are what the Over time page puts on its axis; an article whose date cannot be read
has none (and a warning), never a made-up one.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analytics.readers.dates import column_date_order, parse_date
from analytics.readers.reading import read_upload

PARAGRAPH = (
    "The council voted on Tuesday to approve a network of new cycle lanes across the city, "
    "after a long debate in which residents, shop owners and cyclists all spoke."
)


def _page(head: str, body_start: str = "") -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves new cycle lanes</title>{head}</head>
<body><article>{body_start}<h1>Council approves new cycle lanes</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH.replace("Tuesday", "Monday")}</p></article></body></html>
""".encode()


JSON_LD = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council approves new cycle lanes",
        "datePublished": "2023-03-14T09:30:00+01:00",
        "dateModified": "2024-01-02T09:30:00+01:00",
    }
)


@pytest.mark.parametrize(
    ("head", "body_start", "expected"),
    [
        (
            '<meta property="article:published_time" content="2024-12-09T23:30:00-05:00">',
            "",
            dt.date(2024, 12, 9),
        ),
        (f'<script type="application/ld+json">{JSON_LD}</script>', "", dt.date(2023, 3, 14)),
        ('<meta name="date" content="2022-05-06">', "", dt.date(2022, 5, 6)),
        ('<meta itemprop="datePublished" content="2021-02-03">', "", dt.date(2021, 2, 3)),
        ("", '<time datetime="2021-07-08T10:00">8 July 2021</time>', dt.date(2021, 7, 8)),
        ("", "", None),
    ],
    ids=["article:published_time", "json-ld", "meta-date", "itemprop", "time-element", "none"],
)
def test_html_dates(head: str, body_start: str, expected: dt.date | None) -> None:
    outcome = read_upload("page.html", _page(head, body_start))
    assert outcome.error == ""
    (article,) = outcome.articles
    assert article.published == expected
    assert outcome.warnings == ()


def test_a_csv_date_column_in_several_formats() -> None:
    rows = [
        "2024-12-09",
        "2024-12-09T08:15:00Z",
        "9 December 2024",
        "Dec 9, 2024",
        "Monday, 9 December 2024",
        "09.12.2024",
        "2024/12/09",
        "",
        "not a date",
    ]
    csv = "title,text,date\r\n" + "".join(
        f'Row {i},Some text {i}.,"{value}"\r\n' for i, value in enumerate(rows, start=1)
    )
    outcome = read_upload("news.csv", csv.encode())
    assert [article.published for article in outcome.articles] == [dt.date(2024, 12, 9)] * 7 + [
        None,
        None,
    ]
    assert outcome.warnings == ("row 9: could not read the date 'not a date'",)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # one date that can only be day first makes the whole column day first
        (["03/04/2024", "13/04/2024"], [dt.date(2024, 4, 3), dt.date(2024, 4, 13)]),
        # and one that can only be month first, month first
        (["03/04/2024", "04/13/2024"], [dt.date(2024, 3, 4), dt.date(2024, 4, 13)]),
        # nothing tells: month first, as dateparser reads English
        (["03/04/2024", "05/06/2024"], [dt.date(2024, 3, 4), dt.date(2024, 5, 6)]),
    ],
)
def test_a_date_column_is_read_in_one_day_month_order(
    dates: list[str], expected: list[dt.date]
) -> None:
    csv = "text,published\r\n" + "".join(f"Text {i}.,{d}\r\n" for i, d in enumerate(dates))
    outcome = read_upload("news.csv", csv.encode())
    assert [article.published for article in outcome.articles] == expected
    jsonl = "\n".join(json.dumps({"text": f"Text {i}.", "date": d}) for i, d in enumerate(dates))
    outcome = read_upload("news.jsonl", jsonl.encode())
    assert [article.published for article in outcome.articles] == expected


def test_jsonl_warnings_stay_in_line_order() -> None:
    lines = ['{"text": "A", "date": "soon"}', "not json", '{"title": "no text"}']
    outcome = read_upload("news.jsonl", "\n".join(lines).encode())
    assert outcome.warnings == (
        "line 1: could not read the date 'soon'",
        "line 2 is not valid JSON",
        "line 3: no text",
    )


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["13/04/2024", "03/04/2024"], "DMY"),
        (["04/13/2024"], "MDY"),
        (["13.04.2024", "04-13-2024"], None),  # contradictory
        (["2024-04-13", "9 December 2024", ""], None),
    ],
)
def test_column_date_order(values: list[str], order: str | None) -> None:
    assert column_date_order(values) == order


def test_dotted_dates_are_day_first() -> None:
    assert parse_date("09.12.2024") == dt.date(2024, 12, 9)
    assert parse_date("09/12/2024") == dt.date(2024, 9, 12)
    assert parse_date("09/12/2024", date_order="DMY") == dt.date(2024, 12, 9)


def _docx(created: dt.datetime | None) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(PARAGRAPH)
    if created is not None:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_document_creation_date() -> None:
    created = dt.datetime(2023, 5, 6, 22, 0, tzinfo=dt.UTC)
    (article,) = read_upload("note.docx", _docx(created)).articles
    assert article.published == dt.date(2023, 5, 6)
    # python-docx's own template date is not the document's: no date rather than a wrong one
    (article,) = read_upload("note.docx", _docx(None)).articles
    assert article.published is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-09", dt.date(2024, 12, 9)),
        ("2019-01-03T07:00:02.000Z", dt.date(2019, 1, 3)),
        ("2015-07-24T05:36:09+01:00", dt.date(2015, 7, 24)),
        ("2019-04-28 06:01:07", dt.date(2019, 4, 28)),
        ("9 December 2024", dt.date(2024, 12, 9)),
        ("Mon, 09 Dec 2024 10:00:00 GMT", dt.date(2024, 12, 9)),
        ("December 2024", dt.date(2024, 12, 1)),
        ("9 декабря 2024", dt.date(2024, 12, 9)),
        ("  ", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    warnings: list[str] = []
    assert parse_date(value, warnings=warnings, label="row 1") == expected
    assert warnings == []


@pytest.mark.parametrize("value", ["yesterday", "March 5", "2024-13-45", "not a date"])
def test_parse_date_unreadable(value: str) -> None:
    warnings: list[str] = []
    assert parse_date(value, warnings=warnings, label="row 7") is None
    assert warnings == [f"row 7: could not read the date {value!r}"]
