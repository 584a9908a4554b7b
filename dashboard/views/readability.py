"""Readability: the articles compared, and what makes the hardest ones hard."""

from functools import partial

import pandas as pd
import streamlit as st

from analytics.filters import ArticleFilter
from analytics.readability import MEASURES
from analytics.views import (
    grade_points,
    hardest_articles,
    histogram_bins,
    measure_box_stats,
    sample_points,
)
from components.capped import show_cap
from components.charts import (
    DENSITY_MIN_POINTS,
    grade_length_figure,
    grade_length_is_density,
    measure_histogram_figure,
    measure_spread_figure,
)
from components.display import show_chart, show_table
from components.focus import focused_filter, show_focus_chips
from components.sections import show_sections
from components.summary import show_no_match
from dashboard import data
from dashboard.focus import page_focus, remove_focus, show_focus_chart
from dashboard.state import READABILITY_SECTION, current_filter, open_article

FLAG_ROWS = data.FLAG_ROWS

corpus = current_filter()
focus = page_focus("readability")
flt = focused_filter(corpus, focus)
st.title("Readability")
show_focus_chips(focus, key="readability-focus", on_remove=remove_focus("readability"))
whole = data.readability_table(corpus)  # one row per article: a few MB at 100,000 articles
if whole.empty:
    show_no_match()
    st.stop()
table = data.readability_table(flt) if focus else whole

left, right = st.columns(2)
with left:
    points = sample_points(grade_points(table))
    density = grade_length_is_density(len(points))
    if len(points) < len(table):
        st.caption(f"A random sample of {len(points):,} of the {len(table):,} articles.")
    if density:
        st.caption(
            f"More than {DENSITY_MIN_POINTS:,} articles: each cell counts the articles of its "
            "length and grade, darker where there are more. With fewer (narrow the filter), "
            "each article is a point that opens it."
        )
    selection = show_chart(
        grade_length_figure(points),
        points,
        key="readability-scatter",
        file_name="grade-against-length",
        selectable=True,
    )
    # a cell of the density is many articles: only a point opens one
    clicked = selection["selection"]["point_indices"] if selection and not density else []
    if clicked:
        open_article(int(points.iloc[clicked[0]]["article_id"]))
with right:
    spread = measure_box_stats(table)
    show_chart(
        measure_spread_figure(spread),
        spread,
        key="readability-spread",
        file_name="grade-measures-spread",
    )


def show_distribution(whole: pd.DataFrame) -> None:
    """One measure across the articles (``whole``: the filter's, without the page's chips), as
    a histogram whose bars narrow the page."""
    measure = st.selectbox(
        "Measure", list(MEASURES), format_func=MEASURES.get, key="readability-measure"
    )
    values = histogram_bins(whole[measure])
    st.caption("Click a bar to narrow the rest of the page to the articles in it.")
    show_focus_chart(
        measure_histogram_figure(values, measure=measure),
        values,
        page="readability",
        dimension="measure",
        detail=measure,
        key="readability-histogram",
        file_name=f"{measure}-per-article",
    )


def show_hardest(table: pd.DataFrame) -> None:
    """The hardest articles of ``table``, with the counts that drive their scores up."""
    st.caption("Ranked by consensus grade; the columns after it are what drives the scores up.")
    hardest = hardest_articles(table, top=10)
    selected = show_table(
        hardest,
        key="readability-hardest",
        file_name="hardest-articles",
        selectable=True,
        column_config={
            "article_id": st.column_config.NumberColumn("ID", format="%d"),
            "title": "Title",
            "consensus_grade": st.column_config.NumberColumn("Grade", format="%.1f"),
            "n_words": st.column_config.NumberColumn("Words", format="%d"),
            "avg_sentence_length": st.column_config.NumberColumn(
                "Words per sentence", format="%.1f"
            ),
            "longest_sentence_words": st.column_config.NumberColumn(
                "Longest sentence", format="%d"
            ),
            "difficult_words_percent": st.column_config.NumberColumn(
                "Difficult words %", format="%.1f"
            ),
            "polysyllabic_words_percent": st.column_config.NumberColumn(
                "3+ syllables %", format="%.1f"
            ),
        },
    )
    if selected:
        open_article(int(hardest.iloc[selected[0]]["article_id"]))


def show_unreliable(flt: ArticleFilter) -> None:
    """Where a score is unreliable in the filter's articles: per measure, then per article."""
    counts = data.flag_counts(flt)
    show_table(
        counts.assign(measure=counts["measure"].map(MEASURES)),
        key="readability-flag-counts",
        file_name="unreliable-scores-per-measure",
        column_config={
            "measure": "Measure",
            "n_articles": st.column_config.NumberColumn(
                "Articles where it is unreliable", format="%d"
            ),
        },
    )
    flags = data.flag_table(flt, limit=FLAG_ROWS)
    n_flags = int(counts["n_articles"].sum())  # one row per article and measure
    if n_flags > len(flags):
        show_cap(
            len(flags),
            n_flags,
            "unreliable score",
            which="first (by article)",
            everything=data.flag_table_later(flt),
            key="readability-flags",
            file_name="unreliable-scores",
            hint="",
        )
    show_table(
        flags.assign(measure=flags["measure"].map(MEASURES)),
        key="readability-flags",
        file_name="unreliable-scores",
        column_config={
            "article_id": st.column_config.NumberColumn("Article ID", format="%d"),
            "measure": "Measure",
            "reason": st.column_config.TextColumn("Why it is unreliable", width="large"),
        },
    )


# One tab per section, only the open one computed (a new tab draws its first chart sooner);
# the open tab is in the URL (``?readability-section=Unreliable+scores``), so a link opens it.
SECTIONS = {
    "One measure": partial(show_distribution, whole),
    "Hardest articles, and why": partial(show_hardest, table),
    "Unreliable scores": partial(show_unreliable, flt),
}
show_sections(SECTIONS, key=READABILITY_SECTION)
