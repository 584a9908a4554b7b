"""Tests of analytics.readers.archives: ZIP archives (built by ``tests/hostile/files.py``), their
entries named and read one by one, and their limits checked before and while decompressing.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hostile import files
from reader_samples import only_article

from analytics.models import ReadOutcome
from analytics.readers.archives import Budget, read_member
from analytics.readers.limits import ArchiveRejected
from analytics.readers.reading import read_upload, read_upload_parts
from analytics.settings import Limits

GOOD_PDF = files.text_pdf([["A good report", None, "The next upload works as before."]])


def test_zip_entries_are_named_and_normalised() -> None:
    outcomes = read_upload_parts("mixed.zip", files.zip_mixed())
    by_name = {outcome.name: outcome for outcome in outcomes}
    assert only_article(by_name["mixed.zip/etc/escape.txt"]).file_name == (
        "mixed.zip/etc/escape.txt"
    )
    assert [a.file_name for a in by_name["mixed.zip/batch/rows.csv"].articles] == [
        "mixed.zip/batch/rows.csv#row 1",
        "mixed.zip/batch/rows.csv#row 2",
    ]
    assert only_article(by_name["mixed.zip/batch/letter.docx"]).title == (
        "A letter from the council"
    )
    assert not any("__MACOSX" in name or ".DS_Store" in name for name in by_name)


def test_zip_as_one_outcome_lists_the_bad_entries_as_warnings() -> None:
    outcome = read_upload("mixed.zip", files.zip_mixed())
    assert len(outcome.articles) == 8
    assert outcome.warnings == (
        f"mixed.zip/batch/photo.txt: {files.PNG_MESSAGE}",
        "mixed.zip/batch/empty.txt: the file is empty",
        "mixed.zip/bidi/?txt.exe: this file is not a supported type (.exe files cannot be "
        f"read); {files.SUPPORTED}",
    )


def test_zip_with_no_readable_entry_is_rejected_as_one() -> None:
    data = files.zip_of({"a.png": files.png(), "b.txt": b""})
    assert read_upload("pics.zip", data) == ReadOutcome(
        "pics.zip",
        error="none of the files in the archive could be read",
        warnings=(f"pics.zip/a.png: {files.PNG_MESSAGE}", "pics.zip/b.txt: the file is empty"),
    )


def test_zip_entry_is_read_in_chunks_and_stopped_at_the_running_total() -> None:
    # Python's zipfile never returns more than an entry declares, and declared sizes are
    # checked first; the running total is the last line of defence, checked here directly.
    data = files.zip_of({"a.txt": b"x" * (3 * files.MB)}, compression=zipfile.ZIP_STORED)
    limits = Limits()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
        budget = Budget(entries=10, bytes=2 * files.MB)
        with pytest.raises(ArchiveRejected) as error:
            read_member(archive, info, "a.zip/a.txt", limits, budget)
    assert str(error.value) == (
        "the archive expands to more than 200 MB when decompressed; the limit is 200 MB in "
        "total (NEWS_MAX_UNCOMPRESSED_MB)"
    )


def test_zip_bomb_is_rejected_fast_without_decompressing() -> None:
    data = files.zip_bomb(200)
    read_upload("warm-up.pdf", GOOD_PDF)  # a warm worker, as in a running server
    started = time.perf_counter()
    outcome = read_upload("bomb.zip", data)
    seconds = time.perf_counter() - started
    assert "like a zip bomb" in outcome.error
    assert seconds < 1.0
