"""Validator rules of the citation step (run after `pipeline.analyze`).

- CK080: a cited document matches nothing — with a registry stub ready to paste;
- CK081: it probably is a published plan that lacks its number — confirm with `cited_as`;
- CK082–CK084: a plan's basis (căn cứ / thực hiện) repealed before its issue, repealed or amended
  since (judged by builder.analysis.legal).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, make
from ..base.text import quote_form
from ..base.vietnamese import legal_change_vi, legal_when_vi
from ..citations.models import Citation
from ..citations.resolve import Index, merge
from ..content import stubs
from ..content.corpus import Corpus, PlanRecord, Record
from ..content.names import names


def position(c: Citation) -> tuple[int, int]:
    """Line and column of a mention in its content file."""
    return (c.file_line if c.file_line is not None else c.line), (c.column if c.column is not None else 1)


def _unresolved_docs(corpus: Corpus, derived: Derived) -> Iterable[tuple[Record, dict[str, Any]]]:
    by_key = {r.key: r for r in corpus.plans}
    for plan_key, cits in derived.citations.items():
        rec = by_key.get(plan_key)
        if rec is None:
            continue
        in_tasks = [
            c
            for fields in derived.task_citations.get(plan_key, {}).values()
            for tc in fields.values()
            for c in tc
        ]
        docs = merge([c for c in [*cits, *in_tasks] if not c.resolved])
        for doc in docs.values():
            yield rec, doc
    for report in corpus.reports:  # progress reports cite like plans (their page links them)
        for doc in merge(
            [c for c in derived.report_citations.get(report.url, []) if not c.resolved]
        ).values():
            yield report, doc


def rule_unresolved(corpus: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    idx = derived.citation_index
    for rec, doc in _unresolved_docs(corpus, derived):
        first = doc["mentions"][0]
        at = (rec.path, *position(first))
        text = " ".join(first.text.split())
        if doc["status"] == "probable":
            target = next((r for r in corpus.plans if r.key == doc["probable"]), None)
            yield make(
                "CK081",
                *at,
                text=text,
                plan=target.path if target else doc["probable"],
                stub=cited_as_stub(doc),
            )
        else:
            yield make("CK080", *at, text=text, stub=registry_stub(doc, idx, rec.path).strip())


def registry_stub(doc: dict[str, Any], idx: Index | None, cited_in: str | None = None) -> str:
    """The registry entry of a cited document that matches nothing (`resolve.merge`'s fields);
    its issuer is the agency of the registry when the printed name designates exactly one; the
    plan `cited_in` (and its first mention) is the source of what it says."""
    agencies = sorted(idx.agencies_for(doc["issuer"])) if idx else []
    first = doc["mentions"][0] if doc.get("mentions") else None
    return stubs.document_stub(
        key=doc["key"],
        number=doc["number"],
        type_=doc["type"],
        date=doc["date"],
        issuer_id=agencies[0] if len(agencies) == 1 else None,
        title=doc["title"],
        issuer_as_cited=doc["issuer"],
        cited_in=cited_in,
        quote=quote_form(first.text) if first is not None else None,
    )


def cited_as_stub(doc: dict[str, Any]) -> str:
    lines = ["cited_as:", f'  - number: "{doc["number"]}"']
    if doc["date"]:
        lines.append(f"    issued: {doc['date']}")
    lines.append('    by: "<người xác nhận: khớp trích yếu, cơ quan, kỳ kế hoạch>"')
    return "\n".join(lines)


def rule_basis_in_force(corpus: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    """CK082: a basis already repealed when the plan was issued; CK083: repealed, replaced or no
    longer in force since (or at a time that cannot be placed); CK084: amended since."""
    by_key = corpus.by_key()
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        issued = derived.legal.issue_dates.get(rec.key)
        for n in derived.legal_notices.get(rec.key, []):
            if not n.warns or issued is None:
                continue
            line, col = _basis_position(rec, n.ref, derived)
            target, actor = by_key.get(n.ref), by_key.get(n.by or "")
            code = "CK084" if n.change == "sua-doi" else "CK082" if n.timing == "truoc" else "CK083"
            yield make(
                code,
                rec.path,
                line,
                col,
                lead=f"{when}, căn cứ" if (when := legal_when_vi(n.timing, issued.how_vi)) else "Căn cứ",
                ref=names(corpus, target).name if target is not None else n.ref,
                change=legal_change_vi(
                    n.change,
                    names(corpus, actor).name if actor is not None else None,
                    n.effective,
                    status=n.status,
                    as_of=n.status_as_of,
                ),
            )


def _basis_position(rec: PlanRecord, ref: str, derived: Derived) -> tuple[int, int]:
    from ..content.keys import canonical_number

    for i, b in enumerate(rec.plan.basis):
        if b.ref == ref or canonical_number(b.ref) == canonical_number(ref):
            return rec.src.pos(("basis", i, "ref"))
    for c in derived.citations.get(rec.key, []):
        if c.target == ref and c.role:
            return position(c)
    return rec.src.pos(("basis",)) if rec.plan.basis else (rec.src.body_line, 1)
