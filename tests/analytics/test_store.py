import datetime as dt
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
import textstat
from spacy.language import Language
from sqlalchemy import Engine, func, inspect, select

from analytics.analysis import analyse_articles
from analytics.cleaning import clean_article
from analytics.frequency import TermRow
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import (
    ArticleFilter,
    add_analyses,
    add_analysis,
    article_detail,
    article_mentions,
    article_sentences,
    article_table,
    corpus_export,
    corpus_summary,
    create_store_engine,
    entity_counts,
    entity_mentions,
    entity_sentences,
    mentions_by_date,
    metadata,
    n_articles,
    readability_table,
    sources,
    term_by_article,
    term_frequencies,
)

# The store tests run on a SQLite file, and on PostgreSQL too when NEWS_TEST_POSTGRES_URL names
# an empty database to use (CI starts one; see .ci/run).
POSTGRES_URL = os.environ.get("NEWS_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    engine = create_store_engine(POSTGRES_URL)
    metadata.drop_all(engine)
    engine.dispose()
    return POSTGRES_URL


BUDGET = Article(
    title="Budget passes",
    body="The parliament in Warsaw passed the budget. Ministers welcomed the budget vote.",
    source="Daily Test",
    published=dt.date(2024, 3, 1),
)
STRIKE = Article(
    title="Rail strike",
    body="Rail workers in Lyon began a strike. The strike closed stations across France.",
    source="Evening Test",
    published=dt.date(2024, 4, 15),
)


def _row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of article data (the store's own facts, its version, left out)."""
    with engine.connect() as conn:
        return {
            table.name: conn.scalar(select(func.count()).select_from(table))
            for table in metadata.sorted_tables
            if table.name != "store_meta"
        }


def test_seed_round_trip(engine: Engine, nlp: Language, seed_article: Article) -> None:
    (result,) = ingest_articles(engine, nlp, [seed_article])
    assert result.status == "added"
    cleaned = clean_article(seed_article)
    detail = article_detail(engine, result.article_id)
    assert detail is not None
    assert detail["title"] == cleaned.title
    assert detail["body"] == cleaned.body
    assert detail["content_hash"] == cleaned.content_hash
    # readability values equal textstat's on the cleaned body
    assert detail["flesch_reading_ease"] == textstat.flesch_reading_ease(cleaned.body)
    assert detail["gunning_fog"] == textstat.gunning_fog(cleaned.body)
    assert detail["smog_index"] == textstat.smog_index(cleaned.body)
    assert detail["n_words"] == textstat.lexicon_count(cleaned.body)
    assert detail["n_sentences"] == textstat.sentence_count(cleaned.body)
    words = term_frequencies(engine, top=3)
    assert words[["term", "n_occurrences", "n_articles"]].to_dict("records") == [
        {"term": "assad", "n_occurrences": 6, "n_articles": 1},
        {"term": "regime", "n_occurrences": 6, "n_articles": 1},
        {"term": "syria", "n_occurrences": 5, "n_articles": 1},
    ]
    entities = entity_counts(engine).set_index(["entity", "label"])
    assert entities.loc[("Assad", "PERSON"), "n_mentions"] == 6
    sentences = article_sentences(engine, result.article_id)
    assert sentences.iloc[0]["sentence"] == (
        "The fall of Assad's regime in Syria and its impact on the Kremlin"
    )
    mentions = article_mentions(engine, result.article_id)
    assert all(
        cleaned.body[row.start_char : row.end_char] == row.surface for row in mentions.itertuples()
    )


def test_adding_again_stores_once(engine: Engine, nlp: Language, seed_article: Article) -> None:
    first = list(ingest_articles(engine, nlp, [seed_article, seed_article]))
    counts = _row_counts(engine)
    second = list(ingest_articles(engine, nlp, [seed_article]))
    assert [r.status for r in first] == ["added", "already present"]
    assert first[1].article_id == first[0].article_id
    assert [r.status for r in second] == ["already present"]
    assert second[0].article_id == first[0].article_id
    assert _row_counts(engine) == counts
    assert counts["articles"] == 1


def test_failure_half_way_stores_nothing(engine: Engine, nlp: Language) -> None:
    (analysis,) = analyse_articles([clean_article(BUDGET)], nlp)
    duplicate = TermRow(1, "budget", "budget", False, 1)
    broken = analysis.__class__(**{**analysis.__dict__, "terms": [*analysis.terms, duplicate]})
    with pytest.raises(Exception, match="UNIQUE|unique|IntegrityError"):
        add_analysis(engine, broken)
    assert set(_row_counts(engine).values()) == {0}
    assert add_analysis(engine, analysis).status == "added"
    assert _row_counts(engine)["articles"] == 1


def test_failing_article_is_rejected_alone(engine: Engine) -> None:
    import spacy

    @spacy.Language.component("explode_on_boom")
    def explode_on_boom(doc):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise RuntimeError("analysis failed")
        return doc

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("explode_on_boom")
    bad = Article(title="Bad", body="This article goes BOOM in the middle.")
    results = list(ingest_articles(engine, blank, [BUDGET, bad, STRIKE]))
    assert [r.status for r in results] == ["added", "rejected", "added"]
    assert results[1].reason == "the analysis failed (RuntimeError)"
    assert n_articles(engine) == 2
    assert sorted(article_table(engine)["title"]) == ["Budget passes", "Rail strike"]


def test_store_reopened_by_another_process(db_url: str, engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    engine.dispose()
    script = textwrap.dedent(
        f"""
        from analytics.store import create_store_engine, n_articles, term_frequencies
        engine = create_store_engine({db_url!r})
        words = term_frequencies(engine, top=2)
        print(n_articles(engine), *words["term"], *words["n_occurrences"])
        """
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert output.split() == ["2", "budget", "strike", "2", "2"]


def test_filters(engine: Engine, nlp: Language) -> None:
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    assert sources(engine) == ["Daily Test", "Evening Test"]
    by_source = ArticleFilter(sources=("Evening Test",))
    assert list(article_table(engine, by_source)["title"]) == ["Rail strike"]
    by_date = ArticleFilter(date_to=dt.date(2024, 3, 31))
    assert list(article_table(engine, by_date)["title"]) == ["Budget passes"]
    by_search = ArticleFilter(search="lyon")
    assert n_articles(engine, by_search) == 1
    assert list(term_frequencies(engine, by_search, top=1)["term"]) == ["strike"]
    assert set(entity_counts(engine, by_source)["entity"]) >= {"Lyon", "France"}
    assert "Warsaw" not in set(entity_counts(engine, by_source)["entity"])
    assert n_articles(engine, ArticleFilter(search="100%_")) == 0


def test_click_filters(engine: Engine, nlp: Language) -> None:
    """The filters a click on a chart sets: an entity, a word, a range of reading grades."""
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    grades = readability_table(engine).set_index("title")["consensus_grade"].to_dict()
    mentioning = ArticleFilter(mentioning=("France", "GPE"))
    assert list(article_table(engine, mentioning)["title"]) == ["Rail strike"]
    assert n_articles(engine, ArticleFilter(mentioning=("France", "PERSON"))) == 0
    with_word = ArticleFilter(containing_word="budget")
    assert list(article_table(engine, with_word)["title"]) == ["Budget passes"]
    assert term_frequencies(engine, with_word, top=1)[
        ["term", "n_occurrences"]
    ].values.tolist() == [["budget", 2]]
    assert n_articles(engine, ArticleFilter(containing_word="Budget")) == 0  # stored lower case
    grade = grades["Rail strike"]
    in_range = ArticleFilter(measure_range=("consensus_grade", grade, grade))
    assert set(article_table(engine, in_range)["title"]) == {
        title for title, value in grades.items() if value == grade
    }
    both = ArticleFilter(mentioning=("France", "GPE"), containing_word="budget")
    assert n_articles(engine, both) == 0


def test_corpus_queries(engine: Engine, nlp: Language) -> None:
    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    summary = corpus_summary(engine)
    assert summary["n_articles"] == 2
    assert summary["n_words"] == 12 + 13
    assert summary["n_sources"] == 2
    assert summary["first_published"] == dt.date(2024, 3, 1)
    assert summary["n_undated"] == 0
    table = term_by_article(engine, chosen_terms=("budget", "strike"))
    assert table[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget", "n_occurrences": 2},
        {"title": "Rail strike", "term": "strike", "n_occurrences": 2},
    ]
    france = entity_sentences(engine, entity="France", label="GPE")
    assert list(france["sentence"]) == ["The strike closed stations across France."]
    assert list(france["article_id"]) == [results[1].article_id]
    frame = readability_table(engine)
    assert list(frame["n_words"]) == [12, 13]
    export = corpus_export(engine)
    assert list(export.columns[:3]) == ["article_id", "title", "source"]
    assert export.columns[-1] == "body"
    assert "too short" in export["unreliable_scores"].iloc[0]
    with engine.connect() as conn:
        n_mentions = conn.scalar(select(func.count()).select_from(entity_mentions))
    assert summary["n_entities"] <= n_mentions
    assert isinstance(export, pd.DataFrame)


def test_hostile_strings_round_trip(engine: Engine, nlp: Language) -> None:
    title = "'); DROP TABLE articles;-- <script>alert(1)</script>"
    article = Article(title=title, body="Robert'); DROP TABLE articles;-- spoke in Paris today.")
    (result,) = ingest_articles(engine, nlp, [article])
    assert article_detail(engine, result.article_id)["title"] == title
    assert n_articles(engine, ArticleFilter(search="DROP TABLE")) == 1


def test_batch_commits_once_and_isolates_a_failing_article(engine: Engine, nlp: Language) -> None:
    budget, strike = analyse_articles([clean_article(BUDGET), clean_article(STRIKE)], nlp)
    duplicate = TermRow(1, "budget", "budget", False, 1)
    broken = budget.__class__(**{**budget.__dict__, "terms": [*budget.terms, duplicate]})
    results = add_analyses(engine, [broken, strike, strike])
    assert [r.status for r in results] == ["rejected", "added", "already present"]
    assert results[0].reason.startswith("could not be stored (")
    assert results[2].article_id == results[1].article_id
    counts = _row_counts(engine)
    assert counts["articles"] == 1
    assert counts["readability"] == 1
    assert counts["terms"] == len(strike.terms)


def test_corpus_totals_equal_the_group_by_and_follow_deletes(engine: Engine, nlp: Language) -> None:
    from analytics.store import delete_articles, rebuild_corpus_totals

    again = clean_article(BUDGET).with_changes(title="Budget again")
    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE, again]))
    everything = ArticleFilter(search="")  # empty: answered from the totals
    assert everything.is_empty
    by_ids = ArticleFilter(article_ids=tuple(r.article_id for r in results))  # the GROUP BY
    for n in (1, 2, 3):
        for stop_words in (False, True):
            fast = term_frequencies(engine, everything, n=n, stop_words=stop_words, top=None)
            slow = term_frequencies(engine, by_ids, n=n, stop_words=stop_words, top=None)
            pd.testing.assert_frame_equal(fast, slow)
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, by_ids))
    assert term_frequencies(engine, top=1).iloc[0].to_dict() == {
        "term": "budget",
        "n_occurrences": 4,
        "n_articles": 2,
        "per_10k_words": 1081.08,
    }
    assert delete_articles(engine, [results[0].article_id]) == 1
    remaining = ArticleFilter(article_ids=(results[1].article_id, results[2].article_id))
    pd.testing.assert_frame_equal(
        term_frequencies(engine, n=1, top=None), term_frequencies(engine, remaining, n=1, top=None)
    )
    pd.testing.assert_frame_equal(entity_counts(engine), entity_counts(engine, remaining))
    before = term_frequencies(engine, n=2, stop_words=True, top=None)
    rebuild_corpus_totals(engine)
    pd.testing.assert_frame_equal(term_frequencies(engine, n=2, stop_words=True, top=None), before)


def test_pages_and_limits_for_large_corpora(engine: Engine, nlp: Language) -> None:
    from analytics.store import flag_counts, measure_values

    results = list(ingest_articles(engine, nlp, [BUDGET, STRIKE]))
    ids = [r.article_id for r in results]
    assert list(article_table(engine, limit=1)["article_id"]) == [ids[1]]
    assert list(article_table(engine, limit=1, offset=1)["article_id"]) == [ids[0]]
    assert list(measure_values(engine, measure="n_words")) == [12.0, 13.0]
    assert flag_counts(engine).set_index("measure").loc["smog_index", "n_articles"] == 2
    both = term_by_article(engine, chosen_terms=("budget", "strike"), top_articles=1)
    assert both[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget", "n_occurrences": 2}
    ]


PARIS = Article(
    title="Talks in Paris",
    body='"We will present a joint plan next week," Emmanuel Macron said. "Europe must act '
    'together," he added. The so-called "peace plan" was rejected by Russia.',
    source="Daily Test",
    published=dt.date(2024, 5, 2),
)
FLOOD = Article(
    title="Flood",
    body='Residents were angry. "The water came up so fast," said Maria Lopez. "Nobody will '
    'be left behind," Emmanuel Macron said on a visit. A neighbour said: "It was terrifying."',
    source="Evening Test",
    published=dt.date(2024, 5, 10),
)
GERMAN = Article(
    title="Kanzler",
    body="„Wir haben keine andere Wahl“, sagte der Kanzler am Montag in Berlin vor "
    "Journalisten. Die Opposition kritisierte die Entscheidung scharf.",
    language="de",
)


def _quote_row(quote: str, speaker: str | None, label: str | None, cue: str, article: int) -> dict:
    paris = article == 1
    return {
        "quote": quote,
        "speaker": speaker,
        "label": label,
        "cue": cue,
        "title": "Talks in Paris" if paris else "Flood",
        "published": dt.date(2024, 5, 2) if paris else dt.date(2024, 5, 10),
        "article_id": article,
    }


def test_quotes_round_trip(engine: Engine, nlp: Language) -> None:
    from analytics.store import delete_articles, quote_summary, quote_table, quoted_entities

    results = list(ingest_articles(engine, nlp, [PARIS, FLOOD, GERMAN]))
    assert [result.article_id for result in results] == [1, 2, 3]
    table = quote_table(engine).drop(columns="quote_index")
    assert table.replace({float("nan"): None}).to_dict("records") == [
        _quote_row("The water came up so fast,", "Maria Lopez", "PERSON", "said", 2),
        _quote_row("Nobody will be left behind,", "Emmanuel Macron", "PERSON", "said", 2),
        _quote_row("It was terrifying.", "A neighbour", None, "said", 2),
        _quote_row(
            "We will present a joint plan next week,", "Emmanuel Macron", "PERSON", "said", 1
        ),
        _quote_row("Europe must act together,", "Emmanuel Macron", "PERSON", "added", 1),
    ]
    assert quoted_entities(engine).to_dict("records") == [
        {"entity": "Emmanuel Macron", "label": "PERSON", "n_quotes": 3, "n_articles": 2},
        {"entity": "Maria Lopez", "label": "PERSON", "n_quotes": 1, "n_articles": 1},
    ]
    assert quote_summary(engine) == {
        "n_quotes": 5,
        "n_attributed": 4,
        "n_articles": 2,
        "n_other_languages": 1,
        "other_languages": ("de",),
    }
    # the filter (source, dates, search) and the chosen entity
    paris_only = ArticleFilter(sources=("Daily Test",))
    macron = quote_table(engine, paris_only, entity="Emmanuel Macron", label="PERSON")
    assert list(macron["quote"]) == [
        "We will present a joint plan next week,",
        "Europe must act together,",
    ]
    late = quoted_entities(engine, ArticleFilter(date_from=dt.date(2024, 5, 5)))
    assert list(zip(late["entity"], late["n_quotes"], strict=True)) == [
        ("Emmanuel Macron", 1),
        ("Maria Lopez", 1),
    ]
    assert quoted_entities(engine, labels=("ORG",)).empty
    assert quote_table(engine, ArticleFilter(search="lopez"), limit=1)["quote"].tolist() == [
        "The water came up so fast,"
    ]
    assert quote_summary(engine, ArticleFilter(search="Kanzler"))["n_quotes"] == 0
    delete_articles(engine, [2])
    assert quoted_entities(engine).to_dict("records") == [
        {"entity": "Emmanuel Macron", "label": "PERSON", "n_quotes": 2, "n_articles": 1}
    ]


def test_phrases_are_found_through_their_rarest_word(engine: Engine, nlp: Language) -> None:
    """Only single words are indexed (ix_terms_word, partial on n = 1); bigrams and trigrams
    are looked up among the articles using their rarest word, with the same answers."""
    rail = Article(
        title="Rail strike spreads",
        body="The rail strike spread to Paris. Rail workers said the rail strike would go on.",
        source="Evening Test",
        published=dt.date(2024, 4, 16),
    )
    list(ingest_articles(engine, nlp, [BUDGET, STRIKE, rail]))
    bigrams = term_by_article(engine, chosen_terms=("rail strike", "budget vote"), n=2)
    assert bigrams[["title", "term", "n_occurrences"]].to_dict("records") == [
        {"title": "Budget passes", "term": "budget vote", "n_occurrences": 1},
        {"title": "Rail strike spreads", "term": "rail strike", "n_occurrences": 2},
    ]
    trigram = term_by_article(engine, chosen_terms=("the rail strike",), n=3)
    assert trigram[["title", "n_occurrences"]].to_dict("records") == [
        {"title": "Rail strike spreads", "n_occurrences": 2}
    ]
    # a phrase with a word the corpus never uses, and one whose words never meet
    assert term_by_article(engine, chosen_terms=("rail tunnel", "budget strike"), n=2).empty
    by_date = mentions_by_date(engine, chosen_terms=("rail workers", "strike"))
    counts = by_date.groupby("item")[["n_mentions", "n_articles"]].sum().to_dict("index")
    assert counts == {
        "rail workers": {"n_mentions": 2, "n_articles": 2},
        "strike": {"n_mentions": 4, "n_articles": 2},
    }
    assert n_articles(engine, ArticleFilter(containing_word="rail")) == 2
    with engine.connect() as conn:
        indexes = {index["name"]: index for index in inspect(conn).get_indexes("terms")}
    assert "ix_terms_n_term" not in indexes
    assert indexes["ix_terms_word"]["column_names"] == ["term"]
