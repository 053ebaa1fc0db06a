"""The roll-ups per axis or lead body (``plans.rules.progress_by``) as the app and the chart pack show them.

The rule gives the measures with no axis / lead body as a group whose name is missing; here it is
named (« Axe non renseigné »), and each group gets its coverage note (« 3 mesure(s)
documentée(s), dont 1 sans évaluation »).
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t

NO_GROUP = {"axis": "ov.no_axis", "lead_body": "ov.no_lead"}


def coverage(documented: int, unknown: int, lang: str = "fr") -> str:
    """« 0 documentée », « 3 documentées, dont 1 sans évaluation »."""
    n = int(documented or 0)
    note = t("ov.coverage_note.one" if n <= 1 else "ov.coverage_note.many", lang, documented=n)
    return note + (t("ov.coverage_unknown", lang, unknown=int(unknown)) if unknown else "")


def shown(rollup: pd.DataFrame, by: str, lang: str = "fr") -> pd.DataFrame:
    """``rollup`` with its unnamed group named in ``lang`` (« Axe non renseigné », always last, as the rule
    gives it) and a ``coverage_note`` column (last); by axis, every axis of the plan, « 0 documentée » ones
    included."""
    if rollup.empty:
        return rollup.assign(coverage_note=pd.Series(dtype=object))
    out = rollup.reset_index(drop=True)
    notes = [coverage(n, u, lang) for n, u in zip(out["documented"], out["unknown"], strict=True)]
    return out.assign(group=out["group"].fillna(t(NO_GROUP[by], lang)), coverage_note=notes)
