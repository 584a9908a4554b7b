"""What the store tests share: two short articles, and the ``db_url`` fixture that runs every
store test on a SQLite file, and on PostgreSQL too when ``NEWS_TEST_POSTGRES_URL`` names an empty
database to use (CI starts one; see .ci/run)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from analytics.models import Article
from analytics.store import create_store_engine, metadata

POSTGRES_URL = os.environ.get("NEWS_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLite file, or the PostgreSQL database emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    engine = create_store_engine(POSTGRES_URL)
    metadata.drop_all(engine)
    engine.dispose()
    return POSTGRES_URL


BUDGET = Article(
    title="Budget passes",
    body="The parliament in Warsaw passed the budget. Ministers welcomed the budget vote.",
    source="Daily Test",
    published=dt.date(2024, 3, 1),
)
STRIKE = Article(
    title="Rail strike",
    body="Rail workers in Lyon began a strike. The strike closed stations across France.",
    source="Evening Test",
    published=dt.date(2024, 4, 15),
)


def recorded_statements(engine: Engine) -> list[tuple[str, Any]]:
    """Every statement the engine runs from now on, with its parameters (appended as run)."""
    statements: list[tuple[str, Any]] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda _conn, _cursor, sql, params, *_: statements.append((sql, params)),
    )
    return statements


def sqlite_plan(engine: Engine, sql: str, params: Any) -> list[str]:
    """The steps of SQLite's plan for a statement (``EXPLAIN QUERY PLAN``)."""
    with engine.connect() as conn:
        return [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
