"""Contexts: every occurrence of a word, phrase or entity with the text around it (KWIC)."""

import streamlit as st

from analytics.concordance import sorted_concordance
from components.columns import text_width
from components.display import show_table
from components.download import show_download
from components.summary import contexts_caption
from dashboard import data
from dashboard.state import current_filter, open_article

SORT_ORDERS = {
    "text": "In text order",
    "word_before": "By the word before",
    "word_after": "By the word after",
}

flt = current_filter()
st.title("Contexts")
query = st.text_input(
    "Word, phrase or entity",
    value=st.query_params.get("q", ""),
    key="contexts-query",
    placeholder="e.g. Kremlin, port expansion",
)
left, right = st.columns([2, 1])
order = left.segmented_control(
    "Sort", list(SORT_ORDERS), default="text", format_func=SORT_ORDERS.get, key="contexts-sort"
)
width = right.slider("Characters of context", 20, 150, 60, step=10, key="contexts-width")
if not query.strip():
    st.info("Type a word or phrase, or open this page from a word or an entity.")
    st.stop()
st.query_params["q"] = query.strip()

found = sorted_concordance(data.contexts(flt, query, width=width), by=order or "text")
st.caption(contexts_caption(found))
n_containing = data.n_context_articles(flt, query)
if len(found) >= data.CONTEXT_ROWS or n_containing > data.CONTEXT_ARTICLES:
    looked_in = min(n_containing, data.CONTEXT_ARTICLES)
    st.caption(
        f"Cut short: the first {len(found):,} occurrences, read in the first {looked_in:,} of "
        f"{n_containing:,} articles whose text contains it. **Download all** has every one."
    )
    show_download(
        data.contexts_later(flt, query, width=width),
        key="contexts-all",
        file_name=f"contexts-{query}-all",
        label="Download all occurrences",
    )
selected = show_table(
    found[["left", "match", "right", "title", "article_id"]],
    key="contexts-table",
    file_name=f"contexts-{query}",
    selectable=True,
    column_config={
        "left": st.column_config.TextColumn("Left context", width="large", alignment="right"),
        "match": st.column_config.TextColumn("Match", width=text_width(found["match"])),
        "right": st.column_config.TextColumn("Right context", width="large"),
        "title": "Article",
        "article_id": st.column_config.NumberColumn("ID", format="%d"),
    },
)
if selected:
    open_article(int(found.iloc[selected[0]]["article_id"]))
