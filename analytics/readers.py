"""Readers that turn uploaded bytes or files on disk into articles (:class:`Article`).

The entry points are :func:`read_upload` (one uploaded file, never raises) and
:func:`read_path` (a file or a folder on disk). Both check what a file is by its extension and
by its content (:func:`detect_format`), turn text bytes into ``str`` (:func:`decode_text`) and
hand the text to the reader registered for its format in :data:`READERS`:

- ``text``: ``.txt``, ``.text``, ``.md``, ``.markdown`` or no extension: one article, the first
  non-empty line is the title;
- ``html``: ``.html``, ``.htm`` or a page starting with ``<!doctype html`` / ``<html``: one
  article, the main text and metadata found by trafilatura;
- ``csv``: ``.csv``, ``.tsv``: one article per row, with a header row naming the columns;
- ``jsonl``: ``.jsonl``, ``.ndjson``: one article per line, each a JSON object.

Adding a format is a small change: add its name to :data:`Format` and :data:`FORMAT_LABELS`,
its extensions to :data:`EXTENSIONS` (taking them out of ``_PLANNED``), its magic bytes (if any)
to :data:`SIGNATURES`, and its reader to :data:`READERS` (readers of text) or
:data:`BYTES_READERS` (readers of raw bytes, such as PDF or DOCX); a batch format (several
articles per file) also goes in :data:`BATCH_FORMATS`.

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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, Protocol

import charset_normalizer

from analytics.models import Article, ReadError, ReadOutcome

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_LOGGER = logging.getLogger(__name__)

Format = Literal["text", "html", "csv", "jsonl"]


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
}
"""File extensions (lower case, with the dot) and the format that reads them."""

_PLANNED = {
    ".pdf": "PDF files are not supported yet",
    ".docx": "Word documents (.docx) are not supported yet",
    ".zip": "ZIP archives are not supported yet",
}
"""Extensions of formats that are planned but not read yet, with the message to show."""

_ZIPPED = (".zip", ".docx")

SIGNATURES: tuple[Signature, ...] = (
    Signature(b"\x89PNG\r\n\x1a\n", "a PNG image"),
    Signature(b"\xff\xd8\xff", "a JPEG image"),
    Signature(b"GIF87a", "a GIF image"),
    Signature(b"GIF89a", "a GIF image"),
    Signature(b"%PDF-", "a PDF file", message=_PLANNED[".pdf"], extensions=(".pdf",)),
    Signature(b"PK\x03\x04", "a ZIP archive", message=_PLANNED[".zip"], extensions=_ZIPPED),
    Signature(b"PK\x05\x06", "a ZIP archive", message=_PLANNED[".zip"], extensions=_ZIPPED),
    Signature(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    Signature(b"\x1f\x8b", "a gzip archive"),
    Signature(b"\x7fELF", "a program"),
)
"""Magic bytes checked before the extension, so a PNG renamed ``.txt`` is still rejected."""

BATCH_FORMATS: frozenset[Format] = frozenset({"csv", "jsonl"})
"""Formats holding many articles: an over-long one is skipped with a warning, not an error."""

FORMAT_LABELS: Mapping[Format, str] = {
    "text": "plain text",
    "html": "HTML",
    "csv": "CSV",
    "jsonl": "JSON Lines",
}
"""How each format is named to users."""

_BINARY = "looks like a binary file, not text"
_EMPTY = "the file is empty"
_NO_HTML_TEXT = "no article text found in the HTML page"

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
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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

    Raises ``ReadError`` for empty files and for types that cannot be read, naming the ones
    that can.
    """
    if not data.strip():
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
        articles: list[Article] = []
        count = 0
        for count, row in enumerate(rows, start=1):
            if not any(cell.strip() for cell in row):
                continue  # a blank row: nothing to say about it
            if len(row) > len(keys):
                _warn(warnings, f"row {count} has more cells than the header row has columns")
            record: dict[str, str] = {}
            for key, value in zip(keys, row, strict=False):
                if key:
                    record.setdefault(key, value)
            label = f"row {count}"
            article = _article_from_record(record, name=name, label=label, warnings=warnings)
            if article is not None:
                articles.append(article)
    except csv.Error as error:
        raise ReadError(f"this CSV file cannot be read: {error}") from None
    if count == 0:
        raise ReadError("the file has a header row but no data rows")
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
    articles: list[Article] = []
    notes: list[str] = []
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
            notes.append(problem)
            first_problem = first_problem or problem
            continue
        objects += 1
        keys_seen.update(dict.fromkeys(str(key) for key in value))
        record: dict[str, Any] = {}
        for key, item in value.items():
            record.setdefault(_column_key(str(key)), item)
        article = _article_from_record(record, name=name, label=f"line {number}", warnings=notes)
        if article is not None:
            articles.append(article)
    if objects == 0:
        raise ReadError(first_problem or _EMPTY)
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


def _article_from_record(
    record: Mapping[str, Any], *, name: str, label: str, warnings: list[str] | None
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
        published=parse_date(_field(record, "date"), warnings=warnings, label=label),
        url=_field(record, "url"),
        language=language_code(_field(record, "language")),
        file_name=f"{name}#{row_id or label}",
    )


def _warn(warnings: list[str] | None, message: str) -> None:
    if warnings is not None:
        warnings.append(message)


# --- dates ------------------------------------------------------------------------------------


def parse_date(value: str, *, warnings: list[str] | None = None, label: str = "") -> dt.date | None:
    """The date in ``value`` (ISO or as people write it), or ``None`` with a warning.

    ``label`` (such as ``"row 3"``) starts the warning. An empty value is ``None``, silently.
    """
    value = " ".join(value.split())
    if not value:
        return None
    date = _parsed_date(value) if len(value) <= _MAX_DATE_CHARS else None
    if date is None:
        prefix = f"{label}: " if label else ""
        _warn(warnings, f"{prefix}could not read the date {value!r}")
    return date


@functools.lru_cache(maxsize=4096)
def _parsed_date(value: str) -> dt.date | None:
    if _ISO_DATE.match(value):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
    import dateparser

    parsed = dateparser.parse(value, settings=dict(_DATEPARSER_SETTINGS))
    return parsed.date() if parsed is not None else None


# --- the registry and the entry points --------------------------------------------------------

READERS: dict[Format, Reader] = {
    "text": read_text,
    "html": read_html,
    "csv": read_csv,
    "jsonl": read_jsonl,
}
"""Readers of decoded text, by format: ``reader(name, text)`` → articles."""

BYTES_READERS: dict[Format, BytesReader] = {}
"""Readers of raw bytes, by format (binary formats such as PDF or DOCX); they win over READERS."""


def read_articles(
    fmt: Format, name: str, data: bytes, *, warnings: list[str] | None = None
) -> list[Article]:
    """The articles in ``data`` read as format ``fmt``; ``ReadError`` if they cannot be read."""
    bytes_reader = BYTES_READERS.get(fmt)
    if bytes_reader is not None:
        return bytes_reader(name, data, warnings=warnings)
    text = DECODERS.get(fmt, decode_text)(data)
    if not text.strip():
        raise ReadError(_EMPTY)
    return READERS[fmt](name, text, warnings=warnings)


def read_upload(name: str, data: bytes, *, max_article_chars: int = 1_000_000) -> ReadOutcome:
    """The articles in one uploaded file, or why it cannot be read, in plain words.

    Never raises. An article longer than ``max_article_chars`` rejects a single-article file;
    in a batch file that row is skipped with a warning.
    """
    warnings: list[str] = []
    try:
        fmt = detect_format(name, data)
        articles = read_articles(fmt, name, data, warnings=warnings)
        if fmt in BATCH_FORMATS:
            articles = _drop_long(articles, name=name, limit=max_article_chars, warnings=warnings)
        elif any(len(article.body) > max_article_chars for article in articles):
            raise ReadError(_too_long(max_article_chars))
    except ReadError as error:
        return ReadOutcome(name, error=str(error), warnings=tuple(warnings))
    except Exception as error:  # noqa: BLE001 - an upload must never break the caller
        _LOGGER.exception("unexpected error while reading %r", name)
        return ReadOutcome(
            name,
            error=f"could not read this file: {type(error).__name__}",
            warnings=tuple(warnings),
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
            warnings.append(f"{label}: {_too_long(limit)}, skipped")
    if articles and not kept:
        raise ReadError(f"every article in the file is longer than {limit} characters")
    return kept


def _too_long(limit: int) -> str:
    return f"article is longer than {limit} characters"


def read_path(path: Path, *, max_article_chars: int = 1_000_000) -> Iterator[ReadOutcome]:
    """The outcome of reading a file, or each readable file in a folder (recursively).

    In a folder, files are taken in sorted order; hidden files and folders, ``README.md`` and
    files of types that cannot be read are skipped. Outcomes are named by the path relative to
    the folder. Never raises for a file that cannot be read: its outcome says why.
    """
    if path.is_dir():
        for file in _readable_files(path):
            yield _read_file(
                file, name=file.relative_to(path).as_posix(), max_article_chars=max_article_chars
            )
    elif path.exists():
        yield _read_file(path, name=path.name, max_article_chars=max_article_chars)
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


def _read_file(path: Path, *, name: str, max_article_chars: int) -> ReadOutcome:
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadOutcome(name, error=f"could not open this file: {error.strerror or error}")
    return read_upload(name, data, max_article_chars=max_article_chars)
