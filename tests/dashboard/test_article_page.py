"""Article page: choosing an article, its readability, charts, text with entities, escaping."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
from apptest_support import chart, decode, downloads, frame, frame_with_columns, open_app
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes
from analytics.models import Article
from analytics.pipeline import ingest_articles
from analytics.store import ArticleFilter
from analytics.views import readability_against_median

SEED_112_TITLE = "Syrian defeat of the Kremlin may shake Putin\\'s regime \\- Media\\."
MEASURE_NAMES = [
    "Flesch Reading Ease",
    "Flesch-Kincaid Grade Level",
    "Gunning Fog Index",
    "SMOG Index (Simple Measure of Gobbledygook)",
    "Coleman-Liau Index",
    "Automated Readability Index",
    "Dale-Chall Readability Score",
    "Linsear Write Formula",
    "Consensus Grade Level",
]

EVIL_TITLE = "Mayor <img src=x onerror=alert(1)> quits, see [link](http://evil.example)"
EVIL_BODY = (
    "The mayor of Gdańsk, Anna Nowak, resigned on Monday after a long dispute with the city "
    "council. Read more at [the city site](http://evil.example) or <img src=x onerror=alert(1)> "
    "www.evil.example. She said the council had $5 million and :red[nothing] else.\n\n"
    "Councillors will elect a new mayor in March. The vote is expected to be close, because "
    "the two largest groups hold the same number of seats."
)
ZWSP = "\u200b"
SECTIONS = ["Readability", "Words", "Entities", "Distinctive terms", "Quotations", "Text"]


def open_section(at) -> str:  # type: ignore[no-untyped-def]
    """The label of the Article page's open tab."""
    (tabs,) = at.get("tab_container")
    return SECTIONS[tabs.proto.tab_container.default_tab_index]


def open_article(article_id: int, section: str | None = None):  # type: ignore[no-untyped-def]
    """The Article page showing this article, at ``section`` (the first tab by default)."""
    query = {"article": str(article_id)}
    if section is not None:
        query["section"] = section
    return open_app("article", query=query)


def _scores(at) -> pd.DataFrame:
    (table,) = [t.value for t in at.dataframe if list(t.value.columns[:2]) == ["measure", "value"]]
    return table


def test_query_param_selects_the_112_ua_article(store_url: str) -> None:
    at = open_app("article", query={"article": "1"})
    assert at.selectbox(key="article-pick-select").value == 1
    assert at.query_params["article"] == "1"
    assert at.title[0].value == SEED_112_TITLE
    assert (
        at.caption[0].value
        == "unknown source · no date · language\\: en · 299 words · about 1 min to read"
    )
    assert [text.value for text in at.text] == []  # the seed has no URL
    # The sections are tabs; the first is open, and only the open one is computed.
    assert [tab.label for tab in at.tabs] == SECTIONS
    assert open_section(at) == "Readability"
    assert [len(tab.children) > 0 for tab in at.tabs] == [True] + [False] * 5
    assert "section" not in at.query_params  # the first tab is the page's default


def test_a_link_opens_the_article_at_a_section(store_url: str) -> None:
    at = open_article(1, "Quotations")
    assert at.query_params["section"] == "Quotations"
    assert open_section(at) == "Quotations"
    assert [len(tab.children) > 0 for tab in at.tabs] == [False] * 4 + [True, False]
    assert [key for key in downloads(at)] == ["article-quotes-download"]
    # Another article keeps the section; the URL keeps the article and the section.
    at.selectbox(key="article-pick-select").set_value(2).run()
    assert open_section(at) == "Quotations"
    assert (at.query_params["article"], at.query_params["section"]) == ("2", "Quotations")
    # A section that does not exist opens the first tab.
    assert open_section(open_article(1, "Nowhere")) == "Readability"


def test_choosing_a_tab_computes_only_that_section(store_url: str) -> None:
    at = open_article(1)
    at.session_state["section"] = "Entities"
    at.run()
    assert not at.exception
    assert open_section(at) == "Entities"
    assert list(downloads(at)) == ["article-entities-download", "article-entity-table-download"]


def test_readability_table_flags_smog_for_the_112_ua_article(
    store_url: str, store_engine: Engine, media
) -> None:
    at = open_app("article", query={"article": "1"})
    scores = _scores(at)
    assert list(scores.columns) == ["measure", "value", "corpus_median", "reliable", "reason"]
    assert list(scores["measure"]) == MEASURE_NAMES
    assert list(scores["reliable"]) == [True, True, True, False, True, True, True, True, True]
    assert list(scores["reason"]) == [
        "",
        "",
        "",
        "SMOG needs 30 sentences; this text has 13",
        "",
        "",
        "",
        "",
        "",
    ]
    assert scores["value"].round(2).tolist() == [
        39.19,
        13.51,
        16.29,
        14.88,
        11.76,
        14.22,
        11.48,
        16.75,
        14.0,
    ]
    assert scores["corpus_median"].round(2).tolist() == [
        52.16,
        11.66,
        13.99,
        12.8,
        11.02,
        13.36,
        11.07,
        16.0,
        12.0,
    ]
    # The CSV behind the table is exactly the table.
    expected = readability_against_median(
        store.article_detail(store_engine, 1),
        store.readability_medians(store_engine),
        {"smog_index": "SMOG needs 30 sentences; this text has 13"},
    )
    scores_csv = media.file(at, "article-scores-download")
    assert scores_csv.filename == "article-1-readability.csv"
    assert scores_csv.content == csv_bytes(expected)


def test_charts_and_downloads_of_the_112_ua_article(
    store_url: str, store_engine: Engine, media
) -> None:
    at = open_article(1)
    assert downloads(at) == {
        "article-scores-download": "Download CSV",
        "article-counts-download": "Download CSV",
        "article-grades-download": "Download CSV",
        "article-sentences-download": "Download CSV",
    }
    grades = chart(at, "article-grades-chart")
    assert [trace["name"] for trace in grades["data"]] == ["This article", "Corpus median"]
    assert decode(grades["data"][0]["y"]) == [
        "Flesch-Kincaid",
        "Gunning fog",
        "SMOG",
        "Coleman-Liau",
        "ARI",
        "Linsear Write",
        "Consensus",
    ]
    assert decode(grades["data"][0]["x"])[-2:] == [16.75, 14.0]
    assert decode(grades["data"][1]["x"])[-2:] == [16.0, 12.0]

    sentences = chart(at, "article-sentences-chart")["data"][0]
    assert decode(sentences["x"]) == list(range(1, 15))
    assert decode(sentences["y"]) == [13, 25, 18, 31, 21, 17, 15, 25, 32, 15, 30, 10, 28, 19]

    only_this = ArticleFilter(article_ids=(1,))

    at = open_article(1, "Words")
    assert list(downloads(at)) == ["article-words-download"]
    words = chart(at, "article-words-chart")["data"][0]
    assert decode(words["y"])[:5] == ["assad", "regime", "syria", "russia", "defeat"]
    assert decode(words["x"])[:5] == [6, 6, 5, 4, 3]
    assert len(decode(words["y"])) == 20

    terms = media.file(at, "article-words-download")
    assert terms.content == csv_bytes(
        store.term_frequencies(store_engine, only_this, news_words=False, top=20)
    )
    at = open_article(1, "Entities")
    entities = media.file(at, "article-entity-table-download")
    assert entities.filename == "article-1-all-entities.csv"
    assert entities.content == csv_bytes(store.entity_counts(store_engine, only_this))


def test_text_marks_entity_mentions(store_url: str) -> None:
    at = open_article(1, "Text")
    paragraphs = [markdown.value for markdown in at.main.markdown]
    assert len(paragraphs) == 7
    assert paragraphs[0] == (
        "The fall of :blue-background[Assad · PERSON]\\'s regime in "
        ":green-background[Syria · GPE] and its impact on the :orange-background[Kremlin · ORG]"
    )
    assert paragraphs[3].startswith(
        ":blue-background[Putin · PERSON] demands explanations from the intelligence services"
    )
    body = "\n".join(paragraphs)
    assert body.count(":blue-background[Putin · PERSON]") == 3
    assert body.count(":blue-background[Assad · PERSON]") == 6
    assert ":orange-background[The Wall Street Journal · ORG]" in body
    assert ":violet-background[American · NORP]" in body
    assert ":green-background[Central Asia · LOC]" in body
    # The web boilerplate at the end of the seed file is not part of the text.
    assert "Read also" not in body
    assert "112" not in body
    (legend,) = [caption.value for caption in at.caption if caption.value.startswith("Entity ")]
    assert legend.startswith("Entity types: :blue-background[PERSON]  :orange-background[ORG]")


def test_ngram_control_on_the_article_page(store_url: str) -> None:
    at = open_article(1, "Words")
    at.segmented_control(key="article-ngram-n").set_value(2).run()
    assert not at.exception
    bigrams = chart(at, "article-words-chart")
    assert bigrams["layout"]["title"]["text"] == "Top terms"
    assert decode(bigrams["data"][0]["y"])[:3] == ["amy knight", "central asia", "north caucasus"]
    assert decode(bigrams["data"][0]["x"])[:3] == [2, 2, 2]


def test_choosing_another_article_updates_the_query_param(store_url: str) -> None:
    at = open_app("article")
    # Without a query param the newest article is shown.
    assert at.selectbox(key="article-pick-select").value == 7
    assert at.query_params["article"] == "7"
    at.selectbox(key="article-pick-select").set_value(2).run()
    assert at.title[0].value == "Kraków council votes yes on new bike lanes"
    assert at.caption[0].value == (
        "The Civic Wire · 2024\\-10\\-03 · language\\: en · 308 words · about 1 min to read"
    )
    assert at.query_params["article"] == "2"
    assert at.text[0].value.startswith("https://example.org/civic-wire/2024/10/")


def test_opening_from_overview_after_visiting_the_article_page(store_url: str) -> None:
    at = open_app("article")
    assert at.selectbox(key="article-pick-select").value == 7
    at.switch_page("views/overview.py").run()
    at.session_state["overview-articles-table"] = {"selection": {"rows": [4]}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="article-pick-select").value == 3
    assert at.title[0].value == "EU backs Rotterdam port expansion with €420 million grant"


def test_unknown_article_id_falls_back_to_the_first(store_url: str) -> None:
    at = open_app("article", query={"article": "999"})
    assert at.selectbox(key="article-pick-select").value == 7
    at2 = open_app("article", query={"article": "not-a-number"})
    assert not at2.exception
    assert at2.selectbox(key="article-pick-select").value == 7


def _add_evil_article(engine: Engine, nlp: Language) -> int:
    article = Article(
        body=EVIL_BODY,
        title=EVIL_TITLE,
        source="Evil <b>Gazette</b>",
        published=dt.date(2024, 11, 5),
        url="javascript:alert(1)",
    )
    (result,) = ingest_articles(engine, nlp, [article])
    assert result.status == "added"
    return int(result.article_id)


def _unescaped(markdown: str) -> list[str]:
    """Markdown specials not preceded by a backslash."""
    return re.findall(r"(?<!\\)[<>\[\]()`*$]", markdown)


def test_untrusted_title_and_text_are_escaped(
    writable_engine: Engine, nlp: Language, writable_store_url: str
) -> None:
    article_id = _add_evil_article(writable_engine, nlp)
    assert article_id == 8
    at = open_article(8, "Text")
    assert at.selectbox(key="article-pick-select").value == 8
    assert at.title[0].value == (
        "Mayor \\<img src\\=x onerror\\=alert\\(1\\)\\> quits\\, see "
        f"\\[link\\]\\(h{ZWSP}ttp\\:\\/\\/evil\\.example\\)"
    )
    assert at.caption[0].value == (
        "Evil \\<b\\>Gazette\\<\\/b\\> · 2024\\-11\\-05 · language\\: en · 61 words · "
        "about 1 min to read"
    )
    # The URL is shown as plain text, never as a link.
    assert [text.value for text in at.text] == ["javascript:alert(1)"]
    paragraphs = [markdown.value for markdown in at.main.markdown]
    assert paragraphs[0] == (
        "The mayor of :green-background[Gdańsk · GPE]\\, :blue-background[Anna Nowak · PERSON]"
        "\\, resigned on :gray-background[Monday · DATE] after a long dispute with the city "
        "council\\. Read more at \\[the city site\\]\\(h\u200bttp\\:\\/\\/evil\\.example\\) or "
        "\\<img src\\=x onerror\\=alert\\(1\\)\\> w\u200bww\\.evil\\.example\\. She said the "
        "council had :gray-background[\\$5 million · MONEY] and \\:red\\[nothing\\] else\\."
    )
    for text in (at.title[0].value, at.caption[0].value):
        assert _unescaped(text) == []
    for paragraph in paragraphs:
        # Only the directive brackets of the entity marks are unescaped.
        without_marks = re.sub(r":[a-z]+-background\[", "", paragraph)
        assert set(_unescaped(without_marks)) <= {"]"}
    assert "<img" not in "".join(paragraphs).replace("\\<img", "")


def test_short_article_has_every_score_flagged(
    writable_engine: Engine, nlp: Language, writable_store_url: str
) -> None:
    article_id = _add_evil_article(writable_engine, nlp)
    at = open_app("article", query={"article": str(article_id)})
    scores = _scores(at)
    assert list(scores["measure"]) == MEASURE_NAMES
    assert list(scores["reliable"]) == [False] * 9
    short = "too short: 61 words (needs at least 100)"
    reasons = list(scores["reason"])
    assert reasons[3] == f"{short}; SMOG needs 30 sentences; this text has 6"
    assert reasons[:3] + reasons[4:] == [short] * 8


def test_untrusted_text_never_reaches_a_chart_as_markup(
    writable_engine: Engine, nlp: Language, writable_store_url: str
) -> None:
    _add_evil_article(writable_engine, nlp)
    at = open_app()
    assert at.metric[0].value == "8"
    pages = ["overview", *(f"article {section}" for section in SECTIONS)]
    for page in [*pages, "words", "entities", "readability"]:
        if page.startswith("article "):
            at.session_state["section"] = page.removeprefix("article ")
            at.switch_page("views/article.py").run()
        else:
            at.switch_page(f"views/{page}.py").run()
        assert not at.exception, page
        for node in at.get("plotly_chart"):
            data = json.dumps(json.loads(node.proto.spec)["data"], ensure_ascii=False)
            assert "<img" not in data, (page, node.key)
            assert "<b>Gazette" not in data, (page, node.key)
    # The titles do reach the charts, escaped (hover text of the readability scatter).
    scatter = chart(at, "readability-scatter-chart")["data"][0]
    assert "Mayor &lt;img src=x onerror=alert(1)&gt; quits, see [link](http://evil.example)" in (
        decode(scatter["hovertext"])
    )


def test_the_quotations_of_the_112_ua_article(store_url: str, store_engine: Engine, media) -> None:
    at = open_article(1, "Quotations")
    (quotations,) = [
        t.value for t in at.dataframe if list(t.value.columns[:2]) == ["quote", "speaker"]
    ]
    assert [(row.speaker, row.label, row.cue) for row in quotations.itertuples()] == [
        ("Pyotr Akopov", "PERSON", "noted"),
        ("Amy Knight", "PERSON", "believes"),
    ]
    assert quotations["quote"].str.startswith(("In the West", "The Putin regime")).all()
    download = media.file(at, "article-quotes-download")
    expected = store.quote_table(store_engine, ArticleFilter(article_ids=(1,)), limit=None)
    assert download.content == csv_bytes(
        expected.sort_values("quote_index").drop(columns=["title", "published", "article_id"])
    )


STORM = Article(
    title="Storm closes port",
    body='"The port will stay closed until the wind drops," it was said on Monday. Ships waited '
    'outside the harbour for two days. "We have never seen waves like these," Jan de Vries, a '
    "crane driver, said.",
    source="Harbour News",
)


def test_a_quotation_without_a_speaker_reads_unattributed(
    writable_engine: Engine, nlp: Language, writable_store_url: str
) -> None:
    (result,) = ingest_articles(writable_engine, nlp, [STORM])
    at = open_article(int(result.article_id), "Quotations")
    table = frame_with_columns(at, "quote", "speaker")
    assert table[["speaker", "cue"]].values.tolist() == [
        ["unattributed", "said"],
        ["Jan de Vries", "said"],
    ]
    # and on the Quotes page, among every speaker's quotations
    at.switch_page("views/quotes.py").run()
    quotes = frame(at, "quotes-list-table").set_index("quote")
    assert (
        quotes.loc["The port will stay closed until the wind drops,", "speaker"] == "unattributed"
    )
    # the CSV keeps the missing speaker empty
    stored = store.quote_table(writable_engine, ArticleFilter(article_ids=(result.article_id,)))
    assert stored.sort_values("quote_index")["speaker"].isna().tolist() == [True, False]
