"""Overlaps: this plan against related national strategies, earlier plans and international
recommendations (issue 6). Public API re-exported here; see :mod:`plans.overlaps.core`."""

from plans.overlaps.cli import overlaps_cmd
from plans.overlaps.core import (
    MIN_SCORE,
    OverlapError,
    add_link,
    decide_link,
    links,
    links_for_measure,
    matrix,
    overview,
    rank_text,
    recycled,
    refresh_suggestions,
    related_plans,
    review_queue,
    shared_actions,
    suggest,
    theme_gaps,
)

__all__ = [
    "MIN_SCORE", "OverlapError", "add_link", "decide_link", "links", "links_for_measure", "matrix", "overlaps_cmd",
    "overview", "rank_text", "recycled", "refresh_suggestions", "related_plans", "review_queue", "shared_actions",
    "suggest", "theme_gaps",
]
