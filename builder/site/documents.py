"""The registry's document pages: identity ("Thuộc tính"), force in time, relations both ways, the
official text, a copyable citation, the sources of every fact, and the plans that cite it.

Only facts that the entry backs with a source reach the page (an inferred one says so), so that
no date, status or address is shown that `content/` does not source. The plans that cite a
document are grouped by how they cite it (thực hiện, căn cứ, trích dẫn) and by the level of their
issuer; a page keeps only a few of each group with their sentences and lists every plan on
numbered pages of its own (`…/trich-dan/`, `…/trich-dan/2/`), so a document cited by thousands of
plans stays light.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..analysis.state import Derived, DocLink
from ..base import urls
from ..base.urls import page_path
from ..base.vietnamese import (
    CITES_VI,
    CONFIDENCE_VI,
    DOC_RELATION_VI,
    FACT_VI,
    LEVEL_HEADING_VI,
    format_date_short,
    format_date_vi,
    format_partial_date,
    is_law,
)
from ..content.corpus import Corpus, DocumentRecord, PlanRecord
from ..content.keys import number_family
from ..content.model import NOT_IN_FORCE, Document
from ..content.names import fact, number_shown
from .escape import meta_text
from .feedback import feedback
from .pages import Site, _quote, _search_meta, _sentence
from .render import render
from .stage import Page

PER_GROUP = 3  # plans shown with their sentence per (how it cites, level) on the document's page
PER_LIST_PAGE = 100  # plans per page of the full list
_ORDER = ("thuc-hien", "can-cu", "cites")


# -- sources -----------------------------------------------------------------------------------


def _sources(site: Site, rec: DocumentRecord) -> tuple[list[dict[str, Any]], dict[str, list[int]]]:
    """The entry's sources as shown (numbered from 1), and for each fact the numbers backing it."""
    out: list[dict[str, Any]] = []
    backing: dict[str, list[int]] = defaultdict(list)
    plans = {r.path: r for r in site.plans}
    law = is_law(rec.doc.type)
    for n, s in enumerate(rec.doc.sources, 1):
        plan = plans.get(s.file or "")
        out.append(
            {
                "n": n,
                "facts": ", ".join("tên" if f == "title" and law else FACT_VI.get(f, f) for f in s.facts),
                "what": s.what,
                "url": str(s.url) if s.url else None,
                "plan": {"label": site.label(plan), "url": plan.url} if plan else None,
                "file": s.file if not plan else None,
                "where": s.where,
                "via": str(s.via) if s.via else None,
                "quote": s.quote,
                "inferred": s.confidence == "suy-luan",
                "confidence": CONFIDENCE_VI[s.confidence],
            }
        )
        for f in s.facts:
            backing[f].append(n)
    return out, backing


def _row(
    d: Document,
    backing: dict[str, list[int]],
    name: str,
    label: str,
    value: str | None,
    url: str | None = None,
) -> dict[str, Any] | None:
    """One attribute, with its source numbers; None when the entry has no value to show."""
    if not value:
        return None
    return {
        "label": label,
        "value": value,
        "url": url,
        "sources": backing.get(name, []),
        "inferred": d.inferred(name),
    }


# -- force in time -----------------------------------------------------------------------------


def _timeline(
    site: Site, rec: DocumentRecord, links: list[DocLink], reference: dt.date | None
) -> list[dict[str, Any]]:
    """Issue, entry into force and every change, dated, oldest first; undated changes last."""
    d = rec.doc
    events: list[dict[str, Any]] = []
    issued, effective = fact(d, "issued"), fact(d, "effective")
    if isinstance(issued, dt.date):
        events.append({"date": issued, "text": "Thông qua" if is_law(d.type) else "Ban hành", "ref": None})
    if isinstance(effective, dt.date):
        events.append({"date": effective, "text": "Có hiệu lực", "ref": None})
    for link in links:
        if link.relation not in ("sua-doi", "thay-the", "bai-bo"):
            continue
        other = site.by_key.get(link.other)
        if other is None:
            continue
        active, passive = DOC_RELATION_VI[link.relation]
        text = active if link.outgoing else passive
        events.append({"date": link.effective, "text": text, "ref": site.ref(other), "part": link.part})
    dated = sorted((e for e in events if e["date"]), key=lambda e: e["date"])
    undated = [e for e in events if not e["date"]]
    for e in dated:
        e["upcoming"] = bool(reference and e["date"] > reference)
        e["date"] = format_date_short(e["date"])
    for e in undated:
        e["upcoming"] = False
        e["date"] = ""
    return dated + undated


def _now(site: Site, rec: DocumentRecord, links: list[DocLink], reference: dt.date | None) -> str:
    """What the sourced dates and relations say of the document on the reference date, when it
    differs from or adds to its recorded status: not yet in force, or ended by another act."""
    if reference is None:
        return ""
    effective = fact(rec.doc, "effective")
    if isinstance(effective, dt.date) and effective > reference:
        return f"Chưa có hiệu lực tại ngày đối chiếu; có hiệu lực từ {format_date_short(effective)}."
    for link in links:
        if (
            not link.outgoing
            and link.relation in ("thay-the", "bai-bo")
            and link.effective
            and link.effective <= reference
        ):
            other = site.by_key.get(link.other)
            verb = "bị thay thế" if link.relation == "thay-the" else "bị bãi bỏ"
            return f"Đã {verb} từ {format_date_short(link.effective)}" + (
                f" bởi {site.label(other)}." if other else "."
            )
    pending = [link for link in links if not link.outgoing and link.effective and link.effective > reference]
    if pending:
        return "Có văn bản sửa đổi, thay thế chưa có hiệu lực tại ngày đối chiếu (xem quá trình hiệu lực)."
    return ""


def _relations(site: Site, links: list[DocLink]) -> list[dict[str, Any]]:
    """Relations both ways, grouped: "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"…"""
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        other = site.by_key.get(link.other)
        if other is None:
            continue
        active, passive = DOC_RELATION_VI[link.relation]
        heading = active if link.outgoing else passive
        groups.setdefault(heading, []).append(
            {**site.ref(other), "effective": format_date_short(link.effective), "part": link.part}
        )
    return [{"heading": h, "docs": docs} for h, docs in groups.items()]


def _official(site: Site, d: Document) -> dict[str, Any]:
    """The official text's address when recorded; else where such a text is published, in words."""
    url = fact(d, "source_url")
    copies = [{"url": str(c.url), "site": c.site} for c in d.copies] if fact(d, "copies") else []
    if url:
        return {"url": str(url), "copies": copies}
    issuer = site.agency(d.issuer).get("name")
    family = number_family(d.number) if d.number else None
    if is_law(d.type) or family == "qppl":
        where = (
            "Văn bản quy phạm pháp luật được đăng Công báo và trên Cơ sở dữ liệu quốc gia về văn bản "
            "pháp luật (vbpl.vn); tra theo số, ký hiệu."
        )
    elif not issuer:
        where = "Chưa rõ cơ quan ban hành nên chưa rõ nơi đăng bản chính thức."
    elif family == "dang":
        where = f"Văn bản của Đảng do {issuer} ban hành; bản chính thức lưu tại cơ quan ban hành và cấp ủy nhận văn bản."
    else:
        where = f"Bản chính thức do {issuer} ban hành và lưu giữ; có thể tra trên cổng thông tin điện tử của cơ quan này."
    return {"url": None, "where": where, "copies": copies}


# -- citing plans ----------------------------------------------------------------------------


def _citing(site: Site, rec: DocumentRecord) -> dict[str, dict[str, Any]]:
    """Every plan citing `rec`: how (the strongest: thực hiện, căn cứ, else trích dẫn), its level,
    its sentences."""
    out: dict[str, dict[str, Any]] = {}
    for plan, c in site.cited_by.get(rec.key, []):
        e = out.setdefault(plan.key, {"plan": plan, "how": "cites", "cits": []})
        e["cits"].append(c)
        if c.role and _ORDER.index(c.role) < _ORDER.index(e["how"]):
            e["how"] = c.role
    for plan, relation in site.basis_of.get(id(rec), []):
        e = out.setdefault(plan.key, {"plan": plan, "how": "cites", "cits": []})
        if _ORDER.index(relation) < _ORDER.index(e["how"]):
            e["how"] = relation
    return out


def _level(site: Site, plan: PlanRecord) -> str:
    a = site.corpus.agencies.get(plan.plan.issuer)
    return a.agency.level if a else "khac"


def _newest(plan: PlanRecord) -> tuple[dt.date, str]:
    p = plan.plan
    return (p.issued or (p.period.start if p.period else None) or dt.date.min, plan.path)


def _item(site: Site, e: dict[str, Any], sentences: int) -> dict[str, Any]:
    plan: PlanRecord = e["plan"]
    quotes: list[dict[str, Any]] = []
    for c in e["cits"]:
        if len(quotes) >= sentences:
            break
        q = _quote(_sentence(plan, c), c.text or "")
        if q["before"] + q["text"] + q["after"] and q not in quotes:
            quotes.append(q)
    return {**site.ref(plan), "sentences": quotes}


def _groups(site: Site, citing: dict[str, dict[str, Any]], list_url: str | None) -> list[dict[str, Any]]:
    groups = []
    for how in _ORDER:
        entries = [e for e in citing.values() if e["how"] == how]
        if not entries:
            continue
        levels = []
        for level, heading in LEVEL_HEADING_VI.items():
            mine = sorted(
                (e for e in entries if _level(site, e["plan"]) == level),
                key=lambda e: _newest(e["plan"]),
                reverse=True,
            )
            if not mine:
                continue
            shown = mine if list_url is None else mine[:PER_GROUP]
            levels.append(
                {
                    "heading": heading,
                    "count": len(mine),
                    "plans": [_item(site, e, 1 if list_url else 3) for e in shown],
                    "more": len(mine) - len(shown),
                }
            )
        groups.append({"heading": CITES_VI[how], "count": len(entries), "levels": levels})
    return groups


def _list_pages(site: Site, rec: DocumentRecord, label: str, citing: dict[str, dict[str, Any]]) -> list[Page]:
    """Every citing plan, PER_LIST_PAGE a page: how it cites, level, name, date."""
    rows = sorted(
        citing.values(),
        key=lambda e: (
            _ORDER.index(e["how"]),
            list(LEVEL_HEADING_VI).index(_level(site, e["plan"])),
            -_newest(e["plan"])[0].toordinal(),
            _newest(e["plan"])[1],
        ),
    )
    pages_n = (len(rows) + PER_LIST_PAGE - 1) // PER_LIST_PAGE
    out = []
    for i in range(pages_n):
        url = urls.document_citations_url(rec.url, i + 1)
        chunk = rows[i * PER_LIST_PAGE : (i + 1) * PER_LIST_PAGE]
        items = [
            {
                "how": CITES_VI[e["how"]],
                "level": LEVEL_HEADING_VI[_level(site, e["plan"])],
                "label": site.label(e["plan"]),
                "url": e["plan"].url,
                "meta": "" if e["plan"].plan.number else site.meta_line(e["plan"]),
            }
            for e in chunk
        ]
        nav = [
            {"n": j + 1, "url": urls.document_citations_url(rec.url, j + 1), "here": j == i}
            for j in range(pages_n)
        ]
        body = render(
            site.corpus,
            "document-citations.md",
            here=url,
            label=label,
            doc_url=rec.url,
            total=len(rows),
            items=items,
            pages=nav if pages_n > 1 else [],
            first=i * PER_LIST_PAGE + 1,
        )
        title = f"Kế hoạch trích dẫn {label}" + (f" (trang {i + 1}/{pages_n})" if pages_n > 1 else "")
        out.append(Page(page_path(url), {"title": title, "description": meta_text(title)}, body))
    return out


# -- the page ----------------------------------------------------------------------------------


def document_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    site = Site.of(corpus, derived)
    legal = derived.legal
    reference = legal.reference
    pages: list[Page] = []
    for rec in corpus.documents:
        d = rec.doc
        n = site.names(rec)
        sources, backing = _sources(site, rec)
        links = legal.links.get(rec.key, [])
        number = number_shown(d)
        status = fact(d, "status")
        issuer = site.agency(d.issuer)
        identity = [
            _row(d, backing, "type", "Loại văn bản", d.type),
            _row(d, backing, "number", "Số, ký hiệu", number or "không ghi số"),
            _row(
                d,
                backing,
                "issued",
                "Ngày thông qua" if is_law(d.type) else "Ngày ban hành",
                format_date_vi(d.issued) if d.issued and d.sourced("issued") else None,
            ),
            _row(d, backing, "issuer", "Cơ quan ban hành", issuer.get("name"), issuer.get("url")),
            _row(d, backing, "signer", "Người ký", d.signer if d.sourced("signer") else None),
            _row(
                d,
                backing,
                "title",
                "Tên" if is_law(d.type) else "Trích yếu",
                d.title if d.sourced("title") else None,
            ),
        ]
        force = [
            _row(
                d,
                backing,
                "effective",
                "Ngày có hiệu lực",
                format_date_vi(d.effective) if d.effective and d.sourced("effective") else None,
            ),
            _row(
                d,
                backing,
                "status",
                "Tình trạng hiệu lực",
                (d.status or "").capitalize()
                + (f" (tính đến {format_partial_date(d.status_as_of)})" if d.status_as_of else "")
                if d.status and d.sourced("status")
                else None,
            ),
        ]
        citing = _citing(site, rec)
        list_url = urls.document_citations_url(rec.url, 1) if len(citing) > 2 * PER_GROUP else None
        title = n.name + (f": {d.title}" if site.title(rec) else "")
        meta = {
            "template": "document.html",
            "title": title,
            "description": meta_text(n.citation),
            "doc": {
                "key": rec.key,
                "label": n.label,
                "name": n.name,
                "kicker": n.kicker,
                "type": d.type,
                "number": number,
                "title": site.title(rec),
                "aliases": d.aliases,
                "identity": [r for r in identity if r],
                "force": [r for r in force if r],
                "status_missing": not (d.status and d.sourced("status")),
                "effective_missing": not (d.effective and d.sourced("effective")),
                "not_in_force": isinstance(status, str) and status in NOT_IN_FORCE,
                "now": _now(site, rec, links, reference),
                "reference": format_date_vi(reference),
                "timeline": _timeline(site, rec, links, reference),
                "relations": _relations(site, links),
                "cited_as": [
                    {"number": c.number, "issued": format_date_short(c.issued), "by": c.by}
                    for c in d.cited_as
                ],
                "official": _official(site, d),
                "citation": n.citation,
                "sources": sources,
                "note": d.note,
            },
            "cited_total": len(citing),
            "cited_in": _groups(site, citing, list_url),
            "cited_list_url": list_url,
            "feedback": feedback(
                corpus, derived, rec, label=n.name, agency_id=d.issuer, subject=f"Góp ý về {title}"
            ),
            "search": _search_meta(site, rec),
        }
        pages.append(Page(page_path(rec.url), meta, rec.src.body.strip()))
        if list_url:
            pages.extend(_list_pages(site, rec, n.label, citing))
    return pages
