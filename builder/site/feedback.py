"""Where a reader sends comments, without a GitHub account: the channels the plan's own text names
(analysis.channels), the issuing agency's published contact (content/co-quan/: `contact`, each
fact with its source) and the site's own contact (mkdocs.yml `extra.contact`). Nothing is made
up: a block is empty when none is recorded, and the page says so. E-mail links fill in a subject
naming the plan (and the task, in the plan's task table). The repository's edit and issue links
stay, labelled for editors ("cần tài khoản GitHub").

One function builds the data for every page that shows it (plan, document, task list, notice);
the markup is overrides/partials/ck/feedback.html.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from ..analysis.state import Derived
from ..base import urls
from ..content.corpus import Corpus, PlanRecord, Record

_KIND_VI = {
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "reception": "Lịch tiếp công dân",
}


def mailto(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={quote(subject[:180])}"


def tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def web(value: str) -> str:
    """A web address as the plan writes it ("Gopy.danang.gov.vn") as a link."""
    return value if value.lower().startswith(("http://", "https://")) else "https://" + value.lower()


def _item(kind: str, value: str, subject: str) -> dict[str, Any]:
    href = mailto(value, subject) if kind == "email" else tel(value) if kind == "phone" else None
    return {"kind": kind, "label": _KIND_VI.get(kind, kind), "value": value, "href": href}


def plan_channels(derived: Derived, rec: PlanRecord, subject: str) -> list[dict[str, Any]]:
    out = []
    for c in derived.channels.get(rec.key, []) if derived.ready("channels") else []:
        href = (
            web(c.value)
            if c.kind == "portal"
            else tel(c.value)
            if c.kind == "phone"
            else mailto(c.value, subject)
            if c.kind == "email"
            else None
        )
        out.append({"kind": c.kind, "label": c.label, "value": c.value, "href": href, "sentence": c.sentence})
    return out


def agency_contact(corpus: Corpus, agency_id: str | None, subject: str) -> dict[str, Any] | None:
    rec = corpus.agencies.get(agency_id or "")
    contact = rec.agency.contact if rec else None
    if rec is None or contact is None:
        return None
    items, sources = [], []
    for kind in ("address", "phone", "email", "reception"):
        fact = getattr(contact, kind)
        if fact is None:
            continue
        items.append({**_item(kind, fact.value.strip(), subject), "source": fact.source})
        if fact.source not in sources:
            sources.append(fact.source)
    if not items:
        return None
    return {"name": rec.agency.name, "url": rec.url, "items": items, "sources": sources}


def site_contact(corpus: Corpus, subject: str) -> dict[str, Any] | None:
    c = corpus.config.contact
    items = [_item(k, c[k], subject) for k in ("address", "phone", "email") if c.get(k)]
    if not items:
        return None
    return {"name": c.get("name") or "Ban biên tập trang", "items": items, "note": c.get("note")}


def feedback(
    corpus: Corpus,
    derived: Derived,
    rec: Record | None,
    *,
    label: str,
    subject: str,
    agency_id: str | None = None,
    plan: PlanRecord | None = None,
) -> dict[str, Any]:
    """Everything the feedback block of one page shows."""
    subject = " ".join(subject.split())
    named = plan_channels(derived, plan, subject) if plan is not None else []
    agency = agency_contact(corpus, agency_id, subject)
    site = site_contact(corpus, subject)
    emails = [c["value"] for c in named if c["kind"] == "email"]
    for block in (agency, site):
        emails += [i["value"] for i in (block or {}).get("items", []) if i["kind"] == "email"]
    repo = corpus.config.repo_url
    github = (
        {"edit": urls.edit_url(repo, rec.path), "issue": urls.feedback_url(repo, label, rec.url, rec.path)}
        if repo and rec is not None
        else {}
    )
    return {
        "subject": subject,
        "plan": named,
        "agency": agency,
        "site": site,
        "email": emails[0] if emails else None,  # for one link per task in the plan's task table
        "read_text": plan is not None,  # the plan's own text was read for channels
        "github": github,
    }
