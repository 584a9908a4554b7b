"""Tests of analytics.models: text enters every Article and ReadOutcome NFC, without NUL
characters or lone surrogates, however it was made."""

from __future__ import annotations

import unicodedata

from analytics.models import Article, ReadOutcome, entry_text


def test_entry_text_normalises_replaces_and_removes() -> None:
    nfd = unicodedata.normalize("NFD", "café in Zürich")
    assert nfd != "café in Zürich"
    assert entry_text(nfd) == "café in Zürich"
    assert entry_text("emoji \ud83d and \udc00 end") == "emoji \ufffd and \ufffd end"
    assert entry_text("a\x00b\x00") == "ab"
    assert entry_text("😀 stays") == "😀 stays"  # a real emoji is not a surrogate pair in Python


def test_article_fields_enter_clean_and_hash() -> None:
    article = Article(
        body=unicodedata.normalize("NFD", "Zürich\x00 café \ud83d"),
        title="Caf\u0065\u0301",
        source="Wire\x00",
        url="https://example.org/\udcff",
        language="en",
        file_name="x\udce9.jsonl#line 2",
        metadata=(("desk\x00", "caf\u0065\u0301"),),
    )
    assert article == Article(
        body="Zürich café \ufffd",
        title="Café",
        source="Wire",
        url="https://example.org/\ufffd",
        language="en",
        file_name="x\ufffd.jsonl#line 2",
        metadata=(("desk", "café"),),
    )
    assert len(article.content_hash) == 64
    assert article.with_changes(body="Cafe\u0301").body == "Café"


def test_read_outcome_names_and_messages_enter_clean() -> None:
    outcome = ReadOutcome("caf\udce9.txt", error="bad \x00", warnings=("line 1 \udc80",))
    assert outcome == ReadOutcome("caf\ufffd.txt", error="bad ", warnings=("line 1 \ufffd",))
