"""Word and n-gram queries (the ``terms`` table): the most frequent terms of the selected
articles, from the corpus totals when possible, and the chosen terms per article.

Stop words are flagged when an article is analysed (``is_stop``); news words
(``analytics.frequency.NEWS_STOP_WORDS``) are left out when the terms are read, so that the
list may change without analysing the articles again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, false, func, literal_column, not_, or_, select

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.frequency import NEWS_STOP_WORDS
from analytics.store._common import AnySelect, _frame, _n_without_index, _single_words
from analytics.store.corpus import corpus_summary_words
from analytics.store.filtering import _later_copies, _only_one_per_cluster, _restrict
from analytics.store.schema import articles, corpus_terms, terms


def term_frequencies(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    n: int = 1,
    stop_words: bool = False,
    news_words: bool = True,
    lemmas: bool = False,
    top: int | None = 50,
) -> pd.DataFrame:
    """Words (n = 1) or n-grams over the selected articles, most frequent first.

    Columns: term, n_occurrences, n_articles, per_10k_words (occurrences per 10,000 words of
    the selected articles). Stop words are left out unless ``stop_words``; with them, news
    words too unless ``news_words`` (``_news_word_condition``); ``lemmas`` counts lemmas
    instead of word forms (the news words are those of the word forms).
    """
    leave_out_news = not stop_words and not news_words
    if flt.is_empty and not lemmas:
        # the corpus totals: an index scan, however large the corpus (lemmas, whose article
        # counts cannot be summed from word forms, take the GROUP BY below)
        statement = select(
            corpus_terms.c.term, corpus_terms.c.n_occurrences, corpus_terms.c.n_articles
        ).where(corpus_terms.c.n == n)
        if not stop_words:
            statement = statement.where(corpus_terms.c.is_stop == false())
        if leave_out_news:
            statement = statement.where(not_(_news_word_condition(corpus_terms.c.term, n)))
        statement = statement.order_by(corpus_terms.c.n_occurrences.desc(), corpus_terms.c.term)
    elif _only_one_per_cluster(flt) and not lemmas:
        statement = _terms_without_copies(n=n, stop_words=stop_words)
        if leave_out_news:
            statement = statement.where(not_(_news_word_condition(corpus_terms.c.term, n)))
    else:
        statement = _filtered_terms(flt, n=n, stop_words=stop_words, lemmas=lemmas)
        if leave_out_news:
            statement = statement.where(not_(_news_word_condition(terms.c.term, n)))
    if top is not None:
        statement = statement.limit(top)
    frame = _frame(engine, statement)
    n_words = corpus_summary_words(engine, flt)
    frame["per_10k_words"] = (
        (frame["n_occurrences"] * 10_000 / n_words).round(2) if n_words else 0.0
    )
    return frame


def _news_word_condition(column: ColumnElement[str], n: int) -> ColumnElement[bool]:
    """Whether the term in ``column`` (of ``n`` words) is a news word: one of
    ``NEWS_STOP_WORDS``, or an n-gram that begins or ends with one (the stop-word rule)."""
    words = sorted(NEWS_STOP_WORDS)
    if n == 1:
        return column.in_(words)
    # the words are letters only: no LIKE wildcard to escape
    return or_(
        *(column.like(f"{word} %") for word in words), *(column.like(f"% {word}") for word in words)
    )


def _terms_without_copies(*, n: int, stop_words: bool) -> AnySelect:
    # every n of the copies' terms, found by article (a condition on n would lead SQLite to
    # the index on (n, term), a scan of the whole corpus's terms)
    removed = (
        select(
            terms.c.n,
            terms.c.term,
            func.sum(terms.c.n_occurrences).label("amount"),
            func.count(func.distinct(terms.c.article_id)).label("n_removed"),
        )
        .where(terms.c.article_id.in_(_later_copies(ALL_ARTICLES)))
        .group_by(terms.c.n, terms.c.term)
        .subquery()
    )
    occurrences = corpus_terms.c.n_occurrences - func.coalesce(removed.c.amount, 0)
    in_articles = corpus_terms.c.n_articles - func.coalesce(removed.c.n_removed, 0)
    statement = (
        select(
            corpus_terms.c.term,
            occurrences.label("n_occurrences"),
            in_articles.label("n_articles"),
        )
        .select_from(
            corpus_terms.outerjoin(
                removed,
                and_(removed.c.n == corpus_terms.c.n, removed.c.term == corpus_terms.c.term),
            )
        )
        .where(corpus_terms.c.n == n, in_articles > 0)
    )
    if not stop_words:
        statement = statement.where(corpus_terms.c.is_stop == false())
    return statement.order_by(occurrences.desc(), corpus_terms.c.term)


def _filtered_terms(flt: ArticleFilter, *, n: int, stop_words: bool, lemmas: bool) -> AnySelect:
    column = terms.c.lemma if lemmas else terms.c.term
    total = func.sum(terms.c.n_occurrences)
    statement = select(
        column.label("term"),
        total.label("n_occurrences"),
        func.count(func.distinct(terms.c.article_id)).label("n_articles"),
    ).where(_n_without_index(n))  # the filter's articles first, each by the primary key
    if not stop_words:
        statement = statement.where(terms.c.is_stop == false())
    statement = _restrict(statement, terms.c.article_id, flt)
    return statement.group_by(column).order_by(total.desc(), column)


def _term_condition(engine: Engine, n: int, chosen: Iterable[str]) -> Any:
    """The term rows of the chosen terms of ``n`` words, written so that they are found by
    index: single words by ``ix_terms_word_articles``; a bigram or trigram among the articles using
    its rarest word (by that index), each article's rows by the primary key."""
    chosen = list(chosen)
    if n == 1:
        return and_(_single_words(), terms.c.term.in_(chosen))
    words = sorted({word for term in chosen for word in term.split()})
    statement = select(corpus_terms.c.term, corpus_terms.c.n_articles).where(
        corpus_terms.c.n == 1, corpus_terms.c.term.in_(words)
    )
    with engine.connect() as conn:
        n_articles = {term: count for term, count in conn.execute(statement)}
    conditions = []
    for term in chosen:
        rarest = min(term.split(), key=lambda word: (n_articles.get(word, 0), word))
        using = terms.alias("using_word")
        candidates = select(using.c.article_id).where(
            using.c.n == literal_column("1"), using.c.term == rarest
        )
        conditions.append(
            and_(
                terms.c.article_id.in_(candidates),
                terms.c.n == n,
                terms.c.term == term,
            )
        )
    return or_(*conditions)


def term_by_article(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_terms: tuple[str, ...],
    n: int = 1,
    lemmas: bool = False,
    top_articles: int | None = 30,
) -> pd.DataFrame:
    """Occurrences of each chosen term in the selected articles that use them most.

    Columns: article_id, title, term, n_occurrences. Only the ``top_articles`` articles with
    the most occurrences of the chosen terms together are included (None: all).
    """
    column = terms.c.lemma if lemmas else terms.c.term
    chosen = (
        and_(terms.c.n == n, column.in_(chosen_terms))
        if lemmas
        else _term_condition(engine, n, chosen_terms)
    )
    matching = _restrict(select(terms.c.article_id).where(chosen), terms.c.article_id, flt)
    leaders = (
        matching.group_by(terms.c.article_id)
        .order_by(func.sum(terms.c.n_occurrences).desc(), terms.c.article_id)
        .limit(top_articles)
    )
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            column.label("term"),
            func.sum(terms.c.n_occurrences).label("n_occurrences"),
        )
        .join(articles, articles.c.id == terms.c.article_id)
        .where(chosen, terms.c.article_id.in_(leaders.subquery().select()))
        .group_by(articles.c.id, articles.c.title, column)
        .order_by(articles.c.id, column)
    )
    return _frame(engine, statement)
