"""Entities: leaderboards per type, entities across articles, and the sentences behind them."""

import streamlit as st

from analytics.entities import LABEL_NAMES
from analytics.filters import ALL_ARTICLES
from analytics.labels import entity_label, entity_labels
from components.aliases import AliasAction, show_aliases, show_corrections
from components.charts import entity_bar_figure, heatmap_figure
from components.columns import count_columns
from components.display import show_chart, show_table
from components.pickers import pick_entity_types
from components.safe_text import markdown_escape
from components.summary import sentences_caption
from dashboard import data
from dashboard.state import (
    ENTITY_CHOSEN,
    ENTITY_MESSAGE,
    ENTITY_NEXT,
    current_filter,
    open_article,
    open_contexts,
    open_timeline,
    take,
)

flt = current_filter()
st.title("Entities")
totals = data.label_totals(flt)
if totals.empty:
    st.info("No entity in the articles that match the filter.")
    st.stop()

left, right = st.columns([3, 1])
labels = pick_entity_types(totals, key="entities", container=left)
top = right.slider("Top", 5, 50, 15, step=5, key="entities-top")
if not labels:
    st.warning("Choose at least one entity type.")
    st.stop()

st.header("Leaderboard")
label = (
    st.segmented_control(
        "Type",
        labels,
        default=labels[0],
        format_func=lambda label: f"{label} – {LABEL_NAMES.get(label, label)}",
        key=f"entities-board-type-{'-'.join(labels)}",
    )
    or labels[0]
)
board = data.entity_counts(flt, labels=(label,), top=top)
show_chart(
    entity_bar_figure(board, title=f"Most mentioned: {LABEL_NAMES.get(label, label)}"),
    board,
    key="entities-board",
    file_name=f"entities-{label}",
)

st.header("Entities across articles")
leaders = data.entity_counts(flt, labels=tuple(labels), top=12)
spread = data.entity_by_article(
    flt, chosen_entities=tuple(zip(leaders["entity"], leaders["label"], strict=True))
)
show_chart(
    heatmap_figure(
        spread.assign(entity=entity_labels(spread["entity"], spread["label"])),
        column="entity",
        value="n_mentions",
        title="Mentions per article",
    ),
    spread,
    key="entities-heatmap",
    file_name="entities-per-article",
)

st.header("Where an entity is mentioned")
everything = data.entity_counts(flt, labels=tuple(labels), top=500)
options = list(zip(everything["entity"], everything["label"], strict=True))
wanted = take(ENTITY_NEXT)
if wanted in options:
    st.session_state[ENTITY_CHOSEN] = wanted
chosen = st.selectbox(
    "Entity",
    options,
    format_func=lambda pair: entity_label(*pair),
    key=ENTITY_CHOSEN,
)
if chosen is not None:
    entity, label = chosen
    contexts_column, timeline_column = st.columns(2)
    if contexts_column.button("Show every context of this entity", key="entities-contexts"):
        open_contexts(entity)
    if timeline_column.button("Show over time", key="entities-timeline"):
        open_timeline(entity, label)
    found = data.entity_sentences(flt, entity=entity, label=label)
    st.caption(sentences_caption(found))
    selected = show_table(
        found,
        key="entities-sentences",
        file_name=f"sentences-{entity}",
        column_config=count_columns(),
        selectable=True,
    )
    if selected:
        open_article(int(found.iloc[selected[0]]["article_id"]))


def _store_correction(action: AliasAction, entity: str, label: str) -> None:
    """Store the correction asked for, then rerun with a message saying what happened."""
    try:
        if action.kind == "merge":
            data.merge_entities(entity=entity, into=action.name, label=label)
            message = f"Merged {entity} into {action.name}: one row on every page now."
            st.session_state[ENTITY_NEXT] = (action.name, label)
        elif action.kind == "split":
            data.split_alias(alias=action.name, label=label)
            message = f"{action.name} has a row of its own now."
        else:
            data.remove_correction(action.correction_id)
            message = f"Correction #{action.correction_id} undone."
        st.session_state[ENTITY_MESSAGE] = ("success", message)
    except ValueError as error:
        st.session_state[ENTITY_MESSAGE] = ("error", f"Nothing changed: {error}")
    st.rerun()


st.header("Aliases and corrections")
kind, message = take(ENTITY_MESSAGE) or (None, "")
if kind == "success":
    st.success(markdown_escape(message))
elif kind == "error":
    st.error(markdown_escape(message))
if chosen is not None:
    entity, label = chosen
    st.subheader(f"Aliases of {markdown_escape(entity)}")
    targets = data.entity_counts(ALL_ARTICLES, labels=(label,), top=500)["entity"]
    action = show_aliases(
        data.entity_aliases(flt, entity=entity, label=label),
        entity=entity,
        label=label,
        targets=list(targets),
        key="entities-alias",
    )
    if action is not None:
        _store_correction(action, entity, label)
st.subheader("Corrections")
undo = show_corrections(data.entity_corrections(), key="entities-corrections")
if undo is not None:
    _store_correction(undo, "", "")
