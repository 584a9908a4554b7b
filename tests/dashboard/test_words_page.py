"""Words page: n-grams, stop words, news words, lemmas, how many terms, chosen articles, the
heatmap."""

from __future__ import annotations

from apptest_support import chart, decode, downloads, open_app
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes

WITH_NEWS_WORDS = [
    ("said", 24),
    ("new", 16),
    ("people", 10),
    ("port", 10),
    ("city", 8),
    ("european", 8),
    ("reading", 8),
    ("years", 8),
    ("club", 7),
    ("germany", 7),
    ("assad", 6),
    ("computing", 6),
    ("power", 6),
    ("regime", 6),
    ("terminal", 6),
    ("capacity", 5),
    ("commission", 5),
    ("plan", 5),
    ("rail", 5),
    ("syria", 5),
    ("anneke", 4),
    ("asked", 4),
    ("brightmere", 4),
    ("company", 4),
    ("container", 4),
]
TOP_25_WORDS = [*WITH_NEWS_WORDS[1:], ("contracts", 4)]  # "said" is a news word
TOP_BIGRAMS = [
    ("anneke vos", 4),
    ("brightmere computing", 4),
    ("european commission", 4),
    ("jonas keller", 4),
    ("marek zieliński", 4),
    ("data centres", 3),
    ("ewa kowalczyk", 3),
    ("million euros", 3),
]


def _bars(at) -> list[tuple[str, int]]:
    (trace,) = chart(at, "words-top-terms-chart")["data"]
    return list(zip(decode(trace["y"]), decode(trace["x"]), strict=True))


def _table(at) -> list[tuple[str, int]]:
    (table,) = [expander for expander in at.expander if expander.label == "As a table"][0].dataframe
    return list(zip(table.value["term"], table.value["n_occurrences"], strict=True))


def test_default_words(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("words")
    assert at.title[0].value == "Words"
    assert at.segmented_control(key="words-ngram-n").value == 1
    assert at.toggle(key="words-ngram-stop").value is False
    assert at.toggle(key="words-lemmas").value is False
    assert at.slider(key="words-top").value == 25
    assert _bars(at) == TOP_25_WORDS
    assert _table(at) == TOP_25_WORDS
    assert chart(at, "words-top-terms-chart")["layout"]["title"]["text"] == "Top words"
    assert downloads(at) == {
        "words-top-terms-download": "Download CSV",
        "words-table-download": "Download CSV",
        "words-heatmap-download": "Download CSV",
    }
    table_csv = media.file(at, "words-table-download")
    assert table_csv.filename == "top-words-table.csv"
    assert table_csv.content == csv_bytes(
        store.term_frequencies(store_engine, news_words=False, top=25)
    )


def test_news_words_switch(store_url: str, store_engine: Engine) -> None:
    """News words go with the stop words by default; the switch brings them back, and keeping
    the stop words keeps them too (the switch is then not shown)."""
    at = open_app("words")
    assert at.toggle(key="words-ngram-news").value is True
    (listed,) = [expander for expander in at.expander if expander.label == "The news words"]
    assert listed.caption[0].value.startswith("according, added, dr, mr, mrs, ms, said, saying")
    assert "said" not in [term for term, _ in _bars(at)]
    at.toggle(key="words-ngram-news").set_value(False).run()
    assert _bars(at) == WITH_NEWS_WORDS
    at.toggle(key="words-ngram-stop").set_value(True).run()
    assert not [toggle for toggle in at.toggle if toggle.key == "words-ngram-news"]
    assert ("said", 24) in _bars(at)


def test_heatmap_of_the_top_five_words(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("words")
    at.toggle(key="words-ngram-news").set_value(False).run()
    assert _terms_to_compare(at).value == [
        "said",
        "new",
        "people",
        "port",
        "city",
    ]
    (heatmap,) = chart(at, "words-heatmap-chart")["data"]
    assert heatmap["type"] == "heatmap"
    assert decode(heatmap["x"]) == ["city", "new", "people", "port", "said"]
    assert decode(heatmap["y"]) == [
        "Data centre near Frankfurt tests limits of Germany's power … (#4)",
        "EU backs Rotterdam port expansion with €420 million grant (#3)",
        "Hamburg club unveils plans for 30,000-seat stadium by the E… (#6)",
        "Kraków council votes yes on new bike lanes (#2)",
        "Rotterdam port awards first contracts for EU-funded terminal (#7)",
        "University study links declining sustained reading to fragm… (#5)",
    ]
    assert decode(heatmap["z"]) == [
        [1, 4, 1, 0, 4],
        [0, 2, 1, 4, 4],
        [1, 2, 4, 0, 4],
        [5, 4, 3, 0, 5],
        [1, 4, 1, 6, 6],
        [0, 0, 0, 0, 1],
    ]
    spread = media.file(at, "words-heatmap-download")
    assert spread.filename == "words-per-article.csv"
    assert spread.content == csv_bytes(
        store.term_by_article(store_engine, chosen_terms=("said", "new", "people", "port", "city"))
    )


def test_bigrams_and_trigrams(store_url: str) -> None:
    at = open_app("words")
    at.segmented_control(key="words-ngram-n").set_value(2).run()
    assert not at.exception
    assert _bars(at)[:8] == TOP_BIGRAMS
    assert len(_bars(at)) == 25
    assert chart(at, "words-top-terms-chart")["layout"]["title"]["text"] == "Top bigrams"
    assert downloads(at)["words-top-terms-download"] == "Download CSV"

    at.segmented_control(key="words-ngram-n").set_value(3).run()
    assert _bars(at)[:3] == [
        ("germany and poland", 3),
        ("directs the expansion", 2),
        ("electricity to ships", 2),
    ]
    assert chart(at, "words-top-terms-chart")["layout"]["title"]["text"] == "Top trigrams"


def test_stop_words_toggle(store_url: str) -> None:
    at = open_app("words")
    at.toggle(key="words-ngram-stop").set_value(True).run()
    assert _bars(at)[:8] == [
        ("the", 176),
        ("and", 59),
        ("of", 59),
        ("a", 47),
        ("to", 46),
        ("for", 39),
        ("in", 38),
        ("will", 30),
    ]
    at.segmented_control(key="words-ngram-n").set_value(2).run()
    assert _bars(at)[:5] == [
        ("of the", 18),
        ("and the", 9),
        ("from the", 9),
        ("on the", 9),
        ("the port", 8),
    ]


def test_lemmas_toggle(store_url: str) -> None:
    at = open_app("words")
    at.toggle(key="words-lemmas").set_value(True).run()
    assert "say" not in [term for term, _ in _bars(at)]  # "said" and "says" are news words
    at.toggle(key="words-ngram-news").set_value(False).run()
    assert _bars(at)[:8] == [
        ("say", 27),
        ("new", 16),
        ("year", 12),
        ("port", 11),
        ("people", 10),
        ("read", 9),
        ("city", 8),
        ("european", 8),
    ]


def test_how_many_terms(store_url: str) -> None:
    at = open_app("words")
    at.slider(key="words-top").set_value(5).run()
    assert _bars(at) == TOP_25_WORDS[:5]
    assert _table(at) == TOP_25_WORDS[:5]
    at.slider(key="words-top").set_value(100).run()
    assert len(_bars(at)) == 100
    assert _bars(at)[:25] == TOP_25_WORDS


def test_only_chosen_articles(store_url: str) -> None:
    at = open_app("words")
    articles = at.multiselect(key="words-articles")
    assert articles.options == [
        "Rotterdam port awards first contracts for EU-funded terminal (#7)",
        "Hamburg club unveils plans for 30,000-seat stadium by the Elbe (#6)",
        "University study links declining sustained reading to fragmented digital consumption (#5)",
        "Data centre near Frankfurt tests limits of Germany's power grid (#4)",
        "EU backs Rotterdam port expansion with €420 million grant (#3)",
        "Kraków council votes yes on new bike lanes (#2)",
        "Syrian defeat of the Kremlin may shake Putin's regime - Media. (#1)",
    ]
    articles.set_value([6]).run()
    assert _bars(at)[:5] == [("club", 7), ("people", 4), ("stadium", 3), ("brandt", 2), ("cost", 2)]
    (heatmap,) = chart(at, "words-heatmap-chart")["data"]
    assert decode(heatmap["y"]) == [
        "Hamburg club unveils plans for 30,000-seat stadium by the E… (#6)"
    ]
    at.multiselect(key="words-articles").set_value([6, 1]).run()
    assert _bars(at)[:5] == [("club", 7), ("assad", 6), ("regime", 6), ("syria", 5), ("people", 4)]


def test_whole_corpus_counts_equal_all_articles_chosen(store_url: str) -> None:
    """Choosing every article in "Only these articles" must not change the counts.

    BUG (analytics/store.py, ``term_frequencies``, the unfiltered branch reading
    ``corpus_terms``): the corpus totals are kept per (n, term, lemma), and the unfiltered
    query does not add them up per term, so a word form with two lemmas comes out as two rows:
    "computing" (6 times: "Computing" in a company name and "computing") shows as 4 and 2, and
    drops out of the top 15 on Overview. With a filter the counts are right.
    """
    at = open_app("words")
    at.slider(key="words-top").set_value(100).run()
    whole_corpus = _bars(at)
    at.multiselect(key="words-articles").set_value([7, 6, 5, 4, 3, 2, 1]).run()
    all_chosen = _bars(at)
    terms = [term for term, _ in whole_corpus]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    assert ("computing", 6) in whole_corpus
    assert whole_corpus == all_chosen


def test_terms_to_compare_follow_the_ngram_size(store_url: str) -> None:
    """After switching to bigrams the heatmap should compare the top bigrams.

    "Terms to compare" starts again from the top five terms whenever the n-gram size (or
    stop words / lemmas) changes; its old words would not be among the new options.
    """
    at = open_app("words")
    at.segmented_control(key="words-ngram-n").set_value(2).run()
    assert not at.exception
    assert _terms_to_compare(at).value == [
        "anneke vos",
        "brightmere computing",
        "european commission",
        "jonas keller",
        "marek zieliński",
    ]
    heatmap = chart(at, "words-heatmap-chart")
    assert [trace["type"] for trace in heatmap["data"]] == ["heatmap"]


def _terms_to_compare(at):  # type: ignore[no-untyped-def]
    """The "Terms to compare" multiselect (its key changes with the kind of terms)."""
    (widget,) = [w for w in at.multiselect if w.label == "Terms to compare"]
    return widget
