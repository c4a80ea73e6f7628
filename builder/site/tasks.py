"""Site-wide pages about what plans promised: "Nhiệm vụ" (every task as a card, overdue first, with
filters that live in the URL) and "Danh mục công khai" (what was disclosed each quarter, Luật
10/2022/QH15 Art. 13.2). Agency pages show the same cards (`tasks_led_by`, `cards_html`).

Both read only the derived state (tasks and their status from builder.analysis.deadlines and
builder.analysis.progress, disclosure from builder.analysis.compliance); their markup is in
overrides/ (tasks.html, pages/task-cards.html, pages/disclosure.md). The filter script is a static
file, overrides/assets/congkhai/nhiem-vu.js (CSP: no inline scripts). Without the script every
card stays visible.

The filters' URL (DESIGN.md "Task list URL", a contract):
`/nhiem-vu/?tinh-trang=&dia-ban=&co-quan=&ke-hoach=&thang=YYYY-MM`. Each card carries the values
it matches: `data-status`, `data-dia-ban` (its locality and province: a province includes its
communes), `data-co-quan` (agencies it is led by; "~…" for names of no registered agency),
`data-ke-hoach` (its plan's key) and `data-thang` (the months its deadlines fall in: none for
recurring tasks, the last month for a whole-period task).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from ..analysis.progress import STATUSES
from ..analysis.state import Derived, TaskFacts, TaskResult
from ..base import rawhtml
from ..base.text import ascii_fold, slugify
from ..base.urls import DISCLOSURE as DISCLOSURE_URL
from ..base.urls import TASKS as TASKS_URL
from ..base.urls import TASKS_CSS as CSS_PATH
from ..base.urls import TASKS_SCRIPT as JS_PATH
from ..base.urls import attachment_url, page_path
from ..base.vietnamese import (
    STATUS_VI,
    agency_in_place,
    agency_short_name,
    as_of_vi,
    format_date_short,
    format_date_vi,
    format_month_vi,
    format_quarter_vi,
    place_in_text,
    shorten,
)
from ..content import localities
from ..content.attachments import TEP, resolve
from ..content.corpus import Corpus, PlanRecord
from ..content.names import names
from .feedback import feedback
from .render import render
from .search import search_meta
from .stage import Page


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Evidence:
    """A result's evidence: an outside address (`external`) or a file of content/tep/ (site-relative)."""

    url: str
    external: bool


@dataclass(frozen=True)
class TaskCard:
    """A task as a card (overrides/pages/task-cards.html): on the "Nhiệm vụ" page, agency pages."""

    plan_key: str
    plan_url: str
    plan_label: str
    plan_title: str
    plan_issuer: str
    id: str
    name: str
    lead: str  # as printed
    leads: list[Link]  # registered agencies it names, with their locality
    partners: str
    output: str
    due: str  # as printed
    due_end_label: str  # "5/9/2025", "" when none
    recurring_label: str
    status: str
    status_label: str
    reported: str | None  # what the latest result said (the summary tells overdue-reported apart)
    as_of: str  # "tính đến ngày 4/8/2025"
    overdue: bool
    source: Link | None  # the report the status comes from
    source_note: str
    source_date: str
    evidence: Evidence | None
    dia_ban: str  # data-dia-ban: "20314 48"
    co_quan: str  # data-co-quan: "phong-van-hoa-xa-hoi-phuong-hoa-xuan ~cac-thon-11086"
    months: str  # data-thang: "2025-09"
    sort: tuple[bool, str, str, int] = field(compare=False, repr=False)

    @property
    def hook(self) -> str:
        """data-task: "<plan key>#<task id>" (DESIGN.md "Task hooks", a contract)."""
        return f"{self.plan_key}#{self.id}"


def due_months(t: TaskFacts) -> str:
    """The months a task's deadlines fall in (the month filter). Recurring tasks have none; a
    range ("Tháng 9-11/2025", "Năm 2025") is due in its last month, not in every month it spans."""
    if t.recurring:
        return ""
    months = {d[:7] for d in t.due_dates}
    if t.due_end:
        months.add(t.due_end[:7])
    return " ".join(sorted(months))


def evidence(corpus: Corpus, source: str, value: str | None) -> Evidence | None:
    """Where a result's `evidence` leads: an https address, or a published file of content/tep/."""
    if not value:
        return None
    if value.startswith(("https://", "http://")):
        return Evidence(value, True)
    rel = resolve(source, value)
    if rel is not None and rel.startswith(TEP) and rel in corpus.tree:
        return Evidence(attachment_url(rel), False)
    return None


def result_source(
    corpus: Corpus, rec: PlanRecord, r: TaskResult | None
) -> tuple[Link | None, Evidence | None]:
    if r is None:
        return None, None
    if r.report is not None:
        path = "content/" + r.report.url.rstrip("/") + ".md"
        return Link(r.report.label, r.report.url), evidence(corpus, path, r.evidence)
    return None, evidence(corpus, rec.path, r.evidence)


class Places:
    """Agencies and localities as the cards and filters name them (one lookup per agency)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._units: dict[str, localities.Unit | None] = {}

    def unit(self, aid: str | None) -> localities.Unit | None:
        if not aid:
            return None
        if aid not in self._units:
            self._units[aid] = localities.agency_unit(self.corpus.agencies, aid)
        return self._units[aid]

    def agency(self, aid: str) -> Link:
        rec = self.corpus.agencies.get(aid)
        if rec is None:
            return Link(aid, "")
        unit = self.unit(aid)
        label = agency_short_name(rec.agency.name, rec.agency.short_name)
        return Link(agency_in_place(label, unit.name if unit else None), rec.url)

    def codes(self, aid: str) -> list[str]:
        unit = self.unit(aid)
        return list(dict.fromkeys([unit.code, unit.province_code])) if unit else []

    def unresolved_key(self, name: str, issuer: str) -> str:
        """ "~<name>-<locality>": one unnamed body per locality ("các thôn" of Đại Sơn, not all)."""
        unit = self.unit(issuer)
        return "~" + slugify(name, max_length=60) + (f"-{unit.code}" if unit else "")

    def unresolved_label(self, name: str, issuer: str) -> str:
        unit = self.unit(issuer)
        label = name[:1].upper() + name[1:]
        return f"{label} ({place_in_text(unit.name)})" if unit else label


def _plan_name(corpus: Corpus, rec: PlanRecord) -> str:
    """The plan's name (builder.content.names), as every list names it."""
    return names(corpus, rec).name


def task_cards(corpus: Corpus, derived: Derived, places: Places | None = None) -> list[TaskCard]:
    """Every task of every plan, overdue first, then by deadline, then plan and task order."""
    places = places or Places(corpus)
    out: list[TaskCard] = []
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        issuer = rec.plan.issuer
        issuer_link = places.agency(issuer)
        plan_name = _plan_name(corpus, rec)
        # A plan without a number is named with its issuer ("Kế hoạch của UBND xã …"): the card
        # then names the issuer once, not before and inside the name.
        issuer_rec = corpus.agencies.get(issuer)
        named = issuer_rec is not None and (
            agency_short_name(issuer_rec.agency.name, issuer_rec.agency.short_name) in plan_name
            or issuer_rec.agency.name in plan_name
        )
        plan_issuer = "" if named else issuer_link.label
        for i, t in enumerate(derived.tasks.get(rec.key, [])):
            src, ev = result_source(corpus, rec, t.source)
            co_quan = [*t.lead_agencies, *(places.unresolved_key(n, issuer) for n in t.lead_unresolved)]
            out.append(
                TaskCard(
                    plan_key=rec.key,
                    plan_url=rec.url,
                    plan_label=shorten(plan_name, 70),
                    plan_title=plan_name,
                    plan_issuer=plan_issuer,
                    id=t.id,
                    name=t.name,
                    lead=t.lead or "",
                    leads=[places.agency(a) for a in t.lead_agencies],
                    partners=t.partners or "",
                    output=t.output or "",
                    due=t.due or "",
                    due_end_label=format_date_short(t.due_end) if not t.recurring else "",
                    recurring_label=t.recurring_label or "",
                    status=t.status,
                    status_label=t.status_label,
                    reported=t.reported_status,
                    as_of=as_of_vi(t.as_of),
                    overdue=t.overdue,
                    source=src,
                    source_note=t.source.note if t.source else "",
                    source_date=format_date_short(t.source.date) if t.source else "",
                    evidence=ev,
                    dia_ban=" ".join(places.codes(issuer)),
                    co_quan=" ".join(dict.fromkeys(co_quan)),
                    months=due_months(t),
                    sort=(not t.overdue, t.due_end or "9999", rec.path, i),
                )
            )
    return sorted(out, key=lambda c: c.sort)


def tasks_led_by(corpus: Corpus, derived: Derived) -> dict[str, list[TaskCard]]:
    """Agency id → the cards of the tasks it leads (the "Nhiệm vụ" page's order, overdue first).

    An agency leads a task when builder.analysis.deadlines recognised it in the task's "Cơ quan
    chủ trì" (TaskFacts.lead_agencies)."""
    out: dict[str, list[TaskCard]] = {}
    leads = {(r.key, t.id): t.lead_agencies for r in corpus.plans for t in derived.tasks.get(r.key, [])}
    for card in task_cards(corpus, derived):
        for aid in leads.get((card.plan_key, card.id), []):
            out.setdefault(aid, []).append(card)
    return out


def children_of(corpus: Corpus) -> dict[str, list[str]]:
    """Agency id → the ids of the agencies whose `parent` it is, sorted (built once per build)."""
    out: dict[str, list[str]] = defaultdict(list)
    for cid, rec in sorted(corpus.agencies.items()):
        if rec.agency.parent:
            out[rec.agency.parent].append(cid)
    return out


def descendants(children: dict[str, list[str]], aid: str) -> list[str]:
    """Agencies under `aid` (children, their children…), each once, in a stable order."""
    out: list[str] = []
    todo = list(children.get(aid, []))
    while todo:
        cid = todo.pop(0)
        if cid in out or cid == aid:
            continue
        out.append(cid)
        todo.extend(children.get(cid, []))
    return out


def cards_html(corpus: Corpus, cards: list[TaskCard], here: str = TASKS_URL) -> Markup:
    """The task cards, in a page body (overrides/pages/task-cards.html): finished HTML, which
    mkdocs passes through without parsing it as Markdown (base/rawhtml.py)."""
    return rawhtml.mark(render(corpus, "task-cards.html", cards=cards, here=here))


def status_counts(cards: list[TaskCard]) -> list[dict[str, object]]:
    counts = Counter(c.status for c in cards)
    return [{"value": s, "label": STATUS_VI[s], "count": counts[s]} for s in STATUSES if counts[s]]


def tasks_page(corpus: Corpus, derived: Derived) -> list[Page]:
    places = Places(corpus)
    cards = task_cards(corpus, derived, places)
    git = derived.git
    # Localities: each province, then its communes (a province includes its communes).
    units: dict[str, localities.Unit] = {}
    for rec in corpus.plans:
        if rec.plan is not None and (u := places.unit(rec.plan.issuer)) is not None:
            units[u.code] = u
            if not u.is_province and (p := localities.by_code(u.province_code)) is not None:
                units[p.code] = p
    provinces = sorted((u for u in units.values() if u.is_province), key=lambda u: ascii_fold(u.name))
    dia_ban = []
    for p in provinces:
        dia_ban.append({"value": p.code, "label": f"{p.name} (cả tỉnh, thành phố)"})
        communes = [u for u in units.values() if not u.is_province and u.province_code == p.code]
        for u in sorted(communes, key=lambda u: ascii_fold(u.name)):
            dia_ban.append({"value": u.code, "label": f"{u.name}, {p.name}"})
    agencies: dict[str, str] = {}
    unnamed: dict[str, str] = {}
    for rec in corpus.plans:
        for t in derived.tasks.get(rec.key, []) if rec.plan is not None else []:
            for a in t.lead_agencies:
                agencies.setdefault(a, places.agency(a).label)
            for n in t.lead_unresolved:
                unnamed.setdefault(
                    places.unresolved_key(n, rec.plan.issuer), places.unresolved_label(n, rec.plan.issuer)
                )
    plans = [
        {"value": r.key, "label": _plan_name(corpus, r)}
        for r in corpus.plans
        if r.plan is not None and derived.tasks.get(r.key)
    ]
    months = sorted({m for c in cards for m in c.months.split()})
    meta = {
        "template": "tasks.html",
        "title": "Nhiệm vụ",
        "description": "Mọi nhiệm vụ trong các kế hoạch: ai chủ trì, thời hạn, tình trạng; nhiệm vụ quá hạn lên đầu.",
        "search": search_meta("Nhiệm vụ", "Nhiệm vụ trong các kế hoạch", names=["Nhiệm vụ"]),
        "tasks_page": {
            "total": len(cards),
            "plans": len(plans),
            "overdue": sum(c.overdue for c in cards),
            "statuses": status_counts(cards),
            "localities": dia_ban,
            "agencies": sorted(
                ({"value": k, "label": v} for k, v in agencies.items()), key=lambda o: ascii_fold(o["label"])
            ),
            "unnamed": sorted(
                ({"value": k, "label": v} for k, v in unnamed.items()), key=lambda o: ascii_fold(o["label"])
            ),
            "plan_options": sorted(plans, key=lambda o: ascii_fold(o["label"])),
            "months": [{"value": m, "label": format_month_vi(m)} for m in months],
            "reference_date": format_date_vi(git.reference_date),
            "as_of": as_of_vi(git.reference_date),
            "reference_note": git.reference_note_vi or "",
            "script": JS_PATH,
            "css": CSS_PATH,
        },
        # no plan, no agency: the site's own contact; each plan's channels are on its page
        "feedback": feedback(
            corpus, derived, None, label="Nhiệm vụ", subject="Góp ý về nhiệm vụ trong kế hoạch"
        ),
    }
    return [Page(page_path(TASKS_URL), meta, cards_html(corpus, cards))]


# -- Danh mục công khai ------------------------------------------------------------------------


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
    published: str  # "" when no real date is known
    source: str  # "content" (the plan's `published`) | "git" (first published through this site)
    posted: str  # "từ 22/7/2025 đến 21/8/2025 tại Trụ sở UBND phường", "" when not recorded
    notice_url: str | None
    late: bool
    working_days: int | None


def disclosure_page(corpus: Corpus, derived: Derived) -> list[Page]:
    """Danh mục công khai: per quarter, what was disclosed, in which forms, and when (Art. 13.2).

    Only real dates count (builder.analysis.compliance): a plan whose disclosure date is not
    recorded is listed under "chưa có thông tin", never under the day the site's repository was
    made."""
    comp = derived.compliance
    notices = derived.notice_urls
    places = Places(corpus)
    by_q: dict[tuple[int, int], list[DisclosureRow]] = defaultdict(list)
    unknown: list[DisclosureRow] = []
    late_total = 0
    for rec in corpus.plans:
        info = comp.get(rec.key)
        if info is None:
            continue
        row = DisclosureRow(
            label=_plan_name(corpus, rec),
            title="",
            url=rec.url,
            issuer=places.agency(rec.plan.issuer).label,
            issued=format_date_short(info.issued),
            published=format_date_short(info.first_published),
            source=info.published_source or "",
            posted=info.posted_vi,
            notice_url=notices.get(rec.key),
            late=info.late,
            working_days=info.working_days,
        )
        late_total += info.late
        when = info.first_published or info.posted_from
        if when:
            by_q[_quarter(when)].append(row)
        else:
            unknown.append(row)
    quarters = [
        (format_quarter_vi(y, q), sorted(by_q[(y, q)], key=lambda r: (r.published, r.url)))
        for (y, q) in sorted(by_q, reverse=True)
    ]
    body = render(
        corpus,
        "disclosure.md",
        here=DISCLOSURE_URL,
        quarters=quarters,
        # our own sentences about the history and the setting, not content: written as they are
        history_note=Markup(derived.git.history_note_vi or ""),
        live_since=format_date_vi(corpus.config.live_since),
        unknown=sorted(unknown, key=lambda r: r.url),
    )
    meta = {
        "title": "Danh mục công khai",
        "description": "Các kế hoạch đã công khai theo từng quý: hình thức, ngày ban hành, ngày công khai.",
        "disclosure": {"late": late_total},
        "search": search_meta("Danh mục", "Danh mục công khai", names=["Danh mục công khai"]),
    }
    return [Page(page_path(DISCLOSURE_URL), meta, body)]
