"""Precision and recall of quotation finding and speaker attribution on the annotated texts.

    python benchmarks/quotes.py [--method rules|textacy|both] [--gold FILE ...] [--verbose]
    python benchmarks/quotes.py --corpus ../shared/corpus/bbc_news.jsonl --n 100   # timings

The gold sets (``tests/analytics/data/``): ``quotes_gold.jsonl`` holds news-like texts written
for it (with traps: scare quotes, titles of works, a quotation without a speaker, pronoun
and nominal speakers), ``quotes_seed_gold.jsonl`` the quotations of the sample articles in
``seeds/``. Each quotation has its text and speaker (the entity it is attributed to, as
named nearest to it, or null). A found quotation is correct when its text
equals a gold one after normalisation (quotation marks, white space and the punctuation at
its ends removed, case folded). Its speaker is correct when the linked entity's name (or, with
no entity, the speaker's text) equals the gold speaker after normalisation (leading article,
Mr/Mrs/Ms/Dr dropped), or both are null.

- quote precision = correct quotations / quotations found; recall = / gold quotations.
- speaker precision = correct speakers / found quotations with a speaker; recall = correct
  speakers / gold quotations with a speaker.

``textacy`` runs textacy 0.13's ``direct_quotations`` on a second spaCy pipeline of the same
model with its tagger and parser, on the paragraphs holding quotation marks; its speakers are
linked to the entity mentions of our NER pipeline in the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language

from analytics.entities import Mention, entity_mentions
from analytics.nlp import load_model
from analytics.quotes import Quote, direct_quotes
from analytics.settings import DEFAULT_MODEL

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "analytics" / "data"
GOLD = DATA / "quotes_gold.jsonl"
#: The quotations of the sample articles in seeds/ (not written for this test).
SEED_GOLD = DATA / "quotes_seed_gold.jsonl"
SEEDS = REPO / "seeds"
Method = Literal["rules", "textacy"]
QUOTE_MARKS = "\"'“”‘’„«»"
TITLES = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr)\.?\s+")


def _seed_text(seed: str) -> str:
    """The body of a sample article: a file of seeds/, or an id in its JSONL file."""
    if (SEEDS / seed).is_file():
        return (SEEDS / seed).read_text(encoding="utf-8")
    with (SEEDS / "sample_articles.jsonl").open(encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines if line.strip())
        return next(row["text"] for row in rows if row["id"] == seed)


def gold_texts(path: Path = GOLD) -> list[dict[str, Any]]:
    """The annotated texts: id, text, quotes (each with text and speaker). A text given as
    ``seed`` is read from seeds/."""
    with path.open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    return [{**item, "text": item.get("text") or _seed_text(item["seed"])} for item in items]


def normalised_quote(text: str) -> str:
    words = " ".join(text.translate({ord(mark): " " for mark in QUOTE_MARKS}).split())
    return words.strip(" ,.;:").casefold()


def normalised_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.split()).casefold().strip(" ,.")
    name = re.sub(r"['’]s$", "", name)
    previous = None
    while previous != name:
        previous, name = name, TITLES.sub("", name)
    return name


def speaker_name(quote: Quote, mentions: Sequence[Mention]) -> str | None:
    """The entity a quotation is attributed to (its name), else the speaker's text."""
    if quote.speaker_mention_index is not None:
        return mentions[quote.speaker_mention_index].entity
    return quote.speaker


Extractor = Callable[[str, Sequence[Mention]], list[Quote]]


def textacy_extractor(model: str = DEFAULT_MODEL) -> Extractor:
    """Quotations found by textacy on a parsed copy of each paragraph holding quote marks."""
    import spacy  # noqa: PLC0415
    from textacy.extract.triples import direct_quotations  # noqa: PLC0415

    parser = spacy.load(model, exclude=["ner"])

    def extract(text: str, mentions: Sequence[Mention]) -> list[Quote]:
        quotes = []
        offset = 0
        for paragraph in text.split("\n"):
            if any(mark in paragraph for mark in QUOTE_MARKS):
                doc = parser(paragraph)
                try:
                    triples = list(direct_quotations(doc))
                except ValueError:  # an odd number of quotation marks
                    triples = []
                for triple in triples:
                    content = triple.content
                    start = offset + content.start_char + 1
                    end = offset + content.end_char - 1
                    speaker_start = offset + min(token.idx for token in triple.speaker)
                    speaker_end = offset + max(
                        token.idx + len(token.text) for token in triple.speaker
                    )
                    linked = [
                        i
                        for i, mention in enumerate(mentions)
                        if mention.start_char < speaker_end and mention.end_char > speaker_start
                    ]
                    quotes.append(
                        Quote(
                            start,
                            end,
                            text[start:end],
                            " ".join(token.text for token in triple.speaker),
                            linked[-1] if linked else None,
                            " ".join(token.text for token in triple.cue),
                        )
                    )
            offset += len(paragraph) + 1
        return quotes

    return extract


def scores(
    nlp: Language,
    extract: Extractor,
    texts: Sequence[dict[str, Any]],
    *,
    verbose: bool = False,
) -> dict[str, float | int]:
    """Counts and precision/recall of quotations and speakers over the texts."""
    n_found = n_gold = n_correct = 0
    n_found_speakers = n_gold_speakers = n_correct_speakers = 0
    for item in texts:
        doc = nlp(item["text"])
        mentions = entity_mentions(doc)
        gold = {
            normalised_quote(q["text"]): normalised_speaker(q["speaker"]) for q in item["quotes"]
        }
        n_gold += len(gold)
        n_gold_speakers += sum(speaker is not None for speaker in gold.values())
        for quote in extract(item["text"], mentions):
            n_found += 1
            predicted = normalised_speaker(speaker_name(quote, mentions))
            # the gold names a speaker as written ("Putin"); a linked mention is right under
            # its merged name ("Vladimir Putin") as well as under the name it was written as
            names = {predicted} | (
                {normalised_speaker(mentions[quote.speaker_mention_index].alias)}
                if quote.speaker_mention_index is not None
                else set()
            )
            n_found_speakers += predicted is not None
            key = normalised_quote(quote.text)
            if key in gold:
                n_correct += 1
                n_correct_speakers += predicted is not None and gold[key] in names
                if verbose and gold[key] not in names:
                    print(f"{item['id']} speaker {predicted!r} != {gold.pop(key)!r}: {key[:40]}")
                else:
                    gold.pop(key)
            elif verbose:
                print(f"{item['id']} extra: {key[:60]!r} ({predicted})")
        if verbose:
            for key, speaker in gold.items():
                print(f"{item['id']} missed: {key[:60]!r} ({speaker})")
    return {
        "n_gold": n_gold,
        "n_found": n_found,
        "n_correct": n_correct,
        "quote_precision": round(n_correct / n_found, 3) if n_found else 0.0,
        "quote_recall": round(n_correct / n_gold, 3) if n_gold else 0.0,
        "n_gold_speakers": n_gold_speakers,
        "n_found_speakers": n_found_speakers,
        "n_correct_speakers": n_correct_speakers,
        "speaker_precision": (
            round(n_correct_speakers / n_found_speakers, 3) if n_found_speakers else 0.0
        ),
        "speaker_recall": (
            round(n_correct_speakers / n_gold_speakers, 3) if n_gold_speakers else 0.0
        ),
    }


def ingest_cost(nlp: Language, corpus: Path, *, n: int, model: str) -> dict[str, float | int]:
    """Seconds to analyse the first ``n`` articles of a JSONL corpus (``text`` field): the
    whole ingest analysis (quotations included), the rules' share of it, and what textacy
    would add (parsing the paragraphs holding quotation marks, then its extraction)."""
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(n), strict=False)]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    pipeline = time.perf_counter() - start
    start = time.perf_counter()
    n_quotes = sum(len(direct_quotes(doc.text, entity_mentions(doc))) for doc in docs)
    rules_and_mentions = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        entity_mentions(doc)
    mentions_only = time.perf_counter() - start
    extract = textacy_extractor(model)
    start = time.perf_counter()
    n_textacy = sum(len(extract(text, [])) for text in texts)
    textacy = time.perf_counter() - start
    return {
        "n_articles": len(texts),
        "analysis_s": round(pipeline, 2),
        "rules_s": round(rules_and_mentions - mentions_only, 3),
        "n_quotes_rules": n_quotes,
        "textacy_parse_and_extract_s": round(textacy, 2),
        "n_quotes_textacy": n_textacy,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--method", choices=["rules", "textacy", "both"], default="both")
    parser.add_argument("--gold", type=Path, nargs="+", default=[GOLD, SEED_GOLD])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus to time the ingest cost on")
    parser.add_argument("--n", type=int, default=100, help="articles of --corpus to time")
    args = parser.parse_args()
    nlp = load_model(args.model)
    if args.corpus is not None:
        print(json.dumps(ingest_cost(nlp, args.corpus, n=args.n, model=args.model)))
        return
    methods = ["rules", "textacy"] if args.method == "both" else [args.method]
    for method in methods:
        extract = direct_quotes if method == "rules" else textacy_extractor(args.model)
        for path in args.gold:
            figures = scores(nlp, extract, gold_texts(path), verbose=args.verbose)
            print(f"{method:8} {path.name:24} {json.dumps(figures)}")


if __name__ == "__main__":
    main()
