"""PDF files (:func:`read_pdf`, pypdf) and Word documents (:func:`read_docx`, python-docx): one
article each, the title from the document's properties or its first line. Both are parsed in
the worker process (:mod:`analytics.sandbox`), and a Word document's parts are checked against
the archive limits first (:mod:`analytics.readers.archives`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from analytics.models import Article, ReadError
from analytics.readers.base import brief, warn
from analytics.readers.text import (
    MAX_TITLE_CHARS,
    drop_title,
    join_paragraphs,
    language_code,
    normalise_newlines,
)

_NO_PDF_TEXT = "no text found in the PDF (it may be scanned images)"
_NO_DOCX_TEXT = "no text found in the Word document"

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_JUNK_TITLE = re.compile(
    r"untitled\b.*|microsoft (?:word|powerpoint) - .*|document\d*"
    r"|.*\.(?:docx?|pdf|rtf|odt|txt|html?|indd|tex)",
    re.IGNORECASE,
)

_SHORT_LINE = 0.7
"""A PDF line shorter than this share of the page's longest line ends its paragraph."""

_MAX_TITLE_LINES = 3
"""A title wraps over at most this many lines at the top of a PDF's first page."""

_COLUMN_GAP = re.compile(r"\S {4,}\S")
_COLUMN_SHARE = 0.3
"""A page where this share of the lines have a wide gap inside is laid out in columns."""

_PYTHON_DOCX_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
"""The creation time in python-docx's template: documents made with it carry it, untrue."""


def _clean_title(value: object) -> str:
    """A title from a document's properties, or ``""`` for none or a placeholder."""
    title = " ".join(str(value or "").split())
    if len(title) > MAX_TITLE_CHARS or _JUNK_TITLE.fullmatch(title):
        return ""
    return title


def _is_title_line(paragraphs: list[str]) -> bool:
    """Whether the first paragraph reads as a title: short, not a sentence, more text after."""
    first = paragraphs[0]
    return (
        len(paragraphs) > 1
        and len(first) <= MAX_TITLE_CHARS
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
    "Untitled" or a file name), else the first line when it reads as a title; a title wrapped
    over the first page's first two or three lines (before a gap) is read whole. An encrypted PDF
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
        raise ReadError(f"this PDF file is damaged and cannot be read ({brief(error)})") from None
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
            problems.append(f"page {number} could not be read ({brief(error)})")
    paragraphs = [
        p for number, text in enumerate(texts) for p in _pdf_paragraphs(text, top=number == 0)
    ]
    if not paragraphs and problems:
        raise ReadError(f"no text could be read from the PDF: {problems[0]}")
    if not paragraphs:
        raise ReadError(_NO_PDF_TEXT)
    for problem in problems:
        warn(warnings, f"{problem}, skipped")
    try:
        title = _clean_title(reader.metadata.title if reader.metadata else "")
    except Exception:  # noqa: BLE001 - damaged metadata: no title from it
        title = ""
    if title:
        paragraphs = drop_title(paragraphs, title)
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


def _join_line(current: str, line: str) -> str:
    """A paragraph's text with its next line; a word broken at the end of a line ("well-" +
    "known") is joined whole."""
    if not current:
        return line
    if current.endswith("-") and not current.endswith(" -"):
        return current + line
    return f"{current} {line}"


def _title_lines(lines: list[str]) -> int:
    """How many of the first page's first lines are one paragraph, perhaps a title wrapped
    over several lines (``read_pdf`` decides): the lines before the first blank one, when there
    are 2 to ``_MAX_TITLE_LINES`` of them, text follows, no sentence ends before their last
    line and together they are no longer than a title may be; 0 otherwise.

    Their lengths say nothing here: a title's first line is often shorter than a line of the
    body (set in a larger font), and would otherwise end its paragraph alone, leaving the rest
    of the title as the body's first line."""
    start = next((number for number, line in enumerate(lines) if line), len(lines))
    end = next((number for number in range(start, len(lines)) if not lines[number]), len(lines))
    if not 2 <= end - start <= _MAX_TITLE_LINES or not any(lines[end:]):
        return 0
    title = ""
    for line in lines[start:end]:
        if _SENTENCE_END.search(title):
            return 0  # a sentence ends inside the block
        title = _join_line(title, line)
    return end if len(title) <= MAX_TITLE_CHARS else 0


def _pdf_paragraphs(text: str, *, top: bool = False) -> list[str]:
    """The paragraphs of one page's text (see :func:`read_pdf`); with ``top`` (the first
    page), a title wrapped over its first lines is one paragraph (``_title_lines``)."""
    raw = _CONTROL_CHARS.sub(" ", text).split("\n")
    lines = [(len(line) - len(line.lstrip()), " ".join(line.split())) for line in raw]
    paragraphs: list[str] = []
    if top and (n_title := _title_lines([line for _, line in lines])):
        title = ""
        for _, line in lines[:n_title]:
            title = _join_line(title, line) if line else title
        paragraphs.append(title)
        lines = lines[n_title:]  # nor do its indent and length count for the body's lines
    longest = max((len(line) for _, line in lines), default=0)
    margin = min((indent for indent, line in lines if line), default=0)
    current = ""
    for indent, line in lines:
        if current and (not line or indent > margin + 1):  # a blank line, or an indent
            paragraphs.append(current)
            current = ""
        if not line:
            continue
        current = _join_line(current, line)
        if len(line) < _SHORT_LINE * longest:  # the last line of a paragraph, or a heading
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


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
            f"this Word document is damaged and cannot be read ({brief(error)})"
        ) from None
    paragraphs: list[tuple[str, str]] = []
    entities = _internal_entities(document.element)
    for paragraph in document.paragraphs:
        text = "\n".join(
            line.rstrip()
            for line in normalise_newlines(_paragraph_text(paragraph._p, entities)).split("\n")
            if line.strip()
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
        texts = drop_title(texts, title)
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = tuple(f"{_W}{tag}" for tag in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym"))
_NOT_TEXT = frozenset(
    [
        *(
            f"{_W}{tag}"
            for tag in ("del", "moveFrom", "drawing", "pict", "object", "txbxContent", "p")
        ),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    ]
)
"""Elements whose text is not the paragraph's: deletions and moved-away text (tracked changes),
drawings, text boxes and nested paragraphs (field codes are ``w:instrText``, never read)."""

_MAX_ENTITY_CHARS = 1000


def _internal_entities(element: Any) -> dict[str, str]:
    """The entities that a Word document's XML declares in its own DTD with a plain text value
    (no markup, no other reference), by name; external entities are never read."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:
        return {}
    return {
        str(entity.name): str(entity.content)
        for entity in dtd.iterentities()
        if entity.content
        and not entity.system_url
        and len(entity.content) <= _MAX_ENTITY_CHARS
        and not any(mark in entity.content for mark in "&<%")
    }


def _paragraph_text(paragraph: Any, entities: dict[str, str]) -> str:
    """The text of a Word paragraph (``w:p``) as Word shows it: the text of its runs wherever
    they are (hyperlinks, simple fields, smart tags, content controls, tracked insertions), an
    entity reference as its declared text, symbols, tabs and line breaks.

    python-docx's ``paragraph.text`` reads only runs and hyperlinks directly in the paragraph,
    and a run's text only up to an entity reference: a paragraph holding one was lost.
    """
    from lxml import etree

    parts: list[str] = []
    for element in paragraph.iter(*_TEXT_TAGS):
        if any(parent.tag in _NOT_TEXT for parent in _ancestors(element, paragraph)):
            continue
        tag = element.tag.removeprefix(_W)
        if tag == "t":
            parts.append(element.text or "")
            for child in element:
                if child.tag is etree.Entity:
                    parts.append(entities.get(str(child.name), ""))
                parts.append(child.tail or "")
        elif tag in {"tab", "ptab"}:
            parts.append("\t")
        elif tag == "br":
            parts.append("\n" if element.get(f"{_W}type", "textWrapping") == "textWrapping" else "")
        elif tag == "cr":
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
        elif tag == "sym":
            parts.append(_symbol(element.get(f"{_W}char", "")))
    return "".join(parts)


def _ancestors(element: Any, top: Any) -> list[Any]:
    """The elements between ``element`` and ``top`` (both left out)."""
    found = []
    parent = element.getparent()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.getparent()
    return found


def _symbol(code: str) -> str:
    """The character of a ``w:sym``, or ``""`` for a symbol font's private-use code."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value < 0x20 or 0xD800 <= value <= 0xF8FF or value > 0x10FFFF:
        return ""
    return chr(value)


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
