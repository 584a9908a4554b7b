"""Build the entity gold set's JSONL files from the hand-annotated source ``annotated.txt``.

    python tests/analytics/data/entities_gold/build.py [--force]
    python tests/analytics/data/entities_gold/build.py --heldout2 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout3 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout4 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout5 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout6 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout7 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout8 [--force]
    python tests/analytics/data/entities_gold/build.py --heldout9 [--force]

``annotated.txt`` holds one text per block: a line ``=== <id>`` and then the text, its
paragraphs one a line, each entity mention written in place as ``{surface|X}`` with X one of
P (PERSON), O (ORG), G (GPE), L (LOC), N (NORP). The markup is removed and the character
offsets of every mention computed from it, so they are exact. The texts are split at random
with a fixed seed, a third of each domain (the id's prefix) held out, into
``entities_gold_dev.jsonl`` and ``entities_gold_heldout.jsonl``. The split was made once, before
any scoring; the files are not rewritten unless ``--force`` is given.

``--heldout2`` builds the second held-out set instead: every text of
``annotated_heldout2.txt`` (same format, same checks, not split) into
``entities_gold_heldout2.jsonl``, none sharing an id or a text with ``annotated.txt``.

``--heldout3`` builds the third held-out set the same way: every text of
``annotated_heldout3.txt`` into ``entities_gold_heldout3.jsonl``, none sharing an id or a text
with ``annotated.txt`` or ``annotated_heldout2.txt``.

``--heldout4`` builds the fourth held-out set the same way: every text of
``annotated_heldout4.txt`` into ``entities_gold_heldout4.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt`` or ``annotated_heldout3.txt``.

``--heldout5`` builds the fifth held-out set the same way: every text of
``annotated_heldout5.txt`` into ``entities_gold_heldout5.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt``, ``annotated_heldout3.txt`` or
``annotated_heldout4.txt``.

``--heldout6`` builds the sixth held-out set the same way: every text of
``annotated_heldout6.txt`` into ``entities_gold_heldout6.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt``, ``annotated_heldout3.txt``,
``annotated_heldout4.txt`` or ``annotated_heldout5.txt``.

``--heldout7`` builds the seventh held-out set the same way: every text of
``annotated_heldout7.txt`` into ``entities_gold_heldout7.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt``, ``annotated_heldout3.txt``,
``annotated_heldout4.txt``, ``annotated_heldout5.txt`` or ``annotated_heldout6.txt``.

``--heldout8`` builds the eighth held-out set the same way: every text of
``annotated_heldout8.txt`` into ``entities_gold_heldout8.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt``, ``annotated_heldout3.txt``,
``annotated_heldout4.txt``, ``annotated_heldout5.txt``, ``annotated_heldout6.txt`` or
``annotated_heldout7.txt``.

``--heldout9`` builds the ninth held-out set the same way: every text of
``annotated_heldout9.txt`` into ``entities_gold_heldout9.jsonl``, none sharing an id or a text
with ``annotated.txt``, ``annotated_heldout2.txt``, ``annotated_heldout3.txt``,
``annotated_heldout4.txt``, ``annotated_heldout5.txt``, ``annotated_heldout6.txt``,
``annotated_heldout7.txt`` or ``annotated_heldout8.txt``.
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


def write_heldout2(*, force: bool = False) -> None:
    """The second held-out set: all of ``annotated_heldout2.txt``, checked against the first."""
    first = annotated_texts()
    texts = annotated_texts(SOURCE_HELDOUT2)
    if {text["id"] for text in texts} & {text["id"] for text in first}:
        raise ValueError("an id of the second held-out set is in annotated.txt")
    if {text["text"] for text in texts} & {text["text"] for text in first}:
        raise ValueError("a text of the second held-out set is in annotated.txt")
    if HELDOUT2.exists() and not force:
        raise SystemExit("the second held-out set is written already (use --force to rewrite it)")
    write(HELDOUT2, texts)
    print(f"{len(texts)} texts in the second held-out set")


def write_heldout3(*, force: bool = False) -> None:
    """The third held-out set: all of ``annotated_heldout3.txt``, checked against the others."""
    earlier = [*annotated_texts(), *annotated_texts(SOURCE_HELDOUT2)]
    texts = annotated_texts(SOURCE_HELDOUT3)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the third held-out set is in annotated.txt or annotated_heldout2.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the third held-out set is in annotated.txt or annotated_heldout2.txt"
        )
    if HELDOUT3.exists() and not force:
        raise SystemExit("the third held-out set is written already (use --force to rewrite it)")
    write(HELDOUT3, texts)
    print(f"{len(texts)} texts in the third held-out set")


def write_heldout4(*, force: bool = False) -> None:
    """The fourth held-out set: all of ``annotated_heldout4.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
    ]
    texts = annotated_texts(SOURCE_HELDOUT4)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the fourth held-out set is in annotated.txt, annotated_heldout2.txt"
            " or annotated_heldout3.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the fourth held-out set is in annotated.txt, annotated_heldout2.txt"
            " or annotated_heldout3.txt"
        )
    if HELDOUT4.exists() and not force:
        raise SystemExit("the fourth held-out set is written already (use --force to rewrite it)")
    write(HELDOUT4, texts)
    print(f"{len(texts)} texts in the fourth held-out set")


def write_heldout5(*, force: bool = False) -> None:
    """The fifth held-out set: all of ``annotated_heldout5.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
        *annotated_texts(SOURCE_HELDOUT4),
    ]
    texts = annotated_texts(SOURCE_HELDOUT5)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the fifth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt or annotated_heldout4.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the fifth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt or annotated_heldout4.txt"
        )
    if HELDOUT5.exists() and not force:
        raise SystemExit("the fifth held-out set is written already (use --force to rewrite it)")
    write(HELDOUT5, texts)
    print(f"{len(texts)} texts in the fifth held-out set")


def write_heldout6(*, force: bool = False) -> None:
    """The sixth held-out set: all of ``annotated_heldout6.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
        *annotated_texts(SOURCE_HELDOUT4),
        *annotated_texts(SOURCE_HELDOUT5),
    ]
    texts = annotated_texts(SOURCE_HELDOUT6)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the sixth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt or annotated_heldout5.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the sixth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt or annotated_heldout5.txt"
        )
    if HELDOUT6.exists() and not force:
        raise SystemExit("the sixth held-out set is written already (use --force to rewrite it)")
    write(HELDOUT6, texts)
    print(f"{len(texts)} texts in the sixth held-out set")


def write_heldout7(*, force: bool = False) -> None:
    """The seventh held-out set: all of ``annotated_heldout7.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
        *annotated_texts(SOURCE_HELDOUT4),
        *annotated_texts(SOURCE_HELDOUT5),
        *annotated_texts(SOURCE_HELDOUT6),
    ]
    texts = annotated_texts(SOURCE_HELDOUT7)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the seventh held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt"
            " or annotated_heldout6.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the seventh held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt"
            " or annotated_heldout6.txt"
        )
    if HELDOUT7.exists() and not force:
        raise SystemExit("the seventh held-out set is written already (use --force to rewrite it)")
    write(HELDOUT7, texts)
    print(f"{len(texts)} texts in the seventh held-out set")


def write_heldout8(*, force: bool = False) -> None:
    """The eighth held-out set: all of ``annotated_heldout8.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
        *annotated_texts(SOURCE_HELDOUT4),
        *annotated_texts(SOURCE_HELDOUT5),
        *annotated_texts(SOURCE_HELDOUT6),
        *annotated_texts(SOURCE_HELDOUT7),
    ]
    texts = annotated_texts(SOURCE_HELDOUT8)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the eighth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt,"
            " annotated_heldout6.txt or annotated_heldout7.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the eighth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt,"
            " annotated_heldout6.txt or annotated_heldout7.txt"
        )
    if HELDOUT8.exists() and not force:
        raise SystemExit("the eighth held-out set is written already (use --force to rewrite it)")
    write(HELDOUT8, texts)
    print(f"{len(texts)} texts in the eighth held-out set")


def write_heldout9(*, force: bool = False) -> None:
    """The ninth held-out set: all of ``annotated_heldout9.txt``, checked against the others."""
    earlier = [
        *annotated_texts(),
        *annotated_texts(SOURCE_HELDOUT2),
        *annotated_texts(SOURCE_HELDOUT3),
        *annotated_texts(SOURCE_HELDOUT4),
        *annotated_texts(SOURCE_HELDOUT5),
        *annotated_texts(SOURCE_HELDOUT6),
        *annotated_texts(SOURCE_HELDOUT7),
        *annotated_texts(SOURCE_HELDOUT8),
    ]
    texts = annotated_texts(SOURCE_HELDOUT9)
    if {text["id"] for text in texts} & {text["id"] for text in earlier}:
        raise ValueError(
            "an id of the ninth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt,"
            " annotated_heldout6.txt, annotated_heldout7.txt or annotated_heldout8.txt"
        )
    if {text["text"] for text in texts} & {text["text"] for text in earlier}:
        raise ValueError(
            "a text of the ninth held-out set is in annotated.txt, annotated_heldout2.txt,"
            " annotated_heldout3.txt, annotated_heldout4.txt, annotated_heldout5.txt,"
            " annotated_heldout6.txt, annotated_heldout7.txt or annotated_heldout8.txt"
        )
    if HELDOUT9.exists() and not force:
        raise SystemExit("the ninth held-out set is written already (use --force to rewrite it)")
    write(HELDOUT9, texts)
    print(f"{len(texts)} texts in the ninth held-out set")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="rewrite existing files")
    parser.add_argument(
        "--heldout2", action="store_true", help="build the second held-out set instead"
    )
    parser.add_argument(
        "--heldout3", action="store_true", help="build the third held-out set instead"
    )
    parser.add_argument(
        "--heldout4", action="store_true", help="build the fourth held-out set instead"
    )
    parser.add_argument(
        "--heldout5", action="store_true", help="build the fifth held-out set instead"
    )
    parser.add_argument(
        "--heldout6", action="store_true", help="build the sixth held-out set instead"
    )
    parser.add_argument(
        "--heldout7", action="store_true", help="build the seventh held-out set instead"
    )
    parser.add_argument(
        "--heldout8", action="store_true", help="build the eighth held-out set instead"
    )
    parser.add_argument(
        "--heldout9", action="store_true", help="build the ninth held-out set instead"
    )
    args = parser.parse_args()
    chosen = (
        args.heldout2,
        args.heldout3,
        args.heldout4,
        args.heldout5,
        args.heldout6,
        args.heldout7,
        args.heldout8,
        args.heldout9,
    )
    if sum(chosen) > 1:
        parser.error(
            "--heldout2, --heldout3, --heldout4, --heldout5, --heldout6, --heldout7,"
            " --heldout8 and --heldout9 build different files: give one"
        )
    if args.heldout9:
        write_heldout9(force=args.force)
        return
    if args.heldout8:
        write_heldout8(force=args.force)
        return
    if args.heldout7:
        write_heldout7(force=args.force)
        return
    if args.heldout6:
        write_heldout6(force=args.force)
        return
    if args.heldout5:
        write_heldout5(force=args.force)
        return
    if args.heldout4:
        write_heldout4(force=args.force)
        return
    if args.heldout3:
        write_heldout3(force=args.force)
        return
    if args.heldout2:
        write_heldout2(force=args.force)
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
