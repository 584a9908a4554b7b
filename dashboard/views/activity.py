"""Activity: the audit trail of every write (uploads, corrections, deletes, edits), with who
made it, when and how many rows it touched. Admins see everyone's, editors their own."""

import streamlit as st

from components.display import show_table
from dashboard import data
from dashboard.access import allowed, current_user, refusal

st.title("Activity")
user = current_user()
if not allowed("view_audit"):  # the page is not offered then; a direct link stops
    st.error(refusal("view_audit"))
    st.stop()
sees_all = allowed("view_all_audit")
everything = data.audit_entries(user=None if sees_all else user.name)
st.caption(
    "Every change to the corpus, newest first; times in UTC."
    if sees_all
    else f"Your changes to the corpus ({user.name}), newest first; times in UTC."
)
who_column, what_column, since_column = st.columns(3)
who = None
if sees_all:
    who = who_column.selectbox(
        "User",
        sorted(set(everything["user"])),
        index=None,
        placeholder="Everyone",
        key="activity-user",
    )
what = what_column.selectbox(
    "Action",
    sorted(set(everything["action"])),
    index=None,
    placeholder="Every action",
    key="activity-action",
)
since = since_column.date_input("From", value=None, key="activity-since", format="YYYY-MM-DD")
entries = data.audit_entries(user=who if sees_all else user.name, action=what, since=since or None)
st.caption(f"{len(entries):,} entries")
show_table(
    entries,
    key="activity",
    file_name="activity",
    column_config={
        "id": st.column_config.NumberColumn("#", format="%d"),
        "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
        "user": st.column_config.TextColumn("Who"),
        "action": st.column_config.TextColumn("Action"),
        "detail": st.column_config.TextColumn("What"),
        "n_rows": st.column_config.NumberColumn("Rows", format="%d"),
    },
)
