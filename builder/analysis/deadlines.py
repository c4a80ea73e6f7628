"""Tasks' deadlines as data: parse the "Thời gian thực hiện" phrase as printed, and progress.

The printed words are always kept (`printed`); the parse adds dates. The grammar is small:

    due        := [recurring-only] | [prefix] when [recurring-tail] | "lần 1 trước ngày D và lần 2 …"
    prefix     := "xong/hoàn thành/chậm nhất/trước/đến hết/trong" …   (an end date, not a range)
    when       := D | "từ D đến D" | "tháng M[-N][/YYYY]" | "quý I[, II|-IV][/YYYY]"
                | "6 tháng đầu/cuối năm YYYY" | "năm YYYY" | "YYYY-YYYY" (giai đoạn)
    recurring  := "thường xuyên" | "định kỳ hằng tháng/quý/năm" | "các năm tiếp theo" …

Overdue is computed against the build's reference date (builder.analysis.gitinfo: env CONGKHAI_TODAY,
mkdocs.yml `extra.reference_date`, else the last commit touching content/), never the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..base.text import match_form, nfc
from ..base.vietnamese import RECURRING_VI, task_status_label
from ..content.corpus import Corpus, PlanRecord
from ..content.model import Task
from .state import Derived, Due, TaskFacts, TaskUpdateFacts

YEARS = (1945, 2100)  # dates outside are typing mistakes (and year 9999 overflows calendars)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE_WORDS = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_YEAR = r"(?:/|\s+năm\s+|\s+)(\d{4})"
_ANYDATE = rf"(?:{_DATE}|{_DATE_WORDS})"

# Recurring markers, checked anywhere in the phrase (order: most specific first).
_RECURRING = [
    (r"các năm tiếp theo|những năm tiếp theo|hằng năm|hàng năm|mỗi năm|định kỳ năm", "hang-nam"),
    (r"(?:hằng|hàng|mỗi|định kỳ)\s*(?:0?6|sáu) tháng", "6-thang"),
    (r"hằng quý|hàng quý|mỗi quý|định kỳ quý", "hang-quy"),
    (r"hằng tháng|hàng tháng|mỗi tháng|định kỳ tháng", "hang-thang"),
    (r"hằng tuần|hàng tuần|mỗi tuần", "hang-tuan"),
    (r"hằng ngày|hàng ngày", "hang-ngay"),
    (r"thường xuyên|liên tục|định kỳ", "thuong-xuyen"),
]
_DEADLINE_PREFIX = re.compile(
    r"^(?:xong|hoàn thành|hoàn tất|chậm nhất|trước|đến hết|đến|kết thúc|hạn|thời hạn)\b(?:\s+(?:trước|vào|trong))?"
    r"(?:\s+ngày)?\s*[:]?\s*"
)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _mkdate(d: str, m: str, y: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _normalise(s: str) -> str:
    # lower case only: match_form's tone-placement folding would turn "quý" into "qúy"
    s = " ".join(nfc(s).casefold().split())
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"\s*-\s*", "-", s)  # "Tháng 9-\n11/2025" as hard-wrapped by PDF extraction
    s = re.sub(r"\s*/\s*", "/", s)
    return s.strip(" .;,")


def _dates_in(s: str) -> list[dt.date]:
    out = []
    for m in re.finditer(_ANYDATE, s):
        g = [x for x in m.groups() if x is not None]
        d = _mkdate(*g)
        if d:
            out.append(d)
    return out


def _when(s: str, year: int | None) -> tuple[dt.date, dt.date] | None:
    """A period: (start, end) inclusive, or None. `s` is normalised; `year` fills a missing year."""
    s = s.strip(" .;,:")
    s = re.sub(r"^(?:trong|vào|từ)\s+", "", s)
    s = re.sub(r"^ngày\s+(?=\d{1,2}/)", "", s)
    if m := re.fullmatch(_ANYDATE, s):
        d = _mkdate(*[x for x in m.groups() if x is not None])
        return (d, d) if d else None
    if year and (m := re.fullmatch(r"(?:ngày\s+)?(\d{1,2})/(\d{1,2})", s)):
        d = _mkdate(m.group(1), m.group(2), str(year))
        return (d, d) if d else None
    if m := re.fullmatch(rf"(?:ngày\s+)?{_ANYDATE}\s*(?:-|đến(?: ngày)?|tới)\s*(?:ngày\s+)?{_ANYDATE}", s):
        ds = _dates_in(s)
        return (ds[0], ds[1]) if len(ds) == 2 and ds[0] <= ds[1] else None
    # tháng M[/YYYY] [-|đến] tháng N/YYYY ; tháng M, N/YYYY ; tháng M-N/YYYY
    if m := re.fullmatch(
        rf"tháng\s+(\d{{1,2}})(?:{_YEAR})?\s*(?:-|,|và|đến|tới)\s*(?:tháng\s+)?(\d{{1,2}}){_YEAR}", s
    ):
        m1, y1, m2, y2 = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3)), int(m.group(4))
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2):
            return dt.date(y1, m1, 1), _month_end(y2, m2)
        return None
    if m := re.fullmatch(rf"tháng\s+(\d{{1,2}})(?:{_YEAR})?", s):
        y = int(m.group(2)) if m.group(2) else year
        mo = int(m.group(1))
        return (dt.date(y, mo, 1), _month_end(y, mo)) if y and 1 <= mo <= 12 else None
    # quý I/2025, quý III, IV/2025, quý III và quý IV năm 2025, quý I-II/2025
    if m := re.fullmatch(rf"quý\s+([ivx1-4]+)((?:\s*(?:,|-|và|đến)\s*(?:quý\s+)?[ivx1-4]+)*)(?:{_YEAR})?", s):
        qs = [m.group(1), *re.findall(r"\b[ivx1-4]+\b", m.group(2) or "")]
        if not all(q in _ROMAN for q in qs):
            return None
        nums = [_ROMAN[q] for q in qs]
        y = int(m.group(3)) if m.group(3) else year
        if not y:
            return None
        q1, q2 = min(nums), max(nums)
        return dt.date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q2)
    if m := re.fullmatch(rf"(?:0?6|sáu) tháng\s+(đầu|cuối)(?:\s+năm)?(?:{_YEAR})?", s):
        y = int(m.group(2)) if m.group(2) else year
        if not y:
            return None
        return (
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if m.group(1) == "đầu"
            else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        )
    if m := re.fullmatch(r"(?:cả\s+)?(?:năm\s+)?(\d{4})", s):
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if m := re.fullmatch(r"(?:giai đoạn|năm)?\s*(\d{4})-(\d{4})", s):
        y1, y2 = int(m.group(1)), int(m.group(2))
        return (dt.date(y1, 1, 1), dt.date(y2, 12, 31)) if y1 <= y2 else None
    if s in ("cả năm", "trong năm", "năm") and year:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def parse(printed: str | None, year: int | None = None) -> Due:
    """Parse a due phrase as printed. `year` (the plan's) fills phrases like "Tháng 9" without one."""
    if printed is None:
        return Due(printed="")
    text = nfc(" ".join(str(printed).split()))
    if not text:
        return Due(printed=text)
    s = _normalise(text)

    # "lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025": several deadlines
    if len(re.findall(r"\blần\s+\d+", s)) >= 2:
        ds = _dates_in(s)
        if len(ds) >= 2:
            ds = sorted(ds)
            return Due(text, "multi", None, ds[-1], None, tuple(ds))

    recurring = None
    rest = s
    for rx, slug in _RECURRING:  # most specific first; every marker is removed from the rest
        if re.search(rx, rest):
            recurring = recurring or slug
            rest = re.sub(rx, " ", rest)
    rest = " ".join(rest.split())
    rest = re.sub(r"^(?:[,;]|và)\s*|\s*(?:[,;]|và)\s*(?=[,;]|$)", "", rest).strip(" .;,")
    rest = re.sub(r"\s*(?:,|;|và|và trong|trong)\s*$", "", rest).strip(" .;,")
    rest = re.sub(r"^(?:,|;|và)\s*", "", rest).strip()

    if not rest:
        return Due(text, "recurring", None, None, recurring) if recurring else Due(text)

    deadline = False
    if (m := _DEADLINE_PREFIX.match(rest)) and m.end() > 0 and m.group(0).strip():
        deadline = True
        rest = rest[m.end() :]
    try:
        span = _when(rest, year)
    except ValueError:  # a year the calendar cannot hold ("năm 0000"): not understood (CK090)
        span = None
    if span is None:
        return Due(text)
    start, end = span
    if deadline:
        return Due(text, "date", None, end, recurring)
    if start == end:
        return Due(text, "date", None, end, recurring)
    return Due(text, "range", start, end, recurring)


# -- progress ------------------------------------------------------------------------------


def effective_status(task: Task) -> str | None:
    """The task's status: the latest dated update that sets one, else the task's own field."""
    dated = [u for u in task.updates if u.status]
    if dated:
        return max(dated, key=lambda u: u.date).status
    return task.status


def is_overdue(due: Due, status: str | None, reference: dt.date | None) -> bool:
    # Ongoing obligations ("thường xuyên", "các năm tiếp theo") never fall overdue.
    if reference is None or due.end is None or due.recurring or status == "hoan-thanh":
        return False
    return due.end < reference


def plan_year(rec: PlanRecord) -> int | None:
    p = rec.plan
    if p.period:
        return p.period.start.year
    if p.issued:
        return p.issued.year
    return None


def _name_key(s: str) -> str:
    s = match_form(s)
    return re.sub(r"\s*-\s*", "-", s).strip(" .;,")


class LeadResolver:
    """Which registered agencies a task's "Cơ quan chủ trì" text names, within the issuer's reach.

    A bare "Phòng Văn hóa - Xã hội" or "Trung tâm Phục vụ hành chính công" exists in every
    commune, so a name only counts when the agency is the issuer, its parent, a child or a sibling,
    or sits in the same locality; a unique agency in that scope whose name starts with the text
    ("… xã Đại Sơn") also counts.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.agencies = corpus.agencies
        self._scopes: dict[str, set[str]] = {}
        self.names: dict[str, list[str]] = {}
        self.keys: dict[str, list[str]] = {}
        for aid, a in corpus.agencies.items():
            ag = a.agency
            ks = sorted({_name_key(n) for n in [ag.name, ag.short_name, *ag.aliases] if n})
            self.keys[aid] = ks
            for k in ks:
                self.names.setdefault(k, []).append(aid)

    def scope(self, issuer: str) -> set[str]:
        if issuer not in self._scopes:  # once per issuer: thousands of tasks share a few issuers
            rec = self.agencies.get(issuer)
            if rec is None:
                self._scopes[issuer] = set()
            else:
                parent, loc = rec.agency.parent, rec.agency.locality
                self._scopes[issuer] = {
                    aid
                    for aid, a in self.agencies.items()
                    if aid in (issuer, parent)
                    or a.agency.parent in (issuer, parent)
                    or (loc and a.agency.locality == loc)
                }
        return self._scopes[issuer]

    def resolve(self, lead: str | None, issuer: str) -> list[str]:
        if not lead:
            return []
        scope = self.scope(issuer)
        out: list[str] = []
        for part in re.split(r"[;,]|\s+và\s+", lead):
            k = _name_key(part)
            if len(k) < 4:
                continue
            hits = [a for a in self.names.get(k, []) if a in scope]
            if not hits:
                hits = [a for a in sorted(scope) if any(n.startswith(k + " ") for n in self.keys[a])]
            if len(hits) == 1 and hits[0] not in out:
                out.append(hits[0])
        return out


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def task_facts(task: Task, due: Due, reference: dt.date | None, leads: list[str]) -> TaskFacts:
    status = effective_status(task)
    overdue = is_overdue(due, status, reference)
    return TaskFacts(
        id=task.id,
        name=task.name,
        group=task.group,
        directs=task.directs,
        lead=task.lead,
        lead_agency=leads[0] if leads else None,
        lead_agencies=leads,
        partners=task.partners,
        output=task.output,
        due=due.printed or None,
        due_kind=due.kind,
        due_start=_iso(due.start),
        due_end=_iso(due.end),
        due_dates=[d.isoformat() for d in due.dates],
        recurring=due.recurring,
        recurring_label=RECURRING_VI.get(due.recurring or ""),
        status=status,
        status_label=task_status_label(status, overdue),
        overdue=overdue,
        updates=[
            TaskUpdateFacts(date=u.date.isoformat(), note=u.note, status=u.status, evidence=u.evidence)
            for u in sorted(task.updates, key=lambda u: u.date)
        ],
    )


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.tasks and derived.dues (reads derived.git: the reference date for "overdue")."""
    ref = derived.git.reference
    resolver = LeadResolver(corpus)
    tasks: dict[str, list[TaskFacts]] = {}
    parsed: dict[str, list[Due]] = {}
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        year = plan_year(rec)
        dues = [parse(t.due, year) for t in rec.plan.tasks]
        parsed[rec.key] = dues
        tasks[rec.key] = [
            task_facts(t, d, ref, resolver.resolve(t.lead, rec.plan.issuer))
            for t, d in zip(rec.plan.tasks, dues, strict=True)
        ]
    derived.tasks = tasks
    derived.dues = parsed
