"""The store: articles and their analysis results in a database, through SQLAlchemy Core.

The default is a SQLite file (WAL mode, a busy timeout, write transactions begun with
``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing); any SQLAlchemy URL works,
PostgreSQL included. Each article is written in one transaction with all of its results, so an
article is stored completely or not at all, and its content hash is unique, so adding the same
article twice stores it once.

Every query takes an ``ArticleFilter`` (``analytics.filters``: hashable, so the dashboard can
cache on it) and returns a DataFrame; corpus-wide totals are computed by the database with
``GROUP BY``, or read from totals kept in step with every write.

The package, bottom up (each module imports only from modules listed before it):

- ``schema``: the tables and the schema version; ``_common``: helpers shared by the modules;
- ``totals``: corpus totals and alias counts kept in step with every write;
- ``search``: each article's search document and its full-text index (FTS5 on SQLite, GIN on
  PostgreSQL), and the condition that finds words and phrases in it;
- ``engine``: opening a store (SQLite settings), its schema version and ``store_version``;
- ``filtering``: an ``ArticleFilter`` as SQL conditions;
- ``aliases`` (merges and corrections) and ``duplicates`` (signatures and clusters), also kept
  in step with every write; ``writing``: adding and deleting articles;
- the read queries by feature: ``article`` (one article), ``readability_scores``, ``corpus``,
  ``words``, ``entities``, ``timeline``, ``cooccurrence``, ``quotations``, ``keyness``;
  ``fields``: articles' metadata (a batch's other columns) and editing a stored article.

Callers use this module's names (``from analytics import store; store.entity_counts(...)``).
"""

from analytics.filters import ALL_ARTICLES, ArticleFilter
from analytics.store.aliases import (
    entity_corrections_table,
    merge_entities,
    reapply_aliases,
    remove_correction,
    retype_entity,
    split_alias,
)
from analytics.store.article import article_detail, article_mentions, article_sentences
from analytics.store.audit import audit_entries, record_activity
from analytics.store.bulk import refresh_statistics
from analytics.store.cooccurrence import (
    PairUnit,
    entity_pairs,
    n_entity_units,
    pair_sentence_totals,
    pair_sentences,
)
from analytics.store.corpus import (
    article_table,
    article_texts,
    corpus_export,
    corpus_summary,
    corpus_summary_words,
    date_bounds,
    language_counts,
    n_articles,
    n_articles_containing,
    sources,
)
from analytics.store.duplicates import duplicate_summary, near_duplicates, rebuild_duplicates
from analytics.store.engine import (
    create_store_engine,
    is_read_only,
    schema_version,
    store_version,
)
from analytics.store.entities import (
    entity_aliases,
    entity_by_article,
    entity_counts,
    entity_sentence_totals,
    entity_sentences,
    label_totals,
    n_articles_mentioning,
)
from analytics.store.faults import (
    StoreReadOnly,
    StoreUnavailable,
    explain_storage_error,
    is_storage_error,
    read_only_sentence,
    store_name,
)
from analytics.store.fields import (
    MAX_FILTER_VALUES,
    EditError,
    article_metadata_values,
    edit_article,
    metadata_values,
)
from analytics.store.filtering import filter_conditions
from analytics.store.keyness import KeynessUnit, group_sizes, group_token_totals, keyness_counts
from analytics.store.places import country_counts, place_counts, unresolved_places
from analytics.store.quotations import quote_summary, quote_table, quote_totals, quoted_entities
from analytics.store.readability_scores import (
    flag_counts,
    flag_table,
    measure_values,
    readability_medians,
    readability_table,
)
from analytics.store.schema import (
    SCHEMA_VERSION,
    article_metadata,
    article_signatures,
    article_totals,
    articles,
    audit_log,
    corpus_aliases,
    corpus_entities,
    corpus_terms,
    duplicate_clusters,
    duplicate_pairs,
    entity_alias_map,
    entity_corrections,
    entity_mentions,
    metadata,
    person_alias_words,
    places,
    quotes,
    readability,
    readability_flags,
    sentence_pairs,
    sentences,
    signature_bands,
    source_words,
    store_meta,
    terms,
    uploads,
)
from analytics.store.summaries import rebuild_summaries
from analytics.store.timeline import articles_by_date, mentions_by_date
from analytics.store.totals import rebuild_corpus_totals
from analytics.store.uploading import (
    delete_upload,
    deletion_summary,
    start_upload,
    upload_article_ids,
    upload_label,
    upload_table,
)
from analytics.store.words import term_by_article, term_frequencies
from analytics.store.writing import (
    Status,
    StoreResult,
    add_analyses,
    delete_articles,
    stored_article_id,
)

__all__ = [
    # the filter (analytics.filters), re-exported while callers move to it
    "ALL_ARTICLES",
    "ArticleFilter",
    # schema
    "SCHEMA_VERSION",
    "article_metadata",
    "article_signatures",
    "article_totals",
    "articles",
    "audit_log",
    "corpus_aliases",
    "corpus_entities",
    "corpus_terms",
    "duplicate_clusters",
    "duplicate_pairs",
    "entity_alias_map",
    "entity_corrections",
    "entity_mentions",
    "metadata",
    "person_alias_words",
    "places",
    "quotes",
    "readability",
    "readability_flags",
    "sentences",
    "sentence_pairs",
    "signature_bands",
    "source_words",
    "store_meta",
    "terms",
    "uploads",
    # engine
    "create_store_engine",
    "is_read_only",
    "schema_version",
    "store_version",
    # storage faults
    "StoreReadOnly",
    "StoreUnavailable",
    "explain_storage_error",
    "is_storage_error",
    "read_only_sentence",
    "store_name",
    # filtering
    "filter_conditions",
    # writing and what is kept in step
    "Status",
    "StoreResult",
    "add_analyses",
    "refresh_statistics",
    "delete_articles",
    "deletion_summary",
    "delete_upload",
    "start_upload",
    "upload_article_ids",
    "upload_label",
    "upload_table",
    "stored_article_id",
    "rebuild_corpus_totals",
    "rebuild_summaries",
    "entity_corrections_table",
    "merge_entities",
    # the audit trail
    "audit_entries",
    "record_activity",
    "reapply_aliases",
    "remove_correction",
    "retype_entity",
    "split_alias",
    "duplicate_summary",
    "near_duplicates",
    "rebuild_duplicates",
    # read queries
    "article_table",
    "article_texts",
    "corpus_export",
    "corpus_summary",
    "corpus_summary_words",
    "date_bounds",
    "language_counts",
    "n_articles",
    "n_articles_containing",
    "sources",
    "article_detail",
    "article_mentions",
    "article_sentences",
    "flag_counts",
    "flag_table",
    "measure_values",
    "readability_medians",
    "readability_table",
    "term_by_article",
    "term_frequencies",
    "entity_aliases",
    "entity_by_article",
    "n_articles_mentioning",
    "entity_counts",
    "entity_sentence_totals",
    "entity_sentences",
    "label_totals",
    "place_counts",
    "country_counts",
    "unresolved_places",
    "articles_by_date",
    "mentions_by_date",
    "PairUnit",
    "entity_pairs",
    "n_entity_units",
    "pair_sentence_totals",
    "pair_sentences",
    "quote_summary",
    "quote_table",
    "quote_totals",
    "quoted_entities",
    "KeynessUnit",
    "group_sizes",
    "group_token_totals",
    "keyness_counts",
    # metadata (a batch's other columns) and editing stored articles
    "MAX_FILTER_VALUES",
    "EditError",
    "article_metadata_values",
    "edit_article",
    "metadata_values",
]
