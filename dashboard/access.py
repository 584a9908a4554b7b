"""Who is using the dashboard, and the server-side check before every write.

- With an identity provider configured (an ``[auth]`` section in ``.streamlit/secrets.toml``),
  sign-in is required: ``require_sign_in`` (called by the app) shows a "Sign in" button
  (``st.login``) and stops the page until the user is signed in, and stops it too for a
  signed-in user that no allow-list names (see ``analytics.access`` for the roles).
- With none, the dashboard runs in **local mode**: it listens on localhost only (the shipped
  ``.streamlit/config.toml``), anyone on this computer may do everything, and the user is
  recorded as ``local``.

Every write is checked on the server before writing, by one of two calls:

- ``require(action) -> bool``: True when the current user may take the action, otherwise it
  shows why not (``st.error``) and returns False, so the caller writes nothing;
- ``check(action)``: raises ``Refused`` (a ``PermissionError`` whose message says why) instead,
  for the write functions of ``dashboard.data``; the page catches it and shows the message.

Hiding a write control from a viewer (``allowed(action)``) is a courtesy; these are the check.
``user_name()`` is who the audit trail records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

from analytics.access import Action, Role, can, role_of
from analytics.settings import load_settings
from components.safe_text import markdown_escape
from dashboard.state import CURRENT_USER

LOCAL_USER = "local"
LOCAL_MODE_NOTE = "Local mode: anyone on this computer can edit."

_ACTION_NAMES: dict[Action, str] = {
    "view": "see this page",
    "download": "download tables",
    "upload": "add articles",
    "correct": "correct entities",
    "delete": "delete articles",
    "edit_metadata": "edit articles",
    "view_audit": "see the activity",
    "view_all_audit": "see everyone's activity",
    "settings": "change settings",
}


@dataclass(frozen=True)
class User:
    """The dashboard's user: their name (e-mail address, or ``local``) and role (None: no
    access); ``local`` is True in local mode."""

    name: str
    role: Role | None
    local: bool = False


def _secrets_state() -> Literal["none", "auth", "no auth", "broken"]:
    """Whether the secrets configure sign-in: no secrets file, one with an ``[auth]`` section,
    one without, or one that cannot be read."""
    try:
        return "auth" if "auth" in st.secrets else "no auth"
    except FileNotFoundError as error:  # Streamlit's StreamlitSecretNotFoundError
        # no file at all, or one that cannot be read (parse error, bad path): fail closed
        return "none" if getattr(error, "error_id", None) == "no-secrets-found" else "broken"


def identity_configured() -> bool:
    """Whether sign-in is required: an identity provider is configured (an ``[auth]`` section
    in the secrets), or the secrets file cannot be read (then no one gets in: a broken file
    must not open the dashboard to everyone)."""
    return _secrets_state() in ("auth", "broken")


def current_user() -> User:
    """The current user, worked out once per session (and again if they sign in as someone
    else)."""
    state = _secrets_state()
    if state not in ("auth", "broken"):
        return User(LOCAL_USER, "admin", local=True)
    if state == "broken":
        return User("", None)
    email = str(st.user.get("email") or "") if st.user.is_logged_in else ""
    cached = st.session_state.get(CURRENT_USER)
    if isinstance(cached, User) and cached.name == email:
        return cached
    user = User(email, role_of(email, load_settings()))
    st.session_state[CURRENT_USER] = user
    return user


def user_name() -> str:
    """Who the audit trail records for the current user: the e-mail address, or ``local``."""
    return current_user().name


def allowed(action: Action) -> bool:
    """Whether the current user may take the action (nothing shown: for hiding controls)."""
    return can(current_user().role, action)


class Refused(PermissionError):
    """A write the current user may not make (the message says who and what)."""


def refusal(action: Action) -> str:
    """Why the current user may not take the action, in one sentence."""
    user = current_user()
    role = user.role or "no role"
    return f"You ({user.name}, {role}) may not {_ACTION_NAMES[action]}: nothing was changed."


def require(action: Action) -> bool:
    """The server-side check before a write: True if the current user may take the action;
    otherwise an error saying so is shown and False returned (write nothing then)."""
    if allowed(action):
        return True
    st.error(refusal(action))
    return False


def check(action: Action) -> None:
    """The server-side check before a write, raising ``Refused`` if the current user may not
    take the action."""
    if not allowed(action):
        raise Refused(refusal(action))


def require_sign_in() -> None:
    """Stop the page until the user is signed in with a role, when sign-in is configured."""
    state = _secrets_state()
    if state == "broken":
        st.title("Sign-in is misconfigured")
        st.error(
            "The secrets file (.streamlit/secrets.toml) cannot be read, so no one can sign in. "
            "Fix the file (README: Sign-in and roles), or remove it to run in local mode."
        )
        st.stop()
    if state != "auth":
        return
    if not st.user.is_logged_in:
        st.title("News analytics")
        st.write("Sign in to see the corpus.")
        st.button("Sign in", on_click=st.login, type="primary", key="access-sign-in")
        st.stop()
    user = current_user()
    if user.role is None:
        st.title("No access")
        st.write(
            f"You are signed in as {user.name or 'a user without an e-mail address'}, "
            "but no one has given this address access. Ask an administrator to add it."
        )
        st.button("Sign out", on_click=st.logout, key="access-sign-out-denied")
        st.stop()


def show_user() -> None:
    """Who is signed in, with their role and a "Sign out" button (in the sidebar); in local
    mode, a note that anyone on this computer can edit."""
    user = current_user()
    with st.sidebar:
        if user.local:
            st.markdown(f":small[{LOCAL_MODE_NOTE}]")
            return
        st.markdown(f":small[Signed in as {markdown_escape(user.name)} ({user.role})]")
        st.button("Sign out", on_click=st.logout, key="access-sign-out")
