"""Every confidence note of the shipped catalogue (« Fiabilité » on the measure page, in the brief's
sources) is French; its English original, as the domain reference writes it, is kept beside it in
``confidence_source`` (provenance)."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from plans.catalogue import CATALOGUE_DIR

# Wording of the English research notes (confidence labels and their caveats).
ENGLISH = re.compile(
    r"\b(confirmed|inferred|not found|unknown|secondary|measure|measures|axis|theme|title|wording|mapping|"
    r"link|carry-over|press release|copy|collective|statement|announced|approximate|uncertain|noted|"
    r"verified|reported|per|the|of|and|from|as|at|with|by|not|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def _rows():
    for path in sorted(CATALOGUE_DIR.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), start=2):
                if "confidence" in row:
                    yield f"{path.relative_to(CATALOGUE_DIR)}:{i}", row


def _toml_confidences():
    """(where, table) of every table of a plan.toml that carries a confidence."""
    for path in sorted(CATALOGUE_DIR.glob("*/plan.toml")):
        with path.open("rb") as f:
            meta = tomllib.load(f)
        tables = [("", meta)] + [(k, v) for k, v in meta.items() if isinstance(v, dict)]
        for key, table in tables:
            if "confidence" in table:
                yield f"{path.relative_to(CATALOGUE_DIR)}[{key}]", table


def test_every_catalogue_confidence_is_french_with_its_english_original():
    rows = list(_rows()) + list(_toml_confidences())
    assert len(rows) > 300  # every list of the catalogue is read (not an empty folder)
    english = [(where, r["confidence"]) for where, r in rows if ENGLISH.search(r["confidence"] or "")]
    assert english == []
    blank = [where for where, r in rows if not r.get("confidence")]
    assert blank == []
    no_source = [where for where, r in rows if not r.get("confidence_source")]
    assert no_source == []


def test_confidence_keeps_the_meaning_of_its_source():
    """The French note says « confirmé », « déduit », « non trouvé » where the English one does."""
    pairs = {(r["confidence_source"], r["confidence"]) for _, r in [*_rows(), *_toml_confidences()]}
    for en, fr in pairs:
        for word, french in (("confirmed", "confirm"), ("inferred", "déduit"), ("not found", "non trouvé"),
                             ("secondary", "source secondaire")):
            if word in en:
                assert french in fr, (en, fr)
    rendered = dict(pairs)
    assert rendered["confirmed (collective)"] == "confirmé (collectif)"
    assert rendered["existence confirmed (secondary); title not found"] == \
        "existence confirmée (source secondaire) ; intitulé non trouvé"
    assert rendered["CNCDH rating confirmed; status code inferred from the rating"] == \
        "évaluation de la CNCDH confirmée ; code de statut déduit de l'évaluation"
    assert "déc. 2024" in rendered[next(en for en in rendered if "Dec 2024 committee" in en)]


def test_a_confidence_with_no_french_stops_the_build(monkeypatch):
    import sys

    root = Path(__file__).resolve().parents[1]
    monkeypatch.syspath_prepend(str(root / "tools"))
    monkeypatch.setattr(sys, "argv", ["build_catalogue.py"])
    import build_catalogue

    monkeypatch.setattr(build_catalogue, "MISSING", [])
    row = build_catalogue.with_source({"summary": "", "confidence": "confirmed; newly worded caveat"}, "summary")
    assert build_catalogue.MISSING == ["confirmed; newly worded caveat"]
    assert row["confidence_source"] == "confirmed; newly worded caveat"
    again = build_catalogue.with_source({"confidence": "déduit", "confidence_source": "inferred"})
    assert again == {"confidence": "déduit", "confidence_source": "inferred"}


def test_sources_are_cited_by_their_own_address_not_through_a_proxy():
    """The research reached one page through a web relay (siteproxy…/https/fr.linkedin.com/…): the
    catalogue cites the publisher's address, and the build unwraps any such relay."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from build_catalogue import unwrap_proxy

    assert unwrap_proxy("https://siteproxy.example.dev:443/https/fr.linkedin.com/company/miprof ; https://a.org/b") == \
        "https://fr.linkedin.com/company/miprof ; https://a.org/b"
    root = Path(__file__).resolve().parents[1] / "plans" / "catalogue"
    for path in root.rglob("*.csv"):
        assert "siteproxy" not in path.read_text(encoding="utf-8"), path
