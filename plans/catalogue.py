"""Read the plan catalogue (TOML definitions + CSV lists under plans/catalogue/).

``load_catalogue()`` reads and validates everything and raises :class:`CatalogueError`
listing every problem at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from plans.i18n import text
from plans.vocab import COUNTED_KINDS, LINK_KINDS, LINK_STATES, STATUS_CODES, VOICES

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"


class CatalogueError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(text("catalogue.invalid") + "\n- " + "\n- ".join(problems))


@dataclass
class PlanDef:
    id: str
    meta: dict
    axes: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    assessments: list[dict] = field(default_factory=list)
    announcements: list[dict] = field(default_factory=list)

    @property
    def period_start(self) -> dt.date | None:
        return self.meta.get("period_start")

    @property
    def period_end(self) -> dt.date | None:
        return self.meta.get("period_end")


@dataclass
class Catalogue:
    plans: dict[str, PlanDef]
    related: list[dict]
    links: list[dict]
    events: list[dict]


def read_csv(path: Path) -> list[dict]:
    """Rows of a UTF-8 CSV list as dicts of stripped strings (missing file → no rows)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def load_plan_dir(folder: Path) -> PlanDef:
    with (folder / "plan.toml").open("rb") as f:
        meta = tomllib.load(f)
    return PlanDef(
        id=meta["id"],
        meta=meta,
        axes=read_csv(folder / "axes.csv"),
        measures=read_csv(folder / "measures.csv"),
        assessments=read_csv(folder / "assessments.csv"),
        announcements=read_csv(folder / "announcements.csv"),
    )


def _fact_problems(where: str, rows: list[dict]) -> list[str]:
    """Every sourced row names its source (unless it is a placeholder with no title) and its confidence."""
    problems: list[str] = []
    for i, row in enumerate(rows, start=2):
        placeholder = not row.get("title_fr", "x")  # existence known from the declared count only
        if not row.get("source_url") and not placeholder:
            problems.append(f"{where}, ligne {i} : source_url manquante")
        if not row.get("confidence"):
            problems.append(f"{where}, ligne {i} : confidence manquante")
    return problems


def _meta_problems(pid: str, plan: PlanDef) -> list[str]:
    return [f"{pid}/plan.toml : {key} manquant" for key in ("title_fr", "source_url", "confidence")
            if not plan.meta.get(key)]


def _duplicate_problems(pid: str, plan: PlanDef) -> list[str]:
    refs = [m["ref"] for m in plan.measures]
    dupes = sorted({r for r in refs if refs.count(r) > 1})
    return [f"{pid}/measures.csv : références en double {dupes}"] if dupes else []


def _declared_problems(pid: str, plan: PlanDef) -> list[str]:
    """No more documented measures than the plan declares."""
    counted = [m for m in plan.measures if m.get("kind") in COUNTED_KINDS and m.get("title_fr")]
    declared = plan.meta.get("measures_declared")
    if declared is not None and len(counted) > declared:
        return [f"{pid} : {len(counted)} mesures documentées > {declared} déclarées"]
    return []


def _axis_problems(pid: str, plan: PlanDef) -> list[str]:
    axis_refs = {a["ref"] for a in plan.axes}
    return [f"{pid}/measures.csv : {m['ref']} renvoie à un axe inconnu {m['axis_ref']}"
            for m in plan.measures if m.get("axis_ref") and m["axis_ref"] not in axis_refs]


def _assessment_problems(pid: str, plan: PlanDef) -> list[str]:
    """Per row: known measure, status, voice and date precision."""
    refs = [m["ref"] for m in plan.measures]
    problems: list[str] = []
    for a in plan.assessments:
        if a["ref"] not in refs:
            problems.append(f"{pid}/assessments.csv : mesure inconnue {a['ref']}")
        if a["status"] not in STATUS_CODES:
            problems.append(f"{pid}/assessments.csv : statut inconnu {a['status']}")
        if a["voice"] not in VOICES:
            problems.append(f"{pid}/assessments.csv : voix inconnue {a['voice']}")
        if a.get("as_of_precision") not in (None, "", "month", "year"):
            problems.append(f"{pid}/assessments.csv : précision de date inconnue {a['as_of_precision']}")
    return problems


def _announcement_problems(pid: str, plan: PlanDef) -> list[str]:
    refs = [m["ref"] for m in plan.measures]
    return [f"{pid}/announcements.csv : mesure inconnue {a['measure_ref']}"
            for a in plan.announcements if a.get("measure_ref") and a["measure_ref"] not in refs]


def _plan_fact_problems(pid: str, plan: PlanDef) -> list[str]:
    return [problem for name, rows in (("axes", plan.axes), ("measures", plan.measures),
                                       ("assessments", plan.assessments), ("announcements", plan.announcements))
            for problem in _fact_problems(f"{pid}/{name}.csv", rows)]


_PLAN_CHECKS = (_meta_problems, _duplicate_problems, _declared_problems, _axis_problems, _assessment_problems,
                _announcement_problems, _plan_fact_problems)


def _link_problems(cat: Catalogue) -> list[str]:
    """Per row of links.csv: both plans known (tracked or related), known kind and state."""
    known = set(cat.plans) | {r["id"] for r in cat.related}
    problems: list[str] = []
    for i, link in enumerate(cat.links, start=2):
        for side in ("from_plan_id", "to_plan_id"):
            if link[side] not in known:
                problems.append(text("catalogue.unknown_plan", file="links.csv", line=i, plan=link[side]))
        if link["kind"] not in LINK_KINDS:
            problems.append(f"links.csv, ligne {i} : type de lien inconnu {link['kind']}")
        if link["state"] not in LINK_STATES:
            problems.append(f"links.csv, ligne {i} : état inconnu {link['state']}")
    return problems


def validate(cat: Catalogue) -> list[str]:
    """Every problem of the catalogue: plan by plan (``_PLAN_CHECKS`` in order), then the shared lists."""
    problems = [problem for pid, plan in cat.plans.items() for check in _PLAN_CHECKS for problem in check(pid, plan)]
    problems += _fact_problems("related.csv", cat.related)
    problems += _fact_problems("links.csv", cat.links)
    problems += _fact_problems("events.csv", cat.events)
    return problems + _link_problems(cat)


def load_catalogue(folder: Path = CATALOGUE_DIR) -> Catalogue:
    plans = {}
    for sub in sorted(p for p in folder.iterdir() if (p / "plan.toml").exists()):
        plan = load_plan_dir(sub)
        plans[plan.id] = plan
    cat = Catalogue(
        plans=plans,
        related=read_csv(folder / "related.csv"),
        links=read_csv(folder / "links.csv"),
        events=read_csv(folder / "events.csv"),
    )
    problems = validate(cat)
    if problems:
        raise CatalogueError(problems)
    return cat
