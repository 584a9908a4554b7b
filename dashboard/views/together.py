"""Together: which entities appear in the same sentence or the same article, as a network and
a ranked table of pairs with PMI and log-likelihood, and the sentences where a pair meets."""

import streamlit as st

from analytics.cooccurrence import SORT_NAMES, pair_associations
from analytics.labels import entity_label
from analytics.language import is_english
from components.capped import show_cap
from components.columns import count_columns, pair_columns
from components.display import show_chart, show_table
from components.network_chart import cooccurrence_network_figure
from components.pickers import pick_entity_types, pick_one
from components.safe_text import markdown_escape
from components.summary import show_no_match
from dashboard import data
from dashboard.state import current_filter, open_article

UNITS = {"sentence": "Same sentence", "article": "Same article"}
UNIT_NAMES = {"sentence": "sentences", "article": "articles"}
MAX_EDGES = 60

flt = current_filter()
st.title("Together")
languages = data.language_counts(flt)
english = languages["language"].map(is_english)
if languages.empty:
    show_no_match()
    st.stop()
if not english.any():
    codes = ", ".join(languages["language"])
    st.info(
        f"Co-occurrence is not available for this language ({markdown_escape(codes)}): "
        "the entity model is English, so these articles have no entities."
    )
    st.stop()
n_other = int(languages.loc[~english, "n_articles"].sum())
if n_other:
    st.caption(
        f"{n_other:,} of the selected articles are not in English and have no entities: "
        "co-occurrence is not available for them."
    )
totals = data.label_totals(flt)
if totals.empty:
    st.info("No entity in the articles that match the filter.")
    st.stop()

left, right = st.columns(2)
unit = pick_one("Together in", UNITS, default="sentence", key="together-unit", container=left)
sort_by = pick_one(
    "Sort by", SORT_NAMES, default="n_together", key="together-sort", container=right
)
types, minimum, top = st.columns([3, 1, 1])
labels = pick_entity_types(totals, key="together", container=types)
min_count = int(
    minimum.number_input(
        f"Minimum {UNIT_NAMES[unit]} together",
        min_value=1,
        max_value=10_000,
        value=1,
        key="together-min-count",
    )
)
top_entities = top.slider(
    "Entities paired",
    10,
    200,
    50,
    step=10,
    key="together-top",
    help="The most mentioned entities of the chosen types; pairs among them are counted.",
)
if not labels:
    st.warning("Choose at least one entity type.")
    st.stop()

counts = data.entity_pairs(
    flt, unit=unit, labels=tuple(labels), top_entities=top_entities, min_count=min_count
)
n_units = int(counts["n_units"].iloc[0]) if not counts.empty else 0
pairs = pair_associations(counts, n_units=n_units, min_count=min_count, sort_by=sort_by)
units = UNIT_NAMES[unit]
st.caption(
    f"Counted once per {unit}, over N = {n_units:,} {units} that name at least one entity. "
    "PMI (log2 of together / expected) favours rare pairs: one shared sentence between two "
    "names seen once scores highest. Log-likelihood (Dunning's G²) grows with the evidence: "
    "above 3.84 the pair meets more often than chance at p < 0.05, above 10.83 at p < 0.001; "
    "negative when they meet less often than expected."
)
if pairs.empty:
    st.info(f"No two of these entities are named in the same {unit} often enough.")
    st.stop()

st.header("Network")
network = pairs.head(MAX_EDGES)
show_chart(
    cooccurrence_network_figure(
        network,
        unit_name=units,
        title=f"The {len(network)} first pairs by {SORT_NAMES[sort_by].lower()}",
    ),
    network,
    key="together-network",
    file_name=f"together-network-{unit}",
)

st.header("Pairs")
st.caption(f"{len(pairs):,} pairs. Click a row to see where the two meet.")
selected = show_table(
    pairs,
    key="together-pairs",
    file_name=f"together-pairs-{unit}",
    column_config=pair_columns(units.capitalize()),
    height=400,
    selectable=True,
)

st.header("Where they meet")
if not selected or selected[0] >= len(pairs):  # a row of a longer table, before a change
    st.info("Choose a pair in the table above.")
    st.stop()
pair = pairs.iloc[selected[0]]
a, b = (pair["entity_a"], pair["label_a"]), (pair["entity_b"], pair["label_b"])
names = [entity_label(markdown_escape(entity), label) for entity, label in (a, b)]
where = (
    "the sentences naming both"
    if unit == "sentence"
    else "the sentences naming either, in the articles naming both"
)
st.markdown(f"**A**: {names[0]}, **B**: {names[1]}: {where}.")
found = data.pair_sentences(flt, a=a, b=b, unit=unit, limit=data.SENTENCE_ROWS)
n_sentences, n_in = data.pair_sentence_totals(flt, a=a, b=b, unit=unit)
show_cap(
    len(found),
    n_sentences,
    "sentence",
    n_articles=n_in,
    everything=data.pair_sentences_later(flt, a=a, b=b, unit=unit),
    key="together-sentences",
    file_name=f"together-{a[0]}-{b[0]}",
)
number = st.column_config.NumberColumn
chosen = show_table(
    found,
    key="together-sentences",
    file_name=f"together-{a[0]}-{b[0]}",
    column_config={
        **count_columns(),
        "n_a": number("Mentions of A", format="%d"),
        "n_b": number("Mentions of B", format="%d"),
    },
    selectable=True,
)
if chosen:
    open_article(int(found.iloc[chosen[0]]["article_id"]))
