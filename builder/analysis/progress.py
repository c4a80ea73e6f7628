"""Progress: what reports say of each task, and the status a reader sees, as of the reference date.

A progress report (content/bao-cao/, DESIGN.md "Progress reports") names the plans it reports on
(`reports_on`) and gives `results`: a task id, a status, an optional date and a note. The
`reports` step (`analyze`) resolves each report's plans and tasks and gathers the results of every
task; `status` turns a task's deadline and results into the one status the pages, the exports
and the notice show:

    reported done               → hoan-thanh   (late when the result is dated after the deadline)
    reported suspended          → tam-dung
    deadline passed, not done   → qua-han      ("chưa có báo cáo", or what the report said)
    reported in progress / not  → dang-thuc-hien / chua-thuc-hien
    recurring, nothing reported → thuong-xuyen
    deadline ahead              → chua-den-han
    otherwise                   → chua-co-bao-cao (no deadline understood, or no reference date)

A task's reported status is its latest dated result; a result without a date is dated by its
report. Reports win over the plan's own `tasks[].status` / `updates` when both exist (those stay
for small edits). A report marked `status: du-thao` (not signed yet) sets no status. Results the validator rejects (unknown status, dated after the report or after
the reference date) never set a status: the build refuses them anyway, and `congkhai validate`
must not show a status that a broken report would have given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..base.vietnamese import report_label, task_status_label
from ..content.corpus import Corpus, ReportRecord
from ..content.model import REPORT_STATUSES, Task
from ..content.planref import PlanFinder, task_id
from .state import Derived, Due, ReportFacts, ReportRef, TaskResult

# Every computed status, in the order the filters list them.
STATUSES = (
    "qua-han",
    "hoan-thanh",
    "dang-thuc-hien",
    "chua-thuc-hien",
    "tam-dung",
    "chua-den-han",
    "thuong-xuyen",
    "chua-co-bao-cao",
)
_SAME = {"chua-bat-dau": "chua-thuc-hien"}  # the plan model's older word


# -- the reports step ----------------------------------------------------------------------------


def report_ref(rec: ReportRecord) -> ReportRef:
    r = rec.report
    return ReportRef(
        key=rec.key,
        url=rec.url,
        number=r.number,
        issued=r.issued.isoformat() if r.issued else None,
        label=report_label(r.type, r.number, r.issued, r.title),
    )


def result_plan(
    res_plan: str | None, tid: str, plans: list[str | None], finder: PlanFinder, ids: dict[str, set[str]]
) -> str | None:
    """The plan a result is about: its own `plan`, else the one reported plan with that task id."""
    if res_plan:
        found = finder.find(res_plan)
        return found.key if found is not None else None
    known = [k for k in dict.fromkeys(plans) if k is not None]
    if len(known) == 1:
        return known[0]
    having = [k for k in known if tid in ids.get(k, set())]
    return having[0] if len(having) == 1 else None


def usable(status: str, date: dt.date | None, issued: dt.date | None, reference: dt.date | None) -> bool:
    """A result that may set a status (the validator reports the others: CK112–CK114)."""
    if status not in REPORT_STATUSES:
        return False
    if date is not None and issued is not None and date > issued:
        return False
    when = date or issued
    return not (when is not None and reference is not None and when > reference)


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.reports (each report resolved) and derived.results ((plan, task) → results, by date)."""
    finder = PlanFinder(corpus)
    ids = {r.key: {task_id(t.id) for t in r.plan.tasks} for r in corpus.plans if r.plan is not None}
    reference = derived.git.reference
    reports: dict[str, ReportFacts] = {}
    results: dict[tuple[str, str], list[TaskResult]] = defaultdict(list)
    for rec in corpus.reports:
        rep = rec.report
        ref = report_ref(rec)
        plans = [(p.key if (p := finder.find(x)) is not None else None) for x in rep.reports_on]
        resolved: list[tuple[str | None, str | None]] = []
        for res in rep.results:
            tid = task_id(res.task)
            pk = result_plan(res.plan, tid, plans, finder, ids)
            known = pk is not None and tid in ids.get(pk, set())
            resolved.append((pk, tid if known else None))
            signed = rep.status != "du-thao"  # a draft report's results count once it is signed
            if pk is not None and known and signed and usable(res.status, res.date, rep.issued, reference):
                when = res.date or rep.issued
                results[(pk, tid)].append(
                    TaskResult(
                        status=res.status,
                        date=when.isoformat() if when else None,
                        note=res.note,
                        evidence=res.evidence,
                        report=ref,
                    )
                )
        reports[rec.url] = ReportFacts(
            ref=ref, path=rec.path, issuer=rep.issuer, plans=plans, results=resolved
        )
    for lst in results.values():
        lst.sort(key=_order)
    derived.reports = reports
    derived.results = dict(results)


def _order(r: TaskResult) -> tuple[str, str]:
    # undated results first (a date unknown is older than any known one); then the report's URL
    return (r.date or "", r.report.url if r.report else "")


# -- a task's status ---------------------------------------------------------------------------


def plan_results(task: Task) -> list[TaskResult]:
    """The plan's own progress notes (`updates`, then an undated `status`), as results."""
    out = [
        TaskResult(status=u.status, date=u.date.isoformat(), note=u.note, evidence=u.evidence, report=None)
        for u in sorted(task.updates, key=lambda u: u.date)
    ]
    if task.status and not any(u.status for u in task.updates):
        out.insert(0, TaskResult(status=task.status, date=None, note="", evidence=None, report=None))
    return out


def latest(results: list[TaskResult]) -> TaskResult | None:
    """The result that gives the reported status: the latest dated one that sets a status."""
    with_status = [r for r in results if r.status]
    return max(with_status, key=_order) if with_status else None


def status(
    due: Due, from_reports: list[TaskResult], own: list[TaskResult], reference: dt.date | None
) -> tuple[str, str, str | None, bool, bool, TaskResult | None]:
    """(status, label, reported status, overdue, late, the result it comes from). A plan's own
    update dated after the reference date does not count yet (CK093 warns about it)."""
    if reference is not None:
        own = [r for r in own if not (r.date and r.date > reference.isoformat())]
    source = latest(from_reports) or (None if from_reports else latest(own))
    reported = _SAME.get(source.status or "", source.status) if source else None
    done, suspended = reported == "hoan-thanh", reported == "tam-dung"
    end = None if due.recurring else due.end  # ongoing obligations have no deadline to miss
    dated = end is not None
    overdue = bool(reference and end and not done and not suspended and end < reference)
    late = bool(done and end and source and source.date and source.date > end.isoformat())
    if done or suspended:
        st = reported or ""
    elif overdue:
        st = "qua-han"
    elif reported:
        st = reported
    elif due.recurring:
        st = "thuong-xuyen"
    elif reference and dated:
        st = "chua-den-han"
    else:
        st = "chua-co-bao-cao"
    return st, task_status_label(st, reported, late), reported, overdue, late, source
