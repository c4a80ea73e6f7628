"""The citation steps of the flow: find → resolve per plan, then the relations graph (`analyze`);
links in each plan's body, for the site only (`link`).

`analyze` fills (builder.analysis.state.Derived):
- citations[plan_key]: list[Citation] (resolved key/url, `sentence`, `role`, file line);
- relations: a `Relations` graph (cites / can-cu / thuc-hien / cited-by, cascades);
- citation_index: the resolve `Index` (rules and `congkhai registry stubs` reuse it);
- task_citations[plan_key][task_id][field]: citations in the appendix (`name`, `output`);
- annotated_tasks[plan_key][task_id][field]: those fields as Markdown with links.
- report_citations[report_url]: citations in each progress report's body.
`link` fills annotated[plan_key]: the plan body with links (the plan page's text), and
annotated_reports[report_url] (the report page's text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..base.cache import caches, digest
from ..base.urls import md_link
from ..citations.annotate import annotate
from ..citations.models import Citation
from ..citations.relations import Relations
from ..citations.resolve import Context, Index, Target, build_index, law_number, resolve
from ..content.corpus import Corpus, PlanRecord
from ..content.keys import canonical_number
from .state import Derived

if TYPE_CHECKING:
    from ..citations.find import Finder

_PREAMBLE_END = re.compile(r"^(?:#{1,6}\s|[ \t]*(?:\*\*)?(?:[IVX]+\.|MỤC ĐÍCH)\s)", re.M)
_PARA = re.compile(r"\n[ \t]*\n")
_ROLE = re.compile(r"^[\s*_]*(Căn cứ|Thực hiện)\b", re.I)
Found = dict[tuple[int, str], list[Citation]]  # (task index, field) → citations as found
_MARKUP = re.compile(r"<sup>[^<]*</sup>|\[\^[^\]]+\]:?|\*\*|<[^>]+>")


def mark_roles(body: str, cits: list[Citation]) -> None:
    """can-cu / thuc-hien for citations of the preamble paragraphs that begin with those words.

    A document named inside another one's trích yếu ("… triển khai thực hiện Nghị quyết số …")
    is cited, but it is not this plan's basis.
    """
    m = _PREAMBLE_END.search(body)
    end = m.start() if m else min(len(body), 3000)
    paras: list[tuple[int, int, str]] = []
    pos = 0
    for sep in _PARA.finditer(body, 0, end):
        paras.append((pos, sep.start(), body[pos : sep.start()]))
        pos = sep.end()
    paras.append((pos, end, body[pos:end]))
    title_end = -1
    for c in cits:
        if c.start >= end:
            break
        nested = c.start <= title_end
        title_end = max(title_end, c.title_end)
        if nested:
            continue
        for s, e, text in paras:
            if s <= c.start < e and (rm := _ROLE.match(text)):
                c.role = "can-cu" if rm.group(1).casefold().startswith("căn") else "thuc-hien"


SENTENCE_REACH = 2000  # characters looked at on each side of a mention


def sentence(body: str, start: int, end: int) -> str:
    """The sentence around a mention, markup removed, for "who cites this document, and how".

    Boundaries are looked for at most SENTENCE_REACH characters away: the work per mention stays
    bounded, so a body with thousands of mentions in one endless "sentence" is not quadratic.
    """
    floor, ceil = max(0, start - SENTENCE_REACH), min(len(body), end + SENTENCE_REACH)
    los = [body.rfind(sep, floor, start) for sep in (". ", ".\n", "\n\n", ";\n")]
    lo = max(los)
    lo = lo + 1 if lo >= 0 else floor
    his = [
        i
        for i in (body.find(". ", end, ceil), body.find(".\n", end, ceil), body.find("\n\n", end, ceil))
        if i >= 0
    ]
    hi = min(his) + 1 if his else ceil
    s = " ".join(_MARKUP.sub(" ", body[lo:hi]).split())
    return s if len(s) <= 600 else s[:597] + "…"


def lookup(ref: str, idx: Index) -> Target | None:
    t = idx.by_key.get(ref)
    if t is None:
        n = canonical_number(ref)
        t = idx.by_key.get(n)
        if t is None and len(idx.by_number.get(n, [])) == 1:
            t = idx.by_number[n][0]
    return t


def _target(t: Target | None) -> list[Any] | None:
    """Every field of an index entry, in the class's order (a JSON list: no encoder callback)."""
    return None if t is None else list(vars(t).values())


def _unnumbered(r: PlanRecord) -> list[Any]:
    """What resolve compares of a plan without a number (resolve._probable)."""
    return [r.key, r.url, r.path, r.plan.model_dump(mode="json", exclude={"tasks"}) if r.plan else None]


def index_fingerprint(idx: Index) -> str:
    """A hash of everything resolve reads from the index: per-plan results cached under it stay
    valid exactly as long as the registry, the agencies and the plans' key fields are unchanged."""

    def plain(v: Any) -> Any:
        if isinstance(v, (set, frozenset)):
            return sorted(v)
        if isinstance(v, PlanRecord):  # an unnumbered plan: resolve compares its front-matter
            return _unnumbered(v)
        if hasattr(v, "__dataclass_fields__"):
            return vars(v)
        return str(v)

    data: dict[str, Any] = {name: getattr(idx, name) for name in idx.__dataclass_fields__}
    data["by_key"] = {k: _target(t) for k, t in idx.by_key.items()}
    data["by_number"] = {k: [_target(t) for t in ts] for k, ts in idx.by_number.items()}
    return digest(json.dumps(data, default=plain, sort_keys=True, ensure_ascii=False))


class LazyFinder:
    """The finder of an alias set, built on its first use: a run whose bodies are all cached
    (`congkhai validate FILE` after an edit of the front-matter only, an unchanged corpus)
    never imports or compiles the citation grammar."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self._finder: Finder | None = None

    def find(self, text: str, markdown: bool = False) -> list[Citation]:
        if self._finder is None:
            from ..citations.find import finder

            self._finder = finder(self.aliases)
        return self._finder.find(text, markdown=markdown)


def _base_fingerprint(idx: Index) -> str:
    """What resolving any citation may read besides the entries of the numbers and keys it
    names: the agencies (issuer forms, provinces, parents, levels) and the aliases with the
    entries they lead to."""
    data = {
        "agency_names": {k: sorted(v) for k, v in sorted(idx.agency_names.items())},
        "agency_province": idx.agency_province,
        "agency_parent": idx.agency_parent,
        "agency_level": idx.agency_level,
        "aliases": {a: [k, _target(idx.by_key.get(k))] for a, k in sorted(idx.aliases.items())},
    }
    return digest(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _unnumbered_fingerprint(idx: Index) -> str:
    """The plans without a number, as a probable match (resolve._probable) compares them."""
    data = [_unnumbered(r) for r in idx.unnumbered_plans]
    return digest(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _refs(found: list[Citation]) -> tuple[tuple[str, ...], bool]:
    """The numbers and keys resolve looks up for these citations (as found, before resolving),
    and whether one of them may become a probable match of an unnumbered plan."""
    names: set[str] = set()
    probable = False
    for c in found:
        if c.kind == "named":
            names.add(c.key)
            if n := law_number(c.key):
                names.add(n)
        elif c.number:
            names.add(c.number)
        if c.number and c.title and c.issuer:
            probable = True
    return tuple(sorted(names)), probable


def _deps(refs: tuple[tuple[str, ...], bool], idx: Index, unnumbered: Callable[[], str]) -> str:
    """A hash of the index entries a plan's citations resolve against: a plan's result stays
    valid while these are unchanged, whatever else the corpus gains (a new plan changes the
    results of the plans that name its number, not of all)."""
    names, probable = refs
    data = [[n, _target(idx.by_key.get(n)), [_target(t) for t in idx.by_number.get(n, ())]] for n in names]
    return digest(json.dumps(data, ensure_ascii=False, default=str), unnumbered() if probable else "")


def _found(rec: PlanRecord, fnd: LazyFinder, found: Any, aliases: str) -> tuple[list[Citation], Found]:
    """The citations of a plan's body (cached by the body and the aliases) and of its task
    fields, as found: not yet resolved."""
    body = rec.src.body
    find_key = digest(body, aliases)
    cits = found.get(find_key)
    if cits is None:
        cits = fnd.find(body, markdown=True)
        found.put(find_key, cits)  # stored as found: resolving changes these objects
    tasks: Found = {}
    assert rec.plan is not None
    for i, t in enumerate(rec.plan.tasks):
        for fld in TASK_FIELDS:
            value = getattr(t, fld, None)
            if value:
                tasks[(i, fld)] = fnd.find(value)
    return cits, tasks


def analyze(corpus: Corpus, derived: Derived) -> None:
    idx = build_index(corpus)
    fnd = LazyFinder(idx.aliases)
    # Finding is the expensive part (a grammar over every body): cached by the body and the
    # aliases it knows. A plan's whole result (resolved, with sentences and lines) is cached by
    # its file, where it is published and the index entries its citations resolve against
    # (_deps: the numbers and keys it names, cached by the file): a new plan or a registry edit
    # resolves again only the plans that name what changed. A cache stores a copy: every read
    # gives fresh objects.
    found = caches(corpus.root)["citations-find"]
    refs_store = caches(corpus.root)["citations-refs"]
    per_plan = caches(corpus.root)["citations-plan"]
    aliases = digest(json.dumps(idx.aliases, sort_keys=True, ensure_ascii=False))
    base = _base_fingerprint(idx)
    unnumbered_fp: list[str] = []

    def unnumbered() -> str:
        if not unnumbered_fp:
            unnumbered_fp.append(_unnumbered_fingerprint(idx))
        return unnumbered_fp[0]

    citations: dict[str, list[Citation]] = {}
    task_citations: dict[str, dict[str, dict[str, list[Citation]]]] = {}
    annotated_tasks: dict[str, dict[str, dict[str, str]]] = {}
    rel = Relations()
    for rec in corpus.plans:
        if rec.plan is None or not rec.src.ok or not rec.key:
            continue
        body = rec.src.body
        plan_key = ""
        as_found: tuple[list[Citation], Found] | None = None
        if body or rec.plan.tasks:
            refs_key = digest(rec.src.text, aliases)
            refs = refs_store.get(refs_key)
            if refs is None:
                as_found = _found(rec, fnd, found, aliases)
                refs = _refs([*as_found[0], *(c for cs in as_found[1].values() for c in cs)])
                refs_store.put(refs_key, refs)
            plan_key = digest(
                body,
                rec.src.text,
                base,
                aliases,
                _deps(refs, idx, unnumbered),
                rec.key,
                rec.url,
                rec.path,
                str(rec.src.body_line),
            )
        # an empty body without tasks (a stub of `congkhai validate FILE`) cites nothing
        hit: Any = per_plan.get(plan_key) if plan_key else ([], {}, {})
        if hit is not None:
            cits, per_task, ann_tasks = hit
        else:
            cits, task_found = as_found or _found(rec, fnd, found, aliases)
            resolve(cits, idx, Context(issuer=rec.plan.issuer, key=rec.key, url=rec.url))
            mark_roles(body, cits)
            for c in cits:
                c.sentence = sentence(body, c.start, c.end)
                c.file_line = rec.src.body_line + c.line - 1
                c.column = c.start - (body.rfind("\n", 0, c.start) + 1) + 1
            per_task, ann_tasks = _task_citations(rec, task_found, idx)
            per_plan.put(plan_key, (cits, per_task, ann_tasks))
        for c in cits:
            if c.resolved and not c.self_citation:
                rel.add(rec.key, c.target or c.key, "cites")
                if c.role:
                    rel.add(rec.key, c.target or c.key, c.role)
        for b in rec.plan.basis:
            t = lookup(b.ref, idx)
            rel.add(rec.key, t.record if t else b.ref, b.relation)
        citations[rec.key] = cits
        task_citations[rec.key], annotated_tasks[rec.key] = per_task, ann_tasks
        for fields in per_task.values():
            for tc in fields.values():
                for c in tc:
                    if c.resolved:
                        rel.add(rec.key, c.target or c.key, "cites")
    derived.citations = citations
    derived.relations = rel
    derived.citation_index = idx
    derived.task_citations = task_citations
    derived.annotated_tasks = annotated_tasks
    derived.report_citations = report_citations(corpus, fnd, idx, digest(index_fingerprint(idx), aliases))


def report_citations(
    corpus: Corpus, fnd: LazyFinder, idx: Index, index_key: str = ""
) -> dict[str, list[Citation]]:
    """Citations in each progress report's body (by report URL), resolved like a plan's; a report
    is not part of the plans' relations (it cites, it does not implement). Cached like a plan's
    (by its file, the index and where it is published) when `index_key` fingerprints the index."""
    store = caches(corpus.root)["citations-report"]
    out: dict[str, list[Citation]] = {}
    for rec in corpus.reports:
        body = rec.src.body
        key = digest(body, rec.src.text, index_key, rec.key, rec.url, rec.path, str(rec.src.body_line))
        hit = store.get(key) if index_key else None
        if hit is not None:
            out[rec.url] = hit
            continue
        cits = fnd.find(body, markdown=True)
        resolve(cits, idx, Context(issuer=rec.report.issuer, key=rec.key, url=rec.url))
        for c in cits:
            c.sentence = sentence(body, c.start, c.end)
            c.file_line = rec.src.body_line + c.line - 1
            c.column = c.start - (body.rfind("\n", 0, c.start) + 1) + 1
        if index_key:
            store.put(key, cits)
        out[rec.url] = cits
    return out


def link(corpus: Corpus, derived: Derived) -> None:
    """Each plan body with a link on every resolved citation (for the site; validation needs none).
    Cached by the body, its citations and the page's URL (annotating is pure string work)."""
    store = caches(corpus.root)["citations-linked"]
    annotated: dict[str, str] = {}
    for rec in corpus.plans:
        if rec.key not in derived.citations:
            continue
        cits = derived.citations[rec.key]
        # repr, not pickle: a list fresh from the finder and the same list read back from the
        # cache pickle differently (shared strings), which made every first warm build a miss
        key = digest(rec.src.body, rec.url, repr(cits))
        text = store.get(key)
        if text is None:
            text = annotate(rec.src.body, cits, _link_from(rec.url))
            store.put(key, text)
        annotated[rec.key] = text
    derived.annotated = annotated
    derived.annotated_reports = {
        rec.url: annotate(rec.src.body, derived.report_citations.get(rec.url, []), _link_from(rec.url))
        for rec in corpus.reports
    }


def _link_from(page_url: str) -> Callable[[Citation], str]:
    """Where a citation on the page at `page_url` links to: the cited record's staged page."""
    return lambda c: md_link(page_url, c.url or "")


TASK_FIELDS = ("name", "output")


def _task_citations(rec: PlanRecord, task_found: Found, idx: Index) -> tuple[dict[str, Any], dict[str, Any]]:
    """Citations in the appendix (front-matter `tasks`), from their fields' citations as found:
    {task id: {field: [Citation]}} resolved, and the same fields as Markdown with links
    (relative to the plan page), for the task tables."""
    per_task: dict[str, dict[str, list[Citation]]] = {}
    ann: dict[str, dict[str, str]] = {}
    assert rec.plan is not None
    ctx = Context(issuer=rec.plan.issuer, key=rec.key, url=rec.url)
    for (i, fld), found in task_found.items():
        t = rec.plan.tasks[i]
        value = getattr(t, fld)
        cits = resolve(found, idx, ctx)
        if not cits:
            continue
        line, col = rec.src.pos(("tasks", i, fld))
        for c in cits:
            c.sentence = " ".join(value.split())
            c.file_line, c.column, c.task, c.task_field = line, col, t.id, fld
        per_task.setdefault(t.id, {})[fld] = cits
        ann.setdefault(t.id, {})[fld] = annotate(value, cits, _link_from(rec.url))
    return per_task, ann
