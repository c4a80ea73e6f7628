"""The legal step: how registry documents act on each other, and each plan's cited documents
judged in time.

Relations between registry documents (`relations` in content/van-ban/: sửa đổi, thay thế, bãi bỏ,
hướng dẫn, quy định chi tiết; and the older `replaced_by`) are declared once, on the document that
acts; both directions are derived here (ELI's `amends` / `amended_by`).

A plan's cited documents are judged as of two dates (issue 13, "point in time"):
- its issue date: its own `issued`; else the date another document cites it with (`cited_as`);
  else only a lower bound, the latest date among the documents its preamble cites (a plan is
  issued on or after the documents it is based on);
- the reference date ("today", builder.analysis.gitinfo), so that a build is reproducible.
A change takes effect on its own date (the relation's `effective`, else the acting document's);
only sourced, non-inferred dates count. A change whose acting document was issued after the
reference date did not exist yet and is not shown.
"""

from __future__ import annotations

import datetime as dt

from ..base.vietnamese import format_date_short
from ..citations.relations import BASIS
from ..content.corpus import Corpus, DocumentRecord, PlanRecord
from ..content.model import ENDS_FORCE, NOT_IN_FORCE
from ..content.names import fact
from .state import Derived, DocLink, IssueDate, LegalFacts, LegalNotice

CHANGES = ("sua-doi", "thay-the", "bai-bo")  # what changes the text or the force of the other


def links(corpus: Corpus) -> dict[str, list[DocLink]]:
    """Every registry relation, from both ends, in a stable order."""
    by_key = {r.key: r for r in corpus.documents}
    out: dict[str, list[DocLink]] = {r.key: [] for r in corpus.documents}

    def add(
        actor: DocumentRecord, relation: str, other: str, effective: dt.date | None, part: str | None
    ) -> None:
        if other not in by_key or other == actor.key:
            return  # an unknown key is the validator's CK122
        when = effective or _date(actor, "effective")
        out[actor.key].append(DocLink(relation, True, other, when, part))
        out[other].append(DocLink(relation, False, actor.key, when, part))

    for rec in corpus.documents:
        d = rec.doc
        if d.sourced("relations"):
            for r in d.relations:
                add(rec, r.relation, r.ref, r.effective, r.part)
        if d.replaced_by and d.replaced_by in by_key and d.sourced("replaced_by"):
            add(by_key[d.replaced_by], "thay-the", rec.key, None, None)
    for k, ls in out.items():
        ls.sort(key=lambda x: (x.effective or dt.date.max, x.relation, x.other, x.outgoing))
        # one relation declared twice (relations and replaced_by) is one link
        out[k] = list(dict.fromkeys(ls))
    return out


def _date(rec: DocumentRecord | PlanRecord, name: str) -> dt.date | None:
    if isinstance(rec, PlanRecord):
        value = getattr(rec.plan, name, None)
        return value if isinstance(value, dt.date) else None
    value = fact(rec.doc, name)
    return value if isinstance(value, dt.date) else None


def issue_date(corpus: Corpus, derived: Derived, rec: PlanRecord) -> IssueDate:
    p = rec.plan
    if p.issued:
        return IssueDate(p.issued, None, f"ngày ban hành {format_date_short(p.issued)}")
    dated = [c for c in p.cited_as if c.issued]
    if dated:
        c = dated[0]
        return IssueDate(
            c.issued,
            None,
            f"ngày {format_date_short(c.issued)}, theo văn bản trích dẫn kế hoạch là {c.number}",
        )
    by_key = corpus.by_key()
    bound: tuple[dt.date, str] | None = None
    for key, _relation in derived.relations.basis(rec.key):
        other = by_key.get(key)
        when = _date(other, "issued") if other is not None else None
        if when and (bound is None or when > bound[0]):
            bound = (when, key)
    if bound:
        when, key = bound
        label = _short_ref(by_key[key])
        return IssueDate(
            None,
            when,
            f"kế hoạch chưa ghi ngày ban hành; căn cứ {label} ngày {format_date_short(when)} nên ban hành sau ngày đó",
        )
    return IssueDate(None, None, "kế hoạch chưa ghi ngày ban hành")


def _short_ref(rec: DocumentRecord | PlanRecord) -> str:
    if isinstance(rec, PlanRecord):
        return f"{rec.plan.type} {rec.plan.number}" if rec.plan.number else rec.plan.type
    d = rec.doc
    return f"{d.type} {d.number}" if d.number else d.type


def timing(issued: IssueDate, effective: dt.date | None, reference: dt.date | None) -> str:
    """When a change took effect relative to the plan's issue date and the reference date."""
    if effective is None:
        return "khong-ro-ngay"
    if reference is not None and effective > reference:
        return "sap"
    if issued.date is not None:
        return "truoc" if effective <= issued.date else "sau"
    if issued.after is not None and effective <= issued.after:
        return "truoc"
    return "chua-ro"


def notices(corpus: Corpus, derived: Derived, facts: LegalFacts, rec: PlanRecord) -> list[LegalNotice]:
    by_key = corpus.by_key()
    basis = dict(derived.relations.basis(rec.key))  # strongest relation first: thực hiện, căn cứ
    cited = [k for k in derived.relations.cites(rec.key) if k not in basis]
    issued = facts.issue_dates[rec.key]
    out: list[LegalNotice] = []
    for key in [*basis, *cited]:
        doc = by_key.get(key)
        role = basis.get(key)
        role = role if role in BASIS else None
        if isinstance(doc, PlanRecord):  # a plan of this site that its issuer declared expired
            if role and doc.plan is not None and doc.plan.status == "het-hieu-luc":
                out.append(
                    LegalNotice(
                        key, role, "het-hieu-luc", None, None, "khong-ro-ngay", "hết hiệu lực toàn bộ"
                    )
                )
            continue
        if doc is None:
            continue
        ended = False
        for link in facts.links.get(key, []):
            if link.outgoing or link.relation not in CHANGES:
                continue
            actor = by_key[link.other]
            actor_issued = _date(actor, "issued")
            if facts.reference and actor_issued and actor_issued > facts.reference:
                continue  # not yet issued on the reference date
            when = timing(issued, link.effective, facts.reference)
            ended = ended or (link.relation in ENDS_FORCE and when != "sap")
            out.append(LegalNotice(key, role, link.relation, link.other, link.effective, when))
        status = fact(doc.doc, "status")
        if not ended and isinstance(status, str) and status in NOT_IN_FORCE:
            out.append(
                LegalNotice(
                    key, role, "het-hieu-luc", None, None, "khong-ro-ngay", status, doc.doc.status_as_of
                )
            )
    return out


def analyze(corpus: Corpus, derived: Derived) -> None:
    reference = derived.git.reference
    plans = [r for r in corpus.plans if r.plan is not None and r.key]
    facts = LegalFacts(
        links=links(corpus),
        issue_dates={r.key: issue_date(corpus, derived, r) for r in plans},
        reference=reference,
    )
    derived.legal = facts
    derived.legal_notices = {r.key: notices(corpus, derived, facts, r) for r in plans}
