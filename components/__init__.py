"""Reusable Streamlit pieces: figure builders, charts and tables with their CSV, upload, text.

Builders (``*_figure``) are pure: a DataFrame in, a Plotly figure out. Renderers (``show_*``)
draw with Streamlit and take a ``key`` that prefixes every widget key inside, so a component
can appear twice on one page.
"""
