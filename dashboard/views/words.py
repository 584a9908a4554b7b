"""Words: corpus word frequency with its controls, and terms across articles."""

import streamlit as st

from analytics.filters import ArticleFilter
from components.charts import heatmap_figure, term_bar_figure
from components.columns import count_columns
from components.display import show_chart, show_table
from components.focus import focused_filter, show_focus_chips
from components.pickers import NGRAM_NAMES, pick_contexts, pick_news_words, pick_ngram
from components.summary import show_no_match
from dashboard import data
from dashboard.focus import page_focus, remove_focus, show_focus_chart
from dashboard.state import current_filter, open_contexts

corpus = current_filter()
focus = page_focus("words")
flt = focused_filter(corpus, focus)
st.title("Words")
show_focus_chips(focus, key="words-focus", on_remove=remove_focus("words"))
choices = data.article_choices(flt)
if choices.empty:
    show_no_match(focused=bool(focus))
    st.stop()

n, stop_words = pick_ngram(key="words-ngram")
news_words = pick_news_words(key="words-ngram", stop_words=stop_words)
left, right = st.columns(2)
top = left.slider("How many terms", 5, 100, 25, step=5, key="words-top")
lemmas = right.toggle(
    "Lemmas", value=False, key="words-lemmas", help="Count 'said' and 'says' as 'say'."
)
titles = dict(zip(choices["article_id"], choices["title"], strict=True))
chosen_ids = st.multiselect(
    "Only these articles",
    list(titles),
    format_func=lambda article_id: f"{titles[article_id] or '(untitled)'} (#{article_id})",
    key="words-articles",
    placeholder="All articles that match the sidebar filter",
)
scope = ArticleFilter(**{**flt.__dict__, "article_ids": tuple(chosen_ids)}) if chosen_ids else flt
# the chart of terms leaves out its own click, so the other terms stay there to click
terms_scope = focused_filter(corpus, focus, leave_out="word")
if chosen_ids:
    terms_scope = ArticleFilter(**{**terms_scope.__dict__, "article_ids": tuple(chosen_ids)})

terms = data.term_frequencies(
    terms_scope, n=n, stop_words=stop_words, news_words=news_words, lemmas=lemmas, top=top
)
kind = NGRAM_NAMES[n].lower()
if n == 1 and not lemmas:  # a click narrows by a word as written (bigrams and lemmas: no)
    st.caption("Click a bar to narrow the rest of the page to the articles containing the word.")
    show_focus_chart(
        term_bar_figure(terms, title=f"Top {kind}"),
        terms,
        page="words",
        dimension="word",
        key="words-top-terms",
        file_name=f"top-{kind}",
    )
else:
    show_chart(
        term_bar_figure(terms, title=f"Top {kind}"),
        terms,
        key="words-top-terms",
        file_name=f"top-{kind}",
    )
wanted = pick_contexts(list(terms["term"]), key="words-contexts")
if wanted:
    open_contexts(wanted)
with st.expander("As a table"):
    show_table(
        terms, key="words-table", file_name=f"top-{kind}-table", column_config=count_columns()
    )

st.header("Terms across articles")
picked = st.multiselect(
    "Terms to compare",
    list(terms["term"]),
    default=list(terms["term"].head(5)),
    # the choice starts again whenever the list of terms changes kind
    key=f"words-chosen-terms-{n}-{stop_words}-{news_words}-{lemmas}",
)
spread = data.term_by_article(scope, chosen_terms=tuple(picked), n=n, lemmas=lemmas)
show_chart(
    heatmap_figure(spread, column="term", value="n_occurrences", title="Occurrences per article"),
    spread,
    key="words-heatmap",
    file_name=f"{kind}-per-article",
)
