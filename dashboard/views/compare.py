"""Compare: the words and entities over-represented in one group of articles against another."""

import streamlit as st

from analytics.entities import LABEL_NAMES, NAMED_LABELS
from analytics.keyness import diverging, over_represented
from components.charts import keyness_figure
from components.columns import keyness_columns
from components.display import show_chart, show_table
from components.pickers import NGRAM_NAMES, pick_group
from dashboard import data
from dashboard.sidebar import column_label
from dashboard.state import current_filter, open_contexts

UNITS = {**NGRAM_NAMES, 0: "Entities"}

flt = current_filter()
st.title("Compare")
choices = data.article_choices(flt)
if choices.empty:
    st.info("No article matches the filter. Change it in the sidebar, or add articles on Upload.")
    st.stop()
st.caption(
    "Terms over-represented in group A against group B, as corpus linguists report them: "
    "log-likelihood (G2) says how sure the difference is, log ratio how large it is (1: twice "
    "as frequent). Both groups are taken from the articles that match the sidebar filter."
)

left, right = st.columns(2)
kept_columns = data.metadata_choices()  # a batch's columns: "category = business" vs "sport"
with left:
    st.subheader("Group A")
    group_a = pick_group(
        key="compare-a",
        sources=data.sources(),
        date_bounds=data.date_bounds(),
        choices=choices,
        columns=kept_columns,
        column_label=column_label,
    )
with right:
    st.subheader("Group B")
    group_b = pick_group(
        key="compare-b",
        sources=data.sources(),
        date_bounds=data.date_bounds(),
        choices=choices,
        rest=True,
        columns=kept_columns,
        column_label=column_label,
    )
assert group_a is not None  # only group B can be "the rest"

unit = st.segmented_control(
    "Compare", list(UNITS), default=1, format_func=UNITS.get, key="compare-unit"
)
unit = 1 if unit is None else int(unit)
columns = st.columns(4)
stop_words = lemmas = False
labels = None
if unit:
    stop_words = columns[0].toggle("Keep stop words", value=False, key="compare-stop")
    lemmas = columns[1].toggle("Lemmas", value=False, key="compare-lemmas")
else:
    labels = tuple(
        columns[0].multiselect(
            "Entity types",
            list(LABEL_NAMES),
            default=list(NAMED_LABELS),
            format_func=lambda label: f"{label} – {LABEL_NAMES.get(label, label)}",
            key="compare-labels",
        )
    )
min_frequency = int(
    columns[2].number_input(
        "Minimum frequency",
        1,
        1_000,
        3,
        key="compare-min",
        help="Leave out terms found fewer times than this in A and B together.",
    )
)
top = columns[3].slider("How many per group", 5, 100, 20, step=5, key="compare-top")
only_significant = st.toggle(
    "Only significant differences (G2 ≥ 3.84, p < 0.05)", value=True, key="compare-significant"
)

sizes = data.group_sizes(group_a, group_b=group_b, within=flt)
totals = data.group_token_totals(group_a, group_b=group_b, within=flt, n=max(unit, 1))
metric_columns = st.columns(4)
metric_columns[0].metric("Articles in A", f"{sizes['n_a']:,}")
metric_columns[1].metric("Articles in B", f"{sizes['n_b']:,}")
token_name = "Words" if unit <= 1 else f"{NGRAM_NAMES[unit]}"
metric_columns[2].metric(f"{token_name} in A", f"{totals[0]:,}")
metric_columns[3].metric(f"{token_name} in B", f"{totals[1]:,}")
st.caption(
    "Group sizes count every word, stop words included (for bigrams and trigrams, every "
    "bigram or trigram); entities are set against the number of words. Per-million "
    "frequencies and the scores use these sizes."
)
if sizes["n_a"] == 0 or sizes["n_b"] == 0:
    empty = "A" if sizes["n_a"] == 0 else "B"
    st.info(
        f"Group {empty} is empty: no article that matches the sidebar filter is in it. "
        "Choose its sources, column values, dates or articles above."
    )
    st.stop()
if sizes["n_both"]:
    st.warning(
        f"{sizes['n_both']:,} articles are in both groups: they count in A and in B, which "
        "hides the differences they carry."
    )

table = data.keyness_table(
    group_a,
    unit="entities" if unit == 0 else "terms",
    n=max(unit, 1),
    stop_words=stop_words,
    lemmas=lemmas,
    labels=labels,
    min_frequency=min_frequency,
    group_b=group_b,
    within=flt,
)
if only_significant:
    table = table[table["log_likelihood"] >= 3.84]
kind = UNITS[unit].lower()
shown = diverging(table, top=top)
show_chart(
    keyness_figure(shown, title=f"{UNITS[unit]} over-represented in A (right) and B (left)"),
    shown,
    key="compare-chart",
    file_name=f"compare-{kind}",
)

key_column = "entity" if unit == 0 else "term"
for column, side in zip(st.columns(2), ("A", "B"), strict=True):
    with column:
        st.subheader(f"More frequent in {side}")
        rows = over_represented(table, side, top=top)  # type: ignore[arg-type]
        selected = show_table(
            rows,
            key=f"compare-table-{side.lower()}",
            file_name=f"compare-{kind}-more-in-{side.lower()}",
            column_config=keyness_columns(),
            selectable=True,
        )
        st.caption(f"{len(rows):,} shown. Click a row to see the term in context.")
        if selected:
            open_contexts(str(rows.iloc[selected[0]][key_column]))
