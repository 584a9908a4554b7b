"""Build the entity gold set's JSONL files from the hand-annotated source ``annotated.txt``.

    python tests/analytics/data/entities_gold/build.py [--force]
    python tests/analytics/data/entities_gold/build.py --heldout N [--force]


``annotated.txt`` holds one text per block: a line ``=== <id>`` and then the text, its
paragraphs one a line, each entity mention written in place as ``{surface|X}`` with X one of
P (PERSON), O (ORG), G (GPE), L (LOC), N (NORP). The markup is removed and the character
offsets of every mention computed from it, so they are exact. The texts are split at random
with a fixed seed, a third of each domain (the id's prefix) held out, into
``entities_gold_dev.jsonl`` and ``entities_gold_heldout.jsonl``. The split was made once, before
any scoring; the files are not rewritten unless ``--force`` is given.

``--heldout N`` (N from 2 to 11; also written ``--heldoutN``) builds the N-th held-out set
instead: every text of ``annotated_heldoutN.txt`` (same format, same checks, not split) into
``entities_gold_heldoutN.jsonl``, none sharing an id or a text with ``annotated.txt`` or an
earlier held-out set's source.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "annotated.txt"
DEV = HERE / "entities_gold_dev.jsonl"
HELDOUT = HERE / "entities_gold_heldout.jsonl"
SOURCE_HELDOUT2 = HERE / "annotated_heldout2.txt"
HELDOUT2 = HERE / "entities_gold_heldout2.jsonl"
SOURCE_HELDOUT3 = HERE / "annotated_heldout3.txt"
HELDOUT3 = HERE / "entities_gold_heldout3.jsonl"
SOURCE_HELDOUT4 = HERE / "annotated_heldout4.txt"
HELDOUT4 = HERE / "entities_gold_heldout4.jsonl"
SOURCE_HELDOUT5 = HERE / "annotated_heldout5.txt"
HELDOUT5 = HERE / "entities_gold_heldout5.jsonl"
SOURCE_HELDOUT6 = HERE / "annotated_heldout6.txt"
HELDOUT6 = HERE / "entities_gold_heldout6.jsonl"
SOURCE_HELDOUT7 = HERE / "annotated_heldout7.txt"
HELDOUT7 = HERE / "entities_gold_heldout7.jsonl"
SOURCE_HELDOUT8 = HERE / "annotated_heldout8.txt"
HELDOUT8 = HERE / "entities_gold_heldout8.jsonl"
SOURCE_HELDOUT9 = HERE / "annotated_heldout9.txt"
HELDOUT9 = HERE / "entities_gold_heldout9.jsonl"
SOURCE_HELDOUT10 = HERE / "annotated_heldout10.txt"
HELDOUT10 = HERE / "entities_gold_heldout10.jsonl"
SOURCE_HELDOUT11 = HERE / "annotated_heldout11.txt"
HELDOUT11 = HERE / "entities_gold_heldout11.jsonl"
SEED = 12
LABELS = {"P": "PERSON", "O": "ORG", "G": "GPE", "L": "LOC", "N": "NORP"}
MARKUP = re.compile(r"\{([^{}|]+)\|([A-Z])\}")
MIN_WORDS, MAX_WORDS = 80, 250


def parsed_text(text_id: str, marked: str) -> dict[str, Any]:
    """One annotated text: its plain text and its mentions with exact character offsets."""
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    length = 0
    position = 0
    for match in MARKUP.finditer(marked):
        before = marked[position : match.start()]
        parts.append(before)
        length += len(before)
        surface, code = match.group(1), match.group(2)
        if code not in LABELS:
            raise ValueError(f"{text_id}: unknown label {code!r} on {surface!r}")
        if surface != surface.strip():
            raise ValueError(f"{text_id}: white space at the edge of {surface!r}")
        entities.append(
            {"start": length, "end": length + len(surface), "text": surface, "label": LABELS[code]}
        )
        parts.append(surface)
        length += len(surface)
        position = match.end()
    parts.append(marked[position:])
    text = "".join(parts)
    if any(character in text for character in "{}|"):
        raise ValueError(f"{text_id}: markup left in the text")
    for entity in entities:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    n_words = len(text.split())
    if not MIN_WORDS <= n_words <= MAX_WORDS:
        raise ValueError(f"{text_id}: {n_words} words, not {MIN_WORDS} to {MAX_WORDS}")
    return {"id": text_id, "text": text, "entities": entities}


def annotated_texts(source: Path = SOURCE) -> list[dict[str, Any]]:
    """Every text of the source, in its order."""
    texts: list[dict[str, Any]] = []
    text_id: str | None = None
    lines: list[str] = []
    for line in [*source.read_text(encoding="utf-8").splitlines(), "=== "]:
        if line.startswith("=== "):
            if text_id is not None:
                texts.append(parsed_text(text_id, "\n".join(lines).strip()))
            text_id, lines = line[4:].strip(), []
        else:
            lines.append(line)
    ids = [text["id"] for text in texts]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate text ids")
    return texts


def heldout_ids(ids: list[str], *, seed: int = SEED) -> set[str]:
    """A third of each domain's texts (rounded), drawn at random with a fixed seed."""
    domains: dict[str, list[str]] = defaultdict(list)
    for text_id in ids:
        domains[text_id.rsplit("-", 1)[0]].append(text_id)
    generator = random.Random(seed)
    held: set[str] = set()
    for domain in sorted(domains):
        members = sorted(domains[domain])
        held.update(generator.sample(members, round(len(members) / 3)))
    return held


def write(path: Path, texts: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps(text, ensure_ascii=False) + "\n")


#: The held-out sets written after the first, by number, and their names in messages.
HELDOUT_SETS = {
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
    11: "eleventh",
}


def write_heldout(number: int, *, force: bool = False) -> None:
    """The ``number``-th held-out set: all of ``annotated_heldout<number>.txt``, checked
    against ``annotated.txt`` and every earlier held-out set's source."""
    name = HELDOUT_SETS[number]
    sources = [SOURCE, *(HERE / f"annotated_heldout{n}.txt" for n in range(2, number))]
    earlier = [text for source in sources for text in annotated_texts(source)]
    texts = annotated_texts(HERE / f"annotated_heldout{number}.txt")
    listed = ", ".join(source.name for source in sources)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(f"an id of the {name} held-out set is in one of {listed}")
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(f"a text of the {name} held-out set is in one of {listed}")
    target = HERE / f"entities_gold_heldout{number}.jsonl"
    if target.exists() and not force:
        raise SystemExit(f"the {name} held-out set is written already (use --force to rewrite it)")
    write(target, texts)
    print(f"{len(texts)} texts in the {name} held-out set")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="rewrite existing files")
    parser.add_argument(
        "--heldout", type=int, choices=sorted(HELDOUT_SETS), help="build a held-out set instead"
    )
    for number, name in HELDOUT_SETS.items():  # the older spelling: --heldout2 ... --heldout11
        parser.add_argument(
            f"--heldout{number}", action="store_true", help=f"build the {name} held-out set"
        )
    args = parser.parse_args()
    chosen = [number for number in HELDOUT_SETS if getattr(args, f"heldout{number}")]
    if args.heldout is not None:
        chosen.append(args.heldout)
    if len(set(chosen)) > 1:
        parser.error("the held-out sets are built into different files: give one")
    if chosen:
        write_heldout(chosen[0], force=args.force)
        return
    texts = annotated_texts()
    held = heldout_ids([text["id"] for text in texts])
    if (DEV.exists() or HELDOUT.exists()) and not args.force:
        raise SystemExit("the split is written already (use --force to rewrite it)")
    write(DEV, [text for text in texts if text["id"] not in held])
    write(HELDOUT, [text for text in texts if text["id"] in held])
    print(f"{len(texts) - len(held)} dev texts, {len(held)} held out")


if __name__ == "__main__":
    main()
