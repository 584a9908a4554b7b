"""A filter as a link's query string and back (``analytics.links``): the round trip, and
every kind of bad or hostile value left out with a sentence, never an exception."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

import pytest

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.links import (
    MAX_PROBLEMS,
    MAX_VALUE_CHARS,
    MAX_VALUES,
    Choices,
    filter_params,
    is_link_key,
    period_params,
    read_filter_params,
)

SEED_CHOICES = Choices(
    sources=["Harbour Daily", "Northern Ledger", "The Civic Wire"],
    metadata={"category": ["business", "sport"], "news_desk": ["World"]},
    date_bounds=(dt.date(2024, 10, 3), dt.date(2024, 12, 12)),
)

EVERYTHING = ArticleFilter(
    sources=("Harbour Daily", "The Civic Wire"),
    date_from=dt.date(2024, 10, 21),
    date_to=dt.date(2024, 11, 30),
    search='"Tony Blair" war',
    mentioning=("Rotterdam (port)", "GPE"),
    containing_word="port",
    measure_range=("consensus_grade", 12.0, 1 / 3 + 12),
    one_per_cluster=True,
    metadata=(("category", ("business", "sport")), ("news_desk", ("World",))),
)


def test_every_field_as_parameters() -> None:
    assert filter_params(EVERYTHING) == {
        "source": ["Harbour Daily", "The Civic Wire"],
        "meta.category": ["business", "sport"],
        "meta.news_desk": ["World"],
        "from": ["2024-10-21"],
        "to": ["2024-11-30"],
        "search": ['"Tony Blair" war'],
        "one_per_cluster": ["1"],
        "chip.entity": ["Rotterdam (port) (GPE)"],
        "chip.word": ["port"],
        "chip.measure": ["consensus_grade:12:12.333333333333334"],
    }
    assert filter_params(ALL_ARTICLES) == {}
    # a page's own choice of articles is not part of a link
    assert filter_params(ArticleFilter(article_ids=(1, 2))) == {}


@pytest.mark.parametrize(
    "flt",
    [
        ALL_ARTICLES,
        EVERYTHING,
        ArticleFilter(sources=("Northern Ledger",)),
        ArticleFilter(date_from=dt.date(2024, 11, 1)),
        ArticleFilter(date_to=dt.date(2024, 11, 1)),
        ArticleFilter(search="bike"),
        ArticleFilter(mentioning=("Putin", "PERSON")),
        ArticleFilter(measure_range=("n_words", 300.0, 400.0)),
        ArticleFilter(measure_range=("flesch_reading_ease", -12.5, 0.0)),
        ArticleFilter(metadata=(("category", ("sport",)),)),
    ],
)
def test_round_trip_through_a_real_query_string(flt: ArticleFilter) -> None:
    """As a browser carries it: encoded into a URL and parsed back."""
    query = urlencode(filter_params(flt), doseq=True)
    read = read_filter_params(parse_qs(query, keep_blank_values=True), SEED_CHOICES)
    assert read.filter == flt
    assert read.problems == ()


def test_round_trip_without_choices() -> None:
    read = read_filter_params(filter_params(EVERYTHING))
    assert read.filter == EVERYTHING
    assert read.problems == ()


def test_other_keys_are_not_read_nor_reported() -> None:
    read = read_filter_params(
        {"article": "4", "q": "port", "entity": "US", "label": "GPE", "section": "x"}, SEED_CHOICES
    )
    assert read.filter == ALL_ARTICLES
    assert read.problems == ()
    assert [is_link_key(key) for key in ("source", "meta.x", "chip.word", "article", "q")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_a_single_string_value_is_one_value() -> None:
    read = read_filter_params({"source": "Harbour Daily", "chip.word": "Port "}, SEED_CHOICES)
    assert read.filter == ArticleFilter(sources=("Harbour Daily",), containing_word="port")


def test_unknown_and_malformed_values_are_left_out_with_a_sentence_each() -> None:
    read = read_filter_params(
        {
            "source": ["Harbour Daily", "<script>alert(1)</script>", "Harbour Daily"],
            "meta.category": ["sport", "weather"],
            "meta.nope": ["x"],
            "from": ["yesterday"],
            "to": ["2024-11-30"],
            "one_per_cluster": ["maybe"],
            "chip.entity": ["Putin"],
            "chip.measure": ["drop_table:1:2"],
        },
        SEED_CHOICES,
    )
    assert read.filter == ArticleFilter(
        sources=("Harbour Daily",),
        date_to=dt.date(2024, 11, 30),
        metadata=(("category", ("sport",)),),
    )
    assert read.problems == (
        'No source is called "<script>alert(1)</script>": left out.',
        'The column "category" has no value "weather": left out.',
        'No kept column is called "nope": left out.',
        'from is a date as 2024-10-31, not "yesterday": left out.',
        'one_per_cluster is 1 or 0, not "maybe": left out.',
        'chip.entity is "name (TYPE)", as "Rotterdam (GPE)", not "Putin": left out.',
        'chip.measure is "measure:from:to", as "consensus_grade:12:13", with a known measure, '
        'not "drop_table:1:2": left out.',
    )


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"from": "2024-12-01", "to": "2024-11-01"}, "from (2024-12-01) is after to (2024-11-01)"),
        ({"from": "2030-01-01"}, "No article is published in that range"),
        ({"to": "1990-01-01"}, "No article is published in that range"),
        ({"from": "2024-02-30"}, 'from is a date as 2024-10-31, not "2024-02-30"'),
        ({"chip.measure": "consensus_grade:13:12"}, "chip.measure is"),
        ({"chip.measure": "consensus_grade:nan:12"}, "chip.measure is"),
        ({"chip.measure": "consensus_grade:1:inf"}, "chip.measure is"),
        ({"chip.measure": "consensus_grade:1"}, "chip.measure is"),
        ({"chip.entity": "(GPE)"}, "chip.entity is"),
        ({"chip.entity": "Rotterdam (gpe)"}, "chip.entity is"),
    ],
)
def test_values_that_cannot_be_used(params: dict[str, str], problem: str) -> None:
    read = read_filter_params(params, SEED_CHOICES)
    assert read.filter == ALL_ARTICLES
    assert len(read.problems) == 1
    assert read.problems[0].startswith(problem)


def test_dates_are_clipped_to_the_stored_ones() -> None:
    read = read_filter_params({"from": "2024-01-01", "to": "2025-06-30"}, SEED_CHOICES)
    assert read.filter == ArticleFilter(
        date_from=dt.date(2024, 10, 3), date_to=dt.date(2024, 12, 12)
    )
    assert read.problems == ()
    undated = Choices(date_bounds=(None, None))
    read = read_filter_params({"from": "2024-01-01"}, undated)
    assert read.filter == ALL_ARTICLES
    assert read.problems == ("No stored article has a publication date: the dates are left out.",)


def test_a_repeated_single_value_uses_the_last() -> None:
    read = read_filter_params({"search": ["war", "peace"]}, SEED_CHOICES)
    assert read.filter == ArticleFilter(search="peace")
    assert read.problems == ("search is given 2 times: the last one is used.",)


def test_hostile_sizes_are_cut() -> None:
    many = [f"source {i}" for i in range(10_000)]
    read = read_filter_params({"source": many}, Choices())
    assert len(read.filter.sources) == MAX_VALUES
    assert read.problems == (
        f"source is given 10,000 times: only the first {MAX_VALUES} are read.",
    )

    long = "x" * (MAX_VALUE_CHARS + 1)
    read = read_filter_params({"search": long, "chip.word": "ok"}, SEED_CHOICES)
    assert read.filter == ArticleFilter(containing_word="ok")
    assert read.problems == (
        f"A value of search longer than {MAX_VALUE_CHARS} characters was left out.",
    )


def test_control_characters_never_reach_the_filter_or_the_message() -> None:
    read = read_filter_params(
        {"search": "war\x00\x1b[31m", "source": "\x07bell" + "y" * 60}, SEED_CHOICES
    )
    assert read.filter == ArticleFilter(search="war  [31m")
    quoted = " bell" + "y" * 34 + "…"  # 40 characters, the bell a space
    assert read.problems == (f'No source is called "{quoted}": left out.',)


@pytest.mark.parametrize(
    "value",
    ["", " ", "::", "a:b:c", "%00", "\u202e", "é" * 10, "((", ") (", "1e309", "-0"],
)
def test_any_text_in_any_key_never_raises(value: str) -> None:
    keys = [
        "source",
        "meta.category",
        "meta.",
        "from",
        "to",
        "search",
        "one_per_cluster",
        "chip.entity",
        "chip.word",
        "chip.measure",
    ]
    for key in keys:
        read = read_filter_params({key: [value, value]}, SEED_CHOICES)
        assert isinstance(read.filter, ArticleFilter)
        assert all(isinstance(problem, str) for problem in read.problems)


def test_a_clicked_point_of_over_time() -> None:
    params = period_params("week", dt.date(2024, 10, 21), "Rotterdam · GPE")
    assert params == {"chip.period": ["week:2024-10-21:Rotterdam · GPE"]}
    query = urlencode({**filter_params(ArticleFilter(search="port")), **params}, doseq=True)
    read = read_filter_params(parse_qs(query), SEED_CHOICES)
    assert read.filter == ArticleFilter(search="port")
    assert read.period == ("week", dt.date(2024, 10, 21), "Rotterdam · GPE")
    assert read.problems == ()
    assert read_filter_params({"chip.period": "day:2024-11-06:a: b"}).period == (
        "day",
        dt.date(2024, 11, 6),
        "a: b",
    )


@pytest.mark.parametrize(
    "value",
    [
        "month:2024-11-06:port",  # not the first day of a month
        "week:2024-10-22:port",  # not a Monday
        "year:2024-01-01:port",
        "month:2024-11-01:",
        "month:2024-11-01",
        "month:November:port",
    ],
)
def test_a_clicked_point_that_cannot_be(value: str) -> None:
    read = read_filter_params({"chip.period": value})
    assert read.period is None
    assert read.problems == (
        'chip.period is "period:first day:item", as "month:2024-11-01:port", with day, week or '
        f'month and the first day of one, not "{value}": left out.',
    )


def test_a_link_full_of_unknown_columns_gets_a_short_message() -> None:
    params = {f"meta.column{i}": "x" for i in range(5_000)}
    read = read_filter_params({**params, "source": "Harbour Daily"}, SEED_CHOICES)
    assert read.filter == ArticleFilter(sources=("Harbour Daily",))
    assert len(read.problems) == MAX_PROBLEMS
    assert read.problems[0] == 'No kept column is called "column0": left out.'
    assert read.problems[-1] == f"{5_000 - MAX_PROBLEMS + 1:,} more values were left out."
