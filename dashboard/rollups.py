"""The roll-ups per axis or lead body (``plans.rules.progress_by``) as the app and the chart pack show them.

The rule gives the measures with no axis / lead body as a group whose name is missing; here it is
named (« Axe non renseigné »), and each group gets its coverage note (« 3 mesure(s)
documentée(s), dont 1 sans évaluation »).
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t

NO_GROUP = {"axis": "ov.no_axis", "lead_body": "ov.no_lead"}


def shown(rollup: pd.DataFrame, by: str, lang: str = "fr") -> pd.DataFrame:
    """``rollup`` with its unnamed group named in ``lang`` and a ``coverage_note`` column (last). The groups
    keep the order of their French names, the unnamed one included, in every language."""
    if rollup.empty:
        return rollup.assign(coverage_note=pd.Series(dtype=object))
    order = rollup["group"].fillna(t(NO_GROUP[by], "fr")).sort_values(kind="stable").index
    out = rollup.loc[order].reset_index(drop=True)
    notes = [t("ov.coverage_note", lang, documented=n) + (t("ov.coverage_unknown", lang, unknown=u) if u else "")
             for n, u in zip(out["documented"], out["unknown"], strict=True)]
    return out.assign(group=out["group"].fillna(t(NO_GROUP[by], lang)), coverage_note=notes)
