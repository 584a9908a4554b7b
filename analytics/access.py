"""Who may do what: the roles of signed-in users, from the settings, and what each role may do.

Three roles, each with everything the one before it may do:

- **viewer**: read every page and download tables;
- **editor**: upload articles, correct entities (merge, split, undo), delete articles and edit
  their metadata, and see the activity they caused;
- **admin**: change settings and see everyone's activity.

A signed-in user's role comes from the allow-lists ``NEWS_ADMINS``, ``NEWS_EDITORS`` and
``NEWS_VIEWERS`` (see ``analytics.settings``): comma-separated e-mail addresses or ``@domain``
entries, matched without regard to case; the highest list a user is on wins. A user on no
list gets **no access** (``role_of`` returns None), unless ``NEWS_VIEWERS`` is ``*``, which
makes every signed-in user at least a viewer. The dashboard checks ``can`` on the server before
every write (``dashboard.access``).
"""

from __future__ import annotations

from typing import Literal, get_args

from analytics.settings import Settings

Role = Literal["viewer", "editor", "admin"]
Action = Literal[
    "view",
    "download",
    "upload",
    "correct",
    "delete",
    "edit_metadata",
    "view_audit",
    "view_all_audit",
    "settings",
]

ROLES: tuple[Role, ...] = get_args(Role)  # lowest first
ACTIONS: tuple[Action, ...] = get_args(Action)
EVERYONE = "*"

#: The lowest role allowed each action.
REQUIRED_ROLE: dict[Action, Role] = {
    "view": "viewer",
    "download": "viewer",
    "upload": "editor",
    "correct": "editor",
    "delete": "editor",
    "edit_metadata": "editor",
    "view_audit": "editor",  # their own activity
    "view_all_audit": "admin",
    "settings": "admin",
}


def is_listed(email: str, entries: tuple[str, ...]) -> bool:
    """Whether the e-mail address is on the list: the address itself, ``@`` and its domain
    (exactly: ``@example.com`` does not take in ``news.example.com``), or ``*``."""
    address = email.strip().lower()
    if "@" not in address:
        return EVERYONE in entries
    domain = "@" + address.rsplit("@", 1)[1]
    return any(entry in (address, domain, EVERYONE) for entry in entries)


def role_of(email: str | None, settings: Settings) -> Role | None:
    """The role of the signed-in user with this e-mail address, or None: no access."""
    if not email:
        return None
    lists: dict[Role, tuple[str, ...]] = {
        "admin": settings.admins,
        "editor": settings.editors,
        "viewer": settings.viewers,
    }
    for role, entries in lists.items():
        # only viewers may be everyone: a '*' among editors or admins would be a slip
        named = tuple(e for e in entries if e != EVERYONE) if role != "viewer" else entries
        if is_listed(email, named):
            return role
    return None


def can(role: Role | None, action: Action) -> bool:
    """Whether a user with this role (None: no access) may take the action."""
    if role is None:
        return False
    return ROLES.index(role) >= ROLES.index(REQUIRED_ROLE[action])
