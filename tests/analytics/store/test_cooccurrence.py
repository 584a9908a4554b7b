"""Entity pairs per sentence and per article, and the sentences where a pair meets, on texts
written for the test (places the small English model tags reliably)."""

from __future__ import annotations

from spacy.language import Language
from sqlalchemy import Engine

from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter, entity_pairs, n_entity_units, pair_sentences

TEXTS = [
    Article(
        title="Trade deal",
        body="Officials from Paris and Berlin signed a trade deal. Berlin and Madrid disagreed "
        "about the terms. Paris praised the plan, and Paris will sign it.",
    ),
    Article(
        title="Talks again",
        body="Delegates from Paris and Berlin met again. Officials from Rome stayed away from "
        "the talks.",
    ),
    Article(title="Summit", body="Madrid hosted a summit with Rome."),
]
PAIR_KEYS = ["entity_a", "entity_b", "n_together", "n_a", "n_b", "n_units"]


def _ingest(engine: Engine, nlp: Language) -> list[int]:
    results = list(ingest_articles(engine, nlp, TEXTS))
    assert [result.status for result in results] == ["added"] * len(TEXTS)
    return [int(result.article_id) for result in results]


def _rows(frame) -> list[tuple]:  # type: ignore[no-untyped-def]
    assert set(frame["label_a"]) | set(frame["label_b"]) <= {"GPE"}
    return [tuple(row) for row in frame[PAIR_KEYS].itertuples(index=False)]


def test_pairs_per_sentence_and_per_article(engine: Engine, nlp: Language) -> None:
    _ingest(engine, nlp)
    # sentences naming places: {Paris, Berlin}, {Berlin, Madrid}, {Paris} (twice in it),
    # {Paris, Berlin}, {Rome}, {Madrid, Rome}: 6 units
    assert _rows(entity_pairs(engine, unit="sentence")) == [
        ("Berlin", "Paris", 2, 3, 3, 6),
        ("Berlin", "Madrid", 1, 3, 2, 6),
        ("Madrid", "Rome", 1, 2, 2, 6),
    ]
    # articles: {Paris, Berlin, Madrid}, {Paris, Berlin, Rome}, {Madrid, Rome}
    assert _rows(entity_pairs(engine, unit="article")) == [
        ("Berlin", "Paris", 2, 2, 2, 3),
        ("Berlin", "Madrid", 1, 2, 2, 3),
        ("Berlin", "Rome", 1, 2, 2, 3),
        ("Madrid", "Paris", 1, 2, 2, 3),
        ("Madrid", "Rome", 1, 2, 2, 3),
        ("Paris", "Rome", 1, 2, 2, 3),
    ]
    assert n_entity_units(engine, unit="sentence") == 6
    assert n_entity_units(engine, unit="article") == 3


def test_options_and_filter(engine: Engine, nlp: Language) -> None:
    ids = _ingest(engine, nlp)
    assert _rows(entity_pairs(engine, unit="sentence", min_count=2)) == [
        ("Berlin", "Paris", 2, 3, 3, 6)
    ]
    # mentions: Paris 4, Berlin 3, Madrid 2, Rome 2: the top two are Paris and Berlin
    assert _rows(entity_pairs(engine, unit="article", top_entities=2)) == [
        ("Berlin", "Paris", 2, 2, 2, 3)
    ]
    # top three, ties broken by name: Madrid comes before Rome
    assert _rows(entity_pairs(engine, unit="article", top_entities=3))[-1] == (
        "Madrid",
        "Paris",
        1,
        2,
        2,
        3,
    )
    assert entity_pairs(engine, unit="sentence", labels=("PERSON",)).empty
    assert len(entity_pairs(engine, unit="sentence", labels=("GPE",))) == 3
    only_summit = ArticleFilter(article_ids=(ids[2],))
    assert _rows(entity_pairs(engine, only_summit, unit="sentence")) == [
        ("Madrid", "Rome", 1, 1, 1, 1)
    ]
    # the filter also ranks the top entities: corpus-wide Madrid and Rome are not in the top
    # two, within the summit article they are
    assert _rows(entity_pairs(engine, only_summit, unit="article", top_entities=2)) == [
        ("Madrid", "Rome", 1, 1, 1, 1)
    ]


def test_pair_sentences(engine: Engine, nlp: Language) -> None:
    ids = _ingest(engine, nlp)
    berlin, paris, madrid = ("Berlin", "GPE"), ("Paris", "GPE"), ("Madrid", "GPE")
    met = pair_sentences(engine, a=berlin, b=paris)
    assert list(met.columns) == [
        "sentence",
        "title",
        "published",
        "article_id",
        "sentence_index",
        "n_a",
        "n_b",
    ]
    assert met[["article_id", "sentence_index", "n_a", "n_b"]].values.tolist() == [
        [ids[0], 0, 1, 1],
        [ids[1], 0, 1, 1],
    ]
    assert list(met["sentence"]) == [
        "Officials from Paris and Berlin signed a trade deal.",
        "Delegates from Paris and Berlin met again.",
    ]
    assert list(met["title"]) == ["Trade deal", "Talks again"]
    assert pair_sentences(engine, a=madrid, b=paris).empty
    # in the same article: the sentences naming either, in the one article naming both
    near = pair_sentences(engine, a=madrid, b=paris, unit="article")
    assert near[["article_id", "sentence_index", "n_a", "n_b"]].values.tolist() == [
        [ids[0], 0, 0, 1],
        [ids[0], 1, 1, 0],
        [ids[0], 2, 0, 2],
    ]
    assert pair_sentences(engine, a=berlin, b=paris, limit=1)["article_id"].tolist() == [ids[0]]
    only_second = ArticleFilter(article_ids=(ids[1],))
    assert pair_sentences(engine, only_second, a=berlin, b=paris)["article_id"].tolist() == [ids[1]]
