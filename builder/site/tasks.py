"""Site-wide pages about what plans promised: "Nhiệm vụ" (every task, overdue first, with filters)
and "Danh mục công khai" (what was disclosed each quarter, Luật 10/2022/QH15 Art. 13.2).

Both read only the derived state (tasks from builder.analysis.deadlines, git and compliance from
builder.analysis.gitinfo and builder.analysis.compliance); their markup is in overrides/ (tasks.html,
pages/task-table.html, pages/disclosure.md). The filter script is a static file,
overrides/assets/congkhai/nhiem-vu.js (CSP: no inline scripts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..content.corpus import Corpus, PlanRecord
from .stage import Page
from ..analysis.state import Derived, TaskFacts
from ..base.text import ascii_fold
from ..base.urls import DISCLOSURE as DISCLOSURE_URL
from ..base.urls import TASKS as TASKS_URL
from ..base.urls import TASKS_CSS as CSS_PATH
from ..base.urls import TASKS_SCRIPT as JS_PATH
from ..base.urls import href, md_link, page_path
from ..base.vietnamese import NO_STATUS_VI, TASK_STATUS_VI, agency_short_name, format_date_short, format_date_vi, format_month_vi, format_quarter_vi, plan_label
from .feedback import feedback
from .render import render

NO_STATUS = "chua-cap-nhat"  # filter value of tasks without a status
MAX_MONTHS = 36  # a multi-year range lists its months only up to this many (the filter stays usable)

def _months(t: TaskFacts) -> str:
    """Space-separated YYYY-MM the task is due in; "*" for ongoing obligations without dates."""
    if t.due_dates:
        return " ".join(sorted({d[:7] for d in t.due_dates}))
    end = t.due_end
    if not end:
        return "*" if t.recurring else ""
    e = dt.date.fromisoformat(end)
    s = dt.date.fromisoformat(t.due_start) if t.due_start else e
    out: list[str] = []
    y, m = s.year, s.month
    while (y, m) <= (e.year, e.month) and len(out) < MAX_MONTHS:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return " ".join(out)


def _plan_label(rec: PlanRecord) -> str:
    return plan_label(rec.plan.type, rec.plan.number)


def _issuer_short(corpus: Corpus, aid: str) -> str:
    rec = corpus.agencies.get(aid)
    return agency_short_name(rec.agency.name, rec.agency.short_name) if rec else aid


@dataclass(frozen=True)
class TaskRow:
    """A row of the task table (overrides/pages/task-table.html): the task and its plan."""

    plan_key: str
    plan_url: str
    plan_label: str
    plan_title: str
    plan_issuer: str
    id: str
    name: str
    lead: str
    partners: str
    due: str  # as printed
    due_end: str  # ISO, "" when none
    due_end_label: str
    recurring_label: str
    status: str
    status_label: str
    overdue: bool
    months: str  # the filter's months: "2025-09 2025-10", "*" for ongoing obligations


def task_rows(corpus: Corpus, derived: Derived) -> list[TaskRow]:
    """Every task of every plan, overdue first, then by deadline, then plan and task order."""
    rows: list[tuple[TaskRow, tuple[str, int]]] = []
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        issuer = _issuer_short(corpus, rec.plan.issuer)
        for i, t in enumerate(derived.tasks.get(rec.key, [])):
            row = TaskRow(
                plan_key=rec.key, plan_url=rec.url, plan_label=_plan_label(rec), plan_title=rec.plan.title,
                plan_issuer=issuer,
                id=t.id, name=t.name, lead=t.lead or "", partners=t.partners or "",
                due=t.due or "", due_end=t.due_end or "",
                due_end_label=format_date_short(t.due_end),
                recurring_label=t.recurring_label or "",
                status=t.status or "", status_label=t.status_label or "",
                overdue=t.overdue, months=_months(t),
            )
            rows.append((row, (rec.path, i)))
    rows.sort(key=lambda ro: (not ro[0].overdue, ro[0].due_end or "9999", ro[1]))
    return [row for row, _ in rows]


def tasks_led_by(corpus: Corpus, derived: Derived) -> dict[str, list[TaskRow]]:
    """Agency id → the rows of the tasks it leads (as on the "Nhiệm vụ" page), for agency pages.

    An agency leads a task when builder.analysis.deadlines recognised it in the task's "Cơ quan chủ trì"
    (TaskFacts.lead_agencies); the order is the "Nhiệm vụ" page's (overdue first).
    """
    leads = {(r.key, t.id): t.lead_agencies for r in corpus.plans for t in derived.tasks.get(r.key, [])}
    out: dict[str, list[TaskRow]] = {}
    for row in task_rows(corpus, derived):
        for aid in leads.get((row.plan_key, row.id), []):
            out.setdefault(aid, []).append(row)
    return out


def table(corpus: Corpus, rows: list[TaskRow], here: str = TASKS_URL) -> Markup:
    """The task table, in a page body (overrides/pages/task-table.html)."""
    return render(corpus, "task-table.html", rows=rows, here=here, no_status=NO_STATUS)


def tasks_page(corpus: Corpus, derived: Derived) -> list[Page]:
    rows = task_rows(corpus, derived)
    git = derived.git
    leads = sorted({r.lead for r in rows if r.lead}, key=lambda s: ascii_fold(s).casefold())
    months = sorted({m for r in rows for m in r.months.split() if m != "*"})
    statuses = [{"value": k, "label": v} for k, v in TASK_STATUS_VI.items()]
    if any(not r.status for r in rows):
        statuses.append({"value": NO_STATUS, "label": NO_STATUS_VI})
    meta = {
        "template": "tasks.html",
        "title": "Nhiệm vụ",
        "description": "Mọi nhiệm vụ trong các kế hoạch: ai chủ trì, thời hạn, tiến độ; nhiệm vụ quá hạn lên đầu.",
        "tasks_page": {
            "total": len(rows),
            "overdue": sum(r.overdue for r in rows),
            "leads": leads,
            "months": [{"value": m, "label": format_month_vi(m)} for m in months],
            "statuses": statuses,
            "reference_date": format_date_vi(git.reference_date),
            "reference_note": git.reference_note_vi or "",
            "script": JS_PATH,
            "css": CSS_PATH,
        },
        # no plan, no agency: the site's own contact; each plan's channels are on its page
        "feedback": feedback(corpus, derived, None, label="Nhiệm vụ", subject="Góp ý về nhiệm vụ trong kế hoạch"),
    }
    return [Page(page_path(TASKS_URL), meta, table(corpus, rows))]


def _quarter(iso: str) -> tuple[int, int]:
    d = dt.date.fromisoformat(iso)
    return d.year, (d.month - 1) // 3 + 1


@dataclass(frozen=True)
class DisclosureRow:
    """A plan in the disclosure list (overrides/pages/disclosure.md)."""

    label: str
    title: str
    url: str
    issuer: str
    issued: str  # "21/7/2025", "" when unknown
    published: str
    by_editor: bool  # the date is the plan's `published`, not git's
    notice_url: str | None
    late: bool
    working_days: int | None


def disclosure_page(corpus: Corpus, derived: Derived) -> list[Page]:
    """Danh mục công khai: per quarter, what was disclosed, in which forms, and when (Art. 13.2)."""
    comp = derived.compliance
    notices = derived.notice_urls
    by_q: dict[tuple[int, int], list[PlanRecord]] = defaultdict(list)
    pending: list[PlanRecord] = []
    for rec in corpus.plans:
        info = comp.get(rec.key)
        if info is None:
            continue
        if info.first_published:
            by_q[_quarter(info.first_published)].append(rec)
        else:
            pending.append(rec)
    quarters = []
    late_total = 0
    for (y, q) in sorted(by_q, reverse=True):
        rows = []
        for rec in sorted(by_q[(y, q)], key=lambda r: (comp[r.key].first_published or "", r.path)):
            info = comp[rec.key]
            late_total += info.late
            rows.append(DisclosureRow(
                label=_plan_label(rec), title=rec.plan.title, url=rec.url, issuer=_issuer_short(corpus, rec.plan.issuer),
                issued=format_date_short(info.issued), published=format_date_short(info.first_published),
                by_editor=info.published_source == "content", notice_url=notices.get(rec.key), late=info.late,
                working_days=info.working_days))
        quarters.append((format_quarter_vi(y, q), rows))
    body = render(corpus, "disclosure.md", here=DISCLOSURE_URL, quarters=quarters,
                  # our own sentence about the history, not content: written as it is
                  history_note=Markup(derived.git.history_note_vi or ""),
                  pending=[DisclosureRow(
                      label=_plan_label(r), title=r.plan.title, url=r.url, issuer="", issued="", published="",
                      by_editor=False, notice_url=None, late=False, working_days=None) for r in pending])
    meta = {"title": "Danh mục công khai",
            "description": "Các kế hoạch đã công khai theo từng quý, ngày ban hành và ngày đăng công khai.",
            "disclosure": {"late": late_total}}
    return [Page(page_path(DISCLOSURE_URL), meta, body)]
