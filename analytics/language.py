"""Language identification of article text, offline (py3langid ships its model).

An article's language decides which analyses apply: textstat's English formulas, the English
word lists behind Dale-Chall and difficult words, and the English NER model are used only for
English; for other languages those results are marked not applicable instead of shown as
numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Below this many letters, identification is a guess: the language stays unknown ("").
MIN_LETTERS = 40
SAMPLE_CHARS = 5_000
ENGLISH = "en"
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "" when the text is too short to tell.

    Only the first ``SAMPLE_CHARS`` characters are read, so a huge text costs no more than a
    long article.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return ""
    code, _probability = _identifier().classify(sample)
    return str(code)


def is_english(language: str) -> bool:
    """Whether a language code means English; an unknown language ("") counts as English."""
    code = language.strip().lower()
    return code in ("", ENGLISH) or code.startswith(("en-", "en_"))
