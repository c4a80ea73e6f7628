"""Which files under content/tep/ are published: only those that content references.

A file is referenced by a plan's or a report's `attachments`, a task's or a result's `evidence`, or by a Markdown link or image in the body of a
plan, registry entry, agency or hand-written page. Everything else in content/tep/ stays out of
the site (the validator warns, CK062): a file dropped there, or smuggled in by a pull request,
is never published just because it is in the folder.

Paths are resolved lexically (no filesystem lookups, so no link is ever followed) and must name
a regular file of the content tree (builder.content.files.scan).
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from .corpus import Corpus, Record

TEP = "content/tep/"


def resolve(source: str, target: str) -> str | None:
    """Project-relative path that `target`, written in the file `source`, points at; None when it is
    a URL, an anchor or a path that leaves the project."""
    if not target or target.startswith(("#", "/", "\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    return path if path.startswith("content/") else None


def _body_targets(body: str) -> list[str]:
    from .markdown import markdown_parser

    out: list[str] = []
    for tok in markdown_parser().parse(body):
        for child in tok.children or []:
            if child.type == "link_open":
                out.append(str(child.attrs.get("href") or ""))
            elif child.type == "image":
                out.append(str(child.attrs.get("src") or ""))
    return out


def referenced(corpus: Corpus) -> dict[str, list[str]]:
    """content/tep/… file → the content files that reference it (sorted, deduplicated)."""
    refs: dict[str, set[str]] = {}

    def add(src: Record, target: str) -> None:
        rel = resolve(src.path, target)
        if rel is not None and rel.startswith(TEP) and rel in corpus.tree:
            refs.setdefault(rel, set()).add(src.path)

    for plan in corpus.plans:
        for a in plan.plan.attachments if plan.plan is not None else []:
            add(plan, a.file)
        for t in plan.plan.tasks if plan.plan is not None else []:
            for u in t.updates:
                add(plan, u.evidence or "")
    for report in corpus.reports:  # a report's attachments and the evidence of its results
        for a in report.report.attachments:
            add(report, a.file)
        for res in report.report.results:
            add(report, res.evidence or "")
    records: list[Record] = [
        *corpus.plans,
        *corpus.reports,
        *corpus.documents,
        *corpus.agencies.values(),
        *corpus.pages,
    ]
    for r in records:
        if r.src.ok and "tep/" in r.src.body:  # most bodies link no file: skip the parse
            for target in _body_targets(r.src.body):
                add(r, target)
    return {k: sorted(v) for k, v in sorted(refs.items())}


def unreferenced(corpus: Corpus) -> list[str]:
    """Files in content/tep/ that nothing references (dot-files such as .gitkeep aside)."""
    used = referenced(corpus)
    return [
        rel
        for rel in corpus.tree.files
        if rel.startswith(TEP) and rel not in used and not posixpath.basename(rel).startswith(".")
    ]
