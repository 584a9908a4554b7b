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


# --- A PDF title wrapped over two lines -------------------------------------------------------

WRAPPED_TITLE = ("Government unveils a plan to bring fast broadband", "to every village")
BODY_LINES = [
    "The town council voted on Monday evening to build three new protected",
    "cycle lanes along the river, after a debate that lasted four hours.",
    None,
    "Supporters said the lanes would make the daily commute safer for children",
    "riding to school, while shop owners worried about parking spaces.",
]
BODY = (
    "The town council voted on Monday evening to build three new protected cycle lanes along "
    "the river, after a debate that lasted four hours.\n\n"
    "Supporters said the lanes would make the daily commute safer for children riding to "
    "school, while shop owners worried about parking spaces."
)


def _headline_pdf(
    headline: tuple[str, ...],
    *,
    size: int = 20,
    centred: bool = False,
    title: str | None = None,
) -> bytes:
    """A one-page PDF as a word processor makes one: the headline in Helvetica-Bold at ``size``
    points (each line centred on the page with ``centred``), a gap, then the body lines in
    Helvetica at 11 points (``None``: an empty line); ``title`` in the document's metadata."""
    leading = size + 4
    ops = [b"BT", b"/F2 %d Tf" % size]
    y = 720
    for line in headline:
        # Helvetica-Bold is about 0.55 em a character: a centred line starts further right
        x = (612 - 0.55 * size * len(line)) / 2 if centred else 72
        ops.append(b"1 0 0 1 %d %d Tm " % (x, y) + files._pdf_string(line) + b" Tj")
        y -= leading
    ops += [b"ET", b"BT", b"/F1 11 Tf", b"14 TL", b"72 %d Td" % (y - 14)]
    ops += [b"T*" if line is None else files._pdf_string(line) + b" Tj T*" for line in BODY_LINES]
    ops.append(b"ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents 5 0 R >>",
        files._stream(b"\n".join(ops)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    info = None
    if title is not None:
        objects.append(b"<< /Title " + files._pdf_string(title) + b" /Producer (tests) >>")
        info = len(objects)
    return files._pdf_file(objects, info=info)


def test_pdf_title_wrapped_over_two_lines_is_the_whole_title() -> None:
    for size, centred in ((20, False), (18, True), (24, True), (11, False)):
        data = _headline_pdf(WRAPPED_TITLE, size=size, centred=centred)
        article = only_article(read_upload("broadband.pdf", data))
        # Before: the title was "Government unveils a plan to bring fast broadband" and the
        # body began with "to every village".
        assert (article.title, article.body) == (
            "Government unveils a plan to bring fast broadband to every village",
            BODY,
        ), (size, centred)


def test_pdf_wrapped_title_repeating_the_metadata_title_leaves_the_body() -> None:
    full = "Government unveils a plan to bring fast broadband to every village"
    article = only_article(read_upload("broadband.pdf", _headline_pdf(WRAPPED_TITLE, title=full)))
    assert (article.title, article.body) == (full, BODY)


def test_pdf_title_of_three_lines_with_a_hyphen_broken_word() -> None:
    headline = ("Ministers promise a well-", "funded plan for broadband in", "every village")
    article = only_article(read_upload("broadband.pdf", _headline_pdf(headline, size=16)))
    assert article.title == "Ministers promise a well-funded plan for broadband in every village"
    assert article.body == BODY


def test_pdf_first_lines_that_are_not_a_title_stay_in_the_body() -> None:
    # a sentence (it ends with a full stop), and a block of four lines: no title is taken
    sentence = ("The council met on Monday evening, as it does", "every week.")
    article = only_article(read_upload("minutes.pdf", _headline_pdf(sentence, size=11)))
    assert article.title == ""
    assert article.body.startswith("The council met on Monday evening, as it does every week.")
    four = ("Council", "minutes", "of the", "ninth")
    article = only_article(read_upload("minutes.pdf", _headline_pdf(four, size=11)))
    assert article.title == "Council"
