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
import difflib
import re

from ..base.text import ascii_fold, match_form, nfc
from ..base.vietnamese import RECURRING_VI
from ..content.corpus import Corpus, PlanRecord
from ..content.model import Task
from ..content.planref import task_id
from . import progress
from .state import Derived, Due, TaskFacts, TaskResult, TaskUpdateFacts

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


def is_overdue(due: Due, status: str | None, reference: dt.date | None) -> bool:
    """Deadline passed before `reference` and the task not done (analysis.progress.status says
    the same with the results; this is the rule alone)."""
    # Ongoing obligations ("thường xuyên", "các năm tiếp theo") never fall overdue.
    if reference is None or due.end is None or due.recurring or status in ("hoan-thanh", "tam-dung"):
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


# A lead is split at these; pieces are joined back when together they name an agency
# ("Trung tâm Văn hóa, Thể thao và Truyền thông"). Unresolved pieces are merged back across
# commas and "và", never across ";", so "Các phòng, ban, đơn vị thuộc UBND xã" stays one name.
_PIECES = re.compile(r"\s*(;|,|\svà\s)\s*")
MAX_PIECES = 30
FUZZY = 0.9  # difflib ratio of ASCII-folded names: one or two letters wrong in a long name


def _close(a: str, b: str) -> float:
    """How alike two folded names are: a typo, not another name (lengths within two letters)."""
    return difflib.SequenceMatcher(None, a, b).ratio() if abs(len(a) - len(b)) <= 2 else 0.0


class LeadResolver:
    """Which registered agencies a task's "Cơ quan chủ trì" text names, within the issuer's reach.

    A bare "Phòng Văn hóa - Xã hội" or "Trung tâm Phục vụ hành chính công" exists in every
    commune, so a name only counts when the agency is the issuer, its parent, a child or a sibling,
    or sits in the same locality; a unique agency in that scope whose name starts with the text
    ("… xã Đại Sơn") also counts, and so does text that starts with a name of two words or more
    ("Văn phòng Sở triển khai …"). Typos are matched conservatively: the same name once tone and
    vowel marks are folded away, or a close spelling (FUZZY) that only one agency of the issuer's
    own locality (or under the issuer) comes near; never an agency of another locality.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.agencies = corpus.agencies
        self._scopes: dict[str, set[str]] = {}
        self._near: dict[str, set[str]] = {}
        self.names: dict[str, list[str]] = {}
        self.keys: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}
        for aid, a in corpus.agencies.items():
            ag = a.agency
            ks = sorted({_name_key(n) for n in [ag.name, ag.short_name, *ag.aliases] if n})
            self.keys[aid] = ks
            for k in ks:
                self.names.setdefault(k, []).append(aid)
            self.folded[aid] = sorted({ascii_fold(k) for k in ks})

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

    def near(self, issuer: str) -> set[str]:
        """Where a misspelt name may be looked for: the issuer's own locality and its units."""
        if issuer not in self._near:
            rec = self.agencies.get(issuer)
            loc = rec.agency.locality if rec else None
            self._near[issuer] = {
                aid
                for aid, a in self.agencies.items()
                if aid == issuer or a.agency.parent == issuer or (loc and a.agency.locality == loc)
            }
        return self._near[issuer]

    def match(self, text: str, issuer: str, whole: bool) -> str | None:
        """The one agency in the issuer's reach that `text` names, or None. `whole`: the text is
        one piece of the lead (a run of pieces must be a name, not start with one)."""
        k = _name_key(text)
        if len(k) < 4:
            return None
        scope = self.scope(issuer)
        hits = [a for a in self.names.get(k, []) if a in scope]
        if not hits:
            hits = [a for a in sorted(scope) if any(n.startswith(k + " ") for n in self.keys[a])]
        if not hits and whole:
            starts = [
                (len(n), a) for a in sorted(scope) for n in self.keys[a] if " " in n and k.startswith(n + " ")
            ]
            longest = max((n for n, _ in starts), default=0)
            hits = sorted({a for n, a in starts if n == longest})
        if not hits:
            fk = ascii_fold(k)
            hits = [a for a in sorted(scope) if fk in self.folded[a]]
            if not hits and whole and len(fk) >= 10:
                scores = sorted(
                    ((max(_close(fk, n) for n in self.folded[a]), a) for a in sorted(self.near(issuer))),
                    reverse=True,
                )
                if scores and scores[0][0] >= FUZZY and (len(scores) == 1 or scores[1][0] < FUZZY):
                    hits = [scores[0][1]]
        return hits[0] if len(set(hits)) == 1 else None

    def resolve_lead(self, lead: str | None, issuer: str) -> tuple[list[str], list[str]]:
        """(agency ids named in `lead`, the rest as printed: names of no registered agency)."""
        if not lead:
            return [], []
        text = " ".join(lead.split())
        cuts = [m for m in _PIECES.finditer(text)][: MAX_PIECES - 1]
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in cuts:
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
        seps = [m.group(1).strip() for m in cuts]
        ids: list[str] = []
        rest: list[list[int]] = []  # groups of unresolved piece indexes
        i = 0
        while i < len(spans):
            found = None
            for j in range(len(spans) - 1, i - 1, -1):  # longest run of pieces first
                if any(seps[x] == ";" for x in range(i, j)):
                    continue
                found = self.match(text[spans[i][0] : spans[j][1]], issuer, whole=i == j)
                if found:
                    if found not in ids:
                        ids.append(found)
                    i = j + 1
                    break
            if found:
                continue
            if rest and rest[-1][-1] == i - 1 and seps[i - 1] != ";":
                rest[-1].append(i)
            else:
                rest.append([i])
            i += 1
        unresolved = []
        for group in rest:
            words = text[spans[group[0]][0] : spans[group[-1]][1]].strip(" .;,")
            if len(words) >= 3 and words not in unresolved:
                unresolved.append(words)
        return ids, unresolved

    def resolve(self, lead: str | None, issuer: str) -> list[str]:
        return self.resolve_lead(lead, issuer)[0]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def task_facts(
    task: Task,
    due: Due,
    reference: dt.date | None,
    leads: tuple[list[str], list[str]],
    reported: list[TaskResult],
) -> TaskFacts:
    """A task as published: `leads` from LeadResolver.resolve_lead, `reported` the results that
    reports give it (analysis.progress; they win over the plan's own `updates`)."""
    own = progress.plan_results(task)
    st, label, said, overdue, late, source = progress.status(due, reported, own, reference)
    ids, unresolved = leads
    return TaskFacts(
        id=task.id,
        name=task.name,
        group=task.group,
        directs=task.directs,
        lead=task.lead,
        lead_agency=ids[0] if ids else None,
        lead_agencies=ids,
        partners=task.partners,
        output=task.output,
        due=due.printed or None,
        due_kind=due.kind,
        due_start=_iso(due.start),
        due_end=_iso(due.end),
        due_dates=[d.isoformat() for d in due.dates],
        recurring=due.recurring,
        recurring_label=RECURRING_VI.get(due.recurring or ""),
        status=st,
        status_label=label,
        reported_status=said,
        overdue=overdue,
        late=late,
        as_of=_iso(reference),
        source=source,
        results=sorted([*own, *reported], key=lambda r: r.date or ""),
        lead_unresolved=unresolved,
        updates=[
            TaskUpdateFacts(date=u.date.isoformat(), note=u.note, status=u.status, evidence=u.evidence)
            for u in sorted(task.updates, key=lambda u: u.date)
        ],
    )


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.tasks and derived.dues (reads derived.git: the reference date for "overdue";
    derived.results: what progress reports say of each task)."""
    ref = derived.git.reference
    results = derived.results
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
            task_facts(
                t,
                d,
                ref,
                resolver.resolve_lead(t.lead, rec.plan.issuer),
                results.get((rec.key, task_id(t.id)), []),
            )
            for t, d in zip(rec.plan.tasks, dues, strict=True)
        ]
    derived.tasks = tasks
    derived.dues = parsed
