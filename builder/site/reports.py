"""Progress on the site: each report's page (overrides/report.html), the reports and the summary
line a plan page shows first ("13 nhiệm vụ · 2 hoàn thành · 7 quá hạn, chưa có báo cáo — tính đến
…"), and the same counts for the lists of plans and the home page.

Reads the derived state only (builder.analysis.progress: derived.reports and the tasks' status).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ..analysis.state import Derived, ReportFacts
from ..base.urls import page_path
from ..base.vietnamese import (
    TASK_STATUS_VI,
    agency_short_name,
    as_of_vi,
    format_date_numeric,
    format_date_short,
    format_date_vi,
    format_period_vi,
    summary_bucket,
    task_summary_vi,
)
from ..content.corpus import Corpus, PlanRecord, ReportRecord
from ..content.names import names
from .escape import meta_text
from .feedback import feedback
from .search import search_meta
from .stage import Page
from .tasks import evidence


def plan_summary(derived: Derived, key: str) -> str:
    """'13 nhiệm vụ · 2 hoàn thành · 7 quá hạn, chưa có báo cáo · 4 thường xuyên' ("" without tasks)."""
    tasks = derived.tasks.get(key, [])
    if not tasks:
        return ""
    buckets = Counter(summary_bucket(t.status, t.reported_status) for t in tasks)
    return task_summary_vi(len(tasks), dict(buckets))


def reports_on(derived: Derived, key: str) -> list[ReportFacts]:
    """The reports about a plan, newest first (undated last)."""
    found = [r for r in derived.reports.values() if key in r.plans]
    return sorted(found, key=lambda r: (r.ref.issued or "", r.ref.url), reverse=True)


def _agency(corpus: Corpus, aid: str) -> dict[str, Any]:
    rec = corpus.agencies.get(aid)
    if rec is None:
        return {"name": aid, "short": aid, "url": None}
    a = rec.agency
    return {"name": a.name, "short": agency_short_name(a.name, a.short_name), "url": rec.url}


def plan_progress(corpus: Corpus, derived: Derived, rec: PlanRecord) -> dict[str, Any]:
    """What a plan page says first: the tasks' summary as of the reference date, whether the
    plan's period has ended, and its latest report (overrides/partials/ck/plan-progress.html)."""
    ref = derived.git.reference
    period = rec.plan.period
    if period is None or ref is None:
        period_vi = ""
    elif ref > period.end:
        period_vi = f"Kỳ kế hoạch đã kết thúc ngày {format_date_short(period.end)}."
    elif ref < period.start:
        period_vi = f"Kỳ kế hoạch chưa bắt đầu (từ ngày {format_date_short(period.start)})."
    else:
        left = (period.end - ref).days
        period_vi = f"Kỳ kế hoạch đang diễn ra, đến ngày {format_date_short(period.end)} (còn {left} ngày)."
    reports = [
        {
            "label": r.ref.label,
            "url": r.ref.url,
            "issuer": _agency(corpus, r.issuer),
            "results": sum(1 for pk, tid in r.results if pk == rec.key and tid),
        }
        for r in reports_on(derived, rec.key)
    ]
    return {
        "summary": plan_summary(derived, rec.key),
        "as_of": as_of_vi(derived.git.reference_date),
        "tasks": len(derived.tasks.get(rec.key, [])),
        "period": period_vi,
        "reports": reports,
        "latest": reports[0] if reports else None,
        "key": rec.key,
    }


def report_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    """A page per progress report: its identity, the plans it reports on, each result with the
    task it is about, and its text with every resolved citation linked."""
    plans = {r.key: r for r in corpus.plans if r.plan is not None}
    tasks = {(k, t.id): t for k, ts in derived.tasks.items() for t in ts}
    pages = []
    for rec in corpus.reports:
        facts = derived.reports[rec.url]
        pages.append(_report_page(corpus, derived, rec, facts, plans, tasks))
    return pages


def _report_page(
    corpus: Corpus,
    derived: Derived,
    rec: ReportRecord,
    facts: ReportFacts,
    plans: dict[str, PlanRecord],
    tasks: dict[tuple[str, str], Any],
) -> Page:
    r = rec.report
    about = []
    for written, key in zip(r.reports_on, facts.plans, strict=True):
        plan = plans.get(key or "")
        about.append(
            {
                "written": written,
                "label": names(corpus, plan).name,
                "title": "",
                "url": plan.url,
            }
            if plan is not None
            else {"written": written, "label": written, "title": "", "url": None}
        )
    results = []
    for res, (pk, tid) in zip(r.results, facts.results, strict=True):
        plan = plans.get(pk or "")
        task = tasks.get((pk or "", tid or ""))
        ev = evidence(corpus, rec.path, res.evidence)
        results.append(
            {
                "task": res.task,
                "hook": f"{pk}#{task.id}" if task is not None else "",
                "name": task.name if task is not None else "",
                "status": res.status,
                "status_label": TASK_STATUS_VI.get(res.status, res.status),
                "date": format_date_short(res.date or r.issued),
                "note": res.note,
                "evidence": {"url": ev.url, "external": ev.external} if ev else None,
                "plan_url": plan.url if plan is not None else None,
                "plan_label": names(corpus, plan).label if plan is not None else "",
                "current": task.status_label if task is not None else "",
            }
        )
    label = facts.ref.label
    meta = {
        "template": "report.html",
        "title": r.title,
        "description": meta_text(f"{label}: {r.title}"),
        "report": {
            "label": label,
            "type": r.type,
            "number": r.number,
            "issued": format_date_vi(r.issued),
            "issuer": _agency(corpus, r.issuer),
            "place": r.place,
            "period": format_period_vi(r.period.start, r.period.end) if r.period else "",
            "signer": r.signer.model_dump() if r.signer else None,
            "recipients": r.recipients,
            "note": r.note,
            "source_note": r.source_note,
        },
        "about": about,
        "results": results,
        "as_of": as_of_vi(derived.git.reference_date),
        # where a reader who finds a result wrong writes: the reporting agency's published
        # contact and the site's (never invented; the block says when none is recorded)
        "feedback": feedback(
            corpus, derived, rec, label=label, agency_id=r.issuer, subject=f"Góp ý về {label}"
        ),
        "search": search_meta(
            "Báo cáo",
            r.title,
            number=r.number,
            when=f"Ban hành {format_date_numeric(r.issued)}" if isinstance(r.issued, dt.date) else "",
            context=_agency(corpus, r.issuer)["short"],
            filters={"Loại văn bản": r.type, "Cơ quan": _agency(corpus, r.issuer)["short"]},
            date=r.issued.isoformat() if isinstance(r.issued, dt.date) else "",
            names=[r.number, label],
        ),
    }
    body = derived.annotated_reports.get(rec.url, rec.src.body)
    return Page(page_path(rec.url), meta, body)
