"""Entities page: the aliases behind a row, and correcting the merging (split, merge, undo)."""

from __future__ import annotations

from apptest_support import downloads, frame_with_columns, open_app
from sqlalchemy import Engine

from analytics import store


def _choose(at, entity: str) -> None:  # type: ignore[no-untyped-def]
    at.selectbox(key="entities-chosen").set_value((entity, "PERSON")).run()
    assert not at.exception


def _aliases(at) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    table = frame_with_columns(at, "alias", "n_mentions", "n_articles")
    return [tuple(row) for row in table.itertuples(index=False)]


def _people(engine: Engine) -> list[str]:
    return list(store.entity_counts(engine, labels=("PERSON",))["entity"])


def test_split_an_alias_off_merge_it_back_and_undo(
    writable_store_url: str, writable_engine: Engine
) -> None:
    at = open_app("entities")
    _choose(at, "Brightmere Computing")
    # spaCy calls the company a PERSON; the article's "Computing" is merged into it
    assert _aliases(at) == [("Brightmere Computing", 2, 1), ("Computing", 1, 1)]
    assert "entities-alias-aliases-download" in downloads(at)
    assert at.caption[-1].value.startswith("No correction stored")

    at.button(key="entities-alias-split-0").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Computing has a row of its own now\\."]
    assert _aliases(at) == [("Brightmere Computing", 2, 1)]
    assert "Computing" in _people(writable_engine)
    (split,) = store.entity_corrections_table(writable_engine)["id"]

    _choose(at, "Computing")
    at.selectbox(key="entities-alias-merge-target").set_value("Brightmere Computing").run()
    at.button(key="entities-alias-merge").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Merged Computing into Brightmere Computing\\: one row on every page now\\."
    ]
    # the chosen entity follows the merge
    assert at.selectbox(key="entities-chosen").value == ("Brightmere Computing", "PERSON")
    assert _aliases(at) == [("Brightmere Computing", 2, 1), ("Computing", 1, 1)]
    assert "Computing" not in _people(writable_engine)
    corrections = store.entity_corrections_table(writable_engine)
    assert list(corrections["kind"]) == ["split", "merge"]

    at.button(key=f"entities-corrections-undo-{split}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Correction \\#{split} undone\\."]
    assert list(store.entity_corrections_table(writable_engine)["kind"]) == ["merge"]
    assert _aliases(at) == [("Brightmere Computing", 2, 1), ("Computing", 1, 1)]


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
