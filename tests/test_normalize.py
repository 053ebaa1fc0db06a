"""plans.normalize: the one fold, slug and ref key; the vectorised fold agrees with the scalar one."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.normalize import fold, fold_series, ref_key, slug


@pytest.mark.parametrize(("text", "folded"), [
    ("Libellé de la mesure", "libelle de la mesure"),
    ("  État\u00a0d’avancement\u202f ", "etat d'avancement"),
    ("Œuvre ÉDUCATIVE à l'école", "oeuvre educative a l'ecole"),
    ("mise en œuvre", "mise en oeuvre"),
    ("Straße", "strasse"),
    ("2024–2025", "2024–2025"),  # the en dash is kept (year ranges)
    ("ﬁn\tjanvier\n2024", "fin janvier 2024"),
    (None, ""),
    ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_slug():
    assert slug("Comité de suivi", fallback="annonce", max_len=120) == "comite-de-suivi"
    assert slug("Réunion MNIOP (mécanisme national d'identification)") == "reunion-mniop-mecanisme-national-d-identification"
    assert slug("Comité de suivi de la mise en œuvre") == "comite-de-suivi-de-la-mise-en-oeuvre"
    assert slug("« — »", fallback="vigie") == "vigie"
    assert slug("Statut des mesures documentées") == "statut-des-mesures-documentees"
    assert slug("a" * 200, max_len=120) == "a" * 120


def test_ref_key():
    assert ref_key("f 01") == ref_key("F01") == "F01"
    assert ref_key(" é 2\u00a0b ") == "E2B"


text = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(text, min_size=1, max_size=20))
def test_fold_series_agrees_with_fold(texts):
    assert fold_series(pd.Series(texts)).tolist() == [fold(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(text)
def test_fold_is_idempotent_and_slug_is_ascii(t):
    assert fold(fold(t)) == fold(t)
    s = slug(t)
    assert s == "" or (s.isascii() and not s.startswith("-") and not s.endswith("-"))
