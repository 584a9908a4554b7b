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
from components.focus import focused_filter, show_focus_chips
from components.pickers import pick_news_words, pick_page
from components.summary import show_corpus_metrics, show_no_match
from dashboard import data
from dashboard.deleting import may_delete, show_delete_articles, show_delete_message
from dashboard.focus import page_focus, remove_focus, show_focus_chart
from dashboard.state import current_filter, open_article

PAGE_SIZE = 200

corpus = current_filter()
focus = page_focus("overview")
flt = focused_filter(corpus, focus)
st.title("Overview")
show_delete_message()
show_focus_chips(focus, key="overview-focus", on_remove=remove_focus("overview"))
summary = data.corpus_summary(flt)
show_corpus_metrics(summary, key="overview-metrics")
if summary["n_articles"] == 0:
    show_no_match(focused=bool(focus))
    st.stop()

st.caption("Click a bar of the reading grades, top words or top entities to narrow the page to it.")
left, right = st.columns(2)
with left:
    grade_filter = focused_filter(corpus, focus, leave_out="measure")
    grades = histogram_bins(data.measure_values(grade_filter, measure="consensus_grade"))
    show_focus_chart(
        measure_histogram_figure(grades, measure="consensus_grade", title="Reading grade"),
        grades,
        page="overview",
        dimension="measure",
        detail="consensus_grade",
        key="overview-grades",
        file_name="reading-grade-per-article",
    )
with right:
    news_words = pick_news_words(key="overview-words")
    words = data.term_frequencies(
        focused_filter(corpus, focus, leave_out="word"), news_words=news_words, top=15
    )
    show_focus_chart(
        term_bar_figure(words),
        words,
        page="overview",
        dimension="word",
        key="overview-words",
        file_name="top-words",
    )

numbers = st.toggle(
    "Show numbers and dates",
    key="overview-numbers",
    help="Dates, times, amounts, percentages and other numbers among the entities.",
)
left, right = st.columns(2)
with left:
    entity_filter = focused_filter(corpus, focus, leave_out="entity")
    entities = data.entity_counts(entity_filter, labels=None if numbers else NAMED_LABELS, top=15)
    show_focus_chart(
        entity_bar_figure(entities),
        entities,
        page="overview",
        dimension="entity",
        key="overview-entities",
        file_name="top-entities",
    )
with right:
    totals = data.label_totals(flt)
    if not numbers:
        totals = totals[totals["label"].isin(NAMED_LABELS)].reset_index(drop=True)
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
if may_delete():
    with st.expander("Delete articles"):
        titles = dict(zip(table["article_id"].astype(int), table["title"], strict=True))
        chosen = st.multiselect(
            "Articles to delete (from this page of the table)",
            options=list(titles),
            format_func=lambda article_id: f"{article_id}: {titles[article_id] or '(untitled)'}",
            key="overview-delete-pick",
        )
        if chosen:
            show_delete_articles(
                chosen, key="overview-delete", label=f"Delete {len(chosen):,} selected"
            )

st.subheader("Export")
show_download(
    data.corpus_export_later(flt),
    key="overview-corpus",
    file_name="corpus-articles-and-metrics",
    label="Download the corpus with all metrics (CSV)",
)
