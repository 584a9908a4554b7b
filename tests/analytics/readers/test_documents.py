"""Tests of analytics.readers.documents: PDF files and Word documents (built by
``tests/hostile/files.py``), through the upload path and the worker process.
"""

from __future__ import annotations

import datetime as dt

from hostile import files
from hostile.files import PARAGRAPHS, TITLE
from reader_samples import only_article

from analytics.models import Article
from analytics.readers.reading import read_upload


def test_pdf_pages_paragraphs_and_title() -> None:
    article = only_article(read_upload("report.pdf", files.two_page_pdf()))
    assert article == Article(
        title=TITLE,
        body=(
            "The town council voted on Monday evening to build three new protected cycle lanes "
            "along the river, after a debate that lasted four hours.\n\n"
            "Supporters said the lanes would make the daily commute safer for children riding "
            "to school, while shop owners worried about parking spaces.\n\n"
            "Construction is expected to begin in the spring and to finish before the end of "
            "next year, according to the council's transport officer."
        ),
        file_name="report.pdf",
    )


def test_pdf_title_from_first_line_when_metadata_has_none() -> None:
    data = files.text_pdf([[TITLE, None, PARAGRAPHS[0]]], title="Microsoft Word - draft.docx")
    article = only_article(read_upload("report.pdf", data))
    assert (article.title, article.body) == (TITLE, PARAGRAPHS[0])


def test_pdf_in_two_columns_is_read_column_by_column() -> None:
    left = ["The left column starts here and", "goes on for a few lines of text", "to its end."]
    right = ["The right column is read after", "the left one, not mixed with it", "line by line."]
    ops = [b"BT /F1 10 Tf 12 TL 50 700 Td"]
    ops += [files._pdf_string(line) + b" Tj T*" for line in left]
    ops += [b"ET BT /F1 10 Tf 12 TL 320 700 Td"]
    ops += [files._pdf_string(line) + b" Tj T*" for line in right]
    ops += [b"ET"]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        files._stream(b"\n".join(ops)),
    ]
    article = only_article(read_upload("columns.pdf", files._pdf_file(objects)))
    assert " ".join(article.body.split()) == " ".join(left + right)


def test_docx_title_paragraphs_and_date() -> None:
    created = dt.datetime(2024, 11, 5, 9, 30, tzinfo=dt.UTC)
    article = only_article(read_upload("council.docx", files.docx_document(created=created)))
    assert article == Article(
        title=TITLE,
        body="\n\n".join(PARAGRAPHS),
        published=created.date(),
        file_name="council.docx",
    )


def test_docx_title_from_properties_and_template_date_ignored() -> None:
    data = files.docx_document(heading=None, core_title="From the properties")
    article = only_article(read_upload("council.docx", data))
    # python-docx's template says it was created on 2013-12-23: not a publication date.
    assert (article.title, article.body, article.published) == (
        "From the properties",
        "\n\n".join(PARAGRAPHS),
        None,
    )
