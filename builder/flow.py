"""The one flow: every step of a run, in dependency order, and the one runner `run`.

Modelled on markdown-it-py's `parser_core._rules`: named step callables imported from their
modules, listed in the order they run. Each step reads the corpus and the facts the steps above
it stored in `Derived` (builder.analysis.state), stores its own, and knows nothing of the steps after it;
no step calls another. `congkhai build`, `congkhai validate`, the benchmark's phase timer
(bench/phases.py) and the tests all go through `run`.

    content/ ─ corpus.load ─▶ Corpus ─ ANALYZE ─▶ Derived (…, diagnostics)      `congkhai validate` stops here
                                      ─ RENDER ─▶ links ─ PAGES ─▶ build/docs ─ mkdocs ─▶ site/
                                      ─ html: one pass over the pages (CSP hashes, facts)
                                      ─ Pagefind ∥ POST_BUILD (exports, feeds, sitemap), CHECKS

An incremental build (`congkhai build` when site/ was built by the same builder, templates and
configuration: publish/incremental.py) runs the same steps; mkdocs renders only the staged pages
whose bytes changed, the HTML pass parses only the pages mkdocs wrote, and the other pages come
from the published site as they are. The result is the same, byte for byte
(tests/test_incremental.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .analysis import channels, citations, history
from .analysis.state import Derived
from .base import fork
from .base.cache import caches, code_version, digest
from .content.corpus import Corpus
from .publish import (
    csp,
    exports,
    feeds,
    htmlpass,
    incremental,
    linkcheck,
    nothing_lost,
    reproducible,
    searchindex,
    sitebuild,
)
from .site import documents, notices, opendata, pages, reports, tasks
from .site import history as history_pages
from .site import stage as stage_mod
from .site.stage import Page
from .validate import steps as validate_steps

Analyzer = Callable[[Corpus, Derived], None]
PageGenerator = Callable[[Corpus, Derived], list[Page]]
PostBuild = Callable[[Corpus, Derived, Path], None]
Check = Callable[[Corpus, Derived, Path, htmlpass.SiteFacts], None]
OnStep = Callable[[str, float, Derived], None]  # (step name, seconds it took, the state so far)

# 1. Facts about the content, for validation and for the site (builder/validate/steps.py: kept
#    apart so that `congkhai validate` imports none of the rendering below). Each reads only
#    what is above it.
ANALYZE = validate_steps.ANALYZE
# 2. For the site only: what the pages show beyond the facts.
RENDER: list[tuple[str, Analyzer]] = [
    ("links", citations.link),  # plan bodies with a link on each resolved citation
    ("channels", channels.analyze),  # feedback channels each plan's text names
    ("history", history.analyze),  # each plan's versions, what changed, comparisons (needs git)
]
# 3. The pages staged into build/docs/ (each generator returns Pages; hand-written pages follow).
PAGES: list[PageGenerator] = [
    pages.plan_pages,
    reports.report_pages,
    documents.document_pages,
    pages.agency_pages,
    pages.locality_pages,
    pages.index_pages,
    pages.home_page,
    pages.search_page,
    tasks.tasks_page,
    tasks.disclosure_page,
    notices.notice_pages,
    history_pages.history_pages,
    opendata.open_data_page,
]
# Run by a forked copy of the build while the build runs the others (base/fork.py), from
# STAGE_SPLIT_MIN_PLANS plans on: the task lists and agency pages are about half of the work.
PAGES_THERE: frozenset[PageGenerator] = frozenset(
    {pages.agency_pages, tasks.tasks_page, tasks.disclosure_page, pages.index_pages}
)
STAGE_SPLIT_MIN_PLANS = 200
# 4. After mkdocs and the pass over the pages (5), while Pagefind indexes: files beside the HTML
#    (every build writes them again). A post-build step never changes a page (checked).
POST_BUILD: list[tuple[str, PostBuild]] = [
    ("exports", exports.post_build),  # api/*.json, api/tasks.csv
    ("feeds", feeds.post_build),  # feed.xml, lich.ics
    ("sitemap", reproducible.post_build),  # dates from content and git, gzip without timestamps
]
# 5. Right after mkdocs, one pass over the HTML pages (publish/htmlpass.py): each page mkdocs
#    wrote is parsed once, gets its CSP hashes (csp.transform) and gives the facts the checks
#    read; a visitor takes what one check needs from the same parse.
# 6. Checks that refuse to publish; they read the pass's facts, so they run while Pagefind indexes.
CHECKS: list[tuple[str, Check]] = [
    ("linkcheck", linkcheck.post_build),  # every internal link and anchor resolves
    ("nothing_lost", nothing_lost.post_build),  # every plan, task, footnote and citation is there
]


def run(
    corpus: Corpus,
    *,
    site: Path | None = None,
    validate: bool = True,
    checks: bool = True,
    on_step: OnStep | None = None,
    build: incremental.Incremental | None = None,
) -> Derived:
    """Run the flow over `corpus` and return what it derived.

    site:     the folder to build the website into; None stops after the analysis and the
              validator (what `congkhai validate` and `congkhai registry stubs` run, through
              validate.steps.run: the same steps without importing the rest of the flow).
    validate: refuse (errors.Refusal) when the validator reports errors. False: the diagnostics
              are still computed (derived.diagnostics) and the flow goes on (the hostile-content
              tests, and `congkhai validate`, which reports them itself).
    checks:   run CHECKS, the post-build checks that refuse a broken site.
    on_step:  called after each step with its name and duration (progress, the benchmark).
    build:    `congkhai build`'s incremental context: the published site and its state (reused
              when the fingerprint matches), and where the new state is left. None: a full build
              and no state.
    """
    if site is None:
        return validate_steps.run(corpus, validate=validate, on_step=on_step)
    try:
        return _run(corpus, site, validate, checks, on_step, build)
    finally:
        caches(corpus.root).end_run(prune=site is not None)


def _run(
    corpus: Corpus,
    site: Path | None,
    validate: bool,
    checks: bool,
    on_step: OnStep | None,
    build: incremental.Incremental | None,
) -> Derived:
    derived = Derived()
    clock = _Clock(derived, on_step)
    # Caches hold pickled copies of what the steps derive: each step's are saved and freed once
    # it is done (the loader's now), so the build never holds them all (memory at 10,000 plans).
    caches(corpus.root).release()
    validate_steps.analyze(corpus, derived, clock.lap)
    caches(corpus.root).release()
    if validate:
        validate_steps.refuse_errors(derived)
    if site is None:
        return derived
    staged = _stage(corpus, derived, clock)
    caches(corpus.root).release()  # the analysis' and pages' caches: saved, and their memory freed for mkdocs
    shards = searchindex.shards_for(corpus.config.search_shards, sum(len(p.src.text) for p in corpus.plans))
    fingerprint = incremental.fingerprint(corpus, derived, shards)
    previous = build.previous if build is not None else None
    if previous is not None and previous.fingerprint != fingerprint:
        previous = None  # templates, configuration, builder or "today" changed: a full build
    changed = None
    if previous is not None:
        changed = {p for p, h in staged.items() if previous.staged.get(p) != h} | (
            set(previous.staged) - set(staged)
        )
    mk = sitebuild.run_mkdocs(
        corpus.root,
        site,
        changed=changed,
        previous=build.previous_site if build is not None and previous is not None else None,
        previous_outputs=previous.outputs if previous is not None else (),
        search_shards=shards,
    )
    clock.lap("mkdocs")
    # The search indexer starts now and turns each page into its tokens as soon as the one pass
    # over the HTML has made it final; Pagefind then indexes them while the post-build steps
    # write the files beside the pages and the checks read the facts. It reads only the pages it
    # indexes (with data-pagefind-body) and turns into tokens only those whose bytes changed
    # since the last build (publish/searchindex.py: a store of token copies keyed by each page's
    # final bytes).
    build_dir = corpus.root / "build"
    indexing = sitebuild.start_pagefind(site, build_dir / "search", build_dir / "cache" / "search")
    version = code_version()
    listing: dict[str, str] = {}  # the pages handed to the indexer, with their keys

    def final(rel: str, sha: str, page: htmlpass.PageFacts) -> None:
        if page.search_body and rel not in listing:
            # the path too: a sharded copy is headed by its shard, which the path decides
            listing[rel] = digest(version, sha, rel)
            sitebuild.index_page(indexing, rel, listing[rel])

    # An incremental build hands the indexer its unchanged pages at once (their keys are the
    # last build's: same bytes, same path), then the pages mkdocs wrote as the pass makes them
    # final: Pagefind starts before the pass has read the other pages' facts from the cache.
    listed = None
    if previous is not None and mk.incremental and previous.search:
        for rel, key in previous.search.items():
            if rel not in mk.written and previous.html.get(rel) and (site / rel).is_file():
                listing[rel] = key
                sitebuild.index_page(indexing, rel, key)

        def listed() -> None:
            sitebuild.pages_done(indexing)

    try:
        facts = htmlpass.run(
            site,
            root=corpus.root,
            parse_pages=mk.written if mk.incremental else None,
            known=previous.html if previous is not None and mk.incremental else None,
            transform=csp.transform(corpus),
            visitors=nothing_lost.visitors(corpus, derived),
            on_page=final,
            listed=listed,
        )
        sitebuild.pages_done(indexing)
        clock.lap("html")
        pages_now = htmlpass.stamps(site, facts)
        for name, step in POST_BUILD:
            step(corpus, derived, site)
            clock.lap(name)
        if htmlpass.stamps(site, facts) != pages_now:
            raise RuntimeError("a post-build step changed a page after the HTML pass (flow.POST_BUILD)")
        facts.files, facts.dirs = htmlpass.site_files(site)  # with the exports and feeds the pages link to
        for name, check in CHECKS if checks else []:
            check(corpus, derived, site, facts)
            clock.lap(name)
    except BaseException:
        indexing.kill()  # the site will not be published: do not let Pagefind write on
        indexing.wait()
        raise
    sitebuild.wait_pagefind(indexing)
    reproducible.canonical_pagefind(site)  # Pagefind writes its filter indexes in hash-map order
    clock.lap("pagefind")
    if build is not None:
        build.warm = mk.incremental
        build.rendered = len(changed or ()) if mk.incremental else len(staged)
        build.result = incremental.BuildState(
            fingerprint=fingerprint,
            staged=staged,
            outputs=sorted(mk.outputs),
            html=facts.sha,
            search=dict(sorted(listing.items())),
        )
    return derived


def stage(corpus: Corpus, derived: Derived, clock: _Clock | None = None) -> Path:
    """RENDER, then PAGES written into build/docs/ (returned): the part of `run` before mkdocs."""
    _stage(corpus, derived, clock or _Clock(derived, None))
    return corpus.root / "build" / "docs"


def _stage(corpus: Corpus, derived: Derived, clock: _Clock) -> dict[str, str]:
    for name, render in RENDER:
        render(corpus, derived)
        clock.lap(name)
    staging = stage_mod.Staging(corpus.root / "build" / "docs", corpus)

    def staged_by(generators: list[PageGenerator]) -> dict[str, str]:
        return staging.put_pages(page for generate in generators for page in generate(corpus, derived))

    # Generators read the corpus and the derived facts only, so two processes can run them
    # (base/fork.py); PAGES_THERE is about half of the work on large sites.
    here = [g for g in PAGES if g not in PAGES_THERE]
    there = [g for g in PAGES if g in PAGES_THERE]
    two = fork.processes(len(corpus.plans), STAGE_SPLIT_MIN_PLANS) == 2
    mine, theirs = fork.in_two(lambda: staged_by(here), lambda: staged_by(there), two)
    if mine.keys() & theirs.keys():
        raise RuntimeError(f"two staged pages at {sorted(mine.keys() & theirs.keys())[:5]}")
    staged = staging.finish({**mine, **theirs})
    clock.lap("stage")
    return staged


class _Clock:
    def __init__(self, derived: Derived, on_step: OnStep | None) -> None:
        self.derived, self.on_step, self.t = derived, on_step, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.on_step is not None:
            self.on_step(name, now - self.t, self.derived)
        self.t = time.perf_counter()  # the callback's own time is not the next step's
