"""Readers that turn uploaded bytes or files on disk into articles (:class:`Article`).

The entry points (:mod:`analytics.readers.reading`) are :func:`read_upload` (one uploaded file,
never raises), :func:`read_upload_parts` and :func:`read_upload_files` (the same, with one
outcome per entry of a ZIP archive, so that the user sees which entry failed and why) and
:func:`read_path` (a file or a folder on disk). They check what a file is by its content and its
extension (:func:`detect_format`, in :mod:`~analytics.readers.formats`), turn text bytes into
``str`` (:func:`decode_text`, in :mod:`~analytics.readers.decoding`) and hand the text to the
reader registered for its format in :data:`READERS`, or the bytes to the one in
:data:`BYTES_READERS` (both in :mod:`~analytics.readers.registry`):

- ``text``: ``.txt``, ``.text``, ``.md``, ``.markdown`` or no extension: one article, the first
  non-empty line is the title (:mod:`~analytics.readers.text`);
- ``html``: ``.html``, ``.htm`` or a page starting with ``<!doctype html`` / ``<html``: one
  article, the main text and metadata found by trafilatura (:mod:`~analytics.readers.html`);
- ``csv``: ``.csv``, ``.tsv``: one article per row, with a header row naming the columns
  (:mod:`~analytics.readers.batches`);
- ``jsonl``: ``.jsonl``, ``.ndjson``: one article per line, each a JSON object
  (:mod:`~analytics.readers.batches`);
- ``pdf``: ``.pdf``: one article, the text of every page (pypdf); the title from the
  document's metadata or its first line (:mod:`~analytics.readers.documents`);
- ``docx``: ``.docx``: one article, the paragraphs of the body (python-docx); the title from
  the document's properties or a first paragraph styled as a title or heading
  (:mod:`~analytics.readers.documents`);
- ``zip``: ``.zip``: an archive of files of the formats above, read in memory (nothing is
  written to disk), each entry named ``archive.zip/folder/file.txt``
  (:mod:`~analytics.readers.archives`).

The content decides over the name: a PNG image renamed ``.txt`` or ``.pdf`` is rejected as an
image, a PDF named ``.txt`` is read as a PDF, and a ZIP file is a Word document when it holds
``word/document.xml`` (an OpenDocument or Excel file, whatever its name, is not supported). A
file named ``.pdf``, ``.docx`` or ``.zip`` whose content is not of that type is rejected.

Limits (:class:`Limits`, from :mod:`analytics.settings`; their messages in
:mod:`~analytics.readers.limits`): the size of a file is checked first; ZIP archives (and Word
documents, which are ZIP files) are checked from their central directory before anything is
decompressed (entry count, total size, compression ratio) and again while each entry is read in
chunks, since the sizes an archive declares can lie; a ZIP inside a ZIP is read down to a set
depth; an article longer than a set number of characters is rejected (skipped, in a batch or an
archive). PDF, Word and ZIP files are parsed in a worker process with a time limit and a memory
limit (:mod:`analytics.sandbox`); plain text, HTML, CSV and JSON Lines are read in this process,
bounded by the size limit. Every limit that is exceeded gives a message naming the setting that
sets it. Publication dates are read in :mod:`~analytics.readers.dates`.

Adding a format is a small change:

1. in :mod:`analytics.readers.formats`, add its name to :data:`Format` and
   :data:`FORMAT_LABELS`, its extensions to :data:`EXTENSIONS` (taking them out of
   ``_PLANNED``) and its magic bytes (if any) to :data:`SIGNATURES`; a batch format (several
   articles per file) also goes in :data:`BATCH_FORMATS`, and a format whose parser should run
   in the worker process in :data:`SANDBOXED`;
2. write its reader in a module of its own, ``analytics/readers/<format>.py``: a
   :class:`~analytics.readers.base.Reader` (of decoded text) or a
   :class:`~analytics.readers.base.BytesReader` (of raw bytes, such as PDF or DOCX);
3. register it in :mod:`analytics.readers.registry`, in :data:`READERS` or
   :data:`BYTES_READERS` (and in :data:`DECODERS` if its text is not decoded by
   :func:`decode_text`);
4. test it in ``tests/analytics/readers/test_<format>.py``.

Readers do not clean the text (boilerplate removal is a separate step): they only normalise
newlines and keep paragraphs apart with blank lines. Nothing here touches the network. The text
of every :class:`Article` is made NFC, without NUL characters or lone surrogates, when the
article is made (:func:`analytics.models.entry_text`), whichever reader made it.

One bad item costs that item only: a batch line or row that cannot be read (invalid JSON, NUL
bytes, a value that fails) is skipped with a warning naming its line or row; a ZIP entry is an
outcome of its own. A file is binary by proportion (:func:`~analytics.readers.decoding.
looks_binary`), not for one NUL byte. Folder loads (:func:`read_path`) do not follow links out
of the folder.

The package's modules, from the bottom up (each imports only those above it):
:mod:`~analytics.readers.base` (what every reader shares), :mod:`~analytics.readers.decoding`,
:mod:`~analytics.readers.formats`, :mod:`~analytics.readers.text`,
:mod:`~analytics.readers.dates`, :mod:`~analytics.readers.html`,
:mod:`~analytics.readers.batches`, :mod:`~analytics.readers.documents`,
:mod:`~analytics.readers.limits`, :mod:`~analytics.readers.archives`,
:mod:`~analytics.readers.registry` and :mod:`~analytics.readers.reading`.
"""

from __future__ import annotations

from analytics.models import Article, ReadError, ReadOutcome
from analytics.readers.base import BytesReader, Reader
from analytics.readers.batches import TEXT_COLUMNS, read_csv, read_jsonl
from analytics.readers.dates import DateOrder, column_date_order, parse_date
from analytics.readers.decoding import decode_text
from analytics.readers.documents import read_docx, read_pdf
from analytics.readers.formats import (
    BATCH_FORMATS,
    EXTENSIONS,
    FORMAT_LABELS,
    SANDBOXED,
    SIGNATURES,
    Format,
    Signature,
    detect_format,
    supported_types,
)
from analytics.readers.html import DEFAULT_HTML_EXTRACTION, HtmlExtraction, read_html
from analytics.readers.limits import DEFAULT_LIMITS, ArchiveRejected
from analytics.readers.reading import read_path, read_upload, read_upload_files, read_upload_parts
from analytics.readers.registry import BYTES_READERS, DECODERS, READERS, read_articles, read_zip
from analytics.readers.text import (
    join_paragraphs,
    language_code,
    normalise_newlines,
    read_text,
    split_paragraphs,
)
from analytics.settings import Limits

__all__ = [
    "BATCH_FORMATS",
    "BYTES_READERS",
    "DECODERS",
    "DEFAULT_HTML_EXTRACTION",
    "DEFAULT_LIMITS",
    "EXTENSIONS",
    "FORMAT_LABELS",
    "READERS",
    "SANDBOXED",
    "SIGNATURES",
    "TEXT_COLUMNS",
    "ArchiveRejected",
    "Article",
    "BytesReader",
    "DateOrder",
    "Format",
    "HtmlExtraction",
    "Limits",
    "ReadError",
    "ReadOutcome",
    "Reader",
    "Signature",
    "column_date_order",
    "decode_text",
    "detect_format",
    "join_paragraphs",
    "language_code",
    "normalise_newlines",
    "parse_date",
    "read_articles",
    "read_csv",
    "read_docx",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_pdf",
    "read_text",
    "read_upload",
    "read_upload_files",
    "read_upload_parts",
    "read_zip",
    "split_paragraphs",
    "supported_types",
]
