"""Vigie — Streamlit entrypoint (router only). Run: python -m streamlit run dashboard/app.py"""

import streamlit as st

st.set_page_config(page_title="Vigie — suivi des plans nationaux", page_icon=":material/visibility:", layout="wide")

pages = [
    st.Page("app_pages/home.py", title="Accueil", icon=":material/home:", default=True),
]
st.navigation(pages).run()
