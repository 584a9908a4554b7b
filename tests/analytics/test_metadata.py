"""A batch's other columns kept as metadata, and what an upload says about its articles: the
column to use as the source, a source and date for the articles without one."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from analytics import store
from analytics.cli import main
from analytics.metadata import apply_upload_fields, n_with_column, source_column_hint
from analytics.models import Article, ReadOutcome
from analytics.readers.batches import read_csv, read_jsonl

JSONL = (
    '{"id": "business/001.txt", "category": "business", "Author": "  Jo   Lee ", '
    '"title": "Ad sales", "text": "Profits jumped.", "tags": ["media", 3], "live": true, '
    '"extra": {"nested": 1}, "empty": ""}\n'
    '{"id": "sport/001.txt", "category": "sport", "title": "Cup win", "text": "They won."}\n'
)


def test_batch_columns_are_kept_as_metadata() -> None:
    first, second = read_jsonl("bbc.jsonl", JSONL)
    assert first.metadata == (
        ("author", "Jo Lee"),
        ("category", "business"),
        ("live", "true"),
        ("tags", "media, 3"),
    )
    assert second.metadata == (("category", "sport"),)
    assert first.metadata_value("category") == "business"
    assert first.metadata_value("section") == ""
    assert (first.source, first.file_name) == ("", "bbc.jsonl#business/001.txt")
    (row,) = read_csv("b.csv", "headline,body,Section,Source\nRates,Rates rose.,Economy,Daily\n")
    assert (row.title, row.source, row.metadata) == ("Rates", "Daily", (("section", "Economy"),))


def test_metadata_is_not_part_of_the_identity() -> None:
    plain = Article(body="Profits jumped.", title="Ad sales")
    assert plain.with_changes(metadata=(("category", "business"),)).content_hash == (
        plain.content_hash
    )
    # the hash of an article without metadata is what it always was
    assert plain.content_hash == hashlib.sha256(b"Ad sales Profits jumped.").hexdigest()


def _outcomes() -> list[ReadOutcome]:
    batch = ReadOutcome("bbc.jsonl", tuple(read_jsonl("bbc.jsonl", JSONL)))
    note = ReadOutcome("note.txt", (Article(body="A note.", title="Note"),))
    dated = ReadOutcome(
        "dated.html",
        (Article(body="Dated.", source="Herald", published=dt.date(2024, 1, 2)),),
    )
    return [batch, note, dated, ReadOutcome("bad.pdf", error="no text")]


def test_a_column_as_the_source_and_defaults_for_the_rest() -> None:
    completed = apply_upload_fields(
        _outcomes(), source_column="Category", source="Newsroom", published=dt.date(2024, 5, 1)
    )
    articles = [article for outcome in completed for article in outcome.articles]
    assert [(a.source, a.published) for a in articles] == [
        ("business", dt.date(2024, 5, 1)),
        ("sport", dt.date(2024, 5, 1)),
        ("Newsroom", dt.date(2024, 5, 1)),
        ("Herald", dt.date(2024, 1, 2)),  # its own source and date are kept
    ]
    assert completed[3].error == "no text"
    # nothing asked: nothing changes (the same objects)
    assert apply_upload_fields(_outcomes())[0].articles == _outcomes()[0].articles


def test_no_silent_guess_but_a_hint() -> None:
    outcomes = _outcomes()
    assert n_with_column(outcomes, "category") == 2
    assert n_with_column(outcomes, "section") == 0
    hint = source_column_hint(outcomes[:1])
    assert hint.startswith("2 articles have no source but a column 'category'")
    # the note file has no source and no column: no column is common to all
    assert source_column_hint(outcomes) == ""
    assert source_column_hint(outcomes[2:3]) == ""  # every article has a source


def test_cli_source_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "bbc.jsonl"
    batch.write_text(JSONL, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["--db", url, "add", str(batch), "--source-column", "section"]) == 2
    assert "no article has a column 'section'; nothing added" in capsys.readouterr().err
    engine = store.create_store_engine(url)
    assert store.n_articles(engine) == 0
    assert main(["--db", url, "add", str(batch), "--source-column", "category"]) == 0
    assert store.sources(engine) == ["business", "sport"]
    assert set(store.metadata_values(engine)["value"]) >= {"business", "sport", "Jo Lee"}


def test_cli_without_source_column_says_which_could_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "bbc.jsonl"
    batch.write_text(JSONL, encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("A note\n\nWritten by hand.", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["--db", url, "add", str(batch), "--date", "2024-05-01"]) == 0
    assert "note: 2 articles have no source but a column 'category'" in capsys.readouterr().err
    engine = store.create_store_engine(url)
    assert store.sources(engine) == []
    assert store.date_bounds(engine) == (dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    assert main(["--db", url, "add", str(note), "--source", "Desk"]) == 0
    assert store.sources(engine) == ["Desk"]
