"""Search text, SQL-free: an article's search document and a user's query, both normalised the
same way, so SQLite's FTS5 and PostgreSQL's full-text search see the same words and give the
same results (the store, ``analytics.store.search``, indexes the documents and runs the queries).

Normalising: Unicode compatibility decomposition (NFKD), combining marks dropped, case folded,
and every run of characters that are neither letters nor digits made one space. So "Café",
"CAFE" and "cafe" are the same word, "well-known" is the two words "well known" and "O'Brien"
is "o brien" (searching "O'Brien" finds the phrase "o brien", so "O'Brien" and "O Brien" find
each other). Words are whole words: "war" finds "war" and "War" but neither "wars" nor
"software" (no stemming, no prefixes).

A query is words and "quoted phrases"; an article matches when it contains all of them (words
anywhere in its title or body, a phrase's words next to each other in that order). A word
written with a hyphen or an apostrophe is a phrase of its parts.

Only the first ``MAX_DOCUMENT_WORDS`` words of an article are searched (PostgreSQL records word
positions up to 16,383, so phrases further on could not be found there), and words longer than
``MAX_WORD_CHARS`` characters are left out (PostgreSQL does not index them).
"""

from __future__ import annotations

import re
import unicodedata

#: Words of an article that are searched: PostgreSQL's word positions stop at 16,383.
MAX_DOCUMENT_WORDS = 16_383
#: Longer "words" (a run of letters with no space, such as a base64 blob) are not searched.
MAX_WORD_CHARS = 100

_NOT_WORD = re.compile(r"[\W_]+")
_QUOTED = re.compile(r'"([^"]*)"?')

Phrase = tuple[str, ...]


def search_words(text: str) -> list[str]:
    """The words of ``text`` as search sees them: accents dropped, case folded, split at every
    character that is not a letter or a digit."""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        plain = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
        # casefolding may compose or decompose again ("ß" -> "ss" is fine; some need NFKD again)
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(char for char in plain if not unicodedata.combining(char))
    return [word for word in _NOT_WORD.split(plain) if word and len(word) <= MAX_WORD_CHARS]


def search_document(title: str, body: str) -> str:
    """The text that search indexes for an article: the words of its title and body, one space
    apart (at most ``MAX_DOCUMENT_WORDS``)."""
    words = search_words(title) + search_words(body)
    return " ".join(words[:MAX_DOCUMENT_WORDS])


def search_phrases(query: str) -> tuple[Phrase, ...]:
    """A user's query as the phrases an article must all contain: each "quoted phrase" and
    each other word (a word with a hyphen or an apostrophe is a phrase of its parts), normalised
    as documents are; repeats removed, in the order typed. An unclosed quote runs to the end."""
    phrases: list[Phrase] = []
    position = 0
    pieces: list[tuple[str, bool]] = []
    for match in _QUOTED.finditer(query):
        pieces.append((query[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((query[position:], False))
    for text, quoted in pieces:
        if quoted:
            phrases.append(tuple(search_words(text)))
        else:
            phrases.extend(tuple(search_words(word)) for word in text.split())
    unique: list[Phrase] = []
    for phrase in phrases:
        if phrase and phrase not in unique:
            unique.append(phrase)
    return tuple(unique)


def fts5_query(phrases: tuple[Phrase, ...]) -> str:
    """The FTS5 MATCH expression for ``phrases``: each one a quoted FTS5 string (so nothing a
    user types is FTS5 syntax), all of them required."""
    return " AND ".join('"' + " ".join(phrase).replace('"', '""') + '"' for phrase in phrases)
