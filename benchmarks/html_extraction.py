"""How well the HTML reader finds the main text of real news pages (a script, not a test).

It reads the pages of ``shared/html/mozilla_readability/`` next to the repository (each a
``source.html``, the ``expected.html`` article that Mozilla's Readability.js extracts and an
``expected-metadata.json``), and compares what :func:`analytics.readers.read_upload` finds with
them: token F1 of the body's words, whether the title matches and the date found. The expected
text is one library's output, not the truth: use the figures to compare settings, not as a score.

Run from the repository root::

    .venv/bin/python benchmarks/html_extraction.py            # the reader's settings
    .venv/bin/python benchmarks/html_extraction.py --compare  # also other trafilatura options
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analytics.models import Article  # noqa: E402
from analytics.readers import (  # noqa: E402
    DEFAULT_HTML_EXTRACTION,
    HtmlExtraction,
    decode_text,
    read_html,
    read_upload,
)

PAGES = REPO.parent / "shared" / "html" / "mozilla_readability"
_WORD = re.compile(r"\w+(?:['’]\w+)*")

SETTINGS = {
    "balanced, no tables (default)": DEFAULT_HTML_EXTRACTION,
    "precision, no tables": HtmlExtraction(favor_precision=True, include_tables=False),
    "balanced, tables": HtmlExtraction(favor_precision=False, include_tables=True),
    "precision, tables": HtmlExtraction(favor_precision=True, include_tables=True),
    "recall, no tables": HtmlExtraction(
        favor_precision=False, favor_recall=True, include_tables=False
    ),
}


@dataclass(frozen=True)
class PageScore:
    """How the article read from one page compares with the expected one."""

    page: str
    words_extracted: int
    words_expected: int
    precision: float
    recall: float
    f1: float
    title_match: bool
    date_found: str
    date_expected: str
    error: str = ""


def words(text: str) -> list[str]:
    """The lower-case words of ``text``."""
    return [word.casefold() for word in _WORD.findall(text)]


def token_scores(found: list[str], expected: list[str]) -> tuple[float, float, float]:
    """Token precision, recall and F1 of two bags of words (all 1.0 when both are empty)."""
    if not found and not expected:
        return 1.0, 1.0, 1.0
    common = sum((Counter(found) & Counter(expected)).values())
    if common == 0:
        return 0.0, 0.0, 0.0
    precision, recall = common / len(found), common / len(expected)
    return precision, recall, 2 * precision * recall / (precision + recall)


def expected_text(page: Path) -> str:
    """The text of ``expected.html`` with the tags stripped."""
    return lxml.html.fromstring((page / "expected.html").read_bytes()).text_content()


def score(page: Path, article: Article | None, error: str = "") -> PageScore:
    """The score of the article read from ``page`` (``None`` if it could not be read)."""
    metadata = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
    expected = words(expected_text(page))
    found = words(article.body) if article else []
    title = article.title if article else ""
    published = metadata.get("publishedTime") or ""
    precision, recall, f1 = token_scores(found, expected)
    return PageScore(
        page=page.name,
        words_extracted=len(found),
        words_expected=len(expected),
        precision=precision,
        recall=recall,
        f1=f1,
        title_match=" ".join(title.split()).casefold()
        == " ".join((metadata.get("title") or "").split()).casefold(),
        date_found=article.published.isoformat() if article and article.published else "",
        date_expected=published[:10],
        error=error,
    )


def page_scores(pages: list[Path], extraction: HtmlExtraction | None = None) -> list[PageScore]:
    """Scores of each page, read by ``read_upload`` or by ``read_html`` with other options."""
    scores = []
    for page in pages:
        data = (page / "source.html").read_bytes()
        if extraction is None:
            outcome = read_upload(f"{page.name}.html", data)
            article = outcome.articles[0] if outcome.articles else None
            scores.append(score(page, article, outcome.error))
        else:
            articles = read_html(f"{page.name}.html", decode_text(data), extraction=extraction)
            scores.append(score(page, articles[0]))
    return scores


def print_table(scores: list[PageScore]) -> None:
    """Print one row a page and the means."""
    print(
        f"{'page':<16}{'words':>7}{'expected':>9}{'P':>7}{'R':>7}{'F1':>7}  "
        f"{'title':<6}date (expected)"
    )
    for s in scores:
        date = f"{s.date_found or '-'} ({s.date_expected or '-'})"
        print(
            f"{s.page:<16}{s.words_extracted:>7}{s.words_expected:>9}"
            f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}  "
            f"{'yes' if s.title_match else 'no':<6}{date}{'  ' + s.error if s.error else ''}"
        )
    mean = sum(s.f1 for s in scores) / len(scores)
    titles = sum(s.title_match for s in scores)
    dates = sum(bool(s.date_expected) and s.date_found == s.date_expected for s in scores)
    with_date = sum(bool(s.date_expected) for s in scores)
    print(
        f"{'mean':<46}{mean:>7.3f}  titles {titles}/{len(scores)}, "
        f"dates {dates}/{with_date} of those with an expected date"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also try other options")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        print(f"no test pages at {PAGES}: nothing to measure")
        return 0
    pages = sorted(path for path in PAGES.iterdir() if (path / "source.html").is_file())
    print_table(page_scores(pages))
    if args.compare:
        print()
        for label, extraction in SETTINGS.items():
            scores = page_scores(pages, extraction)
            per_page = " ".join(f"{s.f1:.2f}" for s in scores)
            print(f"{label:<32}{sum(s.f1 for s in scores) / len(scores):>7.3f}   {per_page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
