"""HTML pages (:func:`read_html`): one article, the main text and the metadata trafilatura finds,
and the language the page declares. Decoding a page (its ``<meta charset>``) is in
:mod:`analytics.readers.decoding`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics.models import Article, ReadError
from analytics.readers.base import warn
from analytics.readers.dates import parse_date
from analytics.readers.text import (
    TITLE_SEPARATORS,
    drop_title,
    join_paragraphs,
    language_code,
    normalise_newlines,
    split_paragraphs,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_NO_HTML_TEXT = "no article text found in the HTML page"


def clean_title(title: str, *, heading: str = "", site: str = "") -> str:
    """A page's ``<title>`` without its site or author suffix: the page's heading when the
    title is that heading and a suffix after a separator ("Talks fail | BBC News", "Talks
    fail - Jane Doe"), or the title without " | <site name>" at its end; else the title."""
    if heading:
        for separator in TITLE_SEPARATORS:
            start = title[: len(heading) + len(separator)]
            if start.casefold() == (heading + separator).casefold():
                return heading
    site = " ".join(site.split())
    if site:
        for separator in TITLE_SEPARATORS:
            ending = separator + site
            if len(title) > len(ending) and title[-len(ending) :].casefold() == ending.casefold():
                return title[: -len(ending)].strip()
    return title


MAX_ATTRIBUTE_CHARS = 65_536
"""An attribute value longer than this (an inline image, a data blob) is emptied before the page
is parsed: the HTML parser stops at a value of 10 million characters, losing the rest of the
page."""

MAX_SITE_NAME_CHARS = 300
"""A page's site name longer than this (the store's source column) is not a name: left out."""

_LONG_ATTRIBUTE = re.compile(
    r"(<[A-Za-z][^<>]*?=\s*)"  # in a start tag, up to a value's opening
    rf"(?:\"[^\"]{{{MAX_ATTRIBUTE_CHARS},}}\"|'[^']{{{MAX_ATTRIBUTE_CHARS},}}'"
    rf"|[^\s\"'<>=`]{{{MAX_ATTRIBUTE_CHARS},}})"
)


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
    from trafilatura.settings import Document
    from trafilatura.xml import xmltotxt

    tree = trafilatura.load_html(without_long_attributes(text))
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
    metadata: Document
    if isinstance(document, Document) and document.text:
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
    heading = " ".join(paragraphs[0].split()) if paragraphs else ""
    paragraphs = drop_title(paragraphs, title)
    title = clean_title(title, heading=heading, site=metadata.sitename or "")
    if not paragraphs:
        raise ReadError(_NO_HTML_TEXT)
    published = parse_date(metadata.date or "", warnings=warnings, label="")
    source = (metadata.sitename or "").strip()
    if len(source) > MAX_SITE_NAME_CHARS:
        warn(warnings, f"the page's site name is {len(source):,} characters long; not kept")
        source = ""
    return [
        Article(
            body=join_paragraphs(paragraphs),
            title=title,
            source=source,
            published=published,
            url=(metadata.url or "").strip(),
            language=language,
            file_name=name,
        )
    ]


def without_long_attributes(html: str) -> str:
    """``html`` with every attribute value longer than :data:`MAX_ATTRIBUTE_CHARS` emptied."""
    if len(html) <= MAX_ATTRIBUTE_CHARS:
        return html
    return _LONG_ATTRIBUTE.sub(lambda match: f'{match.group(1)}""', html)


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
