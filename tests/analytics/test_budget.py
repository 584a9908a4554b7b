"""The analysis budget of an upload: time and memory per article, article caps, stopping."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.models import Article
from analytics.pipeline import (
    capped_outcomes,
    ingest_articles,
    ingest_outcomes,
    result_names,
    upload_size_error,
)
from analytics.readers import read_upload_files
from analytics.settings import Limits, load_settings
from analytics.workers import AnalysisBudget

CITIES = ["Paris", "Lyon", "Warsaw", "Madrid", "Dublin"]
#: About 500,000 characters of news-like text: far more than a few seconds to analyse.
HUGE = "\n\n".join(
    f"The council of {city} met on Monday and agreed the budget for the year. "
    f"Officials said the vote in {city} was close, and the mayor thanked the members. " * 20
    for city in CITIES * 70
)


def _article(city: str) -> Article:
    return Article(
        title=f"Talks in {city}",
        body=f"Anna Kowalski met union leaders in {city} on Monday. The talks ended late.",
        source="Budget Test",
    )


def test_the_settings_of_the_budget() -> None:
    defaults = load_settings({})
    assert (defaults.analysis_timeout_s, defaults.analysis_memory_mb) == (60, 2048)
    assert (defaults.max_articles_per_file, defaults.max_articles_per_upload) == (5000, 5000)
    assert AnalysisBudget.of(defaults) == AnalysisBudget(timeout_s=60, memory_mb=2048)
    custom = load_settings(
        {
            "NEWS_ANALYSIS_TIMEOUT_S": "2.5",
            "NEWS_ANALYSIS_MEMORY_MB": "300",
            "NEWS_MAX_ARTICLES_PER_FILE": "10",
            "NEWS_MAX_ARTICLES_PER_UPLOAD": "20",
        }
    )
    assert AnalysisBudget.of(custom) == AnalysisBudget(timeout_s=2.5, memory_mb=300)
    assert (custom.max_articles_per_file, custom.max_articles_per_upload) == (10, 20)


def test_an_article_over_the_time_budget_is_rejected_and_the_others_stored(
    engine: Engine, nlp: Language
) -> None:
    assert len(HUGE) > 450_000
    articles = [_article("Paris"), Article(title="Huge", body=HUGE), _article("Lyon")]
    results = list(
        ingest_articles(engine, nlp, articles, budget=AnalysisBudget(timeout_s=4), batch_size=2)
    )
    assert [(r.name, r.status, r.article_id, r.reason) for r in results] == [
        ("Talks in Paris", "added", 1, ""),
        ("Huge", "rejected", None, "the analysis took longer than 4 s (NEWS_ANALYSIS_TIMEOUT_S)"),
        ("Talks in Lyon", "added", 2, ""),
    ]
    assert store.n_articles(engine) == 2
    # the next article is analysed by a fresh worker, as quickly as ever
    (again,) = ingest_articles(
        engine, nlp, [_article("Warsaw")], budget=AnalysisBudget(timeout_s=4)
    )
    assert (again.status, again.article_id) == ("added", 3)
    warsaw = store.article_detail(engine, 3)
    assert warsaw is not None
    assert (warsaw["title"], warsaw["language"]) == ("Talks in Warsaw", "en")


def test_an_article_over_the_memory_budget_is_rejected(engine: Engine, nlp: Language) -> None:
    articles = [_article("Madrid"), Article(title="Huge", body=HUGE)]
    budget = AnalysisBudget(timeout_s=120, memory_mb=150)
    results = list(ingest_articles(engine, nlp, articles, budget=budget))
    assert [(r.status, r.reason) for r in results] == [
        ("added", ""),
        (
            "rejected",
            "the analysis needed more than 150 MB of memory (NEWS_ANALYSIS_MEMORY_MB)",
        ),
    ]
    assert store.n_articles(engine) == 1


def test_the_budgeted_analysis_stores_what_the_plain_one_does(
    engine: Engine, nlp: Language, tmp_path
) -> None:
    articles = [_article(city) for city in CITIES]
    budgeted = [
        (r.status, r.article_id)
        for r in ingest_articles(engine, nlp, articles, budget=AnalysisBudget())
    ]
    plain_engine = store.create_store_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    plain = [(r.status, r.article_id) for r in ingest_articles(plain_engine, nlp, articles)]
    assert budgeted == plain == [("added", i) for i in range(1, 6)]
    for article_id in range(1, 6):
        mine = store.article_detail(engine, article_id)
        theirs = store.article_detail(plain_engine, article_id)
        assert mine is not None and theirs is not None
        assert mine["body"] == theirs["body"]
        assert mine["language"] == theirs["language"] == "en"
    assert store.entity_counts(engine).to_dict() == store.entity_counts(plain_engine).to_dict()
    plain_engine.dispose()


def _stop_at_call(n: int) -> tuple[Callable[[], bool], list[int]]:
    """A ``should_stop`` that says stop from its ``n``-th call on, and its calls."""
    calls: list[int] = []

    def should_stop() -> bool:
        calls.append(len(calls) + 1)
        return len(calls) >= n

    return should_stop, calls


def test_stopping_keeps_whole_batches(engine: Engine, nlp: Language) -> None:
    articles = [_article(city) for city in CITIES]
    # without a budget it is asked before each batch: stop before the second one
    should_stop, calls = _stop_at_call(2)
    results = list(ingest_articles(engine, nlp, articles, batch_size=2, should_stop=should_stop))
    assert [(r.name, r.status, r.article_id) for r in results] == [
        ("Talks in Paris", "added", 1),
        ("Talks in Lyon", "added", 2),
    ]
    assert calls == [1, 2]
    assert sorted(store.article_table(engine)["title"]) == ["Talks in Lyon", "Talks in Paris"]


def test_stopping_in_the_middle_of_a_batch_stores_none_of_it(engine: Engine, nlp: Language) -> None:
    articles = [_article(city) for city in CITIES]
    # with a budget it is asked before each batch and each article: calls 1 (batch 1),
    # 2 and 3 (its articles), 4 (batch 2), 5 (its first article, analysed), 6: stop
    should_stop, calls = _stop_at_call(6)
    results = list(
        ingest_articles(
            engine,
            nlp,
            articles,
            batch_size=2,
            budget=AnalysisBudget(),
            should_stop=should_stop,
        )
    )
    assert [(r.status, r.article_id) for r in results] == [("added", 1), ("added", 2)]
    assert len(calls) == 6
    assert store.n_articles(engine) == 2


class Interrupted(BaseException):
    """What Streamlit raises in a script that a click reruns (``RerunException``)."""


def test_an_interruption_between_articles_keeps_whole_batches(
    engine: Engine, nlp: Language
) -> None:
    articles = [_article(city) for city in CITIES]
    calls: list[int] = []

    def interrupt_at_the_third_article() -> bool:
        calls.append(1)
        if len(calls) == 5:
            raise Interrupted
        return False

    results = ingest_articles(
        engine,
        nlp,
        articles,
        batch_size=2,
        budget=AnalysisBudget(),
        should_stop=interrupt_at_the_third_article,
    )
    seen = []
    with pytest.raises(Interrupted):
        for result in results:
            seen.append((result.status, result.article_id))
    assert seen == [("added", 1), ("added", 2)]
    assert store.n_articles(engine) == 2
    # the store is whole: the same upload again adds the rest
    again = [(r.status, r.article_id) for r in ingest_articles(engine, nlp, articles)]
    assert again == [
        ("already present", 1),
        ("already present", 2),
        ("added", 3),
        ("added", 4),
        ("added", 5),
    ]


def _csv(n_rows: int) -> bytes:
    rows = "".join(f"Headline {i},Text of tiny article number {i}.\n" for i in range(n_rows))
    return f"title,text\n{rows}".encode()


def test_a_file_over_the_per_file_cap_is_rejected_before_any_analysis() -> None:
    outcomes = read_upload_files(
        [("huge.csv", _csv(5_001)), ("small.csv", _csv(3))], limits=Limits()
    )
    assert [len(outcome.articles) for outcome in outcomes] == [5_001, 3]
    capped = capped_outcomes(outcomes, Limits())
    assert [(outcome.name, outcome.error, len(outcome.articles)) for outcome in capped] == [
        (
            "huge.csv",
            "this CSV has 5,001 rows; at most 5,000 articles per file (NEWS_MAX_ARTICLES_PER_FILE)",
            0,
        ),
        ("small.csv", "", 3),
    ]


def test_the_per_file_cap_names_what_the_file_holds() -> None:
    jsonl = b"".join(b'{"text": "A tiny article number %d."}\n' % i for i in range(4))
    outcomes = read_upload_files(
        [("lines.jsonl", jsonl), ("rows.tsv", b"text\none\ntwo\nthree\nfour\n")],
        limits=Limits(),
    )
    limits = Limits(max_articles_per_file=3)
    assert [outcome.error for outcome in capped_outcomes(outcomes, limits)] == [
        "this JSON Lines file has 4 lines; at most 3 articles per file "
        "(NEWS_MAX_ARTICLES_PER_FILE)",
        "this TSV has 4 rows; at most 3 articles per file (NEWS_MAX_ARTICLES_PER_FILE)",
    ]
    assert capped_outcomes(outcomes, Limits(max_articles_per_file=4)) == outcomes


def test_the_upload_cap() -> None:
    assert upload_size_error(5000, Limits()) is None
    assert upload_size_error(5001, Limits()) == (
        "This upload has 5,001 articles; at most 5,000 articles per upload "
        "(NEWS_MAX_ARTICLES_PER_UPLOAD). Nothing was added: upload fewer at a time."
    )


def test_result_names_are_the_results_in_order(engine: Engine, nlp: Language) -> None:
    outcomes = read_upload_files(
        [
            ("batch.csv", b"title,text\nOne,First tiny article.\nTwo,Second tiny article.\n"),
            ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ],
        limits=Limits(),
    )
    pasted = Article(title="Pasted", body="A pasted article about Paris.", file_name="pasted text")
    names = result_names(outcomes, [pasted])
    results = [*ingest_outcomes(engine, nlp, outcomes), *ingest_articles(engine, nlp, [pasted])]
    assert (
        names
        == [(r.name, r.title) for r in results]
        == [
            ("batch.csv#row 1", "One"),
            ("batch.csv#row 2", "Two"),
            ("image.txt", ""),
            ("pasted text", "Pasted"),
        ]
    )
