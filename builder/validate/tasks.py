"""Validator rules over the tasks' derived facts (analysis.deadlines): CK090 a due phrase not
understood, CK026 a due date outside 1945–2100, CK093 a progress update dated after "today"."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis.deadlines import YEARS
from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, make
from ..content.corpus import Corpus


def rule_unparsed_due(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    dues = derived.dues
    for rec in c.plans:
        if rec.plan is None:
            continue
        for i, (t, d) in enumerate(zip(rec.plan.tasks, dues.get(rec.key, []), strict=False)):
            if t.due and not d.ok:
                yield make("CK090", rec.path, *rec.src.pos(("tasks", i, "due")), due=t.due, task=t.id)
            elif bad := next(
                (x for x in (d.start, d.end, *d.dates) if x and not YEARS[0] <= x.year <= YEARS[1]), None
            ):
                yield make(
                    "CK026",
                    rec.path,
                    *rec.src.pos(("tasks", i, "due")),
                    value=bad.strftime("%d/%m/%Y"),
                    key=f"tasks[{i + 1}].due",
                    low=YEARS[0],
                    high=YEARS[1],
                )


def rule_future_updates(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    ref = derived.git.reference
    if ref is None:
        return
    for rec in c.plans:
        if rec.plan is None:
            continue
        for i, t in enumerate(rec.plan.tasks):
            for j, u in enumerate(t.updates):
                if u.date > ref:
                    yield make(
                        "CK093",
                        rec.path,
                        *rec.src.pos(("tasks", i, "updates", j, "date")),
                        date=u.date.isoformat(),
                        task=t.id,
                    )
