"""An ``ArticleFilter`` as SQL: the sidebar's filters and the ones a click on a chart sets."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    article_table,
    entity_counts,
    filter_conditions,
    n_articles,
    readability_table,
    sources,
    term_frequencies,
)

from .support import BUDGET, STRIKE


def test_filters(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    assert sources(engine) == ["Daily Test", "Evening Test"]
    by_source = ArticleFilter(sources=("Evening Test",))
    assert list(article_table(engine, by_source)["title"]) == ["Rail strike"]
    by_date = ArticleFilter(date_to=dt.date(2024, 3, 31))
    assert list(article_table(engine, by_date)["title"]) == ["Budget passes"]
    by_search = ArticleFilter(search="lyon")
    assert n_articles(engine, by_search) == 1
    assert list(term_frequencies(engine, by_search, top=1)["term"]) == ["strike"]
    assert set(entity_counts(engine, by_source)["entity"]) >= {"Lyon", "France"}
    assert "Warsaw" not in set(entity_counts(engine, by_source)["entity"])
    assert n_articles(engine, ArticleFilter(search="100%_")) == 0


def test_click_filters(engine: Engine, nlp: Language) -> None:
    """The filters a click on a chart sets: an entity, a word, a range of reading grades."""
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    grades = readability_table(engine).set_index("title")["consensus_grade"].to_dict()
    mentioning = ArticleFilter(mentioning=("France", "GPE"))
    assert list(article_table(engine, mentioning)["title"]) == ["Rail strike"]
    assert n_articles(engine, ArticleFilter(mentioning=("France", "PERSON"))) == 0
    with_word = ArticleFilter(containing_word="budget")
    assert list(article_table(engine, with_word)["title"]) == ["Budget passes"]
    assert term_frequencies(engine, with_word, top=1)[
        ["term", "n_occurrences"]
    ].values.tolist() == [["budget", 2]]
    assert n_articles(engine, ArticleFilter(containing_word="Budget")) == 0  # stored lower case
    grade = grades["Rail strike"]
    in_range = ArticleFilter(measure_range=("consensus_grade", grade, grade))
    assert set(article_table(engine, in_range)["title"]) == {
        title for title, value in grades.items() if value == grade
    }
    both = ArticleFilter(mentioning=("France", "GPE"), containing_word="budget")
    assert n_articles(engine, both) == 0


@pytest.mark.parametrize(
    "flt",
    [
        ArticleFilter(),
        ArticleFilter(search="  "),
        ArticleFilter(sources=("Daily Test",)),
        ArticleFilter(date_from=dt.date(2024, 3, 1)),
        ArticleFilter(date_to=dt.date(2024, 3, 1)),
        ArticleFilter(search="lyon"),
        ArticleFilter(article_ids=()),
        ArticleFilter(article_ids=(1, 2)),
        ArticleFilter(mentioning=("France", "GPE")),
        ArticleFilter(containing_word="budget"),
        ArticleFilter(measure_range=("consensus_grade", 1.0, 2.0)),
        ArticleFilter(one_per_cluster=True),
    ],
)
def test_an_empty_filter_has_no_condition(flt: ArticleFilter) -> None:
    """``is_empty`` (computed from the fields) says what the SQL says: no condition at all."""
    assert flt.is_empty == (not filter_conditions(flt))
    assert flt.is_empty == (flt in (ArticleFilter(), ArticleFilter(search="  ")))
