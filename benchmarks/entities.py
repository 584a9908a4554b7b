"""Precision, recall and F1 of named entities on the hand-annotated gold set: bare spaCy
against the project, side by side.

    python benchmarks/entities.py
        [--split dev|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8
         |heldout9|heldout10|heldout11|all]
        [--json]
    python benchmarks/entities.py [--split ...] --errors bare|project
    python benchmarks/entities.py --corpus ../shared/corpus/bbc_news.jsonl --n 500  # cost only

The gold set (``tests/analytics/data/entities_gold/``, see its README) is news-style texts
written for it, every PERSON, ORG, GPE, LOC and NORP mention annotated by hand: a development
two-thirds (``dev``) to look at while working, and a held-out third (``heldout``) to score at
the end only; ``heldout2``, ``heldout3``, ``heldout4``, ``heldout5``, ``heldout6``,
``heldout7``, ``heldout8``, ``heldout9``, ``heldout10`` and ``heldout11`` are a second, a
third, a fourth, a fifth, a sixth, a seventh, an eighth, a ninth, a tenth and an eleventh
held-out set written later, for final checks only (none is part of ``all``).

Two systems, on the same pipeline (``analytics.nlp.load_model``):

- **bare**: spaCy's ``doc.ents`` as they are, text and label, with only the components the
  pipeline had when the gold set was made (``BASE_PIPES``), so a component added later to
  repair entities counts as the project's, not the model's;
- **project**: the project's full per-article entity path, ``project_entities`` (today
  ``analytics.analysis.article_mentions``: spaCy's entities cleaned, repaired and completed
  from the gazetteer, one type per name, places resolved; switch it there when the path
  changes).

Only the five annotated types are scored; other labels (FAC, DATE, EVENT, ...) are not
counted either way. Three ways of scoring, per type and overall (micro-averaged over the five
types), with places also scored as one class PLACE (GPE and LOC together):

- **sets**: each article's set of (normalised name, type), the name as written (for the
  project the mention's cleaned ``alias``); "sets, merged" scores the project's merged entity
  names instead ("Putin" counted as "Vladimir Putin", an acronym's long form as the acronym),
  which the gold, holding names as written, does not merge;
- **exact**: mentions with the same start, end and type;
- **lenient**: mentions of the same type whose spans overlap, matched one to one.

A name is normalised for comparison by ``normalised_name``: case folded, white space
collapsed, a leading "the" and a trailing possessive dropped, quotes, brackets and punctuation
at either end dropped, and periods removed, so "U.S." and "US" are one name but
"Bashar al-Assad,[1" is not "Bashar al-Assad".

The cost is the processor time the project path takes beyond the bare pipeline, in
milliseconds per article (see ``cost_ms``).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from analytics.analysis import article_mentions
from analytics.nlp import load_model
from analytics.settings import DEFAULT_MODEL

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "analytics" / "data" / "entities_gold"
SPLITS = {
    "dev": (GOLD / "entities_gold_dev.jsonl",),
    "heldout": (GOLD / "entities_gold_heldout.jsonl",),
    "heldout2": (GOLD / "entities_gold_heldout2.jsonl",),
    "heldout3": (GOLD / "entities_gold_heldout3.jsonl",),
    "heldout4": (GOLD / "entities_gold_heldout4.jsonl",),
    "heldout5": (GOLD / "entities_gold_heldout5.jsonl",),
    "heldout6": (GOLD / "entities_gold_heldout6.jsonl",),
    "heldout7": (GOLD / "entities_gold_heldout7.jsonl",),
    "heldout8": (GOLD / "entities_gold_heldout8.jsonl",),
    "heldout9": (GOLD / "entities_gold_heldout9.jsonl",),
    "heldout10": (GOLD / "entities_gold_heldout10.jsonl",),
    "heldout11": (GOLD / "entities_gold_heldout11.jsonl",),
    "all": (GOLD / "entities_gold_dev.jsonl", GOLD / "entities_gold_heldout.jsonl"),
}
TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")
PLACE = "PLACE"
PLACE_TYPES = frozenset({"GPE", "LOC"})
#: The rows of a table: the five types, places as one class, and all five types together.
ROWS = (*TYPES, PLACE, "overall")
#: The pipeline's components when the gold set was made: "bare" runs only these.
BASE_PIPES = frozenset({"tok2vec", "sentencizer", "paragraph_sentences", "ner", "lemmatizer"})
METRICS = ("sets", "sets, merged", "exact", "lenient")
EDGES = " \t\n'\"‘’“”«»()[]{}<>,;:!?*·•–—-"
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


class Found(NamedTuple):
    """One entity mention: its span, its name as written (cleaned), its type, and the name
    of the entity it counts under (the same as ``name`` unless merged)."""

    start: int
    end: int
    name: str
    label: str
    entity: str


@dataclass
class Counts:
    """Matches, predictions and gold items of one type."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self) -> dict[str, float | int]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def gold_texts(split: str = "dev") -> list[dict[str, Any]]:
    """The annotated texts of a split: id, text, entities (start, end, text, label)."""
    texts: list[dict[str, Any]] = []
    for path in SPLITS[split]:
        with path.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line) for line in lines if line.strip())
    return texts


def gold_entities(item: dict[str, Any]) -> list[Found]:
    return [
        Found(entity["start"], entity["end"], entity["text"], entity["label"], entity["text"])
        for entity in item["entities"]
    ]


def _bare_doc(nlp: Language, text: str) -> Doc:
    """The text through the components of ``BASE_PIPES`` only."""
    names = [name for name in nlp.pipe_names if name in BASE_PIPES]
    if names == nlp.pipe_names:
        return nlp(text)
    with nlp.select_pipes(enable=names):
        return nlp(text)


def bare_entities(nlp: Language, text: str) -> list[Found]:
    """spaCy's entities as they are, from the components of ``BASE_PIPES`` only."""
    doc = _bare_doc(nlp, text)
    return [Found(ent.start_char, ent.end_char, ent.text, ent.label_, ent.text) for ent in doc.ents]


def project_entities(nlp: Language, text: str) -> list[Found]:
    """The project's entities of one article, as its ingest stores them: the place to switch
    when the project's per-article entity path changes."""
    return [
        Found(
            mention.start_char,
            mention.end_char,
            mention.alias or mention.entity,
            mention.label,
            mention.entity,
        )
        # the ingest passes the text it has (spaCy builds doc.text anew: 1.3 ms on BBC)
        for mention in article_mentions(nlp(text), text=text).mentions
    ]


def normalised_name(name: str) -> str:
    """The name as compared: see the module docstring."""
    name = " ".join(name.split()).casefold()
    previous = None
    while previous != name:
        previous = name
        name = name.strip(EDGES + ".")
        name = POSSESSIVE.sub("", name)
        if name.startswith("the "):
            name = name[4:]
    return name.replace(".", "")


def _scored_label(label: str, places: bool) -> str:
    return PLACE if places and label in PLACE_TYPES else label


def _selected(found: Iterable[Found], places: bool) -> list[Found]:
    """The mentions of the scored types (places as PLACE if ``places``), with a name."""
    return [
        item._replace(label=_scored_label(item.label, places))
        for item in found
        if item.label in TYPES and normalised_name(item.name)
    ]


def set_counts(
    gold: Sequence[Found], predicted: Sequence[Found], *, merged: bool = False
) -> dict[str, Counts]:
    """Per type, the article's set of predicted (name, type) against the gold set.
    ``merged`` compares the predicted entity names instead of the names as written."""
    gold_set = {(normalised_name(item.name), item.label) for item in gold}
    predicted_set = {
        (normalised_name(item.entity if merged else item.name), item.label) for item in predicted
    }
    predicted_set = {name_label for name_label in predicted_set if name_label[0]}
    counts: dict[str, Counts] = {}
    for _, label in gold_set | predicted_set:
        counts.setdefault(label, Counts())
    for name_label in gold_set:
        counts[name_label[1]].gold += 1
        counts[name_label[1]].matched += name_label in predicted_set
    for name_label in predicted_set:
        counts[name_label[1]].predicted += 1
    return counts


def mention_counts(
    gold: Sequence[Found], predicted: Sequence[Found], *, lenient: bool = False
) -> dict[str, Counts]:
    """Per type, the predicted mentions against the gold ones: the same span and type, or
    (``lenient``) overlapping spans of the same type, each gold mention matched at most once."""
    counts: dict[str, Counts] = {}
    for item in gold:
        counts.setdefault(item.label, Counts()).gold += 1
    unmatched = list(gold)
    for item in sorted(predicted, key=lambda found: (found.start, found.end)):
        counts.setdefault(item.label, Counts()).predicted += 1
        for candidate in unmatched:
            same = candidate.start == item.start and candidate.end == item.end
            overlapping = candidate.start < item.end and item.start < candidate.end
            if candidate.label == item.label and (overlapping if lenient else same):
                counts[item.label].matched += 1
                unmatched.remove(candidate)
                break
    return counts


def article_counts(
    gold: Sequence[Found], predicted: Sequence[Found]
) -> dict[str, dict[str, Counts]]:
    """Counts of one article for every metric and every row of ``ROWS``."""
    result: dict[str, dict[str, Counts]] = {}
    for metric in METRICS:
        rows = {row: Counts() for row in ROWS}
        for places in (False, True):
            selected_gold, selected_predicted = (
                _selected(gold, places),
                _selected(predicted, places),
            )
            if metric.startswith("sets"):
                counts = set_counts(selected_gold, selected_predicted, merged=metric != "sets")
            else:
                counts = mention_counts(
                    selected_gold, selected_predicted, lenient=metric == "lenient"
                )
            for label, label_counts in counts.items():
                if places and label == PLACE:
                    rows[PLACE].add(label_counts)
                elif not places:
                    rows[label].add(label_counts)
                    rows["overall"].add(label_counts)
        result[metric] = rows
    return result


System = Callable[[Language, str], list[Found]]
SYSTEMS: dict[str, System] = {"bare": bare_entities, "project": project_entities}


def evaluation(
    nlp: Language, texts: Sequence[dict[str, Any]], systems: dict[str, System] = SYSTEMS
) -> dict[str, dict[str, dict[str, dict[str, float | int]]]]:
    """metric -> system -> row -> precision, recall, F1 and counts, over the texts."""
    totals = {
        metric: {system: {row: Counts() for row in ROWS} for system in systems}
        for metric in METRICS
    }
    for item in texts:
        gold = gold_entities(item)
        for system, entities in systems.items():
            for metric, rows in article_counts(gold, entities(nlp, item["text"])).items():
                for row, counts in rows.items():
                    totals[metric][system][row].add(counts)
    return {
        metric: {
            system: {row: counts.scores() for row, counts in rows.items()}
            for system, rows in by_system.items()
        }
        for metric, by_system in totals.items()
    }


def errors(nlp: Language, texts: Sequence[dict[str, Any]], system: System) -> list[str]:
    """Each article's missed and extra (name, type) pairs of the sets metric."""
    lines = []
    for item in texts:
        gold = {(normalised_name(f.name), f.label) for f in _selected(gold_entities(item), False)}
        found = _selected(system(nlp, item["text"]), False)
        predicted = {(normalised_name(f.name), f.label) for f in found}
        for name, label in sorted(gold - predicted):
            lines.append(f"{item['id']:10} missed {label:6} {name}")
        for name, label in sorted(predicted - gold):
            lines.append(f"{item['id']:10} extra  {label:6} {name}")
    return lines


def cost_ms(nlp: Language, texts: Sequence[str], *, rounds: int = 5) -> dict[str, float]:
    """Milliseconds of processor time per article of the bare pipeline and of the project
    path, and the difference. The two run one after the other on each text, in alternating
    order, and each text counts with its fastest of ``rounds`` runs: processor time and
    minimums keep other processes on the machine out of the figure."""

    def project(text: str) -> None:
        project_entities(nlp, text)

    def bare(text: str) -> None:
        _bare_doc(nlp, text)

    for text in texts[:5]:
        bare(text)
        project(text)
    best = {"bare": [float("inf")] * len(texts), "project": [float("inf")] * len(texts)}
    for round_ in range(rounds):
        order = [("bare", bare), ("project", project)]
        for index, text in enumerate(texts):
            for name, run in order if round_ % 2 == 0 else order[::-1]:
                start = time.process_time()
                run(text)
                best[name][index] = min(best[name][index], time.process_time() - start)
    bare_ms = 1000 * sum(best["bare"]) / len(texts)
    project_ms = 1000 * sum(best["project"]) / len(texts)
    return {
        "bare_ms": round(bare_ms, 2),
        "project_ms": round(project_ms, 2),
        "added_ms": round(project_ms - bare_ms, 2),
    }


def table(results: dict[str, dict[str, dict[str, float | int]]]) -> str:
    """One metric's results, the systems side by side, a row per type."""
    systems = list(results)
    header = f"{'':8} {'gold':>5} " + " ".join(
        f"| {system[:14]:>14} {'P':>5} {'R':>5} {'F1':>5}" for system in systems
    )
    lines = [header]
    for row in ROWS:
        gold = results[systems[0]][row]["gold"]
        cells = " ".join(
            f"| {results[s][row]['predicted']:>14} {results[s][row]['precision']:5.3f} "
            f"{results[s][row]['recall']:5.3f} {results[s][row]['f1']:5.3f}"
            for s in systems
        )
        lines.append(f"{row:8} {gold:>5} {cells}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=list(SPLITS), default="dev")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", action="store_true", help="print machine-readable output")
    parser.add_argument("--errors", choices=list(SYSTEMS), help="list one system's set errors")
    parser.add_argument("--corpus", type=Path, help="time the cost on a JSONL corpus instead")
    parser.add_argument("--n", type=int, default=500, help="articles of --corpus to time")
    args = parser.parse_args()
    nlp = load_model(args.model)
    if args.corpus is not None:
        with args.corpus.open(encoding="utf-8") as lines:
            corpus = [
                json.loads(line)["text"] for line, _ in zip(lines, range(args.n), strict=False)
            ]
        print(json.dumps({"n_articles": len(corpus), **cost_ms(nlp, corpus, rounds=3)}))
        return
    texts = gold_texts(args.split)
    if args.errors:
        print("\n".join(errors(nlp, texts, SYSTEMS[args.errors])))
        return
    results = evaluation(nlp, texts)
    cost = cost_ms(nlp, [item["text"] for item in texts])
    n_gold = sum(len(item["entities"]) for item in texts)
    if args.json:
        print(
            json.dumps(
                {
                    "split": args.split,
                    "model": args.model,
                    "n_texts": len(texts),
                    "n_gold_mentions": n_gold,
                    "scores": results,
                    "cost": cost,
                }
            )
        )
        return
    print(f"split {args.split}: {len(texts)} texts, {n_gold} gold mentions, model {args.model}")
    for metric in METRICS:
        by_system = results[metric]
        systems = {"project": by_system["project"]} if metric == "sets, merged" else by_system
        if metric == "sets, merged":
            print("\nsets, merged (the project's merged entity names; bare is as in sets)")
        else:
            print(f"\n{metric}")
        print(table(systems))
    print(
        f"\ncost per article: bare {cost['bare_ms']} ms, project {cost['project_ms']} ms, "
        f"added {cost['added_ms']} ms"
    )


if __name__ == "__main__":
    main()
