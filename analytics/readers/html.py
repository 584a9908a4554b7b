"""HTML pages (:func:`read_html`): one article, the main text and the metadata trafilatura finds,
and the language the page declares. Decoding a page (its ``<meta charset>``) is in
:mod:`analytics.readers.decoding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics.models import Article, ReadError
from analytics.readers.dates import parse_date
from analytics.readers.text import (
    drop_title,
    join_paragraphs,
    language_code,
    normalise_newlines,
    split_paragraphs,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_NO_HTML_TEXT = "no article text found in the HTML page"


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
    paragraphs = drop_title(paragraphs, title)
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
