"""Places step: resolution accuracy on the places gold set, and its cost per article.

    .venv/bin/python -m benchmarks.places [--bbc N] [--misses]

Prints:

- the accuracy of ``analytics.places.resolve_places`` on
  ``tests/analytics/data/places_gold.jsonl``, on the dev and the held-out split apart (a
  mention is right when it resolves to the expected GeoNames id, or to nothing when none is
  expected); ``--misses`` lists the wrong ones;
- the time to load the gazetteer (once per process);
- the time of the whole places step per article (recall of untagged places, type repair of
  the model's PERSON and ORG mentions, resolution of every place mention), per 1,000 words,
  on the articles in ``seeds/`` and on the first N (default 300) articles of
  ``../shared/corpus/bbc_news.jsonl`` when that file is there. The model's entities come
  from spaCy first (not timed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from analytics.place_cues import repaired_label
from analytics.place_recall import untagged_places
from analytics.places import PLACE_LABELS, PlaceMention, load_gazetteer, resolve_places

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "analytics" / "data" / "places_gold.jsonl"
BBC = ROOT.parent / "shared" / "corpus" / "bbc_news.jsonl"


def gold_cases(path: Path = GOLD) -> list[dict[str, Any]]:
    """The places gold set, one dict per mention."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def resolved_gold_case(case: dict[str, Any]) -> int | None:
    """The GeoNames id that the places step gives the gold mention, read in its text.

    The text's other places (found as ``untagged_places`` finds them) are the article's
    context, as in the pipeline; the gold mention is added where the recall left it out.
    """
    text, name = case["text"], case["name"]
    start = text.index(name)
    target = PlaceMention(start, start + len(name), name, case.get("label") or "GPE")
    mentions = [
        mention
        for mention in untagged_places(text, [(target.start, target.end)])
        if mention.end <= target.start or mention.start >= target.end
    ]
    mentions.append(target)
    mentions.sort()
    places = resolve_places(mentions, text=text, article_countries=case["article_countries"])
    place = places[mentions.index(target)]
    return None if place is None else place.geonames_id


def gold_accuracy(
    cases: list[dict[str, Any]],
) -> tuple[int, int, list[tuple[dict[str, Any], int | None]]]:
    """(right, total, misses) over ``cases``."""
    right = 0
    misses: list[tuple[dict[str, Any], int | None]] = []
    for case in cases:
        got = resolved_gold_case(case)
        if got == case["geonames_id"]:
            right += 1
        else:
            misses.append((case, got))
    return right, len(cases), misses


#: A model entity: start, end, label, and its sentence's start and text.
Entity = tuple[int, int, str, tuple[int, str]]


def places_step(text: str, entities: list[Entity], sentences: list[tuple[int, int]]) -> int:
    """The whole places step on one article; returns the number of resolved places."""
    mentions: list[tuple[int, int, str, str]] = []
    for start, end, label, sentence in entities:
        sentence_start, sentence_text = sentence
        label = repaired_label(
            text[start:end], label, sentence_text, start - sentence_start, end - sentence_start
        )
        if label in PLACE_LABELS:
            mentions.append((start, end, text[start:end], label))
    spans = [(start, end) for start, end, _, _ in entities]
    mentions.extend(untagged_places(text, spans, sentences))
    mentions.sort()
    return sum(place is not None for place in resolve_places(mentions, text=text))


def articles(limit: int) -> dict[str, list[str]]:
    """Texts by corpus: the seeds, and the first ``limit`` BBC articles when present."""
    corpora: dict[str, list[str]] = {"seeds": []}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        corpora["seeds"].append(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "seeds").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            corpora["seeds"].extend(json.loads(line)["text"] for line in lines if line.strip())
    if BBC.exists() and limit:
        with BBC.open(encoding="utf-8") as lines:
            corpora["bbc"] = [
                json.loads(line)["text"] for _, line in zip(range(limit), lines, strict=False)
            ]
    return corpora


def timings(texts: list[str]) -> tuple[float, float, int]:
    """(median ms per article, ms per 1,000 words, places resolved) of the places step."""
    from analytics.nlp import load_model
    from analytics.settings import load_settings

    nlp = load_model(load_settings().spacy_model)
    prepared: list[tuple[str, list[Entity], list[tuple[int, int]]]] = []
    for doc in nlp.pipe(texts):
        sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        entities: list[Entity] = [
            (ent.start_char, ent.end_char, ent.label_, (ent.sent.start_char, ent.sent.text))
            for ent in doc.ents
        ]
        prepared.append((doc.text, entities, sentences))
    per_article = []
    words = 0
    resolved = 0
    for text, entities, sentences in prepared:
        began = time.perf_counter()
        resolved += places_step(text, entities, sentences)
        per_article.append((time.perf_counter() - began) * 1000)
        words += len(text.split())
    return statistics.median(per_article), sum(per_article) / words * 1000, resolved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=int, default=300, help="BBC articles to time (0: none)")
    parser.add_argument("--misses", action="store_true", help="list the wrong resolutions")
    arguments = parser.parse_args()

    began = time.perf_counter()
    gazetteer = load_gazetteer()
    loaded = time.perf_counter() - began
    print(
        f"gazetteer: {len(gazetteer.places):,} places, {len(gazetteer.names):,} names, "
        f"loaded in {loaded:.1f} s"
    )
    cases = gold_cases()
    for split in ("dev", "heldout"):
        selected = [case for case in cases if case.get("split", "dev") == split]
        right, total, misses = gold_accuracy(selected)
        print(f"gold {split}: {right}/{total} = {right / total:.3f}")
        if arguments.misses:
            for case, got in misses:
                print(f"  {case['name']!r} in {case['text']!r}: {got} != {case['geonames_id']}")
    for corpus, texts in articles(arguments.bbc).items():
        median, per_thousand, resolved = timings(texts)
        print(
            f"{corpus}: {len(texts)} articles, median {median:.2f} ms per article, "
            f"{per_thousand:.2f} ms per 1,000 words, {resolved} places resolved"
        )


if __name__ == "__main__":
    main()
