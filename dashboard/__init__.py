"""The Streamlit app: entry point, pages, the sidebar filter and the one caching module."""
