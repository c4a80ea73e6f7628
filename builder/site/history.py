"""A plan's history as citizens read it: the list on the plan page (`plan_history`) and one
comparison page per earlier version against the current one (`history_pages`, template
overrides/history.html). The facts come from the history step (builder.analysis.history); here
they become page data only. Commit hashes go to the folded "Thông tin kỹ thuật" part; commit
messages are never shown.
"""

from __future__ import annotations

from typing import Any

from ..analysis.state import Derived, PlanHistory, Version
from ..base import urls
from ..base.urls import commit_url, page_path
from ..base.vietnamese import format_date_vi
from ..content.corpus import Corpus, PlanRecord
from ..content.names import names
from .escape import meta_text
from .stage import Page


def _when(v: Version) -> str:
    return format_date_vi(v.date) if v.date else "chưa lưu vào lịch sử"


def plan_history(corpus: Corpus, derived: Derived, rec: PlanRecord) -> dict[str, Any]:
    """The plan page's "Lịch sử thay đổi": versions newest first, and the technical facts."""
    h: PlanHistory | None = derived.plan_history.get(rec.key)
    repo = corpus.config.repo_url
    versions = []
    for i, v in enumerate(h.versions if h else []):
        versions.append(
            {
                "n": v.n,
                "date": _when(v),
                "iso": v.date or "",
                "current": i == 0,
                "changes": v.changes,
                "note": v.note,
                "first": v.first,
                "boundary": v.boundary,
                "uncommitted": v.uncommitted,
                "compare_url": urls.history_url(rec.url, v.n) if v.compare is not None else None,
                "short": v.short,
                "sha": v.sha,
                "commit_url": commit_url(repo, v.sha) if repo and v.sha else None,
            }
        )
    return {
        "versions": versions,
        "note": h.note_vi if h else None,
        "omitted": h.omitted if h else 0,
    }


def _blocks(v: Version) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    previous = None
    for b in v.compare.blocks if v.compare else []:
        out.append(
            {
                "kind": b.kind,
                "where": b.where if b.where != previous else "",
                "skipped": b.skipped,
                "segments": [[s.op, s.text] for s in b.segments],
            }
        )
        if b.kind != "skipped":
            previous = b.where
    return out


def history_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    pages = []
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        h = derived.plan_history.get(rec.key)
        if h is None or not h.versions:
            continue
        current = h.versions[0]
        n = names(corpus, rec)  # the one naming function (base.vietnamese.document_name)
        for v in h.versions[1:]:
            if v.compare is None:
                continue
            changed = any(b.kind in ("changed", "added", "removed") for b in v.compare.blocks)
            meta = {
                "template": "history.html",
                "title": f"So sánh phiên bản {v.n} với bản hiện hành: {rec.plan.title}",
                "description": meta_text(
                    f"Những chỗ khác nhau giữa phiên bản {v.n} ({_when(v)}) và bản hiện hành của {n.name}."
                ),
                "history": {
                    "n": v.n,
                    "date": _when(v),
                    "current_n": current.n,
                    "current_date": _when(current),
                    "plan_url": rec.url,
                    "plan_label": n.label,
                    "plan_title": rec.plan.title,
                    "changed": changed,
                    "truncated": v.compare.truncated,
                    "blocks": _blocks(v),
                },
            }
            pages.append(Page(page_path(urls.history_url(rec.url, v.n)), meta, ""))
    return pages
