"""The audit trail: corrections record who made them, in the same transaction as the write;
filters; an old store's corrections table gets its ``user`` column on opening; the trail and
the corrections survive an upgrade."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine, inspect, text

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    audit_entries,
    create_store_engine,
    entity_corrections_table,
    merge_entities,
    record_activity,
    remove_correction,
    split_alias,
)
from analytics.store.audit import MAX_DETAIL_CHARS
from analytics.upgrade import KEPT_TABLES, needs_upgrade, upgrade_store

ARTICLES = [
    Article(
        title="Summit",
        body="Vladimir Putin arrived in Minsk on Monday. Vladimir Putin met the president "
        "there. Putin said the talks went well.",
    ),
    Article(title="Gas", body="Putin spoke about gas prices in Moscow on Friday."),
    Article(
        title="Chess",
        body="Dmitry Putin won the chess final in Kazan. Dmitry Putin is nineteen. Dmitry "
        "Putin will play in Oslo next year.",
    ),
]


def _stored(engine: Engine, nlp: Language) -> None:
    assert [r.status for r in ingest_articles(engine, nlp, ARTICLES)] == ["added"] * 3


def _trail(engine: Engine, **filters: object) -> list[tuple[str, str, str, int]]:
    table = audit_entries(engine, **filters)  # type: ignore[arg-type]
    return [(r.user, r.action, r.detail, int(r.n_rows)) for r in table.itertuples()]


def test_corrections_are_recorded_with_who_made_them(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    assert audit_entries(engine).empty
    split = split_alias(engine, alias="Putin", label="PERSON", user="anna@example.org")
    merge = merge_entities(
        engine, entity="Putin", into="Dmitry Putin", label="PERSON", user="ben@example.org"
    )
    remove_correction(engine, split)  # no user given: "local", as on the command line
    corrections = entity_corrections_table(engine)
    assert list(zip(corrections["id"], corrections["user"], strict=True)) == [
        (merge, "ben@example.org")
    ]
    # newest first; n_rows: the articles whose mentions the correction moved
    assert _trail(engine) == [
        ("local", "undo", f"undid #{split}: Putin split off (PERSON)", 3),
        ("ben@example.org", "merge", f"#{merge}: Putin merged into Dmitry Putin (PERSON)", 2),
        ("anna@example.org", "split", f"#{split}: Putin split off (PERSON)", 2),
    ]
    table = audit_entries(engine)
    assert list(table.columns) == ["id", "at", "user", "action", "detail", "n_rows"]
    assert table["id"].is_monotonic_decreasing


def test_a_refused_correction_leaves_no_entry(engine: Engine, nlp: Language) -> None:
    _stored(engine, nlp)
    with pytest.raises(ValueError, match="no entity 'Nobody'"):
        merge_entities(engine, entity="Nobody", into="Putin", label="PERSON", user="a@b.org")
    with pytest.raises(ValueError, match="no correction 99"):
        remove_correction(engine, 99, user="a@b.org")
    assert audit_entries(engine).empty
    assert entity_corrections_table(engine).empty


def test_the_trail_is_filtered_by_user_action_and_time(engine: Engine) -> None:
    record_activity(engine, user="anna@example.org", action="upload", detail="a.txt", n_rows=1)
    record_activity(engine, user="ben@example.org", action="upload", detail="b.csv", n_rows=40)
    record_activity(engine, user="anna@example.org", action="delete", detail="ids 3", n_rows=1)
    assert _trail(engine, user="anna@example.org") == [
        ("anna@example.org", "delete", "ids 3", 1),
        ("anna@example.org", "upload", "a.txt", 1),
    ]
    assert _trail(engine, action="upload", user="ben@example.org") == [
        ("ben@example.org", "upload", "b.csv", 40)
    ]
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    assert len(audit_entries(engine, since=today)) == 3
    assert audit_entries(engine, since=today + dt.timedelta(days=1)).empty
    assert audit_entries(engine, until=today).empty
    assert len(audit_entries(engine, since=now - dt.timedelta(minutes=5))) == 3
    # an over-long detail (thousands of file names) is cut, not refused
    record_activity(engine, action="upload", detail="x" * 5_000, n_rows=0)
    (entry,) = audit_entries(engine, user="local").itertuples()
    assert len(entry.detail) == MAX_DETAIL_CHARS and entry.detail.endswith("…")


def test_an_old_corrections_table_gets_its_user_column(db_url: str) -> None:
    engine = create_store_engine(db_url)
    with engine.begin() as conn:  # the table as stores before the audit trail had it
        conn.execute(text("DROP TABLE entity_corrections"))
        conn.execute(
            text(
                "CREATE TABLE entity_corrections (id INTEGER PRIMARY KEY, kind VARCHAR(16) "
                "NOT NULL, label VARCHAR(32) NOT NULL, entity VARCHAR(400) NOT NULL, "
                "target VARCHAR(400) NOT NULL, created_at TIMESTAMP NOT NULL, undone_at "
                "TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO entity_corrections (id, kind, label, entity, target, created_at) "
                "VALUES (1, 'merge', 'GPE', 'US', 'United States', '2025-01-02 03:04:05')"
            )
        )
    engine.dispose()
    assert "user" not in {c["name"] for c in inspect(engine).get_columns("entity_corrections")}

    reopened = create_store_engine(db_url)
    columns = {c["name"] for c in inspect(reopened).get_columns("entity_corrections")}
    assert "user" in columns
    table = entity_corrections_table(reopened)
    assert list(zip(table["entity"], table["user"], strict=True)) == [("US", "local")]
    create_store_engine(db_url).dispose()  # opening it again changes nothing
    assert len(entity_corrections_table(reopened)) == 1
    reopened.dispose()


def test_the_trail_and_who_made_each_correction_survive_an_upgrade(
    tmp_path: Path, nlp: Language
) -> None:
    assert {"audit_log", "entity_corrections"} <= KEPT_TABLES
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    _stored(engine, nlp)
    merge_entities(engine, entity="Putin", into="Dmitry Putin", label="PERSON", user="a@b.org")
    record_activity(engine, user="a@b.org", action="upload", detail="3 files", n_rows=3)
    with engine.begin() as conn:  # as an older version left it
        conn.execute(text("DELETE FROM store_meta"))
    engine.dispose()

    engine = create_store_engine(url)
    assert needs_upgrade(engine)
    assert [r.status for r in upgrade_store(engine, nlp)] == ["added"] * 3
    assert not needs_upgrade(engine)
    assert list(entity_corrections_table(engine)["user"]) == ["a@b.org"]
    assert [(user, action) for user, action, _, _ in _trail(engine)] == [
        ("a@b.org", "upload"),
        ("a@b.org", "merge"),
    ]
