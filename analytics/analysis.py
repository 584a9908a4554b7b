"""One article's full analysis: readability, sentences, word counts, entity mentions, quotes.

``analyse_articles`` streams articles through spaCy's ``nlp.pipe`` in batches and yields one
``ArticleAnalysis`` per article, in order, holding nothing else in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import tee
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from analytics.cleaning import mask_markup
from analytics.duplicates import signature
from analytics.entities import Mention, entity_mentions
from analytics.frequency import WORD, TermRow, term_rows
from analytics.language import ENGLISH, detect_language, is_english
from analytics.models import Article
from analytics.quotes import Quote, direct_quotes
from analytics.readability import readability_scores, reliability_flags

DEFAULT_BATCH_SIZE = 64


class Sentence(NamedTuple):
    """One sentence of an article's body: its character offsets and its number of words."""

    start_char: int
    end_char: int
    n_words: int


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything computed for one article, ready to be stored."""

    article: Article
    readability: dict[str, float | int | None]
    flags: dict[str, str]
    sentences: list[Sentence]
    terms: list[TermRow]
    mentions: list[Mention]
    quotes: list[Quote]
    #: The MinHash signature of the body's word shingles (``analytics.duplicates``).
    signature: bytes = b""


def sentences_of(doc: Doc) -> list[Sentence]:
    """The document's sentences with their offsets (trailing white space excluded)."""
    sentences = []
    for span in doc.sents:
        text = span.text
        end = span.start_char + len(text.rstrip())
        n_words = sum(1 for token in span if WORD.match(token.text))
        sentences.append(Sentence(span.start_char, end, n_words))
    return sentences


RESULTS_KEY = "article_analysis"


def _computed(doc: Doc, language: str) -> dict[str, Any]:
    """Every result of one document, as plain data (it travels between processes)."""
    scores = readability_scores(doc.text, language=language)
    mentions = entity_mentions(doc) if is_english(language) else []
    return {
        "language": language,
        "readability": scores,
        "flags": reliability_flags(scores, language=language),
        "sentences": sentences_of(doc),
        "terms": term_rows(doc, language=language),
        "mentions": mentions,
        "signature": signature(doc.text),
        "quotes": direct_quotes(doc.text, mentions) if is_english(language) else [],
    }


@Language.component("article_analysis")
def article_analysis(doc: Doc) -> Doc:
    """Compute the analysis inside the pipeline, for the language detected in the text.

    When spaCy runs in worker processes, everything beyond NER then runs there too, and only
    storing is left to the main process.
    """
    doc.user_data[RESULTS_KEY] = _computed(doc, detect_language(doc.text) or ENGLISH)
    return doc


def analyse_doc(article: Article, doc: Doc) -> ArticleAnalysis:
    """The analysis of an article whose masked body spaCy has processed into ``doc``.

    Entities and quotations are found only in English articles (the model and the reporting
    verbs are English); for other languages there are none, and the pages say that they are
    not available for the language. The
    results that the ``article_analysis`` component computed are used when it assumed the
    article's language; otherwise they are computed here.

    ``doc.text`` is ``mask_markup(article.body)``: the same length, so every offset stored
    points into the body.
    """
    language = article.language or ENGLISH
    results = doc.user_data.get(RESULTS_KEY)
    if results is None or results["language"] != language:
        results = _computed(doc, language)
    return ArticleAnalysis(
        article=article,
        readability=dict(results["readability"]),
        flags=dict(results["flags"]),
        sentences=[Sentence(*row) for row in results["sentences"]],
        terms=[TermRow(*row) for row in results["terms"]],
        mentions=[Mention(*row) for row in results["mentions"]],
        signature=results["signature"],
        quotes=[Quote(*row) for row in results["quotes"]],
    )


def analyse_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ArticleAnalysis]:
    """Analyses of the articles, in order, computed in batches with ``nlp.pipe``.

    With ``n_process`` above 1, spaCy runs in that many worker processes while this one
    computes readability and counts and stores: on two cores the work beyond NER then
    overlaps with it (worth it for a bulk load, not for one upload).
    """
    # Texts, not (text, article) pairs: given pairs, spaCy makes every Doc in this process and
    # sends it serialised to the workers; given texts, the workers tokenize them.
    to_pipe, to_pair = tee(articles)
    texts = (mask_markup(article.body) for article in to_pipe)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for doc, article in zip(docs, to_pair, strict=True):
        yield analyse_doc(article, doc)


WARM_UP_TEXT = (
    "Ministers met in Brussels on Monday to agree the budget. The talks lasted all night, "
    "officials said, and ended with a deal on farming and energy."
)


def warm_up(nlp: Language) -> None:
    """Load everything the first analysis would otherwise load on the way (textstat's
    dictionary, the language identifier), so the first upload is as quick as the next."""
    detect_language(WARM_UP_TEXT)
    list(analyse_articles([Article(body=WARM_UP_TEXT, title="warm-up")], nlp))
