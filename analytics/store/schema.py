"""The store's tables (SQLAlchemy Core) and its schema version.

Everything else in ``analytics.store`` builds on these tables; this module imports nothing from
the rest of the package. Raise ``SCHEMA_VERSION`` whenever a table or column changes (see
``analytics.upgrade``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy import text as sql_text

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
    # the upload it came in with (``uploads``); None for articles stored before uploads were
    Column("upload_id", Integer, nullable=True),
    Index("ix_articles_source", "source"),
    # with the language: the articles per date (Over time) from the index alone; it replaces
    # ix_articles_published (published)
    Index("ix_articles_published_language", "published", "language"),
    Index("ix_articles_upload", "upload_id"),
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
    # which serves the same queries. With each row's article and count in the index, the
    # articles using a word most (Words, Over time) are read from the index alone (it replaces
    # ix_terms_word, on ``term`` only: ``REPLACED_INDEXES``).
    Index(
        "ix_terms_word_articles",
        "term",
        "article_id",
        "n_occurrences",
        sqlite_where=sql_text("n = 1"),
        postgresql_where=sql_text("n = 1"),
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
    # the model's label when the article's consistency pass changed it ("" for a place found
    # by the gazetteer), and the key of the mention's place on the gazetteer ("" for none)
    Column("original_label", String(32), nullable=False, server_default=""),
    Column("place_key", String(64), nullable=False, server_default=""),
    # whether the mention's words say its type (a first name, "Inc", "in"): the corpus's prior
    # type does not override it (``analytics.store.type_prior``)
    Column("type_cue", Boolean, nullable=False, server_default=sql_text("false")),
    # the label the analysis gave, which the user's retypes start from ("label" is the label
    # after them)
    Column("analysed_label", String(32), nullable=False, server_default=""),
    # with the article, sentence and alias: an entity's articles and sentences (Entities,
    # Together, Over time) and the names merged into it (Entities' aliases: 0.17 s -> 0.03 s
    # for "United States" at 100,000 articles) from the index alone; it replaces
    # ix_entity_mentions_entity (entity, label) and ix_entity_mentions_entity_article (without
    # the alias)
    Index(
        "ix_entity_mentions_entity_alias",
        "entity",
        "label",
        "article_id",
        "sentence_index",
        "alias",
    ),
    Index("ix_entity_mentions_alias", "alias", "label"),
    # the Map's counts per place and its unresolved places (place_key "") from the index alone;
    # it replaces ix_entity_mentions_place (place_key)
    Index("ix_entity_mentions_place_entity", "place_key", "label", "entity", "article_id"),
)


# The gazetteer's places that the articles mention, each stored once when first mentioned
# (``analytics.gazetteer.Place``): the map's points and countries.
places = Table(
    "places",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("geonames_id", BigInteger, nullable=True),
    Column("name", String(400), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country_code", String(8), nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
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
    # who made it (e-mail address, or "local"); added on opening a store from before it
    Column("user", String(320), nullable=False, server_default="local"),
)


# The audit trail (``analytics.store.audit``): every write, with who made it (e-mail address,
# or "local"), when (UTC), what (an action such as "upload" or "merge", and a short detail) and
# how many rows it touched. User data (kept across an upgrade).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("user", String(320), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_user", "user"),
)


# Each upload: a dashboard upload or a command-line ``add``, so its articles can be deleted
# together. User data (kept across an upgrade, with each article's ``upload_id``).
uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", String(32), nullable=False),  # "dashboard" or "command line"
    Column("label", Text, nullable=False),  # what was uploaded: file names, "pasted text"
    Column("created_at", DateTime, nullable=False),
)


# Each article's search document (``analytics.search``): its title and body normalised (no
# accents, case folded, words one space apart), indexed by the database's full-text engine
# (``analytics.store.search``: FTS5 on SQLite, a GIN index on PostgreSQL). Derived from articles.
article_search = Table(
    "article_search",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("document", Text, nullable=False),
)


# The store's own facts; today only its schema version (see ``analytics.upgrade``).
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


#: Raised whenever a table, a column or the analysis changes; a store written with an older
#: version is re-analysed by ``analytics.upgrade`` (version 1 had no ``store_meta`` table;
#: version 3: cleaned entity spans, places on a gazetteer, search, metadata, audit).
SCHEMA_VERSION = 3
#: The ``store_meta`` key counting the rebuilds of the copy clusters (part of ``store_version``).
REBUILDS_KEY = "n_cluster_rebuilds"
#: The ``store_meta`` key counting the edits of stored articles' fields and metadata (part of
#: ``store_version``: an edit changes neither the number of articles nor the highest id).
EDITS_KEY = "n_article_edits"

# A batch row's other columns (category, section, author, ...), one row per article and key;
# indexed by (key, value) to select the articles of a value (the sidebar, Compare's groups).
article_metadata = Table(
    "article_metadata",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("value", String(500), nullable=False),
    Index("ix_article_metadata_key_value", "key", "value"),
)

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


# Summary tables (``analytics.store.summaries``), kept in step with every add, delete and edit
# in the same transaction, and filled when a store that lacks them is opened: derived data, so
# adding one needs no new schema version.
# Each article's totals that pages would otherwise count from its rows: its longest sentence
# in words (Readability), its entity mentions (the article table) and its sentences naming
# an entity (the N of Together's measures).
article_totals = Table(
    "article_totals",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("longest_sentence_words", Integer, nullable=True),  # None: no sentence
    Column("n_entity_mentions", Integer, nullable=False),
    Column("n_entity_sentences", Integer, nullable=False),
)


# Each source's single words with their occurrences and articles (stop words flagged as in
# ``corpus_terms``): Compare's groups of sources, read from here and set against the corpus
# totals instead of summing the terms of every article of the group.
source_words = Table(
    "source_words",
    metadata,
    Column("source", String(300), primary_key=True),
    Column("term", String(400), primary_key=True),
    Column("is_stop", Boolean, nullable=False),
    Column("n_occurrences", BigInteger, nullable=False),
    Column("n_articles", Integer, nullable=False),
)


# The pairs of entities named in the same sentence, over the whole corpus: each (entity,
# label) with each other one named in a sentence with it, both ways round, and with itself
# (n_sentences then counts the sentences naming it): Together's pairs per sentence for the
# whole corpus, read from here instead of joining every mention with the mentions of its
# sentence. Both orders are kept so the query orders the two names as its database does.
sentence_pairs = Table(
    "sentence_pairs",
    metadata,
    Column("entity_a", String(400), primary_key=True),
    Column("label_a", String(32), primary_key=True),
    Column("entity_b", String(400), primary_key=True),
    Column("label_b", String(32), primary_key=True),
    Column("n_sentences", Integer, nullable=False),
)


#: Indexes of older stores that an index above replaces, by table: dropped on opening a store
#: (``engine``), before the tables' current indexes are created.
REPLACED_INDEXES = {
    "articles": ("ix_articles_published",),
    "terms": ("ix_terms_word",),
    "entity_mentions": (
        "ix_entity_mentions_entity",
        "ix_entity_mentions_entity_article",
        "ix_entity_mentions_place",
    ),
}
