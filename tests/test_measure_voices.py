"""A measure's page shows each association's latest view beside the government's and the collective's (AppTest,
login simulated as in tests/test_login.py): who, the status in words, the date « 15 janvier 2026 », the text as
text (never Markdown nor HTML) and the source; the rows of no association are the collective's. Two associations
that disagree are flagged like government and civil society."""

from __future__ import annotations

import datetime as dt

import pytest

from plans import access, edits
from tests.test_login import AUTH, READER, app, auth_engine, db, logged_in, said  # noqa: F401

PLAN = "pna-2024-2027"
pytestmark = pytest.mark.usefixtures("db")
A = access.person("a@asso-a.test", "contributor", association="Association A")
B = access.person("b@asso-b.test", "contributor", association="Association B")
COORD = access.person("c@collectif.test", "coordinator")
D1, D2 = dt.date(2026, 1, 15), dt.date(2026, 1, 20)


def test_each_associations_view_beside_the_governments_and_the_collectives(monkeypatch):
    logged_in(monkeypatch, READER)
    at = app(AUTH, page="measure.py")
    ref = at.selectbox(key="measure_pick").value
    engine = auth_engine()
    edits.add_assessment(engine, A, PLAN, ref, status="in_progress", as_of=D1, text="Lancé **gras** <b>x</b>",
                         source_url="https://example.org/a")
    edits.add_assessment(engine, B, PLAN, ref, status="not_started", as_of=D2, text="Rien vu [lien](http://x.test)")
    edits.add_assessment(engine, COORD, PLAN, ref, status="initiated", as_of=D2, text="Position du collectif")
    edits.add_assessment(engine, COORD, PLAN, ref, status="partial", as_of=D1, text="Communiqué", voice="government")
    at = app(AUTH, page="measure.py")
    at.selectbox(key="measure_pick").set_value(ref).run()
    assert not at.exception, at.exception
    text = said(at)
    assert "Avis de chaque voix" in [h.value for h in at.subheader]
    for line in ("Gouvernement : ◕ Partiellement réalisée — au 15 janvier 2026\nCommuniqué",
                 "Collectif (société civile, sans association) : ◔ Engagée / en construction — au 20 janvier 2026",
                 "Association A : ◑ En cours — au 15 janvier 2026\nLancé gras <b>x</b>\n[source]",
                 "Association B : ○ Non engagée — au 20 janvier 2026"):
        assert line in text.replace("**", "").replace("\u00a0", " "), line
    raw = "\n".join(str(m.value) for m in at.markdown)
    # the texts as text: escaped, never bold nor a tag nor a link
    assert "Lancé \\*\\*gras\\*\\* \\<b\\>x\\<\\/b\\>" in raw and "\\[lien\\]\\(" in raw
    assert "(<https://example.org/a>)" in raw  # the source, a link
    # the two associations disagree: flagged, each named
    assert "Les voix divergent" in text
    assert "- Association B : ○ Non engagée — au 20 janvier 2026" in text.replace("**", "").replace("\u00a0", " ")


def test_a_measure_without_associations_keeps_its_page(monkeypatch):
    logged_in(monkeypatch, READER)
    at = app(AUTH, page="measure.py")
    assert not at.exception and "Avis de chaque voix" not in [h.value for h in at.subheader]
