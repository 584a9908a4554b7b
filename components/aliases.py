"""Controls for correcting alias merging: merge an entity into another, split an alias off,
change an entity's type, undo a stored correction. Each returns what the user asked for; the
page stores it."""

from __future__ import annotations

from typing import Literal, NamedTuple

import pandas as pd
import streamlit as st

from analytics.entities import LABEL_NAMES
from components.columns import count_columns
from components.display import show_table
from components.safe_text import markdown_escape

MAX_SPLIT_BUTTONS = 20


class AliasAction(NamedTuple):
    """A correction the user asked for: merge into ``name``, split alias ``name`` off, change
    the type to ``name``, or undo correction ``correction_id``."""

    kind: Literal["merge", "split", "retype", "undo"]
    name: str = ""
    correction_id: int = 0


def show_aliases(
    aliases: pd.DataFrame,
    *,
    entity: str,
    label: str,
    targets: list[str],
    key: str,
    editable: bool = True,
) -> AliasAction | None:
    """The aliases behind an entity row (with their CSV), a Split off button per alias, and
    a Merge into... control offering the other ``targets`` of the same type; only the table
    when not ``editable`` (a user who may not correct entities)."""
    st.caption(
        "Every name counted under this row. Split one off to give it a row of its own, or "
        "merge the row into another one of the same type; every page and export follows."
        if editable
        else "Every name counted under this row (corrections are for editors)."
    )
    show_table(
        aliases,
        key=f"{key}-aliases",
        file_name=f"aliases-{entity}",
        column_config={"alias": st.column_config.TextColumn("Alias"), **count_columns()},
    )
    if not editable:
        return None
    action = None
    others = [alias for alias in aliases["alias"] if alias != entity]
    for i, alias in enumerate(others[:MAX_SPLIT_BUTTONS]):
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(markdown_escape(alias))
        if button.button("Split off", key=f"{key}-split-{i}", help="Give it a row of its own"):
            action = AliasAction("split", alias)
    if len(others) > MAX_SPLIT_BUTTONS:
        st.caption(f"Split buttons for the {MAX_SPLIT_BUTTONS} most mentioned aliases only.")
    choice, button = st.columns([4, 1], vertical_alignment="bottom")
    target = choice.selectbox(
        f"Merge into… (another {label} entity)",
        [name for name in targets if name != entity],
        index=None,
        placeholder="Choose the entity this one is the same as",
        key=f"{key}-merge-target",
    )
    if button.button("Merge", key=f"{key}-merge", disabled=target is None):
        action = AliasAction("merge", str(target))
    choice, button = st.columns([4, 1], vertical_alignment="bottom")
    new_type = choice.selectbox(
        f"Change type… (now {label})",
        [name for name in LABEL_NAMES if name != label],
        index=None,
        format_func=lambda name: f"{name} – {LABEL_NAMES[name]}",
        placeholder="Choose the type this entity really is",
        key=f"{key}-retype-target",
    )
    if button.button("Change type", key=f"{key}-retype", disabled=new_type is None):
        action = AliasAction("retype", str(new_type))
    return action


def show_corrections(
    corrections: pd.DataFrame, *, key: str, editable: bool = True
) -> AliasAction | None:
    """The stored corrections (with their CSV and who made each), each with an Undo button
    when ``editable``."""
    if corrections.empty:
        st.caption("No correction stored: every row is the automatic merging's.")
        return None
    show_table(corrections, key=f"{key}-table", file_name="entity-corrections")
    if not editable:
        return None
    action = None
    for row in corrections.itertuples():
        if row.kind == "merge":
            text = f"#{row.id}: {row.entity} merged into {row.target} ({row.label})"
        elif row.kind == "retype":
            text = f"#{row.id}: {row.entity} retyped {row.label} -> {row.target}"
        else:
            text = f"#{row.id}: {row.entity} split off ({row.label})"
        if "user" in corrections.columns:
            text += f", by {row.user}"
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(markdown_escape(text))
        if right.button("Undo", key=f"{key}-undo-{row.id}"):
            action = AliasAction("undo", correction_id=int(row.id))
    return action
