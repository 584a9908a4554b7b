"""What the store tests share: two short articles, and the ``db_url`` fixture that runs every
store test on a SQLite file, and on PostgreSQL too when ``NEWS_TEST_POSTGRES_URL`` names an empty
database to use (CI starts one; see .ci/run)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

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
