"""resolve: each citation to a registry entry or a published plan (eyecite's `resolve_citations`).

Order of evidence:
1. exact key (name-cited documents: the name's slug, or a registry alias);
2. the number among registry entries, plans and plans' confirmed `cited_as` numbers; when several
   documents share it ("16/KH-UBND" of a ward and of a commune) they are told apart by date, by
   the issuer phrase, and — when the issuer is only implied ("của UBND xã") — by closeness to the
   citing plan's own agency and province;
3. a later bare mention of a number takes the document of its antecedent in the same text;
4. otherwise the citation stays unresolved; if an unnumbered published plan has the same issuer,
   period and title, it is reported as a probable match (CK081) that the editor confirms with
   `cited_as` in that plan's front-matter.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..base.cache import caches
from ..base.text import match_form
from ..base.vietnamese import is_law
from ..content.corpus import Citable, Corpus, DocumentRecord, PlanRecord
from ..content.keys import canonical_number
from ..content.model import Plan
from ..content.names import names, number_shown
from .models import Citation

_ABBREV = [
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\btp\.?(?=\s|$)"), "thành phố"),
    (re.compile(r"\bbtv\b"), "ban thường vụ"),
    (re.compile(r"\btw\b"), "trung ương"),
    (re.compile(r"\bmttq\b"), "mặt trận tổ quốc"),
]


def issuer_form(s: str) -> str:
    """Comparable form of an issuer phrase: one tone placement, abbreviations expanded."""
    s = match_form(s).replace("…", " ").strip(" .,;")
    for rx, full in _ABBREV:
        s = rx.sub(full, s)
    return " ".join(s.split())


@dataclass
class Target:
    key: str  # the key a citation of this document carries ("16/KH-UBND@ubnd-phuong-hoa-xuan-2025")
    record: str  # key of the plan or registry record
    kind: str  # "plan" | "document"
    url: str
    title: str | None
    type: str | None
    number: str | None
    issued: str | None
    issuer: str | None  # agency id
    status: str | None = None
    replaced_by: str | None = None
    name: str | None = None  # how readers see it named (link titles): builder.content.names


@dataclass
class Index:
    """Everything resolve needs from the corpus, built once per run."""

    by_key: dict[str, Target] = field(default_factory=dict)
    by_number: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, str] = field(default_factory=dict)  # alias as written → key
    agency_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # form → ids
    agency_province: dict[str, str | None] = field(default_factory=dict)
    agency_parent: dict[str, str | None] = field(default_factory=dict)
    agency_level: dict[str, str] = field(default_factory=dict)
    unnumbered_plans: list[PlanRecord] = field(default_factory=list)  # without a number

    def add(self, t: Target) -> None:
        self.by_key.setdefault(t.key, t)
        if t.number:
            self.by_number[t.number].append(t)

    def agencies_for(self, phrase: str | None) -> set[str]:
        if not phrase:
            return set()
        f = issuer_form(phrase)
        if f in self.agency_names:
            return set(self.agency_names[f])
        return set()

    def province(self, agency: str | None) -> str | None:
        return self.agency_province.get(agency or "")


def _province_of(corpus: Corpus, aid: str, seen: set[str] | None = None) -> str | None:
    from ..content import localities

    rec = corpus.agencies.get(aid)
    if rec is None:
        return None
    a = rec.agency
    seen = seen or set()
    for value in (a.locality, a.legacy_locality.successor if a.legacy_locality else None):
        if value:
            # cached ("" for no unit): loading the table of 3,400 units costs more than a
            # `congkhai validate FILE` may spend (the cache follows vietnam-provinces' version)
            store = caches(corpus.root)["locality-province"]
            province = store.get(value)
            if province is None:
                try:
                    unit, _ = localities.resolve(value)
                except Exception:  # the locality table is optional for resolving
                    unit = None
                province = unit.province_code if unit is not None else ""
                store.put(value, province)
            if province:
                return str(province)
    if a.parent and a.parent not in seen:
        seen.add(aid)
        return _province_of(corpus, a.parent, seen)
    return None


def build_index(corpus: Corpus) -> Index:
    idx = Index()
    for aid, rec in corpus.agencies.items():
        a = rec.agency
        for name in [a.name, a.short_name, *a.aliases]:
            if name:
                idx.agency_names[issuer_form(name)].add(aid)
        idx.agency_parent[aid] = a.parent
        idx.agency_level[aid] = a.level
    for aid in corpus.agencies:
        idx.agency_province[aid] = _province_of(corpus, aid)
    for d in corpus.documents:
        doc = d.doc
        name = link_name(corpus, d)
        idx.add(
            Target(
                d.key,
                d.key,
                "document",
                d.url,
                doc.title,
                doc.type,
                canonical_number(doc.number) if doc.number else None,
                doc.issued.isoformat() if doc.issued else None,
                doc.issuer,
                doc.status,
                doc.replaced_by,
                name,
            )
        )
        for alias in doc.aliases:
            idx.aliases[alias] = d.key
        # A number or date that plans print differently (a misprint, an older symbol): the
        # citation still resolves to this entry ("11-QĐ/TW" for 11-QĐi/TW, "28/6/2021" for 28/8).
        for ca in doc.cited_as:
            idx.by_number[canonical_number(ca.number)].append(
                Target(
                    d.key,
                    d.key,
                    "document",
                    d.url,
                    doc.title,
                    doc.type,
                    canonical_number(ca.number),
                    ca.issued.isoformat() if ca.issued else None,
                    doc.issuer,
                    doc.status,
                    doc.replaced_by,
                    name,
                )
            )
    for r in corpus.plans:
        p = r.plan
        if p is None or not r.key:
            continue
        number = canonical_number(p.number) if p.number else None
        idx.add(
            Target(
                r.key,
                r.key,
                "plan",
                r.url,
                p.title,
                p.type,
                number,
                p.issued.isoformat() if p.issued else None,
                p.issuer,
                "hết hiệu lực toàn bộ" if p.status == "het-hieu-luc" else None,
                None,
                link_name(corpus, r),
            )
        )
        if number is None:
            idx.unnumbered_plans.append(r)
    # Numbers under which other documents cite a plan (confirmed by an editor).
    for r in corpus.plans:
        p = r.plan
        if p is None or not r.key:
            continue
        for ca in p.cited_as:
            n = canonical_number(ca.number)
            year = ca.issued.year if ca.issued else r.year
            key = cited_as_key(n, p.issuer, year, idx)
            t = Target(
                key,
                r.key,
                "plan",
                r.url,
                p.title,
                p.type,
                n,
                ca.issued.isoformat() if ca.issued else None,
                p.issuer,
                name=link_name(corpus, r),
            )
            idx.by_key.setdefault(key, t)
            if n not in idx.by_key:
                idx.by_key.setdefault(n, t)
            idx.by_number[n].append(t)
    return idx


def link_name(corpus: Corpus, rec: Citable) -> str:
    """What a link to `rec` says on hover: its name, and a numbered document's trích yếu."""
    n = names(corpus, rec).name
    if (
        isinstance(rec, DocumentRecord)
        and rec.doc.title
        and number_shown(rec.doc)
        and not is_law(rec.doc.type)
    ):
        return f"{n}: {rec.doc.title}"
    return n


def cited_as_key(number: str, issuer: str, year: int | None, idx: Index | None = None) -> str:
    """Key of a plan as others cite it: the number, plus `@issuer-year` when the number is shared."""
    shared = idx is None or bool(idx.by_number.get(number))
    return f"{number}@{issuer}-{year}" if shared and year else number


# -- the citing context --------------------------------------------------------------------


@dataclass
class Context:
    """Who cites: the plan's issuer (for relative phrases "của UBND xã") and its own key."""

    issuer: str | None = None
    key: str | None = None
    url: str | None = None


def _score(c: Citation, t: Target, idx: Index, ctx: Context) -> float | None:
    """How well target `t` fits citation `c` (None: it cannot be that document).

    Local numbers restart per issuer ("01/CT-UBND" exists in every province), so a target issued by
    a local body needs positive evidence — the same date, a matching issuer phrase, or the citing
    plan's own agency or province — while central numbers (TW, CP, TTg, QH) are unique.
    """
    score = 0.0
    evidence = False
    if c.date and t.issued:
        if c.date != t.issued:
            return None
        score += 4
        evidence = True
    if c.issuer:
        cands = idx.agencies_for(c.issuer)
        if t.issuer and cands:
            if t.issuer in cands:
                score += 3 if len(cands) == 1 else 2
                evidence = True
            else:
                score -= 3
    if t.issuer and ctx.issuer:
        if t.issuer == ctx.issuer or idx.agency_parent.get(ctx.issuer) == t.issuer:
            score += 1.5
            evidence = True
        elif idx.province(t.issuer) and idx.province(t.issuer) == idx.province(ctx.issuer):
            score += 1
            evidence = True
    central = t.issuer is not None and idx.agency_level.get(t.issuer) == "trung-uong"
    if not central and not evidence and (t.issuer or "@" in t.key):
        return None
    return score


def _pick(c: Citation, cands: list[Target], idx: Index, ctx: Context) -> Target | None:
    scored = [(s, t) for t in cands if (s := _score(c, t, idx, ctx)) is not None]
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1].record != scored[1][1].record:
        return None  # a tie between two different documents: do not guess
    if scored[0][0] < 0:
        return None
    return scored[0][1]


def _apply(c: Citation, t: Target, ctx: Context) -> None:
    c.key = t.key
    c.target, c.target_kind, c.target_title = t.record, t.kind, t.title
    c.url = t.url
    c.target_number = t.number
    c.target_name = t.name
    c.resolved = True
    c.status = "resolved"


def resolve(cits: list[Citation], idx: Index | None, ctx: Context | None = None) -> list[Citation]:
    """Resolve in place (and return) the citations of one text, in reading order."""
    ctx = ctx or Context()
    last: dict[str, Target] = {}  # number → document of the latest mention (antecedents)
    for c in cits:
        if idx is None:
            continue
        t: Target | None = None
        if c.kind == "named":
            t = idx.by_key.get(c.key)
            if t is None:
                k = _alias_key(c, idx)
                t = idx.by_key.get(k) if k else None
            if t is None and (n := law_number(c.key)):
                t = next(iter(idx.by_number.get(n, [])), None)
        else:
            cands = idx.by_number.get(c.number or "", [])
            if not cands and c.number in idx.by_key:
                cands = [idx.by_key[c.number]]
            bare = not c.date and not c.issuer
            if bare and c.number in last and last[c.number] in cands:
                t = last[c.number]
            elif cands:
                t = _pick(c, cands, idx, ctx)
            if t is None and bare and c.number in last:
                t = last[c.number]
        if t is not None:
            if ctx.key and t.record == ctx.key:
                c.self_citation = True  # the plan citing itself (appendix "kèm theo Kế hoạch số …")
            _apply(c, t, ctx)
            if c.number:
                last[c.number] = t
    if idx is not None:
        _probable(cits, idx, ctx)
    return cits


def _alias_key(c: Citation, idx: Index) -> str | None:
    want = match_form(c.text)
    for a, k in idx.aliases.items():
        if match_form(a) == want:
            return k
    return None


# -- probable matches (CK081) ----------------------------------------------------------------


def _title_form(s: str) -> str:
    s = match_form(s)
    s = re.sub(r"^(?:về việc|về)\s+", "", s)
    return re.sub(r"[^\w\s]", " ", s)


def title_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _title_form(a).split(), _title_form(b).split()).ratio()


def _probable(cits: list[Citation], idx: Index, ctx: Context) -> None:
    """An unresolved numbered citation whose issuer, period and title match an unnumbered plan."""
    if not idx.unnumbered_plans:
        return
    for c in cits:
        if c.resolved or not c.number or not c.title or not c.issuer:
            continue
        agencies = idx.agencies_for(c.issuer)
        best, best_ratio = None, 0.0
        for r in idx.unnumbered_plans:
            p = r.plan
            if p.issuer not in agencies or r.key == ctx.key:
                continue
            if c.date and not _date_fits(dt.date.fromisoformat(c.date), p):
                continue
            ratio = title_similarity(c.title, p.title)
            if ratio > best_ratio:
                best, best_ratio = r, ratio
        if best is not None and best_ratio >= 0.6:
            c.status = "probable"
            c.probable = best.key
            c.probable_url = best.url
            c.probable_path = best.path


def _date_fits(d: dt.date, p: Plan) -> bool:
    if p.issued:
        return p.issued == d
    if p.period:
        # a plan is issued shortly before or during its period
        return p.period.start - dt.timedelta(days=62) <= d <= p.period.end
    return True


# -- documents (mentions merged) --------------------------------------------------------------


def merge(cits: list[Citation]) -> dict[str, dict[str, Any]]:
    """One entry per cited document: the fields known from any of its mentions.

    The date of an undated first mention comes from a later one or a footnote; the issuer is the
    most complete phrase printed ("HĐND thành phố" over "HĐND" cut by a footnote).
    """
    docs: dict[str, dict[str, Any]] = {}
    for c in cits:
        d = docs.setdefault(
            c.key,
            {
                "key": c.key,
                "type": c.type,
                "number": c.number,
                "date": None,
                "issuer": None,
                "title": None,
                "mentions": [],
                "resolved": c.resolved,
                "url": c.url,
                "status": c.status,
                "probable": c.probable,
            },
        )
        d["mentions"].append(c)
        d["date"] = d["date"] or c.date
        if c.issuer and len(c.issuer) > len(d["issuer"] or ""):
            d["issuer"] = c.issuer
        if c.title and not d["title"]:
            d["title"] = c.title
        if c.type and c.type != d["type"] and d["type"] in ("Văn bản", None):
            d["type"] = c.type
        if c.status == "probable":
            d["status"], d["probable"] = "probable", c.probable
    return docs


def unresolved_key(c: Citation) -> str:
    return c.key or (c.number or "")


_LAW_NUMBERS: dict[str, str | None] = {}


def law_number(name_key: str) -> str | None:
    """The number of a law of the built-in gazetteer, from its name-slug key."""
    if not _LAW_NUMBERS:
        from ..base.text import slugify
        from . import grammar as g

        for table, prefix in ((g.LAWS, "luat-"), (g.CODES, "bo-luat-")):
            for name, number in table.items():
                _LAW_NUMBERS[prefix + slugify(name)] = number
    return _LAW_NUMBERS.get(name_key)
