"""Tests of analytics.readers: decoding, format detection and each reader, on texts written here."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from analytics.models import Article, ReadError, ReadOutcome
from analytics.readers import (
    BYTES_READERS,
    EXTENSIONS,
    READERS,
    decode_text,
    detect_format,
    parse_date,
    read_path,
    read_upload,
)

SUPPORTED = (
    "supported types are plain text (.txt, .text, .md, .markdown), HTML (.html, .htm), "
    "CSV (.csv, .tsv), JSON Lines (.jsonl, .ndjson), PDF (.pdf), Word (.docx) and "
    "ZIP archives of these (.zip)"
)

RUSSIAN = (
    "Городской совет в понедельник утвердил строительство трёх новых велосипедных дорожек "
    "вдоль реки. Сторонники проекта говорят, что дорожки сделают дорогу в школу безопаснее "
    "для детей. Владельцы магазинов опасаются, что на главной улице станет меньше мест для "
    "парковки. Строительство начнётся весной и закончится до конца следующего года."
)
FRENCH = (
    "Le conseil municipal a approuvé lundi soir la création de trois nouvelles pistes "
    "cyclables le long de la rivière. Les défenseurs du projet affirment que les élèves "
    "pourront aller à l'école en toute sécurité, tandis que les commerçants craignent la "
    "disparition de places de stationnement près du marché. Les travaux commenceront au "
    "printemps et s'achèveront avant la fin de l'année prochaine, a précisé l'élu chargé "
    "des déplacements."
)
GERMAN = (
    "Der Stadtrat hat am Montagabend den Bau von drei neuen Radwegen entlang des Flusses "
    "beschlossen. Befürworter sagen, dass die Wege den täglichen Schulweg für Kinder sicherer "
    "machen würden, während Ladenbesitzer den Verlust von Parkplätzen in der Hauptstraße "
    "befürchten. Die Bauarbeiten sollen im Frühjahr beginnen und vor Ende des nächsten "
    "Jahres abgeschlossen sein, äußerte der Verkehrsreferent."
)

PARAGRAPHS = (
    "The town council voted on Monday evening to build three new protected cycle lanes "
    "along the river, after a debate that lasted more than four hours.",
    "Supporters said the lanes would make the daily commute safer for children riding to "
    "school, while shop owners worried about the loss of parking spaces on the high street.",
    "Construction is expected to begin in the spring and to finish before the end of next "
    "year, according to the council's transport officer.",
)
BODY = "\n\n".join(PARAGRAPHS)

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council approves new cycle lanes</title>
<meta property="article:published_time" content="2024-12-09">
<meta property="og:site_name" content="Riverside Gazette">
<link rel="canonical" href="https://gazette.example/news/cycle-lanes">
<script>var tracker = "SCRIPT_IN_HEAD";</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a> NAVIGATION_MENU</nav>
<article>
<h1>Council approves new cycle lanes</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("SCRIPT_IN_BODY");</script>
<p>{PARAGRAPHS[2]}</p>
</article>
<footer><p>Copyright 2024 Riverside Gazette. FOOTER_BOILERPLATE. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body>
</html>
"""


def only_article(outcome: ReadOutcome) -> Article:
    assert outcome.error == ""
    (article,) = outcome.articles
    return article


# --- decoding ---------------------------------------------------------------------------------


def test_decode_utf8() -> None:
    assert decode_text("Zürich – 9 déc. 2024".encode()) == "Zürich – 9 déc. 2024"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (FRENCH, "cp1252"),
    ],
    ids=["russian-cp1251", "russian-koi8-r", "french-latin-1", "german-latin-1", "french-cp1252"],
)
def test_decode_legacy_encodings(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data) == text


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]
)
def test_decode_byte_order_marks(encoding: str) -> None:
    data = FRENCH.encode(encoding)
    if not encoding.startswith("utf-8") and encoding.endswith(("-le", "-be")):
        data = "\ufeff".encode(encoding) + data  # the -le/-be codecs write no mark themselves
    assert decode_text(data) == FRENCH


def test_decode_rejects_random_bytes() -> None:
    with pytest.raises(ReadError, match="^looks like a binary file, not text$"):
        decode_text(random.Random(0).randbytes(4096))


def test_decode_rejects_nul_bytes_without_utf16_mark() -> None:
    with pytest.raises(ReadError, match="^looks like a binary file, not text$"):
        decode_text(b"Some text\x00with a NUL byte in the middle of it.")


def test_decode_rejects_broken_utf16() -> None:
    with pytest.raises(ReadError) as error:
        decode_text(b"\xff\xfeA\x00\x00\xd8")  # a lone high surrogate
    assert str(error.value) == (
        "the file starts with a UTF-16 byte-order mark but is not valid UTF-16"
    )


# --- format detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("story.txt", b"Title\n\nBody.", "text"),
        ("STORY.TXT", b"Title\n\nBody.", "text"),
        ("notes.md", b"# Title\n\nBody.", "text"),
        ("story", b"Title\n\nBody.", "text"),
        ("folder/sub/story.text", b"Title\n\nBody.", "text"),
        ("page.html", b"<p>Hello</p>", "html"),
        ("page.HTM", b"<p>Hello</p>", "html"),
        ("page", b"\n  <!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("saved.txt", b"<html lang='en'><body><p>Hi</p></body></html>", "html"),
        ("page", b"<!-- saved --><HTML><body><p>Hi</p></body></HTML>", "html"),
        ("page", "<!doctype html><p>Hi</p>".encode("utf-16"), "html"),
        ("articles.csv", b"text\nHello", "csv"),
        ("articles.tsv", b"text\nHello", "csv"),
        ("articles.jsonl", b'{"text": "Hello"}', "jsonl"),
        ("articles.ndjson", b'{"text": "Hello"}', "jsonl"),
        ("story", b"<b>not a page</b> but text", "text"),
    ],
)
def test_detect_format(name: str, data: bytes, expected: str) -> None:
    assert detect_format(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f"this file is not a supported type (it looks like a PNG image); {SUPPORTED}",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            f"this file is not a supported type (it looks like a PNG image); {SUPPORTED}",
        ),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF",
            f"this file is not a supported type (it looks like a JPEG image); {SUPPORTED}",
        ),
        (
            "anim.gif",
            b"GIF89a\x01\x00\x01\x00",
            f"this file is not a supported type (it looks like a GIF image); {SUPPORTED}",
        ),
        ("report.pdf", b"Not really a PDF", "this file is named .pdf but it is not a PDF file"),
        ("archive.zip", b"text\nHello", "this file is named .zip but it is not a ZIP archive"),
        ("letter.docx", b"plain text", "this file is named .docx but it is not a Word document"),
        (
            "setup.exe",
            b"MZ\x90\x00\x03",
            f"this file is not a supported type (.exe files cannot be read); {SUPPORTED}",
        ),
        (
            "data.xlsx",
            b"anything",
            f"this file is not a supported type (.xlsx files cannot be read); {SUPPORTED}",
        ),
        ("blank.txt", b"", "the file is empty"),
        ("blank.txt", b" \r\n\t\n", "the file is empty"),
    ],
)
def test_detect_format_rejects(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as error:
        detect_format(name, data)
    assert str(error.value) == message


def test_every_extension_has_a_reader() -> None:
    assert set(EXTENSIONS.values()) == set(READERS) | set(BYTES_READERS)


# --- plain text -------------------------------------------------------------------------------


def test_read_text_golden() -> None:
    data = (
        "\r\n  Council approves new cycle lanes  \r\n\r\n"
        f"{PARAGRAPHS[0]}   \r\n\r\n\r\n\r\n{PARAGRAPHS[1]}\r\n"
        f"{PARAGRAPHS[2]}\r\n\r\nShare this article\r\n"
    ).encode()
    article = only_article(read_upload("cycle-lanes.txt", data))
    assert article == Article(
        title="Council approves new cycle lanes",
        body=f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n\nShare this article",
        file_name="cycle-lanes.txt",
    )


def test_read_text_cp1251_with_old_mac_newlines() -> None:
    data = f"Велосипедные дорожки\r\r{RUSSIAN}\r".encode("cp1251")
    article = only_article(read_upload("новости.txt", data))
    assert (article.title, article.body, article.language) == ("Велосипедные дорожки", RUSSIAN, "")


def test_read_text_utf16_with_bom() -> None:
    data = f"Radwege beschlossen\n\n{GERMAN}\n".encode("utf-16")
    article = only_article(read_upload("stadtrat.txt", data))
    assert (article.title, article.body) == ("Radwege beschlossen", GERMAN)


def test_read_text_utf8_bom_is_not_in_the_title() -> None:
    article = only_article(read_upload("a.txt", "\ufeffTitle\n\nBody text.".encode()))
    assert (article.title, article.body) == ("Title", "Body text.")


def test_read_markdown_heading_marks_are_removed() -> None:
    data = f"# Council approves new cycle lanes #\n\n{BODY}\n\n## More\n\nText.\n".encode()
    article = only_article(read_upload("lanes.md", data))
    assert article.title == "Council approves new cycle lanes"
    assert article.body == f"{BODY}\n\n## More\n\nText."


def test_read_markdown_setext_heading() -> None:
    data = f"Council approves new cycle lanes\n================================\n\n{BODY}".encode()
    article = only_article(read_upload("lanes.md", data))
    assert (article.title, article.body) == ("Council approves new cycle lanes", BODY)


def test_read_text_keeps_hash_marks_outside_markdown() -> None:
    article = only_article(read_upload("lanes.txt", b"# 1 story\n\nBody."))
    assert article.title == "# 1 story"


def test_read_text_single_line_is_the_body() -> None:
    article = only_article(read_upload("note.txt", b"Only one line of text.\n"))
    assert (article.title, article.body) == ("", "Only one line of text.")


def test_read_text_paragraph_long_first_line_is_not_a_title() -> None:
    first = " ".join(PARAGRAPHS * 2)
    article = only_article(read_upload("note.txt", f"{first}\n\n{PARAGRAPHS[0]}".encode()))
    assert (article.title, article.body) == ("", f"{first}\n\n{PARAGRAPHS[0]}")


def test_read_text_too_long() -> None:
    outcome = read_upload("long.txt", f"Title\n\n{'word ' * 20}".encode(), max_article_chars=50)
    assert outcome == ReadOutcome(
        "long.txt",
        error="the article has 99 characters; the limit is 50 (NEWS_MAX_ARTICLE_CHARS)",
    )


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", "  \n ".encode("utf-16"), b"\xef\xbb\xbf\n"])
def test_read_empty_file(data: bytes) -> None:
    assert read_upload("empty.txt", data) == ReadOutcome("empty.txt", error="the file is empty")


def test_read_random_bytes_without_extension() -> None:
    outcome = read_upload("blob", random.Random(0).randbytes(4096))
    assert outcome == ReadOutcome("blob", error="looks like a binary file, not text")


# --- HTML -------------------------------------------------------------------------------------


def test_read_html_golden() -> None:
    article = only_article(read_upload("cycle-lanes.html", PAGE.encode()))
    assert article == Article(
        body=BODY,
        title="Council approves new cycle lanes",
        source="Riverside Gazette",
        published=dt.date(2024, 12, 9),
        url="https://gazette.example/news/cycle-lanes",
        language="en",
        file_name="cycle-lanes.html",
    )
    for boilerplate in ("NAVIGATION_MENU", "FOOTER_BOILERPLATE", "SCRIPT_IN", "Privacy"):
        assert boilerplate not in article.body


def test_read_html_detected_by_content() -> None:
    article = only_article(read_upload("download", PAGE.encode()))
    assert article.body == BODY


def test_read_html_small_page() -> None:
    data = b"<html><body><p>The bridge reopens on Friday.</p></body></html>"
    article = only_article(read_upload("small.html", data))
    assert article == Article(body="The bridge reopens on Friday.", file_name="small.html")


@pytest.mark.parametrize(
    ("html", "body"),
    [
        (
            "<article><p>First line<br>second line.</p><p>Next <b>bold</b> one.</p></article>",
            "First line\nsecond line.\n\nNext bold one.",
        ),
        ("Loose text of the page.<br>Another line.", "Loose text of the page.\n\nAnother line."),
    ],
)
def test_read_html_paragraphs(html: str, body: str) -> None:
    data = f"<html><body>{html}</body></html>".encode()
    assert only_article(read_upload("page.html", data)).body == body


def test_read_html_declared_latin1() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(PARAGRAPHS[1], FRENCH)
    article = only_article(read_upload("page.html", page.encode("cp1252")))
    assert article.body == f"{PARAGRAPHS[0]}\n\n{FRENCH}\n\n{PARAGRAPHS[2]}"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head><title>Nothing here</title></head><body></body></html>",
        b"<!DOCTYPE html><html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_read_html_without_text(data: bytes) -> None:
    outcome = read_upload("empty.html", data)
    assert outcome == ReadOutcome("empty.html", error="no article text found in the HTML page")


def test_read_html_too_long() -> None:
    outcome = read_upload("page.html", PAGE.encode(), max_article_chars=100)
    assert outcome.error == (
        "the article has 457 characters; the limit is 100 (NEWS_MAX_ARTICLE_CHARS)"
    )


# --- CSV --------------------------------------------------------------------------------------

CSV = (
    "ID,Title,Body,Publisher,Publication Date,Link,Lang,category\r\n"
    f'n-1,Cycle lanes approved,"{PARAGRAPHS[0]}\r\n\r\n{PARAGRAPHS[1]}",Riverside Gazette,'
    "2024-12-09,https://gazette.example/1,en-GB,local\r\n"
    ",No text here,,Gazette,,,,local\r\n"
    f',Bridge reopens,"{PARAGRAPHS[2]}",,9 December 2024,,fr,local\r\n'
    f",Odd date,Some text.,,sometime soon,,,\r\n"
)


def test_read_csv_batch() -> None:
    outcome = read_upload("news.csv", CSV.encode())
    assert outcome.error == ""
    assert outcome.articles == (
        Article(
            body=f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}",
            title="Cycle lanes approved",
            source="Riverside Gazette",
            published=dt.date(2024, 12, 9),
            url="https://gazette.example/1",
            language="en",
            file_name="news.csv#n-1",
        ),
        Article(
            body=PARAGRAPHS[2],
            title="Bridge reopens",
            published=dt.date(2024, 12, 9),
            language="fr",
            file_name="news.csv#row 3",
        ),
        Article(body="Some text.", title="Odd date", file_name="news.csv#row 4"),
    )
    assert outcome.warnings == ("row 2: no text", "row 4: could not read the date 'sometime soon'")


def test_read_csv_semicolons_bom_and_cp1251() -> None:
    data = f"\ufefftitle;text\r\nДорожки;{RUSSIAN}\r\n".encode()
    article = only_article(read_upload("ru.csv", data))
    assert (article.title, article.body, article.file_name) == ("Дорожки", RUSSIAN, "ru.csv#row 1")
    data = f"title;text\r\nДорожки;{RUSSIAN}\r\n".encode("cp1251")
    assert only_article(read_upload("ru.csv", data)).body == RUSSIAN


def test_read_csv_blank_lines_before_the_header() -> None:
    article = only_article(read_upload("a.csv", b"\r\n\r\ntitle;text\r\nA;B, C\r\n"))
    assert (article.title, article.body, article.file_name) == ("A", "B, C", "a.csv#row 1")


def test_read_tsv() -> None:
    article = only_article(read_upload("a.tsv", b"headline\tcontent\nA title\tSome, text.\n"))
    assert (article.title, article.body) == ("A title", "Some, text.")


def test_read_csv_row_with_too_many_cells() -> None:
    outcome = read_upload("a.csv", b"title,text\nA,Some text, unquoted\n")
    assert only_article(outcome) == Article(body="Some text", title="A", file_name="a.csv#row 1")
    assert outcome.warnings == ("row 1 has more cells than the header row has columns",)


def test_read_csv_without_text_column() -> None:
    outcome = read_upload("news.csv", b"headline,author,category\nA,B,C\n")
    assert outcome.error == (
        "no text column found (the columns are 'headline', 'author', 'category'); "
        "the text must be in a column named text, body, content, article"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"title,text\r\n", "the file has a header row but no data rows"),
        (b"title,text\nA,\nB,  \n", "none of the rows has any text"),
    ],
)
def test_read_csv_without_rows(data: bytes, message: str) -> None:
    assert read_upload("a.csv", data).error == message


def test_read_csv_long_row_is_skipped() -> None:
    data = f"text\nShort text.\n{'x' * 200}\n".encode()
    outcome = read_upload("a.csv", data, max_article_chars=100)
    assert [a.body for a in outcome.articles] == ["Short text."]
    assert outcome.warnings == (
        "row 2: the article has 200 characters; the limit is 100 (NEWS_MAX_ARTICLE_CHARS), skipped",
    )


def test_read_csv_field_longer_than_the_csv_default_limit() -> None:
    text = "word " * 40_000  # 200,000 characters: over csv's default field limit of 131,072
    outcome = read_upload("big.csv", f'text\n"{text}"\n'.encode())
    assert only_article(outcome).body == text.strip()


# --- JSON Lines -------------------------------------------------------------------------------


def test_read_jsonl_batch() -> None:
    lines = [
        json.dumps(
            {
                "id": "business/001.txt",
                "category": "business",
                "title": "Cycle lanes approved",
                "text": BODY,
                "source": "BBC",
                "Published": "2005-03-01T10:00:00Z",
                "url": "https://news.example/1",
                "language": "en",
            }
        ),
        "",
        '{"id": "business/002.txt", "title": "Broken',
        json.dumps({"id": "business/003.txt", "title": "No text"}),
        json.dumps({"Content": "Just a body.", "date": "1 March 2005"}),
        json.dumps(["not", "an", "object"]),
    ]
    outcome = read_upload("bbc.jsonl", "\n".join(lines).encode())
    assert outcome.error == ""
    assert outcome.articles == (
        Article(
            body=BODY,
            title="Cycle lanes approved",
            source="BBC",
            published=dt.date(2005, 3, 1),
            url="https://news.example/1",
            language="en",
            file_name="bbc.jsonl#business/001.txt",
        ),
        Article(body="Just a body.", published=dt.date(2005, 3, 1), file_name="bbc.jsonl#line 5"),
    )
    assert outcome.warnings == (
        "line 3 is not valid JSON",
        "line 4: no text",
        "line 6 is not a JSON object",
    )


def test_read_jsonl_with_nothing_readable() -> None:
    outcome = read_upload("a.jsonl", b"not json\n{also not}\n")
    assert outcome == ReadOutcome("a.jsonl", error="line 1 is not valid JSON", warnings=())


def test_read_jsonl_without_text_field() -> None:
    outcome = read_upload("a.jsonl", b'{"title": "A", "author": "B"}\n{"Title": "C"}\n')
    assert outcome.error == (
        "no text column found (the columns are 'title', 'author', 'Title'); "
        "the text must be in a column named text, body, content, article"
    )


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-09", dt.date(2024, 12, 9)),
        ("2019-01-03T07:00:02.000Z", dt.date(2019, 1, 3)),
        ("2015-07-24T05:36:09+01:00", dt.date(2015, 7, 24)),
        ("2019-04-28 06:01:07", dt.date(2019, 4, 28)),
        ("9 December 2024", dt.date(2024, 12, 9)),
        ("Mon, 09 Dec 2024 10:00:00 GMT", dt.date(2024, 12, 9)),
        ("December 2024", dt.date(2024, 12, 1)),
        ("9 декабря 2024", dt.date(2024, 12, 9)),
        ("  ", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    warnings: list[str] = []
    assert parse_date(value, warnings=warnings, label="row 1") == expected
    assert warnings == []


@pytest.mark.parametrize("value", ["yesterday", "March 5", "2024-13-45", "not a date"])
def test_parse_date_unreadable(value: str) -> None:
    warnings: list[str] = []
    assert parse_date(value, warnings=warnings, label="row 7") is None
    assert warnings == [f"row 7: could not read the date {value!r}"]


# --- the registry and read_upload's promise ---------------------------------------------------


def test_bytes_reader_can_be_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_upper(
        name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]:
        return [Article(body=data.decode("ascii").upper(), file_name=name)]

    monkeypatch.setitem(BYTES_READERS, "text", read_upper)
    assert only_article(read_upload("a.txt", b"abc")).body == "ABC"


def test_read_upload_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_broken(
        name: str, data: bytes, /, *, warnings: list[str] | None = None
    ) -> list[Article]:
        raise KeyError("an internal detail the user should not see")

    monkeypatch.setitem(BYTES_READERS, "text", read_broken)
    outcome = read_upload("a.txt", b"abc")
    assert outcome == ReadOutcome("a.txt", error="could not read this file: KeyError")


# --- files on disk ----------------------------------------------------------------------------


def test_read_path_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"Second\n\n{BODY}", encoding="utf-8")
    (tmp_path / "a.md").write_text("# First\n\nBody of the first.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "rows.csv").write_text("text\nOne.\n\nTwo.\n", encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "README.md").write_text("# About this folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nfile", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Hidden\n\nfolder", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "LICENSE").write_text("Not an article", encoding="utf-8")

    outcomes = list(read_path(tmp_path))

    assert [outcome.name for outcome in outcomes] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/empty.txt",
        "sub/rows.csv",
    ]
    a, b, c, empty, rows = outcomes
    assert only_article(a) == Article(body="Body of the first.", title="First", file_name="a.md")
    assert only_article(b) == Article(body=BODY, title="Second", file_name="b.txt")
    assert only_article(c).file_name == "sub/c.html"
    assert empty == ReadOutcome("sub/empty.txt", error="the file is empty")
    assert [article.file_name for article in rows.articles] == [
        "sub/rows.csv#row 1",
        "sub/rows.csv#row 3",
    ]


def test_read_path_single_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (outcome,) = read_path(path)
    assert outcome.name == "photo.txt"
    assert outcome.error.startswith("this file is not a supported type (it looks like a PNG image)")


def test_read_path_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert list(read_path(missing)) == [ReadOutcome(str(missing), error="no such file or folder")]
