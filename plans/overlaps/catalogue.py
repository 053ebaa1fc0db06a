"""Overlap catalogue: themes of measures, known items of related plans, extra sourced links.

Files (``plans/catalogue/``):

- ``themes.csv`` — ``plan_id, ref, themes`` (``;``-separated codes of ``plans.vocab.THEMES``) for
  measures of the tracked plans. Seeding fills ``measures.themes`` only where it is still empty,
  so a theme set by an import or by hand is never overwritten.
- ``related_items.csv`` — what is known of the actions, orientations, legal provisions,
  recommendations and findings of related plans and recommendation sets. Stored as rows of
  ``measures`` under the related plan (kind ``action|orientation|provision|recommendation|
  finding|pledge`` — never counted as measures of a plan). An empty title means the item is
  known to exist but its wording was not found.
- ``overlap_links.csv`` — links stated or inferred by the domain sources (same columns as
  ``links.csv``), seeded with the same protection: a decided link is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from plans import schema as s
from plans.catalogue import CATALOGUE_DIR, CatalogueError
from plans.catalogue import read_csv as _csv
from plans.i18n import text
from plans.upsert import Upserter, seed_links
from plans.upsert import none as _none
from plans.vocab import LINK_KINDS, LINK_STATES, THEMES

ITEM_KINDS = ("action", "orientation", "provision", "recommendation", "finding", "pledge")


@dataclass
class OverlapCatalogue:
    themes: list[dict]
    items: list[dict]
    links: list[dict]


def split_themes(value: str | None) -> list[str]:
    return [t.strip() for t in (value or "").split(";") if t.strip()]


def _row_problems(cat: OverlapCatalogue) -> list[str]:
    """Per row of every file: source, confidence and known theme codes."""
    problems: list[str] = []
    for name, rows in (("themes.csv", cat.themes), ("related_items.csv", cat.items),
                       ("overlap_links.csv", cat.links)):
        for i, row in enumerate(rows, start=2):
            if not row.get("source_url"):
                problems.append(f"{name}, ligne {i} : source_url manquante")
            if not row.get("confidence"):
                problems.append(f"{name}, ligne {i} : confidence manquante")
            problems += [f"{name}, ligne {i} : thème inconnu {t}" for t in split_themes(row.get("themes"))
                         if t not in THEMES]
    return problems


def _item_problems(cat: OverlapCatalogue, known_plans: set[str] | None) -> list[str]:
    """Per row of related_items.csv: no duplicate (plan, ref), known kind, known plan."""
    problems: list[str] = []
    seen = set()
    for i, row in enumerate(cat.items, start=2):
        key = (row["plan_id"], row["ref"])
        if key in seen:
            problems.append(f"related_items.csv, ligne {i} : référence en double {row['ref']}")
        seen.add(key)
        if row["kind"] not in ITEM_KINDS:
            problems.append(f"related_items.csv, ligne {i} : type inconnu {row['kind']}")
        if known_plans is not None and row["plan_id"] not in known_plans:
            problems.append(text("catalogue.unknown_plan", file="related_items.csv", line=i, plan=row["plan_id"]))
    return problems


def _link_end_problems(i: int, pid: str, ref: str, known_plans: set[str] | None,
                       known: set[tuple[str, str]] | None) -> list[str]:
    """One end of a link: its plan is known, and its item (if named) is a known measure or related item."""
    problems: list[str] = []
    if known_plans is not None and pid not in known_plans:
        problems.append(text("catalogue.unknown_plan", file="overlap_links.csv", line=i, plan=pid))
    if ref and known is not None and (pid, ref) not in known:
        problems.append(f"overlap_links.csv, ligne {i} : élément inconnu {pid}/{ref}")
    return problems


def _link_problems(cat: OverlapCatalogue, known_plans: set[str] | None,
                   known_measures: set[tuple[str, str]] | None) -> list[str]:
    """Per row of overlap_links.csv: known kind and state, then both ends."""
    known = None if known_measures is None else known_measures | {(r["plan_id"], r["ref"]) for r in cat.items}
    problems: list[str] = []
    for i, row in enumerate(cat.links, start=2):
        if row["kind"] not in LINK_KINDS:
            problems.append(f"overlap_links.csv, ligne {i} : type de lien inconnu {row['kind']}")
        if row["state"] not in LINK_STATES:
            problems.append(f"overlap_links.csv, ligne {i} : état inconnu {row['state']}")
        for side in ("from", "to"):
            problems += _link_end_problems(i, row[f"{side}_plan_id"], row[f"{side}_ref"], known_plans, known)
    return problems


def _theme_problems(cat: OverlapCatalogue, known_measures: set[tuple[str, str]] | None) -> list[str]:
    """Rows of themes.csv name known measures."""
    if known_measures is None:
        return []
    return [f"themes.csv, ligne {i} : mesure inconnue {row['plan_id']}/{row['ref']}"
            for i, row in enumerate(cat.themes, start=2) if (row["plan_id"], row["ref"]) not in known_measures]


def validate(cat: OverlapCatalogue, known_plans: set[str] | None = None,
             known_measures: set[tuple[str, str]] | None = None) -> list[str]:
    """Every problem: rows of every file, related items, links, then themes (when the known sets are given)."""
    return (_row_problems(cat) + _item_problems(cat, known_plans) + _link_problems(cat, known_plans, known_measures)
            + _theme_problems(cat, known_measures))


def load_overlap_catalogue(folder: Path = CATALOGUE_DIR, *, check: bool = True, known_plans: set[str] | None = None,
                           known_measures: set[tuple[str, str]] | None = None) -> OverlapCatalogue:
    cat = OverlapCatalogue(themes=_csv(folder / "themes.csv"), items=_csv(folder / "related_items.csv"),
                           links=_csv(folder / "overlap_links.csv"))
    if check:
        problems = validate(cat, known_plans, known_measures)
        if problems:
            raise CatalogueError(problems)
    return cat


def seed_overlaps(up: Upserter, cat: OverlapCatalogue | None = None, alias_map: dict[str, str] | None = None) -> None:
    """Seed the overlap catalogue through ``plans.seed``'s upserter (same transaction).

    Idempotent: a second run changes nothing. Never overwrites imported rows, themes already set,
    or links decided by a person.
    """
    conn = up.conn
    alias_map = alias_map or {}
    known_plans = set(conn.execute(select(s.plans.c.id)).scalars())
    known_measures = {(r.plan_id, r.ref) for r in conn.execute(select(s.measures.c.plan_id, s.measures.c.ref))}
    cat = cat or load_overlap_catalogue(known_plans=known_plans, known_measures=known_measures)

    for it in cat.items:
        up.upsert(s.measures, {"plan_id": it["plan_id"], "ref": it["ref"]}, {
            "kind": it["kind"], "title_fr": _none(it["title_fr"]), "title_en": _none(it["title_en"]),
            "evidence_summary": _none(it["note"]), "origin": "catalogue",
            "source_url": it["source_url"], "confidence": it["confidence"],
        }, protect=lambda row: row["origin"] != "catalogue")

    rows = cat.themes + [{"plan_id": it["plan_id"], "ref": it["ref"], "themes": it["themes"]} for it in cat.items]
    for r in rows:
        if not r["themes"]:
            continue
        cond = (s.measures.c.plan_id == r["plan_id"]) & (s.measures.c.ref == r["ref"])
        current = conn.execute(select(s.measures.c.themes).where(cond)).scalar_one_or_none()
        if current:  # already set (catalogue, import or by hand): keep it
            up.counts["measures.themes.kept"] += 1
            continue
        conn.execute(s.measures.update().where(cond).values(themes=r["themes"]))
        up.counts["measures.updated"] += 1

    seed_links(up, cat.links, alias_map)
