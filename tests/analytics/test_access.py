"""Roles from the allow-lists, and what each role may do."""

from __future__ import annotations

import pytest

from analytics.access import ACTIONS, REQUIRED_ROLE, can, is_listed, role_of
from analytics.settings import load_settings

SETTINGS = load_settings(
    {
        "NEWS_ADMINS": "Chief@Example.org",
        "NEWS_EDITORS": "@newsroom.example.org, freelance@mail.example",
        "NEWS_VIEWERS": "reader@mail.example",
    }
)


def test_the_allow_lists_are_read_lower_cased_without_blanks() -> None:
    assert SETTINGS.admins == ("chief@example.org",)
    assert SETTINGS.editors == ("@newsroom.example.org", "freelance@mail.example")
    assert SETTINGS.viewers == ("reader@mail.example",)
    assert load_settings({}).viewers == ()
    assert load_settings({"NEWS_VIEWERS": " , a@b.c ,"}).viewers == ("a@b.c",)


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("chief@example.org", "admin"),
        ("CHIEF@example.ORG", "admin"),  # addresses match without regard to case
        ("anna@newsroom.example.org", "editor"),  # by domain
        ("freelance@mail.example", "editor"),
        ("reader@mail.example", "viewer"),
        ("other@mail.example", None),  # on no list: no access
        ("anna@sub.newsroom.example.org", None),  # a domain is matched exactly
        ("anna@newsroom.example.org.evil.test", None),
        ("newsroom.example.org", None),  # no address at all
        ("", None),
        (None, None),
    ],
)
def test_role_of_a_user(email: str | None, role: str | None) -> None:
    assert role_of(email, SETTINGS) == role


def test_everyone_may_read_only_when_viewers_is_a_star() -> None:
    everyone = load_settings({"NEWS_VIEWERS": "*", "NEWS_EDITORS": "ed@example.org"})
    assert role_of("someone@anywhere.test", everyone) == "viewer"
    assert role_of("ed@example.org", everyone) == "editor"
    # a star among editors or admins is ignored: it would give everyone the right to write
    slip = load_settings({"NEWS_EDITORS": "*", "NEWS_ADMINS": "*"})
    assert role_of("someone@anywhere.test", slip) is None
    assert not is_listed("someone@anywhere.test", ())


def test_what_each_role_may_do() -> None:
    allowed = {role: {a for a in ACTIONS if can(role, a)} for role in ("viewer", "editor", "admin")}
    assert allowed["viewer"] == {"view", "download"}
    assert allowed["editor"] == {
        "view",
        "download",
        "upload",
        "correct",
        "delete",
        "edit_metadata",
        "view_audit",
    }
    assert allowed["admin"] == set(ACTIONS)
    assert not any(can(None, action) for action in ACTIONS)
    assert set(REQUIRED_ROLE) == set(ACTIONS)
