"""Article: one article's readability, sentences, words, entities, distinctive terms,
quotations and marked-up text, each in a tab that a link opens (``?article=3&section=Text``)."""

from functools import partial
from typing import Any

import streamlit as st

from analytics.entities import NAMED_LABELS
from analytics.filters import ArticleFilter
from analytics.keyness import over_represented
from analytics.language import is_english
from analytics.store import EditError
from analytics.views import counts_against_median, grades_long, readability_against_median
from components.article_edit import ArticleEdit, show_article_editor, show_metadata
from components.article_text import show_article_text
from components.charts import (
    article_vs_corpus_figure,
    entity_bar_figure,
    keyness_figure,
    sentence_length_figure,
    term_bar_figure,
)
from components.columns import (
    count_columns,
    keyness_columns,
    near_duplicate_columns,
    quote_columns,
)
from components.display import show_chart, show_table
from components.pickers import pick_article, pick_news_words, pick_ngram
from components.safe_text import markdown_escape
from components.sections import show_sections
from components.summary import show_no_match
from dashboard import data
from dashboard.access import Refused, allowed, require
from dashboard.deleting import may_delete, show_delete_articles, show_delete_message
from dashboard.state import (
    ARTICLE_ID,
    ARTICLE_MESSAGE,
    ARTICLE_PICKER,
    ARTICLE_SECTION,
    current_filter,
    open_article,
    open_contexts,
    take,
)


def edited_message(article_id: int, edit: ArticleEdit) -> tuple[str, str]:
    """Store the edit; (kind, text) of the message saying how it went."""
    try:
        found = data.edit_article(
            article_id,
            title=edit.title,
            source=edit.source,
            published=edit.published,
            metadata=edit.metadata,
        )
    except (Refused, EditError) as error:
        return "error", f"Nothing was changed: {error}."
    if not found:
        return "error", "This article is no longer in the store: nothing was changed."
    return "success", "Saved: every page shows the new title, source, date and fields."


flt = current_filter()
show_delete_message()
choices = data.article_choices(flt)
if choices.empty:
    st.title("Article")
    show_no_match()
    st.stop()
# A near-duplicate opened from this page gets a new picker: the browser would otherwise keep
# showing the previous article in a select box it already has.
generation = st.session_state[ARTICLE_PICKER]
picker_key = f"article-pick-{generation}" if generation else "article-pick"
article_id = pick_article(
    choices,
    key=picker_key,
    title_of=data.article_title,
    remembered=st.session_state[ARTICLE_ID],
    find=lambda query: data.found_articles(flt, query),
    n_total=data.n_articles(flt),
)
st.session_state[ARTICLE_ID] = article_id
detail = data.article_detail(article_id)
if detail is None:
    st.error("This article is no longer in the store.")
    st.stop()

st.title(markdown_escape(detail["title"] or "(untitled)"))
facts = [
    detail["source"] or "unknown source",
    str(detail["published"] or "no date"),
    f"language: {detail['language'] or 'unknown'}",
    f"{int(detail['n_words'] or 0):,} words",
    f"about {max(1, round((detail['reading_time_seconds'] or 0) / 60))} min to read",
]
st.caption(markdown_escape(" · ".join(facts)))
if detail["url"]:
    st.text(detail["url"])
article_fields = data.article_metadata_values(article_id)
show_metadata(article_fields)
if allowed("edit_metadata"):
    edit = show_article_editor(detail, article_fields, key=f"article-edit-{article_id}")
    if edit is not None and require("edit_metadata"):
        st.session_state[ARTICLE_MESSAGE] = edited_message(article_id, edit)
        st.rerun()  # every page, this one included, shows the edit: the store's version moved
message = take(ARTICLE_MESSAGE)
if message is not None:
    (st.success if message[0] == "success" else st.error)(markdown_escape(message[1]))
if may_delete():
    with st.expander("Delete this article"):
        show_delete_articles(
            [article_id], key=f"article-delete-{article_id}", label="Delete this article"
        )

copies = data.near_duplicates(article_id)
if not copies.empty:
    st.header("Near-duplicates of this article")
    st.caption(
        f"{len(copies):,} other article{'' if len(copies) == 1 else 's'} in its cluster of "
        "copies. Click a row to open it."
    )
    picked = show_table(
        copies,
        key=f"article-{article_id}-near-duplicates",  # a fresh selection on every article
        file_name=f"article-{article_id}-near-duplicates",
        selectable=True,
        column_config=near_duplicate_columns(),
    )
    if picked:
        st.session_state[ARTICLE_PICKER] = generation + 1
        open_article(int(copies.iloc[picked[0]]["article_id"]))


def show_readability(article_id: int, detail: dict[str, Any], flt: ArticleFilter) -> None:
    """The scores against the corpus medians, the counts behind them, the sentence lengths."""
    only_this = ArticleFilter(article_ids=(article_id,))
    flags = data.flag_table(only_this)
    reasons = dict(zip(flags["measure"], flags["reason"], strict=True))
    medians = data.readability_medians(flt)
    scores = readability_against_median(detail, medians, reasons)
    show_table(
        scores,
        key="article-scores",
        file_name=f"article-{article_id}-readability",
        column_config={
            "measure": "Measure",
            "value": st.column_config.NumberColumn("This article", format="%.2f"),
            "corpus_median": st.column_config.NumberColumn("Corpus median", format="%.2f"),
            "reliable": st.column_config.CheckboxColumn("Reliable", width="small"),
            "reason": st.column_config.TextColumn("Why not reliable", width="large"),
        },
    )
    left, right = st.columns(2)
    with left:
        show_table(
            counts_against_median(detail, medians),
            key="article-counts",
            file_name=f"article-{article_id}-counts",
            column_config={
                "count": "Count behind the scores",
                "value": st.column_config.NumberColumn("This article", format="%.1f"),
                "corpus_median": st.column_config.NumberColumn("Corpus median", format="%.1f"),
            },
        )
    with right:
        grades = grades_long(scores)
        show_chart(
            article_vs_corpus_figure(grades),
            grades,
            key="article-grades",
            file_name=f"article-{article_id}-grades-vs-corpus",
        )
    sentences = data.article_sentences(article_id)
    st.caption(
        "Sentences as the analysis splits them (a line break always ends one); the readability "
        "counts above use textstat's own count, from sentence punctuation."
    )
    show_chart(
        sentence_length_figure(sentences),
        sentences[["sentence_index", "n_words", "sentence"]],
        key="article-sentences",
        file_name=f"article-{article_id}-sentence-lengths",
    )


def show_words(article_id: int) -> None:
    """The article's top terms."""
    only_this = ArticleFilter(article_ids=(article_id,))
    n, stop_words = pick_ngram(key="article-ngram")
    news_words = pick_news_words(key="article-ngram", stop_words=stop_words)
    words = data.term_frequencies(
        only_this, n=n, stop_words=stop_words, news_words=news_words, top=20
    )
    show_chart(
        term_bar_figure(words, title="Top terms"),
        words,
        key="article-words",
        file_name=f"article-{article_id}-terms",
    )


def show_entities(article_id: int, detail: dict[str, Any]) -> None:
    """The article's entities by mentions: the 25 most mentioned drawn, every one listed."""
    only_this = ArticleFilter(article_ids=(article_id,))
    if not is_english(detail["language"]):
        st.info(
            f"Named entities are not available for this language ({detail['language']}): "
            "the entity model is English."
        )
    entities = data.entity_counts(only_this, labels=NAMED_LABELS)
    left, right = st.columns(2)
    with left:
        show_chart(
            entity_bar_figure(entities.head(25), title="Entities by mentions"),
            entities.head(25),
            key="article-entities",
            file_name=f"article-{article_id}-entities",
        )
    with right:
        show_table(
            entities,
            key="article-entity-table",
            file_name=f"article-{article_id}-all-entities",
            column_config=count_columns(),
            height=450,
        )


def show_distinctive_terms(article_id: int) -> None:
    """The terms this article uses more than the rest of the corpus; a click opens Contexts."""
    only_this = ArticleFilter(article_ids=(article_id,))
    st.caption(
        "The terms this article uses more than the rest of the stored corpus does, ranked by "
        "log-likelihood (G2; from 3.84 the difference is significant at p < 0.05), with log "
        "ratio as its size (1: twice as frequent). Only terms found at least twice in the "
        "whole corpus. Click a row to see the term in context."
    )
    n_key, stop_key = pick_ngram(key="article-keyness")
    distinctive = over_represented(
        data.keyness_table(
            only_this, n=n_key, stop_words=stop_key, min_frequency=2, require_a=True
        ),
        "A",
        top=20,
    )
    left, right = st.columns(2)
    with left:
        show_chart(
            keyness_figure(
                distinctive,
                value="log_likelihood",
                title="Most distinctive terms",
                groups=("this article", "the rest"),
            ),
            distinctive,
            key="article-keyness",
            file_name=f"article-{article_id}-distinctive-terms",
        )
    with right:
        picked = show_table(
            distinctive,
            key="article-keyness-table",
            file_name=f"article-{article_id}-distinctive-terms-table",
            column_config=keyness_columns("this article", "the rest"),
            selectable=True,
        )
    if picked:
        open_contexts(str(distinctive.iloc[picked[0]]["term"]))


def show_quotations(article_id: int, detail: dict[str, Any]) -> None:
    """The article's direct quotations in order, "unattributed" where no speaker was found."""
    only_this = ArticleFilter(article_ids=(article_id,))
    if not is_english(detail["language"]):
        st.info(
            f"Quotations are not available for this language ({detail['language']}): the "
            "rules and the entity model are English."
        )
        return
    said = data.quote_table(only_this, limit=None).sort_values("quote_index")
    if said.empty:
        st.caption("No direct quotation was found in this article.")
        return
    show_table(
        said.drop(columns=["title", "published", "article_id"]),
        key="article-quotes",
        file_name=f"article-{article_id}-quotations",
        column_config=quote_columns(),
    )


def show_text(article_id: int, body: str) -> None:
    """The article's text with its entities marked."""
    show_article_text(body, data.article_mentions(article_id), key="article-text")


# One tab per section, only the open one computed; the open tab is in the URL
# (``?article=3&section=Entities``), so a link opens the article at that section.
SECTIONS = {
    "Readability": partial(show_readability, article_id, detail, flt),
    "Words": partial(show_words, article_id),
    "Entities": partial(show_entities, article_id, detail),
    "Distinctive terms": partial(show_distinctive_terms, article_id),
    "Quotations": partial(show_quotations, article_id, detail),
    "Text": partial(show_text, article_id, detail["body"]),
}
show_sections(SECTIONS, key=ARTICLE_SECTION)
