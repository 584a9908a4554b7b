"""Over time: mentions of chosen entities and terms per day, week or month, on a date axis."""

import streamlit as st

from analytics.entities import NAMED_LABELS
from analytics.filters import ArticleFilter
from analytics.labels import entity_label
from analytics.timeline import (
    PERIOD_NAMES,
    article_totals,
    item_filter,
    normalise_terms,
    timeline,
)
from components.capped import show_cap
from components.charts import TIMELINE_VALUES, timeline_figure
from components.columns import article_columns, count_columns
from components.display import show_table
from components.focus import show_focus_chips
from components.pickers import pick_one
from components.safe_text import markdown_escape
from components.summary import show_no_match
from dashboard import data
from dashboard.focus import page_focus, remove_focus, show_focus_chart
from dashboard.state import (
    TIMELINE_ENTITIES,
    TIMELINE_PERIOD,
    TIMELINE_TERMS,
    current_filter,
    open_article,
)

ARTICLE_ROWS = data.PERIOD_ARTICLE_ROWS

flt = current_filter()
st.title("Over time")
per_date = data.articles_by_date(flt)
totals = article_totals(per_date)
if not totals["n_articles"]:
    show_no_match()
    st.stop()
if not totals["n_dated"]:
    st.info(
        f"None of the articles that match the filter ({totals['n_articles']:,}) has a "
        "publication date, so there is no time axis to draw. Dates are read from a web page's "
        "metadata, from a date column of CSV and JSON Lines files, and from the date typed in "
        "on Upload."
    )
    st.stop()

# the entities to choose from: the most mentioned in the dated articles
dated = flt
if totals["n_undated"] and flt.date_from is None:
    dated = ArticleFilter(**{**flt.__dict__, "date_from": data.date_bounds()[0]})
leaders = data.entity_counts(dated, labels=tuple(NAMED_LABELS), top=50)
options = list(zip(leaders["entity"], leaders["label"], strict=True))
wanted = (st.query_params.get("entity"), st.query_params.get("label"))
if wanted[0] and wanted[1]:
    # opened from the Entities page: that entity alone
    st.session_state[TIMELINE_ENTITIES] = [wanted]
    del st.query_params["entity"], st.query_params["label"]
chosen = list(st.session_state.get(TIMELINE_ENTITIES, options[:3]))
options += [pair for pair in chosen if pair not in options]
entities = st.multiselect(
    "Entities",
    options,
    default=None if TIMELINE_ENTITIES in st.session_state else chosen,
    format_func=lambda pair: entity_label(*pair),
    key=TIMELINE_ENTITIES,
    placeholder="Choose among the most mentioned entities",
    help=f"The {len(leaders)} most mentioned entities of the dated articles; any other opens "
    "here from the Entities page (Show over time).",
)
# examples: the cheap totals, without the news words
top_words = data.term_frequencies(ArticleFilter(), n=1, news_words=False, top=5)["term"]
typed = st.text_input(
    "Words or phrases, separated by commas",
    key=TIMELINE_TERMS,
    placeholder="e.g. " + ", ".join(top_words),
    help="Counted as on the Words page: case does not matter; phrases of up to 3 words.",
)
terms = normalise_terms(typed)
left, right = st.columns(2)
period = pick_one("Per", PERIOD_NAMES, default="month", key=TIMELINE_PERIOD, container=left)
value = pick_one(
    "Show", TIMELINE_VALUES, default="n_mentions", key="timeline-value", container=right
)
if not entities and not terms:
    st.info("Choose an entity or type a word to see it over time.")
    st.stop()

chosen_entities = tuple((str(entity), str(label)) for entity, label in entities)
entity_items = [entity_label(*pair) for pair in chosen_entities]
result = timeline(
    data.mentions_by_date(flt, chosen_entities=chosen_entities, chosen_terms=terms),
    per_date,
    items=[*entity_items, *terms],
    period=period,
    english_only=entity_items,
)
show_focus_chart(
    timeline_figure(
        result.frame,
        value=value,
        period=period,
        title=f"{TIMELINE_VALUES[value]} per {period}",
    ),
    result.frame,
    page="timeline",
    dimension="period",
    detail=period,
    key="timeline",
    file_name=f"over-time-per-{period}",
)
notes = ["Each point is at the first day of its period; click one to list its articles"]
if period == "week":
    notes.append("weeks are ISO weeks, from Monday to Sunday")
if value == "share_of_articles":
    notes.append("a period in which no article was published has no share: a gap in the line")
if entity_items and totals["n_english"] < totals["n_articles"]:
    notes.append("entities are found only in English articles, so their share is of those")
st.caption("; ".join(notes) + ".")
if result.n_undated:
    article_word = "article has" if result.n_undated == 1 else "articles have"
    st.markdown(
        f"**{result.n_undated:,} {article_word} no publication date and "
        f"{'is' if result.n_undated == 1 else 'are'} not shown on the time axis.**"
    )
with st.expander("As a table"):
    show_table(
        result.frame,
        key="timeline-table",
        file_name=f"over-time-per-{period}-table",
        column_config={
            **count_columns(),
            "period_start": st.column_config.DateColumn("Period start", format="YYYY-MM-DD"),
            "period": PERIOD_NAMES[period],
            "item": "Entity or term",
            "n_articles_mentioning": st.column_config.NumberColumn("Articles mentioning it"),
            "n_articles": st.column_config.NumberColumn("Articles published"),
            "share_of_articles": st.column_config.NumberColumn("Share", format="percent"),
        },
    )
focus = page_focus("timeline")
show_focus_chips(focus, key="timeline-focus", on_remove=remove_focus("timeline"))
if "period" in focus:
    item, period_name, first_day, last_day = focus["period"]
    clicked = item_filter(
        flt, item, entities=chosen_entities, date_from=first_day, date_to=last_day
    )
    st.subheader(f"Articles of {period_name} mentioning {markdown_escape(item)}")
    articles = data.article_table(clicked, limit=ARTICLE_ROWS)
    n_clicked = data.n_articles(clicked)
    if n_clicked > len(articles):
        show_cap(
            len(articles),
            n_clicked,
            "article",
            which="newest",
            everything=data.article_table_later(clicked),
            key="timeline-articles",
            file_name=f"articles-{period_name}",
        )
    selected = show_table(
        articles,
        key="timeline-articles",
        file_name=f"articles-{period_name}",
        selectable=True,
        column_config=article_columns(),
    )
    if selected:
        open_article(int(articles.iloc[selected[0]]["article_id"]))
if result.n_undated:
    with st.expander("Mentions in the articles without a date"):
        show_table(
            result.undated,
            key="timeline-undated",
            file_name="over-time-undated",
            column_config=count_columns(),
        )
