"""The command line: add articles to the store, list them, and export analysis tables as CSV.

    python -m analytics add PATH [PATH ...]   files or folders of .txt .md .html .csv .jsonl
        [--source-column NAME] [--source NAME] [--date YYYY-MM-DD]
        [--scheduler tcp://HOST:8786]        analyse on a Dask cluster (analytics.cluster)
    python -m analytics seed                  add the sample articles in seeds/ (idempotent)
    python -m analytics list                  the stored articles with their key metrics
    python -m analytics export TABLE [-o F]   articles, readability, words, entities or corpus
    python -m analytics duplicates            find the near-duplicates of every article again
    python -m analytics uploads               the recent uploads (each ``add`` is one)
    python -m analytics delete ID [ID ...]    delete articles; ``--batch N``: a whole upload
    python -m analytics reanalyse             analyse every stored article again with this
                                              version's rules (keeps corrections and edits)

A store written by an older version is analysed again first (``analytics.upgrade``).
``add`` reads its inputs as it goes, a file at a time (never the whole load at once), so the
memory it takes does not grow with the number of files.
``--db URL`` overrides ``NEWS_DB_URL``; ``--model NAME`` overrides ``NEWS_SPACY_MODEL``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

import pandas as pd
from tqdm import tqdm

from analytics.export import csv_bytes
from analytics.metadata import apply_upload_fields, n_with_column, sourceless_hint
from analytics.models import ReadOutcome
from analytics.nlp import ModelNotInstalledError, load_model
from analytics.pipeline import ingest_outcomes
from analytics.readers import read_path
from analytics.settings import load_settings
from analytics.store import (
    article_table,
    corpus_export,
    create_store_engine,
    delete_articles,
    deletion_summary,
    entity_counts,
    readability_table,
    rebuild_duplicates,
    record_activity,
    refresh_statistics,
    start_upload,
    term_frequencies,
    upload_article_ids,
    upload_label,
    upload_table,
)
from analytics.store.faults import explain_storage_error, is_storage_error
from analytics.upgrade import n_articles_to_upgrade, needs_upgrade, upgrade_store

if TYPE_CHECKING:  # distributed is imported only for a load on a cluster
    from analytics.cluster import ClusterWorkers

ExportTable = Literal["articles", "readability", "words", "entities", "corpus"]
SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="SQLAlchemy URL of the store (default: NEWS_DB_URL)")
    parser.add_argument("--model", help="spaCy model (default: NEWS_SPACY_MODEL)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add files or folders of articles")
    add.add_argument("paths", nargs="+", type=Path)
    add.add_argument("--batch-size", type=int, default=64)
    add.add_argument(
        "--processes",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="worker processes analysing a large load (default: 2, or 1 on one core)",
    )
    add.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="a Dask scheduler (tcp://HOST:8786) whose workers analyse the load instead of "
        "local processes (default: NEWS_DASK_SCHEDULER; empty: local processes)",
    )
    add.add_argument(
        "--source-column",
        default="",
        metavar="NAME",
        help="a batch column (kept as metadata, e.g. category) to use as the articles' source",
    )
    add.add_argument("--source", default="", help="the source of the articles that have none")
    add.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the publication date of the articles that have none",
    )
    seed = commands.add_parser("seed", help="add the sample articles in seeds/")
    seed.add_argument("--folder", type=Path, default=SEED_DIR)
    commands.add_parser("uploads", help="list the recent uploads (each add command is one)")
    deleting = commands.add_parser("delete", help="delete articles, or every article of an upload")
    deleting.add_argument("ids", nargs="*", type=int, metavar="ID", help="article ids (see list)")
    deleting.add_argument(
        "--batch", type=int, metavar="BATCH_ID", help="delete the articles of this upload too"
    )
    listing = commands.add_parser("list", help="list the stored articles")
    listing.add_argument("--limit", type=int, default=50)
    export = commands.add_parser("export", help="export an analysis table as CSV")
    export.add_argument("table", choices=get_args(ExportTable))
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument("--n", type=int, default=1, choices=(1, 2, 3), help="n-gram size (words)")
    export.add_argument("--stop-words", action="store_true", help="keep stop words (words)")
    export.add_argument(
        "--news-words",
        action="store_true",
        help="keep the news words (said, told, mr...), left out with the stop words as the "
        "dashboard's pages do by default (words)",
    )
    export.add_argument("--lemmas", action="store_true", help="count lemmas (words)")
    export.add_argument("--top", type=int, default=None, help="only the N most frequent")
    commands.add_parser(
        "reanalyse",
        help="analyse every stored article again with this version's rules (after an update "
        "that improved them: entities, readability, words); the articles, their edited "
        "titles, sources and dates, the entity corrections and the uploads are kept",
    )
    duplicates = commands.add_parser(
        "duplicates",
        help="find the near-duplicates of every stored article again (after changing the "
        "threshold, or for articles stored before they were found at upload)",
    )
    duplicates.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="estimated similarity from which articles are copies (default: "
        "NEWS_DUPLICATE_THRESHOLD)",
    )
    return parser


class _Inputs:
    """The read outcomes of the paths, read as they are asked for: a file at a time, its
    warnings printed then, its articles completed with the upload's fields; counts what it gave
    and notes the articles without a source (``hint``)."""

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        source_column: str,
        source: str,
        published: dt.date | None,
    ) -> None:
        self._outcomes: Iterator[ReadOutcome] = self._read(paths)
        self._source_column, self._source, self._published = source_column, source, published
        self.n_read = 0  # articles, and inputs rejected as a whole
        self.finished = False
        self.n_sourceless = 0
        self.common: set[str] | None = None  # the metadata columns every sourceless one has

    @staticmethod
    def _read(paths: Sequence[Path]) -> Iterator[ReadOutcome]:
        settings = load_settings()
        for path in paths:
            if not path.exists():
                yield ReadOutcome(str(path), error="no such file or folder")
                continue
            yield from read_path(path, limits=settings, stream=True)

    def first(self) -> list[ReadOutcome]:
        """The outcomes up to the first one with articles (all, if none has any)."""
        head: list[ReadOutcome] = []
        for outcome in self._outcomes:
            head.append(outcome)
            if outcome.articles:
                break
        self._outcomes = chain(head, self._outcomes)  # the rest still unread
        return head

    def __iter__(self) -> Iterator[ReadOutcome]:
        for outcome in self._outcomes:
            for warning in outcome.warnings:
                print(f"warning: {outcome.name}: {warning}", file=sys.stderr)
            (outcome,) = apply_upload_fields(
                [outcome],
                source_column=self._source_column,
                source=self._source,
                published=self._published,
            )
            self.n_read += len(outcome.articles) or (0 if outcome.ok else 1)
            for article in outcome.articles:
                if not article.source:
                    self.n_sourceless += 1
                    keys = set(dict(article.metadata))
                    self.common = keys if self.common is None else self.common & keys
            yield outcome
        self.finished = True

    def hint(self) -> str:
        return sourceless_hint(self.n_sourceless, self.common or set())


def _add(
    engine_url: str,
    model: str,
    paths: Sequence[Path],
    batch_size: int,
    n_process: int = 1,
    *,
    source_column: str = "",
    source: str = "",
    published: dt.date | None = None,
    cluster: ClusterWorkers | None = None,
) -> int:
    engine = create_store_engine(engine_url)
    inputs = _Inputs(paths, source_column=source_column, source=source, published=published)
    # a column name is checked on the first file with articles, before anything is stored
    if source_column and not n_with_column(inputs.first(), source_column):
        print(f"error: no article has a column {source_column!r}; nothing added", file=sys.stderr)
        return 2
    nlp = load_model(model)
    statuses: Counter[str] = Counter()
    upload_id = start_upload(engine, "command line", upload_label(str(path) for path in paths))
    stop = _StopRequest()
    results = ingest_outcomes(
        engine,
        nlp,
        inputs,
        batch_size=batch_size,
        n_process=n_process,
        upload_id=upload_id,
        should_stop=stop.requested,
        cluster=cluster,
    )
    try:
        with stop, tqdm(unit="article", file=sys.stderr, disable=None) as progress:
            for result in results:
                statuses[result.status] += 1
                progress.update(1)
                if result.status == "rejected":
                    progress.write(f"rejected: {result.name}: {result.reason}", file=sys.stderr)
    finally:  # in the audit trail as a dashboard upload is, by the command line's user
        record_activity(
            engine,
            user=CLI_USER,
            action="upload",
            detail=f"{upload_label(str(path) for path in paths)}: {_summary(statuses)}",
            n_rows=statuses["added"],
        )
    if statuses["added"]:  # the planner's statistics of the tables as the load left them
        refresh_statistics(engine)
    if not source_column and (hint := inputs.hint()):
        print(f"note: {hint}", file=sys.stderr)
    if stop.requested():
        unread = "" if inputs.finished else " (and the inputs not read yet)"
        print(
            f"interrupted: {_summary(statuses)}; {inputs.n_read - statuses.total():,} not stored"
            f"{unread} (run the same command again to add them: articles already stored are "
            "skipped)"
        )
        return 130
    print(_summary(statuses))
    return (
        1
        if statuses["rejected"] and not statuses["added"] and not statuses["already present"]
        else 0
    )


def _delete(engine_url: str, ids: Sequence[int], batch: int | None) -> int:
    """Delete the articles ``ids`` and those of the upload ``batch``; prints what went."""
    if not ids and batch is None:
        print("error: name the articles to delete (their ids) or --batch BATCH_ID", file=sys.stderr)
        return 2
    engine = create_store_engine(engine_url)
    wanted = list(ids)
    if batch is not None:
        in_batch = upload_article_ids(engine, batch)
        if not in_batch:
            print(f"upload {batch}: no stored articles", file=sys.stderr)
        wanted.extend(in_batch)
    summary = deletion_summary(engine, wanted)
    for missing in sorted(set(ids) - set(summary["article_ids"])):
        print(f"no article with id {missing}", file=sys.stderr)
    if not summary["n_articles"]:
        print("nothing was deleted")
        return 1
    what = f"upload {batch}" if batch is not None and not ids else ""
    removed = delete_articles(engine, summary["article_ids"], user=CLI_USER, what=what)
    for article_id, title in zip(summary["article_ids"], summary["titles"], strict=False):
        print(f"deleted {article_id}: {title}")
    if removed > len(summary["titles"]):
        print(f"… and {removed - len(summary['titles'])} more")
    copies = summary["n_copies"]
    staying = f"; {copies} near-duplicate cop{'ies' if copies != 1 else 'y'} of them stay"
    print(
        f"{removed} article{'s' if removed != 1 else ''} deleted, with "
        f"{summary['n_mentions']} entity mentions and {summary['n_quotes']} quotes"
        + (staying if copies else "")
    )
    return 0


def _uploads(engine_url: str) -> int:
    """Print the recent uploads that still have articles."""
    table = upload_table(create_store_engine(engine_url))
    if table.empty:
        print("No uploads with stored articles.")
        return 0
    table = table.rename(columns={"upload_id": "batch_id"})
    print(table[["batch_id", "created_at", "origin", "n_articles", "label"]].to_string(index=False))
    return 0


def _summary(statuses: Counter[str]) -> str:
    return (
        f"{statuses['added']} added, {statuses['already present']} already present, "
        f"{statuses['rejected']} rejected"
    )


#: Who the audit trail names for the command line's writes (it runs as the operator).
CLI_USER = "command line"


class _StopRequest:
    """SIGTERM or Ctrl-C during a load: the load stops before its next batch is stored (the
    batches stored stay whole, the worker processes end), then a summary is printed. A second
    Ctrl-C stops at once."""

    def __init__(self) -> None:
        self._signal: int | None = None

    def requested(self) -> bool:
        return self._signal is not None

    def _handle(self, signum: int, _frame: object) -> None:
        self._signal = signum
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> _StopRequest:
        self._previous = {
            signum: signal.signal(signum, self._handle)
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        return self

    def __exit__(self, *_exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def _upgrade_if_needed(engine_url: str, model: str, *, force: bool = False) -> int:
    """Analyse the articles of a store written by an older version again (or of any store,
    with ``force``), with progress; returns how many were analysed again."""
    engine = create_store_engine(engine_url)
    if not force and not needs_upgrade(engine):
        return 0
    n_total = n_articles_to_upgrade(engine)
    what = "Analysing" if force else "Upgrading the store: analysing"
    print(f"{what} its {n_total:,} articles again", file=sys.stderr)
    nlp = load_model(model)
    n_done = 0
    with tqdm(total=n_total, unit="article", file=sys.stderr, disable=None) as progress:
        for _ in upgrade_store(engine, nlp):
            progress.update(1)
            n_done += 1
    return n_done


def _export_frame(engine_url: str, args: argparse.Namespace) -> pd.DataFrame:
    engine = create_store_engine(engine_url)
    table: ExportTable = args.table
    if table == "articles":
        return article_table(engine)
    if table == "readability":
        return readability_table(engine)
    if table == "words":
        return term_frequencies(
            engine,
            n=args.n,
            stop_words=args.stop_words,
            news_words=args.news_words,
            lemmas=args.lemmas,
            top=args.top,
        )
    if table == "entities":
        return entity_counts(engine, top=args.top)
    return corpus_export(engine)


def _add_on_cluster(engine_url: str, model: str, scheduler: str, args: argparse.Namespace) -> int:
    """``add`` with the analysis on the Dask cluster at ``scheduler``: connected to first, so
    a scheduler that cannot be reached is reported before any article is read."""
    from analytics.cluster import ClusterUnavailable, ClusterWorkers

    try:
        cluster = ClusterWorkers.connect(scheduler, model)
    except ClusterUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with cluster:
        _upgrade_if_needed(engine_url, model)
        return _add(
            engine_url,
            model,
            args.paths,
            args.batch_size,
            source_column=args.source_column,
            source=args.source,
            published=args.date,
            cluster=cluster,
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    settings = load_settings()
    engine_url = args.db or settings.db_url
    model = args.model or settings.spacy_model
    try:
        if args.command == "add" and (scheduler := args.scheduler or settings.dask_scheduler):
            return _add_on_cluster(engine_url, model, scheduler, args)
        n_again = _upgrade_if_needed(engine_url, model, force=args.command == "reanalyse")
        if args.command == "reanalyse":
            print(f"{n_again:,} articles analysed again")
            return 0
        if args.command == "add":
            return _add(
                engine_url,
                model,
                args.paths,
                args.batch_size,
                args.processes,
                source_column=args.source_column,
                source=args.source,
                published=args.date,
            )
        if args.command == "seed":
            return _add(engine_url, model, [args.folder], 64)
        if args.command == "duplicates":
            threshold = args.threshold or settings.duplicate_threshold
            found = rebuild_duplicates(create_store_engine(engine_url), threshold=threshold)
            print(
                f"{found['n_clusters']} clusters of near-duplicates holding "
                f"{found['n_clustered']} articles (threshold {threshold})"
            )
            return 0
        if args.command == "delete":
            return _delete(engine_url, args.ids, args.batch)
        if args.command == "uploads":
            return _uploads(engine_url)
        if args.command == "list":
            frame = article_table(create_store_engine(engine_url)).head(args.limit)
            columns = ["article_id", "title", "source", "published", "n_words", "consensus_grade"]
            print(frame[columns].to_string(index=False) if len(frame) else "The store is empty.")
            return 0
        data = csv_bytes(_export_frame(engine_url, args))
        if args.output:
            args.output.write_bytes(data)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            sys.stdout.buffer.write(data)
        return 0
    except ModelNotInstalledError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # a second Ctrl-C: the transaction under way rolled back
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if not is_storage_error(error):
            raise
        # a read-only, damaged or full store, or a server that cannot be reached: one sentence
        # naming the store and what to do (never the driver's message: it may hold SQL or text)
        print(f"error: {explain_storage_error(error, engine_url)}", file=sys.stderr)
        return 2
