"""Entities page: the aliases behind a row, and correcting the merging (split, merge, undo)."""

from __future__ import annotations

from apptest_support import downloads, frame_with_columns, open_app
from sqlalchemy import Engine

from analytics import store


def _choose(at, entity: str, label: str = "PERSON") -> None:  # type: ignore[no-untyped-def]
    at.selectbox(key="entities-chosen").set_value((entity, label)).run()
    assert not at.exception


def _aliases(at) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    table = frame_with_columns(at, "alias", "n_mentions", "n_articles")
    return [tuple(row) for row in table.itertuples(index=False)]


def _organisations(engine: Engine) -> list[str]:
    return list(store.entity_counts(engine, labels=("ORG",))["entity"])


def test_split_an_alias_off_merge_it_back_and_undo(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app("entities")
    _choose(at, "EU", "ORG")
    assert _aliases(at) == [("EU", 2, 1)]
    assert at.caption[-1].value.startswith("No correction stored")

    at.selectbox(key="entities-alias-merge-target").set_value("European Union").run()
    at.button(key="entities-alias-merge").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Merged EU into European Union\\: one row on every page now\\."
    ]
    # the chosen entity follows the merge
    assert at.selectbox(key="entities-chosen").value == ("European Union", "ORG")
    assert _aliases(at) == [("EU", 2, 1), ("European Union", 2, 2)]
    assert "entities-alias-aliases-download" in downloads(at)
    assert "EU" not in _organisations(writable_engine)
    (merge,) = store.entity_corrections_table(writable_engine)["id"]

    at.button(key="entities-alias-split-0").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["EU has a row of its own now\\."]
    assert _aliases(at) == [("European Union", 2, 2)]
    assert "EU" in _organisations(writable_engine)
    corrections = store.entity_corrections_table(writable_engine)
    assert list(corrections["kind"]) == ["merge", "split"]

    at.button(key=f"entities-corrections-undo-{merge}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Correction \\#{merge} undone\\."]
    assert list(store.entity_corrections_table(writable_engine)["kind"]) == ["split"]
    assert _aliases(at) == [("European Union", 2, 2)]
    assert "EU" in _organisations(writable_engine)


def test_merge_offers_entities_of_the_same_type(store_url: str) -> None:
    at = open_app("entities")
    _choose(at, "Putin")
    target = at.selectbox(key="entities-alias-merge-target")
    assert target.value is None
    assert at.button(key="entities-alias-merge").disabled
    assert "Assad" in target.options
    assert "Putin" not in target.options
    assert "Germany" not in target.options  # a GPE
    assert at.get("button")[0].key == "entities-contexts"


def test_change_a_rows_type_and_undo(writable_store_url: str, writable_engine: Engine) -> None:
    at = open_app("entities")
    at.selectbox(key="entities-chosen").set_value(("Kremlin", "ORG")).run()
    assert not at.exception
    at.selectbox(key="entities-alias-retype-target").set_value("FAC").run()
    at.button(key="entities-alias-retype").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Kremlin is a FAC now\\: every page follows\\."]
    assert at.selectbox(key="entities-chosen").value == ("Kremlin", "FAC")
    facilities = store.entity_counts(writable_engine, labels=("FAC",))
    assert ("Kremlin", 3) in list(zip(facilities["entity"], facilities["n_mentions"], strict=True))
    (retype,) = store.entity_corrections_table(writable_engine)[["id", "kind"]].itertuples(
        index=False
    )
    assert retype.kind == "retype"

    at.button(key=f"entities-corrections-undo-{retype.id}").click().run()
    assert not at.exception
    organisations = store.entity_counts(writable_engine, labels=("ORG",))
    assert "Kremlin" in set(organisations["entity"])
    assert store.entity_corrections_table(writable_engine).empty
