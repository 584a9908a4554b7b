"""Near-duplicates: signatures, similarities and clusters of copies made from a seed article,
found at upload time and used by the "one article per cluster" filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine, delete
from store import support as store_tests  # tests/analytics/store (on sys.path under pytest)

from analytics.analysis import analyse_articles
from analytics.cleaning import clean_article, mask_markup
from analytics.cli import main
from analytics.duplicates import (
    NUM_PERM,
    band_keys,
    cluster_ids,
    clusters,
    shingles,
    signature,
    similar_pairs,
    similarity,
)
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.readers import read_path
from analytics.settings import load_settings
from analytics.store import (
    ArticleFilter,
    article_signatures,
    article_table,
    corpus_summary,
    create_store_engine,
    delete_articles,
    duplicate_clusters,
    duplicate_pairs,
    duplicate_summary,
    entity_counts,
    n_articles,
    near_duplicates,
    rebuild_duplicates,
    signature_bands,
    store_version,
    term_frequencies,
)

#: The store tests' fixture: a SQLite store, and one on PostgreSQL too in CI.
store_url = store_tests.db_url
REPO = Path(__file__).resolve().parents[2]
KRAKOW = "Kraków council votes yes on new bike lanes"
ROTTERDAM = "EU backs Rotterdam port expansion with €420 million grant"
ROTTERDAM_CONTRACTS = "Rotterdam port awards first contracts for EU-funded terminal"
# A rewrite of the Kraków article's fourth paragraph (the shop owners' objection).
REWRITTEN = (
    "Some shop owners oppose the plan. They say the parking spaces outside their shops keep "
    "customers coming, and that fewer spaces will mean fewer sales, according to Piotr "
    "Malinowski, a baker on Karmelicka Street."
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """The seed articles by title, cleaned as the pipeline cleans them."""
    found = [clean_article(a) for outcome in read_path(REPO / "seeds") for a in outcome.articles]
    return {article.title: article for article in found}


@pytest.fixture(scope="module")
def copies(seeds: dict[str, Article]) -> dict[str, Article]:
    """The Kraków seed and three copies of it: a new headline, a paragraph cut (the sixth of
    seven: the cost), a paragraph rewritten (the fourth); and an unrelated seed article on a
    shared subject with the third seed article (Rotterdam's port)."""
    original = seeds[KRAKOW]
    paragraphs = original.body.split("\n\n")
    assert len(paragraphs) == 7
    return {
        "original": original,
        "retitled": Article(
            title="Cycling plan approved in Kraków", body=original.body, source="Wire copy"
        ),
        "cut": Article(
            title="Kraków approves bike lanes",
            body="\n\n".join(p for i, p in enumerate(paragraphs) if i != 5),
            source="Wire copy",
        ),
        "rewritten": Article(
            title="Kraków bike lanes anger shop owners",
            body="\n\n".join(REWRITTEN if i == 3 else p for i, p in enumerate(paragraphs)),
            source="Regional copy",
        ),
        "unrelated": seeds[ROTTERDAM_CONTRACTS],
    }


# --- the engine -------------------------------------------------------------------------------


def test_shingles_are_five_lower_cased_words() -> None:
    assert shingles("The Port, the PORT: the port's new berth opens today!") == {
        "the port the port the",
        "port the port the port's",
        "the port the port's new",
        "port the port's new berth",
        "the port's new berth opens",
        "port's new berth opens today",
    }
    assert shingles("Too short") == {"too short"}
    assert shingles("  ... ") == set()
    assert signature("") == b""
    assert band_keys(b"") == []


def test_signature_is_fixed_and_ignores_case_and_spacing() -> None:
    text = "Ministers met in Brussels on Monday to agree the budget for next year."
    first = signature(text)
    assert len(first) == NUM_PERM * 4
    assert first == signature(text.upper().replace(" ", "  \n"))
    # the seed is fixed: the same values in every process and every run
    assert first[:16].hex() == "c002631a4a3870114e149b0c3297e10d"
    assert len(band_keys(first)) == 32
    assert similarity(first, signature(text)) == 1.0


def test_similarity_of_the_copies(copies: dict[str, Article]) -> None:
    original = signature(copies["original"].body)
    estimated = {
        name: similarity(original, signature(article.body))
        for name, article in copies.items()
        if name != "original"
    }
    # shares of 128 equal values; the true Jaccard similarities of the shingle sets are 1,
    # 0.886 (cut), 0.721 (rewritten) and 0
    assert estimated == {
        "retitled": 1.0,
        "cut": 107 / 128,  # 0.836
        "rewritten": 102 / 128,  # 0.797
        "unrelated": 0.0,
    }
    cut, rewritten = signature(copies["cut"].body), signature(copies["rewritten"].body)
    assert similarity(cut, rewritten) == 84 / 128  # 0.656


def test_clusters_of_the_copies_at_two_thresholds(
    copies: dict[str, Article], seeds: dict[str, Article]
) -> None:
    names = [*copies, "rotterdam"]
    bodies = [*(article.body for article in copies.values()), seeds[ROTTERDAM].body]
    signatures = {i: signature(body) for i, body in enumerate(bodies)}
    assert [name for name, _ in zip(names, signatures, strict=True)] == names
    # the default threshold (0.6): the four Kraków texts form one cluster, all pairs direct
    assert similar_pairs(signatures) == [
        (0, 1, 1.0),
        (0, 2, 107 / 128),
        (0, 3, 102 / 128),
        (1, 2, 107 / 128),
        (1, 3, 102 / 128),
        (2, 3, 84 / 128),
    ]
    assert clusters(signatures) == {0: 0, 1: 0, 2: 0, 3: 0}
    # at 0.8 the rewritten copy (0.797) is left out
    assert clusters(signatures, threshold=0.8) == {0: 0, 1: 0, 2: 0}


def test_cluster_ids_are_connected_components() -> None:
    pairs = [(5, 9), (9, 3), (8, 7), (12, 12)]
    assert cluster_ids(pairs, members=[1]) == {
        1: 1,
        3: 3,
        5: 3,
        7: 7,
        8: 7,
        9: 3,
        12: 12,
    }


def test_signature_is_computed_in_the_analysis(nlp: Language, copies: dict[str, Article]) -> None:
    article = copies["original"]
    (analysis,) = analyse_articles([article], nlp)
    assert analysis.signature == signature(mask_markup(article.body))


def test_threshold_setting() -> None:
    assert load_settings({}).duplicate_threshold == 0.6
    assert load_settings({"NEWS_DUPLICATE_THRESHOLD": "0.85"}).duplicate_threshold == 0.85
    with pytest.raises(ValueError, match="NEWS_DUPLICATE_THRESHOLD"):
        load_settings({"NEWS_DUPLICATE_THRESHOLD": "0"})


# --- the store --------------------------------------------------------------------------------


def _ingest(engine: Engine, nlp: Language, articles: list[Article], **options) -> list[int]:
    results = list(ingest_articles(engine, nlp, articles, **options))
    assert [result.status for result in results] == ["added"] * len(articles)
    return [int(result.article_id) for result in results]


def test_copies_are_clustered_at_upload(
    engine: Engine, nlp: Language, copies: dict[str, Article], seeds: dict[str, Article]
) -> None:
    # the original and the unrelated article first, the copies in a later batch
    first = _ingest(engine, nlp, [copies["original"], copies["unrelated"], seeds[ROTTERDAM]])
    assert duplicate_summary(engine) == {"n_clusters": 0, "n_clustered": 0, "n_copies": 0}
    later = _ingest(engine, nlp, [copies["retitled"], copies["cut"], copies["rewritten"]])
    original, unrelated, rotterdam = first
    retitled, cut, rewritten = later
    assert duplicate_summary(engine) == {"n_clusters": 1, "n_clustered": 4, "n_copies": 3}

    found = near_duplicates(engine, original)
    assert list(found["article_id"]) == [retitled, cut, rewritten]
    assert list(found["similarity"]) == [1.0, 107 / 128, 102 / 128]
    assert list(found["direct"]) == [True, True, True]
    assert list(found["title"]) == [
        "Cycling plan approved in Kraków",
        "Kraków approves bike lanes",
        "Kraków bike lanes anger shop owners",
    ]
    assert near_duplicates(engine, unrelated).empty
    assert near_duplicates(engine, rotterdam).empty

    table = article_table(engine).set_index("article_id")
    assert table["n_copies"].to_dict() == {
        rewritten: 3,
        cut: 3,
        retitled: 3,
        rotterdam: 0,
        unrelated: 0,
        original: 3,
    }
    assert table["cluster_id"].isna().to_dict() == {
        rewritten: False,
        cut: False,
        retitled: False,
        rotterdam: True,
        unrelated: True,
        original: False,
    }
    assert set(table["cluster_id"].dropna()) == {original}


def test_a_stricter_threshold_leaves_the_rewritten_copy_out(
    engine: Engine, nlp: Language, copies: dict[str, Article]
) -> None:
    names = ["original", "retitled", "cut", "rewritten"]
    ids = _ingest(engine, nlp, [copies[name] for name in names], duplicate_threshold=0.8)
    assert duplicate_summary(engine) == {"n_clusters": 1, "n_clustered": 3, "n_copies": 2}
    assert list(near_duplicates(engine, ids[0])["article_id"]) == ids[1:3]
    assert near_duplicates(engine, ids[3]).empty


def test_one_per_cluster_counts_each_cluster_once(
    store_url: str, nlp: Language, copies: dict[str, Article], seeds: dict[str, Article]
) -> None:
    engine = create_store_engine(store_url)
    ids = _ingest(engine, nlp, [*copies.values(), seeds[ROTTERDAM]])
    original, retitled, cut, rewritten, unrelated, rotterdam = ids
    one = ArticleFilter(one_per_cluster=True)
    kept = ArticleFilter(article_ids=(original, unrelated, rotterdam))
    assert not one.is_empty
    assert n_articles(engine) == 6
    assert n_articles(engine, one) == 3
    # every count is the count of the kept articles: the copies' words and entities are gone
    assert corpus_summary(engine, one) == corpus_summary(engine, kept)
    # (the whole corpus with one article per cluster is the totals less the copies' counts;
    # any other filter takes the GROUP BY: both give the same)
    for n, stop_words in ((1, False), (1, True), (2, False)):
        words = term_frequencies(engine, one, n=n, stop_words=stop_words, top=None)
        assert words.equals(term_frequencies(engine, kept, n=n, stop_words=stop_words, top=None))
        assert not words.equals(term_frequencies(engine, n=n, stop_words=stop_words, top=None))
    for labels in (None, ("PERSON", "GPE")):
        entities = entity_counts(engine, one, labels=labels)
        assert entities.equals(entity_counts(engine, kept, labels=labels))
    everything = term_frequencies(engine, top=None).set_index("term")["n_occurrences"]
    once = term_frequencies(engine, one, top=None).set_index("term")["n_occurrences"]
    assert everything["bike"] - once["bike"] == sum(
        term_frequencies(engine, ArticleFilter(article_ids=(i,)), top=None)
        .set_index("term")["n_occurrences"]
        .get("bike", 0)
        for i in (retitled, cut, rewritten)
    )

    # A copy is kept when the filter leaves out its cluster's first article.
    wire = ArticleFilter(sources=("Wire copy",), one_per_cluster=True)
    assert n_articles(engine, ArticleFilter(sources=("Wire copy",))) == 2
    assert n_articles(engine, wire) == 1
    assert duplicate_summary(engine, ArticleFilter(sources=("Wire copy",))) == {
        "n_clusters": 1,
        "n_clustered": 2,
        "n_copies": 1,
    }
    assert list(article_table(engine, wire)["article_id"]) == [retitled]
    engine.dispose()


def test_deleting_articles_splits_and_dissolves_clusters(
    store_url: str, nlp: Language, copies: dict[str, Article]
) -> None:
    engine = create_store_engine(store_url)
    names = ["original", "cut", "rewritten"]
    original, cut, rewritten = _ingest(
        engine, nlp, [copies[name] for name in names], duplicate_threshold=0.7
    )
    # at 0.7: cut ~ original (0.836), rewritten ~ original (0.797), cut !~ rewritten (0.656):
    # one cluster through the original
    assert list(near_duplicates(engine, cut)["direct"]) == [True, False]
    assert duplicate_summary(engine)["n_clusters"] == 1
    assert delete_articles(engine, [original]) == 1
    # without the original the two copies are not similar enough: no cluster is left
    assert duplicate_summary(engine) == {"n_clusters": 0, "n_clustered": 0, "n_copies": 0}
    assert near_duplicates(engine, cut).empty
    assert n_articles(engine, ArticleFilter(one_per_cluster=True)) == 2
    # adding the original again joins them again, under the smallest id
    (again,) = _ingest(engine, nlp, [copies["original"]], duplicate_threshold=0.7)
    assert duplicate_summary(engine) == {"n_clusters": 1, "n_clustered": 3, "n_copies": 2}
    assert list(near_duplicates(engine, again)["article_id"]) == [cut, rewritten]
    assert n_articles(engine, ArticleFilter(one_per_cluster=True)) == 1
    assert delete_articles(engine, [rewritten]) == 1
    assert duplicate_summary(engine) == {"n_clusters": 1, "n_clustered": 2, "n_copies": 1}
    engine.dispose()


def test_rebuilding_at_another_threshold_and_for_old_stores(
    engine: Engine,
    nlp: Language,
    copies: dict[str, Article],
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = ["original", "retitled", "cut", "rewritten", "unrelated"]
    ids = _ingest(engine, nlp, [copies[name] for name in names], duplicate_threshold=0.8)
    assert duplicate_summary(engine) == {"n_clusters": 1, "n_clustered": 3, "n_copies": 2}
    before = store_version(engine)
    assert rebuild_duplicates(engine, threshold=0.6) == {
        "n_clusters": 1,
        "n_clustered": 4,
        "n_copies": 3,
    }
    # the articles are the same, but the dashboards' caches must see the new clusters
    assert store_version(engine)[:2] == before[:2]
    assert store_version(engine) != before
    assert list(near_duplicates(engine, ids[0])["article_id"]) == ids[1:4]

    # a store written before near-duplicates were found at upload: no signatures at all
    with engine.begin() as conn:
        for table in (article_signatures, signature_bands, duplicate_pairs, duplicate_clusters):
            conn.execute(delete(table))
    assert duplicate_summary(engine)["n_clusters"] == 0
    assert main(["--db", str(engine.url), "duplicates", "--threshold", "0.8"]) == 0
    assert capsys.readouterr().out == (
        "1 clusters of near-duplicates holding 3 articles (threshold 0.8)\n"
    )
    assert list(near_duplicates(engine, ids[0])["similarity"]) == [1.0, 107 / 128]
