"""Opening the dashboard on a store written by an older version upgrades it first."""

from __future__ import annotations

from apptest_support import metrics, open_app
from sqlalchemy import inspect, text
from test_overview_page import SEED_METRICS

from analytics.store import SCHEMA_VERSION, create_store_engine, schema_version


def test_an_old_store_is_analysed_again_on_opening(writable_store_url: str) -> None:
    engine = create_store_engine(writable_store_url)
    with engine.begin() as conn:  # what an older version left: no version, fewer tables
        conn.execute(text("DELETE FROM store_meta"))
        conn.execute(text("DROP TABLE corpus_terms"))
    assert schema_version(engine) == 1

    at = open_app()
    assert metrics(at) == SEED_METRICS
    assert schema_version(engine) == SCHEMA_VERSION
    assert "corpus_terms" in inspect(engine).get_table_names()
    engine.dispose()
