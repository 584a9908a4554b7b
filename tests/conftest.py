"""Fixtures shared by the whole suite: the spaCy model (once per session), stores, the seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.nlp import load_model
from analytics.readers import read_path
from analytics.settings import DEFAULT_MODEL
from analytics.store import create_store_engine

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_64318eeef4daaa9f.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    (outcome,) = read_path(SEED_FILE)
    (article,) = outcome.articles
    return article


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_store_engine(db_url)
    yield engine
    engine.dispose()
