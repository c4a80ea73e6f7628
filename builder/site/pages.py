"""Page generators for the public website (steps.PAGE_GENERATORS → `generators`).

Each page is staged Markdown whose front-matter carries everything its template in overrides/
needs (page.meta): the templates only lay it out. URLs in meta are site-relative
("van-ban/59-2023-nd-cp/"); templates pass them through mkdocs' `url` filter.
Data from other steps (citations, tasks, git) is used when present and skipped when absent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import defaultdict
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from .. import localities
from ..corpus import Corpus, DocumentRecord, PlanRecord, Record
from ..keys import canonical_number
from ..model import NOT_IN_FORCE, PLAN_STATUS_VI, TASK_STATUS_VI
from ..stage import Page, md_link, plan_body
from ..text import ascii_fold, slugify
from . import format_date_short, format_date_vi, format_period_vi, format_size_vi
from .escape import md_text, meta_text
from .search import filter_value, fold_terms

SEARCH_URL = "tim-kiem/"
RELATION_VI = {"can-cu": "Căn cứ", "thuc-hien": "Thực hiện"}
NEWEST = 10


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Citation and task entries may be dicts or objects, depending on the step that made them."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


# -- lookups ---------------------------------------------------------------------------------


class Site:
    """Indexes over the corpus shared by every generator of one build."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.plans = [r for r in corpus.plans if r.plan is not None]
        self.by_key: dict[str, Record] = corpus.by_key()
        self.by_number: dict[str, list[Record]] = defaultdict(list)
        for r in [*self.plans, *corpus.documents]:
            num = r.plan.number if isinstance(r, PlanRecord) else r.doc.number
            if num:
                self.by_number[canonical_number(num)].append(r)
        self.citations: dict[str, list] = corpus.derived.get("citations") or {}
        self.cited_by: dict[str, list[tuple[PlanRecord, Any]]] = defaultdict(list)
        for rec in self.plans:
            for c in self.citations.get(rec.key, []):
                key = _get(c, "key")
                if key and _get(c, "resolved", True):
                    self.cited_by[key].append((rec, c))
        # Plans by the record their `basis` points at, built once: looking it up per page instead
        # of scanning every plan per page keeps page generation linear (10,000 plans: hours → s).
        self.basis_of: dict[int, list[tuple[PlanRecord, str]]] = defaultdict(list)
        for rec in self.plans:
            for b in rec.plan.basis:
                target = self.find(b.ref)
                if target is not None:
                    self.basis_of[id(target)].append((rec, b.relation))

    def find(self, ref: str | None) -> Record | None:
        if not ref:
            return None
        if ref in self.by_key:
            return self.by_key[ref]
        cands = self.by_number.get(canonical_number(ref.split("@")[0]), [])
        return cands[0] if len(cands) == 1 else None

    def agency(self, aid: str | None) -> dict:
        if not aid:
            return {}
        rec = self.corpus.agencies.get(aid)
        if rec is None:
            return {"id": aid, "name": aid, "url": None}
        a = rec.agency
        return {"id": aid, "name": a.name, "short": a.short_name or a.name, "url": rec.url}

    def locality(self, aid: str | None) -> dict:
        """The locality of an agency: official unit when it has a code, else the text written."""
        rec = self.corpus.agencies.get(aid or "")
        if rec is None or not rec.agency.locality:
            return {}
        code = rec.agency.locality
        unit = localities.by_code(code) if code.isdigit() else localities.resolve(code)[0]
        if unit is None:
            return {"code": slugify(code), "name": code, "url": f"dia-ban/{slugify(code)}/"}
        return {"code": unit.code, "name": unit.label, "url": f"dia-ban/{unit.code}/",
                "province": unit.province_name, "province_code": unit.province_code}

    def label(self, r: Record) -> str:
        """'Nghị định 59/2023/NĐ-CP' / 'Kế hoạch (chưa có số)'."""
        if isinstance(r, PlanRecord):
            return f"{r.plan.type} {r.plan.number}" if r.plan.number else f"{r.plan.type} (chưa có số)"
        d = r.doc
        if d.number:
            return f"{d.type} {d.number}"
        # documents cited by name: the name they are cited by, else their type and title
        return d.aliases[0] if d.aliases else (f"{d.type} {d.title}" if d.title else f"{d.type} ({r.key})")

    def title(self, r: Record) -> str:
        return r.plan.title if isinstance(r, PlanRecord) else (r.doc.title or "")

    def ref(self, r: Record, **extra: Any) -> dict:
        issued = r.plan.issued if isinstance(r, PlanRecord) else r.doc.issued
        return {"key": r.key, "label": self.label(r), "title": self.title(r), "url": r.url,
                "issued": format_date_vi(issued), "kind": "plan" if isinstance(r, PlanRecord) else "doc", **extra}


# -- plan pages ------------------------------------------------------------------------------


def _attachments(corpus: Corpus, rec: PlanRecord) -> list[dict]:
    from ..attachments import TEP, resolve
    from ..files import read_bytes

    out = []
    for att in rec.plan.attachments:
        item: dict[str, Any] = {"title": att.title, "file": att.file}
        rel = resolve(rec.path, att.file)  # lexical: a link is never followed
        if rel is not None and rel.startswith(TEP) and rel in corpus.tree:
            data, _ = read_bytes(corpus.root / rel)
            item.update(url=rel.removeprefix("content/"), size=len(data), size_label=format_size_vi(len(data)),
                        sha256=hashlib.sha256(data).hexdigest(), kind=PurePosixPath(rel).suffix.lstrip(".").upper())
        out.append(item)
    return out


def _task_rows(corpus: Corpus, rec: PlanRecord) -> list[dict]:
    derived = (corpus.derived.get("tasks") or {}).get(rec.key)
    rows = []
    if derived is not None:
        for t in derived:
            status = _get(t, "status")
            label = _get(t, "status_label") or TASK_STATUS_VI.get(status or "", "")
            rows.append({"id": _get(t, "id"), "name": _get(t, "name"), "group": _get(t, "group"),
                         "lead": _get(t, "lead"), "partners": _get(t, "partners"), "due": _get(t, "due"),
                         "status": status, "status_label": label, "overdue": bool(_get(t, "overdue"))})
        return rows
    for t in rec.plan.tasks:
        rows.append({"id": t.id, "name": t.name, "group": t.group, "lead": t.lead, "partners": t.partners,
                     "due": t.due, "status": t.status, "status_label": TASK_STATUS_VI.get(t.status or "", ""),
                     "overdue": False})
    return rows


def _history(corpus: Corpus, rec: PlanRecord) -> tuple[list[dict], dict]:
    git = corpus.derived.get("git") or {}
    files = git.get("files") or {}
    info = files.get(rec.path) or files.get(rec.path.removeprefix("content/")) or {}
    hist = [{"date": format_date_vi(h.get("date")), "iso": str(h.get("date") or "")[:10],
             "message": h.get("message") or "", "sha": (h.get("sha") or "")[:10], "url": h.get("url")}
            for h in info.get("history") or []]
    published = rec.plan.published or info.get("first_published")
    prov = {"commit": git.get("commit"), "commit_short": (git.get("commit") or "")[:10], "sha256": rec.sha256,
            "first_published": format_date_vi(published), "source": rec.path}
    return hist, prov


def _cascade(site: Site, rec: PlanRecord) -> dict:
    """Levels of "thực hiện" above this plan (farthest first) and of plans below it, up to 3 each."""
    rel = site.corpus.derived.get("relations")

    def up(key: str) -> list[str]:
        if rel is not None:
            return [k for k, r in rel.basis(key) if r == "thuc-hien"]
        r0 = site.by_key.get(key)
        return [x.key for b in (r0.plan.basis if isinstance(r0, PlanRecord) else [])
                if b.relation == "thuc-hien" and (x := site.find(b.ref)) is not None]

    def down(key: str) -> list[str]:
        if rel is not None:
            return sorted({k for k, r in rel.cited_by(key) if r == "thuc-hien"})
        return [p.key for p in site.plans if rec.key in up(p.key)]

    def levels(step, start: str) -> list[list[Record]]:
        out, seen, frontier = [], {start}, [start]
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


def _sentence(rec: PlanRecord, c: Any) -> str:
    """The sentence a citation appears in, as plain text (for the cited document's page)."""
    if _get(c, "sentence"):
        return " ".join(str(_get(c, "sentence")).split())
    text = rec.src.body
    start, end = _get(c, "start"), _get(c, "end")
    cited = _get(c, "text") or ""
    if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == cited):
        line = _get(c, "line")
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
    s = text[left + 1 if left >= 0 else 0: right + 1]
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)  # links → their text
    s = re.sub(r"\[\^[^\]]*\]|[#*_>`]", "", s)  # footnote marks and emphasis
    s = " ".join(s.split())
    return s if len(s) <= 600 else s[:600].rsplit(" ", 1)[0] + " …"


def _quote(sentence: str, cited: str, room: int = 220) -> dict:
    """A sentence split around the citation (shown highlighted), trimmed to `room` characters each side."""
    cited = " ".join(cited.split())
    i = sentence.find(cited) if cited else -1
    if i < 0:
        return {"before": sentence, "text": "", "after": ""}
    before, after = sentence[:i], sentence[i + len(cited):]
    if len(before) > room:
        before = "… " + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + " …"
    return {"before": before, "text": cited, "after": after}


def _repo_links(corpus: Corpus, rec: Record, title: str) -> dict:
    repo = _repo_url(corpus)
    if not repo:
        return {}
    path = rec.path.removeprefix("content/")
    return {"edit": f"{repo}/edit/main/content/{path}",
            "feedback": f"{repo}/issues/new?title=" + quote(f"Góp ý: {title}"[:200]) +
                        "&body=" + quote(f"Trang: {rec.url}\nTệp: {rec.path}\n\nNội dung góp ý:\n")}


def _repo_url(corpus: Corpus) -> str:
    """repo_url of mkdocs.yml (with its !ENV default), as builder.gitinfo reads it."""
    from ..gitinfo import repo_url

    return repo_url(corpus.root) or ""


def _search_meta(site: Site, rec: Record, *texts: str) -> dict:
    if isinstance(rec, PlanRecord):
        p = rec.plan
        issuer, kind, issued, status = p.issuer, p.type, p.issued or (p.period.start if p.period else None), \
            PLAN_STATUS_VI.get(p.status, p.status)
        number, title = p.number, p.title
    else:
        d = rec.doc  # type: ignore[attr-defined]
        issuer, kind, issued, status = d.issuer, d.type, d.issued, (d.status or "").capitalize()
        number, title = d.number, d.title
    ag = site.agency(issuer)
    loc = site.locality(issuer)
    filters = {"Loại văn bản": kind, "Cơ quan": ag.get("short") or ag.get("name"),
               "Địa bàn": loc.get("name"), "Năm": str(issued.year) if issued else None, "Trạng thái": status}
    return {"filters": {k: filter_value(v) for k, v in filters.items() if v},
            "date": issued.isoformat() if issued else "",
            "fold": fold_terms(number or "", title or "", ag.get("name", ""), *texts)}


def _disclosure(corpus: Corpus, rec: PlanRecord) -> dict | None:
    """First publication online vs issue date (Luật 10/2022/QH15 Art. 12.3, 47.2: 5 working days)."""
    from ..compliance import analyze as compliance

    info = compliance(corpus).get(rec.key)
    if not info:
        return None
    first = info.get("first_published")
    shown = format_date_vi(dt.date.fromisoformat(first)) if first else ""
    note = (info.get("note_vi") or "").removeprefix(f"Đăng công khai {shown}; ")  # the date is shown beside it
    return {"first_published": shown, "late": bool(info.get("late")), "note": note[:1].upper() + note[1:]}


def plan_pages(corpus: Corpus) -> list[Page]:
    site = Site(corpus)
    pages = []
    for rec in site.plans:
        p = rec.plan
        issuer = site.agency(p.issuer)
        basis = []
        notices = []
        for b in p.basis:
            r = site.find(b.ref)
            item = {"relation": RELATION_VI[b.relation], "ref": b.ref}
            if r is not None:
                item.update(site.ref(r))
                if isinstance(r, DocumentRecord) and (r.doc.status or "") in NOT_IN_FORCE:
                    repl = site.find(r.doc.replaced_by)
                    notices.append({"label": site.label(r), "url": r.url, "status": r.doc.status,
                                    "replaced_by": site.ref(repl) if repl else (
                                        {"label": r.doc.replaced_by} if r.doc.replaced_by else None)})
            basis.append(item)
        derived_notices = (corpus.derived.get("legal_notices") or {}).get(rec.key)
        if derived_notices is not None:  # the citation step resolved the basis: trust it
            notices = [{"label": f"{n.get('type') or ''} {n.get('number') or n.get('ref')}".strip(), "url": n.get("url"),
                        "status": n.get("status"),
                        "replaced_by": ({"label": n.get("replaced_by_number") or n.get("replaced_by"),
                                         "url": n.get("replaced_by_url")} if n.get("replaced_by") else None)}
                       for n in derived_notices]
        cites: dict[str, dict] = {}
        for c in site.citations.get(rec.key, []):
            key = _get(c, "key")
            r = site.find(key) if key and _get(c, "resolved", True) else None
            if r is not None and r is not rec and r.key not in cites:
                cites[r.key] = site.ref(r)
        for b in basis:
            if b.get("url") and b["key"] not in cites:
                cites[b["key"]] = {k: v for k, v in b.items() if k not in ("relation", "ref")}
        rel = corpus.derived.get("relations")
        if rel is not None:
            for k in rel.cites(rec.key):
                r = site.by_key.get(k)
                if r is not None and r is not rec:
                    cites.setdefault(k, site.ref(r))
        cited_by = {}
        if rel is not None:
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
        history, provenance = _history(corpus, rec)
        disclosure = _disclosure(corpus, rec)
        body = plan_body(corpus, rec)
        tasks = _task_rows(corpus, rec)
        meta = {
            "template": "plan.html",
            "title": p.title,
            "description": meta_text(f"{site.label(rec)} của {issuer.get('name', '')}: {p.title}"),
            "plan_key": rec.key,
            "plan": {
                "type": p.type, "number": p.number, "label": site.label(rec),
                "issued": format_date_vi(p.issued), "issuer": issuer, "place": p.place,
                "locality": site.locality(p.issuer),
                "period": format_period_vi(p.period.start, p.period.end) if p.period else "",
                "signer": p.signer.model_dump() if p.signer else None,
                "status": p.status, "status_label": PLAN_STATUS_VI.get(p.status, p.status),
                "recipients": p.recipients, "source_note": p.source_note,
                "cited_as": [f"{c.number}" + (f" {format_date_vi(c.issued)}" if c.issued else "") for c in p.cited_as],
                "issued_by_decision": (" ".join(x for x in ("Quyết định", f"số {p.issued_by_decision.number}" if p.issued_by_decision.number else "",
                                                            format_date_vi(p.issued_by_decision.issued) if p.issued_by_decision.issued else "") if x)
                                       if p.issued_by_decision else ""),
            },
            "basis": basis,
            "notices": notices,
            "tasks": tasks,
            "task_groups": any(t.get("group") for t in tasks),
            "attachments": _attachments(corpus, rec),
            "related": {"cites": list(cites.values()), "cited_by": list(cited_by.values())},
            "cascade": _cascade(site, rec),
            "history": history,
            "provenance": provenance,
            "links": _repo_links(corpus, rec, site.label(rec)),
            "notice_url": (corpus.derived.get("notice_urls") or {}).get(rec.key),
            "disclosure": disclosure,
            "search": _search_meta(site, rec, rec.src.body, *(t.get("name") or "" for t in tasks)),
        }
        pages.append(Page(rec.url.rstrip("/") + ".md", meta, body))
    return pages


# -- document pages ----------------------------------------------------------------------------


def document_pages(corpus: Corpus) -> list[Page]:
    site = Site(corpus)
    pages = []
    for rec in corpus.documents:
        d = rec.doc
        cited_in: dict[str, dict] = {}
        for plan, c in site.cited_by.get(rec.key, []):
            entry = cited_in.setdefault(plan.key, {**site.ref(plan), "sentences": []})
            s = _quote(_sentence(plan, c), _get(c, "text") or "")
            if s["before"] + s["text"] + s["after"] and s not in entry["sentences"]:
                entry["sentences"].append(s)
        for plan, relation in site.basis_of.get(id(rec), []):
            if plan.key not in cited_in:
                cited_in[plan.key] = {**site.ref(plan), "sentences": [], "relation": RELATION_VI[relation]}
        repl = site.find(d.replaced_by)
        meta = {
            "template": "document.html",
            "title": f"{site.label(rec)}" + (f": {d.title}" if d.title and d.number else ""),
            "description": meta_text(d.title or site.label(rec)),
            "doc": {
                "key": rec.key, "label": site.label(rec), "type": d.type, "number": d.number,
                "issued": format_date_vi(d.issued), "issuer": site.agency(d.issuer), "title": d.title,
                "aliases": d.aliases, "status": d.status, "not_in_force": (d.status or "") in NOT_IN_FORCE,
                "replaced_by": site.ref(repl) if repl else ({"label": d.replaced_by} if d.replaced_by else None),
                "source_url": str(d.source_url) if d.source_url else None, "note": d.note,
            },
            "cited_in": sorted(cited_in.values(), key=lambda e: e["label"]),
            "links": _repo_links(corpus, rec, site.label(rec)),
            "search": _search_meta(site, rec, d.note or "", *d.aliases),
        }
        pages.append(Page(rec.url.rstrip("/") + ".md", meta, rec.src.body.strip()))
    return pages


# -- agencies, localities, indexes, home, search -------------------------------------------------


def _plan_list(site: Site, from_url: str, plans: list[PlanRecord]) -> str:
    if not plans:
        return "*Chưa có kế hoạch nào.*\n"
    lines = []
    for r in sorted(plans, key=_newest_key, reverse=True):
        per = r.plan.period
        when = (f"ban hành {format_date_short(r.plan.issued)}" if r.plan.issued else
                f"kỳ {format_date_short(per.start)}–{format_date_short(per.end)}" if per else "chưa có ngày")
        lines.append(f"- [{md_text(r.plan.title)}]({md_link(from_url, r.url)})  \n"
                     f"  {md_text(site.label(r))} · {md_text(site.agency(r.plan.issuer).get('short', ''))} · {when}")
    return "\n".join(lines) + "\n"


def _doc_list(site: Site, from_url: str, docs: list[Record]) -> str:
    lines = []
    for r in sorted(docs, key=lambda r: (r.doc.type, ascii_fold(r.doc.number or r.key))):  # type: ignore[attr-defined]
        t = f": {md_text(r.doc.title)}" if r.doc.title and r.doc.number else ""  # type: ignore[attr-defined]
        lines.append(f"- [{md_text(site.label(r))}]({md_link(from_url, r.url)}){t}")
    return "\n".join(lines) + "\n" if lines else "*Chưa có văn bản nào.*\n"


def _newest_key(r: PlanRecord) -> tuple:
    p = r.plan
    d = p.issued or p.published or (p.period.start if p.period else None) or dt.date.min
    return (d, r.path)


def agency_pages(corpus: Corpus) -> list[Page]:
    from .tasks import table_html, tasks_led_by

    site = Site(corpus)
    tasks_led = tasks_led_by(corpus)
    pages = []
    for aid, rec in corpus.agencies.items():
        a = rec.agency
        url = rec.url
        plans = [r for r in site.plans if r.plan.issuer == aid]
        docs = [r for r in corpus.documents if r.doc.issuer == aid]
        children = [c for c in corpus.agencies.values() if c.agency.parent == aid]
        parent = corpus.agencies.get(a.parent or "")
        successor = corpus.agencies.get(a.successor or "")
        loc = site.locality(aid)
        facts = []
        if a.short_name and a.short_name != a.name:
            facts.append(f"**Tên viết tắt:** {md_text(a.short_name)}")
        facts.append("**Cấp:** " + {"trung-uong": "Trung ương", "tinh": "Tỉnh, thành phố",
                                     "xa": "Xã, phường, đặc khu", "khac": "Khác"}[a.level])
        if loc:
            facts.append(f"**Địa bàn:** [{md_text(loc['name'])}]({md_link(url, loc['url'])})")
        if a.legacy_locality:
            facts.append(f"**Địa bàn trước ngày 1 tháng 7 năm 2025:** {md_text(a.legacy_locality.name)}")
        if parent:
            facts.append(f"**Cơ quan cấp trên:** [{md_text(parent.agency.name)}]({md_link(url, parent.url)})")
        if a.valid_until:
            facts.append(f"**Hoạt động đến:** {format_date_vi(a.valid_until)}")
        if successor:
            facts.append(f"**Cơ quan kế thừa:** [{md_text(successor.agency.name)}]({md_link(url, successor.url)})")
        if a.website:
            facts.append(f"**Trang thông tin điện tử:** <{a.website}>")
        body = "\n".join(f"- {f}" for f in facts) + "\n\n"
        if rec.src.body.strip():
            body += rec.src.body.strip() + "\n\n"
        body += "## Kế hoạch đã ban hành\n\n" + _plan_list(site, url, plans)
        led = tasks_led.get(aid, [])
        if led:
            body += (f"\n## Nhiệm vụ chủ trì ({len(led)})\n\nCác nhiệm vụ trong kế hoạch mà cơ quan này được giao chủ trì, "
                     "nhiệm vụ quá hạn ở trên.\n\n" + table_html(led, from_url=url) + "\n")
        if docs:
            body += "\n## Văn bản khác trong danh mục\n\n" + _doc_list(site, url, docs)
        if children:
            body += "\n## Cơ quan trực thuộc\n\n" + "\n".join(
                f"- [{md_text(c.agency.name)}]({md_link(url, c.url)})" for c in children) + "\n"
        pages.append(Page(url.rstrip("/") + ".md", {"title": a.name, "description": meta_text(f"Kế hoạch và văn bản của {a.name}")},
                          f"# {md_text(a.name)}\n\n{body}"))
    # the agencies index
    url = "co-quan/"
    by_level: dict[str, list] = defaultdict(list)
    for rec in corpus.agencies.values():
        by_level[rec.agency.level].append(rec)
    body = "# Cơ quan\n\nCác cơ quan ban hành kế hoạch và văn bản trên trang này.\n\n"
    for level, name in (("trung-uong", "Trung ương"), ("tinh", "Tỉnh, thành phố"), ("xa", "Xã, phường, đặc khu"),
                        ("khac", "Cơ quan khác")):
        recs = sorted(by_level.get(level, []), key=lambda r: ascii_fold(r.agency.name))
        if recs:
            body += f"## {name}\n\n" + "\n".join(
                f"- [{md_text(r.agency.name)}]({md_link(url, r.url)}) — "
                f"{sum(1 for p in site.plans if p.plan.issuer == r.id)} kế hoạch" for r in recs) + "\n\n"
    pages.append(Page("co-quan.md", {"title": "Cơ quan"}, body))
    return pages


def locality_pages(corpus: Corpus) -> list[Page]:
    site = Site(corpus)
    groups: dict[str, tuple[dict, list[PlanRecord]]] = {}
    for r in site.plans:
        loc = site.locality(r.plan.issuer)
        if not loc:
            continue
        groups.setdefault(loc["url"], (loc, []))[1].append(r)
        if loc.get("province_code") and loc["province_code"] != loc["code"]:
            prov = localities.by_code(loc["province_code"])
            if prov:
                ploc = {"code": prov.code, "name": prov.name, "url": f"dia-ban/{prov.code}/"}
                groups.setdefault(ploc["url"], (ploc, []))[1].append(r)
    for aid in corpus.agencies:  # every agency page links its locality, with plans there or not
        loc = site.locality(aid)
        if loc:
            groups.setdefault(loc["url"], (loc, []))
    pages = []
    for url, (loc, plans) in groups.items():
        body = f"# {md_text(loc['name'])}\n\nKế hoạch của các cơ quan trên địa bàn {md_text(loc['name'])}.\n\n"
        body += _plan_list(site, url, plans)
        pages.append(Page(url.rstrip("/") + ".md", {"title": loc["name"]}, body))
    idx = "dia-ban/"
    body = "# Địa bàn\n\n" + ("\n".join(
        f"- [{md_text(loc['name'])}]({md_link(idx, url)}) — {len(plans)} kế hoạch"
        for url, (loc, plans) in sorted(groups.items(), key=lambda kv: ascii_fold(kv[1][0]["name"])))
        or "*Chưa có địa bàn nào.*") + "\n"
    pages.append(Page("dia-ban.md", {"title": "Địa bàn"}, body))
    return pages


def index_pages(corpus: Corpus) -> list[Page]:
    site = Site(corpus)
    pages = []
    by_year: dict[int | None, list[PlanRecord]] = defaultdict(list)
    for r in site.plans:
        by_year[r.year].append(r)
    years = sorted((y for y in by_year if y), reverse=True)
    url = "ke-hoach/"
    body = "# Kế hoạch\n\nTất cả kế hoạch, mới nhất trước. Xem theo năm: " + ", ".join(
        f"[{y}]({md_link(url, f'ke-hoach/{y}/')})" for y in years) + ".\n\n"
    by_type: dict[str, list[Record]] = defaultdict(list)
    for r in [*site.plans, *corpus.documents]:
        by_type[r.plan.type if isinstance(r, PlanRecord) else r.doc.type].append(r)  # type: ignore[attr-defined]
    body += "Xem theo loại văn bản: " + ", ".join(
        f"[{md_text(t)}]({md_link(url, f'loai/{slugify(t)}/')})" for t in sorted(by_type, key=ascii_fold)) + ". "
    body += f"Xem theo [cơ quan]({md_link(url, 'co-quan/')}) hoặc [địa bàn]({md_link(url, 'dia-ban/')}).\n\n"
    for y in years:
        body += f"## Năm {y}\n\n" + _plan_list(site, url, by_year[y]) + "\n"
    if by_year.get(None):
        body += "## Chưa rõ năm\n\n" + _plan_list(site, url, by_year[None])
    pages.append(Page("ke-hoach.md", {"title": "Kế hoạch"}, body))
    for y in years:
        u = f"ke-hoach/{y}/"
        pages.append(Page(f"ke-hoach/{y}.md", {"title": f"Kế hoạch năm {y}"},
                          f"# Kế hoạch năm {y}\n\n" + _plan_list(site, u, by_year[y])))
    for t, recs in by_type.items():
        u = f"loai/{slugify(t)}/"
        plans = [r for r in recs if isinstance(r, PlanRecord)]
        docs = [r for r in recs if isinstance(r, DocumentRecord)]
        body = f"# {md_text(t)}\n\n"
        if plans:
            body += "## Đăng toàn văn trên trang này\n\n" + _plan_list(site, u, plans) + "\n"
        if docs:
            body += "## Trong danh mục văn bản được trích dẫn\n\n" + _doc_list(site, u, docs)
        pages.append(Page(u.rstrip("/") + ".md", {"title": t}, body))
    pages.append(Page("loai.md", {"title": "Loại văn bản"}, "# Loại văn bản\n\n" + "\n".join(
        f"- [{md_text(t)}]({md_link('loai/', f'loai/{slugify(t)}/')}) — {len(r)}"
        for t, r in sorted(by_type.items(), key=lambda kv: ascii_fold(kv[0]))) + "\n"))
    u = "van-ban/"
    pages.append(Page("van-ban.md", {"title": "Văn bản được trích dẫn"},
                      "# Văn bản được trích dẫn\n\nLuật, nghị định, chỉ thị, nghị quyết và các văn bản khác mà "
                      "kế hoạch trên trang này căn cứ, thực hiện hoặc nhắc đến.\n\n" + _doc_list(site, u, corpus.documents)))
    return pages


def home_page(corpus: Corpus) -> list[Page]:
    site = Site(corpus)
    home = next((r for r in corpus.pages if r.url == ""), None)  # content/index.md, as validated
    intro = home.src.body if home is not None else "# Công khai\n"
    newest = sorted(site.plans, key=_newest_key, reverse=True)[:NEWEST]
    meta = {"template": "home.html", "title": "Trang chủ",
            "newest": [{**site.ref(r), "issuer": site.agency(r.plan.issuer),
                        "date": format_date_vi(r.plan.issued) or "chưa có ngày ban hành"} for r in newest],
            "counts": {"plans": len(site.plans), "documents": len(corpus.documents),
                       "agencies": len(corpus.agencies),
                       "tasks": sum(len(_task_rows(corpus, r)) for r in site.plans)}}
    return [Page("index.md", meta, intro.strip())]


def search_page(corpus: Corpus) -> list[Page]:
    return [Page("tim-kiem.md", {"template": "search.html", "title": "Tìm kiếm",
                                 "description": "Tìm trong toàn văn kế hoạch và văn bản"},
                 "")]  # the heading is in the template (no table of contents, no skip link)


generators = [plan_pages, document_pages, agency_pages, locality_pages, index_pages, home_page, search_page]
