"""Open data (DESIGN.md "Built site"): api/plans.json, api/documents.json, api/tasks.json,
api/tasks.csv, api/reports.json, and the JSON Schema of each published beside it
(api/<name>.schema.json). Every computed status carries the date it holds for (`as_of`), and a
task's status its evidence: the report (or the plan's own update) it comes from.

Stable keys, deterministic order and bytes: arrays sorted by key (tasks by plan then document
order), `sort_keys`, UTF-8 without escapes. URLs are site-relative paths including the base
path of `site_url` ("/ke-hoach/2025/x/", or "/cong-khai/ke-hoach/…" on a project site).
The CSV has a BOM so spreadsheet programs open Vietnamese text correctly.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..analysis.state import Derived, TaskResult
from ..base import urls
from ..content.corpus import Corpus
from ..content.model import SOURCED_FACTS, Document
from ..content.names import names

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
EXPORTS = ("plans", "documents", "tasks", "reports")
CSV_COLUMNS = [
    "plan_key",
    "plan_url",
    "id",
    "name",
    "group",
    "lead",
    "partners",
    "output",
    "due",
    "due_kind",
    "due_start",
    "due_end",
    "due_dates",
    "recurring",
    "status",
    "status_label",
    "as_of",
    "reported_status",
    "report_url",
    "overdue",
    "late",
]


def base_path(corpus: Corpus) -> str:
    return urls.base_path(corpus.config.site_url)


def _issuer(corpus: Corpus, aid: str | None) -> dict[str, Any] | None:
    if not aid:
        return None
    rec = corpus.agencies.get(aid)
    return {"id": aid, "name": rec.agency.name if rec else None}


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def relations(corpus: Corpus, derived: Derived) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(cites, cited_by) by key: resolved citations found in plan bodies, plus each plan's basis."""
    known = corpus.by_key()
    cites: dict[str, set[str]] = defaultdict(set)
    for plan_key, cits in derived.citations.items():
        for c in cits:
            key = c.key
            # a plan cited by its confirmed `cited_as` number is listed under its own key
            if key and key in known and c.resolved is not False and known[key].key != plan_key:
                cites[plan_key].add(known[key].key)
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        for b in rec.plan.basis:
            if b.ref in known and known[b.ref].key != rec.key:
                cites[rec.key].add(known[b.ref].key)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for src, targets in cites.items():
        for t in targets:
            cited_by[t].add(src)
    return cites, cited_by


def _coverage(corpus: Corpus, derived: Derived, key: str) -> dict[str, Any] | None:
    cv = derived.coverage.get(key)
    if cv is None:
        return None
    return {
        "group": cv.group,
        "quote": cv.quote,
        "units": [{"kind": u.kind, "id": u.id, "name": u.name, "plans": list(u.plans)} for u in cv.units],
        "with_plan": sum(1 for u in cv.units if u.plans),
        "without_plan": sum(1 for u in cv.units if not u.plans),
    }


def plan_items(corpus: Corpus, derived: Derived) -> list[dict[str, Any]]:
    base = base_path(corpus)
    reports: dict[str, list[str]] = defaultdict(list)
    for facts in derived.reports.values():
        for k in dict.fromkeys(facts.plans):
            if k:
                reports[k].append(base + facts.ref.url)
    cites, cited_by = relations(corpus, derived)
    tasks = derived.tasks
    comp = derived.compliance
    notices = derived.notice_urls
    out = []
    for rec in corpus.plans:
        p = rec.plan
        if p is None:
            continue
        info = comp.get(rec.key)
        out.append(
            {
                "key": rec.key,
                "url": base + rec.url,
                "name": names(corpus, rec).name,
                "number": p.number,
                "issued": _iso(p.issued),
                "issuer": _issuer(corpus, p.issuer),
                "title": p.title,
                "type": p.type,
                "place": p.place,
                "period": {"start": p.period.start.isoformat(), "end": p.period.end.isoformat()}
                if p.period
                else None,
                "status": p.status,
                "tasks": len(tasks.get(rec.key, p.tasks)),
                "task_statuses": dict(sorted(Counter(t.status for t in tasks.get(rec.key, [])).items())),
                "as_of": derived.git.reference_date,
                "reports": sorted(reports.get(rec.key, [])),
                "coverage": _coverage(corpus, derived, rec.key),
                "basis": [{"ref": b.ref, "relation": b.relation} for b in p.basis],
                "cites": sorted(cites.get(rec.key, ())),
                "cited_by": sorted(cited_by.get(rec.key, ())),
                "first_published": info.first_published if info else None,
                "published_source": info.published_source if info else None,
                "posted": {"from": info.posted_from, "to": info.posted_to, "place": info.posted_place}
                if info and info.posted_from
                else None,
                "disclosure_working_days": info.working_days if info else None,
                "disclosure_late": bool(info and info.late),
                "notice_url": base + notices[rec.key] if rec.key in notices else None,
                "source": rec.path,
            }
        )
    return sorted(out, key=lambda x: x["key"])


def _sourced(d: Document, name: str) -> Any:
    """A fact exported only when the entry gives its source (an inferred one is listed in
    `inferred`), as on the site."""
    return getattr(d, name) if d.sourced(name) else None


def document_items(corpus: Corpus, derived: Derived) -> list[dict[str, Any]]:
    base = base_path(corpus)
    _, cited_by = relations(corpus, derived)
    links = derived.legal.links
    out = []
    for rec in corpus.documents:
        d = rec.doc
        url = _sourced(d, "source_url")
        out.append(
            {
                "key": rec.key,
                "url": base + rec.url,
                "name": names(corpus, rec).name,
                "number": d.number,
                "issued": _iso(_sourced(d, "issued")),
                "issuer": _issuer(corpus, d.issuer),
                "title": d.title,
                "type": d.type,
                "signer": _sourced(d, "signer"),
                "effective": _iso(_sourced(d, "effective")),
                "status": _sourced(d, "status"),
                "status_as_of": d.status_as_of if d.sourced("status") else None,
                "aliases": list(d.aliases),
                "cited_as": [{"number": c.number, "issued": _iso(c.issued), "by": c.by} for c in d.cited_as],
                "replaced_by": _sourced(d, "replaced_by"),
                "relations": [
                    {
                        "relation": x.relation,
                        "direction": "out" if x.outgoing else "in",
                        "key": x.other,
                        "effective": _iso(x.effective),
                        "part": x.part,
                    }
                    for x in links.get(rec.key, [])
                ],
                "source_url": str(url) if url else None,
                "copies": [{"url": str(c.url), "site": c.site} for c in d.copies]
                if d.sourced("copies")
                else [],
                "sources": [
                    {k: (str(v) if k in ("url", "via") and v else v) for k, v in s.model_dump().items()}
                    for s in d.sources
                ],
                "inferred": [f for f in SOURCED_FACTS if d.has(f) and d.inferred(f)],
                "cited_by": sorted(cited_by.get(rec.key, ())),
            }
        )
    return sorted(out, key=lambda x: x["key"])


def task_items(corpus: Corpus, derived: Derived) -> list[dict[str, Any]]:
    base = base_path(corpus)
    out = []
    for rec in sorted((r for r in corpus.plans if r.plan is not None), key=lambda r: r.key):
        for t in derived.tasks.get(rec.key, []):
            out.append(
                {
                    "plan": {"key": rec.key, "url": base + rec.url},
                    "id": t.id,
                    "name": t.name,
                    "group": t.group,
                    "directs": t.directs,
                    "lead": t.lead,
                    "lead_agency": t.lead_agency,
                    "lead_agencies": list(t.lead_agencies),
                    "partners": t.partners,
                    "output": t.output,
                    "due": t.due,
                    "due_kind": t.due_kind,
                    "due_start": t.due_start,
                    "due_end": t.due_end,
                    "due_dates": list(t.due_dates),
                    "recurring": t.recurring,
                    "status": t.status,
                    "status_label": t.status_label,
                    "as_of": t.as_of,
                    "reported_status": t.reported_status,
                    "overdue": t.overdue,
                    "late": t.late,
                    "evidence": _result(base, t.source),
                    "results": [_result(base, r) for r in t.results],
                    "lead_unresolved": list(t.lead_unresolved),
                    "updates": [asdict(u) for u in t.updates],
                }
            )
    return out


def _result(base: str, r: TaskResult | None) -> dict[str, Any] | None:
    """A reported result: its report (key, URL, number, date) or null for the plan's own update."""
    if r is None:
        return None
    rep = r.report
    return {
        "status": r.status,
        "date": r.date,
        "note": r.note,
        "evidence": r.evidence,
        "report": {"key": rep.key, "url": base + rep.url, "number": rep.number, "issued": rep.issued}
        if rep
        else None,
    }


def report_items(corpus: Corpus, derived: Derived) -> list[dict[str, Any]]:
    base = base_path(corpus)
    plans = {r.key: r for r in corpus.plans}
    out = []
    for rec in corpus.reports:
        r = rec.report
        facts = derived.reports[rec.url]
        out.append(
            {
                "key": rec.key,
                "url": base + rec.url,
                "number": r.number,
                "issued": _iso(r.issued),
                "issuer": _issuer(corpus, r.issuer),
                "title": r.title,
                "type": r.type,
                "reports_on": [
                    {"ref": written, "key": k, "url": base + plans[k].url if k in plans else None}
                    for written, k in zip(r.reports_on, facts.plans, strict=True)
                ],
                "results": [
                    {
                        "plan": pk,
                        "task": tid or res.task,
                        "status": res.status,
                        "date": _iso(res.date),
                        "note": res.note,
                        "evidence": res.evidence,
                    }
                    for res, (pk, tid) in zip(r.results, facts.results, strict=True)
                ],
                "source": rec.path,
            }
        )
    return sorted(out, key=lambda x: x["url"])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one that starts like a formula (= + - @, tab, CR)
    gets a leading apostrophe, as OWASP's CSV-injection guidance says; the JSON keeps the value."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def tasks_csv(items: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    w.writerow(CSV_COLUMNS)
    for t in items:
        row = {
            **t,
            "plan_key": t["plan"]["key"],
            "plan_url": t["plan"]["url"],
            "due_dates": " ".join(t["due_dates"]),
            "report_url": ((t.get("evidence") or {}).get("report") or {}).get("url"),
            "overdue": "true" if t["overdue"] else "false",
            "late": "true" if t.get("late") else "false",
        }
        w.writerow([spreadsheet_cell(row.get(c)) for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()


def dumps(data: Any) -> str:
    """JSON with sorted keys; a list one item per line (a diff shows which record changed, and
    the standard library's C encoder writes each line: its indenting encoder is pure Python, a
    third of a second on 500 plans' records)."""
    if isinstance(data, list) and data:
        return (
            "[\n"
            + ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in data)
            + "\n]\n"
        )
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"api-{name}.schema.json").read_text(encoding="utf-8"))
    return data


def post_build(corpus: Corpus, derived: Derived, site: Path) -> None:
    api = site / "api"
    api.mkdir(parents=True, exist_ok=True)
    data = {
        "plans": plan_items(corpus, derived),
        "documents": document_items(corpus, derived),
        "tasks": task_items(corpus, derived),
        "reports": report_items(corpus, derived),
    }
    for name, items in data.items():
        (api / f"{name}.json").write_text(dumps(items), encoding="utf-8")
        (api / f"{name}.schema.json").write_text(dumps(schema(name)), encoding="utf-8")
    (api / "tasks.csv").write_text(tasks_csv(data["tasks"]), encoding="utf-8", newline="")
