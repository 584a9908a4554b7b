"""The floor of Streamlit, Plotly and the browser on this machine: one Plotly bar chart.

    streamlit run benchmarks/minimal_app.py

``benchmarks/browser_speed.py`` times it in the same run as the dashboard's pages.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
