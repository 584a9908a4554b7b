"""Ingest benchmark: the project's full analysis against two references, on the same texts.

    python benchmarks/ingest.py [--n 1000] [--naive-n 200] [--scales 1000,10000]
    python benchmarks/ingest.py --ratio [--n 1000] [--runs 2]

1. Full ingest (clean, detect language, spaCy, readability, word and entity counts, store in a
   fresh SQLite file): articles/s and words/s.
2. References on the same texts in the same run: (a) the floor, bare ``nlp.pipe`` with only
   the components NER needs; (b) a naive pipeline, ``nlp(text)`` per article with the full
   pipeline, textstat's functions called one by one, and row-by-row inserts.
3. Scaling: ingest time, peak memory (each scale in its own process) and database size.
4. One upload of a 1,000-word article into a loaded store, as the upload page does it.

``--ratio`` measures only the local path's ratio (full ingest with 2 worker processes against
bare ``nlp.pipe`` NER with 2 processes, alternated in one run) and then profiles the main
process of a 2-process load: cleaning, hashing, lookups, writing, totals, duplicates, waiting.

Texts come from ``../shared/corpus/bbc_news.jsonl`` beside the repository when it exists,
otherwise from ``seeds/``; larger corpora repeat the texts with their titles numbered, so
every article is new to the store. Prints a table and writes
``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analytics.models import Article  # noqa: E402
from analytics.readers import read_path  # noqa: E402

BBC = REPO.parent / "shared" / "corpus" / "bbc_news.jsonl"


def base_articles() -> list[Article]:
    """The BBC articles when the corpus is there, else the seed articles."""
    if BBC.exists():
        articles = []
        with BBC.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                articles.append(
                    Article(
                        body=record["text"],
                        title=record["title"],
                        source=f"BBC {record['category']}",
                        file_name=record["id"],
                    )
                )
        return articles
    return [article for outcome in read_path(REPO / "seeds") for article in outcome.articles]


def corpus(n: int) -> Iterator[Article]:
    """``n`` distinct articles: the base texts, repeated with numbered titles when needed."""
    base = base_articles()
    for i, article in enumerate(itertools.islice(itertools.cycle(base), n)):
        copy = i // len(base)
        yield article if copy == 0 else article.with_changes(title=f"{article.title} ({copy})")


def n_words(articles: list[Article]) -> int:
    return sum(len(article.body.split()) for article in articles)


def full_ingest(articles: list[Article], db_url: str, n_process: int = 1) -> float:
    from analytics.nlp import load_model
    from analytics.pipeline import ingest_articles
    from analytics.settings import load_settings
    from analytics.store import create_store_engine

    engine = create_store_engine(db_url)
    nlp = load_model(load_settings().spacy_model)
    list(ingest_articles(create_store_engine("sqlite://"), nlp, articles[:5]))  # warm up
    start = time.perf_counter()
    statuses = [
        result.status for result in ingest_articles(engine, nlp, articles, n_process=n_process)
    ]
    elapsed = time.perf_counter() - start
    assert statuses.count("added") >= len(articles) * 0.9, statuses[:5]
    return elapsed


def floor(articles: list[Article], n_process: int = 1) -> float:
    import spacy

    from analytics.cleaning import clean_article, mask_markup
    from analytics.settings import load_settings

    texts = [mask_markup(clean_article(article).body) for article in articles]
    model = load_settings().spacy_model
    nlp = spacy.load(model)
    needed = {"ner"}  # the small English NER has its own token-to-vector layer
    nlp = spacy.load(model, exclude=[name for name in nlp.pipe_names if name not in needed])
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    return time.perf_counter() - start


def naive(articles: list[Article], db_url: str) -> float:
    """nlp(text) with every component, textstat one function at a time, one INSERT a row."""
    import spacy
    import textstat
    from sqlalchemy import create_engine, text

    from analytics.settings import load_settings

    nlp = spacy.load(load_settings().spacy_model)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT)"))
        conn.execute(text("CREATE TABLE words (article_id INT, word TEXT, n INT)"))
        conn.execute(text("CREATE TABLE ents (article_id INT, ent TEXT, label TEXT)"))
        conn.execute(text("CREATE TABLE scores (article_id INT, name TEXT, value REAL)"))
    functions = [
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.gunning_fog,
        textstat.smog_index,
        textstat.coleman_liau_index,
        textstat.automated_readability_index,
        textstat.dale_chall_readability_score,
        textstat.linsear_write_formula,
        textstat.text_standard,
        textstat.sentence_count,
        textstat.lexicon_count,
        textstat.syllable_count,
        textstat.difficult_words,
        textstat.reading_time,
    ]
    nlp(articles[0].body)
    start = time.perf_counter()
    for i, article in enumerate(articles):
        doc = nlp(article.body)
        scores = {function.__name__: function(article.body) for function in functions}
        counts: dict[str, int] = {}
        for token in doc:
            if token.is_alpha and not token.is_stop:
                counts[token.lower_] = counts.get(token.lower_, 0) + 1
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO articles VALUES (:i, :t, :b)"),
                {"i": i, "t": article.title, "b": article.body},
            )
            for word, n in counts.items():
                conn.execute(
                    text("INSERT INTO words VALUES (:i, :w, :n)"), {"i": i, "w": word, "n": n}
                )
            for ent in doc.ents:
                conn.execute(
                    text("INSERT INTO ents VALUES (:i, :e, :l)"),
                    {"i": i, "e": ent.text, "l": ent.label_},
                )
            for name, value in scores.items():
                value = float(value) if not isinstance(value, str) else 0.0
                conn.execute(
                    text("INSERT INTO scores VALUES (:i, :n, :v)"), {"i": i, "n": name, "v": value}
                )
    return time.perf_counter() - start


def one_upload(db_url: str, n_words: int = 1000, runs: int = 5) -> float:
    """Median seconds from one uploaded article of ``n_words`` words to its stored results
    and the Article page's data, the model loaded and warmed up as the dashboard does."""
    import statistics

    from analytics.analysis import warm_up
    from analytics.nlp import load_model
    from analytics.pipeline import ingest_articles
    from analytics.settings import load_settings
    from analytics.store import (
        article_detail,
        article_mentions,
        article_sentences,
        create_store_engine,
    )

    words: list[str] = []
    for article in base_articles():
        words.extend(article.body.split())
        if len(words) >= n_words * runs:
            break
    engine = create_store_engine(db_url)
    nlp = load_model(load_settings().spacy_model)
    warm_up(nlp)
    timings = []
    for run in range(runs):
        body = " ".join(words[run * n_words : (run + 1) * n_words])
        article = Article(body=body, title=f"One upload {run}", file_name=f"upload-{run}.txt")
        start = time.perf_counter()
        (result,) = ingest_articles(engine, nlp, [article])
        assert result.status == "added" and result.article_id is not None, result
        article_detail(engine, result.article_id)
        article_mentions(engine, result.article_id)
        article_sentences(engine, result.article_id)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def scale_run(n: int) -> dict[str, float]:
    """Ingest n articles in a child process: time, peak memory (MB) and database size (MB)."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scale.db"
        code = (
            f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
            "from benchmarks.ingest import full_ingest_stream\n"
            f"print(full_ingest_stream({n}, {f'sqlite:///{db}'!r}))"
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        size = sum(path.stat().st_size for path in Path(folder).glob("scale.db*"))
    seconds = float(output.stdout.strip().splitlines()[-1])
    return {
        "articles": n,
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "peak_mb": round(max(peak, before) / 1024, 0),
        "db_mb": round(size / 2**20, 1),
    }


def full_ingest_stream(n: int, db_url: str) -> float:
    """Ingest a streamed corpus of n articles (never all in memory); seconds taken."""
    from analytics.nlp import load_model
    from analytics.pipeline import ingest_articles
    from analytics.settings import load_settings
    from analytics.store import create_store_engine

    engine = create_store_engine(db_url)
    nlp = load_model(load_settings().spacy_model)
    start = time.perf_counter()
    for _result in ingest_articles(engine, nlp, corpus(n), n_process=2):
        pass
    return time.perf_counter() - start


#: Where the main process of a load spends its time: (label, the functions it counts, by
#: ``module:function`` as cProfile names them). A function counts once (its cumulative time),
#: under the first label that names it.
MAIN_PROCESS_PARTS = (
    ("cleaning", ("analytics/cleaning.py:clean_article",)),
    ("hashing (content hash)", ("analytics/models.py:content_hash",)),
    ("lookups of stored hashes", ("analytics/store/writing.py:stored_article_id",)),
    ("writing rows (bulk)", ("analytics/store/writing.py:_store_in_bulk",)),
    ("  of which search documents", ("analytics/search.py:search_document",)),
    ("  of which near-duplicates", ("analytics/store/duplicates.py:_record_batch_duplicates",)),
    ("fitting to the columns", ("analytics/store/sizes.py:fitted_analysis",)),
    ("corpus totals", ("analytics/store/totals.py:_add_to_totals",)),
    ("summary tables", ("analytics/store/summaries.py:_add_to_summaries",)),
    ("aliases (merges, reassign)", ("analytics/store/aliases.py:_merge_new_aliases",)),
    ("commit", ("sqlalchemy/engine/base.py:commit",)),
    ("waiting for the workers", ("concurrent/futures/_base.py:result",)),
)


def main_process_profile(articles: list[Article], db_url: str, n_process: int = 2) -> None:
    """Ingest with ``n_process`` workers under cProfile and print where the main process spent
    its time (wall clock, cumulative per part; the parts overlap as noted)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    elapsed = full_ingest(articles, db_url, n_process=n_process)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    print(f"main process of a {n_process}-process load ({elapsed:.1f} s under the profiler):")
    for label, names in MAIN_PROCESS_PARTS:
        seconds = sum(
            cumulative
            for (path, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items()
            if any(
                path.endswith(name.split(":")[0]) and function == name.split(":")[1]
                for name in names
            )
        )
        print(f"  {label:<34} {seconds:>7.2f} s {100 * seconds / elapsed:>5.1f}%")


def local_ratio(articles: list[Article], folder: str, runs: int = 1) -> dict[str, float]:
    """Full ingest with 2 worker processes against bare ``nlp.pipe`` NER with 2 processes, on
    the same articles in the same run (alternated, ``runs`` times each; best of each)."""
    fulls, bares = [], []
    for run in range(runs):
        bares.append(floor(articles, n_process=2))
        fulls.append(full_ingest(articles, f"sqlite:///{folder}/ratio{run}.db", n_process=2))
    full, bare = min(fulls), min(bares)
    return {"full_2_processes_s": full, "floor_2_processes_s": bare, "ratio": bare / full}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for the throughput runs")
    parser.add_argument("--naive-n", type=int, default=200, help="articles for the naive run")
    parser.add_argument("--scales", default="1000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--ratio",
        action="store_true",
        help="only the local ratio: full ingest on 2 processes against bare nlp.pipe NER on 2, "
        "then where the main process spends its time",
    )
    parser.add_argument("--runs", type=int, default=1, help="alternated runs of each (--ratio)")
    args = parser.parse_args()
    articles = list(corpus(args.n))
    if args.ratio:
        load = os.getloadavg()
        with tempfile.TemporaryDirectory() as folder:
            ratio = local_ratio(articles, folder, args.runs)
            full, bare = ratio["full_2_processes_s"], ratio["floor_2_processes_s"]
            print(
                f"{args.n:,} articles: full ingest, 2 processes {full:.1f} s "
                f"({args.n / full:.1f}/s); bare nlp.pipe NER, 2 processes {bare:.1f} s "
                f"({args.n / bare:.1f}/s)"
            )
            print(
                f"ratio {ratio['ratio']:.2f}x (load average {load[0]:.2f} before, "
                f"{os.getloadavg()[0]:.2f} after)"
            )
            main_process_profile(articles, f"sqlite:///{folder}/profile.db")
        return
    words = n_words(articles)
    results: dict[str, object] = {"corpus": "BBC" if BBC.exists() else "seeds", "n": args.n}
    with tempfile.TemporaryDirectory() as folder:
        full = full_ingest(articles, f"sqlite:///{folder}/full.db")
        full2 = full_ingest(articles, f"sqlite:///{folder}/full2.db", n_process=2)
        upload = one_upload(f"sqlite:///{folder}/full2.db")
        bare = floor(articles)
        bare2 = floor(articles, n_process=2)
        naive_articles = articles[: args.naive_n]
        slow = (
            naive(naive_articles, f"sqlite:///{folder}/naive.db")
            * len(articles)
            / len(naive_articles)
        )
    rows = [
        ("full analysis (this project), 1 process", full),
        ("full analysis (this project), 2 processes", full2),
        ("(a) floor: bare nlp.pipe, NER only", bare),
        ("(a) floor, 2 processes", bare2),
        (f"(b) naive (timed on {len(naive_articles)}, scaled)", slow),
    ]
    print(f"{args.n:,} articles, {words:,} words ({results['corpus']})")
    print(f"{'run':<42} {'seconds':>9} {'articles/s':>11} {'words/s':>9}")
    for name, seconds in rows:
        print(f"{name:<42} {seconds:>9.1f} {args.n / seconds:>11.1f} {words / seconds:>9.0f}")
    print(
        f"throughput against the floor: {bare / full:.2f}x (1 process each), "
        f"{bare2 / full2:.2f}x (2 processes each), {bare / full2:.2f}x (full on 2, floor on 1)"
    )
    print(
        f"against the naive pipeline: {slow / full:.1f}x faster (1 process), "
        f"{slow / full2:.1f}x (2 processes)"
    )
    print(f"one upload of 1,000 words, stored and its page's data read: {upload:.2f} s")
    results.update(
        words=words,
        full_s=round(full, 2),
        full_2_processes_s=round(full2, 2),
        floor_s=round(bare, 2),
        floor_2_processes_s=round(bare2, 2),
        naive_s=round(slow, 2),
        ratio_to_floor=round(bare / full, 3),
        ratio_to_floor_2_processes=round(bare2 / full2, 3),
        speedup_over_naive=round(slow / full, 2),
        one_upload_s=round(upload, 3),
    )
    scales = [scale_run(int(n)) for n in args.scales.split(",") if n]
    if scales:
        print(f"{'scale':>8} {'seconds':>9} {'articles/s':>11} {'peak MB':>8} {'DB MB':>7}")
        for row in scales:
            print(
                f"{row['articles']:>8,} {row['seconds']:>9.1f} {row['articles_per_s']:>11.1f} "
                f"{row['peak_mb']:>8.0f} {row['db_mb']:>7.1f}"
            )
    results["scales"] = scales
    out = REPO / "benchmarks" / "results" / "ingest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
