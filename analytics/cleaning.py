"""Cleaning of article text before analysis: web boilerplate and repeated headlines go.

Pages copied from news sites carry lines that are not the article: "Read also", "Get access
to the fresh news channel ...", "Subscribe", a lone "Go" left from a search box, and the
headline repeated at the top of the body. None of them may count in any metric, so they are
removed here, once, and the cleaned body is what is stored and analysed.

The rules judge a line's shape (its length in words, whether it ends a sentence), so they
must work in every script: sentence ends of CJK ("。"), Arabic ("؟", "۔"), Devanagari ("।"),
Armenian ("։"), Ethiopic ("።") and others count, lines of scripts written without spaces
are measured in characters, and rows of a table (cells apart by tabs, pipes or wide gaps, or
mostly numbers) are never taken for navigation.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

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
#: Marks that end a sentence, in the scripts of the world's news: Latin, Cyrillic and Greek
#: (";" is the Greek question mark), CJK full-width and ideographic ones, Arabic and Urdu,
#: Devanagari dandas, Armenian, Ethiopic, Myanmar, Khmer and Tibetan.
SENTENCE_END_MARKS = (
    ".!?…;‼⁇⁈⁉"
    "\u3002\uff01\uff1f\uff61\uff0e"  # 。！？｡．
    "\u037e\u061f\u06d4"  # Greek question mark, Arabic question mark, Urdu full stop
    "\u0964\u0965"  # Devanagari danda and double danda
    "\u0589"  # Armenian full stop
    "\u1362\u1367\u1368"  # Ethiopic full stop, question mark, paragraph separator
    "\u104b\u17d4\u17d5\u0f0d"  # Myanmar, Khmer, Tibetan
)
#: Closing quotes and brackets that may follow the mark that ends a sentence.
CLOSERS = "\"'”’»›)]}\u300d\u300f\uff09\u3011\u3015\u3009\u300b\u3017\u3019\u301b\uff02\uff07"
SENTENCE_END = re.compile(
    rf"(?:[{re.escape(SENTENCE_END_MARKS)}]|(?<=[\u0531-\u0587]):)[{re.escape(CLOSERS)}]*$"
)
#: Letters of scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
#: Tibetan, kana and CJK ideographs), where a line's words are counted from its characters.
SPACELESS_LETTER = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
#: Characters of such scripts per word, on average (Chinese about 1.5, Japanese about 2).
CHARACTERS_PER_WORD = 2
#: A wide gap between the cells of a table row laid out with spaces: two spaces or more
#: that do not follow the end of a sentence (typists' double spaces).
WIDE_GAP = re.compile(r"(?<![.!?;:,\s])[ \u00a0\u3000]{2,}")
NUMBER = re.compile(r"^[(+\-−–]?\d[\d.,:/\-−–]*[%)]?$")
NON_WORD = re.compile(r"[\W_]+")
DIGIT = re.compile(r"\d")
HEADLINE_SIMILARITY = 0.6
MAX_TRAILER_WORDS = 3
MAX_HEADLINE_WORDS = 25


#: Lines longer than this are never boilerplate or headlines (and skip the slower checks).
MAX_SHORT_LINE = 300


class _Line(NamedTuple):
    text: str  # white space folded; table cells apart by a tab
    table: bool  # a row of a table: never a headline or navigation


def word_count(line: str) -> int:
    """The words of a line: its white-space separated tokens, except that a token of a
    script written without spaces counts one word per ``CHARACTERS_PER_WORD`` characters
    ("東京都知事選挙" is about 4 words, not 1)."""
    count = 0
    for token in line.split():
        spaceless = len(SPACELESS_LETTER.findall(token))
        count += -(-spaceless // CHARACTERS_PER_WORD) if spaceless else 1
    return count


def _is_headline_like(line: str) -> bool:
    return (
        len(line) <= MAX_SHORT_LINE
        and not SENTENCE_END.search(line)
        and word_count(line) <= MAX_HEADLINE_WORDS
    )


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= HEADLINE_SIMILARITY


def _normalised(text: str) -> str:
    """The text compared for equality with the title: case, punctuation and spacing left out."""
    return " ".join(NON_WORD.sub(" ", text.casefold()).split())


def _cells(line: str) -> list[str]:
    """The cells of a line cut at its tabs (or, with no tab, at its wide gaps), white space
    folded in each."""
    parts = line.split("\t") if "\t" in line else WIDE_GAP.split(line)
    return [" ".join(part.split()) for part in parts if part.strip()]


def _may_have_gaps(line: str) -> bool:
    """A quick test before ``WIDE_GAP``'s search: two spaces, or a wide kind of space."""
    return "  " in line or "\u00a0" in line or "\u3000" in line


def _has_cells(line: str) -> bool:
    """Whether the line is laid out as a table row: it starts with a pipe and has another
    (Markdown, trafilatura), has cells apart by a tab, or three cells apart by wide gaps."""
    if line.startswith("|") and line.count("|") >= 2:
        return True
    if len(line) > MAX_SHORT_LINE * 4:
        return False
    if "\t" not in line and not (_may_have_gaps(line) and WIDE_GAP.search(line)):
        return False
    return len(_cells(line)) >= (2 if "\t" in line else 3)


def _is_row_like(line: str) -> bool:
    """Whether the line could be a row of a table laid out loosely: cells apart by " | ", or
    at least a third of its words (two words at least) numbers ("Arsenal 2 1")."""
    if len(line) > MAX_SHORT_LINE:
        return False
    if " | " in line and len([cell for cell in line.split(" | ") if cell.strip()]) >= 2:
        return True
    if not DIGIT.search(line):
        return False
    words = line.replace("|", " ").split()
    numbers = sum(1 for word in words if NUMBER.match(word))
    return len(words) >= 2 and numbers >= 1 and numbers * 3 >= len(words)


def _lines(body: str) -> list[_Line]:
    """The non-empty lines of the body, white space folded (the cells of a table row kept
    apart by a tab). A row laid out as a table is a table row; a loosely laid out or mostly
    numeric one is when a neighbour is a row too (a block of results, not a lone date)."""
    raw = [line.strip() for line in body.replace("\r\n", "\n").split("\n")]
    raw = [line for line in raw if line]
    laid_out = [_has_cells(line) for line in raw]
    rowlike = [cells or _is_row_like(line) for line, cells in zip(raw, laid_out, strict=True)]
    lines = []
    for i, line in enumerate(raw):
        in_block = (i > 0 and rowlike[i - 1]) or (i + 1 < len(raw) and rowlike[i + 1])
        table = laid_out[i] or (rowlike[i] and in_block)
        tabbed = table and not line.startswith("|")
        lines.append(_Line("\t".join(_cells(line)) if tabbed else " ".join(line.split()), table))
    return lines


def _continued(lines: list[_Line], index: int) -> bool:
    """Whether the next line carries on this one's sentence (a hard-wrapped paragraph): it
    starts with a lower-case letter. (Not a digit: a dateline often follows a headline.)"""
    return index + 1 < len(lines) and lines[index + 1].text[:1].islower()


def _repeats_title(line: str, title: str, *, at_top: bool) -> bool:
    """Whether the line repeats the title: resembling it at the very top of the body,
    equal to it (case, punctuation and spacing aside) further down."""
    if not title:
        return False
    if at_top and _similar(line, title):
        return True
    return _normalised(line) == _normalised(title)


def clean_body(body: str, *, title: str = "") -> str:
    """The body without boilerplate lines, repeated headlines and trailing navigation.

    Paragraphs are returned one per line, separated by a blank line, with inner white space
    folded (the cells of a table row stay apart by a tab); the words of the article are
    unchanged. Only lines shaped like headlines or navigation (short, no sentence end, not
    part of a table, not a hard-wrapped line whose sentence goes on) are ever removed by the
    headline and trailer rules, whatever the script.
    """
    lines = [
        line
        for line in _lines(body)
        if len(line.text) > MAX_SHORT_LINE or not BOILERPLATE_LINE.match(line.text)
    ]
    kept: list[_Line] = []
    seen: set[str] = set()
    in_header = True
    for index, line in enumerate(lines):
        if (
            in_header
            and not line.table
            and _is_headline_like(line.text)
            and not _continued(lines, index)
        ):
            if _repeats_title(line.text, title, at_top=not kept) or line.text in seen:
                continue
        else:
            in_header = False
        kept.append(line)
        seen.add(line.text)
    while (
        kept
        and not kept[-1].table
        and _is_headline_like(kept[-1].text)
        and word_count(kept[-1].text) <= MAX_TRAILER_WORDS
    ):
        kept.pop()
    return "\n\n".join(line.text for line in kept)


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
