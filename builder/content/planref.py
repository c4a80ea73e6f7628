"""How other files name a plan and its tasks: a progress report's `reports_on` and `results`
(builder.analysis.progress), and what `congkhai import` drafts for a report."""

from __future__ import annotations

from .corpus import PlanFinder as PlanFinder  # lives with the corpus: its loader uses it too


def task_id(value: str) -> str:
    """A task id as compared: "3", "3." and " 3 " are one task; "II.1" stays itself."""
    return value.strip().rstrip(".").strip()
