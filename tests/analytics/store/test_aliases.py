"""Alias merging in the store: the corpus's merges kept up to date by each ingest, the user's
corrections (merge, split, undo) applied to stored and later articles, totals consistent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine, func, select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    corpus_aliases,
    corpus_summary,
    create_store_engine,
    delete_articles,
    entity_aliases,
    entity_corrections,
    entity_corrections_table,
    entity_counts,
    label_totals,
    merge_entities,
    person_alias_words,
    reapply_aliases,
    rebuild_corpus_totals,
    remove_correction,
    split_alias,
    store_version,
)

from .support import recorded_statements, sqlite_plan

BODIES = {
    "Summit": "Vladimir Putin arrived in Minsk on Monday. Vladimir Putin met the president "
    "there. Putin said the talks went well.",
    "Gas": "Putin spoke about gas prices in Moscow on Friday.",
    "Chess": "Dmitry Putin won the chess final in Kazan. Dmitry Putin is nineteen. Dmitry "
    "Putin will play in Oslo next year.",
    "Oil": "Putin spoke about oil prices in Moscow on Tuesday.",
}
FULL, SHORT, RIVAL, LATER = (Article(title=title, body=body) for title, body in BODIES.items())


def _rows(engine: Engine, name: str) -> dict[str, tuple[int, int]]:
    """PERSON rows containing ``name``: entity -> (n_mentions, n_articles)."""
    table = entity_counts(engine, labels=("PERSON",))
    table = table[table["entity"].str.contains(name)]
    return {row.entity: (int(row.n_mentions), int(row.n_articles)) for row in table.itertuples()}


def _consistent(engine: Engine) -> None:
    """The stored totals equal the GROUP BY over the mentions."""
    every_id = ArticleFilter(article_ids=tuple(range(1, 100)))
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, every_id))
    pd.testing.assert_frame_equal(label_totals(engine), label_totals(engine, every_id))
    summary = corpus_summary(engine)
    assert summary["n_entities"] == corpus_summary(engine, every_id)["n_entities"] > 0


def _aliases(engine: Engine, entity: str) -> list[tuple[str, int, int]]:
    frame = entity_aliases(engine, entity=entity, label="PERSON")
    return [tuple(row) for row in frame.itertuples(index=False)]


def test_the_corpus_merges_follow_each_ingest(engine: Engine, nlp: Language) -> None:
    ids = [r.article_id for r in ingest_articles(engine, nlp, [FULL, SHORT])]
    # SHORT only says "Putin": the corpus's dominant full name takes it
    assert _rows(engine, "Putin") == {"Vladimir Putin": (4, 2)}
    assert _aliases(engine, "Vladimir Putin") == [("Putin", 2, 2), ("Vladimir Putin", 2, 1)]
    _consistent(engine)
    # a second full name ending with "Putin" competes: SHORT's "Putin" is left alone,
    # FULL's stays merged (the article itself is the evidence)
    (rival,) = ingest_articles(engine, nlp, [RIVAL])
    assert _rows(engine, "Putin") == {
        "Vladimir Putin": (3, 1),
        "Dmitry Putin": (3, 1),
        "Putin": (1, 1),
    }
    _consistent(engine)
    # and deleting the rival brings the merge back
    assert delete_articles(engine, [rival.article_id]) == 1
    assert _rows(engine, "Putin") == {"Vladimir Putin": (4, 2)}
    _consistent(engine)
    assert ids == [1, 2]
    counted = _alias_counts(engine)
    # the deleted article's aliases are gone from the counts the corpus's merges use
    assert [row for row in counted if "Putin" in row[0]] == [("Putin", 2), ("Vladimir Putin", 2)]
    rebuild_corpus_totals(engine)
    assert _alias_counts(engine) == counted


def _alias_counts(engine: Engine) -> list[tuple[str, int]]:
    statement = select(corpus_aliases.c.alias, corpus_aliases.c.n_mentions).order_by("alias")
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(statement)]


def test_corrections_merge_split_undo_and_apply_later(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [FULL, RIVAL, SHORT]))
    assert _rows(engine, "Putin") == {
        "Vladimir Putin": (3, 1),
        "Dmitry Putin": (3, 1),
        "Putin": (1, 1),
    }
    versions = [store_version(engine)]

    merge = merge_entities(engine, entity="Putin", into="Vladimir Putin", label="PERSON")
    versions.append(store_version(engine))
    assert _rows(engine, "Putin") == {"Vladimir Putin": (4, 2), "Dmitry Putin": (3, 1)}
    _consistent(engine)

    # an article added later follows the correction
    list(ingest_articles(engine, nlp, [LATER]))
    assert _rows(engine, "Putin") == {"Vladimir Putin": (5, 3), "Dmitry Putin": (3, 1)}

    split = split_alias(engine, alias="Putin", label="PERSON")
    versions.append(store_version(engine))
    # every "Putin" has its own row again, FULL's in-article merge included
    assert _rows(engine, "Putin") == {
        "Putin": (3, 3),
        "Dmitry Putin": (3, 1),
        "Vladimir Putin": (2, 1),
    }
    _consistent(engine)
    table = entity_corrections_table(engine)
    assert list(zip(table["id"], table["kind"], table["entity"], table["target"], strict=True)) == [
        (merge, "merge", "Putin", "Vladimir Putin"),
        (split, "split", "Putin", ""),
    ]

    remove_correction(engine, split)
    versions.append(store_version(engine))
    assert _rows(engine, "Putin") == {"Vladimir Putin": (5, 3), "Dmitry Putin": (3, 1)}
    remove_correction(engine, merge)
    versions.append(store_version(engine))
    # back to the automatic result
    assert _rows(engine, "Putin") == {
        "Vladimir Putin": (3, 1),
        "Dmitry Putin": (3, 1),
        "Putin": (2, 2),
    }
    _consistent(engine)
    assert entity_corrections_table(engine).empty
    assert len(set(versions)) == len(versions)  # every change moves the store's version

    # recomputing everything from scratch gives the same rows
    before = entity_counts(engine)
    reapply_aliases(engine)
    pd.testing.assert_frame_equal(entity_counts(engine), before)


def test_a_refused_correction_stores_nothing(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [FULL]))
    version = store_version(engine)
    with pytest.raises(ValueError, match="no entity 'Nobody'"):
        merge_entities(engine, entity="Nobody", into="Vladimir Putin", label="PERSON")
    with pytest.raises(ValueError, match="no entity 'Nobody'"):
        merge_entities(engine, entity="Vladimir Putin", into="Nobody", label="PERSON")
    with pytest.raises(ValueError, match="two different"):
        merge_entities(engine, entity="Putin", into="Putin", label="PERSON")
    with pytest.raises(ValueError, match="no alias 'Putin' \\(ORG\\)"):
        split_alias(engine, alias="Putin", label="ORG")
    with pytest.raises(ValueError, match="no correction 7"):
        remove_correction(engine, 7)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(entity_corrections)) == 0
    assert store_version(engine) == version


def _alias_words(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return {tuple(row) for row in conn.execute(select(person_alias_words))}


def test_the_word_index_of_names_is_kept_and_rebuilt(engine: Engine, nlp: Language) -> None:
    """Each batch reads the alias counts of only the names sharing a word with the people it
    names (``person_alias_words``); a store made before that table gets it on opening."""
    list(ingest_articles(engine, nlp, [FULL]))
    expected = {("putin", "Putin"), ("vladimir", "Vladimir Putin"), ("putin", "Vladimir Putin")}
    assert _alias_words(engine) == expected
    rebuild_corpus_totals(engine)
    assert _alias_words(engine) == expected
    # a store from before the table: dropped here, made and filled again when opened
    with engine.begin() as conn:
        person_alias_words.drop(conn)
    reopened = create_store_engine(engine.url.render_as_string(hide_password=False))
    try:
        assert _alias_words(reopened) == expected
        # SHORT's "Putin" finds "Vladimir Putin" through the word "putin", and merges
        list(ingest_articles(reopened, nlp, [SHORT]))
        assert _rows(reopened, "Putin") == {"Vladimir Putin": (4, 2)}
        # a rival full name, found the same way, undoes that merge
        list(ingest_articles(reopened, nlp, [RIVAL]))
        assert _alias_words(reopened) == expected | {
            ("dmitry", "Dmitry Putin"),
            ("putin", "Dmitry Putin"),
        }
        assert _rows(reopened, "Putin") == {
            "Vladimir Putin": (3, 1),
            "Dmitry Putin": (3, 1),
            "Putin": (1, 1),
        }
        _consistent(reopened)
    finally:
        reopened.dispose()


def test_an_entitys_aliases_are_read_from_an_index_alone(nlp: Language, tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        list(ingest_articles(engine, nlp, [FULL, SHORT]))
        statements = recorded_statements(engine)
        assert _aliases(engine, "Vladimir Putin") == [("Putin", 2, 2), ("Vladimir Putin", 2, 1)]
        (sql, params) = [item for item in statements if "GROUP BY" in item[0]][-1]
        plan = sqlite_plan(engine, sql, params)
        # the mentions of the entity, with their aliases, from the index alone (no table reads)
        assert any(
            step.startswith(
                "SEARCH entity_mentions USING COVERING INDEX ix_entity_mentions_entity_alias"
            )
            for step in plan
        ), plan
    finally:
        engine.dispose()
