"""The one flow: every step of a run, in dependency order, and the one runner `run`.

Modelled on markdown-it-py's `parser_core._rules`: named step callables imported from their
modules, listed in the order they run. Each step reads the corpus and the facts the steps above
it stored in `Derived` (builder.analysis.state), stores its own, and knows nothing of the steps after it;
no step calls another. `congkhai build`, `congkhai validate`, the benchmark's phase timer
(bench/phases.py) and the tests all go through `run`.

    content/ ─ corpus.load ─▶ Corpus ─ ANALYZE ─▶ Derived (…, diagnostics)      `congkhai validate` stops here
                                      ─ RENDER ─▶ links ─ PAGES ─▶ build/docs ─ mkdocs ─▶ site/
                                      ─ POST_BUILD ─▶ exports, feeds, sitemap, CSP
                                      ─ Pagefind ∥ CHECKS (read-only: links, nothing lost)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from . import validate
from .analysis import (
    channels,
    citations,
    compliance,
    coverage,
    deadlines,
    gitinfo,
    history,
    legal,
    progress,
)
from .analysis import notices as notice_urls
from .analysis.state import Derived
from .base import diagnostics
from .base.errors import Refusal
from .content.corpus import Corpus
from .publish import csp, exports, feeds, linkcheck, nothing_lost, reproducible, sitebuild
from .site import documents, notices, opendata, pages, reports, tasks
from .site import history as history_pages
from .site import stage as stage_mod
from .site.stage import Page

Analyzer = Callable[[Corpus, Derived], None]
PageGenerator = Callable[[Corpus, Derived], list[Page]]
PostBuild = Callable[[Corpus, Derived, Path], None]
OnStep = Callable[[str, float, Derived], None]  # (step name, seconds it took, the state so far)

# 1. Facts about the content, for validation and for the site. Each reads only what is above it.
ANALYZE: list[tuple[str, Analyzer]] = [
    ("citations", citations.analyze),  # find and resolve every citation; relations
    ("git", gitinfo.analyze),  # history of each file, the reference date ("today")
    ("legal", legal.analyze),  # registry relations both ways; cited documents judged in time (needs git)
    ("compliance", compliance.analyze),  # published within 5 working days? (needs git)
    ("reports", progress.analyze),  # progress reports: their plans, tasks and results (needs git)
    ("tasks", deadlines.analyze),  # due phrases, status as of the reference date, lead agencies
    ("coverage", coverage.analyze),  # units told to issue their own plans, and who has (relations)
    ("notices", notice_urls.analyze),  # the printable notice of each plan
    ("diagnostics", validate.analyze),  # every validator rule (needs all of the above)
]
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
# 4. After mkdocs, before Pagefind: files beside the HTML, and the HTML made final.
POST_BUILD: list[tuple[str, PostBuild]] = [
    ("exports", exports.post_build),  # api/*.json, api/tasks.csv
    ("feeds", feeds.post_build),  # feed.xml, lich.ics
    ("sitemap", reproducible.post_build),  # dates from content and git, gzip without timestamps
    ("csp", csp.post_build),  # hashes of the theme's inline scripts
]
# 5. Checks that refuse to publish; they only read the HTML, so they run while Pagefind indexes.
CHECKS: list[tuple[str, PostBuild]] = [
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
) -> Derived:
    """Run the flow over `corpus` and return what it derived.

    site:     the folder to build the website into; None stops after the analysis and the
              validator (`congkhai validate`, `congkhai registry stubs`).
    validate: refuse (errors.Refusal) when the validator reports errors. False: the diagnostics
              are still computed (derived.diagnostics) and the flow goes on (the hostile-content
              tests, and `congkhai validate`, which reports them itself).
    checks:   run CHECKS, the post-build checks that refuse a broken site.
    on_step:  called after each step with its name and duration (progress, the benchmark).
    """
    derived = Derived()
    clock = _Clock(derived, on_step)
    for name, analyze in ANALYZE:
        analyze(corpus, derived)
        clock.lap(name)
    if validate:
        _refuse_errors(derived)
    if site is None:
        return derived
    stage(corpus, derived, clock)
    sitebuild.run_mkdocs(corpus.root, site)
    clock.lap("mkdocs")
    for name, step in POST_BUILD:
        step(corpus, derived, site)
        clock.lap(name)
    # the HTML is final: index it while the checks read it
    indexing = sitebuild.start_pagefind(site, corpus.root / "build" / "search")
    try:
        for name, check in CHECKS if checks else []:
            check(corpus, derived, site)
            clock.lap(name)
    except BaseException:
        indexing.kill()  # the site will not be published: do not let Pagefind write on
        indexing.wait()
        raise
    sitebuild.wait_pagefind(indexing)
    reproducible.canonical_pagefind(site)  # Pagefind writes its filter indexes in hash-map order
    clock.lap("pagefind")
    return derived


def stage(corpus: Corpus, derived: Derived, clock: _Clock | None = None) -> Path:
    """RENDER, then PAGES written into build/docs/ (returned): the part of `run` before mkdocs."""
    clock = clock or _Clock(derived, None)
    for name, render in RENDER:
        render(corpus, derived)
        clock.lap(name)
    docs = corpus.root / "build" / "docs"
    stage_mod.write([page for generate in PAGES for page in generate(corpus, derived)], docs, corpus)
    clock.lap("stage")
    return docs


def _refuse_errors(derived: Derived) -> None:
    errors = [d for d in derived.diagnostics if d.severity == "error"]
    if errors:
        warnings = len(derived.diagnostics) - len(errors)
        raise Refusal(
            f"{diagnostics.format_text(errors)}\n"
            f"Không dựng trang: còn {len(errors)} lỗi (và {warnings} cảnh báo). Sửa lỗi rồi chạy lại."
        )


class _Clock:
    def __init__(self, derived: Derived, on_step: OnStep | None) -> None:
        self.derived, self.on_step, self.t = derived, on_step, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.on_step is not None:
            self.on_step(name, now - self.t, self.derived)
        self.t = time.perf_counter()  # the callback's own time is not the next step's
