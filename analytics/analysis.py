"""One article's full analysis: readability, sentences, word counts, entity mentions, places,
quotes.

``analyse_articles`` streams articles through spaCy's ``nlp.pipe`` in batches and yields one
``ArticleAnalysis`` per article, in order, holding nothing else in memory. Everything here
runs in one process; ``analytics.workers`` runs it in worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import tee
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from analytics.article_entities import ArticleEntities, MentionNote, consistent_mentions
from analytics.cleaning import mask_markup
from analytics.duplicates import signature
from analytics.entities import Mention, entity_mentions, sentence_offsets
from analytics.frequency import WORD, TermRow, term_rows
from analytics.gazetteer import Place
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
    #: One note per mention: the model's label and the mention's place (``article_entities``).
    notes: list[MentionNote] = field(default_factory=list)
    #: The article's places on the gazetteer, each once.
    places: list[Place] = field(default_factory=list)


def sentences_of(doc: Doc, *, text: str | None = None) -> list[Sentence]:
    """The document's sentences with their offsets (trailing white space excluded); ``text``
    is ``doc.text``, when the caller has it (each sentence is then cut from it, not joined
    from its tokens)."""
    sentences = []
    for span in doc.sents:
        sentence = span.text if text is None else text[span.start_char : span.end_char]
        end = span.start_char + len(sentence.rstrip())
        n_words = sum(1 for token in span if WORD.match(token.text))
        sentences.append(Sentence(span.start_char, end, n_words))
    return sentences


def article_mentions(
    doc: Doc, sentences: list[Sentence] | None = None, *, text: str | None = None
) -> ArticleEntities:
    """The document's entity mentions as stored: spaCy's, cleaned and merged within the
    article (``entities.entity_mentions``), then made consistent with the gazetteer and with
    each other (``article_entities.consistent_mentions``). ``text`` is ``doc.text``, when the
    caller has it already (spaCy builds it anew each time)."""
    text = doc.text if text is None else text
    spans = (
        [(sentence.start_char, sentence.end_char) for sentence in sentences]
        if sentences
        else sentence_offsets(doc)
    )
    covered = [(ent.start_char, ent.end_char) for ent in doc.ents]
    return consistent_mentions(entity_mentions(doc, text=text), text, spans, covered)


def _computed(doc: Doc, text: str, language: str) -> dict[str, Any]:
    """Every result of one document (``text`` is ``doc.text``), for the given language."""
    scores = readability_scores(text, language=language)
    sentences = sentences_of(doc, text=text)
    entities = (
        article_mentions(doc, sentences, text=text)
        if is_english(language)
        else ArticleEntities(mentions=[], notes=[], places=[])
    )
    return {
        "readability": scores,
        "flags": reliability_flags(scores, language=language),
        "sentences": sentences,
        "terms": term_rows(doc, language=language),
        "mentions": entities.mentions,
        "notes": entities.notes,
        "places": entities.places,
        "signature": signature(text),
        "quotes": direct_quotes(text, entities.mentions) if is_english(language) else [],
    }


def analyse_doc(article: Article, doc: Doc) -> ArticleAnalysis:
    """The analysis of an article whose masked body spaCy has processed into ``doc``.

    An article without a language tag gets the language detected in its text (left empty
    when the text is too short to tell, and then analysed as English). Entities and
    quotations are found only in English articles (the model and the reporting verbs are
    English); for other languages there are none, and the pages say that they are not
    available for the language.

    ``doc.text`` is ``mask_markup(article.body)``: the same length, so every offset stored
    points into the body.
    """
    text = doc.text  # built from the tokens: once
    if not article.language:
        article = article.with_changes(language=detect_language(text))
    return ArticleAnalysis(article=article, **_computed(doc, text, article.language or ENGLISH))


def analyse_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[ArticleAnalysis]:
    """Analyses of the articles, in order, computed in batches with ``nlp.pipe`` in this
    process (``analytics.workers`` runs this in worker processes)."""
    to_pipe, to_pair = tee(articles)
    texts = (mask_markup(article.body) for article in to_pipe)
    docs = nlp.pipe(texts, batch_size=batch_size)
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
