"""The summary tables (``analytics.store.summaries``) kept in step with every add, delete and
edit: equal to the values recomputed from the rows, and the queries reading them equal to the
queries counting the rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    article_table,
    article_totals,
    create_store_engine,
    delete_articles,
    edit_article,
    entity_mentions,
    keyness_counts,
    n_entity_units,
    readability_table,
    rebuild_summaries,
    sentence_pairs,
    sentences,
    source_words,
)
from analytics.store.summaries import SUMMARY_TABLES


def _article(title: str, body: str, source: str) -> Article:
    return Article(title=title, body=body, source=source, published=dt.date(2024, 4, 1))


ARTICLES = [
    _article(
        "Strike",
        "Rail workers in Lyon began a strike. The strike closed stations across France.",
        "North",
    ),
    _article("Ended", "The strike ended in Lyon. Workers went back.", "North"),
    _article(
        "Budget",
        "The parliament of Poland in Warsaw passed the budget. Ministers welcomed the budget vote.",
        "South",
    ),
    _article("Talks", "Talks in Warsaw and Paris ended. The strike in France went on.", "East"),
]


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every summary table's rows, sorted."""
    with engine.connect() as conn:
        return {
            table.name: sorted(tuple(row) for row in conn.execute(select(table)))
            for table in SUMMARY_TABLES
        }


def _assert_in_step(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """The summaries equal their values recomputed from the rows; returns them."""
    kept = _rows(engine)
    rebuild_summaries(engine)
    assert _rows(engine) == kept
    return kept


@pytest.fixture
def ids(engine: Engine, nlp: Language) -> list[int]:
    results = list(ingest_articles(engine, nlp, ARTICLES))
    assert [result.status for result in results] == ["added"] * len(ARTICLES)
    return [int(result.article_id or 0) for result in results]


def test_summaries_follow_adds_deletes_and_edits(engine: Engine, ids: list[int]) -> None:
    kept = _assert_in_step(engine)
    strike, ended, budget, talks = ids
    totals = {row[0]: row[1:] for row in kept["article_totals"]}
    # longest sentence in words, entity mentions, sentences naming an entity
    with engine.connect() as conn:
        for article_id in ids:
            longest = conn.scalar(
                select(func.max(sentences.c.n_words)).where(sentences.c.article_id == article_id)
            )
            n_mentions, n_named = conn.execute(
                select(
                    func.count(), func.count(func.distinct(entity_mentions.c.sentence_index))
                ).where(entity_mentions.c.article_id == article_id)
            ).one()
            assert totals[article_id] == (longest, n_mentions, n_named)
    words = {(row[0], row[1]): row[2:] for row in kept["source_words"]}
    assert words[("North", "strike")] == (False, 3, 2)
    assert words[("East", "strike")] == (False, 1, 1)
    assert words[("North", "the")] == (True, 2, 2)
    assert ("South", "strike") not in words

    assert delete_articles(engine, [strike]) == 1
    after_delete = _assert_in_step(engine)
    words = {(row[0], row[1]): row[2:] for row in after_delete["source_words"]}
    assert words[("North", "strike")] == (False, 1, 1)
    assert ("North", "rail") not in words  # its only article is gone
    assert strike not in {row[0] for row in after_delete["article_totals"]}

    assert edit_article(engine, talks, title="Talks", source="South", published=None)
    after_edit = _assert_in_step(engine)
    sources = {row[0] for row in after_edit["source_words"]}
    assert sources == {"North", "South"}
    words = {(row[0], row[1]): row[2:] for row in after_edit["source_words"]}
    assert words[("South", "warsaw")] == (False, 2, 2)
    assert words[("South", "strike")] == (False, 1, 1)

    assert delete_articles(engine, [ended, budget, talks]) == 3
    assert _assert_in_step(engine) == {
        "article_totals": [],
        "source_words": [],
        "sentence_pairs": [],
    }


def test_reading_the_summaries_equals_counting_the_rows(engine: Engine, ids: list[int]) -> None:
    north = ArticleFilter(sources=("North",))
    south_east = ArticleFilter(sources=("South", "East"))
    by_ids = {  # the same groups, which the rows answer
        north: ArticleFilter(article_ids=tuple(ids[:2])),
        south_east: ArticleFilter(article_ids=tuple(ids[2:])),
    }
    for stop_words in (False, True):
        for require_a in (False, True):
            for group_b in (None, south_east):
                options = {
                    "stop_words": stop_words,
                    "require_a": require_a,
                    "min_frequency": 2 if require_a else 1,
                }
                fast = keyness_counts(engine, north, group_b=group_b, **options)
                slow = keyness_counts(
                    engine,
                    by_ids[north],
                    group_b=None if group_b is None else by_ids[group_b],
                    within=ArticleFilter(article_ids=tuple(ids)),
                    **options,
                )
                pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    counts = keyness_counts(engine, north, group_b=south_east)
    assert counts.set_index("term").loc["strike"].to_dict() == {"n_a": 3, "n_b": 1}
    assert counts.set_index("term").loc["warsaw"].to_dict() == {"n_a": 0, "n_b": 2}

    with engine.connect() as conn:
        n_sentences = conn.scalar(
            select(func.count()).select_from(
                select(entity_mentions.c.article_id, entity_mentions.c.sentence_index)
                .distinct()
                .subquery()
            )
        )
        n_articles = conn.scalar(select(func.count(func.distinct(entity_mentions.c.article_id))))
    assert n_entity_units(engine, unit="sentence") == n_sentences
    assert n_entity_units(engine, unit="article") == n_articles
    assert n_entity_units(engine, north, unit="article") == 2

    table = readability_table(engine)
    assert list(table["longest_sentence_words"]) == [7, 5, 9, 6]  # words of the longest
    mentions = article_table(engine).set_index("article_id")["n_entity_mentions"]
    with engine.connect() as conn:
        counted = dict(
            conn.execute(
                select(entity_mentions.c.article_id, func.count()).group_by(
                    entity_mentions.c.article_id
                )
            ).all()
        )
    assert mentions.to_dict() == counted


def test_a_store_without_summaries_has_them_filled_on_opening(
    engine: Engine, ids: list[int], db_url: str
) -> None:
    kept = _rows(engine)
    assert kept["source_words"]
    for table in SUMMARY_TABLES:
        table.drop(engine)
    engine.dispose()
    reopened = create_store_engine(db_url)
    try:
        assert _rows(reopened) == kept
        assert {table.name for table in SUMMARY_TABLES} == {
            article_totals.name,
            source_words.name,
            sentence_pairs.name,
        }
    finally:
        reopened.dispose()


def test_most_of_the_corpus_is_the_totals_less_the_rest(engine: Engine, ids: list[int]) -> None:
    from analytics.store import entity_counts

    most = ArticleFilter(sources=("North", "East"))  # 3 of the 4 articles
    with engine.connect() as conn:
        counted = conn.execute(
            select(
                entity_mentions.c.entity,
                entity_mentions.c.label,
                func.count(),
                func.count(func.distinct(entity_mentions.c.article_id)),
            )
            .where(entity_mentions.c.article_id.in_([ids[0], ids[1], ids[3]]))
            .group_by(entity_mentions.c.entity, entity_mentions.c.label)
        ).all()
    found = entity_counts(engine, most)
    assert sorted(map(tuple, found.itertuples(index=False))) == sorted(map(tuple, counted))
    assert found.set_index("entity").loc["Lyon", "n_mentions"] == 2
    assert "Poland" not in set(found["entity"])  # named in the article left out only
    gpe = entity_counts(engine, most, labels=("GPE",), top=2)
    leaders = sorted((row for row in counted if row[1] == "GPE"), key=lambda r: (-r[2], r[0]))
    assert list(gpe["entity"]) == [row[0] for row in leaders[:2]]
    assert list(gpe["entity"])[0] == "France"  # named twice, before the others


def _pairs_of_the_rows(engine: Engine, ids: list[int], **options: object) -> pd.DataFrame:
    """``entity_pairs`` of every article, counted from the mentions (a filter naming them)."""
    from analytics.store import entity_pairs

    return entity_pairs(engine, ArticleFilter(article_ids=tuple(ids)), **options)  # type: ignore[arg-type]


def test_sentence_pairs_follow_corrections_and_deletes(engine: Engine, ids: list[int]) -> None:
    from analytics.store import entity_counts, entity_pairs, merge_entities, retype_entity

    def check(remaining: list[int]) -> pd.DataFrame:
        _assert_in_step(engine)
        for options in (
            {},
            {"labels": ("GPE",)},
            {"top_entities": 3},
            {"min_count": 2},
        ):
            kept = entity_pairs(engine, unit="sentence", **options)  # type: ignore[arg-type]
            counted = _pairs_of_the_rows(engine, remaining, unit="sentence", **options)
            pd.testing.assert_frame_equal(kept, counted, check_dtype=False)
        return entity_pairs(engine, unit="sentence")

    pairs = check(ids)
    together = pairs.set_index(["entity_a", "entity_b"])
    # "Talks in Warsaw and Paris ended."; "The parliament of Poland in Warsaw passed ..."
    assert together.loc[("Paris", "Warsaw"), ["n_together", "n_a", "n_b"]].tolist() == [1, 1, 2]
    assert together.loc[("Poland", "Warsaw"), ["n_together", "n_a", "n_b"]].tolist() == [1, 1, 2]
    assert int(pairs["n_units"].iloc[0]) == n_entity_units(engine, unit="sentence")
    places = entity_counts(engine, labels=("GPE",))
    first, second = list(places["entity"])[:2]
    merge_entities(engine, entity=second, into=first, label="GPE")
    check(ids)
    retype_entity(engine, entity=first, label="GPE", to_label="ORG")
    check(ids)
    assert delete_articles(engine, [ids[0]]) == 1
    check(ids[1:])


def test_an_older_store_has_its_replaced_indexes_rebuilt_on_opening(
    engine: Engine, ids: list[int], db_url: str
) -> None:
    from sqlalchemy import inspect

    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_terms_word_articles")
        conn.exec_driver_sql("DROP INDEX ix_entity_mentions_entity_alias")
        conn.exec_driver_sql("CREATE INDEX ix_terms_word ON terms (term) WHERE n = 1")
        conn.exec_driver_sql(
            "CREATE INDEX ix_entity_mentions_entity ON entity_mentions (entity, label)"
        )
        conn.exec_driver_sql(
            "CREATE INDEX ix_entity_mentions_entity_article"
            " ON entity_mentions (entity, label, article_id, sentence_index)"
        )
    engine.dispose()
    reopened = create_store_engine(db_url)
    try:
        with reopened.connect() as conn:
            inspector = inspect(conn)
            names = {
                table: {
                    index["name"]: index["column_names"] for index in inspector.get_indexes(table)
                }
                for table in ("terms", "entity_mentions")
            }
        assert "ix_terms_word" not in names["terms"]
        assert names["terms"]["ix_terms_word_articles"] == ["term", "article_id", "n_occurrences"]
        assert "ix_entity_mentions_entity" not in names["entity_mentions"]
        assert "ix_entity_mentions_entity_article" not in names["entity_mentions"]
        assert names["entity_mentions"]["ix_entity_mentions_entity_alias"] == [
            "entity",
            "label",
            "article_id",
            "sentence_index",
            "alias",
        ]
    finally:
        reopened.dispose()
