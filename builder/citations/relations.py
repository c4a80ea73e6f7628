"""relations: a graph over documents — cites, căn cứ, thực hiện — and its reverse, cited-by.

Nodes are record keys (PlanRecord.key, DocumentRecord.key). Edges go from a plan to what it cites:
`cites` for any mention, `can-cu` / `thuc-hien` for the preamble (front-matter `basis`, plus the
paragraphs that begin "Căn cứ" / "Thực hiện"). The cascade "city plan → ward plan → agency plan"
is `cascade_down(city_plan)`; the way up is `cascade_up(agency_plan)`. Adjacency lists make every
query linear in what it returns (no O(n²) scans).
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

BASIS = ("can-cu", "thuc-hien")


class Relations:
    def __init__(self) -> None:
        self._out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def add(self, src: str, dst: str, relation: str) -> None:
        if not src or not dst or src == dst:
            return
        self._out[src][dst].add(relation)
        self._in[dst][src].add(relation)

    # -- queries -----------------------------------------------------------------------------

    def cites(self, key: str) -> list[str]:
        """Every document `key` mentions (any relation), sorted."""
        return sorted(self._out.get(key, {}))

    def cited_by(self, key: str) -> list[tuple[str, str]]:
        """(plan key, relation) for every plan that mentions `key`; the strongest relation first."""
        out: list[tuple[str, str]] = []
        for src, rels in sorted(self._in.get(key, {}).items()):
            out.extend((src, r) for r in _ordered(rels))
        return out

    def basis(self, key: str) -> list[tuple[str, str]]:
        """(document key, relation) of the preamble of plan `key`."""
        return [
            (dst, r)
            for dst, rels in sorted(self._out.get(key, {}).items())
            for r in _ordered(rels)
            if r in BASIS
        ]

    def cascade_up(self, key: str) -> list[str]:
        """What `key` implements, transitively (nearest first): agency plan → ward plan → city plan."""
        return self._walk(key, self._out)

    def cascade_down(self, key: str) -> list[str]:
        """Plans implementing `key`, transitively (nearest first): city plan → ward plans → agency plans."""
        return self._walk(key, self._in)

    def _walk(self, key: str, adj: dict[str, dict[str, set[str]]]) -> list[str]:
        seen, order, queue = {key}, [], deque([key])
        while queue:
            k = queue.popleft()
            for nxt, rels in sorted(adj.get(k, {}).items()):
                if nxt not in seen and rels & set(BASIS):
                    seen.add(nxt)
                    order.append(nxt)
                    queue.append(nxt)
        return order

    def edges(self) -> list[dict[str, str]]:
        return [
            {"from": s, "to": d, "relation": r}
            for s, dsts in sorted(self._out.items())
            for d, rels in sorted(dsts.items())
            for r in _ordered(rels)
        ]

    def as_dict(self) -> dict[str, Any]:
        """For the JSON exports: every edge, and per node what it cites and who cites it."""
        nodes = sorted(set(self._out) | set(self._in))
        return {
            "edges": self.edges(),
            "nodes": {
                k: {
                    "cites": self.cites(k),
                    "cited_by": [{"plan": p, "relation": r} for p, r in self.cited_by(k)],
                    "basis": [{"ref": d, "relation": r} for d, r in self.basis(k)],
                }
                for k in nodes
            },
        }


def _ordered(rels: set[str]) -> list[str]:
    rank = {"thuc-hien": 0, "can-cu": 1, "cites": 2}
    return sorted(rels, key=lambda r: (rank.get(r, 9), r))
