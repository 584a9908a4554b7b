"""Cleaning of article text before analysis: web boilerplate and repeated headlines go.

Pages copied from news sites carry lines that are not the article: "Read also", "Get access
to the fresh news channel ...", "Subscribe", a lone "Go" left from a search box, and the
headline repeated at the top of the body. None of them may count in any metric, so they are
removed here, once, and the cleaned body is what is stored and analysed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from analytics.models import Article

# Whole lines that are navigation or promotion, not article text (matched case-insensitively).
BOILERPLATE_LINE = re.compile(
    r"""^\W*(?:
        read\ (?:also|more)(?:\b.{0,80})?
      | see\ also\b.{0,80}
      | related(?:\ (?:articles?|stories|news|content))?\b.{0,40}
      | get\ access\ to\b.{0,120}
      | (?:subscribe|sign\ up|follow\ us|join\ us)\b.{0,120}
      | share\ (?:this|on)\b.{0,60}
      | (?:advertisement|sponsored(?:\ content)?|promoted)
      | click\ here\b.{0,80}
      | (?:most\ (?:read|popular)|recommended(?:\ for\ you)?|more\ from\b.{0,40})
      | (?:all\ rights\ reserved|copyright\b|©).{0,120}
      | (?:cookies?\ (?:policy|settings)|privacy\ policy|terms\ of\ (?:use|service)).{0,60}
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Tags, comments and character references left over from web pages.
MARKUP = re.compile(
    r"</?[A-Za-z][^<>]{0,500}>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});",
    re.S,
)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
HEADLINE_SIMILARITY = 0.6
MAX_TRAILER_WORDS = 3


#: Lines longer than this are never boilerplate or headlines (and skip the slower checks).
MAX_SHORT_LINE = 300


def _is_headline_like(line: str) -> bool:
    return len(line) <= MAX_SHORT_LINE and len(line.split()) <= 25 and not SENTENCE_END.search(line)


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= HEADLINE_SIMILARITY


def _paragraphs(body: str) -> list[str]:
    lines = [" ".join(line.split()) for line in body.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line]


def clean_body(body: str, *, title: str = "") -> str:
    """The body without boilerplate lines, repeated headlines and trailing navigation.

    Paragraphs are returned one per line, separated by a blank line, with inner white space
    folded; the words of the article are unchanged.
    """
    lines = [
        line
        for line in _paragraphs(body)
        if len(line) > MAX_SHORT_LINE or not BOILERPLATE_LINE.match(line)
    ]
    kept: list[str] = []
    in_header = True
    for line in lines:
        if in_header and _is_headline_like(line):
            if (title and _similar(line, title)) or line in kept:
                continue
        else:
            in_header = False
        kept.append(line)
    while kept and _is_headline_like(kept[-1]) and len(kept[-1].split()) <= MAX_TRAILER_WORDS:
        kept.pop()
    return "\n\n".join(kept)


def _mask_comments(text: str) -> str:
    """HTML comments blanked out, found with ``str.find`` (linear, whatever the input)."""
    pieces: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        pieces.append(text[position:start])
        pieces.append(" " * (end + 3 - start))
        position = end + 3
    pieces.append(text[position:])
    return "".join(pieces)


def mask_markup(text: str) -> str:
    """The text with leftover tags, comments and character references blanked by spaces.

    The length and every other character stay the same, so offsets into the masked text are
    offsets into the original: the stored body keeps the markup as text, the analysis never
    sees it.
    """
    return MARKUP.sub(lambda match: " " * len(match.group()), _mask_comments(text))


def clean_article(article: Article) -> Article:
    """The article with its title tidied and its body cleaned (see ``clean_body``)."""
    title = " ".join(article.title.split())
    return article.with_changes(title=title, body=clean_body(article.body, title=title))
