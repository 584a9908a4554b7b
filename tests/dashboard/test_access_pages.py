"""Sign-in and roles in the pages: local mode, a signed-in editor, viewer and stranger (AppTest
fakes ``st.user`` and the ``[auth]`` secrets), the Activity page, and writes refused on the
server for a user without the role, whatever the page showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import APP, PAGES, frame_with_columns
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from analytics import store
from components.safe_text import markdown_escape

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-only-a-test",
    "client_id": "news-dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
EDITOR = "ed@newsroom.test"
VIEWER = "vi@readers.test"
ADMIN = "boss@newsroom.test"
TXT = b"Harbour cranes get a new coat of paint\n\n" + b"The port of Gdynia repainted cranes. " * 3


@pytest.fixture(autouse=True)
def roles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWS_ADMINS", ADMIN)
    monkeypatch.setenv("NEWS_EDITORS", "@newsroom.test")
    monkeypatch.setenv("NEWS_VIEWERS", VIEWER)


def _app(page: str | None = None, *, email: str | None = None, signed_in: bool = True) -> AppTest:
    """The dashboard on ``page``; with ``email``, sign-in configured and that user."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    if email is not None:
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": signed_in, "email": email}
    if page is not None:
        at.switch_page(PAGES.get(page, f"views/{page}.py"))
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def _merge_shown_entity(at: AppTest) -> str:
    """On the Entities page, merge the entity shown into the first other one offered (names
    depend on the model, so none is written here); returns the correction's description."""
    entity, label = at.selectbox(key="entities-chosen").value
    target = at.selectbox(key="entities-alias-merge-target").options[0]
    at.selectbox(key="entities-alias-merge-target").set_value(target).run()
    at.button(key="entities-alias-merge").click().run()
    assert not at.exception, [error.value for error in at.exception]
    return f"#1: {entity} merged into {target} ({label})"


def _sidebar_text(at: AppTest) -> list[str]:
    return [element.value for element in at.sidebar.markdown]


def test_local_mode_says_anyone_here_can_edit(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = _app()
    assert at.title[0].value == "Overview"
    assert ":small[Local mode: anyone on this computer can edit.]" in _sidebar_text(at)
    assert not [b for b in at.sidebar.button if b.label == "Sign out"]
    # the split is recorded as made by "local", and the Activity page shows it
    at.switch_page("views/entities.py").run()
    merge = _merge_shown_entity(at)
    assert list(store.entity_corrections_table(writable_engine)["user"]) == ["local"]
    at.switch_page("views/activity.py").run()
    assert not at.exception
    assert at.title[0].value == "Activity"
    table = frame_with_columns(at, "id", "at", "user", "action", "detail", "n_rows")
    assert list(zip(table["user"], table["action"], table["detail"], strict=True)) == [
        ("local", "merge", merge)
    ]


def test_signing_in_is_required_when_a_provider_is_configured(store_url: str) -> None:
    at = _app(email="", signed_in=False)
    assert [title.value for title in at.title] == ["News analytics"]
    assert [button.label for button in at.button] == ["Sign in"]
    assert not at.sidebar.markdown  # no page, no filter until signed in


def test_a_user_on_no_list_has_no_access(store_url: str) -> None:
    at = _app(email="stranger@elsewhere.test")
    assert [title.value for title in at.title] == ["No access"]
    assert [button.label for button in at.button] == ["Sign out"]


def test_an_editor_uploads_corrects_and_sees_their_own_activity(
    writable_store_url: str, writable_engine: Engine
) -> None:
    store.record_activity(writable_engine, user=ADMIN, action="upload", detail="x", n_rows=1)
    at = _app("upload", email=EDITOR)
    assert at.title[0].value == "Upload articles"
    assert f":small[Signed in as {markdown_escape(EDITOR)} (editor)]" in _sidebar_text(at)
    assert [b.label for b in at.sidebar.button if b.key == "access-sign-out"] == ["Sign out"]
    at.file_uploader(key="upload-files").upload("cranes.txt", TXT, "text/plain")
    at.button(key="FormSubmitter:upload-form-Add to the corpus").click().run()
    assert not at.exception
    assert store.n_articles(writable_engine) == 8

    at.switch_page("views/entities.py").run()
    _merge_shown_entity(at)
    assert list(store.entity_corrections_table(writable_engine)["user"]) == [EDITOR]

    at.switch_page("views/activity.py").run()
    assert not at.exception
    assert at.caption[0].value.startswith(f"Your changes to the corpus ({EDITOR})")
    table = frame_with_columns(at, "id", "at", "user", "action", "detail", "n_rows")
    # their own only: the admin's entry is not shown
    assert list(zip(table["user"], table["action"], table["n_rows"], strict=True)) == [
        (EDITOR, "merge", table["n_rows"].iloc[0]),
        (EDITOR, "upload", 1),
    ]
    assert table["detail"].iloc[1] == "cranes.txt: 1 added"
    assert not [box for box in at.selectbox if box.key == "activity-user"]  # no user filter


def test_an_admin_sees_everyones_activity_and_filters_it(
    writable_store_url: str, writable_engine: Engine
) -> None:
    store.record_activity(writable_engine, user=EDITOR, action="upload", detail="a", n_rows=2)
    store.record_activity(writable_engine, user=ADMIN, action="delete", detail="b", n_rows=1)
    at = _app("activity", email=ADMIN)
    table = frame_with_columns(at, "id", "at", "user", "action", "detail", "n_rows")
    assert list(table["user"]) == [ADMIN, EDITOR]
    at.selectbox(key="activity-user").set_value(EDITOR).run()
    assert list(frame_with_columns(at, "id", "at", "user", "action")["action"]) == ["upload"]
    at.selectbox(key="activity-user").set_value(None).run()
    at.selectbox(key="activity-action").set_value("delete").run()
    assert list(frame_with_columns(at, "id", "at", "user", "action")["user"]) == [ADMIN]
    assert "activity-download" in {b.key for b in at.get("download_button")}


def test_a_viewer_sees_no_write_controls(store_url: str) -> None:
    at = _app("upload", email=VIEWER)
    assert f":small[Signed in as {markdown_escape(VIEWER)} (viewer)]" in _sidebar_text(at)
    assert [info.value for info in at.info] == [
        "You can browse and download, but adding articles is for editors."
    ]
    assert not [u for u in at.get("file_uploader")]
    at.switch_page("views/entities.py").run()
    assert not at.exception
    assert at.selectbox(key="entities-chosen").value is not None
    assert not [box for box in at.selectbox if box.key == "entities-alias-merge-target"]
    labels = {button.label for button in at.button}
    assert not labels & {"Split off", "Merge", "Undo"}
    assert "entities-alias-aliases-download" in {b.key for b in at.get("download_button")}
    # the Activity page is not even registered for a viewer
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/activity.py")


def _forged_writes() -> None:
    """Writes a viewer's session could be made to call, whatever the page shows."""
    import streamlit as st

    from dashboard import data
    from dashboard.access import Refused

    for name, write in [
        (
            "merge",
            lambda: data.merge_entities(
                entity="Computing", into="Brightmere Computing", label="PERSON"
            ),
        ),
        ("split", lambda: data.split_alias(alias="Computing", label="PERSON")),
        ("undo", lambda: data.remove_correction(1)),
        ("retype", lambda: data.retype_entity(entity="Computing", label="PERSON", to_label="ORG")),
        ("delete", lambda: data.delete_articles([1, 2])),
        ("delete upload", lambda: data.delete_upload(1)),
    ]:
        try:
            write()
            st.write(f"{name} written")
        except Refused as refused:
            st.write(f"{name} refused: {refused}")
    outcomes = data.read_uploads((("cranes.txt", b"A title\n\nSome text about cranes."),))
    st.write(f"upload stored {len(list(data.ingest_uploads(outcomes, None)))}")


def test_forged_writes_are_refused_on_the_server(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = AppTest.from_function(_forged_writes, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": VIEWER}
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    refusal = f"You ({VIEWER}, viewer) may not correct entities: nothing was changed."
    no_delete = f"You ({VIEWER}, viewer) may not delete articles: nothing was changed."
    assert [m.value for m in at.markdown] == [
        f"merge refused: {refusal}",
        f"split refused: {refusal}",
        f"undo refused: {refusal}",
        f"retype refused: {refusal}",
        f"delete refused: {no_delete}",
        f"delete upload refused: {no_delete}",
        "upload stored 0",
    ]
    assert [e.value for e in at.error] == [
        f"You ({VIEWER}, viewer) may not add articles: nothing was changed."
    ]
    assert store.entity_corrections_table(writable_engine).empty
    assert store.n_articles(writable_engine) == 7
    assert store.audit_entries(writable_engine).empty


def test_an_unreadable_secrets_file_lets_no_one_in(store_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth\nclient_id = "x"\n')
    with patch_config_options({"secrets.files": [str(broken)]}):
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
    assert not at.exception, [error.value for error in at.exception]
    assert [title.value for title in at.title] == ["Sign-in is misconfigured"]
    assert "cannot be read, so no one can sign in" in at.error[0].value
    assert not at.sidebar.markdown  # not local mode
