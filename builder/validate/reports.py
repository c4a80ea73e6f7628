"""Validator rules over progress reports (content/bao-cao/) and disclosure records:

- CK110 a report about a plan that is not on the site;
- CK111 a result for a task id the plan does not have;
- CK112 a status outside hoan-thanh | dang-thuc-hien | chua-thuc-hien | tam-dung;
- CK113 a result dated after its report; CK114 a report or result dated after the reference date
  (a day in the future: the reference date, never the build machine's clock);
- CK115 a report about another agency's plan without a `note` saying why (unless the reporting
  agency leads every task it reports on);
- CK116 a report without an issue date;
- CK095, CK096 a posting period (`posted`) shorter than the law's minimum, or ending before it
  starts.

Reads derived.reports (builder.analysis.progress) for what each report resolved to.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, make
from ..base.vietnamese import format_date_short
from ..content.corpus import Corpus, PlanRecord
from ..content.model import REPORT_STATUSES
from ..content.planref import PlanFinder, task_id


def _hint(value: str, options: Iterable[str], many: str = "") -> str:
    opts = list(options)
    close = difflib.get_close_matches(value, opts, n=1, cutoff=0.6)
    if close:
        return f" Có phải ý bạn là “{close[0]}”?"
    return f" {many}: {', '.join(opts[:12])}{'…' if len(opts) > 12 else ''}." if many and opts else ""


def _agency_name(c: Corpus, aid: str) -> str:
    rec = c.agencies.get(aid)
    return (rec.agency.short_name or rec.agency.name) if rec else aid


def rule_reports(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    finder = PlanFinder(c)
    plans: dict[str, PlanRecord] = {r.key: r for r in c.plans if r.plan is not None}
    ids = {k: [task_id(t.id) for t in r.plan.tasks] for k, r in plans.items()}
    leads = {(k, task_id(t.id)): t.lead_agencies for k, ts in derived.tasks.items() for t in ts}
    reference = derived.git.reference
    for rec in c.reports:
        rep = rec.report
        facts = derived.reports[rec.url]
        pos = rec.src.pos
        if rep.issued is None:
            yield make("CK116", rec.path, *pos(("issued",)))
        elif reference is not None and rep.issued > reference:
            yield make(
                "CK114",
                rec.path,
                *pos(("issued",)),
                what="Báo cáo",
                date=format_date_short(rep.issued),
                reference=format_date_short(reference),
            )
        for i, (written, key) in enumerate(zip(rep.reports_on, facts.plans, strict=True)):
            if key is None:
                yield make(
                    "CK110",
                    rec.path,
                    *pos(("reports_on", i)),
                    ref=written,
                    hint=_hint(written, finder.keys()),
                )
        for i, (res, (pk, tid)) in enumerate(zip(rep.results, facts.results, strict=True)):
            at = ("results", i)
            if tid is None:
                known = [k for k in dict.fromkeys(facts.plans) if k]
                if pk is not None:
                    yield make(
                        "CK111",
                        rec.path,
                        *pos((*at, "task")),
                        task=res.task,
                        plan=f"kế hoạch {pk}",
                        hint=_hint(task_id(res.task), ids.get(pk, []), "Các mã nhiệm vụ của kế hoạch"),
                    )
                elif res.plan:
                    yield make(
                        "CK110",
                        rec.path,
                        *pos((*at, "plan")),
                        ref=res.plan,
                        hint=_hint(res.plan, finder.keys()),
                    )
                elif known:
                    yield make(
                        "CK111",
                        rec.path,
                        *pos((*at, "task")),
                        task=res.task,
                        plan="các kế hoạch được báo cáo" if len(known) > 1 else f"kế hoạch {known[0]}",
                        hint=" Nhiều kế hoạch có mã này: ghi thêm `plan`."
                        if sum(task_id(res.task) in ids.get(k, []) for k in known) > 1
                        else "",
                    )
            if res.status not in REPORT_STATUSES:
                yield make(
                    "CK112",
                    rec.path,
                    *pos((*at, "status")),
                    value=res.status,
                    task=res.task,
                    hint=_hint(res.status, REPORT_STATUSES),
                )
            if res.date is not None and rep.issued is not None and res.date > rep.issued:
                yield make(
                    "CK113",
                    rec.path,
                    *pos((*at, "date")),
                    task=res.task,
                    date=format_date_short(res.date),
                    issued=format_date_short(rep.issued),
                )
            elif res.date is not None and reference is not None and res.date > reference:
                yield make(
                    "CK114",
                    rec.path,
                    *pos((*at, "date")),
                    what=f"Kết quả nhiệm vụ {res.task}",
                    date=format_date_short(res.date),
                    reference=format_date_short(reference),
                )
        if rep.note:
            continue
        for i, key in enumerate(facts.plans):
            plan = plans.get(key or "")
            if plan is None or plan.plan.issuer == rep.issuer:
                continue
            mine = [tid for pk, tid in facts.results if pk == key and tid]
            if mine and all(rep.issuer in leads.get((plan.key, t), []) for t in mine):
                continue  # the agency reports on the tasks it leads: no note needed
            yield make(
                "CK115",
                rec.path,
                *pos(("reports_on", i)),
                issuer=_agency_name(c, rep.issuer),
                owner=_agency_name(c, plan.plan.issuer),
                plan=key,
            )


def rule_posting(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    comp = derived.compliance
    for rec in c.plans:
        posted = rec.plan.posted if rec.plan is not None else None
        if posted is None or posted.to is None:
            continue
        if posted.to < posted.from_:
            yield make(
                "CK096",
                rec.path,
                *rec.src.pos(("posted", "to")),
                to=format_date_short(posted.to),
                start=format_date_short(posted.from_),
            )
            continue
        info = comp.get(rec.key)
        days = (posted.to - posted.from_).days + 1
        if info and info.posting_min_days and days < info.posting_min_days:
            yield make(
                "CK095",
                rec.path,
                *rec.src.pos(("posted", "to")),
                days=days,
                minimum=info.posting_min_days,
                article=info.posting_article,
            )
