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


# --- Word paragraphs that python-docx's paragraph.text loses ----------------------------------


def _docx_with_paragraphs(*xml_paragraphs: str, dtd: str = "") -> bytes:
    """A Word document whose body is a title then these paragraphs (``w:p`` contents)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(files.docx_document(paragraphs=("PLACEHOLDER",))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                if dtd:
                    xml = xml.replace("?>", f"?>\n<!DOCTYPE w:document [{dtd}]>", 1)
                body = "".join(f"<w:p>{inner}</w:p>" for inner in xml_paragraphs)
                xml = xml.replace("<w:p><w:r><w:t>PLACEHOLDER</w:t></w:r></w:p>", body)
                data = xml.encode()
            target.writestr(info, data)
    return out.getvalue()


def test_docx_paragraph_with_an_entity_reference_keeps_its_text() -> None:
    data = _docx_with_paragraphs(
        "<w:r><w:t>&town;</w:t></w:r>",
        '<w:r><w:t xml:space="preserve">Trams in &town; run again, &unknown; said the mayor.</w:t>'
        "</w:r>",
        dtd='<!ENTITY town "Zürich"><!ENTITY unknown SYSTEM "file:///etc/hostname">',
    )
    article = only_article(read_upload("entities.docx", data))
    assert article.body == "Zürich\n\nTrams in Zürich run again,  said the mayor."


def test_docx_paragraph_text_in_fields_links_symbols_and_changes() -> None:
    data = _docx_with_paragraphs(
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>Monday 9 December</w:t></w:r></w:fldSimple>',
        '<w:hyperlink r:id="rId99" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><w:r><w:t>The council report</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> is online.</w:t></w:r>',
        '<w:r><w:t xml:space="preserve">It was 5</w:t></w:r><w:r><w:sym w:font="Arial" '
        'w:char="00B0"/><w:sym w:font="Wingdings" w:char="F04A"/></w:r>'
        '<w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> in Gdansk'
        "</w:t></w:r></w:smartTag>"
        '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> at noon</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText> at dawn</w:delText></w:r></w:del>'
        "<w:r><w:t>.</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Page 3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    article = only_article(read_upload("fields.docx", data))
    assert article.body == (
        "Monday 9 December\n\nThe council report is online.\n\n"
        "It was 5° in Gdansk at noon.\n\nPage 3"
    )
