"""The analysis engine: reading, cleaning and analysing news articles, and storing the results.

Nothing in this package imports Streamlit; the dashboard and the command line sit on top of it.
"""
