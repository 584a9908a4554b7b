"""Overview: the corpus at a glance."""

import streamlit as st

from analytics.entities import NAMED_LABELS
from analytics.views import histogram_bins
from components.charts import (
    entity_bar_figure,
    label_totals_figure,
    measure_histogram_figure,
    term_bar_figure,
)
from components.columns import article_columns
from components.display import show_chart, show_table
from components.download import show_download
from components.pickers import pick_page
from components.summary import show_corpus_metrics
from dashboard import data
from dashboard.state import current_filter, open_article

PAGE_SIZE = 200

flt = current_filter()
st.title("Overview")
summary = data.corpus_summary(flt)
show_corpus_metrics(summary, key="overview-metrics")
if summary["n_articles"] == 0:
    st.info("No article matches the filter. Change it in the sidebar, or add articles on Upload.")
    st.stop()

left, right = st.columns(2)
with left:
    grades = histogram_bins(data.measure_values(flt, measure="consensus_grade"))
    show_chart(
        measure_histogram_figure(grades, measure="consensus_grade", title="Reading grade"),
        grades,
        key="overview-grades",
        file_name="reading-grade-per-article",
    )
with right:
    words = data.term_frequencies(flt, top=15)
    show_chart(term_bar_figure(words), words, key="overview-words", file_name="top-words")

left, right = st.columns(2)
with left:
    entities = data.entity_counts(flt, labels=NAMED_LABELS, top=15)
    show_chart(
        entity_bar_figure(entities), entities, key="overview-entities", file_name="top-entities"
    )
with right:
    totals = data.label_totals(flt)
    show_chart(
        label_totals_figure(totals), totals, key="overview-labels", file_name="mentions-by-type"
    )

st.subheader("Articles")
st.caption("Click a row to open the article. Sort by any column; search with the sidebar.")
offset, limit = pick_page(summary["n_articles"], key="overview-articles", page_size=PAGE_SIZE)
table = data.article_table(flt, offset=offset, limit=limit)
selected = show_table(
    table,
    key="overview-articles",
    file_name="articles",
    selectable=True,
    column_config=article_columns(),
)
if selected:
    open_article(int(table.iloc[selected[0]]["article_id"]))

st.subheader("Export")
show_download(
    data.corpus_export_later(flt),
    key="overview-corpus",
    file_name="corpus-articles-and-metrics",
    label="Download the corpus with all metrics (CSV)",
)
