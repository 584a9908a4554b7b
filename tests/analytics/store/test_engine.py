"""Opening a store: what one process wrote, another process reads."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from spacy.language import Language
from sqlalchemy import Engine

from analytics.pipeline import ingest_articles

from .support import BUDGET, STRIKE


def test_store_reopened_by_another_process(db_url: str, engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    engine.dispose()
    script = textwrap.dedent(
        f"""
        from analytics.store import create_store_engine, n_articles, term_frequencies
        engine = create_store_engine({db_url!r})
        words = term_frequencies(engine, top=2)
        print(n_articles(engine), *words["term"], *words["n_occurrences"])
        """
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert output.split() == ["2", "budget", "strike", "2", "2"]
