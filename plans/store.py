"""Read access to the store shared by the CLI, the loaders and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, case, desc, func, select
from sqlalchemy.engine import RowMapping

from plans import schema as s
from plans.vocab import COUNTED_KINDS


def documented_clause():
    """A measure counts as documented when its kind counts toward the declared total (not a
    related action) and its title is known — the same test as the catalogue's validation."""
    return and_(s.measures.c.kind.in_(COUNTED_KINDS), s.measures.c.title_fr.is_not(None))


def latest_assessments(conn: Connection, measure_ids: list[int]) -> dict[int, dict]:
    """Latest assessment of each given measure (any voice, all dates) — e.g. the CNCDH rating of an earlier
    plan's measure: measure_id, as_of, status, status_as_reported, voice, source_url."""
    if not measure_ids:
        return {}
    A = s.assessments
    q = (select(A.c.measure_id, A.c.as_of, A.c.status, A.c.status_as_reported, A.c.voice, A.c.source_url)
         .where(A.c.measure_id.in_(measure_ids)).order_by(A.c.measure_id, A.c.as_of, A.c.id))
    return {r["measure_id"]: dict(r) for r in conn.execute(q).mappings()}  # last one wins (most recent as_of)


def list_plans(engine: Engine, *, tracked_only: bool = False) -> list[dict]:
    """One dict per plan: id, title_fr, kind, tracked, measures_declared, measures_documented, measures_known."""
    documented = func.sum(case((documented_clause(), 1), else_=0))
    known = func.count(s.measures.c.id)
    q = (
        select(s.plans.c.id, s.plans.c.title_fr, s.plans.c.short_title, s.plans.c.kind, s.plans.c.tracked,
               s.plans.c.measures_declared, s.plans.c.period_start, s.plans.c.period_end,
               func.coalesce(documented, 0).label("measures_documented"), known.label("measures_known"))
        .select_from(s.plans.outerjoin(s.measures, s.measures.c.plan_id == s.plans.c.id))
        .group_by(s.plans.c.id)
        .order_by(s.plans.c.tracked.desc(), s.plans.c.id.desc())
    )
    if tracked_only:
        q = q.where(s.plans.c.tracked.is_(True))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def plan_axis_labels(engine: Engine, plan_id: str) -> list[str]:
    """The French labels of the plan's known axes, in the catalogue's order."""
    with engine.connect() as conn:
        return list(conn.execute(select(s.axes.c.label_fr).where(s.axes.c.plan_id == plan_id)
                                 .order_by(s.axes.c.id)).scalars())


def get_plan(engine: Engine, plan_id: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
        return dict(row) if row else None


IMPORT_RUN_COLUMNS = ("id", "file_name", "as_of", "started_at", "outcome", "imported_by", "issues_count", "errors_count",
                      "counts")
IMPORT_ISSUE_COLUMNS = ("severity", "sheet", "row", "column", "value", "code", "message", "hint")


def import_runs(engine: Engine, plan_id: str, limit: int = 200) -> list[dict]:
    """The plan's import history, newest first (dry runs left out)."""
    r = s.import_runs.c
    q = (select(*(r[c] for c in IMPORT_RUN_COLUMNS)).where(r.plan_id == plan_id, r.outcome != "dry_run")
         .order_by(desc(r.started_at)).limit(limit))
    with engine.connect() as conn:
        return [dict(x) for x in conn.execute(q).mappings()]


def import_issues(engine: Engine, run_id: int) -> list[dict]:
    """The issues recorded for one import run, in the order they were reported."""
    i = s.import_issues.c
    q = select(*(i[c] for c in IMPORT_ISSUE_COLUMNS)).where(i.import_run_id == run_id).order_by(i.id)
    with engine.connect() as conn:
        return [dict(x) for x in conn.execute(q).mappings()]


def cited_sources(engine: Engine, plan_id: str) -> list[tuple[str, int]]:
    """Each source URL cited by the plan's measures and assessments, with how many facts cite it
    (most cited first). A cell may hold several URLs separated by ``;``."""
    m, a = s.measures.c, s.assessments.c
    by_measure = select(m.source_url, func.count()).where(m.plan_id == plan_id).group_by(m.source_url)
    by_assessment = (select(a.source_url, func.count())
                     .select_from(s.assessments.join(s.measures, s.measures.c.id == a.measure_id))
                     .where(m.plan_id == plan_id).group_by(a.source_url))
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for q in (by_measure, by_assessment):
            for cell, n in conn.execute(q):
                for url in str(cell or "").split(";"):
                    if url.strip():
                        counts[url.strip()] = counts.get(url.strip(), 0) + n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def plan_state(engine: Engine, plan_id: str) -> dict | None:
    """What an import's validation needs: period, settings, remembered column mappings, the import profile in
    force (``plans.profiles``), title and the deadline stored for each measure ref (None if no plan)."""
    with engine.connect() as conn:
        plan = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
        if plan is None:
            return None
        maps = conn.execute(select(s.column_mappings.c.header, s.column_mappings.c.field)
                            .where(s.column_mappings.c.plan_id == plan_id)).all()
        deadlines = conn.execute(select(s.measures.c.ref, s.measures.c.deadline_text)
                                 .where(s.measures.c.plan_id == plan_id)).all()
        p = s.import_profiles.c
        profile = conn.execute(select(p.profile).where(p.plan_id == plan_id).order_by(p.id.desc()).limit(1)).scalar()
    return {"period": (plan["period_start"], plan["period_end"]), "settings": plan["settings"] or {},
            "mappings": dict(maps), "title_fr": plan["title_fr"], "deadlines": dict(deadlines),
            "profile": profile}


def imported(conn: Connection, plan_id: str, file_hash: str) -> bool:
    """Whether a file with this hash was already imported into the plan (dry runs and refusals aside)."""
    r = s.import_runs.c
    q = select(r.id).where(r.plan_id == plan_id, r.file_hash == file_hash, r.outcome == "imported").limit(1)
    return conn.execute(q).first() is not None


def already_imported(engine: Engine, plan_id: str, file_hash: str) -> bool:
    """:func:`imported`, on a connection of its own (the loaders' early check, before the file is read)."""
    with engine.connect() as conn:
        return imported(conn, plan_id, file_hash)


@dataclass
class PlanContents:
    """A plan's row, its measures (in id order), the latest (status, voice) of each measure id and its
    announcements (by event, in order): what the coordinators' workbook is prefilled with."""

    plan: RowMapping
    measures: list[RowMapping]
    latest: dict[int, tuple[str, str | None]]
    announcements: list[RowMapping]


def plan_contents(engine: Engine, plan_id: str) -> PlanContents:
    """The plan's contents (:class:`PlanContents`); LookupError when there is no such plan."""
    m, a = s.measures, s.assessments
    with engine.connect() as conn:
        plan = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
        if plan is None:
            raise LookupError(plan_id)
        measures = conn.execute(select(m).where(m.c.plan_id == plan_id).order_by(m.c.id)).mappings().all()
        latest = {}
        for row in conn.execute(select(a.c.measure_id, a.c.status, a.c.voice).join(m, m.c.id == a.c.measure_id)
                                .where(m.c.plan_id == plan_id).order_by(a.c.as_of, a.c.id)):
            latest[row.measure_id] = (row.status, row.voice)
        anns = conn.execute(select(s.announcements).where(s.announcements.c.plan_id == plan_id)
                            .order_by(s.announcements.c.event_key, s.announcements.c.seq)).mappings().all()
    return PlanContents(plan, list(measures), latest, list(anns))
