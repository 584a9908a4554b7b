"""Uploads survive an upgrade: the ``uploads`` table is kept and every article analysed again
is given back the upload it came with, also when the upgrade was interrupted and resumed."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import select, text
from test_upgrade import ARTICLES

from analytics import store
from analytics.pipeline import ingest_articles
from analytics.store import create_store_engine
from analytics.upgrade import needs_upgrade, upgrade_store

COLUMNS = ["upload_id", "origin", "label", "n_articles"]


def _titles_by_upload(engine) -> dict[int | None, list[str]]:  # type: ignore[no-untyped-def]
    statement = select(store.articles.c.upload_id, store.articles.c.title).order_by("title")
    found: dict[int | None, list[str]] = {}
    with engine.connect() as conn:
        for upload_id, title in conn.execute(statement):
            found.setdefault(upload_id, []).append(title)
    return found


def test_uploads_survive_an_interrupted_upgrade(tmp_path: Path, nlp: Language) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    first = store.start_upload(engine, "command line", "one.txt, two.txt")
    second = store.start_upload(engine, "dashboard", "three.txt")
    list(ingest_articles(engine, nlp, ARTICLES[:2], upload_id=first))
    list(ingest_articles(engine, nlp, ARTICLES[2:4], upload_id=second))
    list(ingest_articles(engine, nlp, ARTICLES[4:]))  # stored before uploads were recorded
    uploads = store.upload_table(engine)[COLUMNS].values.tolist()
    titles = _titles_by_upload(engine)
    assert uploads == [
        [second, "dashboard", "three.txt", 2],
        [first, "command line", "one.txt, two.txt", 2],
    ]
    with engine.begin() as conn:  # as a store of version 1 (no recorded version)
        conn.execute(text("DELETE FROM store_meta"))
    engine.dispose()

    engine = create_store_engine(url)
    assert needs_upgrade(engine)
    upgrading = upgrade_store(engine, nlp, batch_size=2)
    next(upgrading)
    upgrading.close()  # stopped after the first batch
    assert [r.status for r in upgrade_store(engine, nlp, batch_size=2)] == (
        ["already present"] * 2 + ["added"] * 3
    )
    assert not needs_upgrade(engine)
    assert store.upload_table(engine)[COLUMNS].values.tolist() == uploads
    assert _titles_by_upload(engine) == titles
