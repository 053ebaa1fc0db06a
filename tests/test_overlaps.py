"""Overlaps with related plans, earlier plans and recommendations."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plans import overlaps as ov
from plans import schema as s
from plans.access import CLI, AccessDenied
from plans.catalogue import load_catalogue
from plans.overlaps.catalogue import load_overlap_catalogue, split_themes
from plans.overlaps.text import combined_scores, fold, tokens, top_k
from plans.seed import changed, seed
from plans.vocab import THEMES

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "overlaps_true_pairs.csv"
PLAN = "pna-2024-2027"


def _active(rows):
    return [r for r in rows if r["state"] != "rejected"]


# --------------------------------------------------------------------------- catalogue


def test_overlap_catalogue_is_sourced_and_valid():
    cat = load_catalogue()
    plans = set(cat.plans) | {r["id"] for r in cat.related}
    measures = {(pid, m["ref"]) for pid, p in cat.plans.items() for m in p.measures}
    oc = load_overlap_catalogue(known_plans=plans, known_measures=measures)
    assert len(oc.items) >= 40 and len(oc.themes) >= 30
    for row in oc.themes + oc.items + oc.links:
        assert row["source_url"].startswith("http")
        assert row["confidence"]
        assert set(split_themes(row.get("themes"))) <= set(THEMES)
    # unknowns stay unknown: nothing for sets whose recommendations were not found
    item_plans = {it["plan_id"] for it in oc.items}
    assert not item_plans & {"rec-cedaw-2023", "rec-greta-4-2025", "rec-cncdh-2024", "bill-ppl-1387-2025"}


def test_invalid_overlap_catalogue_lists_problems(tmp_path):
    (tmp_path / "themes.csv").write_text("plan_id,ref,themes,source_url,confidence\np,X,nope,,\n", encoding="utf-8")
    from plans.catalogue import CatalogueError

    with pytest.raises(CatalogueError) as err:
        load_overlap_catalogue(tmp_path, known_plans={"p"}, known_measures=set())
    text = str(err.value)
    assert "thème inconnu nope" in text and "source_url manquante" in text and "mesure inconnue p/X" in text


def test_seed_with_overlaps_is_idempotent(migrated):
    first = seed(migrated)
    assert changed(first) > 0
    assert changed(seed(migrated)) == 0
    with migrated.connect() as conn:
        themes = conn.execute(select(s.measures.c.themes).where(s.measures.c.plan_id == PLAN,
                                                                s.measures.c.ref == "F06")).scalar_one()
        n_items = conn.execute(select(func.count()).select_from(s.measures)
                               .where(s.measures.c.plan_id == "rec-greta-3-2022")).scalar_one()
    assert themes == "identification;protection"
    assert n_items == 4


def test_seed_never_overwrites_themes_set_elsewhere(seeded):
    cond = (s.measures.c.plan_id == PLAN) & (s.measures.c.ref == "F02")
    with seeded.begin() as conn:
        conn.execute(s.measures.update().where(cond).values(themes="data;governance"))
    seed(seeded)
    with seeded.connect() as conn:
        assert conn.execute(select(s.measures.c.themes).where(cond)).scalar_one() == "data;governance"


# --------------------------------------------------------------------------- links stated in the sources


def test_links_stated_in_the_sources_are_present(seeded):
    rows = ov.links(seeded, PLAN)
    carried = {(r["ref"], r["other_ref"]) for r in rows if r["kind"] == "carried_over" and r["state"] == "confirmed"}
    assert {("F03", "PNA2-M02"), ("F04", "PNA2-M04"), ("F06", "PNA2-M16")} <= carried
    same = [r for r in rows if r["kind"] == "same_action" and r["ref"] == "F07"]
    assert {r["other_plan_id"] for r in same} == {"strategy-prostitution-2024"}
    # the plan-level link and its item-level refinement are counted once
    assert len(same) == 1 and same[0]["other_ref"] == "SPS24-DGCS-AAP"


def test_links_for_measure(seeded):
    rows = ov.links_for_measure(seeded, PLAN, "F06")
    others = {(r["other_plan_id"], r["other_ref"]) for r in rows}
    assert ("pna-2019-2021", "PNA2-M16") in others
    assert ("rec-greta-3-2022", "GRETA3-MNO") in others
    assert all(r["kind_label"] and r["state_label"] for r in rows)
    # seen from the earlier plan too
    back = ov.links_for_measure(seeded, "pna-2019-2021", "PNA2-M16")
    assert [(r["other_plan_id"], r["other_ref"], r["kind"]) for r in back] == [(PLAN, "F06", "carried_over")]
    assert ov.links_for_measure(seeded, PLAN, "NOPE") == []


# --------------------------------------------------------------------------- views


def test_shared_actions_recycled_and_gaps(seeded):
    shared = ov.shared_actions(seeded, PLAN)
    assert [(r["ref"], r["other_plan_id"]) for r in shared] == [("F07", "strategy-prostitution-2024")]

    rec = {r["ref"]: r for r in ov.recycled(seeded, PLAN, as_of=dt.date(2026, 12, 1))}
    assert set(rec) == {"F03", "F04", "F06"}
    for ref, earlier in (("F03", "PNA2-M02"), ("F04", "PNA2-M04"), ("F06", "PNA2-M16")):
        assert rec[ref]["earlier"][0]["ref"] == earlier
        assert rec[ref]["first_promised"] == "2019-10-18"
        assert rec[ref]["age_years"] == pytest.approx(7.1, abs=0.05)
        assert rec[ref]["generations"] == 2
    assert rec["F03"]["earlier"][0]["rating"] == "Non réalisée"
    assert rec["F04"]["earlier"][0]["rating"] == "Non réalisée"
    assert rec["F06"]["earlier"][0]["rating"] is None  # per-measure rating unknown: stays unknown

    gaps = {g["theme"]: g for g in ov.theme_gaps(seeded, PLAN)}
    assert "protection" not in gaps and "identification" not in gaps
    assert gaps["forced_criminality"]["declared_in_plan"] is True  # announced axis, no documented measure
    assert gaps["international"]["declared_in_plan"] is False
    assert "rec-greta-3-2022" in gaps["international"]["covered_by"]
    assert gaps["other_exploitation"]["covered_by"] == ["eu-directive-2024-1712"]


def test_matrix_counts_match_the_links(seeded):
    ov.refresh_suggestions(seeded, PLAN, CLI)
    m = ov.matrix(seeded, PLAN)
    rows = _active(ov.links(seeded, PLAN))
    assert int(m.to_numpy().sum()) == len(rows)
    assert "Axe non identifié" in m.index
    assert PLAN not in m.columns and "strategy-prostitution-2024" in m.columns
    for plan_id, n in m.sum().items():
        assert n == sum(1 for r in rows if r["other_plan_id"] == plan_id), plan_id
    assert m.loc["Axe transversal : protection et accompagnement des victimes", "pna-2019-2021"] >= 1  # F06
    # rejecting one link removes it from the counts
    victim = next(r for r in rows if r["state"] == "suggested")
    ov.decide_link(seeded, victim["id"], "rejected", CLI)
    assert int(ov.matrix(seeded, PLAN).to_numpy().sum()) == len(rows) - 1


# --------------------------------------------------------------------------- suggestions and decisions


def test_suggestions_rank_documented_counterparts(seeded):
    sugg = ov.suggest(seeded, PLAN, top_k=3)
    top = {(x["from_ref"], x["to_plan_id"], x["to_ref"]) for x in sugg}
    assert ("F03", "pna-2019-2021", "PNA2-M02") in top
    assert ("F04", "pna-2019-2021", "PNA2-M04") in top
    assert ("F07", "strategy-prostitution-2024", "SPS24-DGCS-AAP") in top
    assert ("F05", "rec-greta-3-2022", "GRETA3-INDEMN") in top
    # F06 (MNIOP) has five legitimate NRM counterparts; PNA2-M16 is among its best five
    five = {(x["to_plan_id"], x["to_ref"]) for x in ov.suggest(seeded, PLAN, top_k=5) if x["from_ref"] == "F06"}
    assert ("pna-2019-2021", "PNA2-M16") in five
    assert all(0 < x["score"] <= 1 for x in sugg)


def test_true_pairs_hit_rate(sqlite_seeded, capsys):
    rows = list(csv.DictReader(PAIRS.open(encoding="utf-8")))
    assert len(rows) >= 20
    hits: dict[str, list[bool]] = {}
    misses = []
    for row in rows:
        expected = set(row["expected"].split(";"))
        exclude = tuple(x for x in row["exclude_plan"].split(";") if x)
        found = ov.rank_text(sqlite_seeded, row["query_text"], themes=row["query_themes"] or None, top_k=3,
                             exclude_plans=exclude)
        ids = [f"{r['plan_id']}:{r['ref']}" if r["ref"] else r["plan_id"] for r in found]
        ok = any(i in expected or i.split(":")[0] in expected for i in ids)
        hits.setdefault(row["origin"], []).append(ok)
        if not ok:
            misses.append(f"{row['query_text'][:50]}… → {ids}")
    total = [h for v in hits.values() for h in v]
    rate = sum(total) / len(total)
    with capsys.disabled():
        print(f"\n[overlaps] true pairs: top-3 hit rate {sum(total)}/{len(total)} = {rate:.2f} "
              + " ; ".join(f"{k}: {sum(v)}/{len(v)}" for k, v in sorted(hits.items())))
        for m in misses:
            print(f"[overlaps]   miss: {m}")
    assert rate >= 0.85
    assert sum(hits["catalogue"]) / len(hits["catalogue"]) >= 0.8


def test_refresh_is_idempotent(seeded):
    n = ov.refresh_suggestions(seeded, PLAN, CLI)
    assert n > 0
    assert ov.refresh_suggestions(seeded, PLAN, CLI) == 0
    queue = ov.review_queue(seeded, PLAN)
    assert queue and all(r["state"] == "suggested" for r in queue)
    assert queue == sorted(queue, key=lambda r: -(r["score"] or 0))


def _pair_rows(engine, a_plan, a_ref, b_plan, b_ref):
    with engine.connect() as conn:
        q = select(s.links).where(
            ((s.links.c.from_plan_id == a_plan) & (s.links.c.from_ref == a_ref)
             & (s.links.c.to_plan_id == b_plan) & (s.links.c.to_ref == b_ref))
            | ((s.links.c.from_plan_id == b_plan) & (s.links.c.from_ref == b_ref)
               & (s.links.c.to_plan_id == a_plan) & (s.links.c.to_ref == a_ref)))
        return [dict(r) for r in conn.execute(q).mappings()]


def test_decisions_survive_reseed_refresh_and_reimport(seeded):
    ov.refresh_suggestions(seeded, PLAN, CLI)
    queue = [r for r in ov.review_queue(seeded, PLAN) if r["origin"] == "suggestion"]
    keep, drop = queue[0], queue[1]
    ov.decide_link(seeded, keep["id"], "confirmed", CLI)
    ov.decide_link(seeded, drop["id"], "rejected", CLI)
    # a catalogue link rejected and a catalogue link downgraded by a person
    cat = next(r for r in ov.links(seeded, PLAN) if r["ref"] == "F03a" and r["origin"] == "catalogue")
    ov.decide_link(seeded, cat["id"], "rejected", CLI)
    sug_cat = next(r for r in ov.links(seeded, "pna-2019-2021") if r["ref"] == "PNA2-M17")
    ov.decide_link(seeded, sug_cat["id"], "confirmed", CLI)

    # re-seed, simulated re-import (the measure text changes), refresh twice
    assert changed(seed(seeded)) == 0
    with seeded.begin() as conn:
        conn.execute(s.measures.update().where((s.measures.c.plan_id == PLAN) & (s.measures.c.ref == drop["ref"]))
                     .values(title_fr=(drop["title_fr"] or "") + " (libellé importé)"))
    ov.refresh_suggestions(seeded, PLAN, CLI)
    ov.refresh_suggestions(seeded, "pna-2019-2021", CLI)
    seed(seeded)

    state = {r["id"]: r for r in ov.links(seeded, PLAN)}
    assert state[keep["id"]]["state"] == "confirmed" and state[keep["id"]]["decided_by"] == "ligne de commande"
    assert state[drop["id"]]["state"] == "rejected"
    assert state[cat["id"]]["state"] == "rejected"
    assert {r["id"]: r for r in ov.links(seeded, "pna-2019-2021")}[sug_cat["id"]]["state"] == "confirmed"
    # never resurrected under another row, never duplicated
    pair = _pair_rows(seeded, PLAN, drop["ref"], drop["other_plan_id"], drop["other_ref"])
    assert [r["state"] for r in pair] == ["rejected"]
    assert [r["state"] for r in _pair_rows(seeded, PLAN, keep["ref"], keep["other_plan_id"], keep["other_ref"])] == [
        "confirmed"]
    assert all(r["id"] != drop["id"] for r in ov.review_queue(seeded, PLAN))


def test_decide_link_errors(seeded):
    with pytest.raises(ov.OverlapError, match="introuvable"):
        ov.decide_link(seeded, 999999, "confirmed", CLI)
    link_id = ov.links(seeded, PLAN)[0]["id"]
    with pytest.raises(ov.OverlapError, match="État inconnu"):
        ov.decide_link(seeded, link_id, "maybe", CLI)
    with pytest.raises(AccessDenied, match="mot de passe éditeur"):
        ov.decide_link(seeded, link_id, "confirmed", "Juriste")  # a free-text name is not an actor
    with pytest.raises(ov.OverlapError, match="Type de lien"):
        ov.decide_link(seeded, link_id, "confirmed", CLI, kind="cousin")
    with pytest.raises(ov.OverlapError, match="Plan inconnu"):
        ov.matrix(seeded, "nope")


def test_confirm_with_a_corrected_kind(seeded):
    ov.refresh_suggestions(seeded, PLAN, CLI)
    sug = next(r for r in ov.review_queue(seeded, PLAN) if r["kind"] == "overlap")
    row = ov.decide_link(seeded, sug["id"], "confirmed", CLI, kind="complements")
    assert (row["kind"], row["state"]) == ("complements", "confirmed")
    ov.refresh_suggestions(seeded, PLAN, CLI)
    assert {r["id"]: r for r in ov.links(seeded, PLAN)}[sug["id"]]["kind"] == "complements"


def test_user_link_counts(seeded):
    before = int(ov.matrix(seeded, PLAN).to_numpy().sum())
    ov.add_link(seeded, PLAN, "G04", "plan-travail-illegal-2023-2027", "PNLTI-TEH", "complements", CLI)
    assert int(ov.matrix(seeded, PLAN).to_numpy().sum()) == before + 1
    assert ov.refresh_suggestions(seeded, PLAN, CLI) >= 0
    assert len(_pair_rows(seeded, PLAN, "G04", "plan-travail-illegal-2023-2027", "PNLTI-TEH")) == 1


# --------------------------------------------------------------------------- CLI


def test_cli_json_and_report(seeded, db_url, monkeypatch, capsys):
    from plans.__main__ import main

    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["overlaps", "--plan", PLAN, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"related_plans", "links", "shared_actions", "recycled", "theme_gaps"} <= set(data)
    assert all({"kind", "state"} <= set(x) for x in data["links"])
    assert main(["overlaps", "--plan", PLAN]) == 0
    out = capsys.readouterr().out
    assert "Mesures recyclées" in out and "Non réalisée" in out
    assert main(["overlaps", "--plan", "inconnu", "--json"]) == 2
    err = capsys.readouterr()
    assert "Plan inconnu" in err.err and "Traceback" not in err.err and err.out == ""


def test_cli_on_empty_database_is_friendly(tmp_path, monkeypatch, capsys):
    from plans.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["overlaps", "--plan", PLAN]) == 2
    err = capsys.readouterr().err
    assert "python -m plans migrate" in err and "Traceback" not in err


# --------------------------------------------------------------------------- text engine


def test_french_normalisation():
    assert fold("Œuvre ÉDUCATIVE à l'école") == "oeuvre educative a l'ecole"
    assert tokens("Créer un site internet dédié à la traite des êtres humains") == ["creer", "site", "internet", "dedi"]
    # the same words with and without accents and in plural score as identical
    sc = combined_scores(["Former les professionnels"], ["formation des professionnels", "Journée nationale"])
    assert sc[0, 0] > 0.3 and sc[0, 1] == 0
    assert top_k(sc, 1)[0][0][0] == 0
    assert combined_scores([], ["x"]).shape == (0, 1)


def test_refresh_removes_stale_undecided_suggestions_only(seeded):
    ov.refresh_suggestions(seeded, PLAN, CLI)
    mine = [r for r in ov.review_queue(seeded, PLAN) if r["origin"] == "suggestion" and r["ref"] == "G04"]
    assert mine
    decided = mine[0]
    ov.decide_link(seeded, decided["id"], "confirmed", CLI)
    # the measure text changes (as after an import): its old undecided suggestions go, the decided one stays
    with seeded.begin() as conn:
        conn.execute(s.measures.update().where((s.measures.c.plan_id == PLAN) & (s.measures.c.ref == "G04"))
                     .values(title_fr="Journée européenne du 18 octobre", themes="awareness"))
    assert ov.refresh_suggestions(seeded, PLAN, CLI) > 0
    now = {r["id"]: r for r in ov.links(seeded, PLAN) if r["ref"] == "G04"}
    assert now[decided["id"]]["state"] == "confirmed"
    assert all(m["id"] not in now for m in mine[1:])
    assert any(r["other_ref"] == "PNA2-M04" for r in now.values())


def test_english_labels(seeded):
    data = ov.overview(seeded, PLAN, lang="en")
    kinds = {x["kind_label"] for x in data["links"]}
    assert "Carried over" in kinds and "Same action" in kinds
