"""One pass over the built HTML: each page is read and parsed once, its CSP hashes are added, and
the facts that every later check needs are taken from the same parse.

Before, the CSP step, the link check and the nothing-lost audit each parsed every page again
(lxml, three times over 60 MB at 500 full-size plans). Here a page is parsed with
selectolax's Lexbor engine (a C HTML5 parser, ~3× faster than lxml's libxml2 on these pages
and spec-conformant like the browsers); `PageFacts` keeps what the link check and the search
index need (ids, links, Pagefind's body and sort attributes), and each `Visitor` (the
nothing-lost audit of plan pages) computes its own small result from the parsed tree.

Facts and visitor results are cached by the hash of the page's final bytes (build/cache/), so
an incremental build parses only the pages mkdocs wrote again; the facts of the others (their
anchors, for links into them) come from the cache.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from selectolax.lexbor import LexborHTMLParser

from ..base.cache import caches, digest

# (tag, attribute) pairs that the browser follows or loads
LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "form": "action",
}
_LINK_CSS = ", ".join(f"{tag}[{attr}]" for tag, attr in LINK_ATTRS.items())
SKIP_DIRS = {"pagefind"}  # Pagefind's own bundle is not linked page to page


@dataclass(frozen=True)
class PageFacts:
    ids: frozenset[str]  # every id, and <a name>: the anchors a link may point at
    links: tuple[str, ...]  # every followed or loaded URL (LINK_ATTRS), as written, in page order
    search_body: bool = False  # an element carries data-pagefind-body
    sorts: tuple[tuple[str, str], ...] = ()  # Pagefind sort values (data-pagefind-sort)
    canonical: str | None = None  # <link rel="canonical" href>


@dataclass
class SiteFacts:
    root: Path  # the site
    project: Path | None = None  # the project whose build/cache/ holds the facts
    files: set[str] = field(default_factory=set)  # every file of the site, relative, POSIX
    dirs: set[str] = field(default_factory=set)  # every folder ("" is the root)
    pages: dict[str, PageFacts] = field(default_factory=dict)  # HTML pages outside SKIP_DIRS
    sha: dict[str, str] = field(default_factory=dict)  # page → sha256 of its final bytes
    visited: dict[str, dict[str, Any]] = field(default_factory=dict)  # visitor → page → result
    parsed: int = 0  # pages parsed by this pass (the others came from the cache)


class Visitor(Protocol):
    """A check's look at one page, from the pass's single parse."""

    name: str

    def key(self, rel: str) -> str | None:
        """None: this page is not the visitor's; else a hash of the inputs the result depends on
        beyond the page's bytes (the plan the page shows…)."""
        ...

    def visit(self, rel: str, tree: LexborHTMLParser) -> Any:
        """A small, picklable result for this page."""
        ...


Transform = Callable[[str, LexborHTMLParser, str], str]  # (page, tree, html) -> final html


def parse(data: bytes | str) -> LexborHTMLParser:
    return LexborHTMLParser(data)


def _sort_values(node: Any, spec: str) -> list[tuple[str, str]]:
    """Pagefind's attribute syntax: "key:value", "key[attr]" or "key" (the element's text),
    comma-separated."""
    out = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            k, v = part.split(":", 1)
            out.append((k.strip(), v.strip()))
        elif part.endswith("]") and "[" in part:
            k, attr = part[:-1].split("[", 1)
            out.append((k.strip(), (node.attributes.get(attr.strip()) or "").strip()))
        else:
            out.append((part, " ".join((node.text(deep=True) or "").split())))
    return out


def page_facts(tree: LexborHTMLParser) -> PageFacts:
    ids: set[str] = set()
    for el in tree.css("[id]"):
        v = el.attributes.get("id")
        if v:
            ids.add(v)
    for el in tree.css("a[name]"):
        v = el.attributes.get("name")
        if v:
            ids.add(v)
    links: list[str] = []
    canonical = None
    seen: set[int] = set()
    for el in tree.css(_LINK_CSS):
        if el.mem_id in seen:  # an element matching two selectors is listed twice
            continue
        seen.add(el.mem_id)
        url = el.attributes.get(LINK_ATTRS[el.tag or ""])
        if url is None:
            continue
        links.append(url.strip())
        if el.tag == "link" and canonical is None and (el.attributes.get("rel") or "").lower() == "canonical":
            canonical = url
    sorts: list[tuple[str, str]] = []
    for el in tree.css("[data-pagefind-sort]"):
        sorts.extend(_sort_values(el, el.attributes.get("data-pagefind-sort") or ""))
    return PageFacts(
        ids=frozenset(ids),
        links=tuple(links),
        search_body=tree.css_first("[data-pagefind-body]") is not None,
        sorts=tuple(sorts),
        canonical=canonical,
    )


def site_files(site: Path) -> tuple[set[str], set[str]]:
    files: set[str] = set()
    dirs: set[str] = {""}
    for dirpath, dirnames, filenames in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        rel = "" if rel == "." else rel.replace(os.sep, "/")
        for d in dirnames:
            dirs.add(f"{rel}/{d}" if rel else d)
        for f in filenames:
            files.add(f"{rel}/{f}" if rel else f)
    return files, dirs


def is_page(rel: str) -> bool:
    return rel.endswith(".html") and not (set(rel.split("/")[:-1]) & SKIP_DIRS)


def run(
    site: Path,
    *,
    root: Path | None = None,
    parse_pages: Iterable[str] | None = None,
    known: dict[str, str] | None = None,
    transform: Transform | None = None,
    visitors: Iterable[Visitor] = (),
    on_page: Callable[[str, str, PageFacts], None] | None = None,
    listed: Callable[[], None] | None = None,
) -> SiteFacts:
    """Facts of every page of `site`.

    parse_pages: the pages to read and parse (None: every page); the others must be in `known`
                 (page → sha256 of its bytes, from the previous build) and their facts are taken
                 from the cache — or parsed after all when the cache lacks them.
    transform:   applied to each parsed page (the CSP hashes); the page is rewritten when it
                 changes. Only pages in parse_pages are transformed: the others are final.
    root:        the project, whose build/cache/ holds the facts (None: no cache).
    on_page:     called with (page, sha256 of its final bytes, its facts) as soon as a page is
                 final, in path order (the search indexer starts on it while the pass goes on).
    listed:      an incremental build that has already told the indexer of its unchanged pages:
                 the pages in parse_pages go first (in path order), then `listed` is called (the
                 indexer may start), then the facts of the others are read. The facts are in path
                 order all the same.
    """
    facts = SiteFacts(root=site, project=root)
    facts.files, facts.dirs = site_files(site)
    pages = sorted(p for p in facts.files if is_page(p))
    todo = set(pages) if parse_pages is None else set(parse_pages) & set(pages)
    known = known or {}
    store = caches(root)["html-facts"] if root is not None else None
    vstore = caches(root)["html-visits"] if root is not None else None
    visitors = list(visitors)
    for name in (v.name for v in visitors):
        facts.visited[name] = {}
    order: list[str | None] = list(pages)
    if listed is not None:
        order = [p for p in pages if p in todo] + [None] + [p for p in pages if p not in todo]
    for rel in order:
        if rel is None:
            assert listed is not None
            listed()
            continue
        sha = known.get(rel) if rel not in todo else None
        cached = store.get(sha) if (store is not None and sha) else None
        keys = {v.name: v.key(rel) for v in visitors}
        results: dict[str, Any] = {}
        if cached is not None:
            for v in visitors:
                k = keys[v.name]
                if k is None:
                    continue
                hit = vstore.get(digest(sha or "", v.name, k)) if vstore is not None else None
                if hit is None:
                    break
                results[v.name] = hit
            else:
                facts.pages[rel], facts.sha[rel] = cached, sha or ""
                for name, res in results.items():
                    facts.visited[name][rel] = res
                if on_page is not None:
                    on_page(rel, sha or "", cached)
                continue
        path = site / rel
        data = path.read_bytes()
        if not data.strip():
            continue
        text = data.decode("utf-8", "replace")
        tree = parse(text)
        facts.parsed += 1
        if transform is not None and rel in todo:
            new = transform(rel, tree, text)
            if new != text:
                data = new.encode("utf-8")
                path.write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        pf = page_facts(tree)
        facts.pages[rel], facts.sha[rel] = pf, sha
        if on_page is not None:
            on_page(rel, sha, pf)
        if store is not None:
            store.put(sha, pf)
        for v in visitors:
            k = keys[v.name]
            if k is None:
                continue
            res = v.visit(rel, tree)
            facts.visited[v.name][rel] = res
            if vstore is not None:
                vstore.put(digest(sha, v.name, k), res)
    if listed is not None:  # in path order, as a full pass gives them
        facts.pages = {rel: facts.pages[rel] for rel in sorted(facts.pages)}
        facts.sha = {rel: facts.sha[rel] for rel in sorted(facts.sha)}
        facts.visited = {n: {rel: v[rel] for rel in sorted(v)} for n, v in facts.visited.items()}
    return facts


def stamps(site: Path, facts: SiteFacts) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every page the pass read: what must not change after it."""
    out = {}
    for rel in facts.pages:
        st = (site / rel).stat()
        out[rel] = (st.st_size, st.st_mtime_ns)
    return out
