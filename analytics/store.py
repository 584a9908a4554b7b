"""The store: articles and their analysis results in a database, through SQLAlchemy Core.

The default is a SQLite file (WAL mode, a busy timeout, write transactions begun with
``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing); any SQLAlchemy URL works,
PostgreSQL included. Each article is written in one transaction with all of its results, so an
article is stored completely or not at all, and its content hash is unique, so adding the same
article twice stores it once.

Every query takes an ``ArticleFilter`` (hashable, so the dashboard can cache on it) and returns a
DataFrame; corpus-wide totals are computed by the database with ``GROUP BY``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    SmallInteger,
    String,
    Table,
    Text,
    and_,
    create_engine,
    delete,
    event,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from analytics.analysis import ArticleAnalysis
from analytics.readability import COUNTS, MEASURES

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("source", String(300), nullable=False),
    Column("published", Date, nullable=True),
    Column("url", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("added_at", DateTime, nullable=False),
    Index("ix_articles_source", "source"),
    Index("ix_articles_published", "published"),
)

readability = Table(
    "readability",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    *(Column(name, Float, nullable=True) for name in (*MEASURES, *COUNTS)),
)

readability_flags = Table(
    "readability_flags",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("reason", Text, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("sentence_index", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("n_words", Integer, nullable=False),
)

terms = Table(
    "terms",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", SmallInteger, primary_key=True),
    Column("term", String(400), primary_key=True),
    Column("lemma", String(400), primary_key=True),
    Column("is_stop", Boolean, nullable=False),
    Column("n_occurrences", Integer, nullable=False),
    Index("ix_terms_n_term", "n", "term"),
)

# Corpus-wide totals, kept up to date in the same transaction as every insert and delete, so
# that the unfiltered corpus (the common case) is answered without a GROUP BY over every row.
corpus_terms = Table(
    "corpus_terms",
    metadata,
    Column("n", SmallInteger, primary_key=True),
    Column("term", String(400), primary_key=True),
    Column("is_stop", Boolean, nullable=False),
    Column("n_occurrences", BigInteger, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Index("ix_corpus_terms_rank", "n", "is_stop", "n_occurrences"),
)

corpus_entities = Table(
    "corpus_entities",
    metadata,
    Column("entity", String(400), primary_key=True),
    Column("label", String(32), primary_key=True),
    Column("n_mentions", BigInteger, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Index("ix_corpus_entities_rank", "n_mentions"),
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("mention_index", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("entity", String(400), nullable=False),
    Column("label", String(32), nullable=False),
    Index("ix_entity_mentions_entity", "entity", "label"),
)

Status = Literal["added", "already present", "rejected"]


@dataclass(frozen=True)
class StoreResult:
    """What happened to one article given to the store."""

    name: str
    status: Status
    article_id: int | None = None
    title: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a query looks at; the empty filter means the whole corpus."""

    sources: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    article_ids: tuple[int, ...] | None = None

    def conditions(self) -> list[Any]:
        """SQL conditions on the ``articles`` table."""
        conditions: list[Any] = []
        if self.sources:
            conditions.append(articles.c.source.in_(self.sources))
        if self.date_from is not None:
            conditions.append(articles.c.published >= self.date_from)
        if self.date_to is not None:
            conditions.append(articles.c.published <= self.date_to)
        if self.search.strip():
            needle = self.search.strip()
            conditions.append(
                or_(
                    articles.c.title.icontains(needle, autoescape=True),
                    articles.c.body.icontains(needle, autoescape=True),
                )
            )
        if self.article_ids is not None:
            conditions.append(articles.c.id.in_(self.article_ids))
        return conditions

    @property
    def is_empty(self) -> bool:
        return not self.conditions()


ALL_ARTICLES = ArticleFilter()


# --- engine -----------------------------------------------------------------------------------


BUSY_TIMEOUT_SECONDS = 30


def _enable_wal(cursor: Any) -> None:
    """Switch the database file to WAL mode (nothing to do once it is in WAL mode).

    Connections switching a new file at the same moment can fail at once with "database is
    locked" (SQLite's busy handler does not cover the switch), so it is retried for as long as
    the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for the store at ``url``, with its tables created if they are missing.

    For a SQLite file, the folder is created too.
    """
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"timeout": BUSY_TIMEOUT_SECONDS} if is_sqlite else {}
    engine = create_engine(parsed, connect_args=connect_args)
    if is_sqlite:
        _configure_sqlite(engine)
    # Checking for the tables and creating them happen in one write transaction (BEGIN
    # IMMEDIATE on SQLite), so processes opening a new store at once take turns instead of
    # one failing with "database is locked" or "table already exists".
    metadata.create_all(_writer(engine))
    return engine


def rebuild_corpus_totals(engine: Engine) -> None:
    """Recompute the corpus totals from the stored rows (for stores written without them)."""
    term_keys = (terms.c.n, terms.c.term)
    entity_keys = (entity_mentions.c.entity, entity_mentions.c.label)
    with _writer(engine).begin() as conn:
        conn.execute(delete(corpus_terms))
        conn.execute(delete(corpus_entities))
        conn.execute(
            insert(corpus_terms).from_select(
                ["n", "term", "is_stop", "n_occurrences", "n_articles"],
                select(
                    *term_keys,
                    terms.c.is_stop,  # the same for every row of a term
                    func.sum(terms.c.n_occurrences),
                    func.count(func.distinct(terms.c.article_id)),
                ).group_by(*term_keys, terms.c.is_stop),
            )
        )
        conn.execute(
            insert(corpus_entities).from_select(
                ["entity", "label", "n_mentions", "n_articles"],
                select(
                    *entity_keys,
                    func.count(),
                    func.count(func.distinct(entity_mentions.c.article_id)),
                ).group_by(*entity_keys),
            )
        )


def _totals_missing(engine: Engine) -> bool:
    with engine.connect() as conn:
        has_terms = conn.scalar(select(terms.c.article_id).limit(1)) is not None
        has_totals = conn.scalar(select(corpus_terms.c.n).limit(1)) is not None
    return has_terms and not has_totals


def _writer(engine: Engine) -> Engine:
    return engine.execution_options(write=True)


# --- writing ----------------------------------------------------------------------------------


def stored_article_id(engine: Engine, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, if there is one."""
    with engine.connect() as conn:
        return conn.scalar(select(articles.c.id).where(articles.c.content_hash == content_hash))


def _insert_analysis(conn: Connection, analysis: ArticleAnalysis) -> int:
    article = analysis.article
    article_id = conn.execute(
        insert(articles).values(
            content_hash=article.content_hash,
            title=article.title,
            body=article.body,
            source=article.source,
            published=article.published,
            url=article.url,
            language=article.language,
            file_name=article.file_name,
            added_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    ).inserted_primary_key[0]
    conn.execute(insert(readability).values(article_id=article_id, **analysis.readability))
    if analysis.flags:
        conn.execute(
            insert(readability_flags),
            [
                {"article_id": article_id, "measure": measure, "reason": reason}
                for measure, reason in analysis.flags.items()
            ],
        )
    if analysis.sentences:
        conn.execute(
            insert(sentences),
            [
                {"article_id": article_id, "sentence_index": i, **sentence._asdict()}
                for i, sentence in enumerate(analysis.sentences)
            ],
        )
    if analysis.terms:
        conn.execute(
            insert(terms), [{"article_id": article_id, **row._asdict()} for row in analysis.terms]
        )
    if analysis.mentions:
        conn.execute(
            insert(entity_mentions),
            [
                {"article_id": article_id, "mention_index": i, **mention._asdict()}
                for i, mention in enumerate(analysis.mentions)
            ],
        )
    return int(article_id)


def _entity_totals(analysis: ArticleAnalysis) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for mention in analysis.mentions:
        key = (mention.entity, mention.label)
        totals[key] = totals.get(key, 0) + 1
    return totals


def _upsert_insert(conn: Connection, table: Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)


def _add_to_totals(conn: Connection, analyses: list[ArticleAnalysis]) -> None:
    """Add the counts of stored articles to the corpus totals, summed over the batch first
    (one upsert per distinct term of the batch, not one per term of each article)."""
    term_totals: dict[tuple[int, str, bool], list[int]] = {}
    entity_totals: dict[tuple[str, str], list[int]] = {}
    for analysis in analyses:
        # a word form can have several lemmas in one article: one article, whatever the lemmas
        in_article: dict[tuple[int, str, bool], int] = {}
        for row in analysis.terms:
            key = (row.n, row.term, row.is_stop)
            in_article[key] = in_article.get(key, 0) + row.n_occurrences
        for key, count in in_article.items():
            total = term_totals.setdefault(key, [0, 0])
            total[0] += count
            total[1] += 1
        for key, count in _entity_totals(analysis).items():
            total = entity_totals.setdefault(key, [0, 0])
            total[0] += count
            total[1] += 1
    term_rows = [
        {
            "n": n,
            "term": term,
            "is_stop": is_stop,
            "n_occurrences": occurrences,
            "n_articles": n_articles,
        }
        for (n, term, is_stop), (occurrences, n_articles) in term_totals.items()
    ]
    entity_rows = [
        {"entity": entity, "label": label, "n_mentions": mentions, "n_articles": n_articles}
        for (entity, label), (mentions, n_articles) in entity_totals.items()
    ]
    # in key order, so concurrent writers lock the same rows in the same order (no deadlock)
    term_rows.sort(key=lambda row: (row["n"], row["term"]))
    entity_rows.sort(key=lambda row: (row["entity"], row["label"]))
    for table, rows, keys, counts in (
        (corpus_terms, term_rows, ("n", "term"), ("n_occurrences", "n_articles")),
        (corpus_entities, entity_rows, ("entity", "label"), ("n_mentions", "n_articles")),
    ):
        if not rows:
            continue
        statement = _upsert_insert(conn, table)
        statement = statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: table.c[name] + statement.excluded[name] for name in counts},
        )
        conn.execute(statement, rows)


def add_analysis(engine: Engine, analysis: ArticleAnalysis) -> StoreResult:
    """Store one analysed article with all of its results in one transaction, or not at all."""
    article = analysis.article
    name = article.file_name or article.title
    try:
        with _writer(engine).begin() as conn:
            existing = conn.scalar(
                select(articles.c.id).where(articles.c.content_hash == article.content_hash)
            )
            if existing is not None:
                return StoreResult(name, "already present", int(existing), article.title)
            article_id = _insert_analysis(conn, analysis)
            _add_to_totals(conn, [analysis])
    except IntegrityError:
        existing_id = stored_article_id(engine, article.content_hash)
        if existing_id is None:
            raise
        return StoreResult(name, "already present", existing_id, article.title)
    return StoreResult(name, "added", article_id, article.title)


def add_analyses(engine: Engine, analyses: Iterable[ArticleAnalysis]) -> list[StoreResult]:
    """Store a batch of analysed articles in one transaction, each in a savepoint of its own.

    One commit for the batch (committing is the slowest part of a small write), yet each
    article is still stored with all of its results or not at all: an article that fails to
    store is rolled back alone and reported as rejected. The results are returned once the
    batch is committed, so "added" always means durably stored.
    """
    results: list[StoreResult] = []
    stored: list[ArticleAnalysis] = []
    with _writer(engine).begin() as conn:
        for analysis in analyses:
            article = analysis.article
            name = article.file_name or article.title
            existing = conn.scalar(
                select(articles.c.id).where(articles.c.content_hash == article.content_hash)
            )
            if existing is not None:
                results.append(StoreResult(name, "already present", int(existing), article.title))
                continue
            try:
                with conn.begin_nested():
                    article_id = _insert_analysis(conn, analysis)
            except OperationalError:
                raise  # the database failed, not this article: the whole batch is rolled back
            except StatementError as error:
                # A row of this article was refused (a constraint, a value no column takes):
                # its savepoint is rolled back and the rest of the batch is stored.
                existing = conn.scalar(
                    select(articles.c.id).where(articles.c.content_hash == article.content_hash)
                )
                if existing is not None:  # another writer stored it meanwhile (PostgreSQL)
                    results.append(
                        StoreResult(name, "already present", int(existing), article.title)
                    )
                    continue
                cause = error.orig if error.orig is not None else error
                reason = f"could not be stored ({type(cause).__name__})"
                results.append(StoreResult(name, "rejected", title=article.title, reason=reason))
                continue
            results.append(StoreResult(name, "added", article_id, article.title))
            stored.append(analysis)
        _add_to_totals(conn, stored)
    return results


def _subtract_from_totals(conn: Connection, ids: list[int]) -> None:
    """Take the counts of the articles ``ids`` (still stored) out of the corpus totals."""
    term_keys = (terms.c.n, terms.c.term)
    removed_terms = (
        select(
            *term_keys,
            func.sum(terms.c.n_occurrences).label("amount"),
            func.count(func.distinct(terms.c.article_id)).label("n_removed"),
        )
        .where(terms.c.article_id.in_(ids))
        .group_by(*term_keys)
    )
    for row in conn.execute(removed_terms).mappings():
        conn.execute(
            corpus_terms.update()
            .where(corpus_terms.c.n == row["n"], corpus_terms.c.term == row["term"])
            .values(
                n_occurrences=corpus_terms.c.n_occurrences - row["amount"],
                n_articles=corpus_terms.c.n_articles - row["n_removed"],
            )
        )
    entity_keys = (entity_mentions.c.entity, entity_mentions.c.label)
    removed_entities = (
        select(
            *entity_keys,
            func.count().label("amount"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_removed"),
        )
        .where(entity_mentions.c.article_id.in_(ids))
        .group_by(*entity_keys)
    )
    for row in conn.execute(removed_entities).mappings():
        conn.execute(
            corpus_entities.update()
            .where(
                corpus_entities.c.entity == row["entity"],
                corpus_entities.c.label == row["label"],
            )
            .values(
                n_mentions=corpus_entities.c.n_mentions - row["amount"],
                n_articles=corpus_entities.c.n_articles - row["n_removed"],
            )
        )
    for table in (corpus_terms, corpus_entities):
        conn.execute(delete(table).where(table.c.n_articles <= 0))


def delete_articles(engine: Engine, article_ids: Iterable[int]) -> int:
    """Remove articles and all of their results; returns how many were removed."""
    ids = list(article_ids)
    with _writer(engine).begin() as conn:
        _subtract_from_totals(conn, ids)
        for table in (readability, readability_flags, sentences, terms, entity_mentions):
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        return conn.execute(delete(articles).where(articles.c.id.in_(ids))).rowcount


# --- reading ----------------------------------------------------------------------------------


def _frame(engine: Engine, statement: Select[Any]) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _ids(flt: ArticleFilter) -> Select[Any]:
    return select(articles.c.id).where(*flt.conditions())


def _restrict(statement: Select[Any], column: Any, flt: ArticleFilter) -> Select[Any]:
    return statement if flt.is_empty else statement.where(column.in_(_ids(flt)))


def n_articles(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> int:
    """How many stored articles the filter selects."""
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(_ids(flt).subquery())) or 0)


def store_version(engine: Engine) -> tuple[int, int]:
    """The number of articles and the highest id: changes whenever articles are added or
    removed, so caches keyed on it are refreshed in every session and process."""
    with engine.connect() as conn:
        count, highest = conn.execute(
            select(func.count(articles.c.id), func.max(articles.c.id))
        ).one()
    return int(count), int(highest or 0)


def sources(engine: Engine) -> list[str]:
    """The distinct sources of the stored articles, sorted; the empty source is left out."""
    statement = (
        select(articles.c.source).where(articles.c.source != "").distinct().order_by("source")
    )
    with engine.connect() as conn:
        return list(conn.scalars(statement))


def date_bounds(engine: Engine) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest publication dates stored (None when no article has a date)."""
    with engine.connect() as conn:
        first, last = conn.execute(
            select(func.min(articles.c.published), func.max(articles.c.published))
        ).one()
    return first, last


ARTICLE_COLUMNS = (
    articles.c.id.label("article_id"),
    articles.c.title,
    articles.c.source,
    articles.c.published,
)


def article_table(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """One row per article with its key metrics, the most recently added first.

    ``limit`` and ``offset`` give one page of rows (the dashboard never loads every row of a
    large corpus at once).
    """
    n_flags = (
        select(func.count())
        .where(readability_flags.c.article_id == articles.c.id)
        .scalar_subquery()
        .label("n_unreliable_scores")
    )
    n_entities = (
        select(func.count())
        .where(entity_mentions.c.article_id == articles.c.id)
        .scalar_subquery()
        .label("n_entity_mentions")
    )
    statement = (
        select(
            *ARTICLE_COLUMNS,
            readability.c.n_words,
            readability.c.n_sentences,
            readability.c.flesch_reading_ease,
            readability.c.consensus_grade,
            readability.c.reading_time_seconds,
            n_entities,
            n_flags,
            articles.c.language,
            articles.c.url,
            articles.c.file_name,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .where(*flt.conditions())
        .order_by(articles.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    frame = _frame(engine, statement)
    for column in ("n_words", "n_sentences"):
        frame[column] = frame[column].astype("Int64")
    return frame


def readability_table(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Every readability measure and count of every selected article, one row each, with the
    length of its longest sentence in words (``longest_sentence_words``)."""
    longest = (
        select(func.max(sentences.c.n_words))
        .where(sentences.c.article_id == articles.c.id)
        .scalar_subquery()
        .label("longest_sentence_words")
    )
    statement = (
        select(*ARTICLE_COLUMNS, *(readability.c[name] for name in (*MEASURES, *COUNTS)), longest)
        .join(readability, readability.c.article_id == articles.c.id)
        .where(*flt.conditions())
        .order_by(articles.c.id)
    )
    return _frame(engine, statement)


def measure_values(engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, measure: str) -> pd.Series:
    """One readability measure or count of every selected article (None left out)."""
    if measure not in (*MEASURES, *COUNTS):
        raise ValueError(f"unknown measure: {measure}")
    column = readability.c[measure]
    statement = _restrict(select(column).where(column.is_not(None)), readability.c.article_id, flt)
    with engine.connect() as conn:
        return pd.Series(list(conn.scalars(statement)), dtype=float, name=measure)


def flag_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """How many selected articles have each measure flagged unreliable: measure, n_articles."""
    count = func.count()
    statement = (
        _restrict(
            select(readability_flags.c.measure, count.label("n_articles")),
            readability_flags.c.article_id,
            flt,
        )
        .group_by(readability_flags.c.measure)
        .order_by(count.desc(), readability_flags.c.measure)
    )
    return _frame(engine, statement)


def flag_table(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, limit: int | None = None
) -> pd.DataFrame:
    """The unreliable scores of the selected articles: article, measure and reason."""
    statement = _restrict(
        select(readability_flags).order_by("article_id", "measure").limit(limit),
        readability_flags.c.article_id,
        flt,
    )
    return _frame(engine, statement)


def readability_medians(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, float]:
    """The median of each readability measure and count over the selected articles."""
    table = readability_table(engine, flt)
    columns = [*MEASURES, *COUNTS]
    if table.empty:
        return dict.fromkeys(columns, float("nan"))
    return {name: float(table[name].median()) for name in columns}


def corpus_summary(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, Any]:
    """The corpus at a glance: counts of articles, words, sources, entities; dates; grade."""
    selected = _ids(flt).subquery()
    with engine.connect() as conn:
        n_selected, n_words, n_sentences = conn.execute(
            select(
                func.count(articles.c.id),
                func.coalesce(func.sum(readability.c.n_words), 0),
                func.coalesce(func.sum(readability.c.n_sentences), 0),
            )
            .join(readability, readability.c.article_id == articles.c.id)
            .where(articles.c.id.in_(select(selected.c.id)))
        ).one()
        n_sources, first, last, n_undated = conn.execute(
            select(
                func.count(func.distinct(articles.c.source)).filter(articles.c.source != ""),
                func.min(articles.c.published),
                func.max(articles.c.published),
                func.count(articles.c.id).filter(articles.c.published.is_(None)),
            ).where(articles.c.id.in_(select(selected.c.id)))
        ).one()
        n_entities = conn.scalar(
            select(func.count()).select_from(
                select(entity_mentions.c.entity, entity_mentions.c.label)
                .where(entity_mentions.c.article_id.in_(select(selected.c.id)))
                .distinct()
                .subquery()
            )
        )
    grade_statement = _restrict(
        select(readability.c.consensus_grade).where(readability.c.consensus_grade.is_not(None)),
        readability.c.article_id,
        flt,
    )
    with engine.connect() as conn:
        grades = pd.Series(list(conn.scalars(grade_statement)), dtype=float)
    return {
        "n_articles": int(n_selected),
        "n_words": int(n_words),
        "n_sentences": int(n_sentences),
        "n_sources": int(n_sources),
        "n_entities": int(n_entities or 0),
        "first_published": first,
        "last_published": last,
        "n_undated": int(n_undated),
        "median_grade": float(grades.median()) if len(grades.dropna()) else None,
    }


def term_frequencies(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    n: int = 1,
    stop_words: bool = False,
    lemmas: bool = False,
    top: int | None = 50,
) -> pd.DataFrame:
    """Words (n = 1) or n-grams over the selected articles, most frequent first.

    Columns: term, n_occurrences, n_articles, per_10k_words (occurrences per 10,000 words of
    the selected articles). Stop words are left out unless ``stop_words``; ``lemmas`` counts
    lemmas instead of word forms.
    """
    if flt.is_empty and not lemmas:
        # the corpus totals: an index scan, however large the corpus (lemmas, whose article
        # counts cannot be summed from word forms, take the GROUP BY below)
        statement = select(
            corpus_terms.c.term, corpus_terms.c.n_occurrences, corpus_terms.c.n_articles
        ).where(corpus_terms.c.n == n)
        if not stop_words:
            statement = statement.where(corpus_terms.c.is_stop == false())
        statement = statement.order_by(corpus_terms.c.n_occurrences.desc(), corpus_terms.c.term)
    else:
        statement = _filtered_terms(flt, n=n, stop_words=stop_words, lemmas=lemmas)
    if top is not None:
        statement = statement.limit(top)
    frame = _frame(engine, statement)
    n_words = corpus_summary_words(engine, flt)
    frame["per_10k_words"] = (
        (frame["n_occurrences"] * 10_000 / n_words).round(2) if n_words else 0.0
    )
    return frame


def _filtered_terms(flt: ArticleFilter, *, n: int, stop_words: bool, lemmas: bool) -> Select[Any]:
    column = terms.c.lemma if lemmas else terms.c.term
    total = func.sum(terms.c.n_occurrences)
    statement = select(
        column.label("term"),
        total.label("n_occurrences"),
        func.count(func.distinct(terms.c.article_id)).label("n_articles"),
    ).where(terms.c.n == n)
    if not stop_words:
        statement = statement.where(terms.c.is_stop == false())
    statement = _restrict(statement, terms.c.article_id, flt)
    return statement.group_by(column).order_by(total.desc(), column)


def corpus_summary_words(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> int:
    """The number of words in the selected articles."""
    statement = _restrict(
        select(func.coalesce(func.sum(readability.c.n_words), 0)), readability.c.article_id, flt
    )
    with engine.connect() as conn:
        return int(conn.scalar(statement) or 0)


def term_by_article(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_terms: tuple[str, ...],
    n: int = 1,
    lemmas: bool = False,
    top_articles: int | None = 30,
) -> pd.DataFrame:
    """Occurrences of each chosen term in the selected articles that use them most.

    Columns: article_id, title, term, n_occurrences. Only the ``top_articles`` articles with
    the most occurrences of the chosen terms together are included (None: all).
    """
    column = terms.c.lemma if lemmas else terms.c.term
    matching = _restrict(
        select(terms.c.article_id).where(terms.c.n == n, column.in_(chosen_terms)),
        terms.c.article_id,
        flt,
    )
    leaders = (
        matching.group_by(terms.c.article_id)
        .order_by(func.sum(terms.c.n_occurrences).desc(), terms.c.article_id)
        .limit(top_articles)
    )
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            column.label("term"),
            func.sum(terms.c.n_occurrences).label("n_occurrences"),
        )
        .join(articles, articles.c.id == terms.c.article_id)
        .where(
            terms.c.n == n,
            column.in_(chosen_terms),
            terms.c.article_id.in_(leaders.subquery().select()),
        )
        .group_by(articles.c.id, articles.c.title, column)
        .order_by(articles.c.id, column)
    )
    return _frame(engine, statement)


def entity_counts(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    labels: tuple[str, ...] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Entities with their mentions and the number of selected articles mentioning them.

    Columns: entity, label, n_mentions, n_articles; most mentioned first.
    """
    if flt.is_empty:
        statement = select(corpus_entities).order_by(
            corpus_entities.c.n_mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label
        )
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
    else:
        mentions = func.count()
        statement = select(
            entity_mentions.c.entity,
            entity_mentions.c.label,
            mentions.label("n_mentions"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
        )
        if labels is not None:
            statement = statement.where(entity_mentions.c.label.in_(labels))
        statement = _restrict(statement, entity_mentions.c.article_id, flt)
        statement = statement.group_by(entity_mentions.c.entity, entity_mentions.c.label).order_by(
            mentions.desc(), entity_mentions.c.entity, entity_mentions.c.label
        )
    if top is not None:
        statement = statement.limit(top)
    return _frame(engine, statement)


def label_totals(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Mentions and distinct entities of each entity type: label, n_mentions, n_entities."""
    mentions = func.count()
    statement = select(
        entity_mentions.c.label,
        mentions.label("n_mentions"),
        func.count(func.distinct(entity_mentions.c.entity)).label("n_entities"),
    )
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    statement = statement.group_by(entity_mentions.c.label).order_by(mentions.desc())
    return _frame(engine, statement)


def entity_by_article(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_entities: tuple[tuple[str, str], ...],
    top_articles: int | None = 30,
) -> pd.DataFrame:
    """Mentions of each chosen (entity, label) in the selected articles mentioning them most.

    Columns: article_id, title, entity, label, n_mentions. Only the ``top_articles`` articles
    with the most mentions of the chosen entities together are included (None: all).
    """
    if not chosen_entities:
        return pd.DataFrame(columns=["article_id", "title", "entity", "label", "n_mentions"])
    pairs = or_(
        *(
            and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
            for entity, label in chosen_entities
        )
    )
    leaders = (
        _restrict(
            select(entity_mentions.c.article_id).where(pairs), entity_mentions.c.article_id, flt
        )
        .group_by(entity_mentions.c.article_id)
        .order_by(func.count().desc(), entity_mentions.c.article_id)
        .limit(top_articles)
    )
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            entity_mentions.c.entity,
            entity_mentions.c.label,
            func.count().label("n_mentions"),
        )
        .join(articles, articles.c.id == entity_mentions.c.article_id)
        .where(pairs, entity_mentions.c.article_id.in_(leaders.subquery().select()))
        .group_by(
            articles.c.id, articles.c.title, entity_mentions.c.entity, entity_mentions.c.label
        )
        .order_by(articles.c.id, entity_mentions.c.entity)
    )
    return _frame(engine, statement)


def _sentence_text() -> Any:
    return func.substr(
        articles.c.body, sentences.c.start_char + 1, sentences.c.end_char - sentences.c.start_char
    )


def entity_sentences(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    entity: str,
    label: str,
    limit: int = 500,
) -> pd.DataFrame:
    """The sentences that mention the entity, with their article.

    Columns: sentence, title, published, article_id, sentence_index, n_mentions.
    """
    statement = (
        select(
            _sentence_text().label("sentence"),
            articles.c.title,
            articles.c.published,
            articles.c.id.label("article_id"),
            sentences.c.sentence_index,
            func.count().label("n_mentions"),
        )
        .select_from(entity_mentions)
        .join(
            sentences,
            and_(
                sentences.c.article_id == entity_mentions.c.article_id,
                sentences.c.sentence_index == entity_mentions.c.sentence_index,
            ),
        )
        .join(articles, articles.c.id == entity_mentions.c.article_id)
        .where(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
        .group_by(
            articles.c.id,
            articles.c.title,
            articles.c.published,
            sentences.c.sentence_index,
            articles.c.body,
            sentences.c.start_char,
            sentences.c.end_char,
        )
        .order_by(articles.c.id, sentences.c.sentence_index)
        .limit(limit)
    )
    return _frame(engine, _restrict(statement, entity_mentions.c.article_id, flt))


def article_texts(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, containing: str, limit: int = 500
) -> list[tuple[int, str, str]]:
    """(article_id, title, body) of up to ``limit`` selected articles whose text contains
    ``containing`` (case-insensitive), in id order: the candidates for a concordance."""
    statement = (
        select(articles.c.id, articles.c.title, articles.c.body)
        .where(*flt.conditions(), articles.c.body.icontains(containing, autoescape=True))
        .order_by(articles.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [(int(row.id), row.title, row.body) for row in conn.execute(statement)]


def article_detail(engine: Engine, article_id: int) -> dict[str, Any] | None:
    """One article's fields and readability values, or None if there is no such article."""
    statement = (
        select(articles, *(readability.c[name] for name in (*MEASURES, *COUNTS)))
        .join(readability, readability.c.article_id == articles.c.id)
        .where(articles.c.id == article_id)
    )
    with engine.connect() as conn:
        row = conn.execute(statement).mappings().first()
    return dict(row) if row is not None else None


def article_sentences(engine: Engine, article_id: int) -> pd.DataFrame:
    """One article's sentences: sentence_index, start_char, end_char, n_words, sentence."""
    statement = (
        select(
            sentences.c.sentence_index,
            sentences.c.start_char,
            sentences.c.end_char,
            sentences.c.n_words,
            _sentence_text().label("sentence"),
        )
        .join(articles, articles.c.id == sentences.c.article_id)
        .where(sentences.c.article_id == article_id)
        .order_by(sentences.c.sentence_index)
    )
    return _frame(engine, statement)


def article_mentions(engine: Engine, article_id: int) -> pd.DataFrame:
    """One article's entity mentions in order: offsets, sentence, surface, entity, label."""
    statement = (
        select(
            entity_mentions.c.start_char,
            entity_mentions.c.end_char,
            entity_mentions.c.sentence_index,
            entity_mentions.c.surface,
            entity_mentions.c.entity,
            entity_mentions.c.label,
        )
        .where(entity_mentions.c.article_id == article_id)
        .order_by(entity_mentions.c.mention_index)
    )
    return _frame(engine, statement)


def corpus_export(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Every selected article with its metadata, text, all metrics and unreliable scores."""
    flags = flag_table(engine, flt)
    statement = (
        select(
            articles.c.id.label("article_id"),
            articles.c.title,
            articles.c.source,
            articles.c.published,
            articles.c.url,
            articles.c.language,
            articles.c.file_name,
            articles.c.content_hash,
            *(readability.c[name] for name in (*MEASURES, *COUNTS)),
            articles.c.body,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .where(*flt.conditions())
        .order_by(articles.c.id)
    )
    frame = _frame(engine, statement)
    reasons = (
        flags.assign(text=flags["measure"] + ": " + flags["reason"])
        .groupby("article_id")["text"]
        .agg("; ".join)
        if not flags.empty
        else pd.Series(dtype=str)
    )
    frame.insert(len(frame.columns) - 1, "unreliable_scores", frame["article_id"].map(reasons))
    frame["unreliable_scores"] = frame["unreliable_scores"].fillna("")
    return frame


# --- two groups compared (keyness) --------------------------------------------------------------
#
# Group A is the articles selected by both ``group_a`` and ``within`` (the corpus filter); group
# B is those selected by ``group_b`` and ``within``, or, when ``group_b`` is None, "the rest":
# every article of ``within`` that is not in A. Explicit groups may overlap: an article in both
# counts in both (``group_sizes`` says how many). Group sizes in tokens are the sums of the
# stored n-gram counts of the size compared, stop words included (for n = 1, the number of
# words as frequency.py counts them; entities are set against the number of words).


def _group_conditions(flt: ArticleFilter, within: ArticleFilter) -> list[Any]:
    return [*flt.conditions(), *within.conditions()]


def _other_conditions(
    group_a: ArticleFilter, group_b: ArticleFilter | None, within: ArticleFilter
) -> list[Any]:
    if group_b is not None:
        return _group_conditions(group_b, within)
    ids_a = select(articles.c.id).where(*_group_conditions(group_a, within))
    return [*within.conditions(), articles.c.id.not_in(ids_a)]


def group_sizes(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
) -> dict[str, int]:
    """The number of articles in group A, in group B, and in both (n_a, n_b, n_both)."""
    in_a = _group_conditions(group_a, within)
    in_b = _other_conditions(group_a, group_b, within)
    with engine.connect() as conn:
        n_a, n_b, n_both = (
            int(conn.scalar(select(func.count(articles.c.id)).where(*conditions)) or 0)
            for conditions in (in_a, in_b, [*in_a, *in_b])
        )
    return {"n_a": n_a, "n_b": n_b, "n_both": n_both}


def _n_without_index(n: int) -> Any:
    """``terms.n == n`` written so that SQLite does not read the terms by ``ix_terms_n_term``
    (every row of that size, with no statistics to say it is unselective) but article by
    article, from the group's articles (``+ 0`` is SQLite's documented way to say so)."""
    return (terms.c.n + 0) == n


def _token_total(conn: Connection, conditions: list[Any] | None, n: int) -> int:
    """The n-gram tokens in the articles meeting ``conditions`` (None: the whole corpus)."""
    if conditions is None:
        statement = select(func.coalesce(func.sum(corpus_terms.c.n_occurrences), 0))
        statement = statement.where(corpus_terms.c.n == n)
    else:
        statement = (
            select(func.coalesce(func.sum(terms.c.n_occurrences), 0))
            .select_from(articles.join(terms, terms.c.article_id == articles.c.id))
            .where(_n_without_index(n), *conditions)
        )
    return int(conn.scalar(statement) or 0)


def group_token_totals(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
    n: int = 1,
) -> tuple[int, int]:
    """The sizes of groups A and B in n-gram tokens (n = 1: words), stop words included."""
    with engine.connect() as conn:
        total_a = _token_total(conn, _group_conditions(group_a, within), n)
        if group_b is None and within.is_empty:
            return total_a, _token_total(conn, None, n) - total_a
        return total_a, _token_total(conn, _other_conditions(group_a, group_b, within), n)


Unit = Literal["terms", "entities"]


def _counted_rows(
    unit: Unit, conditions: list[Any], *, n: int, stop_words: bool, lemmas: bool, labels: Any
) -> tuple[list[Any], Any, Select[Any]]:
    """The key columns, the count of one row, and the rows of ``unit`` in the articles meeting
    ``conditions`` (joined from ``articles``, so that SQLite reads them by article)."""
    if unit == "terms":
        keys = [(terms.c.lemma if lemmas else terms.c.term).label("term")]
        statement = (
            select(*keys)
            .select_from(articles.join(terms, terms.c.article_id == articles.c.id))
            .where(_n_without_index(n), *conditions)
        )
        if not stop_words:
            statement = statement.where(terms.c.is_stop == false())
        return keys, terms.c.n_occurrences, statement
    keys = [entity_mentions.c.entity, entity_mentions.c.label]
    statement = (
        select(*keys)
        .select_from(articles.join(entity_mentions, entity_mentions.c.article_id == articles.c.id))
        .where(*conditions)
    )
    if labels is not None:
        statement = statement.where(entity_mentions.c.label.in_(labels))
    return keys, literal_column("1", Integer), statement


def _corpus_rows(unit: Unit, *, n: int, stop_words: bool, labels: Any) -> tuple[Table, Any, Any]:
    """The corpus totals table of ``unit``, its count column and its conditions."""
    if unit == "terms":
        conditions = [corpus_terms.c.n == n]
        if not stop_words:
            conditions.append(corpus_terms.c.is_stop == false())
        return corpus_terms, corpus_terms.c.n_occurrences, and_(*conditions)
    condition = corpus_entities.c.label.in_(labels) if labels is not None else true()
    return corpus_entities, corpus_entities.c.n_mentions, condition


def keyness_counts(
    engine: Engine,
    group_a: ArticleFilter,
    *,
    group_b: ArticleFilter | None = None,
    within: ArticleFilter = ALL_ARTICLES,
    unit: Unit = "terms",
    n: int = 1,
    stop_words: bool = False,
    lemmas: bool = False,
    labels: tuple[str, ...] | None = None,
    min_frequency: int = 1,
    require_a: bool = False,
) -> pd.DataFrame:
    """The count of every term (or entity) in group A and in group B, for a keyness table.

    Columns: term (or entity, label), n_a, n_b; only rows with ``n_a + n_b >= min_frequency``,
    and with ``require_a`` only those found in A (enough for the terms over-represented in
    A). Stop words are left out unless ``stop_words``; ``lemmas`` counts lemmas. Summed by
    the database; "the rest of the whole corpus" is the corpus totals minus A's counts.
    """
    options = {"n": n, "stop_words": stop_words, "lemmas": lemmas, "labels": labels}
    keys, count, rows_a = _counted_rows(unit, _group_conditions(group_a, within), **options)
    names = [key.name for key in keys]
    zero = literal_column("0", Integer)
    if group_b is None and within.is_empty and not lemmas:
        table, total, condition = _corpus_rows(unit, n=n, stop_words=stop_words, labels=labels)
        totals_keys = [table.c[name] for name in names]
        if require_a:
            in_a = rows_a.add_columns(count.label("a")).subquery()
            a_count = func.sum(in_a.c.a)
            counted = (
                select(*(in_a.c[name] for name in names), a_count.label("a"))
                .group_by(*(in_a.c[name] for name in names))
                .subquery()
            )
            statement = (
                select(
                    *(counted.c[name] for name in names),
                    counted.c.a.label("n_a"),
                    (total - counted.c.a).label("n_b"),
                )
                .join(table, and_(*(table.c[name] == counted.c[name] for name in names)))
                .where(condition, total >= min_frequency)
                .order_by(*(counted.c[name] for name in names))
            )
            return _frame(engine, statement)
        rows = union_all(
            select(*totals_keys, zero.label("a"), total.label("b")).where(condition),
            rows_a.add_columns(count.label("a"), (-count).label("b")),
        )
    else:
        in_b = _other_conditions(group_a, group_b, within)
        _, _, rows_b = _counted_rows(unit, in_b, **options)
        rows = union_all(
            rows_a.add_columns(count.label("a"), zero.label("b")),
            rows_b.add_columns(zero.label("a"), count.label("b")),
        )
    united = rows.subquery()
    key_columns = [united.c[name] for name in names]
    n_a, n_b = func.sum(united.c.a), func.sum(united.c.b)
    statement = (
        select(*key_columns, n_a.label("n_a"), n_b.label("n_b"))
        .group_by(*key_columns)
        .having(n_a + n_b >= min_frequency)
        .order_by(*key_columns)
    )
    if require_a:
        statement = statement.having(n_a > 0)
    return _frame(engine, statement)
