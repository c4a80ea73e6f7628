"""The plan page's notices about the documents it cites, judged in time (builder.analysis.legal):
its legal basis repealed at issue, repealed or amended since (warnings, as the validator's
CK082–CK084), amended before issue or about to change (information), and the other documents it
mentions that have changed since (information)."""

from __future__ import annotations

from typing import Any, Protocol

from ..analysis.state import Derived, LegalNotice
from ..base.vietnamese import format_date_vi, legal_change_parts, legal_when_vi
from ..content.corpus import Citable, PlanRecord


class Refs(Protocol):
    """What the notices need of the page generators' lookups (builder.site.pages.Site)."""

    by_key: dict[str, Citable]

    def ref(self, r: Citable, **extra: Any) -> dict[str, Any]: ...


def _notice(site: Refs, n: LegalNotice, issued_how: str) -> dict[str, Any]:
    target, actor = site.by_key.get(n.ref), site.by_key.get(n.by or "")
    head, tail = legal_change_parts(
        n.change,
        actor is not None,
        n.effective,
        upcoming=n.timing == "sap",
        status=n.status,
        as_of=n.status_as_of,
    )
    return {
        "when": legal_when_vi(n.timing, issued_how),
        "ref": site.ref(target) if target is not None else {"label": n.ref},
        "head": head,
        "by": site.ref(actor) if actor is not None else None,
        "tail": tail,
        "timing": n.timing,
    }


def plan_notices(site: Refs, derived: Derived, rec: PlanRecord) -> dict[str, Any]:
    """page.meta.legal of a plan page (overrides/partials/ck/legal.html)."""
    issued = derived.legal.issue_dates.get(rec.key)
    notices = derived.legal_notices.get(rec.key, [])
    if issued is None or not notices:
        return {}
    # a warning says which issue date it was judged against; the lists below say it once, after them
    warnings = [_notice(site, n, issued.how_vi) for n in notices if n.warns]
    basis = [_notice(site, n, "") for n in notices if n.basis and not n.warns]
    cited = [_notice(site, n, "") for n in notices if not n.basis and n.timing != "truoc"]
    if not (warnings or basis or cited):
        return {}
    return {
        "warnings": warnings,
        "basis": basis,
        "cited": cited,
        "reference": format_date_vi(derived.legal.reference),
        "issued": issued.how_vi,
    }
