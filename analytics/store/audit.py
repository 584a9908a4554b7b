"""The audit trail: every write to the store with who made it, when, what and how many rows it
touched (table ``audit_log``, kept across an upgrade).

Writes inside the store (entity corrections, deletes, edits) record their entry with
``_record`` in their own transaction, so the entry is there exactly when the write is; an
upload, made of one transaction per article, is recorded once it is over, with its outcome
(``record_activity``). Users are e-mail addresses, or ``local`` in the dashboard's local mode
and on the command line.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from analytics.store._common import _frame, _inserted_id, _now, _writer
from analytics.store.schema import audit_log

LOCAL_USER = "local"
MAX_DETAIL_CHARS = 2_000


def _record(conn: Connection, *, user: str, action: str, detail: str, n_rows: int) -> int:
    """Add an entry to the audit trail in the caller's transaction; returns its id."""
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[: MAX_DETAIL_CHARS - 1] + "…"
    values = {
        "at": _now(),
        "user": user or LOCAL_USER,
        "action": action,
        "detail": detail,
        "n_rows": int(n_rows),
    }
    return _inserted_id(conn.execute(insert(audit_log).values(**values)))


def record_activity(
    engine: Engine, *, user: str = LOCAL_USER, action: str, detail: str, n_rows: int
) -> int:
    """Add an entry to the audit trail on its own (for writes made of several transactions,
    such as an upload, once they are over); returns its id. The detail is cut to
    ``MAX_DETAIL_CHARS``."""
    with _writer(engine).begin() as conn:
        return _record(conn, user=user, action=action, detail=detail, n_rows=n_rows)


def audit_entries(
    engine: Engine,
    *,
    user: str | None = None,
    action: str | None = None,
    since: dt.datetime | dt.date | None = None,
    until: dt.datetime | dt.date | None = None,
) -> pd.DataFrame:
    """The audit trail, newest first: id, at (UTC), user, action, detail, n_rows; only the
    user's, the action's, and from ``since`` / before ``until`` when given (a date: from the
    start of that day / before the start of that day)."""
    statement = select(
        audit_log.c.id,
        audit_log.c.at,
        audit_log.c.user,
        audit_log.c.action,
        audit_log.c.detail,
        audit_log.c.n_rows,
    ).order_by(audit_log.c.id.desc())
    if user is not None:
        statement = statement.where(audit_log.c.user == user)
    if action is not None:
        statement = statement.where(audit_log.c.action == action)
    if since is not None:
        statement = statement.where(audit_log.c.at >= _as_datetime(since))
    if until is not None:
        statement = statement.where(audit_log.c.at < _as_datetime(until))
    return _frame(engine, statement)


def _as_datetime(moment: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return dt.datetime.combine(moment, dt.time())
