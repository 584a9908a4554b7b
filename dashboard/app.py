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

from analytics.store import is_storage_error  # noqa: E402
from components.upload import show_ingest_progress  # noqa: E402
from dashboard import data  # noqa: E402
from dashboard.access import allowed, require_sign_in, show_user  # noqa: E402
from dashboard.links import read_link, write_link  # noqa: E402
from dashboard.sidebar import show_article_filter  # noqa: E402
from dashboard.state import FILTER, init_state  # noqa: E402

# A local icon: a Material icon here would make the browser fetch it from Google's fonts.
st.set_page_config(page_icon=str(ROOT / "dashboard" / "favicon.png"), layout="wide")
init_state()
require_sign_in()  # stops here until signed in, when an identity provider is configured
try:
    if data.store_needs_upgrade():
        with st.status("Upgrading the store: every article is analysed again…", expanded=True):
            show_ingest_progress(
                data.upgrade_store(), n_total=data.n_articles_to_upgrade(), key="store-upgrade"
            )
    data.seed_store(data.settings().db_url)
    read_only = data.store_read_only()
except Exception as error:
    # a read-only, damaged or full store, or a server that cannot be reached: one sentence
    # naming the store and what to do, and nothing else (no SQL, no article text)
    if not is_storage_error(error):
        raise
    st.title("News analytics")
    st.error(data.storage_error_sentence(error))
    st.stop()

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
        st.Page("views/map.py", title="Map", icon=":material/public:", url_path="map"),
        st.Page(
            "views/quotes.py",
            title="Quotes",
            icon=":material/record_voice_over:",
            url_path="quotes",
        ),
    ],
}
if allowed("view_audit"):  # editors see their own activity, admins everyone's
    PAGES["Corpus"].append(
        st.Page(
            "views/activity.py", title="Activity", icon=":material/history:", url_path="activity"
        )
    )
show_user()
if read_only:
    st.sidebar.markdown(":small[Read-only store: browsing only; nothing can be changed.]")
page = st.navigation(PAGES)
try:
    read_link(page.url_path)  # a session's first run: the link's filter and chips
    st.session_state[FILTER] = show_article_filter()
    write_link(st.session_state[FILTER], page.url_path)  # a reload or a copied link keeps them
    page.run()
except Exception as error:  # a storage fault while the page ran: the same one sentence
    if not is_storage_error(error):
        raise
    st.error(data.storage_error_sentence(error))
