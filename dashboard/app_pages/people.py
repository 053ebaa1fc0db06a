"""Personnes: who may do what on a shared instance — add a person by e-mail with a role and an association,
change a role, remove someone. Admins only (the menu shows it to them; ``plans.people`` checks the role again and
records each change in the journal)."""

import streamlit as st

from dashboard import auth, components, data, journal_data
from dashboard.i18n import t
from plans import access, people

lang = components.context()[2]
st.title(t("nav.people", lang))
actor = auth.current_actor()
if not auth.may_manage_people(actor):  # hidden from the menu of everyone else; checked again when writing
    st.warning(t("pp.not_allowed", lang), icon=":material/lock:")
    st.stop()
st.caption(t("pp.intro", lang))

done = st.session_state.pop("pp_done", None)
if done:
    st.success(components.plain(done), icon=":material/check_circle:")


def role_words(code: str) -> str:
    return access.role_label(code, lang)


def write(what, *args) -> bool:
    """Run one write of plans.people; a refusal or a bad entry is said in words, never as an error page."""
    try:
        what(data.engine(), actor, *args)
    except people.PersonError as e:
        st.error(components.plain(e.message(lang)), icon=":material/error:")
        return False
    except access.AccessDenied as e:
        st.error(components.plain(str(e)), icon=":material/lock:")
        return False
    return True


rows = journal_data.people_list()
if rows:
    st.dataframe(journal_data.people_table(rows, lang), hide_index=True, width="stretch")
else:
    st.info(t("pp.none", lang), icon=":material/group:")

st.subheader(t("pp.add", lang))
with st.form("pp_add", clear_on_submit=True):
    c1, c2 = st.columns(2)
    email = c1.text_input(t("pp.email", lang), placeholder="prenom.nom@association.fr")
    name = c2.text_input(t("pp.name", lang))
    c3, c4 = st.columns(2)
    role = c3.selectbox(t("pp.role", lang), access.ROLES, index=1, format_func=role_words)
    association = c4.text_input(t("pp.association", lang), help=t("pp.association_help", lang))
    add = st.form_submit_button(t("pp.add_button", lang), icon=":material/person_add:", type="primary")
    if add and write(people.add, email, role, association or None, name or None):
        st.session_state["pp_done"] = t("pp.added", lang, email=email.strip().lower(), role=role_words(role))
        st.rerun()

if rows:
    st.subheader(t("pp.change", lang))
    by_email = {r["email"]: r for r in rows}
    email = st.selectbox(t("pp.who", lang), list(by_email), key="pp_who",
                         format_func=lambda e: f"{by_email[e]['name']} ({e})" if by_email[e].get("name") else e)
    current = by_email[email]
    with st.form("pp_change"):
        c1, c2 = st.columns(2)
        role = c1.selectbox(t("pp.role", lang), access.ROLES, index=access.ROLES.index(current["role"]),
                            format_func=role_words, key=f"pp_role_{email}")
        association = c2.text_input(t("pp.association", lang), value=current.get("association") or "",
                                    help=t("pp.association_help", lang), key=f"pp_assoc_{email}")
        b1, b2 = st.columns(2)
        change = b1.form_submit_button(t("pp.change_button", lang), icon=":material/manage_accounts:")
        sure = b2.checkbox(t("pp.remove_sure", lang), key=f"pp_sure_{email}")
        remove = b2.form_submit_button(t("pp.remove_button", lang), icon=":material/person_remove:")
    if change and write(people.add, email, role, association or None, current.get("name")):
        st.session_state["pp_done"] = t("pp.changed", lang, email=email, role=role_words(role))
        st.rerun()
    if remove:
        if not sure:
            st.warning(t("pp.remove_confirm", lang), icon=":material/warning:")
        elif write(people.remove, email):
            st.session_state["pp_done"] = t("pp.removed", lang, email=email)
            st.rerun()
