"""Word frequency: words, lemmas and n-grams counted from a spaCy ``Doc``, and corpus totals.

A *word* is a token made of letters, with inner apostrophes allowed ("o'clock"); words joined
by a hyphen with no space count as one ("well-known"). Numbers, punctuation, possessive "'s",
units glued to a number ("5pm"), URLs and e-mail addresses never count; markup is blanked out
before the analysis (``analytics.cleaning.mask_markup``). Words are case folded.

An n-gram is a run of n words inside one sentence with nothing but white space between them.
It counts as a stop-word n-gram when it begins or ends with a stop word ("of the", "the
Kremlin"), so that "fall of Assad" survives stop-word removal while "of the" does not.

News words (``NEWS_STOP_WORDS``) are a short second list, left out on top of the stop words
where a page removes them: the reporting verbs and honorifics that lead every list of a news
corpus and say nothing about its subject ("said", "told", "Mr"). They are applied when the
terms are read, not stored (``analytics.store.words``), with the stop-word rule: a word in the
list, or an n-gram that begins or ends with one ("Mr Blair", "Blair said"), is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import pandas as pd
import spacy
from spacy.tokens import Doc, Token

from analytics.language import is_english

WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")
HYPHENS = {"-", "‐", "‑"}
MAX_N = 3

#: News words, left out with the stop words (see the module docstring). Reporting verbs in the
#: forms that spaCy's stop list lacks ("say" is already in it, so are "also", "would" and
#: "could"), "according" (of "according to"), and the honorifics written without a full stop
#: in British style ("Mr Blair"; "Mr." is not a word). Only words that carry no subject of
#: their own: "year", "people" or "government" say what a corpus is about and stay.
NEWS_STOP_WORDS: frozenset[str] = frozenset(
    {"said", "says", "saying", "told", "tells", "added", "according", "mr", "mrs", "ms", "dr"}
)


class TermRow(NamedTuple):
    """One distinct term of one article, as stored."""

    n: int
    term: str
    lemma: str
    is_stop: bool
    n_occurrences: int


class Word(NamedTuple):
    """A word as counted: its case-folded form, lemma and whether it is a stop word."""

    lower: str
    lemma: str
    is_stop: bool


def _is_word(token: Token) -> bool:
    if not WORD.match(token.text):
        return False
    previous = token.nbor(-1) if token.i > 0 else None
    return not (previous is not None and previous.like_num and not previous.whitespace_)


@lru_cache(maxsize=32)
def stop_words_for(language: str) -> frozenset[str]:
    """spaCy's stop-word list for a language (empty when spaCy has none for it)."""
    try:
        return frozenset(spacy.util.get_lang_class(language).Defaults.stop_words)
    except (ImportError, KeyError):
        return frozenset()


def _as_word(token: Token, stop_words: frozenset[str] | None) -> Word:
    if stop_words is None:  # English: the model's lemmas and stop words
        return Word(token.lower_, (token.lemma_ or token.text).lower(), token.is_stop)
    return Word(token.lower_, token.lower_, token.lower_ in stop_words)


def _word_runs(doc: Doc, stop_words: frozenset[str] | None) -> Iterable[list[Word]]:
    """Runs of consecutive words inside each sentence; any other token ends a run."""
    for sentence in doc.sents:
        run: list[Word] = []
        tokens = list(sentence)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not _is_word(token):
                if run:
                    yield run
                run = []
                i += 1
                continue
            word = _as_word(token, stop_words)
            # "well-known": spaCy splits at the hyphen; join the parts back into one word.
            while (
                i + 2 < len(tokens)
                and not tokens[i].whitespace_
                and tokens[i + 1].text in HYPHENS
                and not tokens[i + 1].whitespace_
                and WORD.match(tokens[i + 2].text)
            ):
                joined = f"{word.lower}-{tokens[i + 2].lower_}"
                word = Word(joined, joined, False)
                i += 2
            run.append(word)
            i += 1
        if run:
            yield run


def term_rows(doc: Doc, *, language: str = "en", max_n: int = MAX_N) -> list[TermRow]:
    """Every distinct word and n-gram (n = 1..max_n) of the document with its count.

    For English, lemmas and stop words come from the model; for another language, lemmas are
    the word forms (the English lemmatizer does not apply) and stop words come from spaCy's
    list for that language.
    """
    stop_words = None if is_english(language) else stop_words_for(language)
    counts: Counter[tuple[int, str, str, bool]] = Counter()
    for run in _word_runs(doc, stop_words):
        lowers = [word.lower for word in run]
        lemmas = [word.lemma for word in run]
        stops = [word.is_stop for word in run]
        for n in range(1, max_n + 1):
            for i in range(len(run) - n + 1):
                key = (
                    n,
                    " ".join(lowers[i : i + n]),
                    " ".join(lemmas[i : i + n]),
                    stops[i] or stops[i + n - 1],
                )
                counts[key] += 1
    return [
        TermRow(n, term, lemma, stop, count) for (n, term, lemma, stop), count in counts.items()
    ]


def word_frequencies(
    rows: pd.DataFrame,
    *,
    n: int = 1,
    stop_words: bool = False,
    lemmas: bool = False,
    top: int | None = None,
) -> pd.DataFrame:
    """Terms with their occurrences and the number of articles using them, most frequent first.

    ``rows`` has the columns of ``TermRow`` plus ``article_id``. Stop words are left out unless
    ``stop_words`` is true; ``lemmas`` counts lemmas instead of word forms.
    """
    column = "lemma" if lemmas else "term"
    selected = rows[rows["n"] == n]
    if not stop_words:
        selected = selected[~selected["is_stop"].astype(bool)]
    totals = (
        selected.groupby(column)
        .agg(n_occurrences=("n_occurrences", "sum"), n_articles=("article_id", "nunique"))
        .reset_index()
        .rename(columns={column: "term"})
        .sort_values(["n_occurrences", "term"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    return totals if top is None else totals.head(top)
