"""Home: the plans followed by Vigie and how complete their data is."""

import streamlit as st

from dashboard import data

st.title("Vigie")
st.caption("Suivi citoyen des plans nationaux de lutte contre l'exploitation et la traite des êtres humains")

plans = data.plans_list()
if not plans:
    st.info("Aucun plan en base. Lancez `make run` (ou `python -m plans seed`) pour charger le catalogue.")
    st.stop()

for p in plans:
    declared = p["measures_declared"]
    with st.container(border=True):
        st.subheader(p["title_fr"])
        if declared:
            st.metric("Mesures documentées", f"{p['measures_documented']} sur {declared}")
        else:
            st.metric("Mesures documentées", p["measures_documented"])
