"""Quotes page: the most quoted entities, their quotations, and the language note."""

from __future__ import annotations

import datetime as dt

from apptest_support import chart, decode, downloads, frame, metrics, open_app
from spacy.language import Language
from sqlalchemy import Engine

from analytics import store
from analytics.export import csv_bytes
from analytics.models import Article
from analytics.pipeline import ingest_articles

SEED_BOARD = [
    ("Anneke Vos", 5),
    ("Ewa Kowalczyk", 3),
    ("Jonas Keller", 2),
    ("Katharina Lindqvist", 2),
    ("Sabine Hartmann", 2),
    ("Thomas Brandt", 2),
    ("Amy Knight", 1),
    ("Lena Schulz", 1),
    ("Marek Zieliński", 1),
    ("Piotr Malinowski", 1),
    ("Pyotr Akopov", 1),
]
STRIKE = Article(
    title="Port strike ends",
    body='"The strike is over and the port will reopen on Monday," a spokesman for Maersk said. '
    'Dock workers were less sure. "We have won nothing yet," said Jan de Vries, a crane driver. '
    '"The company must keep its word," he told reporters.',
    source="Harbour News",
    published=dt.date(2025, 1, 15),
)
GERMAN = Article(
    title="Streik beendet",
    body="„Der Streik ist vorbei und der Hafen öffnet am Montag wieder“, sagte ein Sprecher "
    "des Unternehmens. Die Hafenarbeiter waren sich weniger sicher.",
    language="de",
)


def _board(at) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    (trace,) = chart(at, "quotes-board-chart")["data"]
    return list(zip(decode(trace["y"]), decode(trace["x"]), strict=True))


def test_most_quoted_in_the_seed(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("quotes")
    assert metrics(at) == {
        "Quotations": "21",
        "Attributed to an entity": "21",
        "Articles with quotations": "7",
    }
    assert not at.info
    assert at.pills(key="quotes-labels").value == ["PERSON", "ORG"]
    assert _board(at) == SEED_BOARD
    assert chart(at, "quotes-board-chart")["layout"]["title"]["text"] == "Most quoted"
    assert downloads(at) == {
        "quotes-board-download": "Download CSV",
        "quotes-list-download": "Download CSV",
    }
    board = media.file(at, "quotes-board-download")
    assert board.filename == "quoted-entities.csv"
    assert board.content == csv_bytes(
        store.quoted_entities(store_engine, labels=("PERSON", "ORG"), top=15)
    )
    speaker = at.selectbox(key="quotes-speaker")
    assert speaker.value is None
    assert speaker.options == ["Every speaker"] + [f"{name} · PERSON" for name, _ in SEED_BOARD]
    assert at.caption[0].value == "21 quotations in 7 articles. Click a row to open its article."
    table = frame(at, "quotes-list-table")
    assert list(table.columns) == [
        "quote",
        "speaker",
        "label",
        "cue",
        "title",
        "published",
        "article_id",
        "quote_index",
    ]
    assert (
        list(table["article_id"])
        == [7] * 3 + [6] * 3 + [5] * 2 + [4] * 3 + [3] * 4 + [2] * 4 + [1] * 2
    )
    assert list(table["speaker"][-2:]) == ["Pyotr Akopov", "Amy Knight"]
    assert table["quote"].iloc[-1].startswith("The Putin regime itself has always been pursuing")


def test_quotations_of_one_speaker(store_url: str, store_engine: Engine, media) -> None:
    at = open_app("quotes")
    at.selectbox(key="quotes-speaker").set_value(("Anneke Vos", "PERSON")).run()
    assert not at.exception
    assert at.caption[0].value == "5 quotations in 2 articles. Click a row to open its article."
    table = frame(at, "quotes-list-table")
    assert list(table["quote"]) == [
        "We promised people we would move quickly and carefully, and so far we have done both,",
        "This is not only a Dutch project; it is a European one,",
        "A container that arrives here on Monday can be in Duisburg on Tuesday and in Warsaw "
        "by the end of the week, and that matters for factories across the continent.",
        "We know that people will hold us to our promises,",
        "and they should.",
    ]
    assert list(table["cue"]) == ["said"] * 5
    assert list(table["published"]) == [dt.date(2024, 12, 12)] + [dt.date(2024, 10, 21)] * 4
    listed = media.file(at, "quotes-list-download")
    assert listed.filename == "quotes-anneke-vos.csv"
    assert listed.content == csv_bytes(
        store.quote_table(store_engine, entity="Anneke Vos", label="PERSON")
    )


def test_clicking_a_quotation_opens_its_article(store_url: str) -> None:
    at = open_app("quotes")
    at.session_state["quotes-list-table"] = {"selection": {"rows": [3]}}
    at.run()
    assert not at.exception
    assert at.query_params["article"] == "6"


def test_added_articles_organisations_and_other_languages(
    writable_engine: Engine, nlp: Language
) -> None:
    results = list(ingest_articles(writable_engine, nlp, [STRIKE, GERMAN]))
    assert [result.status for result in results] == ["added", "added"]
    at = open_app("quotes")
    assert [info.value for info in at.info] == [
        "Quotations are not available for this language (de): 1 selected article not in "
        "English is left out."
    ]
    assert metrics(at)["Quotations"] == "24"
    at.pills(key="quotes-labels").set_value(["ORG"]).run()
    assert _board(at) == [("Maersk", 1)]
    at.pills(key="quotes-labels").set_value(["PERSON"]).run()
    assert _board(at)[:2] == [("Anneke Vos", 5), ("Ewa Kowalczyk", 3)]
    assert ("Jan de Vries", 2) in _board(at)
    at.selectbox(key="quotes-speaker").set_value(("Jan de Vries", "PERSON")).run()
    table = frame(at, "quotes-list-table")
    assert table[["quote", "speaker", "cue", "title"]].to_dict("records") == [
        {
            "quote": "We have won nothing yet,",
            "speaker": "Jan de Vries",
            "cue": "said",
            "title": "Port strike ends",
        },
        {
            "quote": "The company must keep its word,",
            "speaker": "Jan de Vries",
            "cue": "told",
            "title": "Port strike ends",
        },
    ]

    at.pills(key="quotes-labels").set_value([]).run()
    assert [warning.value for warning in at.warning] == ["Choose at least one speaker type."]


def test_no_quotation_in_the_filter(store_url: str) -> None:
    at = open_app("quotes")
    at.text_input(key="filter-search").set_value("Kanzler").run()
    assert not at.exception
    assert [info.value for info in at.info] == [
        "No quotation in the articles that match the filter."
    ]
