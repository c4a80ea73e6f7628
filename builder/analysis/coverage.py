"""Implementation coverage — "ai chưa có kế hoạch thực hiện?"

When a plan directs subordinate units to issue their own plans ("Các phòng chuyên môn thuộc UBND
xã … xây dựng và ban hành kế hoạch triển khai", "UBND các xã, phường xây dựng kế hoạch …"), its
page lists the units it expects — the communes of its province (the locality tree of
`vietnam-provinces`) or the agencies registered under it (content/co-quan/ `parent`) — and which
of them have published a plan here that implements it (`basis` relation `thuc-hien`).

Conservative by design: a plan counts only when one passage (a heading with the paragraph
under it, a paragraph, or a task with its lead) names a group of subordinate units *and* tells them to build
or issue a plan. A mention of "các phòng, ban" that only asks them to carry out the plan is not
enough, and nothing is listed for a plan that does not say so.

Fills derived.coverage[plan key]: a `state.Coverage` (plans without such a passage have none).
"""

from __future__ import annotations

import re

from ..base.cache import caches
from ..base.text import match_form, nfc
from ..content import localities
from ..content.corpus import Corpus, PlanRecord
from .state import Coverage, Derived, ExpectedUnit

# "build / issue a plan" (the instruction), on lower-cased NFC text.
_MAKE_PLAN = re.compile(r"(?:xây dựng|ban hành|xây dựng và ban hành)\s+(?:các\s+)?kế hoạch")
# Groups of subordinate units, most specific first: (pattern, group).
_GROUPS = [
    (
        re.compile(r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(?:các\s+xã|cấp\s+xã|các\s+phường)"),
        "communes",
    ),
    (re.compile(r"các\s+(?:phòng|cơ quan)\s+chuyên môn"), "offices"),
    (re.compile(r"(?:các\s+)?(?:phòng,\s*ban,\s*)?đơn vị\s+(?:trực\s+)?thuộc"), "units"),
    (re.compile(r"các\s+phòng,\s*ban"), "units"),
]
GROUP_VI = {
    "communes": "Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn",
    "offices": "Các phòng chuyên môn",
    "units": "Các cơ quan, đơn vị trực thuộc",
}
_HEADING = re.compile(r"^#{1,6}\s")
MAX_QUOTE = 400


def _passages(rec: PlanRecord) -> list[str]:
    """Paragraphs, each heading with the paragraph under it (a heading names the units, the
    paragraph tells them what to do), and tasks with their lead."""
    paras = [p.strip() for p in re.split(r"\n[ \t]*\n", rec.src.body) if p.strip()]
    out = list(paras)
    for i, para in enumerate(paras[:-1]):
        if _HEADING.match(para) and not _HEADING.match(paras[i + 1]):
            out.append(para + "\n\n" + paras[i + 1])
    out += [f"{t.lead or ''}: {t.name}" for t in rec.plan.tasks]
    return out


def directive(rec: PlanRecord) -> tuple[str, str] | None:
    """(group, the passage as written) when the plan tells a group of units to issue plans."""
    for text in _passages(rec):
        folded = " ".join(nfc(text).casefold().split())  # not match_form: it moves tone marks
        if not _MAKE_PLAN.search(folded):
            continue
        for rx, group in _GROUPS:
            if rx.search(folded):
                quote = " ".join(re.sub(r"[#*_\\]", "", text).split())
                return group, quote if len(quote) <= MAX_QUOTE else quote[: MAX_QUOTE - 1] + "…"
    return None


def expected_units(corpus: Corpus, rec: PlanRecord, group: str) -> list[tuple[str, str, str]]:
    """(kind, id, name): "locality" with a commune code, or "agency" with an agency id."""
    issuer = rec.plan.issuer
    if group == "communes":
        unit = localities.agency_unit(corpus.agencies, issuer)
        if unit is None or not unit.is_province:  # a commune has no communes under it
            return []
        return [("locality", u.code, u.name) for u in localities.communes(unit.code)]
    children = sorted((a for a in corpus.agencies.values() if a.agency.parent == issuer), key=lambda a: a.id)
    if group == "offices":
        children = [a for a in children if match_form(a.agency.name).startswith(("phòng", "văn phòng"))]
    return [("agency", a.id, a.agency.name) for a in children]


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.coverage (reads derived.relations: which plans implement which)."""
    rel = derived.relations
    issuers = {r.key: r.plan.issuer for r in corpus.plans if r.plan is not None}
    out: dict[str, Coverage] = {}
    # a plan's directive depends on its own file only: kept by the file's hash (scanning every
    # passage of 500 full-size plans took half a second of each build)
    store = caches(corpus.root)["coverage-directive"]
    for rec in corpus.plans:
        if rec.plan is None or not rec.key:
            continue
        sha = rec.sha256 if rec.src.text else None  # a stub (`validate FILE`) has no text
        kept = store.get(sha) if sha else None
        if isinstance(kept, list) and len(kept) == 1:
            found = kept[0]
        else:
            found = directive(rec)
            if sha:
                store.put(sha, [found])
        if found is None:
            continue
        group, quote = found
        units = expected_units(corpus, rec, group)
        if not units:
            continue
        below = sorted({k for k, r in rel.cited_by(rec.key) if r == "thuc-hien" and k in issuers})
        by_agency: dict[str, list[str]] = {}
        by_place: dict[str, list[str]] = {}
        for k in below:
            by_agency.setdefault(issuers[k], []).append(k)
            unit = localities.agency_unit(corpus.agencies, issuers[k])
            if unit is not None:
                by_place.setdefault(unit.code, []).append(k)
        out[rec.key] = Coverage(
            group=group,
            group_vi=GROUP_VI[group],
            quote=quote,
            units=[
                ExpectedUnit(
                    kind=kind,
                    id=uid,
                    name=name,
                    plans=(by_place if kind == "locality" else by_agency).get(uid, []),
                )
                for kind, uid, name in units
            ],
        )
    derived.coverage = out
