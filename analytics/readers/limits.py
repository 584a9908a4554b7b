"""The upload limits as the readers apply them (:class:`~analytics.settings.Limits`, defaults in
:data:`DEFAULT_LIMITS`), and the message for each limit that is exceeded, naming the setting
that sets it (``NEWS_MAX_UPLOAD_MB`` and the others).
"""

from __future__ import annotations

from dataclasses import replace

from analytics.models import ReadError
from analytics.settings import Limits

MB = 1024 * 1024

DEFAULT_LIMITS = Limits()
"""The limits when a caller passes none."""


class ArchiveRejected(ReadError):
    """A limit of an archive was broken: the whole upload is rejected, not just one entry."""


def effective_limits(limits: Limits | None, max_article_chars: int | None) -> Limits:
    """The limits a caller passed (or the defaults), with ``max_article_chars`` if given."""
    caps = DEFAULT_LIMITS if limits is None else limits  # Settings are Limits too
    if max_article_chars is not None:
        caps = replace(caps, max_article_chars=max_article_chars)
    return caps


def megabytes(size: float) -> str:
    """A size in words: ``"63.2 MB"``, or ``"12.5 KB"`` / ``"312 bytes"`` below 0.1 MB."""
    if size >= MB / 10:
        return f"{size / MB:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size:.0f} bytes"


def too_big(size: int, limits: Limits) -> ReadError:
    """The error for a file of ``size`` bytes, over the upload size limit."""
    shown, limit = megabytes(size), f"{limits.max_upload_mb:g} MB"
    if float(shown.split()[0]) <= limits.max_upload_mb:  # rounding hides the difference
        shown, limit = f"{size:,} bytes", f"{limit} ({limits.max_file_bytes:,} bytes)"
    return ReadError(f"the file is {shown}; the limit is {limit} (NEWS_MAX_UPLOAD_MB)")


def too_long(length: int, limit: int) -> str:
    """The message for an article of ``length`` characters, over the limit."""
    return f"the article has {length:,} characters; the limit is {limit:,} (NEWS_MAX_ARTICLE_CHARS)"


def too_many_entries(count: int, limits: Limits) -> ArchiveRejected:
    """The error for an archive of ``count`` entries, over the entry limit."""
    return ArchiveRejected(
        f"the archive has {count:,} entries; the limit is {limits.max_archive_entries:,} "
        "(NEWS_MAX_ARCHIVE_ENTRIES)"
    )


def too_much_data(size: int, limits: Limits, *, at_least: bool = False) -> ArchiveRejected:
    """The error for an archive that expands to ``size`` bytes (``at_least``: more than the
    limit, when it was stopped while decompressing), over the limit for all its entries."""
    amount = f"more than {limits.max_uncompressed_mb:g} MB" if at_least else megabytes(size)
    return ArchiveRejected(
        f"the archive expands to {amount} when decompressed; the limit is "
        f"{limits.max_uncompressed_mb:g} MB in total (NEWS_MAX_UNCOMPRESSED_MB)"
    )


def too_compressed(entry: str, size: int, compressed: int, limits: Limits) -> ArchiveRejected:
    """The error for an entry that expands more times than the compression ratio limit."""
    ratio = size / max(compressed, 1)
    return ArchiveRejected(
        f"{entry} expands {ratio:,.0f} times when decompressed ({megabytes(compressed)} to "
        f"{megabytes(size)}), like a zip bomb; the limit is {limits.max_compression_ratio:g} "
        "times (NEWS_MAX_COMPRESSION_RATIO)"
    )


def too_deep(depth: int, limits: Limits) -> str:
    """The message for an archive held by ``depth`` others, at the nesting limit."""
    if limits.max_archive_depth <= 0:
        return "ZIP archives are not accepted (NEWS_MAX_ARCHIVE_DEPTH is 0)"
    return (
        f"this ZIP archive is nested {depth + 1} levels deep; the limit is "
        f"{limits.max_archive_depth} (NEWS_MAX_ARCHIVE_DEPTH)"
    )
