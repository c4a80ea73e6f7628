"""Page generators for the public website (listed in builder.flow.PAGES).

Each page is staged Markdown whose front-matter carries everything its template in overrides/
needs (page.meta): the templates only lay it out. URLs in meta are site-relative
("van-ban/59-2023-nd-cp/"); templates pass them through mkdocs' `url` filter.
Data from other steps (citations, tasks, git) is used when present and skipped when absent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from ..analysis.state import Derived
from ..base import urls
from ..base.text import ascii_fold, match_form
from ..base.urls import page_path
from ..base.vietnamese import (
    LEVEL_HEADING_VI,
    LEVEL_VI,
    PLAN_STATUS_VI,
    RELATION_VI,
    agency_short_name,
    as_of_vi,
    format_date_numeric,
    format_date_short,
    format_date_vi,
    format_period_vi,
    format_size_vi,
    is_law,
)
from ..citations.models import Citation
from ..content.corpus import AgencyRecord, Citable, Corpus, DocumentRecord, PlanRecord
from ..content.keys import canonical_number
from ..content.names import Names, fact, names, number_shown
from . import places, subscriptions
from .escape import meta_text
from .feedback import agency_contact, feedback
from .history import plan_history
from .legal import plan_notices
from .render import render
from .reports import plan_progress, plan_summary
from .search import search_meta, title_weight
from .stage import APPENDIX_MARK, Page, mark_appendix, plan_body

NEWEST = 10


# -- lookups ---------------------------------------------------------------------------------

_SITE: list[Site | None] = [None]  # the last build's lookups (Site.of)


class Site:
    """Indexes over the corpus shared by every generator of one build (`Site.of`)."""

    def __init__(self, corpus: Corpus, derived: Derived) -> None:
        self.corpus = corpus
        self.derived = derived
        self.plans = [r for r in corpus.plans if r.plan is not None]
        self.by_key: dict[str, Citable] = corpus.by_key()
        self._names: dict[int, Names] = {}
        self.by_number: dict[str, list[Citable]] = defaultdict(list)
        records: list[Citable] = [*self.plans, *corpus.documents]
        for r in records:
            num = r.plan.number if isinstance(r, PlanRecord) else r.doc.number
            if num:
                self.by_number[canonical_number(num)].append(r)
        self.citations = derived.citations
        self.cited_by: dict[str, list[tuple[PlanRecord, Citation]]] = defaultdict(list)
        for rec in self.plans:
            for c in self.citations.get(rec.key, []):
                key = c.key
                if key and c.resolved:
                    self.cited_by[key].append((rec, c))
        # Plans by the record their `basis` points at, built once: looking it up per page instead
        # of scanning every plan per page keeps page generation linear (10,000 plans: hours → s).
        self.basis_of: dict[int, list[tuple[PlanRecord, str]]] = defaultdict(list)
        for rec in self.plans:
            for b in rec.plan.basis:
                target = self.find(b.ref)
                if target is not None:
                    self.basis_of[id(target)].append((rec, b.relation))

    @classmethod
    def of(cls, corpus: Corpus, derived: Derived) -> Site:
        """The lookups of this build, made once for every generator (they were made six times:
        a second at 1,000 plans). One build's only: a new corpus or derived state makes new ones."""
        last = _SITE[0]
        if last is not None and last.corpus is corpus and last.derived is derived:
            return last
        _SITE[0] = site = cls(corpus, derived)
        return site

    def find(self, ref: str | None) -> Citable | None:
        if not ref:
            return None
        if ref in self.by_key:
            return self.by_key[ref]
        cands = self.by_number.get(canonical_number(ref.split("@")[0]), [])
        return cands[0] if len(cands) == 1 else None

    def agency(self, aid: str | None) -> dict[str, Any]:
        if not aid:
            return {}
        rec = self.corpus.agencies.get(aid)
        if rec is None:
            return {"id": aid, "name": aid, "url": None}
        a = rec.agency
        return {"id": aid, "name": a.name, "short": agency_short_name(a.name, a.short_name), "url": rec.url}

    def locality(self, aid: str | None) -> dict[str, Any]:
        """The locality of an agency: official unit when it has a code, else the text written."""
        return places.locality(self.corpus, aid)

    def names(self, r: Citable) -> Names:
        """How `r` is named for readers (builder.content.names), once per record and build."""
        n = self._names.get(id(r))
        if n is None:
            n = self._names[id(r)] = names(self.corpus, r)
        return n

    def label(self, r: Citable) -> str:
        """The name a link to `r` shows: a plan's name ("Kế hoạch của UBND xã Đại Sơn về …"), a
        document's label ("Nghị định 59/2023/NĐ-CP", "Luật Tiếp công dân (số 42/2013/QH13)")."""
        n = self.names(r)
        return n.name if isinstance(r, PlanRecord) else n.label

    def title(self, r: Citable) -> str:
        """What a list shows after the label: a numbered document's trích yếu (a plan's name and a
        law's label say it already)."""
        if isinstance(r, PlanRecord):
            return ""
        d = r.doc
        return d.title or "" if number_shown(d) and not is_law(d.type) else ""

    def issued(self, r: Citable) -> Any:
        """A date readers may see: a plan's own; a registry entry's when sourced, not inferred."""
        return r.plan.issued if isinstance(r, PlanRecord) else fact(r.doc, "issued")

    def meta_line(self, r: Citable) -> str:
        """A plan's number, or the number others cite it by: "số 16/KH-UBND", "được trích dẫn là …"."""
        if not isinstance(r, PlanRecord):
            return r.doc.type
        p = r.plan
        if p.number:
            return f"số {p.number}"
        cited = self.names(r).cited_as
        return cited[0] if cited else ""

    def ref(self, r: Citable, **extra: Any) -> dict[str, Any]:
        return {
            "key": r.key,
            "label": self.label(r),
            "title": self.title(r),
            "url": r.url,
            "issued": format_date_vi(self.issued(r)),
            "meta": self.meta_line(r),
            "kind": "plan" if isinstance(r, PlanRecord) else "doc",
            **extra,
        }


# -- plan pages ------------------------------------------------------------------------------


def _attachments(corpus: Corpus, rec: PlanRecord) -> list[dict[str, Any]]:
    from ..content.attachments import TEP, resolve
    from ..content.files import read_bytes

    out = []
    for att in rec.plan.attachments:
        item: dict[str, Any] = {"title": att.title, "file": att.file}
        rel = resolve(rec.path, att.file)  # lexical: a link is never followed
        if rel is not None and rel.startswith(TEP) and rel in corpus.tree:
            data, _ = read_bytes(corpus.root / rel)
            item.update(
                url=urls.attachment_url(rel),
                size=len(data),
                size_label=format_size_vi(len(data)),
                sha256=hashlib.sha256(data).hexdigest(),
                kind=PurePosixPath(rel).suffix.lstrip(".").upper(),
            )
        out.append(item)
    return out


def _task_rows(corpus: Corpus, derived: Derived, rec: PlanRecord) -> list[dict[str, Any]]:
    from .tasks import result_source

    rows = []
    for t in derived.tasks.get(rec.key, []):
        src, ev = result_source(corpus, rec, t.source)
        rows.append(
            {
                "id": t.id,
                "hook": f"{rec.key}#{t.id}",
                "name": t.name,
                "group": t.group,
                "lead": t.lead,
                "partners": t.partners,
                "due": t.due,
                "output": t.output,
                "status": t.status,
                "status_label": t.status_label,
                "overdue": t.overdue,
                "source": {"label": src.label, "url": src.url} if src else None,
                "source_note": t.source.note if t.source else "",
                "source_date": format_date_short(t.source.date) if t.source else "",
                "evidence": {"url": ev.url, "external": ev.external} if ev else None,
                "search_weight": title_weight(t.name),
            }
        )  # a task's name is its title
    return rows


def _provenance(derived: Derived, rec: PlanRecord) -> dict[str, Any]:
    """Where the page comes from (the folded "Thông tin kỹ thuật" part of the history)."""
    git = derived.git
    info = git.file(rec.path)
    comp = derived.compliance.get(rec.key)
    # the agency's disclosure date when one is recorded; the day the file reached this site is
    # a fact about the site, shown as such (never as the agency's disclosure)
    return {
        "commit": git.commit,
        "commit_short": (git.commit or "")[:10],
        "sha256": rec.sha256,
        "first_published": format_date_vi(comp.first_published) if comp else "",
        "on_site": format_date_vi(info.first_published) if info else "",
        "source": rec.path,
    }


def _cascade(site: Site, rec: PlanRecord) -> dict[str, Any]:
    """Levels of "thực hiện" above this plan (farthest first) and of plans below it, up to 3 each."""
    rel = site.derived.relations

    def up(key: str) -> list[str]:
        return [k for k, r in rel.basis(key) if r == "thuc-hien"]

    def down(key: str) -> list[str]:
        return sorted({k for k, r in rel.cited_by(key) if r == "thuc-hien"})

    def levels(step: Callable[[str], list[str]], start: str) -> list[list[Citable]]:
        out: list[list[Citable]] = []
        seen, frontier = {start}, [start]
        while frontier and len(out) < 3:
            nxt = sorted({k for f in frontier for k in step(f) if k not in seen})
            seen.update(nxt)
            recs = [r for k in nxt if (r := site.by_key.get(k)) is not None]
            if not recs:
                break
            out.append(recs)
            frontier = nxt
        return out

    above = [[site.ref(r) for r in lvl] for lvl in reversed(levels(up, rec.key))]  # farthest first
    below = [[site.ref(r) for r in lvl] for lvl in levels(down, rec.key)]
    return {"above": above, "below": below} if above or below else {}


def _sentence(rec: PlanRecord, c: Citation) -> str:
    """The sentence a citation appears in, as plain text (for the cited document's page)."""
    if c.sentence:
        return " ".join(c.sentence.split())
    text = rec.src.body
    start, end = c.start, c.end
    cited = c.text or ""
    if text[start:end] != cited:
        line = c.line
        lines = text.splitlines()
        if not isinstance(line, int) or not 0 < line <= len(lines):
            return cited
        offset = sum(len(x) + 1 for x in lines[: line - 1])
        text = rec.src.text
        i = text.find(cited, offset) if cited else -1
        if i < 0:
            return lines[line - 1].strip()
        start, end = i, i + len(cited)
    left = max(text.rfind(s, 0, start) for s in (". ", "; ", "\n"))
    rights = [j for j in (text.find(s, end) for s in (". ", "; ", "\n")) if j >= 0]
    right = min(rights) if rights else len(text)
    s = text[left + 1 if left >= 0 else 0 : right + 1]
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)  # links → their text
    s = re.sub(r"\[\^[^\]]*\]|[#*_>`]", "", s)  # footnote marks and emphasis
    s = " ".join(s.split())
    return s if len(s) <= 600 else s[:600].rsplit(" ", 1)[0] + " …"


def _quote(sentence: str, cited: str, room: int = 220) -> dict[str, Any]:
    """A sentence split around the citation (shown highlighted), trimmed to `room` characters each side."""
    cited = " ".join(cited.split())
    i = sentence.find(cited) if cited else -1
    if i < 0:
        return {"before": sentence, "text": "", "after": ""}
    before, after = sentence[:i], sentence[i + len(cited) :]
    if len(before) > room:
        before = "… " + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + " …"
    return {"before": before, "text": cited, "after": after}


def _search_meta(site: Site, rec: Citable) -> dict[str, Any]:
    """A plan's or a registry document's search facts (site/search.py): a plan published here is
    "Kế hoạch", a document only cited is "Văn bản" whatever its type; the date shown is the issue
    date ("Ban hành"), a plan without one shows its period, never the period as a date."""
    issuer: str | None
    if isinstance(rec, PlanRecord):
        p = rec.plan
        kind, issuer, type_, number, title = "Kế hoạch", p.issuer, p.type, p.number, p.title
        issued, status = p.issued, PLAN_STATUS_VI.get(p.status, p.status)
        period = p.period
        names = [number, *(c.number for c in p.cited_as), p.signer.name if p.signer else None]
        heading = title
    else:
        d = rec.doc
        n = site.names(rec)
        kind, issuer, type_, number = "Văn bản", d.issuer, d.type, d.number
        lead = site.title(rec)
        title = n.name + (f": {lead}" if lead else "")
        # only sourced facts reach the search, as the page itself
        issued, status, period = fact(d, "issued"), (fact(d, "status") or "").capitalize(), None
        names = [n.name, n.label, number, *d.aliases]
        heading = n.name
    if issued:
        when = f"Ban hành {format_date_numeric(issued)}"
    elif period:
        when = f"Kỳ kế hoạch {format_date_numeric(period.start)} – {format_date_numeric(period.end)}"
    else:
        when = ""
    sort_date = issued or (
        period.start if period else None
    )  # results sorted by date: the period's start stands in
    ag = site.agency(issuer)
    filters = {
        "Loại văn bản": type_,
        "Cơ quan": ag.get("short") or ag.get("name"),
        "Địa bàn": site.locality(issuer).get("name"),
        "Năm": str(sort_date.year) if sort_date else None,
        "Trạng thái": status,
    }
    return search_meta(
        kind,
        title,
        number=number,
        when=when,
        context=ag.get("short") or ag.get("name"),
        filters=filters,
        date=sort_date.isoformat() if sort_date else "",
        names=names,
        heading=heading,
    )


def _disclosure(derived: Derived, rec: PlanRecord) -> dict[str, Any] | None:
    """Disclosure vs issue date (Luật 10/2022/QH15 Art. 12.3, 47.2: 5 working days), from real
    dates only (analysis.compliance): "chưa có thông tin" otherwise."""
    info = derived.compliance.get(rec.key)
    if not info:
        return None
    first = info.first_published
    shown = format_date_vi(dt.date.fromisoformat(first)) if first else ""
    note = (info.note_vi or "").removeprefix(f"Đăng công khai {shown}; ")  # the date is shown beside it
    if not first:
        note = ""
    source = {"content": "theo hồ sơ", "git": "đăng lần đầu trên trang này"}.get(
        info.published_source or "", ""
    )
    return {
        "first_published": shown,
        "source": source,
        "late": info.late,
        "note": note[:1].upper() + note[1:],
        "posted": info.posted_vi,
        "posting_min_days": info.posting_min_days,
        "posting_article": info.posting_article,
    }


def _coverage(site: Site, rec: PlanRecord) -> dict[str, Any] | None:
    """Implementation coverage for the plan page (overrides/partials/ck/plan-coverage.html)."""
    cv = site.derived.coverage.get(rec.key)
    if cv is None:
        return None
    units = []
    for u in cv.units:
        agency = site.corpus.agencies.get(u.id) if u.kind == "agency" else None
        plans = [site.ref(r) for k in u.plans if (r := site.by_key.get(k)) is not None]
        units.append({"name": u.name, "url": agency.url if agency else None, "plans": plans})
    source = (
        "danh mục đơn vị hành chính sau ngày 01/7/2025"
        if cv.group == "communes"
        else "các cơ quan, đơn vị đã khai báo trực thuộc cơ quan ban hành trên trang này"
    )
    return {
        "group_vi": cv.group_vi,
        "quote": cv.quote,
        "units": units,
        "total": len(units),
        "done": sum(1 for u in units if u["plans"]),
        "source": source,
    }


def plan_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    site = Site.of(corpus, derived)
    subs = subscriptions.by_url(corpus, derived)
    pages = []
    for rec in site.plans:
        p = rec.plan
        issuer = site.agency(p.issuer)
        basis = []
        for b in p.basis:
            r = site.find(b.ref)
            item = {"relation": RELATION_VI[b.relation], "ref": b.ref}
            if r is not None:
                item.update(site.ref(r))
            basis.append(item)
        cites: dict[str, dict[str, Any]] = {}
        for c in site.citations.get(rec.key, []):
            key = c.key
            r = site.find(key) if key and c.resolved else None
            if r is not None and r is not rec and r.key not in cites:
                cites[r.key] = site.ref(r)
        for item in basis:
            if item.get("url") and item["key"] not in cites:
                cites[item["key"]] = {k: v for k, v in item.items() if k not in ("relation", "ref")}
        rel = derived.relations
        for k in rel.cites(rec.key):
            r = site.by_key.get(k)
            if r is not None and r is not rec:
                cites.setdefault(k, site.ref(r))
        cited_by: dict[str, dict[str, Any]] = {}
        for k, _r in rel.cited_by(rec.key):
            r = site.by_key.get(k)
            if r is not None and r is not rec:
                cited_by.setdefault(k, site.ref(r))
        for r, _c in site.cited_by.get(rec.key, []):
            if r is not rec:
                cited_by.setdefault(r.key, site.ref(r))
        for other, _relation in site.basis_of.get(id(rec), []):
            if other is not rec:
                cited_by.setdefault(other.key, site.ref(other))
        history, provenance = plan_history(corpus, derived, rec), _provenance(derived, rec)
        disclosure = _disclosure(derived, rec)
        body = mark_appendix(plan_body(derived, rec))
        tasks = _task_rows(corpus, derived, rec)
        meta = {
            "template": "plan.html",
            "title": p.title,
            "description": meta_text(f"{site.names(rec).name}: {p.title}"),
            "plan_key": rec.key,
            "plan": {
                "type": p.type,
                "number": p.number,
                "label": site.names(rec).kicker,
                "name": site.label(rec),
                "short_name": site.names(rec).label,
                "issued": format_date_vi(p.issued),
                "issuer": issuer,
                "place": p.place,
                "locality": site.locality(p.issuer),
                "period": format_period_vi(p.period.start, p.period.end) if p.period else "",
                "signer": p.signer.model_dump() if p.signer else None,
                "status": p.status,
                "status_label": PLAN_STATUS_VI.get(p.status, p.status),
                "recipients": p.recipients,
                "source_note": p.source_note,
                "cited_as": [
                    {"text": t, "by": c.by} for t, c in zip(site.names(rec).cited_as, p.cited_as, strict=True)
                ],
                "issued_by_decision": (
                    " ".join(
                        x
                        for x in (
                            "Quyết định",
                            f"số {p.issued_by_decision.number}" if p.issued_by_decision.number else "",
                            format_date_vi(p.issued_by_decision.issued)
                            if p.issued_by_decision.issued
                            else "",
                        )
                        if x
                    )
                    if p.issued_by_decision
                    else ""
                ),
            },
            "basis": basis,
            "legal": plan_notices(site, derived, rec),
            "tasks": tasks,
            "task_groups": any(t.get("group") for t in tasks),
            "attachments": _attachments(corpus, rec),
            "related": {"cites": list(cites.values()), "cited_by": list(cited_by.values())},
            "cascade": _cascade(site, rec),
            "history": history,
            "provenance": provenance,
            "feedback": feedback(
                corpus,
                derived,
                rec,
                label=site.label(rec),
                plan=rec,
                agency_id=p.issuer,
                subject=f"Góp ý về {site.label(rec)}",
            ),
            "notice_url": derived.notice_urls.get(rec.key),
            "appendix_mark": APPENDIX_MARK,
            "subscribe": [
                subs[u].links() for u in (issuer.get("url"), site.locality(p.issuer).get("url")) if u in subs
            ],
            "disclosure": disclosure,
            "progress": plan_progress(corpus, derived, rec),
            "coverage": _coverage(site, rec),
            "search": _search_meta(site, rec),
        }
        pages.append(Page(page_path(rec.url), meta, body))
    return pages


# -- agencies, localities, indexes, home, search -------------------------------------------------


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class PlanItem:
    """A plan in a list (templates' lists.md): its name (builder.content.names), what its name does
    not say (no number yet, the number others cite it by), its issuer and when."""

    title: str  # the plan's name: "Kế hoạch của UBND xã Đại Sơn về …"
    url: str
    label: str  # "chưa có số", "được trích dẫn là 16/KH-UBND ngày 21/7/2025", or "" (numbered)
    issuer: str
    when: str  # "ban hành 21/7/2025", "kỳ 1/7/2025–31/12/2025" or "chưa có ngày"
    summary: str = ""  # "13 nhiệm vụ · 2 hoàn thành · 7 quá hạn, chưa có báo cáo" ("" without tasks)
    as_of: str = ""  # "tính đến ngày 4/8/2025", beside the summary


@dataclass(frozen=True)
class DocItem:
    """A registry document in a list; its title is shown after a number."""

    label: str
    url: str
    title: str | None


@dataclass(frozen=True)
class CountedLink:
    """An entry of an index: a page and how many plans (or documents) it lists."""

    label: str
    url: str
    count: int


@dataclass(frozen=True)
class AgencyItem:
    """An agency in the agencies' index: its plans, the tasks it leads, those its units lead."""

    label: str
    url: str
    plans: int
    tasks: int
    units_tasks: int


@dataclass(frozen=True)
class AgencyPage:
    url: str
    name: str
    short_name: str | None  # only when it differs from the name
    aliases: list[str]  # other names it is cited by, each once (not the name or the short name)
    title_weight: str  # the heading's data-pagefind-weight (site/search.py title_weight)
    level: str
    locality: Link | None
    legacy_locality: str | None
    parent: Link | None
    valid_until: str
    successor: Link | None
    website: Markup | None  # an https URL (validated), written as an autolink
    body: Markup  # the agency file's own Markdown
    plans: list[PlanItem]
    tasks: int  # tasks it leads
    tasks_summary: str  # "9 nhiệm vụ · 1 quá hạn, chưa có báo cáo · 8 thường xuyên"
    tasks_table: Markup  # their cards
    units_tasks: int  # tasks led by the agencies under it (children, their children…)
    units_summary: str
    units_table: Markup
    as_of: str  # "tính đến ngày 4/8/2025"
    documents: list[DocItem]
    children: list[Link]


def _plan_items(site: Site, plans: list[PlanRecord]) -> list[PlanItem]:
    out = []
    for r in sorted(plans, key=_newest_key, reverse=True):
        per = r.plan.period
        when = (
            f"ban hành {format_date_short(r.plan.issued)}"
            if r.plan.issued
            else f"kỳ {format_date_short(per.start)}–{format_date_short(per.end)}"
            if per
            else "chưa có ngày"
        )
        meta = "" if r.plan.number else (site.meta_line(r) or "chưa có số")  # the name gives the number
        summary = plan_summary(site.derived, r.key)
        out.append(
            PlanItem(
                site.label(r),
                r.url,
                meta,
                site.agency(r.plan.issuer).get("short", ""),
                when,
                summary,
                as_of_vi(site.derived.git.reference_date) if summary else "",
            )
        )
    return out


def _doc_items(site: Site, docs: list[DocumentRecord]) -> list[DocItem]:
    return [
        DocItem(site.label(r), r.url, site.title(r) or None)
        for r in sorted(docs, key=lambda r: (r.doc.type, ascii_fold(r.doc.number or r.key)))
    ]


def _newest_key(r: PlanRecord) -> tuple[dt.date, str]:
    p = r.plan
    d = p.issued or p.published or (p.period.start if p.period else None) or dt.date.min
    return (d, r.path)


def _other_names(name: str, short: str | None, aliases: list[str]) -> list[str]:
    """Aliases a reader has not seen on the page yet, each once (tone placement and case aside)."""
    seen = {match_form(name), match_form(short or "")}
    out = []
    for alias in aliases:
        if match_form(alias) not in seen:
            seen.add(match_form(alias))
            out.append(alias)
    return out


def _link(rec: AgencyRecord | None) -> Link | None:
    return Link(rec.agency.name, rec.url) if rec else None


def _cards_summary(cards: list[Any]) -> str:
    from collections import Counter

    from ..base.vietnamese import summary_bucket, task_summary_vi

    if not cards:
        return ""
    buckets = Counter(summary_bucket(c.status, c.reported) for c in cards)
    return task_summary_vi(len(cards), dict(buckets))


def agency_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    from .tasks import cards_html, children_of, descendants, tasks_led_by

    site = Site.of(corpus, derived)
    tasks_led = tasks_led_by(corpus, derived)
    subs = subscriptions.by_url(corpus, derived)
    as_of = as_of_vi(derived.git.reference_date)
    pages = []
    rollups: dict[str, tuple[int, int]] = {}
    children = children_of(corpus)
    # grouped once, not scanned per agency (2,534 agencies × 10,000 plans at the national scale)
    issued: dict[str | None, list[PlanRecord]] = defaultdict(list)
    for r in site.plans:
        issued[r.plan.issuer].append(r)
    documents_of: dict[str | None, list[DocumentRecord]] = defaultdict(list)
    for d in corpus.documents:
        documents_of[d.doc.issuer].append(d)
    children_in_order: dict[str | None, list[AgencyRecord]] = defaultdict(list)
    for child in corpus.agencies.values():
        children_in_order[child.agency.parent].append(child)
    for aid, rec in corpus.agencies.items():
        a = rec.agency
        loc = site.locality(aid)
        led = tasks_led.get(aid, [])
        seen = {c.hook for c in led}  # a task led by the agency and a unit together counts once
        units = []
        for unit in descendants(children, aid):
            for c in tasks_led.get(unit, []):
                if c.hook not in seen:
                    seen.add(c.hook)
                    units.append(c)
        units.sort(key=lambda c: c.sort)
        rollups[aid] = (len(led), len(units))
        data = AgencyPage(
            url=rec.url,
            name=a.name,
            short_name=a.short_name if a.short_name and a.short_name != a.name else None,
            aliases=_other_names(a.name, a.short_name, a.aliases),
            title_weight=title_weight(a.name),
            level=LEVEL_VI[a.level],
            locality=Link(loc["name"], loc["url"]) if loc else None,
            legacy_locality=a.legacy_locality.name if a.legacy_locality else None,
            parent=_link(corpus.agencies.get(a.parent or "")),
            valid_until=format_date_vi(a.valid_until),
            successor=_link(corpus.agencies.get(a.successor or "")),
            website=Markup(str(a.website)) if a.website else None,
            body=Markup(rec.src.body.strip()),
            plans=_plan_items(site, issued.get(aid, [])),
            tasks=len(led),
            tasks_summary=_cards_summary(led),
            tasks_table=cards_html(corpus, led, rec.url) if led else Markup(""),
            units_tasks=len(units),
            units_summary=_cards_summary(units),
            units_table=cards_html(corpus, units, rec.url) if units else Markup(""),
            as_of=as_of,
            documents=_doc_items(site, documents_of.get(aid, [])),
            children=[Link(c.agency.name, c.url) for c in children_in_order.get(aid, [])],
        )
        sub = subs[rec.url].links() if rec.url in subs else None
        meta = {
            "title": a.name,
            "description": meta_text(f"Kế hoạch và văn bản của {a.name}"),
            "search": search_meta(
                "Cơ quan",
                a.name,
                context=loc.get("name") if loc else None,
                filters={"Địa bàn": loc.get("name") if loc else None},
                names=[a.name, a.short_name, *a.aliases],
            ),
        }
        pages.append(
            Page(
                page_path(rec.url),
                meta,
                render(
                    corpus,
                    "agency.md",
                    a=data,
                    subscribe=sub,
                    contact=agency_contact(corpus, aid, f"Góp ý gửi {a.name}"),
                ),
            )
        )
    by_level: dict[str, list[AgencyRecord]] = defaultdict(list)
    for rec in corpus.agencies.values():
        by_level[rec.agency.level].append(rec)
    levels = [
        (
            heading,
            [
                AgencyItem(
                    r.agency.name,
                    r.url,
                    sum(1 for p in site.plans if p.plan.issuer == r.id),
                    *rollups.get(r.id, (0, 0)),
                )
                for r in sorted(by_level[level], key=lambda r: ascii_fold(r.agency.name))
            ],
        )
        for level, heading in LEVEL_HEADING_VI.items()
        if by_level.get(level)
    ]
    pages.append(
        Page(
            page_path(urls.AGENCIES),
            {"title": "Cơ quan"},
            render(corpus, "agencies.md", here=urls.AGENCIES, levels=levels, as_of=as_of),
        )
    )
    return pages


def locality_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    site = Site.of(corpus, derived)
    groups = places.locality_groups(corpus, site.plans)
    pages = []
    subs = subscriptions.by_url(corpus, derived)
    for url, (loc, plans) in groups.items():
        sub = subs[url].links() if url in subs else None
        meta = {
            "title": loc["name"],
            "search": search_meta(
                "Địa bàn", loc["name"], filters={"Địa bàn": loc["name"]}, names=_locality_names(loc["name"])
            ),
        }
        pages.append(
            Page(
                page_path(url),
                meta,
                render(
                    corpus,
                    "locality.md",
                    here=url,
                    name=loc["name"],
                    plans=_plan_items(site, plans),
                    title_weight=title_weight(loc["name"]),
                    subscribe=sub,
                ),
            )
        )
    index = [
        CountedLink(loc["name"], url, len(plans))
        for url, (loc, plans) in sorted(groups.items(), key=lambda kv: ascii_fold(kv[1][0]["name"]))
    ]
    pages.append(
        Page(
            page_path(urls.LOCALITIES),
            {"title": "Địa bàn"},
            render(corpus, "localities.md", here=urls.LOCALITIES, localities=index),
        )
    )
    return pages


_UNIT_TYPES = re.compile(r"^(?:xã|phường|thị trấn|đặc khu|thành phố|tỉnh|quận|huyện|thị xã)\s+", re.I)


def _locality_names(label: str) -> list[str]:
    """'Xã Đại Sơn, Thành phố Hải Phòng' → that, 'Xã Đại Sơn' and 'Đại Sơn': how readers name a place."""
    first = label.split(",")[0].strip()
    return [label, first, _UNIT_TYPES.sub("", first)]


def index_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    site = Site.of(corpus, derived)
    pages = []
    by_year: dict[int | None, list[PlanRecord]] = defaultdict(list)
    for r in site.plans:
        by_year[r.year].append(r)
    years = sorted((y for y in by_year if y), reverse=True)
    by_type: dict[str, list[Citable]] = defaultdict(list)
    records: list[Citable] = [*site.plans, *corpus.documents]
    for rec in records:
        by_type[rec.plan.type if isinstance(rec, PlanRecord) else rec.doc.type].append(rec)
    year_items = [YearItem(y, urls.year_url(y), _plan_items(site, by_year[y])) for y in years]
    pages.append(
        Page(
            page_path(urls.PLANS),
            {"title": "Kế hoạch"},
            render(
                corpus,
                "plans.md",
                here=urls.PLANS,
                years=year_items,
                types=[Link(t, urls.type_url(t)) for t in sorted(by_type, key=ascii_fold)],
                agencies_url=urls.AGENCIES,
                localities_url=urls.LOCALITIES,
                undated=_plan_items(site, by_year.get(None, [])),
            ),
        )
    )
    for y in year_items:
        pages.append(
            Page(
                page_path(y.url),
                {"title": f"Kế hoạch năm {y.year}"},
                render(corpus, "plans-year.md", here=y.url, year=y.year, plans=y.plans),
            )
        )
    for t, recs in by_type.items():
        u = urls.type_url(t)
        plans = [r for r in recs if isinstance(r, PlanRecord)]
        docs = [r for r in recs if isinstance(r, DocumentRecord)]
        pages.append(
            Page(
                page_path(u),
                {"title": t},
                render(
                    corpus,
                    "type.md",
                    here=u,
                    name=t,
                    plans=_plan_items(site, plans),
                    documents=_doc_items(site, docs),
                ),
            )
        )
    types = [
        CountedLink(t, urls.type_url(t), len(r))
        for t, r in sorted(by_type.items(), key=lambda kv: ascii_fold(kv[0]))
    ]
    pages.append(
        Page(
            page_path(urls.TYPES),
            {"title": "Loại văn bản"},
            render(corpus, "types.md", here=urls.TYPES, types=types),
        )
    )
    pages.append(
        Page(
            page_path(urls.DOCUMENTS),
            {"title": "Văn bản được trích dẫn"},
            render(corpus, "documents.md", here=urls.DOCUMENTS, documents=_doc_items(site, corpus.documents)),
        )
    )
    return pages


@dataclass(frozen=True)
class YearItem:
    year: int
    url: str
    plans: list[PlanItem]


def home_page(corpus: Corpus, derived: Derived) -> list[Page]:
    site = Site.of(corpus, derived)
    home = next((r for r in corpus.pages if r.url == ""), None)  # content/index.md, as validated
    intro = home.src.body if home is not None else "# Công khai\n"
    newest = sorted(site.plans, key=_newest_key, reverse=True)[:NEWEST]
    meta = {
        "template": "home.html",
        "title": "Trang chủ",
        "newest": [
            {
                **site.ref(r),
                "issuer": site.agency(r.plan.issuer),
                "date": format_date_vi(r.plan.issued) or "chưa có ngày ban hành",
                "summary": plan_summary(derived, r.key),
            }
            for r in newest
        ],
        "as_of": as_of_vi(derived.git.reference_date),
        "counts": {
            "plans": len(site.plans),
            "documents": len(corpus.documents),
            "agencies": len(corpus.agencies),
            "tasks": sum(len(derived.tasks.get(r.key, [])) for r in site.plans),
        },
    }
    return [Page(page_path(""), meta, intro.strip())]


def search_page(corpus: Corpus, derived: Derived) -> list[Page]:
    return [
        Page(
            page_path(urls.SEARCH),
            {
                "template": "search.html",
                "title": "Tìm kiếm",
                "description": "Tìm trong toàn văn kế hoạch và văn bản",
            },
            "",
        )
    ]  # the heading is in the template (no table of contents, no skip link)
