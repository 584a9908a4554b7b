"""Deleting articles (one, a selection, a whole upload) leaves the store exactly as a fresh
store loaded with only the remaining articles: every derived table (totals, alias counts and
automatic merges, signatures, bands, near-duplicate pairs and clusters, mentions, quotes) and
the queries on them (entity counts, term frequencies, co-occurring pairs, quotes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from spacy.language import Language
from sqlalchemy import Engine, select

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.readers import read_path
from analytics.store import (
    articles,
    audit_entries,
    create_store_engine,
    delete_articles,
    delete_upload,
    deletion_summary,
    duplicate_summary,
    entity_counts,
    entity_pairs,
    label_totals,
    metadata,
    quote_table,
    start_upload,
    store_version,
    term_frequencies,
    upload_article_ids,
    upload_table,
)

SEED_DIR = Path(__file__).resolve().parents[3] / "seeds"
#: Tables that are user data or bookkeeping, not derived from the articles.
NOT_DERIVED = {"uploads", "store_meta", "entity_corrections", "audit_log", "articles"}
#: Columns holding an article id (mapped to the article's content hash to compare stores).
ID_COLUMNS = {"article_id", "other_id", "cluster_id"}

ALIASES = [
    Article(
        title="Summit",
        body="Vladimir Putin arrived in Minsk on Monday. Vladimir Putin met the president "
        "there. Putin said the talks went well.",
    ),
    Article(title="Gas", body="Putin spoke about gas prices in Moscow on Friday."),
    Article(
        title="Chess",
        body="Dmitry Putin won the chess final in Kazan. Dmitry Putin is nineteen. Dmitry "
        'Putin will play in Oslo next year. "I will win again," Dmitry Putin said.',
    ),
    Article(title="Oil", body="Putin spoke about oil prices in Moscow on Tuesday."),
]


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [article for outcome in read_path(SEED_DIR) for article in outcome.articles]


def _copies(seeds: list[Article]) -> list[Article]:
    """Two near-duplicates of the first two seed articles with several paragraphs (one
    retitled, one with a paragraph cut)."""
    long = [article for article in seeds if article.body.count("\n\n") >= 4][:2]
    first, second = long
    paragraphs = second.body.split("\n\n")
    return [
        Article(title=f"Copy: {first.title}", body=first.body, source="Wire copy"),
        Article(
            title=f"Cut: {second.title}",
            body="\n\n".join(paragraphs[:-1]),
            source="Wire copy",
        ),
    ]


def _batches(seeds: list[Article]) -> list[list[Article]]:
    return [seeds, ALIASES, _copies(seeds)]


@pytest.fixture
def second_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """The store for the fresh load, on the same backend: a second SQLite file, or the same
    PostgreSQL database emptied once the first store is dumped."""
    yield f"sqlite:///{tmp_path / 'fresh.db'}" if db_url.startswith("sqlite") else db_url


def _load(engine: Engine, nlp: Language, batches: list[list[Article]]) -> list[int]:
    """Each batch as one upload; returns the upload ids."""
    upload_ids = []
    for number, batch in enumerate(batches, start=1):
        upload_id = start_upload(engine, "command line", f"batch {number}")
        results = list(ingest_articles(engine, nlp, batch, upload_id=upload_id))
        assert {result.status for result in results} <= {"added"}
        upload_ids.append(upload_id)
    return upload_ids


def _hashes(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return {int(i): h for i, h in conn.execute(select(articles.c.id, articles.c.content_hash))}


def _mapped(frame: pd.DataFrame, hashes: dict[int, str], columns: set[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns & set(frame.columns):
        frame[column] = frame[column].map(lambda i: hashes[int(i)])
    return frame


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.sort_values(list(frame.columns), key=lambda s: s.map(repr), ignore_index=True)


def _dump(engine: Engine) -> dict[str, Any]:
    """Every derived table and the queries on them, with article ids replaced by content
    hashes (ids differ between the stores)."""
    hashes = _hashes(engine)
    dump: dict[str, Any] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in NOT_DERIVED:
                continue
            result = conn.execute(select(table))
            frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
            dump[table.name] = _sorted(_mapped(frame, hashes, ID_COLUMNS))
        kept = [c for c in articles.c if c.name not in {"id", "added_at", "upload_id"}]
        result = conn.execute(select(*kept))
        dump["articles"] = _sorted(pd.DataFrame(result.fetchall(), columns=list(result.keys())))
    for n in (1, 2, 3):
        for stop_words in (False, True):
            dump[f"terms {n} {stop_words}"] = term_frequencies(
                engine, n=n, stop_words=stop_words, top=None
            )
    dump["entity_counts"] = entity_counts(engine, top=None)
    dump["label_totals"] = label_totals(engine)
    for unit in ("sentence", "article"):
        dump[f"pairs {unit}"] = entity_pairs(engine, unit=unit)
    dump["quotes"] = _sorted(_mapped(quote_table(engine), hashes, {"article_id"}))
    dump["duplicate_summary"] = duplicate_summary(engine)
    return dump


def _assert_same(left: dict[str, Any], right: dict[str, Any]) -> None:
    assert left.keys() == right.keys()
    for name, value in left.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(
                value.reset_index(drop=True),
                right[name].reset_index(drop=True),
                check_dtype=False,
                obj=name,
            )
        else:
            assert value == right[name], name


def _fresh_dump(url: str, nlp: Language, batches: list[list[Article]]) -> dict[str, Any]:
    if not url.startswith("sqlite"):
        cleared = create_store_engine(url)
        metadata.drop_all(cleared)
        cleared.dispose()
    engine = create_store_engine(url)
    _load(engine, nlp, [batch for batch in batches if batch])
    dump = _dump(engine)
    engine.dispose()
    return dump


def _remaining(batches: list[list[Article]], titles: set[str]) -> list[list[Article]]:
    return [[a for a in batch if a.title not in titles] for batch in batches]


def _ids(engine: Engine, titles: set[str]) -> list[int]:
    with engine.connect() as conn:
        statement = select(articles.c.id).where(articles.c.title.in_(titles))
        return [int(i) for i in conn.scalars(statement)]


@pytest.mark.parametrize(
    "case",
    ["one with a copy", "a person's rival", "a selection", "a whole upload", "every article"],
)
def test_deleting_leaves_what_a_fresh_load_of_the_rest_gives(
    db_url: str, second_url: str, nlp: Language, seeds: list[Article], case: str
) -> None:
    batches = _batches(seeds)
    engine = create_store_engine(db_url)
    upload_ids = _load(engine, nlp, batches)
    copy_of = batches[2][0].title.removeprefix("Copy: ")
    assert duplicate_summary(engine)["n_clusters"] == 2
    before = store_version(engine)
    if case == "a whole upload":
        gone = {article.title for article in ALIASES}
        ids = upload_article_ids(engine, upload_ids[1])
        assert sorted(ids) == sorted(_ids(engine, gone))
        summary = deletion_summary(engine, ids)
        assert summary["n_articles"] == 4
        assert summary["titles"] == [article.title for article in ALIASES]
        assert summary["n_mentions"] > 0 and summary["n_copies"] == 0
        assert delete_upload(engine, upload_ids[1], user="editor@example.org") == 4
        entry = audit_entries(engine, action="delete").iloc[0]
        assert (entry["user"], entry["n_rows"]) == ("editor@example.org", 4)
        assert entry["detail"] == f"upload {upload_ids[1]}: article ids " + ", ".join(
            map(str, sorted(ids))
        )
        assert list(upload_table(engine)["upload_id"]) == [upload_ids[2], upload_ids[0]]
    elif case == "every article":
        gone = {article.title for batch in batches for article in batch}
        assert delete_articles(engine, _ids(engine, gone)) == len(gone)
        assert upload_table(engine).empty
    else:
        gone = {
            "one with a copy": {copy_of},
            "a person's rival": {"Chess"},
            "a selection": {"Summit", copy_of, batches[2][1].title, seeds[-1].title},
        }[case]
        ids = _ids(engine, gone)
        assert len(ids) == len(gone)
        if case == "one with a copy":
            assert deletion_summary(engine, ids)["n_copies"] == 1
        assert delete_articles(engine, ids) == len(gone)
    after = store_version(engine)
    assert after != before and after[0] == before[0] - len(gone)
    left = _dump(engine)
    engine.dispose()
    _assert_same(left, _fresh_dump(second_url, nlp, _remaining(batches, gone)))


def test_deleting_nothing_or_unknown_ids_changes_nothing(engine: Engine, nlp: Language) -> None:
    _load(engine, nlp, [ALIASES[:2]])
    before = _dump(engine)
    version = store_version(engine)
    assert delete_articles(engine, []) == 0
    assert delete_articles(engine, [999]) == 0
    assert store_version(engine) == version
    _assert_same(_dump(engine), before)


def test_deleting_an_article_below_the_highest_id_changes_the_version(
    engine: Engine, nlp: Language
) -> None:
    """The version has the count as well as the highest id: deleting a middle article keeps
    the highest id but still changes it."""
    _load(engine, nlp, [ALIASES[:3]])
    count, highest, other = store_version(engine)
    (middle,) = _ids(engine, {"Gas"})
    assert delete_articles(engine, [middle]) == 1
    assert store_version(engine) == (count - 1, highest, other)


def test_articles_loaded_without_an_upload_have_none(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, ALIASES[:1]))
    assert upload_table(engine).empty
    upload_id = start_upload(engine, "dashboard", "a.txt")
    # an article already stored stays with the upload it came with (here: none)
    assert [r.status for r in ingest_articles(engine, nlp, ALIASES[:2], upload_id=upload_id)] == [
        "already present",
        "added",
    ]
    assert upload_article_ids(engine, upload_id) == _ids(engine, {"Gas"})
    table = upload_table(engine)
    assert table[["upload_id", "origin", "label", "n_articles"]].values.tolist() == [
        [upload_id, "dashboard", "a.txt", 1]
    ]
