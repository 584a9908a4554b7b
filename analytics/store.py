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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import groupby
from operator import itemgetter
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
    LargeBinary,
    MetaData,
    Select,
    SmallInteger,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    false,
    func,
    insert,
    inspect,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union_all,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from analytics.aliases import Correction, alias_words, name_words, resolve_entities
from analytics.aliases import corpus_aliases as automatic_corpus_aliases  # the table's name
from analytics.analysis import ArticleAnalysis, Sentence
from analytics.cleaning import mask_markup
from analytics.duplicates import DEFAULT_THRESHOLD, band_keys, cluster_ids, signature, similarity
from analytics.entities import Mention
from analytics.frequency import TermRow
from analytics.language import ENGLISH
from analytics.quotes import Quote
from analytics.readability import COUNTS, MEASURES
from analytics.timeline import entity_item

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
    # Single words only: they are 27% of the rows, and this index is the costliest part of
    # storing (its inserts land all over it). Bigrams and trigrams are found through their
    # words (``_term_condition``). Stores made before this have ix_terms_n_term on (n, term),
    # which serves the same queries.
    Index(
        "ix_terms_word", "term", sqlite_where=sql_text("n = 1"), postgresql_where=sql_text("n = 1")
    ),
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
    # the normalised mention before aliases were merged ("Putin"; entity: "Vladimir Putin")
    Column("alias", String(400), nullable=False),
    Index("ix_entity_mentions_entity", "entity", "label"),
    Index("ix_entity_mentions_alias", "alias", "label"),
)

# Mentions of each alias over the corpus (before merging): what the corpus's merges are
# computed from ("Putin" links to the dominant full name ending with "Putin").
corpus_aliases = Table(
    "corpus_aliases",
    metadata,
    Column("alias", String(400), primary_key=True),
    Column("label", String(32), primary_key=True),
    Column("n_mentions", BigInteger, nullable=False),
    Index("ix_corpus_aliases_label", "label"),
)

# Each word of each person's alias (``alias_words``): a batch reads the counts of only the
# names sharing a word with the people it names, instead of every person's alias.
person_alias_words = Table(
    "person_alias_words",
    metadata,
    Column("word", String(400), primary_key=True),
    Column("alias", String(400), primary_key=True),
)

# The corpus's automatic merges in force (only the aliases that merge into another name).
entity_alias_map = Table(
    "entity_alias_map",
    metadata,
    Column("alias", String(400), primary_key=True),
    Column("label", String(32), primary_key=True),
    Column("canonical", String(400), nullable=False),
)

# The user's corrections, applied in id order after the automatic merges. Undoing one marks
# it undone (kept, so the store's version moves forward on every change).
entity_corrections = Table(
    "entity_corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("label", String(32), nullable=False),
    Column("entity", String(400), nullable=False),
    Column("target", String(400), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("undone_at", DateTime, nullable=True),
)

# The store's own facts; today only its schema version (see ``analytics.upgrade``).
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: Raised whenever a table or column changes; a store written with an older version is
#: re-analysed by ``analytics.upgrade`` (version 1 had no ``store_meta`` table).
SCHEMA_VERSION = 2

# Near-duplicates (``analytics.duplicates``): each article's MinHash signature, its LSH band
# keys (indexed, so the candidates of a new article are one index lookup per band however large
# the corpus), the similar pairs found at upload time (the later article first) and the
# clusters they form: one row per article that has a near-duplicate, with its cluster's id (the
# smallest article id in it). Articles without a near-duplicate have no cluster row.
article_signatures = Table(
    "article_signatures",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

signature_bands = Table(
    "signature_bands",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("band_key", BigInteger, primary_key=True),
    Index("ix_signature_bands_key", "band_key"),
)

duplicate_pairs = Table(
    "duplicate_pairs",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("other_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("similarity", Float, nullable=False),
    Index("ix_duplicate_pairs_other", "other_id"),
)

duplicate_clusters = Table(
    "duplicate_clusters",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", Integer, nullable=False),
    Index("ix_duplicate_clusters_cluster", "cluster_id"),
)

#: Direct quotations; the speaker links to the entity mention naming it, when there is one.
quotes = Table(
    "quotes",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("quote_index", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", Text, nullable=True),
    Column("speaker_mention_index", Integer, nullable=True),
    Column("cue", String(40), nullable=True),
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
    """Which articles a query looks at; the empty filter means the whole corpus.

    ``one_per_cluster`` keeps one article of each cluster of near-duplicates: among the
    cluster's articles that the rest of the filter selects, the one with the smallest id (so a
    copy is not lost when the filter leaves out its original).
    """

    sources: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    article_ids: tuple[int, ...] | None = None
    #: Only articles mentioning this entity, as (entity, label): a click on an entity's bar.
    mentioning: tuple[str, str] | None = None
    #: Only articles containing this word (lower case, as stored): a click on a word's bar.
    containing_word: str = ""
    #: Only articles whose readability measure or count lies in [from, to], as
    #: (measure, from, to): a click on a histogram bar.
    measure_range: tuple[str, float, float] | None = None
    one_per_cluster: bool = False

    def conditions(self, table: Any = articles) -> list[Any]:
        """SQL conditions on the ``articles`` table (or an alias of it)."""
        conditions: list[Any] = []
        if self.sources:
            conditions.append(table.c.source.in_(self.sources))
        if self.date_from is not None:
            conditions.append(table.c.published >= self.date_from)
        if self.date_to is not None:
            conditions.append(table.c.published <= self.date_to)
        if self.search.strip():
            needle = self.search.strip()
            conditions.append(
                or_(
                    table.c.title.icontains(needle, autoescape=True),
                    table.c.body.icontains(needle, autoescape=True),
                )
            )
        if self.article_ids is not None:
            conditions.append(table.c.id.in_(self.article_ids))
        if self.mentioning is not None:
            entity, label = self.mentioning
            mentions = entity_mentions.c
            conditions.append(
                table.c.id.in_(
                    select(mentions.article_id).where(
                        mentions.entity == entity, mentions.label == label
                    )
                )
            )
        if self.containing_word:
            conditions.append(
                table.c.id.in_(
                    select(terms.c.article_id).where(
                        _single_words(), terms.c.term == self.containing_word
                    )
                )
            )
        if self.measure_range is not None:
            measure, low, high = self.measure_range
            value = readability.c[measure]
            conditions.append(
                table.c.id.in_(select(readability.c.article_id).where(value >= low, value <= high))
            )
        if self.one_per_cluster:
            rest = replace(self, one_per_cluster=False)
            conditions.append(table.c.id.not_in(_later_copies(rest)))
        return conditions

    @property
    def is_empty(self) -> bool:
        return not self.conditions()


ALL_ARTICLES = ArticleFilter()


def _later_copies(flt: ArticleFilter) -> Select[Any]:
    """The ids of the clustered articles that have an earlier article of their cluster among
    the articles ``flt`` selects: the ones that one article per cluster leaves out."""
    mine = duplicate_clusters.alias("mine")
    earlier = duplicate_clusters.alias("earlier")
    statement = select(mine.c.article_id).join(
        earlier,
        and_(earlier.c.cluster_id == mine.c.cluster_id, earlier.c.article_id < mine.c.article_id),
    )
    kept = articles.alias("kept")
    conditions = flt.conditions(kept)
    if conditions:
        statement = statement.join(kept, kept.c.id == earlier.c.article_id).where(*conditions)
    return statement


# --- engine -----------------------------------------------------------------------------------


BUSY_TIMEOUT_SECONDS = 30
#: SQLite's page cache per connection, in KiB (the default is 2 MiB). Storing a batch touches
#: pages all over the term indexes; with 64 MiB, and the write-ahead log copied back into the
#: database every ``WAL_CHECKPOINT_PAGES`` pages (about 40 MB) instead of every 1,000, storing
#: 1,024 BBC articles into a 2,125-article store took 18.8 ms an article instead of 23.5.
CACHE_KIB = 64 * 1024
WAL_CHECKPOINT_PAGES = 10_000


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
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
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
    with _writer(engine).begin() as conn:
        is_new = not inspect(conn).has_table(articles.name)
        has_words = inspect(conn).has_table(person_alias_words.name)
        metadata.create_all(conn)
        if is_new:
            conn.execute(insert(store_meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif not has_words:  # a store from before the table: index the names it holds
            _add_alias_words(conn, conn.scalars(_person_aliases()))
    return engine


def schema_version(engine: Engine) -> int:
    """The schema version the store was written with (1: before versions were recorded)."""
    with engine.connect() as conn:
        value = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == "schema_version"))
    return 1 if value is None else int(value)


def rebuild_corpus_totals(engine: Engine) -> None:
    """Recompute the corpus totals (and the counts of aliases) from the stored rows (for
    stores written without them)."""
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
        _rebuild_alias_counts(conn)


def _rebuild_alias_counts(conn: Connection) -> None:
    alias_keys = (entity_mentions.c.alias, entity_mentions.c.label)
    conn.execute(delete(corpus_aliases))
    conn.execute(
        insert(corpus_aliases).from_select(
            ["alias", "label", "n_mentions"],
            select(*alias_keys, func.count()).group_by(*alias_keys),
        )
    )
    conn.execute(delete(person_alias_words))
    _add_alias_words(conn, conn.scalars(_person_aliases()))


def _person_aliases() -> Select[Any]:
    return select(corpus_aliases.c.alias).where(corpus_aliases.c.label == "PERSON")


def _add_alias_words(conn: Connection, aliases: Iterable[str]) -> None:
    """Index the words of these people's aliases (the ones indexed already are skipped)."""
    rows = sorted({(word, alias) for alias in aliases for word in alias_words(alias)})
    for chunk in _chunks(rows):
        statement = _upsert_insert(conn, person_alias_words).on_conflict_do_nothing()
        conn.execute(statement, [{"word": word, "alias": alias} for word, alias in chunk])


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


#: The DB-API placeholder of each parameter style taking a sequence of values (sqlite3: qmark,
#: psycopg: pyformat, which takes %s too).
PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _write_rows(
    conn: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    keys: tuple[str, ...] = (),
    counts: tuple[str, ...] = (),
) -> None:
    """Insert ``rows`` (tuples of values in the order of ``columns``) into ``table``; with
    ``keys``, a row whose keys are stored already adds its ``counts`` to the stored row's.

    The rows go to the driver's ``executemany`` as they are, with one statement written once:
    the per-row work of a compiled SQLAlchemy statement (a parameter dictionary and bind
    processors for each row) was most of the time spent storing an article. The values must be
    of types the driver takes as they are (int, float, str, bool, None). (One statement of
    many rows was slower, on SQLite and on PostgreSQL alike.)
    """
    if not rows:
        return
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    name = dialect.identifier_preparer.format_table(table)
    marks = ", ".join([PLACEHOLDERS[dialect.paramstyle]] * len(columns))
    sql = f"INSERT INTO {name} ({', '.join(map(quote, columns))}) VALUES ({marks})"
    if keys:
        added = ", ".join(f"{quote(c)} = {name}.{quote(c)} + excluded.{quote(c)}" for c in counts)
        sql += f" ON CONFLICT ({', '.join(map(quote, keys))}) DO UPDATE SET {added}"
    conn.exec_driver_sql(sql, rows)


def _insert_analysis(conn: Connection, analysis: ArticleAnalysis) -> int:
    article = analysis.article
    # the values as parameters, not .values(): the statement is then built and compiled once
    article_id = conn.execute(
        insert(articles),
        {
            "content_hash": article.content_hash,
            "title": article.title,
            "body": article.body,
            "source": article.source,
            "published": article.published,
            "url": article.url,
            "language": article.language,
            "file_name": article.file_name,
            "added_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        },
    ).inserted_primary_key[0]
    conn.execute(insert(readability), {"article_id": article_id, **analysis.readability})
    if analysis.flags:
        conn.execute(
            insert(readability_flags),
            [
                {"article_id": article_id, "measure": measure, "reason": reason}
                for measure, reason in analysis.flags.items()
            ],
        )
    _write_rows(
        conn,
        sentences,
        ("article_id", "sentence_index", *Sentence._fields),
        [(article_id, i, *sentence) for i, sentence in enumerate(analysis.sentences)],
    )
    _write_rows(
        conn,
        terms,
        ("article_id", *TermRow._fields),
        [(article_id, *row) for row in analysis.terms],
    )
    _write_rows(
        conn,
        entity_mentions,
        ("article_id", "mention_index", *Mention._fields),
        [
            (article_id, i, *mention[:-1], mention.alias or mention.entity)
            for i, mention in enumerate(analysis.mentions)
        ],
    )
    _write_rows(
        conn,
        quotes,
        ("article_id", "quote_index", *Quote._fields),
        [(article_id, i, *quote) for i, quote in enumerate(analysis.quotes)],
    )
    return int(article_id)


def _record_duplicates(
    conn: Connection, article_id: int, signature_bytes: bytes, threshold: float
) -> list[tuple[int, float]]:
    """Store the article's signature and bands, find its near-duplicates among the stored
    articles (the candidates share a band; their estimated similarity must reach the
    threshold), record the pairs and join their clusters. Returns (other id, similarity)."""
    _store_signature(conn, article_id, signature_bytes)
    if not signature_bytes:
        return []
    candidates = select(signature_bands.c.article_id).where(
        signature_bands.c.band_key.in_(band_keys(signature_bytes)),
        signature_bands.c.article_id != article_id,
    )
    found = conn.execute(
        select(article_signatures.c.article_id, article_signatures.c.signature).where(
            article_signatures.c.article_id.in_(candidates)
        )
    ).all()
    matches = [
        (int(other), score)
        for other, stored in found
        if (score := similarity(signature_bytes, stored)) >= threshold
    ]
    if matches:
        conn.execute(
            insert(duplicate_pairs),
            [
                {"article_id": article_id, "other_id": other, "similarity": score}
                for other, score in matches
            ],
        )
        _join_clusters(conn, article_id, [other for other, _ in matches])
    return matches


def _join_clusters(conn: Connection, article_id: int, others: list[int]) -> None:
    """Put the article and its near-duplicates ``others`` in one cluster, merging the
    clusters they are in; the cluster's id is the smallest article id in it."""
    existing = dict(
        conn.execute(
            select(duplicate_clusters.c.article_id, duplicate_clusters.c.cluster_id).where(
                duplicate_clusters.c.article_id.in_(others)
            )
        ).all()
    )
    merged = set(existing.values())
    target = min([article_id, *others, *merged])
    if merged:
        conn.execute(
            update(duplicate_clusters)
            .where(duplicate_clusters.c.cluster_id.in_(merged))
            .values(cluster_id=target)
        )
    new_members = [member for member in (article_id, *others) if member not in existing]
    conn.execute(
        insert(duplicate_clusters),
        [{"article_id": member, "cluster_id": target} for member in new_members],
    )


def _recluster(conn: Connection, cluster_ids_affected: list[int]) -> None:
    """Recompute the clusters ``cluster_ids_affected`` from their remaining pairs (after a
    delete, a cluster may split or shrink to one article, which is then no cluster)."""
    if not cluster_ids_affected:
        return
    members = list(
        conn.scalars(
            select(duplicate_clusters.c.article_id).where(
                duplicate_clusters.c.cluster_id.in_(cluster_ids_affected)
            )
        )
    )
    pairs = conn.execute(
        select(duplicate_pairs.c.article_id, duplicate_pairs.c.other_id).where(
            duplicate_pairs.c.article_id.in_(members)
        )
    ).all()
    components = cluster_ids(((int(a), int(b)) for a, b in pairs), members)
    sizes = Counter(components.values())
    conn.execute(delete(duplicate_clusters).where(duplicate_clusters.c.article_id.in_(members)))
    rows = [
        {"article_id": member, "cluster_id": cluster}
        for member, cluster in components.items()
        if sizes[cluster] > 1
    ]
    if rows:
        conn.execute(insert(duplicate_clusters), rows)


def _store_signature(conn: Connection, article_id: int, signature_bytes: bytes) -> None:
    """Store a signature (empty for a text without words: no bands) and its band keys."""
    conn.execute(
        insert(article_signatures), {"article_id": article_id, "signature": signature_bytes}
    )
    keys = sorted(set(band_keys(signature_bytes)))
    _write_rows(conn, signature_bands, ("article_id", "band_key"), [(article_id, k) for k in keys])


def rebuild_duplicates(
    engine: Engine, *, threshold: float = DEFAULT_THRESHOLD, batch_size: int = 500
) -> dict[str, int]:
    """Find every near-duplicate pair and cluster again, at ``threshold`` (after the setting
    changed), computing first the signature of every article stored without one (before
    near-duplicates were found at upload). Returns ``duplicate_summary`` of the corpus."""
    missing = (
        select(articles.c.id, articles.c.body)
        .where(articles.c.id.not_in(select(article_signatures.c.article_id)))
        .order_by(articles.c.id)
        .limit(batch_size)
    )
    while True:
        with _writer(engine).begin() as conn:
            rows = conn.execute(missing).all()
            for article_id, body in rows:
                # empty for an article without words: it is marked done all the same
                _store_signature(conn, int(article_id), signature(mask_markup(body)))
        if len(rows) < batch_size:
            break
    later, earlier = signature_bands.alias("later"), signature_bands.alias("earlier")
    candidates = (
        select(later.c.article_id, earlier.c.article_id)
        .join(
            earlier,
            and_(earlier.c.band_key == later.c.band_key, earlier.c.article_id < later.c.article_id),
        )
        .distinct()
    )
    with _writer(engine).begin() as conn:
        conn.execute(delete(duplicate_pairs))
        conn.execute(delete(duplicate_clusters))
        pairs = [(int(a), int(b)) for a, b in conn.execute(candidates)]
        involved = sorted({article_id for pair in pairs for article_id in pair})
        signatures: dict[int, bytes] = {}
        for start in range(0, len(involved), batch_size):
            chunk = involved[start : start + batch_size]
            signatures.update(
                conn.execute(
                    select(article_signatures.c.article_id, article_signatures.c.signature).where(
                        article_signatures.c.article_id.in_(chunk)
                    )
                ).all()
            )
        similar = [
            {"article_id": a, "other_id": b, "similarity": score}
            for a, b in pairs
            if (score := similarity(signatures[a], signatures[b])) >= threshold
        ]
        if similar:
            conn.execute(insert(duplicate_pairs), similar)
            components = cluster_ids((row["article_id"], row["other_id"]) for row in similar)
            conn.execute(
                insert(duplicate_clusters),
                [{"article_id": a, "cluster_id": c} for a, c in sorted(components.items())],
            )
        _count_rebuild(conn)
    return duplicate_summary(engine)


REBUILDS_KEY = "n_cluster_rebuilds"


def _count_rebuild(conn: Connection) -> None:
    """One more rebuild of the clusters, so ``store_version`` changes (dashboards refresh)."""
    done = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == REBUILDS_KEY))
    conn.execute(delete(store_meta).where(store_meta.c.key == REBUILDS_KEY))
    conn.execute(insert(store_meta).values(key=REBUILDS_KEY, value=str(int(done or 0) + 1)))


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
    occurrences: Counter[tuple[int, str, bool]] = Counter()
    n_articles: Counter[tuple[int, str, bool]] = Counter()
    entity_totals: dict[tuple[str, str], list[int]] = {}
    for analysis in analyses:
        for n, term, _lemma, is_stop, count in analysis.terms:
            occurrences[(n, term, is_stop)] += count
        # a word form can have several lemmas in one article: one article, whatever the lemmas
        n_articles.update({(row.n, row.term, row.is_stop) for row in analysis.terms})
        for key, count in _entity_totals(analysis).items():
            total = entity_totals.setdefault(key, [0, 0])
            total[0] += count
            total[1] += 1
    # in key order, so concurrent writers lock the same rows in the same order (no deadlock);
    # (n, term) is unique, the stop word flag being the same for every row of a term
    term_rows = sorted(
        ((*key, count, n_articles[key]) for key, count in occurrences.items()), key=itemgetter(0, 1)
    )
    entity_rows = sorted((*key, *counts) for key, counts in entity_totals.items())
    _write_rows(conn, corpus_terms, TERM_TOTALS, term_rows, keys=("n", "term"), counts=TERM_COUNTS)
    _add_entity_totals(conn, entity_rows)


TERM_COUNTS = ("n_occurrences", "n_articles")
TERM_TOTALS = ("n", "term", "is_stop", *TERM_COUNTS)
ENTITY_KEYS = ("entity", "label")
ENTITY_COUNTS = ("n_mentions", "n_articles")


def _add_entity_totals(conn: Connection, rows: list[tuple[str, str, int, int]]) -> None:
    """Add (entity, label, n_mentions, n_articles) rows to the entities' corpus totals."""
    _write_rows(
        conn,
        corpus_entities,
        (*ENTITY_KEYS, *ENTITY_COUNTS),
        rows,
        keys=ENTITY_KEYS,
        counts=ENTITY_COUNTS,
    )


def add_analysis(
    engine: Engine,
    analysis: ArticleAnalysis,
    *,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
) -> StoreResult:
    """Store one analysed article with all of its results in one transaction, or not at all;
    it joins the cluster of the stored articles it is a near-duplicate of."""
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
            _record_duplicates(conn, article_id, analysis.signature, duplicate_threshold)
            _add_to_totals(conn, [analysis])
            _merge_new_aliases(conn, [analysis], [article_id])
    except IntegrityError:
        existing_id = stored_article_id(engine, article.content_hash)
        if existing_id is None:
            raise
        return StoreResult(name, "already present", existing_id, article.title)
    return StoreResult(name, "added", article_id, article.title)


def add_analyses(
    engine: Engine,
    analyses: Iterable[ArticleAnalysis],
    *,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
) -> list[StoreResult]:
    """Store a batch of analysed articles in one transaction, each in a savepoint of its own.

    Each article is compared with the articles stored before it (the earlier ones of the batch
    included) and joins the cluster of those whose estimated similarity reaches
    ``duplicate_threshold``.

    One commit for the batch (committing is the slowest part of a small write), yet each
    article is still stored with all of its results or not at all: an article that fails to
    store is rolled back alone and reported as rejected. The results are returned once the
    batch is committed, so "added" always means durably stored.
    """
    results: list[StoreResult] = []
    stored: list[ArticleAnalysis] = []
    stored_ids: list[int] = []
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
                    _record_duplicates(conn, article_id, analysis.signature, duplicate_threshold)
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
            stored_ids.append(article_id)
        _add_to_totals(conn, stored)
        _merge_new_aliases(conn, stored, stored_ids)
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
    """Remove articles and all of their results; returns how many were removed.

    The corpus's merges of the names they mentioned are recomputed without them.
    """
    ids = list(article_ids)
    with _writer(engine).begin() as conn:
        _subtract_from_totals(conn, ids)
        people = _subtract_aliases(conn, ids)
        affected = list(
            conn.scalars(
                select(duplicate_clusters.c.cluster_id)
                .where(duplicate_clusters.c.article_id.in_(ids))
                .distinct()
            )
        )
        conn.execute(
            delete(duplicate_pairs).where(
                or_(duplicate_pairs.c.article_id.in_(ids), duplicate_pairs.c.other_id.in_(ids))
            )
        )
        for table in (
            readability,
            readability_flags,
            sentences,
            terms,
            entity_mentions,
            article_signatures,
            signature_bands,
            duplicate_clusters,
            quotes,
        ):
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        _recluster(conn, affected)
        removed = conn.execute(delete(articles).where(articles.c.id.in_(ids))).rowcount
        _refresh_aliases(conn, people, set())
        return removed


# --- aliases ----------------------------------------------------------------------------------

CHUNK = 500


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _merge_new_aliases(
    conn: Connection, analyses: list[ArticleAnalysis], article_ids: list[int]
) -> None:
    """Count the new articles' aliases, recompute the corpus's merges of the people they
    name, and give their mentions (and those of articles whose merges changed) their rows."""
    counts: Counter[tuple[str, str]] = Counter()
    for analysis in analyses:
        for mention in analysis.mentions:
            counts[(mention.alias or mention.entity, mention.label)] += 1
    rows = [(alias, label, n) for (alias, label), n in sorted(counts.items())]
    keys = ("alias", "label")
    _write_rows(
        conn, corpus_aliases, (*keys, "n_mentions"), rows, keys=keys, counts=("n_mentions",)
    )
    people = {alias for alias, label in counts if label == "PERSON"}
    _add_alias_words(conn, people)
    with_mentions = {i for i, a in zip(article_ids, analyses, strict=True) if a.mentions}
    _refresh_aliases(conn, people, with_mentions)


def _subtract_aliases(conn: Connection, ids: list[int]) -> set[str]:
    """Take the mentions of the articles ``ids`` out of the alias counts; returns the people
    they named."""
    removed = (
        select(entity_mentions.c.alias, entity_mentions.c.label, func.count().label("amount"))
        .where(entity_mentions.c.article_id.in_(ids))
        .group_by(entity_mentions.c.alias, entity_mentions.c.label)
    )
    people = set()
    for row in conn.execute(removed).mappings().all():
        conn.execute(
            corpus_aliases.update()
            .where(corpus_aliases.c.alias == row["alias"], corpus_aliases.c.label == row["label"])
            .values(n_mentions=corpus_aliases.c.n_mentions - row["amount"])
        )
        if row["label"] == "PERSON":
            people.add(row["alias"])
    conn.execute(delete(corpus_aliases).where(corpus_aliases.c.n_mentions <= 0))
    return people


def _refresh_aliases(conn: Connection, people: set[str], article_ids: set[int]) -> None:
    """Recompute the corpus's merges of the names sharing a word with ``people``, store
    the ones that changed, and reassign the mentions of ``article_ids`` and of every article
    naming an alias whose merge changed."""
    # a name's merge depends on the names with its last word anywhere ("Arnold" on
    # "Andrea Arnold" and on "Arnold Schwarzenegger")
    touched = {word for words in map(name_words, people) for word in words}
    changed: set[str] = set()
    if touched:
        sharing = [
            select(person_alias_words.c.alias).where(person_alias_words.c.word.in_(chunk))
            for chunk in _chunks(sorted(touched))
        ]
        counts = _frame_in(
            conn,
            select(corpus_aliases.c.alias, corpus_aliases.c.label, corpus_aliases.c.n_mentions)
            .where(
                corpus_aliases.c.label == "PERSON",
                or_(*(corpus_aliases.c.alias.in_(chunk) for chunk in sharing)),
            )
            .order_by(corpus_aliases.c.alias),
        )
        words = [alias_words(alias) for alias in counts["alias"]]
        counts = counts[[not touched.isdisjoint(ws) for ws in words]].reset_index(drop=True)
        involved = {
            alias
            for alias in counts["alias"]
            if (words := name_words(alias)) and words[-1] in touched
        } | people
        new = automatic_corpus_aliases(counts, names=involved)
        old: dict[str, str] = {}
        for chunk in _chunks(involved):
            statement = select(entity_alias_map.c.alias, entity_alias_map.c.canonical).where(
                entity_alias_map.c.label == "PERSON", entity_alias_map.c.alias.in_(chunk)
            )
            old.update(tuple(row) for row in conn.execute(statement))
        changed = {alias for alias in involved if new.get((alias, "PERSON")) != old.get(alias)}
        for chunk in _chunks(sorted(changed)):
            conn.execute(
                delete(entity_alias_map).where(
                    entity_alias_map.c.label == "PERSON", entity_alias_map.c.alias.in_(chunk)
                )
            )
            rows = [
                {"alias": alias, "label": "PERSON", "canonical": new[(alias, "PERSON")]}
                for alias in chunk
                if (alias, "PERSON") in new
            ]
            if rows:  # an upsert: a concurrent writer (PostgreSQL) may have stored it too
                statement = _upsert_insert(conn, entity_alias_map)
                statement = statement.on_conflict_do_update(
                    index_elements=["alias", "label"],
                    set_={"canonical": statement.excluded.canonical},
                )
                conn.execute(statement, rows)
    ids = set(article_ids)
    for chunk in _chunks(sorted(changed)):
        ids.update(
            conn.scalars(
                select(entity_mentions.c.article_id)
                .where(entity_mentions.c.label == "PERSON", entity_mentions.c.alias.in_(chunk))
                .distinct()
            )
        )
    _reassign(conn, ids)


def _frame_in(conn: Connection, statement: Select[Any]) -> pd.DataFrame:
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _active_corrections(conn: Connection) -> list[Correction]:
    statement = (
        select(
            entity_corrections.c.kind,
            entity_corrections.c.label,
            entity_corrections.c.entity,
            entity_corrections.c.target,
        )
        .where(entity_corrections.c.undone_at.is_(None))
        .order_by(entity_corrections.c.id)
    )
    return [Correction(*row) for row in conn.execute(statement)]


def _reassign(conn: Connection, article_ids: Iterable[int]) -> None:
    """Give the mentions of these articles the entity that the article's merges, the
    corpus's and the corrections now give them, and move the corpus totals with them."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    corrections = _active_corrections(conn)
    mapping = {
        (row.alias, row.label): row.canonical for row in conn.execute(select(entity_alias_map))
    }
    updates: list[dict[str, Any]] = []
    deltas: dict[tuple[str, str], list[int]] = {}
    columns = (
        entity_mentions.c.article_id,
        entity_mentions.c.mention_index,
        entity_mentions.c.alias,
        entity_mentions.c.label,
        entity_mentions.c.entity,
    )
    for chunk in _chunks(ids):
        statement = (
            select(*columns)
            .where(entity_mentions.c.article_id.in_(chunk))
            .order_by(entity_mentions.c.article_id, entity_mentions.c.mention_index)
            # PostgreSQL: a concurrent writer reassigning these rows waits, then reads them
            # as this one leaves them, so the totals move once (SQLite has one writer)
            .with_for_update()
        )
        for article_id, group in groupby(conn.execute(statement), key=lambda row: row[0]):
            rows = list(group)
            pairs = [(row.alias, row.label) for row in rows]
            entities = resolve_entities(pairs, corpus=mapping, corrections=corrections)
            before: Counter[tuple[str, str]] = Counter()
            after: Counter[tuple[str, str]] = Counter()
            for row, entity in zip(rows, entities, strict=True):
                before[(row.entity, row.label)] += 1
                after[(entity, row.label)] += 1
                if entity != row.entity:
                    updates.append({"a": article_id, "i": row.mention_index, "new_entity": entity})
            for key in before.keys() | after.keys():
                delta = deltas.setdefault(key, [0, 0])
                delta[0] += after[key] - before[key]
                delta[1] += (key in after) - (key in before)
    if updates:
        conn.execute(
            entity_mentions.update()
            .where(
                entity_mentions.c.article_id == bindparam("a"),
                entity_mentions.c.mention_index == bindparam("i"),
            )
            .values(entity=bindparam("new_entity")),
            updates,
        )
    rows = [
        (entity, label, n_mentions, n_articles)
        for (entity, label), (n_mentions, n_articles) in sorted(deltas.items())
        if n_mentions or n_articles
    ]
    _add_entity_totals(conn, rows)
    emptied = [(entity, label) for entity, label, _, n_articles in rows if n_articles < 0]
    for chunk in _chunks(emptied):
        conn.execute(
            delete(corpus_entities).where(
                tuple_(corpus_entities.c.entity, corpus_entities.c.label).in_(chunk),
                corpus_entities.c.n_articles <= 0,
            )
        )


def reapply_aliases(engine: Engine) -> None:
    """Recompute every automatic merge of the corpus and reassign every mention (for a store
    whose mentions were written before aliases were merged, once ``alias`` is filled)."""
    with _writer(engine).begin() as conn:
        _rebuild_alias_counts(conn)
        people = set(
            conn.scalars(select(corpus_aliases.c.alias).where(corpus_aliases.c.label == "PERSON"))
        )
        conn.execute(delete(entity_alias_map))
        _refresh_aliases(conn, people, set(conn.scalars(select(articles.c.id))))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _articles_naming(conn: Connection, label: str, names: set[str]) -> set[int]:
    ids: set[int] = set()
    for chunk in _chunks(sorted(names)):
        ids.update(
            conn.scalars(
                select(entity_mentions.c.article_id)
                .where(
                    entity_mentions.c.label == label,
                    or_(entity_mentions.c.entity.in_(chunk), entity_mentions.c.alias.in_(chunk)),
                )
                .distinct()
            )
        )
    return ids


def _is_stored(conn: Connection, label: str, name: str, *, alias: bool) -> bool:
    table = corpus_aliases if alias else corpus_entities
    column = table.c.alias if alias else table.c.entity
    statement = select(func.count()).select_from(table)
    statement = statement.where(table.c.label == label, column == name)
    return bool(conn.scalar(statement))


def _add_correction(engine: Engine, correction: Correction) -> int:
    """Store the correction and apply it to the stored mentions, in one transaction."""
    is_split = correction.kind == "split"
    with _writer(engine).begin() as conn:
        for name in (correction.entity, correction.target)[: 1 if is_split else 2]:
            if not _is_stored(conn, correction.label, name, alias=is_split):
                kind = "alias" if is_split else "entity"
                raise ValueError(f"no {kind} {name!r} ({correction.label}) is stored")
        correction_id = conn.execute(
            insert(entity_corrections).values(**correction._asdict(), created_at=_now())
        ).inserted_primary_key[0]
        _reassign(conn, _articles_naming(conn, correction.label, {correction.entity}))
    return int(correction_id)


def merge_entities(engine: Engine, *, entity: str, into: str, label: str) -> int:
    """Merge the row ``entity`` into the row ``into`` (same label), now and for every article
    added later; returns the correction's id."""
    if entity == into:
        raise ValueError("choose two different entities to merge")
    return _add_correction(engine, Correction("merge", label, entity, into))


def split_alias(engine: Engine, *, alias: str, label: str) -> int:
    """Give the alias a row of its own again (undoing any merge of it), now and for every
    article added later; returns the correction's id."""
    return _add_correction(engine, Correction("split", label, alias))


def remove_correction(engine: Engine, correction_id: int) -> None:
    """Undo a correction: the rows it changed get what the automatic merges and the other
    corrections give them."""
    with _writer(engine).begin() as conn:
        row = conn.execute(
            select(entity_corrections).where(
                entity_corrections.c.id == correction_id, entity_corrections.c.undone_at.is_(None)
            )
        ).first()
        if row is None:
            raise ValueError(f"no correction {correction_id} to undo")
        conn.execute(
            entity_corrections.update()
            .where(entity_corrections.c.id == correction_id)
            .values(undone_at=_now())
        )
        # the rows it touched are named by its names, or by the targets of later merges
        names = {row.entity, row.target} - {""}
        for later in _active_corrections(conn):
            if later.kind == "merge" and later.label == row.label and later.entity in names:
                names.add(later.target)
        _reassign(conn, _articles_naming(conn, row.label, names))


def entity_corrections_table(engine: Engine) -> pd.DataFrame:
    """The corrections in force, oldest first: id, kind, label, entity, target, created_at."""
    statement = (
        select(
            entity_corrections.c.id,
            entity_corrections.c.kind,
            entity_corrections.c.label,
            entity_corrections.c.entity,
            entity_corrections.c.target,
            entity_corrections.c.created_at,
        )
        .where(entity_corrections.c.undone_at.is_(None))
        .order_by(entity_corrections.c.id)
    )
    return _frame(engine, statement)


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


def store_version(engine: Engine) -> tuple[int, int, int]:
    """The number of articles, the highest id, and the number of entity corrections made or
    undone plus rebuilds of the copy clusters: changes whenever articles are added or removed,
    a correction is made or undone or the clusters are rebuilt, so caches keyed on it are
    refreshed in every session and process."""
    with engine.connect() as conn:
        count, highest = conn.execute(
            select(func.count(articles.c.id), func.max(articles.c.id))
        ).one()
        made, undone = conn.execute(
            select(func.max(entity_corrections.c.id), func.count(entity_corrections.c.undone_at))
        ).one()
        rebuilds = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == REBUILDS_KEY))
    return int(count), int(highest or 0), int(made or 0) + int(undone or 0) + int(rebuilds or 0)


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
    members = duplicate_clusters.alias("members")
    n_copies = (
        select(func.count())
        .where(
            members.c.cluster_id == duplicate_clusters.c.cluster_id,
            members.c.article_id != articles.c.id,
        )
        .scalar_subquery()
        .label("n_copies")
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
            n_copies,
            duplicate_clusters.c.cluster_id,
            articles.c.language,
            articles.c.url,
            articles.c.file_name,
        )
        .join(readability, readability.c.article_id == articles.c.id)
        .outerjoin(duplicate_clusters, duplicate_clusters.c.article_id == articles.c.id)
        .where(*flt.conditions())
        .order_by(articles.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    frame = _frame(engine, statement)
    for column in ("n_words", "n_sentences", "cluster_id"):
        frame[column] = frame[column].astype("Int64")
    return frame


def duplicate_summary(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, int]:
    """Near-duplicates among the selected articles: ``n_clusters`` (clusters with at least
    one selected article), ``n_clustered`` (selected articles in a cluster) and ``n_copies``
    (the selected articles that one article per cluster leaves out)."""
    base = replace(flt, one_per_cluster=False)
    statement = _restrict(
        select(func.count(func.distinct(duplicate_clusters.c.cluster_id)), func.count()),
        duplicate_clusters.c.article_id,
        base,
    )
    later = _later_copies(base).subquery()
    hidden = _restrict(
        select(func.count(func.distinct(later.c.article_id))), later.c.article_id, base
    )
    with engine.connect() as conn:
        n_clusters, n_clustered = conn.execute(statement).one()
        n_hidden = conn.scalar(hidden)
    return {
        "n_clusters": int(n_clusters),
        "n_clustered": int(n_clustered),
        "n_copies": int(n_hidden or 0),
    }


def near_duplicates(engine: Engine, article_id: int) -> pd.DataFrame:
    """The other articles of this article's cluster of near-duplicates, the most similar
    first. Columns: article_id, title, source, published, similarity (estimated Jaccard
    similarity of the bodies' shingles, from the signatures), direct (True when the pair
    itself reached the threshold; False for a copy of a copy)."""
    columns = ["article_id", "title", "source", "published", "similarity", "direct"]
    cluster = (
        select(duplicate_clusters.c.cluster_id)
        .where(duplicate_clusters.c.article_id == article_id)
        .scalar_subquery()
    )
    statement = (
        select(*ARTICLE_COLUMNS, article_signatures.c.signature)
        .join(duplicate_clusters, duplicate_clusters.c.article_id == articles.c.id)
        .outerjoin(article_signatures, article_signatures.c.article_id == articles.c.id)
        .where(duplicate_clusters.c.cluster_id == cluster)
    )
    pairs = select(duplicate_pairs.c.article_id, duplicate_pairs.c.other_id).where(
        or_(duplicate_pairs.c.article_id == article_id, duplicate_pairs.c.other_id == article_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(statement).mappings().all()
        direct = {int(a) + int(b) - article_id for a, b in conn.execute(pairs)}
    mine = next((row["signature"] for row in rows if row["article_id"] == article_id), None)
    frame = pd.DataFrame(
        [
            {
                **{name: row[name] for name in columns[:4]},
                "similarity": similarity(mine or b"", row["signature"] or b""),
                "direct": int(row["article_id"]) in direct,
            }
            for row in rows
            if row["article_id"] != article_id
        ],
        columns=columns,
    )
    return frame.sort_values(
        ["similarity", "article_id"], ascending=[False, True], ignore_index=True
    )


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
        distinct = (
            select(entity_mentions.c.entity, entity_mentions.c.label)
            .where(entity_mentions.c.article_id.in_(select(selected.c.id)))
            .distinct()
            .subquery()
        )
        # the whole corpus: its totals have one row per entity (2.1 s less at 100,000)
        counted = corpus_entities if flt.is_empty else distinct
        n_entities = conn.scalar(select(func.count()).select_from(counted))
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
    elif _only_one_per_cluster(flt) and not lemmas:
        statement = _terms_without_copies(n=n, stop_words=stop_words)
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


def _only_one_per_cluster(flt: ArticleFilter) -> bool:
    """Whether the filter is the whole corpus with one article per cluster: its counts are
    the corpus totals less those of the copies left out (a GROUP BY over the copies only)."""
    return flt.one_per_cluster and replace(flt, one_per_cluster=False).is_empty


def _terms_without_copies(*, n: int, stop_words: bool) -> Select[Any]:
    # every n of the copies' terms, found by article (a condition on n would lead SQLite to
    # the index on (n, term), a scan of the whole corpus's terms)
    removed = (
        select(
            terms.c.n,
            terms.c.term,
            func.sum(terms.c.n_occurrences).label("amount"),
            func.count(func.distinct(terms.c.article_id)).label("n_removed"),
        )
        .where(terms.c.article_id.in_(_later_copies(ALL_ARTICLES)))
        .group_by(terms.c.n, terms.c.term)
        .subquery()
    )
    occurrences = corpus_terms.c.n_occurrences - func.coalesce(removed.c.amount, 0)
    in_articles = corpus_terms.c.n_articles - func.coalesce(removed.c.n_removed, 0)
    statement = (
        select(
            corpus_terms.c.term,
            occurrences.label("n_occurrences"),
            in_articles.label("n_articles"),
        )
        .select_from(
            corpus_terms.outerjoin(
                removed,
                and_(removed.c.n == corpus_terms.c.n, removed.c.term == corpus_terms.c.term),
            )
        )
        .where(corpus_terms.c.n == n, in_articles > 0)
    )
    if not stop_words:
        statement = statement.where(corpus_terms.c.is_stop == false())
    return statement.order_by(occurrences.desc(), corpus_terms.c.term)


def _entities_without_copies() -> Select[Any]:
    keys = (entity_mentions.c.entity, entity_mentions.c.label)
    removed = (
        select(
            *keys,
            func.count().label("amount"),
            func.count(func.distinct(entity_mentions.c.article_id)).label("n_removed"),
        )
        .where(entity_mentions.c.article_id.in_(_later_copies(ALL_ARTICLES)))
        .group_by(*keys)
        .subquery()
    )
    mentions = corpus_entities.c.n_mentions - func.coalesce(removed.c.amount, 0)
    in_articles = corpus_entities.c.n_articles - func.coalesce(removed.c.n_removed, 0)
    joined = corpus_entities.outerjoin(
        removed,
        and_(
            removed.c.entity == corpus_entities.c.entity,
            removed.c.label == corpus_entities.c.label,
        ),
    )
    return (
        select(
            corpus_entities.c.entity,
            corpus_entities.c.label,
            mentions.label("n_mentions"),
            in_articles.label("n_articles"),
        )
        .select_from(joined)
        .where(in_articles > 0)
        .order_by(mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label)
    )


def _filtered_terms(flt: ArticleFilter, *, n: int, stop_words: bool, lemmas: bool) -> Select[Any]:
    column = terms.c.lemma if lemmas else terms.c.term
    total = func.sum(terms.c.n_occurrences)
    statement = select(
        column.label("term"),
        total.label("n_occurrences"),
        func.count(func.distinct(terms.c.article_id)).label("n_articles"),
    ).where(_n_without_index(n))  # the filter's articles first, each by the primary key
    if not stop_words:
        statement = statement.where(terms.c.is_stop == false())
    statement = _restrict(statement, terms.c.article_id, flt)
    return statement.group_by(column).order_by(total.desc(), column)


def _single_words() -> Any:
    """``terms.n = 1`` written out, not as a parameter: only then may SQLite read the rows
    by the partial index ``ix_terms_word``."""
    return terms.c.n == literal_column("1")


def _term_condition(engine: Engine, n: int, chosen: Iterable[str]) -> Any:
    """The term rows of the chosen terms of ``n`` words, written so that they are found by
    index: single words by ``ix_terms_word``; a bigram or trigram among the articles using
    its rarest word (by that index), each article's rows by the primary key."""
    chosen = list(chosen)
    if n == 1:
        return and_(_single_words(), terms.c.term.in_(chosen))
    words = sorted({word for term in chosen for word in term.split()})
    statement = select(corpus_terms.c.term, corpus_terms.c.n_articles).where(
        corpus_terms.c.n == 1, corpus_terms.c.term.in_(words)
    )
    with engine.connect() as conn:
        n_articles = {term: count for term, count in conn.execute(statement)}
    conditions = []
    for term in chosen:
        rarest = min(term.split(), key=lambda word: (n_articles.get(word, 0), word))
        using = terms.alias("using_word")
        candidates = select(using.c.article_id).where(
            using.c.n == literal_column("1"), using.c.term == rarest
        )
        conditions.append(
            and_(
                terms.c.article_id.in_(candidates),
                terms.c.n == n,
                terms.c.term == term,
            )
        )
    return or_(*conditions)


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
    chosen = (
        and_(terms.c.n == n, column.in_(chosen_terms))
        if lemmas
        else _term_condition(engine, n, chosen_terms)
    )
    matching = _restrict(select(terms.c.article_id).where(chosen), terms.c.article_id, flt)
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
        .where(chosen, terms.c.article_id.in_(leaders.subquery().select()))
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
    elif _only_one_per_cluster(flt):
        statement = _entities_without_copies()
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


def entity_aliases(
    engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, entity: str, label: str
) -> pd.DataFrame:
    """The aliases merged into one entity row: alias, n_mentions, n_articles; most mentioned
    first."""
    mentions = func.count()
    statement = select(
        entity_mentions.c.alias,
        mentions.label("n_mentions"),
        func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
    ).where(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    statement = statement.group_by(entity_mentions.c.alias).order_by(
        mentions.desc(), entity_mentions.c.alias
    )
    return _frame(engine, statement)


def label_totals(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """Mentions and distinct entities of each entity type: label, n_mentions, n_entities."""
    if flt.is_empty:  # from the corpus totals, not every mention (1.2 s at 100,000 articles)
        summed = func.sum(corpus_entities.c.n_mentions)
        statement = (
            select(
                corpus_entities.c.label,
                summed.cast(BigInteger).label("n_mentions"),
                func.count().label("n_entities"),
            )
            .group_by(corpus_entities.c.label)
            .order_by(summed.desc())
        )
        return _frame(engine, statement)
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


# --- over time --------------------------------------------------------------------------------


def _english() -> Any:
    """Articles whose entities were looked for (the NER model is English; see is_english)."""
    language = func.lower(articles.c.language)
    return or_(
        language.in_(("", "en")), language.like("en-%"), language.like("en\\_%", escape="\\")
    )


def articles_by_date(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """The selected articles per publication date, the undated ones in a row of their own.

    Columns: published (None for the undated articles), n_articles, n_english (articles in
    English, the only ones with entities).
    """
    statement = (
        select(
            articles.c.published,
            func.count().label("n_articles"),
            func.sum(case((_english(), 1), else_=0)).label("n_english"),
        )
        .where(*flt.conditions())
        .group_by(articles.c.published)
        .order_by(articles.c.published)
    )
    return _frame(engine, statement)


def mentions_by_date(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    chosen_entities: tuple[tuple[str, str], ...] = (),
    chosen_terms: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Mentions of the chosen entities and terms in the selected articles, per publication date.

    ``chosen_entities`` are (entity, label) pairs; ``chosen_terms`` are words or n-grams as
    counted on the Words page (case folded, one space between words; n is their number of
    words). Columns:
    published (None for undated articles), item ("entity · label" or the term), kind
    ("entity" or "term"), n_mentions, n_articles (articles of that date mentioning the item).
    """
    frames = []
    if chosen_entities:
        pairs = or_(
            *(
                and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label)
                for entity, label in chosen_entities
            )
        )
        statement = (
            select(
                articles.c.published,
                entity_mentions.c.entity,
                entity_mentions.c.label,
                func.count().label("n_mentions"),
                func.count(func.distinct(entity_mentions.c.article_id)).label("n_articles"),
            )
            .join(articles, articles.c.id == entity_mentions.c.article_id)
            .where(pairs, *flt.conditions())
            .group_by(articles.c.published, entity_mentions.c.entity, entity_mentions.c.label)
        )
        found = _frame(engine, statement)
        pairs_found = zip(found.pop("entity"), found.pop("label"), strict=True)
        found.insert(
            1, "item", pd.Series([entity_item(*pair) for pair in pairs_found], dtype=object)
        )
        frames.append(found.assign(kind="entity"))
    by_size: dict[int, list[str]] = {}
    for term in chosen_terms:
        by_size.setdefault(len(term.split()), []).append(term)
    if by_size:
        statement = (
            select(
                articles.c.published,
                terms.c.term.label("item"),
                func.sum(terms.c.n_occurrences).label("n_mentions"),
                func.count(func.distinct(terms.c.article_id)).label("n_articles"),
            )
            .join(articles, articles.c.id == terms.c.article_id)
            .where(
                or_(*(_term_condition(engine, n, chosen) for n, chosen in by_size.items())),
                *flt.conditions(),
            )
            .group_by(articles.c.published, terms.c.term)
        )
        frames.append(_frame(engine, statement).assign(kind="term"))
    columns = ["published", "item", "kind", "n_mentions", "n_articles"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _sentence_text() -> Any:
    return func.substr(
        articles.c.body, sentences.c.start_char + 1, sentences.c.end_char - sentences.c.start_char
    )


def _mention_sentences(*counts: Any, where: Any, limit: int) -> Select[Any]:
    """The sentences holding the mentions that match ``where``, one row each, with their
    article and the aggregates ``counts`` over those mentions, in text order.

    Columns: sentence, title, published, article_id, sentence_index, then ``counts``.
    """
    return (
        select(
            _sentence_text().label("sentence"),
            articles.c.title,
            articles.c.published,
            articles.c.id.label("article_id"),
            sentences.c.sentence_index,
            *counts,
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
        .where(where)
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
    statement = _mention_sentences(
        func.count().label("n_mentions"),
        where=and_(entity_mentions.c.entity == entity, entity_mentions.c.label == label),
        limit=limit,
    )
    return _frame(engine, _restrict(statement, entity_mentions.c.article_id, flt))


def language_counts(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> pd.DataFrame:
    """The languages of the selected articles: language ("" when unknown), n_articles; the
    most common first."""
    count = func.count()
    statement = (
        select(articles.c.language, count.label("n_articles"))
        .where(*flt.conditions())
        .group_by(articles.c.language)
        .order_by(count.desc(), articles.c.language)
    )
    return _frame(engine, statement)


# --- co-occurrence ----------------------------------------------------------------------------

Unit = Literal["sentence", "article"]


def _unit_keys(table: Any, unit: Unit) -> list[Any]:
    """The columns naming a unit: the article, and the sentence within it."""
    if unit == "sentence":
        return [table.c.article_id, table.c.sentence_index]
    if unit == "article":
        return [table.c.article_id]
    raise ValueError(f"unknown unit: {unit}")


def _top_entities(flt: ArticleFilter, labels: tuple[str, ...] | None, top: int) -> Select[Any]:
    """The ``top`` (entity, label) of the selected articles with the most mentions."""
    if flt.is_empty:
        statement = select(corpus_entities.c.entity, corpus_entities.c.label).order_by(
            corpus_entities.c.n_mentions.desc(), corpus_entities.c.entity, corpus_entities.c.label
        )
        if labels is not None:
            statement = statement.where(corpus_entities.c.label.in_(labels))
        return statement.limit(top)
    keys = (entity_mentions.c.entity, entity_mentions.c.label)
    statement = select(*keys)
    if labels is not None:
        statement = statement.where(entity_mentions.c.label.in_(labels))
    statement = _restrict(statement, entity_mentions.c.article_id, flt)
    return statement.group_by(*keys).order_by(func.count().desc(), *keys).limit(top)


def n_entity_units(engine: Engine, flt: ArticleFilter = ALL_ARTICLES, *, unit: Unit) -> int:
    """The number of units (sentences or articles) of the selected articles that name at
    least one entity, of any type: the N of co-occurrence measures."""
    keys = _unit_keys(entity_mentions, unit)
    units = _restrict(select(*keys).distinct(), entity_mentions.c.article_id, flt)
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(units.subquery())) or 0)


def entity_pairs(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    unit: Unit = "sentence",
    labels: tuple[str, ...] | None = None,
    top_entities: int = 100,
    min_count: int = 1,
) -> pd.DataFrame:
    """Pairs of entities named in the same unit (sentence or article), counted once per unit.

    Only the ``top_entities`` entities with the most mentions in the selected articles (of
    the ``labels`` types, all types when None) are paired, which keeps the self-join small on
    a large corpus. Each pair appears once, ``entity_a < entity_b``; an entity name tagged
    with two types is not paired with itself. Pairs meeting in fewer than ``min_count`` units
    are left out.

    Columns: entity_a, label_a, entity_b, label_b, n_together (units naming both), n_a, n_b
    (units naming each), n_units (units naming at least one entity of any type: the N of the
    measures, see ``n_entity_units``); the most frequent pairs first.
    """
    top = _top_entities(flt, labels, top_entities).subquery("top_entities")
    keys = _unit_keys(entity_mentions, unit)
    units = (
        _restrict(
            select(*keys, entity_mentions.c.entity, entity_mentions.c.label)
            .join(
                top,
                and_(
                    top.c.entity == entity_mentions.c.entity,
                    top.c.label == entity_mentions.c.label,
                ),
            )
            .distinct(),
            entity_mentions.c.article_id,
            flt,
        )
    ).cte("units")
    left, right = units.alias("a"), units.alias("b")
    same_unit = [left.c[column.name] == right.c[column.name] for column in _unit_keys(units, unit)]
    together = func.count()
    pairs = (
        select(
            left.c.entity.label("entity_a"),
            left.c.label.label("label_a"),
            right.c.entity.label("entity_b"),
            right.c.label.label("label_b"),
            together.label("n_together"),
        )
        .select_from(left.join(right, and_(*same_unit, left.c.entity < right.c.entity)))
        .group_by(left.c.entity, left.c.label, right.c.entity, right.c.label)
        .having(together >= min_count)
    ).cte("pairs")
    counts = (
        select(units.c.entity, units.c.label, func.count().label("n_units"))
        .group_by(units.c.entity, units.c.label)
        .cte("counts")
    )
    count_a, count_b = counts.alias("count_a"), counts.alias("count_b")
    statement = (
        select(
            pairs,
            count_a.c.n_units.label("n_a"),
            count_b.c.n_units.label("n_b"),
        )
        .join(
            count_a,
            and_(count_a.c.entity == pairs.c.entity_a, count_a.c.label == pairs.c.label_a),
        )
        .join(
            count_b,
            and_(count_b.c.entity == pairs.c.entity_b, count_b.c.label == pairs.c.label_b),
        )
        .order_by(
            pairs.c.n_together.desc(),
            pairs.c.entity_a,
            pairs.c.label_a,
            pairs.c.entity_b,
            pairs.c.label_b,
        )
    )
    frame = _frame(engine, statement)
    frame["n_units"] = n_entity_units(engine, flt, unit=unit) if not frame.empty else 0
    return frame


def pair_sentences(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    a: tuple[str, str],
    b: tuple[str, str],
    unit: Unit = "sentence",
    limit: int = 500,
) -> pd.DataFrame:
    """Where two entities (each an (entity, label)) meet: the sentences naming both, or with
    ``unit="article"``, the sentences naming either in the articles naming both.

    Columns: sentence, title, published, article_id, sentence_index, n_a, n_b (mentions of
    each in the sentence); in text order.
    """

    def names(entity: tuple[str, str]) -> Any:
        return and_(entity_mentions.c.entity == entity[0], entity_mentions.c.label == entity[1])

    def mentions_of(entity: tuple[str, str]) -> Any:
        return func.sum(case((names(entity), 1), else_=0))

    statement = _mention_sentences(
        mentions_of(a).label("n_a"),
        mentions_of(b).label("n_b"),
        where=or_(names(a), names(b)),
        limit=limit,
    )
    if unit == "sentence":
        statement = statement.having(and_(mentions_of(a) > 0, mentions_of(b) > 0))
    else:
        for entity in (a, b):
            naming = select(entity_mentions.c.article_id).where(names(entity))
            statement = statement.where(entity_mentions.c.article_id.in_(naming))
    return _frame(engine, _restrict(statement, entity_mentions.c.article_id, flt))


def _speakers() -> Any:
    """``quotes`` left-joined to the entity mention naming each quotation's speaker."""
    return quotes.outerjoin(
        entity_mentions,
        and_(
            entity_mentions.c.article_id == quotes.c.article_id,
            entity_mentions.c.mention_index == quotes.c.speaker_mention_index,
        ),
    )


def quote_table(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    entity: str | None = None,
    label: str | None = None,
    limit: int | None = 500,
) -> pd.DataFrame:
    """Direct quotations of the selected articles with their speaker, the newest first.

    Columns: quote, speaker (the entity's name when the speaker is linked to an entity
    mention, else the speaker's text, or None), label (of that entity, or None), cue,
    title, published, article_id, quote_index. ``entity`` (and ``label``) keep the quotations
    of that speaker entity only.
    """
    statement = (
        select(
            quotes.c.text.label("quote"),
            func.coalesce(entity_mentions.c.entity, quotes.c.speaker).label("speaker"),
            entity_mentions.c.label,
            quotes.c.cue,
            articles.c.title,
            articles.c.published,
            articles.c.id.label("article_id"),
            quotes.c.quote_index,
        )
        .select_from(_speakers().join(articles, articles.c.id == quotes.c.article_id))
        .where(*flt.conditions())
        .order_by(articles.c.published.desc().nulls_last(), articles.c.id, quotes.c.quote_index)
        .limit(limit)
    )
    if entity is not None:
        statement = statement.where(entity_mentions.c.entity == entity)
    if label is not None:
        statement = statement.where(entity_mentions.c.label == label)
    return _frame(engine, statement)


def quoted_entities(
    engine: Engine,
    flt: ArticleFilter = ALL_ARTICLES,
    *,
    labels: tuple[str, ...] | None = None,
    top: int | None = 20,
) -> pd.DataFrame:
    """The entities quoted most in the selected articles (quotations linked to an entity).

    Columns: entity, label, n_quotes, n_articles; most quoted first.
    """
    n_quotes = func.count()
    # grouped by an expression, not by the column: given the column, SQLite (with no
    # statistics) walks the index on entity through every mention of the corpus instead of
    # reading the quotations (6.3 s against 0.35 s at 100,000 articles)
    entity = entity_mentions.c.entity + ""
    statement = (
        select(
            entity.label("entity"),
            entity_mentions.c.label,
            n_quotes.label("n_quotes"),
            func.count(func.distinct(quotes.c.article_id)).label("n_articles"),
        )
        .select_from(_speakers())
        .where(entity_mentions.c.entity.is_not(None))
        .group_by(entity, entity_mentions.c.label)
        .order_by(n_quotes.desc(), entity, entity_mentions.c.label)
        .limit(top)
    )
    if labels is not None:
        statement = statement.where(entity_mentions.c.label.in_(labels))
    return _frame(engine, _restrict(statement, quotes.c.article_id, flt))


def _not_english() -> Any:
    """Articles whose language is not English (as ``analytics.language.is_english``)."""
    language = articles.c.language
    return and_(
        language.not_in(("", ENGLISH)),
        ~language.startswith(f"{ENGLISH}-", autoescape=True),
        ~language.startswith(f"{ENGLISH}_", autoescape=True),
    )


def quote_summary(engine: Engine, flt: ArticleFilter = ALL_ARTICLES) -> dict[str, Any]:
    """Counts behind the Quotes page: n_quotes, n_attributed (to an entity), n_articles (with
    a quotation), n_other_languages (selected articles that are not English: no quotations
    are looked for in them) and other_languages (their language codes)."""
    selected = _ids(flt).subquery()
    with engine.connect() as conn:
        n_quotes, n_attributed, n_articles_quoted = conn.execute(
            select(
                func.count(),
                func.count(quotes.c.speaker_mention_index),
                func.count(func.distinct(quotes.c.article_id)),
            ).where(quotes.c.article_id.in_(select(selected.c.id)))
        ).one()
        languages = conn.execute(
            select(articles.c.language, func.count())
            .where(articles.c.id.in_(select(selected.c.id)), _not_english())
            .group_by(articles.c.language)
            .order_by(articles.c.language)
        ).all()
    return {
        "n_quotes": int(n_quotes),
        "n_attributed": int(n_attributed),
        "n_articles": int(n_articles_quoted),
        "n_other_languages": sum(int(count) for _, count in languages),
        "other_languages": tuple(language for language, _ in languages),
    }


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
    """``terms.n == n`` written so that SQLite does not read the terms by the index on
    (n, term) of older stores (every row of that size, with no statistics to say it is
    unselective) but article by article, from the group's articles (``+ 0`` is SQLite's
    documented way to say so)."""
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
