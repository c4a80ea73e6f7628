"""CK094: a plan published online later than the legal time limit (analysis.compliance)."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis.compliance import LIMIT_WORKING_DAYS
from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, make
from ..content.corpus import Corpus


def rule_late_disclosure(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    comp = derived.compliance
    for rec in c.plans:
        info = comp.get(rec.key)
        if info and info.late:
            yield make(
                "CK094",
                rec.path,
                *rec.src.pos(("issued",)),
                days=info.working_days,
                issued=info.issued,
                published=info.first_published,
                limit=LIMIT_WORKING_DAYS,
            )
