"""A plan's or a registry document's name for readers, from its record (the wording itself is
builder.base.vietnamese's, the one naming function every page, list, chain, link title, feed,
export and feedback title goes through).

Only facts the content backs reach a name: a law's number only when its entry records that number
with a source (`sources`), and a registry date in a citation only when sourced and not inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..base.vietnamese import (
    agency_short_name,
    citation,
    cited_as_phrase,
    document_label,
    document_name,
    is_law,
)
from .corpus import AgencyRecord, Citable, Corpus, PlanRecord
from .model import Document


@dataclass(frozen=True)
class Names:
    """How one record is named: `name` in lists, links and titles; `label` where a list shows the
    rest beside it; `kicker` above a page's title (type, number, issuer); `citation` in the
    standard form; `cited_as` for a plan that another document gives a number."""

    name: str
    label: str
    kicker: str
    citation: str
    cited_as: tuple[str, ...] = ()


def _issuer(agencies: dict[str, AgencyRecord], aid: str | None) -> tuple[str | None, list[str]]:
    rec = agencies.get(aid or "")
    if rec is None:
        return None, []
    a = rec.agency
    return agency_short_name(a.name, a.short_name), [a.name, *a.aliases]


def number_shown(doc: Document) -> str | None:
    """A registry entry's number as readers see it: a law's only when sourced (its number is not
    printed where plans cite it by name); other documents are cited by their number."""
    if doc.number and is_law(doc.type) and not doc.sourced("number"):
        return None
    return doc.number


def fact(doc: Document, name: str) -> Any:
    """A registry fact when the entry gives it a source that is not an inference, else None."""
    value: Any = getattr(doc, name)
    if not value or not doc.sourced(name) or doc.inferred(name):
        return None
    return value


def names(corpus: Corpus, rec: Citable) -> Names:
    if isinstance(rec, PlanRecord):
        p = rec.plan
        issuer, issuer_names = _issuer(corpus.agencies, p.issuer)
        name = document_name(
            p.type, p.number, title=p.title, issuer=issuer, issuer_names=issuer_names, key=rec.key
        )
        kicker = " ".join(x for x in (p.type, p.number or "") if x) + (f" của {issuer}" if issuer else "")
        cite = citation(p.type, p.number, issued=p.issued, issuer=issuer, title=p.title)
        return Names(
            name=name,
            label=document_label(p.type, p.number, name=name),
            kicker=kicker,
            citation=cite,
            cited_as=tuple(cited_as_phrase(c.number, c.issued) for c in p.cited_as),
        )
    d = rec.doc
    issuer, issuer_names = _issuer(corpus.agencies, d.issuer)
    number = number_shown(d)
    law = is_law(d.type)
    name = document_name(
        d.type,
        number,
        title=d.title if (law or not number) else None,
        issuer=None if number else issuer,
        issuer_names=issuer_names,
        aliases=d.aliases,
        key=rec.key,
    )
    kicker = (
        d.type
        if law
        else " ".join(x for x in (d.type, number or "") if x) + (f" của {issuer}" if issuer else "")
    )
    issued = fact(d, "issued")
    cite = citation(
        d.type, number, issued=issued, issuer=None if law else issuer, title=d.title, aliases=d.aliases
    )
    return Names(name=name, label=document_label(d.type, number, name=name), kicker=kicker, citation=cite)
