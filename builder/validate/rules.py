"""The validator's core rules over the corpus: numbers and dates, keys and copies, references,
localities, effective-dated issuers, attachments, unsafe HTML, control characters, body limits,
tasks. Each rule is a small function returning diagnostics (builder.validate lists them all)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from ..analysis.state import Derived
from ..base.cache import caches, digest
from ..base.diagnostics import Diagnostic, make
from ..base.urls import url_slug
from ..content import localities
from ..content.corpus import Corpus, PlanRecord, Record, body_print
from ..content.keys import canonical_number, folded, number_family
from .safety import scan_html, scan_markdown


def _pos(rec: Record, *path: str | int) -> tuple[int, int]:
    return rec.src.pos(tuple(path))


def rule_numbers_and_dates(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    for r in c.plans:
        p = r.plan
        if p is None or not c.in_focus(r.path):
            continue
        if not p.number:
            yield make("CK030", r.path, *_pos(r, "number"))
        else:
            n = canonical_number(p.number)
            if number_family(n) is None:
                code = "CK032" if p.status == "ban-hanh" else "CK033"
                yield make(code, r.path, *_pos(r, "number"), number=p.number)
        if not p.issued:
            yield make("CK031", r.path, *_pos(r, "issued"))
        if p.period and p.period.start > p.period.end:
            yield make(
                "CK024",
                r.path,
                *_pos(r, "period"),
                start=p.period.start.isoformat(),
                end=p.period.end.isoformat(),
            )
        elif p.period and p.issued and p.issued > p.period.end:
            yield make(
                "CK034", r.path, *_pos(r, "issued"), issued=p.issued.isoformat(), end=p.period.end.isoformat()
            )
    for d in c.documents:
        if c.in_focus(d.path) and d.doc.number and number_family(canonical_number(d.doc.number)) is None:
            yield make("CK033", d.path, *_pos(d, "number"), number=d.doc.number)


def rule_unique_keys(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """Two plans/entries with one key (a copy under another name) are reported on both files."""
    by_key: dict[str, list[Record]] = {}
    for r in [*c.plans, *c.documents]:
        if r.key:
            by_key.setdefault(r.key, []).append(r)
    for key, recs in by_key.items():
        for r in recs if len(recs) > 1 else []:
            others = ", ".join(o.path for o in recs if o is not r)
            field = "key" if ("key",) in r.src.positions else "number"
            yield make("CK040", r.path, *_pos(r, field), key=key, other=others)
    urls: dict[str, Record] = {}
    for key, recs in by_key.items():
        r = recs[0]
        if isinstance(r, PlanRecord):
            continue  # plan URLs come from their file paths, unique by construction
        u = url_slug(key)
        if u in urls:
            yield make("CK041", r.path, *_pos(r, "number"), url=r.url.rstrip("/"), key=key, other=urls[u].key)
        urls.setdefault(u, r)
    bodies: dict[str, list[PlanRecord]] = {}
    for r in c.plans:
        if r.src.ok and (h := body_print(r.src.body)) is not None:
            bodies.setdefault(h, []).append(r)
    for copies in bodies.values():
        for plan in copies if len(copies) > 1 else []:
            yield make(
                "CK042",
                plan.path,
                plan.src.body_line,
                1,
                other=", ".join(o.path for o in copies if o is not plan),
            )


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    opts = list(options)
    close = difflib.get_close_matches(value, opts, n=1, cutoff=0.6)
    if not close:
        fv = folded(value)
        close = [o for o in opts if folded(o) == fv][:1]
    return f" Có phải ý bạn là “{close[0]}”?" if close else ""


def known_keys(c: Corpus) -> set[str]:
    keys = {r.key for r in [*c.plans, *c.documents] if r.key}
    for r in c.plans:
        if r.plan:
            keys.update(canonical_number(x.number) for x in r.plan.cited_as)
            # the key others cite it by when the number is shared: "16/KH-UBND@ubnd-phuong-hoa-xuan-2025"
            keys.update(
                f"{canonical_number(x.number)}@{r.plan.issuer}-{x.issued.year if x.issued else r.year}"
                for x in r.plan.cited_as
            )
    return keys


def rule_references(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    keys = known_keys(c)
    agencies = c.agencies
    for r in c.plans:
        if r.plan is None or not c.in_focus(r.path):
            continue
        for i, b in enumerate(r.plan.basis):
            if b.ref not in keys and canonical_number(b.ref) not in keys:
                yield make(
                    "CK050", r.path, *_pos(r, "basis", i, "ref"), ref=b.ref, hint=_did_you_mean(b.ref, keys)
                )
        if r.plan.issuer not in agencies:
            yield make(
                "CK051",
                r.path,
                *_pos(r, "issuer"),
                ref=r.plan.issuer,
                hint=_did_you_mean(r.plan.issuer, agencies),
            )
    for rep in c.reports:
        if rep.report.issuer not in agencies:
            yield make(
                "CK051",
                rep.path,
                *_pos(rep, "issuer"),
                ref=rep.report.issuer,
                hint=_did_you_mean(rep.report.issuer, agencies),
            )
    for d in c.documents:
        if d.doc.issuer and d.doc.issuer not in agencies:
            yield make(
                "CK051",
                d.path,
                *_pos(d, "issuer"),
                ref=d.doc.issuer,
                hint=_did_you_mean(d.doc.issuer, agencies),
            )
        if d.doc.replaced_by and d.doc.replaced_by not in keys:
            yield make("CK053", d.path, *_pos(d, "replaced_by"), ref=d.doc.replaced_by)
    for a in agencies.values():
        for fld in ("parent", "successor"):
            v = getattr(a.agency, fld)
            if v and v not in agencies:
                yield make("CK051", a.path, *_pos(a, fld), ref=v, hint=_did_you_mean(v, agencies))


def rule_issuer_dates(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """Issuers are effective-dated: a plan dated after its issuer ceased (or before it began) is wrong."""
    for r in c.plans:
        p = r.plan
        a = c.agencies.get(p.issuer) if p and c.in_focus(r.path) else None
        if a is None or p.issued is None:
            continue
        ag = a.agency
        if ag.valid_until and p.issued > ag.valid_until:
            succ = f" Cơ quan kế thừa: “{ag.successor}”." if ag.successor else ""
            yield make(
                "CK054",
                r.path,
                *_pos(r, "issuer"),
                ref=p.issuer,
                detail=f"đã thôi hoạt động từ sau ngày {ag.valid_until.isoformat()}, trước ngày ban hành {p.issued.isoformat()}.{succ}",
            )
        elif ag.valid_from and p.issued < ag.valid_from:
            yield make(
                "CK054",
                r.path,
                *_pos(r, "issuer"),
                ref=p.issuer,
                detail=f"chỉ hoạt động từ ngày {ag.valid_from.isoformat()}, sau ngày ban hành {p.issued.isoformat()}.",
            )


def rule_localities(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    for a in c.agencies.values():
        if not c.in_focus(a.path):
            continue
        ag = a.agency
        if ag.locality:
            unit, cands = localities.resolve(ag.locality)
            if unit is None:
                detail = (
                    "có ở nhiều nơi: "
                    + "; ".join(f"{u.label} (mã {u.code})" for u in cands[:6])
                    + ". Ghi kèm tỉnh/thành phố hoặc ghi mã."
                    if cands
                    else "không có trong danh mục đơn vị hành chính sau ngày 01/7/2025."
                )
                yield make("CK052", a.path, *_pos(a, "locality"), value=ag.locality, detail=detail)
        if ag.legacy_locality:
            unit, _ = localities.resolve(ag.legacy_locality.successor)
            if unit is None:
                yield make(
                    "CK052",
                    a.path,
                    *_pos(a, "legacy_locality", "successor"),
                    value=ag.legacy_locality.successor,
                    detail="(đơn vị kế thừa) không có trong danh mục đơn vị hành chính hiện nay.",
                )
        if ag.level in ("tinh", "xa") and not ag.locality and not ag.legacy_locality:
            yield make(
                "CK052", a.path, *_pos(a, "level"), value="", detail="chưa được khai báo (`locality`)."
            )


def rule_attachments(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """Attachments name regular files under content/ (resolved lexically: no link is followed);
    files in content/tep/ that nothing references are not published (CK062)."""
    from ..content.attachments import resolve, unreferenced

    owners: list[tuple[Record, list[Any]]] = [(r, r.plan.attachments) for r in c.plans if r.plan is not None]
    owners += [(r, r.report.attachments) for r in c.reports]
    for r, attachments in owners:
        for i, a in enumerate(attachments):
            rel = resolve(r.path, a.file)
            if rel is None:
                yield make("CK061", r.path, *_pos(r, "attachments", i, "file"), file=a.file)
            elif rel not in c.tree:
                yield make("CK060", r.path, *_pos(r, "attachments", i, "file"), file=a.file)
    for rel in unreferenced(c):
        yield make("CK062", rel, 1, 1, file=rel)


def rule_unsafe_html(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    scans = caches(c.root)["validate-scan"]
    for r in _records(c):
        if not r.src.ok or not c.in_focus(r.path):
            continue
        key = digest(r.src.body)  # the scan parses the Markdown: cached by the body it read
        found = scans.get(key) if r.src.body else []
        if found is None:
            found = list(scan_markdown(r.src.body))
            scans.put(key, found)
        for kind, what, line, col in found:
            yield _unsafe(kind, what, r.path, r.src.body_line + line, col)
        yield from _unsafe_strings(r)


def _unsafe(kind: str, what: str, file: str, line: int, col: int) -> Diagnostic:
    if kind == "tag":
        return make("CK070", file, line, col, tag=what)
    if kind == "attr":
        return make("CK071", file, line, col, attr=what)
    if kind == "markup":
        return make("CK073", file, line, col, detail=what)
    return make("CK072", file, line, col, scheme=what)


def _unsafe_strings(r: Record) -> Iterable[Diagnostic]:
    """Front-matter strings are escaped by the templates, but links (evidence, files) are not text."""
    from .safety import bad_scheme

    for path, line, col, v in _strings(r):
        if path[-1] in ("evidence", "file", "source_url", "website") and (s := bad_scheme(v)):
            yield make("CK072", r.path, line, col, scheme=s)
        if "<" in v:
            # a template that forgets to escape must not turn a title into markup either
            for kind, what, _ln, _col in scan_html(v):
                yield _unsafe(kind, what, r.path, line, col)


def _strings(r: Record) -> Iterator[tuple[tuple[Any, ...], int, int, str]]:
    """(key path, line, column, value) of every string of a file's front-matter that has a
    position; one walk of the data (looking each recorded path up from the root again was the
    validator's largest cost after Markdown on plans with hundreds of tasks)."""
    positions = r.src.positions
    stack: list[tuple[tuple[Any, ...], object]] = [((), r.src.data)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, str):
            if path and (at := positions.get(path)) is not None:
                yield path, at[0], at[1], v
        elif isinstance(v, dict):
            stack.extend(((*path, k), x) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend(((*path, i), x) for i, x in enumerate(v))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _records(c: Corpus) -> list[Record]:
    return [*c.plans, *c.reports, *c.documents, *c.agencies.values(), *c.pages]


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _model_dates(obj: object, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], dt.date]]:
    if isinstance(obj, dt.date):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _model_dates(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _model_dates(item, (*path, i))


def rule_values(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """Whatever the field: no control characters in strings (they crash XML feeds and hide text),
    dates within YEARS (year 9999 overflows calendars), no string that cannot be rendered in time."""
    from ..analysis.deadlines import YEARS
    from .limits import MAX_OPEN_BRACKETS, open_brackets

    low, high = YEARS
    for r in _records(c):
        if not r.src.ok or not c.in_focus(r.path):
            continue
        for path, line, col, v in _strings(r):
            if m := _CONTROL.search(v):
                yield make("CK005", r.path, line, col, char=f"U+{ord(m.group(0)):04X}", key=_dotted(path))
            for _ln, _col, n in open_brackets(v):
                yield make("CK103", r.path, line, col, count=n, limit=MAX_OPEN_BRACKETS)
        model = (
            getattr(r, "plan", None)
            or getattr(r, "report", None)
            or getattr(r, "doc", None)
            or getattr(r, "agency", None)
            or getattr(r, "page", None)
        )
        for path, d in _model_dates(model):
            if not low <= d.year <= high:
                yield make(
                    "CK026",
                    r.path,
                    *r.src.pos(path),
                    value=d.isoformat(),
                    key=_dotted(path),
                    low=low,
                    high=high,
                )


def rule_body_limits(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """Bodies the renderer cannot handle: too deeply nested, or too many unclosed `[` (limits.py)."""
    from .limits import MAX_DEPTH, MAX_OPEN_BRACKETS, nesting, open_brackets

    for r in _records(c):
        if not r.src.ok or not c.in_focus(r.path):
            continue
        for line, col, depth in nesting(r.src.body):
            yield make("CK102", r.path, r.src.body_line + line, col, depth=depth, limit=MAX_DEPTH)
        for line, col, n in open_brackets(r.src.body):
            yield make("CK103", r.path, r.src.body_line + line, col, count=n, limit=MAX_OPEN_BRACKETS)


def rule_tasks(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    for r in c.plans:
        if r.plan is None or not c.in_focus(r.path):
            continue
        seen: set[str] = set()
        for i, t in enumerate(r.plan.tasks):
            if t.id in seen:
                yield make("CK092", r.path, *_pos(r, "tasks", i, "id"), task=t.id)
            seen.add(t.id)
            done = t.status == "hoan-thanh" or any(u.status == "hoan-thanh" for u in t.updates)
            if done and not any(u.evidence for u in t.updates):
                yield make("CK091", r.path, *_pos(r, "tasks", i, "status"), task=t.id)
