"""The analysis budget of an upload: the largest article and upload that pass, and their times.

    python benchmarks/budget.py [--sizes 50000,200000,1000000] [--n 100]

1. One article at a time, each analysed as an upload is (``analytics.workers``: a warm worker
   process, the budget of the settings, by default 60 s and 2048 MB): news-like text (BBC
   articles run together) and words with emoji, at each size in characters. Prints the time,
   whether it passed, and the worker's peak memory growth (measured again in a child process
   without a limit, ``ru_maxrss``).
2. An upload of ``--n`` news articles through the pipeline with the budget, stored in a fresh
   SQLite file, against the same load without a budget in this process: seconds per article,
   and the time of an upload at ``NEWS_MAX_ARTICLES_PER_UPLOAD`` articles extrapolated.

Texts come from ``../shared/corpus/bbc_news.jsonl`` when it exists, otherwise ``seeds/``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analytics.models import Article  # noqa: E402
from analytics.settings import load_settings  # noqa: E402
from analytics.workers import AnalysisBudget, OverBudget, analyse_within_budget  # noqa: E402
from benchmarks.ingest import base_articles, corpus  # noqa: E402

EMOJI = "😀🎉🔥👍🚀🌍💡📰🤔✨"


def news_text(n_chars: int) -> str:
    """News articles run together, paragraph by paragraph, cut at ``n_chars``."""
    parts: list[str] = []
    size = 0
    while size < n_chars:
        for article in base_articles():
            parts.append(article.body)
            size += len(article.body) + 2
            if size >= n_chars:
                break
    return "\n\n".join(parts)[:n_chars]


def emoji_text(n_chars: int, seed: int = 1) -> str:
    """Words of the news with an emoji after most of them, no sentence punctuation."""
    rng = random.Random(seed)
    words = " ".join(article.body for article in base_articles()[:50]).split()
    out: list[str] = []
    size = 0
    while size < n_chars:
        token = rng.choice(words) + rng.choice(EMOJI) * rng.randint(0, 2)
        out.append(token)
        size += len(token) + 1
    return " ".join(out)[:n_chars]


_PEAK = """
import resource, sys
sys.path.insert(0, {repo!r})
from analytics.analysis import analyse_articles, warm_up
from analytics.models import Article
from analytics.nlp import load_model
from analytics.settings import load_settings
nlp = load_model(load_settings().spacy_model)
warm_up(nlp)
text = open({path!r}, encoding="utf-8").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
list(analyse_articles([Article(body=text, title="peak")], nlp))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) / 1024)
"""


def peak_growth_mb(text: str) -> float:
    """The peak memory an analysis of ``text`` adds, in a fresh process with no limit."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as file:
        file.write(text)
    code = _PEAK.format(repo=str(REPO), path=file.name)
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    Path(file.name).unlink()
    return float(output.strip().splitlines()[-1])


def one_article(kind: str, text: str, budget: AnalysisBudget) -> dict[str, object]:
    # a warm worker first (after a rejection the next call starts a fresh one): the time is
    # the analysis's alone
    analyse_within_budget(Article(body="A warm-up.", title="warm-up"), budget)
    start = time.perf_counter()
    try:
        analyse_within_budget(Article(body=text, title=f"{kind} {len(text)}"), budget)
        outcome = "passed"
    except OverBudget as error:
        outcome = f"rejected: {error}"
    return {
        "kind": kind,
        "chars": len(text),
        "seconds": round(time.perf_counter() - start, 1),
        "outcome": outcome,
        "peak_mb": round(peak_growth_mb(text)),
    }


def upload(n: int, db_url: str, budget: AnalysisBudget | None) -> float:
    """Seconds per article of an upload of ``n`` news articles (a fresh store)."""
    from analytics.nlp import load_model
    from analytics.pipeline import ingest_articles
    from analytics.store import create_store_engine

    nlp = load_model(load_settings().spacy_model)
    engine = create_store_engine(db_url)
    articles = list(corpus(n))
    list(ingest_articles(create_store_engine("sqlite://"), nlp, articles[:3], budget=budget))
    start = time.perf_counter()
    statuses = [r.status for r in ingest_articles(engine, nlp, articles, budget=budget)]
    elapsed = time.perf_counter() - start
    assert statuses.count("added") == n, statuses
    return elapsed / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,200000,1000000")
    parser.add_argument("--n", type=int, default=100, help="articles of the upload")
    args = parser.parse_args()
    settings = load_settings()
    budget = AnalysisBudget.of(settings)
    print(f"budget: {budget.timeout_s:g} s and {budget.memory_mb} MB per article")
    print(f"{'text':<14}{'chars':>10}{'seconds':>9}{'peak MB':>9}  outcome")
    sizes = [int(size) for size in args.sizes.split(",") if size]
    for kind, make in (("news", news_text), ("words+emoji", emoji_text)):
        for size in sizes:
            row = one_article(kind, make(size), budget)
            print(
                f"{row['kind']:<14}{row['chars']:>10,}{row['seconds']:>9}{row['peak_mb']:>9}"
                f"  {row['outcome']}",
                flush=True,
            )
    if args.n:
        with tempfile.TemporaryDirectory() as folder:
            budgeted = upload(args.n, f"sqlite:///{folder}/budget.db", budget)
            plain = upload(args.n, f"sqlite:///{folder}/plain.db", None)
        cap = settings.max_articles_per_upload
        print(
            f"upload of {args.n} news articles: {budgeted:.3f} s an article with the budget, "
            f"{plain:.3f} s without ({budgeted / plain:.2f}x); {cap:,} articles "
            f"(NEWS_MAX_ARTICLES_PER_UPLOAD): about {budgeted * cap / 60:.0f} min"
        )


if __name__ == "__main__":
    main()
