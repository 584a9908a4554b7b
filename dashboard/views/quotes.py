"""Quotes: the most quoted people and organisations, and what they said."""

import streamlit as st

from analytics.entities import LABEL_NAMES
from analytics.labels import entity_label
from analytics.quotes import SPEAKER_LABELS
from components.capped import show_cap
from components.charts import entity_bar_figure
from components.columns import quote_columns
from components.display import show_table
from components.focus import focused_filter, show_focus_chips
from components.safe_text import markdown_escape
from dashboard import data
from dashboard.focus import page_focus, remove_focus, show_focus_chart
from dashboard.state import current_filter, open_article

MAX_ROWS = data.QUOTE_ROWS
#: The speakers offered in the picker, most quoted first (the leaderboard shows the first of them).
MAX_SPEAKERS = 500

corpus = current_filter()
focus = page_focus("quotes")
flt = focused_filter(corpus, focus)
st.title("Quotes")
show_focus_chips(focus, key="quotes-focus", on_remove=remove_focus("quotes"))
summary = data.quote_summary(flt)
if summary["n_other_languages"]:
    n_other = summary["n_other_languages"]
    languages = markdown_escape(", ".join(summary["other_languages"]))
    st.info(
        f"Quotations are not available for this language ({languages}): "
        f"{n_other:,} selected article{'' if n_other == 1 else 's'} not in English "
        f"{'is' if n_other == 1 else 'are'} left out."
    )
if not summary["n_quotes"]:
    st.info("No quotation in the articles that match the filter.")
    st.stop()

columns = st.columns(3)
columns[0].metric("Quotations", f"{summary['n_quotes']:,}", border=True)
columns[1].metric(
    "Attributed to an entity",
    f"{summary['n_attributed']:,}",
    help='Quotations whose speaker is a named person, organisation, place or group ("he '
    'said" counts when the person is clear from the text before it).',
    border=True,
)
columns[2].metric("Articles with quotations", f"{summary['n_articles']:,}", border=True)

st.header(
    "Most quoted", help="Click a bar to narrow the rest of the page to the articles mentioning it."
)
left, right = st.columns([3, 1])
labels = left.pills(
    "Speaker types",
    list(SPEAKER_LABELS),
    selection_mode="multi",
    default=["PERSON", "ORG"],
    format_func=lambda label: LABEL_NAMES.get(label, label),
    key="quotes-labels",
)
top = right.slider("Top", 5, 50, 15, step=5, key="quotes-top")
if not labels:
    st.warning("Choose at least one speaker type.")
    st.stop()
# the same query as the speakers' list below (one query, cached, when no speaker is chosen;
# the slider then costs none)
board = data.quoted_entities(
    focused_filter(corpus, focus, leave_out="entity"), labels=tuple(labels), top=MAX_SPEAKERS
).head(top)
show_focus_chart(
    entity_bar_figure(board, title="Most quoted", value="n_quotes"),
    board,
    page="quotes",
    dimension="entity",
    key="quotes-board",
    file_name="quoted-entities",
)

st.header("What they said")
speakers = data.quoted_entities(flt, labels=tuple(labels), top=MAX_SPEAKERS)
chosen = st.selectbox(
    "Speaker",
    [None, *zip(speakers["entity"], speakers["label"], strict=True)],
    format_func=lambda pair: "Every speaker" if pair is None else entity_label(*pair),
    key="quotes-speaker",
)
entity, label = chosen if chosen is not None else (None, None)
found = data.quote_table(flt, entity=entity, label=label, limit=MAX_ROWS)
n_quotes, n_in = data.quote_totals(flt, entity=entity, label=label)
show_cap(
    len(found),
    n_quotes,
    "quotation",
    n_articles=n_in,
    which="newest",
    everything=data.quote_table_later(flt, entity=entity, label=label),
    key="quotes-list",
    file_name="quotes" if entity is None else f"quotes-{entity}",
)
selected = show_table(
    found,
    key="quotes-list",
    file_name="quotes" if entity is None else f"quotes-{entity}",
    column_config=quote_columns(),
    selectable=True,
)
if selected:
    open_article(int(found.iloc[selected[0]]["article_id"]))
