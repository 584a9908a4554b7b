"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

Sets up the page, fills an empty store with the sample articles, draws the shared sidebar
filter and runs the page the user chose.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.upload import show_ingest_progress  # noqa: E402
from dashboard import data  # noqa: E402
from dashboard.sidebar import show_article_filter  # noqa: E402
from dashboard.state import FILTER, init_state  # noqa: E402

# A local icon: a Material icon here would make the browser fetch it from Google's fonts.
st.set_page_config(page_icon=str(ROOT / "dashboard" / "favicon.png"), layout="wide")
init_state()
if data.store_needs_upgrade():
    with st.status("Upgrading the store: every article is analysed again…", expanded=True):
        show_ingest_progress(
            data.upgrade_store(), n_total=data.n_articles_to_upgrade(), key="store-upgrade"
        )
data.seed_store(data.settings().db_url)

PAGES = {
    "Corpus": [
        st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("views/article.py", title="Article", icon=":material/article:", url_path="article"),
        st.Page(
            "views/readability.py",
            title="Readability",
            icon=":material/school:",
            url_path="readability",
        ),
        st.Page(
            "views/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"
        ),
    ],
    "Words": [
        st.Page("views/words.py", title="Words", icon=":material/match_word:", url_path="words"),
        st.Page(
            "views/contexts.py",
            title="Contexts",
            icon=":material/format_quote:",
            url_path="contexts",
        ),
        st.Page("views/compare.py", title="Compare", icon=":material/compare:", url_path="compare"),
        st.Page(
            "views/timeline.py", title="Over time", icon=":material/timeline:", url_path="timeline"
        ),
    ],
    "People and organisations": [
        st.Page(
            "views/entities.py", title="Entities", icon=":material/groups:", url_path="entities"
        ),
        st.Page("views/together.py", title="Together", icon=":material/hub:", url_path="together"),
        st.Page(
            "views/quotes.py",
            title="Quotes",
            icon=":material/record_voice_over:",
            url_path="quotes",
        ),
    ],
}
page = st.navigation(PAGES)
st.session_state[FILTER] = show_article_filter()
page.run()
