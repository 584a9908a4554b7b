"""Readers that turn uploaded bytes or files on disk into articles (:class:`Article`).

The entry points are :func:`read_upload` (one uploaded file, never raises),
:func:`read_upload_parts` and :func:`read_upload_files` (the same, with one outcome per entry of a
ZIP archive, so that the user sees which entry failed and why) and :func:`read_path` (a file or
a folder on disk). They check what a file is by its content and its extension
(:func:`detect_format`), turn text bytes into ``str`` (:func:`decode_text`) and hand the text to
the reader registered for its format in :data:`READERS`, or the bytes to the one in
:data:`BYTES_READERS`:

- ``text``: ``.txt``, ``.text``, ``.md``, ``.markdown`` or no extension: one article, the first
  non-empty line is the title;
- ``html``: ``.html``, ``.htm`` or a page starting with ``<!doctype html`` / ``<html``: one
  article, the main text and metadata found by trafilatura;
- ``csv``: ``.csv``, ``.tsv``: one article per row, with a header row naming the columns;
- ``jsonl``: ``.jsonl``, ``.ndjson``: one article per line, each a JSON object;
- ``pdf``: ``.pdf``: one article, the text of every page (pypdf); the title from the
  document's metadata or its first line;
- ``docx``: ``.docx``: one article, the paragraphs of the body (python-docx); the title from
  the document's properties or a first paragraph styled as a title or heading;
- ``zip``: ``.zip``: an archive of files of the formats above, read in memory (nothing is
  written to disk), each entry named ``archive.zip/folder/file.txt``.

The content decides over the name: a PNG image renamed ``.txt`` or ``.pdf`` is rejected as an
image, a PDF named ``.txt`` is read as a PDF, and a ZIP file is a Word document when it holds
``word/document.xml`` (an OpenDocument or Excel file, whatever its name, is not supported). A
file named ``.pdf``, ``.docx`` or ``.zip`` whose content is not of that type is rejected.

Limits (:class:`Limits`, from :mod:`analytics.settings`): the size of a file is checked first;
ZIP archives (and Word documents, which are ZIP files) are checked from their central directory
before anything is decompressed (entry count, total size, compression ratio) and again while
each entry is read in chunks, since the sizes an archive declares can lie; a ZIP inside a ZIP
is read down to a set depth; an article longer than a set number of characters is rejected
(skipped, in a batch or an archive). PDF, Word and ZIP files are parsed in a worker process
with a time limit and a memory limit (:mod:`analytics.sandbox`); plain text, HTML, CSV and JSON
Lines are read in this process, bounded by the size limit. Every limit that is exceeded gives a
message naming the setting that sets it.

Adding a format is a small change: add its name to :data:`Format` and :data:`FORMAT_LABELS`,
its extensions to :data:`EXTENSIONS` (taking them out of ``_PLANNED``), its magic bytes (if any)
to :data:`SIGNATURES`, and its reader to :data:`READERS` (readers of text) or
:data:`BYTES_READERS` (readers of raw bytes, such as PDF or DOCX); a batch format (several
articles per file) also goes in :data:`BATCH_FORMATS`, and a format whose parser should run in
the worker process in :data:`SANDBOXED`.

Readers do not clean the text (boilerplate removal is a separate step): they only normalise
newlines and keep paragraphs apart with blank lines. Nothing here touches the network.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import json
import logging
import re
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, Protocol

import charset_normalizer

from analytics import sandbox
from analytics.models import Article, ReadError, ReadOutcome
from analytics.settings import Limits

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_LOGGER = logging.getLogger(__name__)

Format = Literal["text", "html", "csv", "jsonl", "pdf", "docx", "zip"]


class Reader(Protocol):
    """Turns the decoded text of a file named ``name`` into articles.

    Problems that do not stop the reading (a batch row without text, an unreadable date) are
    appended to ``warnings`` in plain words; problems that do raise :class:`ReadError`.
    """

    def __call__(
        self, name: str, text: str, /, *, warnings: list[str] | None = None
    ) -> list[Article]: ...


class BytesReader(Protocol):
    """Turns the raw bytes of a file named ``name`` into articles (for binary formats)."""

    def __call__(
        self, name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]: ...


@dataclass(frozen=True)
class Signature:
    """Magic bytes at the start of a file, and what they say about it.

    ``format`` is the format that reads such files, or ``None`` when they cannot be read; then
    ``message`` (when given) replaces the generic "not a supported type" explanation.
    ``extensions`` are those of formats stored in this kind of file (a ``.docx`` is a ZIP
    archive): when the file's extension is one of them, the extension decides.
    """

    magic: bytes
    kind: str
    format: Format | None = None
    message: str = ""
    extensions: tuple[str, ...] = ()


EXTENSIONS: Mapping[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".pdf": "pdf",
    ".docx": "docx",
    ".zip": "zip",
}
"""File extensions (lower case, with the dot) and the format that reads them."""

_PLANNED: dict[str, str] = {}
"""Extensions of formats that are planned but not read yet, with the message to show."""

_ZIPPED = (".zip", ".docx")

SIGNATURES: tuple[Signature, ...] = (
    Signature(b"\x89PNG\r\n\x1a\n", "a PNG image"),
    Signature(b"\xff\xd8\xff", "a JPEG image"),
    Signature(b"GIF87a", "a GIF image"),
    Signature(b"GIF89a", "a GIF image"),
    Signature(b"%PDF-", "a PDF file", format="pdf"),
    Signature(b"PK\x03\x04", "a ZIP archive", format="zip", extensions=_ZIPPED),
    Signature(b"PK\x05\x06", "a ZIP archive", format="zip", extensions=_ZIPPED),
    Signature(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    Signature(b"\x1f\x8b", "a gzip archive"),
    Signature(b"\x7fELF", "a program"),
)
"""Magic bytes checked before the extension, so a PNG renamed ``.txt`` is still rejected.

A ZIP file is only known to be a Word document, an archive of articles or another kind of
office file once its entries are listed, which is done in the worker process (see
:func:`read_upload_parts`).
"""

_MAGIC_FORMATS: Mapping[Format, str] = {
    "pdf": "a PDF file",
    "docx": "a Word document",
    "zip": "a ZIP archive",
}
"""Formats known by their content: a file named for one of them but without its magic bytes is
rejected, with these words."""

_PDF_MAGIC_WINDOW = 1024
"""A PDF may have a few bytes before ``%PDF-`` (readers accept it in the first kilobyte)."""

BATCH_FORMATS: frozenset[Format] = frozenset({"csv", "jsonl"})
"""Formats holding many articles: an over-long one is skipped with a warning, not an error."""

SANDBOXED: frozenset[Format] = frozenset({"pdf", "docx", "zip", "html"})
"""Formats parsed in a worker process with a time and a memory limit (:mod:`analytics.sandbox`)."""

FORMAT_LABELS: Mapping[Format, str] = {
    "text": "plain text",
    "html": "HTML",
    "csv": "CSV",
    "jsonl": "JSON Lines",
    "pdf": "PDF",
    "docx": "Word",
    "zip": "ZIP archives of these",
}
"""How each format is named to users."""

_BINARY = "looks like a binary file, not text"
_EMPTY = "the file is empty"
_NO_HTML_TEXT = "no article text found in the HTML page"
_ONLY_MARKUP = "no article text found, only markup"
_NO_WORDS = "no article text found, no letters or digits"
_NO_PDF_TEXT = "no text found in the PDF (it may be scanned images)"
_NO_DOCX_TEXT = "no text found in the Word document"

_SAMPLE_BYTES = 64 * 1024
"""How much of a file charset-normalizer looks at to pick its encoding."""

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: the UTF-32 LE mark starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
DateOrder = Literal["DMY", "MDY"]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[./-](?P<second>\d{1,2})[./-]\d{2,4}")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")

_MAX_TITLE_CHARS = 300
"""A first line longer than this is a paragraph, not a title."""

_MAX_DATE_CHARS = 100
"""Longer values are not dates (and would make dateparser slow)."""

_CSV_FIELD_LIMIT = 2**31 - 1
_CSV_DELIMITERS = (",", ";", "\t", "|")

_DATEPARSER_SETTINGS: Mapping[str, object] = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Deterministic: no "yesterday" or "3 days ago" (relative to today), and no date without a
    # year (which dateparser would complete with the current one).
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
}

# Column names of batch files (lower case, spaces and hyphens read as underscores), in order of
# preference when a file has several of them.
TEXT_COLUMNS = ("text", "body", "content", "article")
_FIELD_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": TEXT_COLUMNS,
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet"),
    "date": ("date", "published", "publication_date", "published_at"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
    "id": ("id",),
}


# --- decoding ---------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """The text in ``data``, whatever its encoding; ``ReadError`` if it is binary.

    A byte-order mark decides first, then strict UTF-8, then the encoding charset-normalizer
    finds in the first 64 KiB. NUL bytes (outside UTF-16/32) mean binary data.
    """
    return _decode(data)


def _decode(data: bytes, *, declared: str | None = None) -> str:
    """The text in ``data``; ``declared`` is an encoding the file names (HTML ``<meta>``)."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(
                    f"the file starts with a {label} byte-order mark but is not valid {label}"
                ) from None
    if b"\x00" in data:
        raise ReadError(_BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _declared_encodings(declared):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data[:_SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        raise ReadError(_BINARY)
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError:
        # The sample was fine but a later part is not: keep the text, mark the odd bytes.
        return data.decode(best.encoding, errors="replace")


def _declared_encodings(declared: str | None) -> list[str]:
    """Python codecs to try for an encoding a file declares, in order (WHATWG aliases first)."""
    if not declared:
        return []
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return []
    # Browsers read "latin-1" and "ascii" pages as windows-1252, a superset.
    return ["cp1252", name] if name in {"iso8859-1", "latin-1", "ascii"} else [name]


def _decode_html(data: bytes) -> str:
    """The text of an HTML page: like :func:`decode_text`, but trusting a ``<meta charset>``."""
    match = _META_CHARSET.search(data[:4096])
    return _decode(data, declared=match.group(1).decode("ascii") if match else None)


DECODERS: Mapping[Format, Callable[[bytes], str]] = {"html": _decode_html}
"""Decoders for formats that do not use :func:`decode_text`."""


# --- format detection -------------------------------------------------------------------------


def detect_format(name: str, data: bytes) -> Format:
    """The format of a file, from its content (magic bytes) and its name's extension.

    The content wins: a PNG image named ``.txt`` is rejected, a PDF named ``.txt`` is a PDF, and
    a file named ``.pdf``, ``.docx`` or ``.zip`` without the content of one is rejected. Any ZIP
    file is ``"zip"`` here, or ``"docx"`` when named so; which it really is (an archive, a Word
    document or another office file) is found when it is read.

    Raises ``ReadError`` for empty files and for types that cannot be read, naming the ones
    that can.
    """
    if not data or data.isspace():
        raise ReadError(_EMPTY)
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    for signature in SIGNATURES:
        if data.startswith(signature.magic):
            if suffix in signature.extensions:
                return _extension_format(suffix)
            if signature.format is not None:
                return signature.format
            raise _unsupported(f"it looks like {signature.kind}", message=signature.message)
    fmt = _extension_format(suffix)
    if fmt == "pdf" and b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return fmt
    if fmt in _MAGIC_FORMATS:
        raise ReadError(f"this file is named {suffix} but it is not {_MAGIC_FORMATS[fmt]}")
    if fmt == "text" and _HTML_START.match(_text_prefix(data)):
        return "html"
    return fmt


def _extension_format(suffix: str) -> Format:
    """The format of files with extension ``suffix`` (``"text"`` when there is none)."""
    if suffix in _PLANNED:
        raise _unsupported("", message=_PLANNED[suffix])
    if suffix and suffix not in EXTENSIONS:
        raise _unsupported(f"{suffix} files cannot be read")
    return EXTENSIONS.get(suffix, "text")


def _unsupported(reason: str, *, message: str = "") -> ReadError:
    """The error for a file type that cannot be read, listing the ones that can."""
    text = message or f"this file is not a supported type ({reason})"
    return ReadError(f"{text}; supported types are {supported_types()}")


def supported_types() -> str:
    """The formats that can be read and their extensions, in words, for messages and help."""
    kinds = [
        f"{label} ({', '.join(ext for ext, fmt in EXTENSIONS.items() if fmt == key)})"
        for key, label in FORMAT_LABELS.items()
    ]
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"


def _text_prefix(data: bytes) -> str:
    """The start of ``data`` as text, good enough to recognise markup (no strict decoding)."""
    head = data[:2048]
    for bom, encoding, _ in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")


# --- plain text -------------------------------------------------------------------------------


def read_text(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article from plain text or Markdown: the first non-empty line is the title.

    Markdown heading marks are removed from the title of ``.md`` files. A file of one line, or
    one whose first line is paragraph-long, has no title and that text is the body.
    """
    lines = normalise_newlines(text).split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ReadError(_EMPTY)
    title = lines[start].strip()
    rest = lines[start + 1 :]
    if _is_markdown(name):
        heading = _MARKDOWN_HEADING.match(title)
        if heading:
            title = heading.group(1).strip()
        elif rest and _SETEXT_UNDERLINE.match(rest[0]):
            rest = rest[1:]
    body = join_paragraphs(split_paragraphs("\n".join(rest)))
    if not body or len(title) > _MAX_TITLE_CHARS:
        return [Article(body=join_paragraphs(split_paragraphs(text)), file_name=name)]
    return [Article(body=body, title=title, file_name=name)]


def _is_markdown(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in {".md", ".markdown"}


def normalise_newlines(text: str) -> str:
    """``text`` with Windows and old Mac line ends turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: runs of non-blank lines, trailing spaces removed."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in normalise_newlines(text).split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as one text, separated by blank lines."""
    return "\n\n".join(paragraphs)


# --- HTML -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlExtraction:
    """Options passed to trafilatura when it picks the main text of a page.

    The defaults scored best on real news pages (``benchmarks/html_extraction.py``): token F1
    0.943 against Readability.js, where ``favor_precision`` gave 0.938 (it cut paragraphs
    without removing any boilerplate) and tables made no difference.
    """

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = False


DEFAULT_HTML_EXTRACTION = HtmlExtraction()


def read_html(
    name: str,
    text: str,
    /,
    *,
    warnings: list[str] | None = None,
    extraction: HtmlExtraction = DEFAULT_HTML_EXTRACTION,
) -> list[Article]:
    """One article from an HTML page: its main text and metadata, as trafilatura finds them.

    Comments are left out. When trafilatura finds no main text, the plain text of the page is
    used, so that a small page of a few paragraphs still reads.
    """
    import trafilatura
    from trafilatura.xml import xmltotxt

    tree = trafilatura.load_html(text)
    if tree is None:
        raise ReadError(_NO_HTML_TEXT)
    language = _html_language(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=extraction.include_tables,
        favor_precision=extraction.favor_precision,
        favor_recall=extraction.favor_recall,
    )
    if document is not None and document.text:
        # One paragraph a block of the extracted tree, so that a <br> stays inside its
        # paragraph; the text's lines if that loses words (text outside any block).
        blocks = [document.body.text or ""]
        blocks += [xmltotxt(element, False) for element in document.body]
        paragraphs = [p for block in blocks for p in split_paragraphs(block)]
        if " ".join(paragraphs).split() != document.text.split():
            lines = normalise_newlines(document.text).split("\n")
            paragraphs = [line.strip() for line in lines if line.strip()]
        metadata = document
    else:
        paragraphs = split_paragraphs(trafilatura.html2txt(tree))
        metadata = trafilatura.extract_metadata(tree)
    title = " ".join((metadata.title or "").split())
    paragraphs = _drop_title(paragraphs, title)
    if not paragraphs:
        raise ReadError(_NO_HTML_TEXT)
    published = parse_date(metadata.date or "", warnings=warnings, label="")
    return [
        Article(
            body=join_paragraphs(paragraphs),
            title=title,
            source=(metadata.sitename or "").strip(),
            published=published,
            url=(metadata.url or "").strip(),
            language=language,
            file_name=name,
        )
    ]


def _drop_title(paragraphs: list[str], title: str) -> list[str]:
    """``paragraphs`` without a first one that repeats the title (a page's ``<h1>``)."""
    if not paragraphs or not title:
        return paragraphs
    first = " ".join(paragraphs[0].split()).casefold()
    wanted = title.casefold()
    if first == wanted or any(wanted.startswith(first + sep) for sep in _TITLE_SEPARATORS):
        return paragraphs[1:]
    return paragraphs


def _html_language(tree: HtmlElement) -> str:
    """The language a page declares (``<html lang>``, ``Content-Language``, ``og:locale``)."""
    candidates = [
        *tree.xpath("/html/@lang"),
        *tree.xpath("/html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}),
        *tree.xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
            " = 'content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        language = language_code(str(value))
        if language:
            return language
    return ""


def language_code(value: str) -> str:
    """The language part of a tag (``"en-GB"`` and ``"en_GB"`` → ``"en"``); other values kept."""
    value = value.strip()
    if _LANGUAGE_TAG.fullmatch(value):
        return re.split(r"[-_]", value, maxsplit=1)[0].lower()
    return value


# --- batches: CSV and JSON Lines --------------------------------------------------------------


def read_csv(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article per row of a CSV file whose header row names the columns.

    The delimiter (comma, semicolon, tab or bar) is the one the header row uses most. A text
    column is required; title, source, date, URL, language and id columns are optional.
    """
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    try:
        header = next((row for row in rows if any(cell.strip() for cell in row)), None)
        if header is None:
            raise ReadError(_EMPTY)
        keys = [_column_key(cell) for cell in header]
        if not any(key in TEXT_COLUMNS for key in keys):
            raise _no_text_column([cell.strip() for cell in header])
        records: list[tuple[str, dict[str, Any] | None]] = []
        count = 0
        for count, row in enumerate(rows, start=1):
            if not any(cell.strip() for cell in row):
                continue  # a blank row: nothing to say about it
            if len(row) > len(keys):
                problem = f"row {count} has more cells than the header row has columns"
                records.append((problem, None))
            record: dict[str, str] = {}
            for key, value in zip(keys, row, strict=False):
                if key:
                    record.setdefault(key, value)
            records.append((f"row {count}", record))
    except csv.Error as error:
        raise ReadError(f"this CSV file cannot be read: {error}") from None
    if count == 0:
        raise ReadError("the file has a header row but no data rows")
    articles = _articles_from_records(records, name=name, warnings=warnings)
    if not articles:
        raise ReadError("none of the rows has any text")
    return articles


def _csv_delimiter(text: str) -> str:
    """The delimiter the header row (the first line) uses most; a comma if it uses none."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in _CSV_DELIMITERS}
    best = max(_CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_jsonl(name: str, text: str, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article per line of a JSON Lines file, each line a JSON object.

    Keys are matched like CSV columns (case does not matter). Lines that are not valid JSON
    objects are skipped with a warning; the file is rejected only if no line can be read.
    """
    records: list[tuple[str, dict[str, Any] | None]] = []
    first_problem = ""
    keys_seen: dict[str, None] = {}
    objects = 0
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            value = None
            problem = f"line {number} is not valid JSON"
        else:
            problem = "" if isinstance(value, dict) else f"line {number} is not a JSON object"
        if not isinstance(value, dict):
            records.append((problem, None))
            first_problem = first_problem or problem
            continue
        objects += 1
        keys_seen.update(dict.fromkeys(str(key) for key in value))
        record: dict[str, Any] = {}
        for key, item in value.items():
            record.setdefault(_column_key(str(key)), item)
        records.append((f"line {number}", record))
    if objects == 0:
        raise ReadError(first_problem or _EMPTY)
    notes: list[str] = []
    articles = _articles_from_records(records, name=name, warnings=notes)
    if warnings is not None:
        warnings.extend(notes)
    if not articles:
        if not any(_column_key(key) in TEXT_COLUMNS for key in keys_seen):
            raise _no_text_column(list(keys_seen))
        raise ReadError("none of the lines has any text")
    return articles


def _column_key(name: str) -> str:
    """A column name as matched against the accepted ones: lower case, ``_`` for spaces."""
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff")).lower()


def _no_text_column(found: list[str]) -> ReadError:
    columns = ", ".join(repr(column) for column in found if column) or "none"
    return ReadError(
        f"no text column found (the columns are {columns}); "
        f"the text must be in a column named {', '.join(TEXT_COLUMNS)}"
    )


def _field(record: Mapping[str, Any], field: str) -> str:
    """The first non-empty value among a field's accepted column names, as text."""
    for column in _FIELD_COLUMNS[field]:
        value = record.get(column)
        if value is None or isinstance(value, (dict, list, bool)):
            continue
        text = str(value).strip() if field != "text" else str(value)
        if text.strip():
            return text
    return ""


def _articles_from_records(
    records: list[tuple[str, dict[str, Any] | None]], *, name: str, warnings: list[str] | None
) -> list[Article]:
    """The articles of a batch's rows (label, record), all dates read in one day-month order.

    A row whose record is ``None`` could not be read: its label is the warning, given in its
    place among the rows' own warnings.
    """
    order = column_date_order(_field(record, "date") for _, record in records if record)
    articles: list[Article] = []
    for label, record in records:
        if record is None:
            _warn(warnings, label)
            continue
        article = _article_from_record(
            record, name=name, label=label, warnings=warnings, date_order=order
        )
        if article is not None:
            articles.append(article)
    return articles


def _article_from_record(
    record: Mapping[str, Any],
    *,
    name: str,
    label: str,
    warnings: list[str] | None,
    date_order: DateOrder | None = None,
) -> Article | None:
    """The article in one batch row, or ``None`` (with a warning) when it has no text."""
    body = join_paragraphs(split_paragraphs(_field(record, "text")))
    if not body:
        _warn(warnings, f"{label}: no text")
        return None
    row_id = _field(record, "id")
    return Article(
        body=body,
        title=" ".join(_field(record, "title").split()),
        source=_field(record, "source"),
        published=parse_date(
            _field(record, "date"), warnings=warnings, label=label, date_order=date_order
        ),
        url=_field(record, "url"),
        language=language_code(_field(record, "language")),
        file_name=f"{name}#{row_id or label}",
    )


def _warn(warnings: list[str] | None, message: str) -> None:
    if warnings is not None:
        warnings.append(message)


# --- PDF and Word documents -------------------------------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_JUNK_TITLE = re.compile(
    r"untitled\b.*|microsoft (?:word|powerpoint) - .*|document\d*"
    r"|.*\.(?:docx?|pdf|rtf|odt|txt|html?|indd|tex)",
    re.IGNORECASE,
)
_SHORT_LINE = 0.7
"""A PDF line shorter than this share of the page's longest line ends its paragraph."""

_COLUMN_GAP = re.compile(r"\S {4,}\S")
_COLUMN_SHARE = 0.3
"""A page where this share of the lines have a wide gap inside is laid out in columns."""

_PYTHON_DOCX_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
"""The creation time in python-docx's template: documents made with it carry it, untrue."""


def _clean_title(value: object) -> str:
    """A title from a document's properties, or ``""`` for none or a placeholder."""
    title = " ".join(str(value or "").split())
    if len(title) > _MAX_TITLE_CHARS or _JUNK_TITLE.fullmatch(title):
        return ""
    return title


def _is_title_line(paragraphs: list[str]) -> bool:
    """Whether the first paragraph reads as a title: short, not a sentence, more text after."""
    first = paragraphs[0]
    return (
        len(paragraphs) > 1
        and len(first) <= _MAX_TITLE_CHARS
        and "\n" not in first
        and not _SENTENCE_END.search(first)
    )


def read_pdf(name: str, data: bytes, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article from a PDF file: the text of all its pages (pypdf).

    Lines are joined into paragraphs: a paragraph ends at a gap between lines, an indented line,
    the end of a page, and after a line much shorter than the page's longest one (the last line
    of a paragraph, or a heading). Pages laid out in columns are read column by column (pypdf's
    plain mode), others with their layout (gaps and indents).

    The title is the one in the document's metadata (unless it is a placeholder such as
    "Untitled" or a file name), else the first line when it reads as a title. An encrypted PDF
    is read when it opens without a password (pypdf tries the empty one).
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("the PDF is protected by a password, so its text cannot be read")
        pages = list(reader.pages)
    except ReadError:
        raise
    except MemoryError:
        raise
    except FileNotDecryptedError:
        raise ReadError("the PDF is protected by a password, so its text cannot be read") from None
    except DependencyError:
        raise ReadError("the PDF is encrypted in a way that cannot be read here (AES)") from None
    except LimitReachedError:
        raise ReadError("the PDF is beyond the PDF reader's safety limits") from None
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise ReadError(f"this PDF file is damaged and cannot be read ({_brief(error)})") from None
    texts: list[str] = []
    problems: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append(_page_text(page))
        except MemoryError:
            raise
        except LimitReachedError:
            problems.append(f"page {number} is beyond the PDF reader's safety limits")
        except Exception as error:  # noqa: BLE001 - one bad page does not lose the others
            problems.append(f"page {number} could not be read ({_brief(error)})")
    paragraphs = [p for text in texts for p in _pdf_paragraphs(text)]
    if not paragraphs and problems:
        raise ReadError(f"no text could be read from the PDF: {problems[0]}")
    if not paragraphs:
        raise ReadError(_NO_PDF_TEXT)
    for problem in problems:
        _warn(warnings, f"{problem}, skipped")
    try:
        title = _clean_title(reader.metadata.title if reader.metadata else "")
    except Exception:  # noqa: BLE001 - damaged metadata: no title from it
        title = ""
    if title:
        paragraphs = _drop_title(paragraphs, title)
    elif _is_title_line(paragraphs):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    if not paragraphs:
        raise ReadError(_NO_PDF_TEXT)
    return [Article(body=join_paragraphs(paragraphs), title=title, file_name=name)]


def _page_text(page: Any) -> str:
    """A page's text in pypdf's layout mode (blank lines and indents kept), or in its plain
    mode when the layout puts columns side by side or fails."""
    from pypdf.errors import LimitReachedError

    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except (MemoryError, LimitReachedError):
        raise
    except Exception:  # noqa: BLE001 - layout mode is the fragile one: plain mode then
        text = ""
    lines = [line for line in text.split("\n") if line.strip()]
    columns = sum(1 for line in lines if _COLUMN_GAP.search(line.strip()))
    if not lines or (columns >= 3 and columns >= _COLUMN_SHARE * len(lines)):
        return page.extract_text() or ""
    return text


def _pdf_paragraphs(text: str) -> list[str]:
    """The paragraphs of one page's text (see :func:`read_pdf`)."""
    raw = _CONTROL_CHARS.sub(" ", text).split("\n")
    lines = [(len(line) - len(line.lstrip()), " ".join(line.split())) for line in raw]
    longest = max((len(line) for _, line in lines), default=0)
    margin = min((indent for indent, line in lines if line), default=0)
    paragraphs: list[str] = []
    current = ""
    for indent, line in lines:
        if current and (not line or indent > margin + 1):  # a blank line, or an indent
            paragraphs.append(current)
            current = ""
        if not line:
            continue
        if not current:
            current = line
        elif current.endswith("-") and not current.endswith(" -"):
            current += line  # a word broken at the end of a line ("well-" + "known")
        else:
            current = f"{current} {line}"
        if len(line) < _SHORT_LINE * longest:  # the last line of a paragraph, or a heading
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _brief(error: BaseException) -> str:
    """An exception in a few words, for a message (its text, cut, or its type)."""
    text = " ".join(str(error).split())
    return (text[:120] + "…" if len(text) > 120 else text) or type(error).__name__


def read_docx(name: str, data: bytes, /, *, warnings: list[str] | None = None) -> list[Article]:
    """One article from a Word document (.docx): the paragraphs of its body (python-docx).

    Tables, headers, footers, footnotes and comments are left out. The title is the one in the
    document's properties, else a first paragraph styled as a title or a heading, else a first
    paragraph that reads as a title (short, not a sentence). The date is the document's
    creation date, the language the one in its properties.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except (PackageNotFoundError, KeyError):
        raise ReadError("this file is not a Word document (.docx)") from None
    except etree.XMLSyntaxError:
        raise ReadError(
            "this Word document is damaged and cannot be read (its XML could not be parsed)"
        ) from None
    except Exception as error:  # noqa: BLE001 - damaged XML or package
        raise ReadError(
            f"this Word document is damaged and cannot be read ({_brief(error)})"
        ) from None
    paragraphs: list[tuple[str, str]] = []
    for paragraph in document.paragraphs:
        text = "\n".join(
            line.rstrip() for line in normalise_newlines(paragraph.text).split("\n") if line.strip()
        )
        if text:
            paragraphs.append((text, _style_name(paragraph)))
    if not paragraphs:
        raise ReadError(_NO_DOCX_TEXT)
    properties = document.core_properties
    title = _clean_title(_property(properties, "title"))
    texts = [text for text, _ in paragraphs]
    first_style = paragraphs[0][1]
    if title:
        texts = _drop_title(texts, title)
    elif len(texts) > 1 and (first_style == "Title" or first_style.startswith("Heading")):
        title, texts = " ".join(texts[0].split()), texts[1:]
    elif _is_title_line(texts):
        title, texts = texts[0], texts[1:]
    if not texts:
        raise ReadError(_NO_DOCX_TEXT)
    created = _property(properties, "created")
    published = None
    if isinstance(created, dt.datetime) and created != _PYTHON_DOCX_CREATED:
        published = created.date()
    return [
        Article(
            body=join_paragraphs(texts),
            title=title,
            published=published,
            language=language_code(str(_property(properties, "language") or "")),
            file_name=name,
        )
    ]


def _style_name(paragraph: Any) -> str:
    try:
        return str(paragraph.style.name or "")
    except Exception:  # noqa: BLE001 - a style missing from the document
        return ""


def _property(properties: Any, name: str) -> object:
    """A core property of a Word document, or ``None`` when it is missing or unreadable."""
    try:
        return getattr(properties, name)
    except Exception:  # noqa: BLE001 - python-docx raises on malformed values
        return None


# --- dates ------------------------------------------------------------------------------------


def parse_date(
    value: str,
    *,
    warnings: list[str] | None = None,
    label: str = "",
    date_order: DateOrder | None = None,
) -> dt.date | None:
    """The date in ``value`` (ISO or as people write it), or ``None`` with a warning.

    ``label`` (such as ``"row 3"``) starts the warning. An empty value is ``None``, silently.
    ``date_order`` reads an all-number date such as 03/04/2024 day first ("DMY") or month
    first ("MDY"); without it, dates with dots (03.04.2024) are read day first, as in the
    countries that write them so, and others month first (dateparser's default for English).
    """
    value = " ".join(value.split())
    if not value:
        return None
    if date_order is None and _DOTTED_DATE.fullmatch(value):
        date_order = "DMY"
    date = _parsed_date(value, date_order) if len(value) <= _MAX_DATE_CHARS else None
    if date is None:
        prefix = f"{label}: " if label else ""
        _warn(warnings, f"{prefix}could not read the date {value!r}")
    return date


def column_date_order(values: Iterable[str]) -> DateOrder | None:
    """The order of day and month in a column of all-number dates: "DMY" when one of them
    can only be read day first (13/04/2024), "MDY" when one can only be read month first
    (04/13/2024), ``None`` when none tells (or they contradict each other). Reading a whole
    column in one order keeps 03/04/2024 and 13/04/2024 a month apart, not a week."""
    orders: set[str] = set()
    for value in values:
        match = _NUMERIC_DATE.fullmatch(" ".join(str(value).split()))
        if match:
            first, second = int(match["first"]), int(match["second"])
            if first > 12 >= second:
                orders.add("DMY")
            elif second > 12 >= first:
                orders.add("MDY")
    if len(orders) != 1:
        return None
    return "DMY" if "DMY" in orders else "MDY"


@functools.lru_cache(maxsize=4096)
def _parsed_date(value: str, date_order: DateOrder | None = None) -> dt.date | None:
    if _ISO_DATE.match(value):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
    import dateparser

    settings = dict(_DATEPARSER_SETTINGS)
    if date_order is not None:
        settings["DATE_ORDER"] = date_order
    parsed = dateparser.parse(value, settings=settings)
    return parsed.date() if parsed is not None else None


# --- limits -----------------------------------------------------------------------------------

_MB = 1024 * 1024


DEFAULT_LIMITS = Limits()


def _limits(limits: Limits | None, max_article_chars: int | None) -> Limits:
    caps = DEFAULT_LIMITS if limits is None else limits  # Settings are Limits too
    if max_article_chars is not None:
        caps = replace(caps, max_article_chars=max_article_chars)
    return caps


def _megabytes(size: float) -> str:
    """A size in words: ``"63.2 MB"``, or ``"12.5 KB"`` / ``"312 bytes"`` below 0.1 MB."""
    if size >= _MB / 10:
        return f"{size / _MB:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size:.0f} bytes"


def _too_big(size: int, limits: Limits) -> ReadError:
    shown, limit = _megabytes(size), f"{limits.max_upload_mb:g} MB"
    if float(shown.split()[0]) <= limits.max_upload_mb:  # rounding hides the difference
        shown, limit = f"{size:,} bytes", f"{limit} ({limits.max_file_bytes:,} bytes)"
    return ReadError(f"the file is {shown}; the limit is {limit} (NEWS_MAX_UPLOAD_MB)")


def _too_long(length: int, limit: int) -> str:
    return f"the article has {length:,} characters; the limit is {limit:,} (NEWS_MAX_ARTICLE_CHARS)"


# --- ZIP archives -----------------------------------------------------------------------------

_RATIO_FLOOR = 1 * _MB
"""The compression ratio is only checked for entries that expand to more than this."""

_CHUNK = 1 * _MB
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
"""Compression methods read. BZIP2 and LZMA are refused: Python decompresses a whole read of
them at once, so a small read could expand to gigabytes before a size check runs."""

_METHOD_NAMES = {zipfile.ZIP_BZIP2: "BZIP2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64"}
_SKIPPED_PARTS = ("__MACOSX",)
_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_MAX_NAME_CHARS = 200

_OFFICE_KINDS: Mapping[str, str] = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text",
    "application/epub+zip": "an EPUB e-book",
}
_OFFICE_PARTS: Mapping[str, str] = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "[Content_Types].xml": "an Office document other than Word (.docx)",
}


class ArchiveRejected(ReadError):
    """A limit of an archive was broken: the whole upload is rejected, not just one entry."""


@dataclass
class _Budget:
    """What is left of the limits shared by an archive and the archives inside it."""

    entries: int
    bytes: int


def _declared_entries(data: bytes) -> int | None:
    """The entry count in a ZIP file's end record, read without parsing anything else."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - _EOCD.size - 0xFFFF))
    if end < 0 or len(data) - end < _EOCD.size:
        return None
    _, _, _, _, total, _, _, _ = _EOCD.unpack_from(data, end)
    locator = end - _EOCD64_LOCATOR.size
    if total == 0xFFFF and locator >= 0 and data.startswith(b"PK\x06\x07", locator):
        _, _, offset, _ = _EOCD64_LOCATOR.unpack_from(data, locator)
        if offset + _EOCD64.size <= len(data) and data.startswith(b"PK\x06\x06", offset):
            return _EOCD64.unpack_from(data, offset)[7]
    return total


def _too_many_entries(count: int, limits: Limits) -> ArchiveRejected:
    return ArchiveRejected(
        f"the archive has {count:,} entries; the limit is {limits.max_archive_entries:,} "
        "(NEWS_MAX_ARCHIVE_ENTRIES)"
    )


def _too_much_data(size: int, limits: Limits, *, at_least: bool = False) -> ArchiveRejected:
    amount = f"more than {limits.max_uncompressed_mb:g} MB" if at_least else _megabytes(size)
    return ArchiveRejected(
        f"the archive expands to {amount} when decompressed; the limit is "
        f"{limits.max_uncompressed_mb:g} MB in total (NEWS_MAX_UNCOMPRESSED_MB)"
    )


def _too_compressed(entry: str, size: int, compressed: int, limits: Limits) -> ArchiveRejected:
    ratio = size / max(compressed, 1)
    return ArchiveRejected(
        f"{entry} expands {ratio:,.0f} times when decompressed ({_megabytes(compressed)} to "
        f"{_megabytes(size)}), like a zip bomb; the limit is {limits.max_compression_ratio:g} "
        "times (NEWS_MAX_COMPRESSION_RATIO)"
    )


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The ZIP file in ``data``, its entry count checked before its directory is parsed."""
    declared = _declared_entries(data)
    if declared is not None and declared > limits.max_archive_entries:
        raise _too_many_entries(declared, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise ReadError(f"this ZIP file is damaged and cannot be read ({_brief(error)})") from None
    if len(archive.infolist()) > limits.max_archive_entries:
        raise _too_many_entries(len(archive.infolist()), limits)
    return archive


def _check_declared(
    name: str, infos: list[zipfile.ZipInfo], limits: Limits, budget: _Budget
) -> None:
    """Reject an archive whose declared sizes break a limit, before decompressing anything."""
    for info in infos:
        size = info.file_size
        if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(info.compress_size, 1):
            raise _too_compressed(
                _entry_name(name, info.filename), size, info.compress_size, limits
            )
    total = sum(info.file_size for info in infos)
    if total > budget.bytes:
        raise _too_much_data(total, limits)


def _zip_kind(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str:
    """``"docx"``, ``"zip"`` (an archive of articles), or the words for another kind of file."""
    names = {info.filename for info in infos}
    if "word/document.xml" in names or (
        "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)
    ):
        return "docx"
    mimetype = next((info for info in infos if info.filename == "mimetype"), None)
    if mimetype is not None and mimetype.file_size <= 200 and not mimetype.flag_bits & 1:
        try:
            value = archive.read(mimetype).decode("ascii", errors="replace").strip()
        except Exception:  # noqa: BLE001 - a damaged marker: read the rest as an archive
            value = ""
        if value in _OFFICE_KINDS:
            return _OFFICE_KINDS[value]
        if value.startswith("application/vnd.oasis.opendocument"):
            return "an OpenDocument file"
    for part, kind in _OFFICE_PARTS.items():
        if part in names:
            return kind
    return "zip"


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: str, limits: Limits, budget: _Budget
) -> bytes:
    """The bytes of one entry, read in chunks and stopped as soon as a limit is broken."""
    if info.flag_bits & 0x1:
        raise ReadError("the file is encrypted (password-protected) in the archive")
    if info.compress_type not in _METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        raise ReadError(
            f"the file is compressed with {method}, which is not read; "
            "make the archive with standard (deflate) compression"
        )
    if info.file_size > limits.max_file_bytes:
        raise _too_big(info.file_size, limits)
    content = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                content += chunk
                size = len(content)
                if size > budget.bytes:
                    raise _too_much_data(size, limits, at_least=True)
                if size > limits.max_file_bytes:
                    raise _too_big(size, limits)
                if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(
                    info.compress_size, 1
                ):
                    raise _too_compressed(entry, size, info.compress_size, limits)
    except ReadError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - bad CRC, truncated or corrupt data
        raise ReadError(f"the file is damaged in the archive ({_brief(error)})") from None
    finally:
        budget.bytes -= len(content)
    return bytes(content)


def _entry_name(archive: str, member: str) -> str:
    """``archive/folder/file``: the member's path without ``.``, ``..``, empty or odd parts."""
    parts = []
    for part in member.replace("\\", "/").split("/"):
        part = "".join(
            "?" if unicodedata.category(char).startswith("C") else char for char in part
        ).strip()
        if part and part not in {".", ".."}:
            parts.append(part if len(part) <= _MAX_NAME_CHARS else part[:_MAX_NAME_CHARS] + "…")
    return f"{archive}/{'/'.join(parts) or '(no name)'}"


def _skipped(member: str) -> bool:
    """Folders, hidden files, macOS resource forks and READMEs, as :func:`read_path` skips."""
    parts = [part for part in member.replace("\\", "/").split("/") if part]
    return (
        member.endswith(("/", "\\"))
        or not parts
        or any(
            part.startswith(".") and part not in {".", ".."} or part in _SKIPPED_PARTS
            for part in parts
        )
        or parts[-1].lower() == "readme.md"
    )


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _read_zip_file(
    name: str, data: bytes, limits: Limits, *, depth: int, budget: _Budget
) -> list[ReadOutcome]:
    """A ZIP file: a Word document, an archive of articles (one outcome per entry), or neither.

    ``depth`` is how many archives hold this one. Raises ``ArchiveRejected`` when a limit is
    broken (the whole upload is rejected) and ``ReadError`` when the file cannot be read.
    """
    suffix = PurePosixPath(name).suffix.lower()
    with _open_zip(data, limits) as archive:
        infos = archive.infolist()
        kind = _zip_kind(archive, infos)
        if kind not in {"docx", "zip"}:
            raise _unsupported(f"it is {kind}")
        if kind == "zip" and suffix == ".docx":
            raise ReadError("this file is named .docx but it is not a Word document")
        if kind == "zip" and depth >= limits.max_archive_depth:
            raise ReadError(_too_deep(depth, limits))
        if kind == "zip" and len(infos) > budget.entries:
            used = limits.max_archive_entries - budget.entries + len(infos)
            raise ArchiveRejected(
                f"the archive has {used:,} entries, nested archives included; the limit is "
                f"{limits.max_archive_entries:,} (NEWS_MAX_ARCHIVE_ENTRIES)"
            )
        _check_declared(name, infos, limits, budget)
        if kind == "docx":
            _check_parts(archive, infos, name, limits, budget)
            return [_read_one("docx", name, data, limits)]
        budget.entries -= len(infos)
        outcomes = []
        for info in infos:
            if _skipped(info.filename):
                continue
            entry = _entry_name(name, info.filename)
            if _is_symlink(info):
                outcomes.append(ReadOutcome(entry, error="a symbolic link, not a file"))
                continue
            outcomes.extend(_read_entry(archive, info, entry, limits, depth=depth, budget=budget))
    if not outcomes:
        return [ReadOutcome(name, error="the archive has no files to read")]
    return outcomes


def _check_parts(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    name: str,
    limits: Limits,
    budget: _Budget,
) -> None:
    """Decompress every part of a Word document (python-docx reads them all) to check what
    they really hold against the limits, before python-docx opens it."""
    for info in infos:
        try:
            _read_member(archive, info, _entry_name(name, info.filename), limits, budget)
        except ArchiveRejected:
            raise
        except ReadError as error:
            part = _entry_name("", info.filename).lstrip("/")
            raise ReadError(f"this Word document cannot be read ({part}: {error})") from None


def _too_deep(depth: int, limits: Limits) -> str:
    if limits.max_archive_depth <= 0:
        return "ZIP archives are not accepted (NEWS_MAX_ARCHIVE_DEPTH is 0)"
    return (
        f"this ZIP archive is nested {depth + 1} levels deep; the limit is "
        f"{limits.max_archive_depth} (NEWS_MAX_ARCHIVE_DEPTH)"
    )


def _read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: str,
    limits: Limits,
    *,
    depth: int,
    budget: _Budget,
) -> list[ReadOutcome]:
    """The outcomes of one entry of an archive: a broken limit propagates, any other error
    rejects the entry alone."""
    try:
        content = _read_member(archive, info, entry, limits, budget)
        fmt = detect_format(entry, content)
        if fmt in {"zip", "docx"}:
            return _read_zip_file(entry, content, limits, depth=depth + 1, budget=budget)
        return [_read_one(fmt, entry, content, limits)]
    except ArchiveRejected:
        raise
    except ReadError as error:
        return [ReadOutcome(entry, error=str(error))]
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - one entry never breaks the archive
        _LOGGER.exception("unexpected error while reading %r", entry)
        return [ReadOutcome(entry, error=f"could not read this file: {type(error).__name__}")]


def read_zip(
    name: str,
    data: bytes,
    /,
    *,
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Article]:
    """The articles of every readable entry of a ZIP archive, in this process.

    An entry that cannot be read is a warning; a broken limit raises ``ArchiveRejected``.
    :func:`read_upload` runs this in the worker process and can give one outcome per entry.
    """
    budget = _Budget(limits.max_archive_entries, limits.max_uncompressed_bytes)
    merged = _merge(name, _read_zip_file(name, data, limits, depth=0, budget=budget))
    if warnings is not None:
        warnings.extend(merged.warnings)
    if not merged.ok:
        raise ReadError(merged.error)
    return list(merged.articles)


# --- the registry and the entry points --------------------------------------------------------

READERS: dict[Format, Reader] = {
    "text": read_text,
    "html": read_html,
    "csv": read_csv,
    "jsonl": read_jsonl,
}
"""Readers of decoded text, by format: ``reader(name, text)`` → articles."""

BYTES_READERS: dict[Format, BytesReader] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "zip": read_zip,
}
"""Readers of raw bytes, by format (binary formats such as PDF or DOCX); they win over READERS."""

_MARKUP_OR_ENTITY = re.compile(r"<[^<>]*>|&#?\w{1,10};")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def read_articles(
    fmt: Format, name: str, data: bytes, *, warnings: list[str] | None = None
) -> list[Article]:
    """The articles in ``data`` read as format ``fmt``; ``ReadError`` if they cannot be read.

    This reads in this process, with no time or memory limit: use :func:`read_upload` for
    files from outside.
    """
    bytes_reader = BYTES_READERS.get(fmt)
    if bytes_reader is not None:
        return bytes_reader(name, data, warnings=warnings)
    text = DECODERS.get(fmt, decode_text)(data)
    if not text.strip():
        raise ReadError(_EMPTY)
    return READERS[fmt](name, text, warnings=warnings)


def _read_one(fmt: Format, name: str, data: bytes, limits: Limits) -> ReadOutcome:
    """The outcome of reading a file that is not an archive, in this process."""
    warnings: list[str] = []
    try:
        articles = read_articles(fmt, name, data, warnings=warnings)
        if fmt in BATCH_FORMATS:
            articles = _drop_long(
                articles, name=name, limit=limits.max_article_chars, warnings=warnings
            )
        else:
            for article in articles:
                if len(article.body) > limits.max_article_chars:
                    raise ReadError(_too_long(len(article.body), limits.max_article_chars))
                if not _WORD_CHARACTER.search(article.body):
                    raise ReadError(_NO_WORDS)
                if not _WORD_CHARACTER.search(_MARKUP_OR_ENTITY.sub(" ", article.body)):
                    raise ReadError(_ONLY_MARKUP)
    except ReadError as error:
        return ReadOutcome(name, error=str(error), warnings=tuple(warnings))
    return ReadOutcome(name, articles=tuple(articles), warnings=tuple(warnings))


def _read_in_worker(fmt: Format, name: str, data: bytes, limits: Limits) -> list[ReadOutcome]:
    """What :func:`read_upload_parts` runs in the worker process for PDF, Word and ZIP files."""
    if fmt in {"zip", "docx"}:
        budget = _Budget(limits.max_archive_entries, limits.max_uncompressed_bytes)
        return _read_zip_file(name, data, limits, depth=0, budget=budget)
    return [_read_one(fmt, name, data, limits)]


_POOL = sandbox.WorkerPool(preload=("analytics.readers", "pypdf", "docx", "trafilatura"))
"""The warm worker processes that parse PDF, Word and ZIP files."""


def _read_sandboxed(fmt: Format, name: str, data: bytes, limits: Limits) -> list[ReadOutcome]:
    try:
        return _POOL.run(
            _read_in_worker,
            fmt,
            name,
            data,
            limits,
            timeout_s=limits.parse_timeout_s,
            memory_mb=limits.parse_memory_mb,
        )
    except sandbox.SandboxTimeout as error:
        raise ReadError(f"{error} (NEWS_PARSE_TIMEOUT_S)") from None
    except sandbox.SandboxMemoryError as error:
        raise ReadError(f"{error} (NEWS_PARSE_MEMORY_MB)") from None
    except sandbox.SandboxError as error:
        raise ReadError(str(error)) from None


def read_upload_parts(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
) -> list[ReadOutcome]:
    """The outcomes of one uploaded file: one, or one per entry of a ZIP archive.

    Never raises. ``limits`` are the caps (a :class:`Limits`, or the :class:`Settings` they
    come from; the defaults otherwise); ``max_article_chars`` overrides the one in them. An
    archive that breaks a limit is one rejected outcome; an entry that cannot be read is a
    rejected outcome of its own, named ``archive.zip/folder/file``.
    """
    caps = _limits(limits, max_article_chars)
    try:
        if len(data) > caps.max_file_bytes:
            raise _too_big(len(data), caps)
        fmt = detect_format(name, data)
        if fmt in SANDBOXED:
            return _read_sandboxed(fmt, name, data, caps)
        return [_read_one(fmt, name, data, caps)]
    except ReadError as error:
        return [ReadOutcome(name, error=str(error))]
    except Exception as error:  # noqa: BLE001 - an upload must never break the caller
        _LOGGER.exception("unexpected error while reading %r", name)
        return [ReadOutcome(name, error=f"could not read this file: {type(error).__name__}")]


def read_upload(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
) -> ReadOutcome:
    """The articles in one uploaded file, or why it cannot be read, in plain words.

    Never raises. An article longer than the character limit rejects a single-article file;
    in a batch file that row is skipped with a warning. The articles of a ZIP archive's entries
    are put together, and an entry that cannot be read is a warning (:func:`read_upload_parts`
    gives one outcome per entry instead).
    """
    parts = read_upload_parts(name, data, limits=limits, max_article_chars=max_article_chars)
    return _merge(name, parts)


def read_upload_files(
    files: Iterable[tuple[str, bytes]], *, limits: Limits | None = None
) -> list[ReadOutcome]:
    """Each uploaded ``(name, bytes)`` read (:func:`read_upload_parts`), in order.

    More files than the limit are all rejected, as the upload form does.
    """
    caps = _limits(limits, None)
    files = list(files)
    if len(files) > caps.max_files:
        message = (
            f"too many files in one upload: {len(files)}; the limit is {caps.max_files} "
            "(NEWS_MAX_FILES)"
        )
        return [ReadOutcome(name, error=message) for name, _ in files]
    return [
        outcome for name, data in files for outcome in read_upload_parts(name, data, limits=caps)
    ]


def _merge(name: str, parts: list[ReadOutcome]) -> ReadOutcome:
    """The outcomes of an archive's entries as one outcome for the archive."""
    if len(parts) == 1 and parts[0].name == name:
        return parts[0]
    articles = [article for part in parts for article in part.articles]
    warnings = [f"{part.name}: {part.error}" for part in parts if not part.ok]
    warnings += [f"{part.name}: {warning}" for part in parts for warning in part.warnings]
    if not articles:
        return ReadOutcome(
            name, error="none of the files in the archive could be read", warnings=tuple(warnings)
        )
    return ReadOutcome(name, articles=tuple(articles), warnings=tuple(warnings))


def _drop_long(
    articles: list[Article], *, name: str, limit: int, warnings: list[str]
) -> list[Article]:
    """The batch articles no longer than ``limit``; a warning for each one left out."""
    kept: list[Article] = []
    for article in articles:
        if len(article.body) <= limit:
            kept.append(article)
        else:
            label = article.file_name.removeprefix(f"{name}#")
            warnings.append(f"{label}: {_too_long(len(article.body), limit)}, skipped")
    if articles and not kept:
        raise ReadError(
            f"every article in the file is longer than the limit of {limit:,} characters "
            "(NEWS_MAX_ARTICLE_CHARS)"
        )
    return kept


def read_path(
    path: Path,
    *,
    limits: Limits | None = None,
    max_article_chars: int | None = None,
) -> Iterator[ReadOutcome]:
    """The outcome of reading a file, or each readable file in a folder (recursively).

    In a folder, files are taken in sorted order; hidden files and folders, ``README.md`` and
    files of types that cannot be read are skipped. Outcomes are named by the path relative to
    the folder; a ZIP archive gives one outcome per entry (:func:`read_upload_parts`). Never
    raises for a file that cannot be read: its outcome says why.
    """
    caps = _limits(limits, max_article_chars)
    if path.is_dir():
        for file in _readable_files(path):
            yield from _read_file(file, name=file.relative_to(path).as_posix(), limits=caps)
    elif path.exists():
        yield from _read_file(path, name=path.name, limits=caps)
    else:
        yield ReadOutcome(str(path), error="no such file or folder")


def _readable_files(folder: Path) -> list[Path]:
    """The files under ``folder`` that :func:`read_path` reads, sorted by relative path."""
    files = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.name.lower() == "readme.md" or file.suffix.lower() not in EXTENSIONS:
            continue
        if file.is_file():
            files.append(file)
    return sorted(files, key=lambda file: file.relative_to(folder).as_posix())


def _read_file(path: Path, *, name: str, limits: Limits) -> list[ReadOutcome]:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return [ReadOutcome(name, error=str(_too_big(size, limits)))]
        data = path.read_bytes()
    except OSError as error:
        return [ReadOutcome(name, error=f"could not open this file: {error.strerror or error}")]
    return read_upload_parts(name, data, limits=limits)
