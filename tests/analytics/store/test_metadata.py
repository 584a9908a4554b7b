"""Articles' metadata (a batch's other columns) in the store: kept, filtered on, compared by,
edited, and kept across an upgrade; editing a stored article's title, source and date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from spacy.language import Language
from sqlalchemy import Engine, inspect, update

from analytics import store
from analytics.filters import ArticleFilter
from analytics.keyness import keyness
from analytics.pipeline import ingest_articles
from analytics.readers.batches import read_jsonl
from analytics.store import (
    EditError,
    article_metadata_values,
    article_table,
    edit_article,
    group_sizes,
    metadata_values,
    n_articles,
    store_version,
)
from analytics.upgrade import needs_upgrade, upgrade_store

BUSINESS = "Shares in the bank rose after profits beat forecasts and the market rallied."
SPORT = "The striker scored twice as the team won the cup final in extra time."
TECH = "The phone maker released software that speeds up the new chips."


def _batch() -> str:
    """A JSON Lines batch: 3 business, 2 sport and 1 tech article, with authors."""
    rows = (
        [
            {
                "id": f"b{i}",
                "category": "business",
                "author": f"Ann {i}",
                "title": f"Bank {i}",
                "text": f"{BUSINESS} Report number {i}.",
            }
            for i in range(3)
        ]
        + [
            {
                "id": f"s{i}",
                "category": "sport",
                "author": "Bo",
                "title": f"Cup {i}",
                "text": f"{SPORT} Match number {i}.",
            }
            for i in range(2)
        ]
        + [{"id": "t0", "category": "tech", "Tags": ["phones", "chips"], "text": TECH}]
    )
    return "\n".join(json.dumps(row) for row in rows)  # fmt: skip


def _load(engine: Engine, nlp: Language) -> dict[str, int]:
    articles = read_jsonl("batch.jsonl", _batch())
    results = list(ingest_articles(engine, nlp, articles))
    assert [result.status for result in results] == ["added"] * 6
    return {result.title or "tech": int(result.article_id or 0) for result in results}


def test_batch_columns_round_trip(engine: Engine, nlp: Language) -> None:
    ids = _load(engine, nlp)
    assert article_metadata_values(engine, ids["Bank 1"]) == {
        "author": "Ann 1",
        "category": "business",
    }
    assert article_metadata_values(engine, ids["tech"]) == {
        "category": "tech",
        "tags": "phones, chips",
    }
    values = metadata_values(engine)
    counted = {(row.key, row.value): row.n_articles for row in values.itertuples()}
    assert counted[("category", "business")] == 3
    assert counted[("category", "sport")] == 2
    assert counted[("author", "Bo")] == 2
    # a key with more distinct values than the cap is not offered as a filter
    assert set(metadata_values(engine, max_values=3)["key"]) == {"category", "tags"}
    # deleting an article deletes its metadata
    store.delete_articles(engine, [ids["tech"]])
    assert article_metadata_values(engine, ids["tech"]) == {}
    assert "tags" not in set(metadata_values(engine)["key"])


def test_filter_by_category(engine: Engine, nlp: Language) -> None:
    _load(engine, nlp)
    sport = ArticleFilter(metadata=(("category", ("sport",)),))
    assert not sport.is_empty
    assert sorted(article_table(engine, sport)["title"]) == ["Cup 0", "Cup 1"]
    either = ArticleFilter(metadata=(("category", ("sport", "tech")),))
    assert n_articles(engine, either) == 3
    both_keys = ArticleFilter(metadata=(("category", ("business",)), ("author", ("Ann 2",))))
    assert list(article_table(engine, both_keys)["title"]) == ["Bank 2"]
    assert n_articles(engine, ArticleFilter(metadata=(("category", ("opinion",)),))) == 0
    # with other filters: a word only the business articles have
    shares = ArticleFilter(containing_word="shares", metadata=(("category", ("sport",)),))
    assert n_articles(engine, shares) == 0


def test_compare_business_against_sport(engine: Engine, nlp: Language) -> None:
    _load(engine, nlp)
    business = ArticleFilter(metadata=(("category", ("business",)),))
    sport = ArticleFilter(metadata=(("category", ("sport",)),))
    assert group_sizes(engine, business, group_b=sport) == {"n_a": 3, "n_b": 2, "n_both": 0}
    assert group_sizes(engine, business) == {"n_a": 3, "n_b": 3, "n_both": 0}  # the rest
    total_a, total_b = store.group_token_totals(engine, business, group_b=sport)
    counts = store.keyness_counts(engine, business, group_b=sport, min_frequency=1)
    table = keyness(counts, total_a=total_a, total_b=total_b).set_index("term")
    assert table.loc["shares", ["n_a", "n_b"]].tolist() == [3, 0]
    assert table.loc["striker", ["n_a", "n_b"]].tolist() == [0, 2]


def test_editing_an_article(engine: Engine, nlp: Language) -> None:
    ids = _load(engine, nlp)
    before = store_version(engine)
    article_id = ids["Cup 0"]
    assert edit_article(
        engine,
        article_id,
        title="  Derby   triumph ",
        source="BBC Sport",
        published=dt.date(2005, 5, 21),
        metadata={"category": "football", "author": "", "Desk ": "sport desk"},
        user="editor@example.org",
    )
    after = store_version(engine)
    assert after[:2] == before[:2] and after[2] == before[2] + 1  # caches refresh
    row = article_table(engine).set_index("article_id").loc[article_id]
    assert (row["title"], row["source"], row["published"]) == (
        "Derby triumph",
        "BBC Sport",
        dt.date(2005, 5, 21),
    )
    assert article_metadata_values(engine, article_id) == {
        "category": "football",
        "desk": "sport desk",
    }
    assert store.sources(engine) == ["BBC Sport"]
    assert n_articles(engine, ArticleFilter(metadata=(("category", ("sport",)),))) == 1
    assert n_articles(engine, ArticleFilter(search="derby triumph")) == 1  # search follows
    entry = store.audit_entries(engine, action="edit").iloc[0]
    assert entry["user"] == "editor@example.org"
    assert "title: Cup 0 → Derby triumph" in entry["detail"]
    # metadata None leaves the metadata as it is; a second edit moves the version again
    assert edit_article(engine, article_id, title="Cup", source="", published=None)
    assert store_version(engine)[2] == after[2] + 1
    assert article_metadata_values(engine, article_id) == {
        "category": "football",
        "desk": "sport desk",
    }
    assert not edit_article(engine, 9_999, title="x", source="", published=None)
    # text enters the store as every reader's does: no NUL (PostgreSQL refuses it), NFC
    assert edit_article(engine, article_id, title="Cafe\x00 Cafe\u0301", source="", published=None)
    assert article_table(engine).set_index("article_id").loc[article_id, "title"] == "Cafe Café"


def test_a_refused_edit_changes_nothing(engine: Engine, nlp: Language) -> None:
    ids = _load(engine, nlp)
    version = store_version(engine)
    with pytest.raises(EditError, match="source is longer"):
        edit_article(engine, ids["Bank 0"], title="New", source="x" * 301, published=None)
    with pytest.raises(EditError, match="longer than 500"):
        edit_article(
            engine, ids["Bank 0"], title="New", source="", published=None,
            metadata={"note": "y" * 501},
        )  # fmt: skip
    assert store_version(engine) == version
    assert article_table(engine).set_index("article_id").loc[ids["Bank 0"], "title"] == "Bank 0"


def test_an_upgrade_keeps_metadata_and_edits(engine: Engine, nlp: Language) -> None:
    ids = _load(engine, nlp)
    edit_article(
        engine, ids["Bank 2"], title="Bank results", source="City desk", published=None,
        metadata={"category": "business", "author": "Ann 2", "checked": "yes"},
    )  # fmt: skip
    edits = store_version(engine)[2]
    with engine.begin() as conn:  # as version 2 left it
        conn.execute(
            update(store.store_meta).where(store.store_meta.c.key == "schema_version"),
            {"value": "2"},
        )
    assert needs_upgrade(engine)
    results = list(upgrade_store(engine, nlp))
    assert [result.status for result in results] == ["added"] * 6
    assert not needs_upgrade(engine)
    assert "article_metadata_previous" not in inspect(engine).get_table_names()
    table = article_table(engine).set_index("title")
    assert table.loc["Bank results", "source"] == "City desk"
    new_id = int(table.loc["Bank results", "article_id"])
    assert article_metadata_values(engine, new_id) == {
        "author": "Ann 2",
        "category": "business",
        "checked": "yes",
    }
    business = ArticleFilter(metadata=(("category", ("business",)),))
    assert n_articles(engine, business) == 3
    assert store_version(engine)[2] >= edits  # the edit counter is kept
