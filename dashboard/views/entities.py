"""Entities: leaderboards per type, entities across articles, and the sentences behind them."""

import streamlit as st

from analytics.entities import LABEL_NAMES, NAMED_LABELS
from analytics.filters import ALL_ARTICLES
from analytics.labels import entity_label, entity_labels
from components.aliases import AliasAction, show_aliases, show_corrections
from components.capped import show_cap
from components.charts import entity_bar_figure, heatmap_figure
from components.columns import count_columns
from components.display import show_chart, show_table
from components.focus import focused_filter, show_focus_chips
from components.pickers import pick_entity_types
from components.safe_text import markdown_escape
from dashboard import data
from dashboard.access import Refused, allowed
from dashboard.focus import page_focus, remove_focus, show_focus_chart
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

#: Entities offered in "Where an entity is mentioned" (the most mentioned first).
ENTITY_CHOICES = 500
#: The heatmap's columns (the most mentioned entities) and rows (the articles mentioning them
#: most); its caption says how many there are in all.
HEATMAP_ENTITIES = 12
HEATMAP_ARTICLES = 30

corpus = current_filter()
focus = page_focus("entities")
flt = focused_filter(corpus, focus)
st.title("Entities")
show_focus_chips(focus, key="entities-focus", on_remove=remove_focus("entities"))
totals = data.label_totals(flt)
if totals.empty:
    st.info("No entity in the articles that match the filter.")
    st.stop()

numbers = st.toggle(
    "Show numbers and dates",
    key="entities-numbers",
    help="Dates, times, amounts, percentages and other numbers the model finds.",
)
left, right = st.columns([3, 1])
offered = totals if numbers else totals[totals["label"].isin(NAMED_LABELS)]
labels = pick_entity_types(
    offered, key="entities-numbers" if numbers else "entities", container=left
)
top = right.slider("Top", 5, 50, 15, step=5, key="entities-top")
if not labels:
    st.warning("Choose at least one entity type.")
    st.stop()

st.header(
    "Leaderboard", help="Click a bar to narrow the rest of the page to the articles mentioning it."
)
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
board = data.entity_counts(
    focused_filter(corpus, focus, leave_out="entity"), labels=(label,), top=top
)
show_focus_chart(
    entity_bar_figure(board, title=f"Most mentioned: {LABEL_NAMES.get(label, label)}"),
    board,
    page="entities",
    dimension="entity",
    key="entities-board",
    file_name=f"entities-{label}",
)

st.header("Entities across articles")
leaders = data.entity_counts(flt, labels=tuple(labels), top=HEATMAP_ENTITIES)
chosen_pairs = tuple(zip(leaders["entity"], leaders["label"], strict=True))
spread = data.entity_by_article(flt, chosen_entities=chosen_pairs, top_articles=HEATMAP_ARTICLES)
n_of_types = int(totals.loc[totals["label"].isin(labels), "n_entities"].sum())
show_cap(
    int(spread["article_id"].nunique()),
    data.n_articles_mentioning(flt, chosen_entities=chosen_pairs),
    "article",
    which="top",
    everything=lambda: data.entity_by_article(flt, chosen_entities=chosen_pairs, top_articles=None),
    key="entities-heatmap",
    file_name="entities-per-article",
    hint=(
        f"Rows: the articles with the most mentions of the columns, the {len(leaders):,} most "
        f"mentioned of {n_of_types:,} entities."
        if n_of_types > len(leaders)
        else f"Rows: the articles with the most mentions of the {len(leaders):,} entities."
    ),
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
everything = data.entity_counts(flt, labels=tuple(labels), top=ENTITY_CHOICES)
options = list(zip(everything["entity"], everything["label"], strict=True))
n_entities = int(totals.loc[totals["label"].isin(labels), "n_entities"].sum())
if len(options) == ENTITY_CHOICES and n_entities > len(options):
    st.caption(
        f"The {len(options):,} most mentioned of {n_entities:,} entities are offered: narrow "
        "the types or the sidebar's filter for the others, or search them on Contexts."
    )
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
    found = data.entity_sentences(flt, entity=entity, label=label, limit=data.SENTENCE_ROWS)
    n_sentences, n_in = data.entity_sentence_totals(flt, entity=entity, label=label)
    show_cap(
        len(found),
        n_sentences,
        "sentence",
        n_articles=n_in,
        everything=data.entity_sentences_later(flt, entity=entity, label=label),
        key="entities-sentences",
        file_name=f"sentences-{entity}",
    )
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
        elif action.kind == "retype":
            data.retype_entity(entity=entity, label=label, to_label=action.name)
            message = f"{entity} is a {action.name} now: every page follows."
            st.session_state[ENTITY_NEXT] = (entity, action.name)
        else:
            data.remove_correction(action.correction_id)
            message = f"Correction #{action.correction_id} undone."
        st.session_state[ENTITY_MESSAGE] = ("success", message)
    except ValueError as error:
        st.session_state[ENTITY_MESSAGE] = ("error", f"Nothing changed: {error}")
    except Refused as refused:  # checked on the server, whatever the page showed
        st.session_state[ENTITY_MESSAGE] = ("error", str(refused))
    st.rerun()


st.header("Aliases and corrections")
may_correct = allowed("correct")
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
        editable=may_correct,
    )
    if action is not None:
        _store_correction(action, entity, label)
st.subheader("Corrections")
undo = show_corrections(data.entity_corrections(), key="entities-corrections", editable=may_correct)
if undo is not None:
    _store_correction(undo, "", "")
