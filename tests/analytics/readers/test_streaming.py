"""Reading a large CSV or JSON Lines file in parts (``read_path(..., stream=True)``, the command
line's reads) gives the articles and warnings that reading it whole gives, a part at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.readers import reading
from analytics.readers.reading import read_path

LINES = [
    json.dumps({"title": "Port opens", "text": "The port in Gdansk opened.", "date": "03/04/2024"}),
    "{not json",
    json.dumps(
        {"title": "Rail strike", "text": "Rail workers struck in Lyon.", "date": "2024-05-01"}
    ),
    json.dumps({"title": "No text", "text": "  "}),
    json.dumps({"title": "Budget", "text": "The budget passed in Warsaw.", "date": "13/04/2024"}),
    json.dumps({"id": "x7", "title": "Floods", "text": "Floods hit Dhaka.\n\nRain went on."}),
]


@pytest.fixture
def in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every batch file is read in parts of two rows."""
    monkeypatch.setattr(reading, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(reading, "STREAM_ROWS", 2)


def _read(path: Path, *, stream: bool) -> tuple[list[object], list[str], int]:
    outcomes = list(read_path(path, stream=stream))
    assert all(outcome.ok for outcome in outcomes)
    articles = [article for outcome in outcomes for article in outcome.articles]
    warnings = [warning for outcome in outcomes for warning in outcome.warnings]
    return articles, warnings, len(outcomes)


def test_a_json_lines_file_in_parts_reads_as_whole(tmp_path: Path, in_parts: None) -> None:
    path = tmp_path / "load.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    whole = _read(path, stream=False)
    parts = _read(path, stream=True)
    assert whole[2] == 1
    assert parts[2] == 3  # six lines, two a part
    assert parts[:2] == whole[:2]
    articles = whole[0]
    assert [a.title for a in articles] == ["Port opens", "Rail strike", "Budget", "Floods"]  # type: ignore[attr-defined]
    # the file's dates are read day first (13/04/2024 says so), in every part
    assert str(articles[0].published) == "2024-04-03"  # type: ignore[attr-defined]
    assert whole[1] == ["line 2 is not valid JSON", "line 4: no text"]
    assert articles[3].file_name == "load.jsonl#x7"  # type: ignore[attr-defined]


def test_a_csv_file_in_parts_reads_as_whole(tmp_path: Path, in_parts: None) -> None:
    path = tmp_path / "load.csv"
    path.write_text(
        "title;text;date\n"
        'Port opens;"The port in Gdansk opened.\n\nShips came in.";03/04/2024\n'
        "Rail strike;Rail workers struck in Lyon.;2024-05-01\n"
        "No text;;\n"
        "Budget;The budget passed in Warsaw.;13/04/2024\n",
        encoding="utf-8",
    )
    whole = _read(path, stream=False)
    parts = _read(path, stream=True)
    assert parts[2] == 2
    assert parts[:2] == whole[:2]
    assert [a.title for a in whole[0]] == ["Port opens", "Rail strike", "Budget"]  # type: ignore[attr-defined]
    assert whole[0][0].body == "The port in Gdansk opened.\n\nShips came in."  # type: ignore[attr-defined]
    assert whole[1] == ["row 3: no text"]


def test_small_files_and_other_formats_are_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "load.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert _read(path, stream=True)[2] == 1  # under STREAM_FROM_BYTES


def test_a_file_without_text_is_rejected_in_parts(tmp_path: Path, in_parts: None) -> None:
    path = tmp_path / "load.jsonl"
    path.write_text(json.dumps({"title": "No text"}) + "\n", encoding="utf-8")
    (outcome,) = read_path(path, stream=True)
    assert outcome.error == "none of the lines has any text"
