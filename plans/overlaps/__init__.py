"""Overlaps: this plan against related national strategies, earlier plans and international
recommendations.

- :mod:`plans.overlaps.snapshot` — the store loaded once per call (:class:`Snapshot`), ``OverlapError``;
- :mod:`plans.overlaps.views` — the read views (links, matrix, shared actions, recycled measures,
  theme gaps, related plans, review queue, ``overview``);
- :mod:`plans.overlaps.suggest` — the suggestion engine (``suggest``, ``rank_text``);
- :mod:`plans.overlaps.writes` — the only writes (``refresh_suggestions``, ``decide_link``, ``add_link``);
- :mod:`plans.overlaps.catalogue` — the overlap catalogue and its seeding; ``labels``/``text`` —
  labels and the French text similarity; ``cli`` — ``python -m plans overlaps``.

« Carried over from an earlier plan » is :mod:`plans.lineage`.
"""

from plans.overlaps.cli import overlaps_cmd
from plans.overlaps.snapshot import OverlapError
from plans.overlaps.suggest import MIN_SCORE, rank_text, suggest
from plans.overlaps.views import (
    links,
    links_for_measure,
    matrix,
    overview,
    recycled,
    related_plans,
    review_queue,
    shared_actions,
    theme_gaps,
)
from plans.overlaps.writes import add_link, decide_link, refresh_suggestions

__all__ = [
    "MIN_SCORE", "OverlapError", "add_link", "decide_link", "links", "links_for_measure", "matrix", "overlaps_cmd",
    "overview", "rank_text", "recycled", "refresh_suggestions", "related_plans", "review_queue", "shared_actions",
    "suggest", "theme_gaps",
]
