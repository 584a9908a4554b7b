"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

Sets up the page, fills an empty store with the sample articles, runs the page the user chose
with the shared sidebar filter, and draws the filter's widgets after the page: a new tab's
first chart then reaches the browser first, which starts loading Plotly (the slowest part of
a new tab) while it draws the rest; the sidebar keeps its layout, the widgets going into a
container placed before the page ran.
"""

from __future__ import annotations

import contextlib
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
from dashboard.sidebar import article_filter, show_article_filter  # noqa: E402
from dashboard.state import FILTER, FILTER_RERUN, PageStopped, init_state  # noqa: E402

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
filter_box = st.sidebar.container()  # the filter's widgets, drawn once the page has run
try:
    read_link(page.url_path)  # a session's first run: the link's filter and chips
    st.session_state[FILTER] = article_filter()  # what the widgets hold, before they are drawn
    write_link(st.session_state[FILTER], page.url_path)  # a reload or a copied link keeps them
    with contextlib.suppress(PageStopped):  # the page showed all it has (state.stop_page)
        page.run()
    with filter_box:
        shown = show_article_filter()
    # The same filter as the page's, always: ``article_filter`` reads what the widgets return.
    # Should they ever differ, the page runs once more with the widgets' filter.
    if shown != st.session_state[FILTER] and not st.session_state[FILTER_RERUN]:
        st.session_state[FILTER_RERUN] = True
        st.rerun()
    st.session_state[FILTER_RERUN] = False
except Exception as error:  # a storage fault while the page ran: the same one sentence
    if not is_storage_error(error):
        raise
    st.error(data.storage_error_sentence(error))
