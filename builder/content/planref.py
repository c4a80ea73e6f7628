"""How other files name a plan and its tasks: a progress report's `reports_on` and `results`
(builder.analysis.progress), and what `congkhai import` drafts for a report."""

from __future__ import annotations

from collections import defaultdict

from .corpus import Corpus, PlanRecord
from .keys import canonical_number


def task_id(value: str) -> str:
    """A task id as compared: "3", "3." and " 3 " are one task; "II.1" stays itself."""
    return value.strip().rstrip(".").strip()


class PlanFinder:
    """The plan a report's `reports_on` names: its key, its number (when unique), a number it is
    cited by (`cited_as`), or its file ("ke-hoach/2025/abc", with or without content/ and .md)."""

    def __init__(self, corpus: Corpus) -> None:
        plans = [r for r in corpus.plans if r.plan is not None and r.key]
        self.by_key: dict[str, PlanRecord] = {r.key: r for r in plans}
        for k, r in corpus.by_key().items():
            if isinstance(r, PlanRecord) and r.plan is not None:
                self.by_key.setdefault(k, r)
        numbers: dict[str, list[PlanRecord]] = defaultdict(list)
        for r in plans:
            for n in [r.plan.number, *(c.number for c in r.plan.cited_as)]:
                if n:
                    numbers[canonical_number(n)].append(r)
        self.by_number = {n: rs[0] for n, rs in numbers.items() if len({id(x) for x in rs}) == 1}
        self.by_path = {r.url.rstrip("/"): r for r in plans}

    def find(self, ref: str) -> PlanRecord | None:
        ref = ref.strip()
        if ref in self.by_key:
            return self.by_key[ref]
        path = ref.removeprefix("/").removeprefix("content/").removesuffix(".md").rstrip("/")
        if path in self.by_path:
            return self.by_path[path]
        return self.by_number.get(canonical_number(ref.split("@")[0]))

    def keys(self) -> list[str]:
        return sorted(self.by_key)
