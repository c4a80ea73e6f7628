"""Where an agency is, for readers: its locality (an official unit when it has a code, else the
text written) and the plans of each locality (a commune's, and its province's too). Used by the
locality pages (site.pages) and by the locality feeds (site.subscriptions)."""

from __future__ import annotations

from typing import Any

from ..base import urls
from ..base.text import slugify
from ..content import localities
from ..content.corpus import Corpus, PlanRecord


def locality(corpus: Corpus, aid: str | None) -> dict[str, Any]:
    """The locality of an agency: official unit when it has a code, else the text written."""
    rec = corpus.agencies.get(aid or "")
    if rec is None or not rec.agency.locality:
        return {}
    code = rec.agency.locality
    unit = localities.by_code(code) if code.isdigit() else localities.resolve(code)[0]
    if unit is None:
        return {"code": slugify(code), "name": code, "url": urls.locality_url(slugify(code))}
    return {
        "code": unit.code,
        "name": unit.label,
        "url": urls.locality_url(unit.code),
        "province": unit.province_name,
        "province_code": unit.province_code,
    }


def locality_groups(
    corpus: Corpus, plans: list[PlanRecord]
) -> dict[str, tuple[dict[str, Any], list[PlanRecord]]]:
    """Locality URL → (the locality, its plans): an agency's commune, and its province too; every
    agency's locality is there, with plans or not (its page links it)."""
    groups: dict[str, tuple[dict[str, Any], list[PlanRecord]]] = {}
    for r in plans:
        loc = locality(corpus, r.plan.issuer)
        if not loc:
            continue
        groups.setdefault(loc["url"], (loc, []))[1].append(r)
        if loc.get("province_code") and loc["province_code"] != loc["code"]:
            prov = localities.by_code(loc["province_code"])
            if prov:
                ploc = {"code": prov.code, "name": prov.name, "url": urls.locality_url(prov.code)}
                groups.setdefault(ploc["url"], (ploc, []))[1].append(r)
    for aid in corpus.agencies:
        loc = locality(corpus, aid)
        if loc:
            groups.setdefault(loc["url"], (loc, []))
    return groups
