"""Upgrading a store written by an older version: its articles are analysed again.

Every analysis result is derived from the stored articles, so a store whose tables changed is
upgraded by keeping the articles and re-running the analysis:

1. in one transaction, the articles are copied into ``articles_previous`` (and their metadata,
   a batch's other columns, into ``article_metadata_previous``), every table of the old schema
   is dropped and the current tables are created (with the current version);
2. the copied articles go through the normal ingest path, in their original order, with their
   metadata (an edited title, source or date is in ``articles`` and so kept as edited);
3. ``articles_previous`` and ``article_metadata_previous`` are dropped.

A crash during step 2 leaves ``articles_previous`` in place, and the next open resumes
(articles already stored again are recognised by their content hash). Article ids are given
anew, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    bindparam,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Connection

from analytics.analysis import DEFAULT_BATCH_SIZE
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    SCHEMA_VERSION,
    StoreResult,
    article_metadata,
    articles,
    audit_log,
    entity_corrections,
    metadata,
    schema_version,
    store_meta,
    uploads,
)
from analytics.store.search import _create_search_index, _drop_search_index

_previous_metadata = MetaData()
#: The columns every version's ``articles`` table has: all an article needs to be re-analysed.
ARTICLE_COLUMNS = ("id", "title", "body", "source", "published", "url", "language", "file_name")
articles_previous = Table(
    "articles_previous",
    _previous_metadata,
    *(Column(name, articles.c[name].type, primary_key=name == "id") for name in ARTICLE_COLUMNS),
)
#: The articles' metadata, by their id in ``articles_previous`` (stores of version 2 had none).
article_metadata_previous = Table(
    "article_metadata_previous",
    _previous_metadata,
    Column("article_id", Integer, primary_key=True),
    Column("key", article_metadata.c.key.type, primary_key=True),
    Column("value", article_metadata.c.value.type, nullable=False),
)
#: The upload each article came with, by its id in ``articles_previous`` (stores without
#: uploads had none); given back to the articles once they are stored again.
article_uploads_previous = Table(
    "article_uploads_previous",
    _previous_metadata,
    Column("article_id", Integer, primary_key=True),
    Column("upload_id", Integer, nullable=False),
)
#: Tables kept across an upgrade: not derived from the articles (the user's corrections of
#: entity merging apply again to the re-analysed articles as they are stored; the audit trail).
KEPT_TABLES = {store_meta.name, entity_corrections.name, audit_log.name, uploads.name}


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
    if inspector.has_table(article_metadata.name):
        old_metadata = Table(article_metadata.name, MetaData(), autoload_with=conn)
        names = [column.name for column in article_metadata_previous.columns]
        conn.execute(
            article_metadata_previous.insert().from_select(
                names, select(*(old_metadata.c[name] for name in names))
            )
        )
    if "upload_id" in old_articles.c:
        conn.execute(
            article_uploads_previous.insert().from_select(
                ["article_id", "upload_id"],
                select(old_articles.c.id, old_articles.c.upload_id).where(
                    old_articles.c.upload_id.is_not(None)
                ),
            )
        )
    _drop_search_index(conn)  # FTS5's own tables go with it, not one by one
    old = MetaData()
    previous = set(_previous_metadata.tables)
    names = [name for name in inspector.get_table_names() if name not in KEPT_TABLES]
    old.reflect(conn, only=[name for name in names if name not in previous])
    old.drop_all(conn)
    metadata.create_all(conn)
    _create_search_index(conn)
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
        kept: dict[int, list[tuple[str, str]]] = {}
        with engine.connect() as conn:
            pairs = conn.execute(
                select(article_metadata_previous)
                .where(article_metadata_previous.c.article_id.in_([row.id for row in rows]))
                .order_by(article_metadata_previous.c.key)
            )
            for pair in pairs:
                kept.setdefault(pair.article_id, []).append((pair.key, pair.value))
        for row in rows:
            yield Article(
                title=row.title,
                body=row.body,
                source=row.source,
                published=row.published,
                url=row.url,
                language=row.language,
                file_name=row.file_name,
                metadata=tuple(kept.get(row.id, ())),
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
        # an upgrade interrupted by a version without it: no metadata to restore
        article_metadata_previous.create(conn, checkfirst=True)
        article_uploads_previous.create(conn, checkfirst=True)
        # the results come in this order, one per set-aside article
        order = list(conn.scalars(select(articles_previous.c.id).order_by(articles_previous.c.id)))
    new_ids: list[int | None] = []
    for result in ingest_articles(
        engine, nlp, _previous_articles(engine), batch_size=batch_size, n_process=n_process
    ):
        new_ids.append(result.article_id)
        yield result
    with writer.begin() as conn:
        if len(new_ids) == len(order):  # one result per article, as always
            _restore_uploads(conn, dict(zip(order, new_ids, strict=True)))
        articles_previous.drop(conn, checkfirst=True)  # another process may have finished
        article_metadata_previous.drop(conn, checkfirst=True)
        article_uploads_previous.drop(conn, checkfirst=True)


def _restore_uploads(conn: Connection, new_ids: dict[int, int | None]) -> None:
    """Give the articles stored again the upload they came with (``new_ids``: their id before
    the upgrade -> their id now)."""
    rows = [
        {"new_id": new_ids[int(old)], "upload": int(upload)}
        for old, upload in conn.execute(select(article_uploads_previous))
        if new_ids.get(int(old)) is not None
    ]
    if rows:
        conn.execute(
            articles.update()
            .where(articles.c.id == bindparam("new_id"))
            .values(upload_id=bindparam("upload")),
            rows,
        )
