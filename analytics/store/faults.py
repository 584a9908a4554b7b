"""Storage faults in one sentence: what went wrong with the store and what to do about it.

A read-only file or folder, a damaged file, a full disk, a database server that does not answer
or refuses the password all reach the caller as a driver error whose message may hold SQL and
the values of the statement (article text). ``explain_storage_error`` turns any of them into
one sentence naming the store (its URL without the password, or its file) and what to do, and
nothing else; the command line prints it and the dashboard shows it.

``StoreUnavailable`` is raised by the store itself when it knows the reason already (a write to
a store opened read-only: ``StoreReadOnly``); its message is such a sentence.
"""

from __future__ import annotations

import errno

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError


class StoreUnavailable(Exception):
    """The store cannot do what was asked; the message is one sentence for the user."""


class StoreReadOnly(StoreUnavailable):
    """A write to a store that was opened read-only (its file or folder cannot be written)."""


def store_name(url: str) -> str:
    """The store as a user knows it: a SQLite store's file, otherwise its URL without the
    password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(an unreadable store address)"
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ":memory:"
        return database.removeprefix("file:")
    return parsed.render_as_string(hide_password=True)


def read_only_sentence(url: str) -> str:
    """What a user is told when a write is refused on a read-only store."""
    return (
        f"The store {store_name(url)} is read-only (its file or folder cannot be written): "
        "articles can be browsed but not added, corrected or deleted; make the file and its "
        "folder writable to change them."
    )


#: (words in the driver's message, lower case; what happened and what to do, after the name)
_SQLITE_CAUSES = (
    (
        ("readonly database", "read-only file system", "readonly"),
        "is read-only (its file or folder cannot be written): make the file and its folder "
        "writable to add, correct or delete articles.",
    ),
    (
        ("file is not a database", "malformed", "file is encrypted", "not a database"),
        "is damaged (the file is not a readable SQLite database): restore it from a backup, or "
        "point NEWS_DB_URL (or --db) at a new file to start an empty store.",
    ),
    (
        ("database or disk is full", "disk is full", "no space left"),
        "is on a full disk: free some space on it and try again (nothing of the interrupted "
        "write was stored).",
    ),
    (
        ("unable to open database file", "cannot open"),
        "cannot be opened: check that its folder exists and that the file and its folder may "
        "be read and written (SQLite keeps working files beside it).",
    ),
    (
        ("disk i/o error",),
        "could not be read or written (a disk error, often a full disk): free some space "
        "or check the disk, then try again.",
    ),
    (
        ("database is locked", "database is busy"),
        "is busy (another process has been writing to it for too long): try again in a moment.",
    ),
)
_SERVER_CAUSES = (
    (
        ("password authentication failed", "authentication failed", "no password supplied"),
        "refused the user name or password: check the password in NEWS_DB_URL (or --db).",
    ),
    (
        ("does not exist",),
        "has no such database or user: create the database, or correct its name in "
        "NEWS_DB_URL (or --db).",
    ),
    (
        (
            "connection refused",
            "could not connect",
            "connection failed",
            "timeout expired",
            "timed out",
            "could not translate host name",
            "name or service not known",
            "no route to host",
            "network is unreachable",
            "server closed the connection",
            "terminating connection",
        ),
        "cannot be reached (no database server answers at that address): start the server, "
        "or correct the host and port in NEWS_DB_URL (or --db).",
    ),
    (
        ("read-only transaction", "permission denied", "must be owner"),
        "refused a write (the database user may only read): ask its administrator for write "
        "access; browsing still works.",
    ),
    (
        ("no space left on device", "could not extend file", "disk full"),
        "is on a full disk: ask its administrator to free some space, then try again (nothing "
        "of the interrupted write was stored).",
    ),
)
_OS_CAUSES = {
    errno.ENOSPC: _SQLITE_CAUSES[2][1],
    errno.EROFS: _SQLITE_CAUSES[0][1],
    errno.EACCES: _SQLITE_CAUSES[3][1],
    errno.EPERM: _SQLITE_CAUSES[3][1],
}


def _driver_message(error: BaseException) -> str:
    original = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    return str(original).lower()


def _chain(error: BaseException, *, depth: int = 8) -> list[BaseException]:
    """The error and the ones it was raised from or while handling, original last."""
    chain = [error]
    while len(chain) < depth:
        following = chain[-1].__cause__ or chain[-1].__context__
        if following is None or following in chain:
            break
        chain.append(following)
    return chain


def explain_storage_error(error: BaseException, url: str) -> str:
    """One sentence saying what went wrong with the store at ``url`` and what to do, from the
    error a store function raised; it never repeats the driver's message (which may hold SQL
    or article text)."""
    if isinstance(error, StoreUnavailable):
        return str(error)
    name = store_name(url)
    if isinstance(error, OSError) and error.errno in _OS_CAUSES:
        return f"The store {name} {_OS_CAUSES[error.errno]}"
    causes = _SQLITE_CAUSES if url.startswith("sqlite") else _SERVER_CAUSES
    # the first error in the chain with a known cause: a full disk inside a savepoint makes
    # SQLite roll the whole transaction back, and the error seen is "no such savepoint"
    for link in _chain(error):
        message = _driver_message(link)
        for words, advice in causes:
            if any(word in message for word in words):
                return f"The store {name} {advice}"
    kind = "database error" if isinstance(error, SQLAlchemyError) else type(error).__name__
    return (
        f"The store {name} could not be used ({kind}): check that it is reachable and "
        "writable, then try again."
    )


def is_storage_error(error: BaseException) -> bool:
    """Whether the error came from the store (a database error, a store that cannot be used,
    or a file-system error of the disk holding it) rather than from the program."""
    return isinstance(error, StoreUnavailable | SQLAlchemyError) or (
        isinstance(error, OSError) and error.errno in _OS_CAUSES
    )
