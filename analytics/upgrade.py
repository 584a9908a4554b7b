"""Upgrading a store written by an older version: its articles are analysed again.

Every analysis result is derived from the stored articles, so a store whose tables changed is
upgraded by keeping the articles and re-running the analysis:

1. in one transaction, the articles are copied into ``articles_previous``, every table of the
   old schema is dropped and the current tables are created (with the current version);
2. the copied articles go through the normal ingest path, in their original order;
3. ``articles_previous`` is dropped.

A crash during step 2 leaves ``articles_previous`` in place, and the next open resumes
(articles already stored again are recognised by their content hash). Article ids are given
anew, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from sqlalchemy import Column, Engine, MetaData, Table, func, inspect, select
from sqlalchemy.engine import Connection

from analytics.analysis import DEFAULT_BATCH_SIZE
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    SCHEMA_VERSION,
    StoreResult,
    articles,
    entity_corrections,
    metadata,
    schema_version,
    store_meta,
)

_previous_metadata = MetaData()
#: The columns every version's ``articles`` table has: all an article needs to be re-analysed.
ARTICLE_COLUMNS = ("id", "title", "body", "source", "published", "url", "language", "file_name")
articles_previous = Table(
    "articles_previous",
    _previous_metadata,
    *(Column(name, articles.c[name].type, primary_key=name == "id") for name in ARTICLE_COLUMNS),
)
#: Tables kept across an upgrade: not derived from the articles (the user's corrections of
#: entity merging apply again to the re-analysed articles as they are stored).
KEPT_TABLES = {store_meta.name, entity_corrections.name}


def needs_upgrade(engine: Engine) -> bool:
    """Whether the store holds articles analysed by an older version (or an upgrade stopped
    half-way)."""
    with engine.connect() as conn:
        if inspect(conn).has_table(articles_previous.name):
            return True
    return schema_version(engine) < SCHEMA_VERSION


def n_articles_to_upgrade(engine: Engine) -> int:
    """How many articles an upgrade analyses again (for a progress bar)."""
    with engine.connect() as conn:
        table = articles_previous if inspect(conn).has_table(articles_previous.name) else articles
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def _set_aside_articles(conn: Connection) -> None:
    """Step 1: copy the articles aside, drop the old tables, create the current ones."""
    inspector = inspect(conn)
    _previous_metadata.create_all(conn)
    columns = [column.name for column in articles_previous.columns]
    old_articles = Table(articles.name, MetaData(), autoload_with=conn)
    conn.execute(
        articles_previous.insert().from_select(
            columns, select(*(old_articles.c[name] for name in columns))
        )
    )
    old = MetaData()
    names = [name for name in inspector.get_table_names() if name not in KEPT_TABLES]
    old.reflect(conn, only=[name for name in names if name != articles_previous.name])
    old.drop_all(conn)
    metadata.create_all(conn)
    conn.execute(store_meta.delete().where(store_meta.c.key == "schema_version"))
    conn.execute(store_meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))


def _previous_articles(engine: Engine, *, chunk: int = 200) -> Iterator[Article]:
    """The set-aside articles in their original order, a chunk at a time."""
    last_id = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(articles_previous)
                .where(articles_previous.c.id > last_id)
                .order_by(articles_previous.c.id)
                .limit(chunk)
            ).all()
        if not rows:
            return
        for row in rows:
            yield Article(
                title=row.title,
                body=row.body,
                source=row.source,
                published=row.published,
                url=row.url,
                language=row.language,
                file_name=row.file_name,
            )
        last_id = rows[-1].id


def upgrade_store(
    engine: Engine, nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1
) -> Iterator[StoreResult]:
    """Re-analyse the store's articles with the current version, yielding one result per
    article as it is stored again (see the module's docstring)."""
    writer = engine.execution_options(write=True)
    with writer.begin() as conn:
        if not inspect(conn).has_table(articles_previous.name):
            _set_aside_articles(conn)
    yield from ingest_articles(
        engine, nlp, _previous_articles(engine), batch_size=batch_size, n_process=n_process
    )
    with writer.begin() as conn:
        articles_previous.drop(conn, checkfirst=True)  # another process may have finished
