"""The analysis part of the one flow (builder.flow): the steps that derive the facts the
validator needs, in dependency order, the validator last, and the runner that stops there
(`congkhai validate`, `congkhai registry stubs`).

It lives apart from builder.flow so that `congkhai validate` (an editor's save, pre-commit)
imports only what validation runs: the rendering, mkdocs, HTML and feed modules that the rest
of the flow needs cost a tenth of a second to import. builder.flow runs these same steps first
(its ANALYZE is this list), then RENDER, PAGES and the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import validate as validate_mod
from ..analysis import citations, compliance, coverage, deadlines, gitinfo, legal, progress
from ..analysis import notices as notice_urls
from ..analysis.state import Derived
from ..base.cache import caches
from ..base.errors import Refusal
from ..content.corpus import Corpus

Analyzer = Callable[[Corpus, Derived], None]
OnStep = Callable[[str, float, Derived], None]  # (step name, seconds it took, the state so far)

# Facts about the content, for validation and for the site. Each reads only what is above it.
ANALYZE: list[tuple[str, Analyzer]] = [
    ("citations", citations.analyze),  # find and resolve every citation; relations
    ("git", gitinfo.analyze),  # history of each file, the reference date ("today")
    ("legal", legal.analyze),  # registry relations both ways; cited documents judged in time (needs git)
    ("compliance", compliance.analyze),  # published within 5 working days? (needs git)
    ("reports", progress.analyze),  # progress reports: their plans, tasks and results (needs git)
    ("tasks", deadlines.analyze),  # due phrases, status as of the reference date, lead agencies
    ("coverage", coverage.analyze),  # units told to issue their own plans, and who has (relations)
    ("notices", notice_urls.analyze),  # the printable notice of each plan
    ("diagnostics", validate_mod.analyze),  # every validator rule (needs all of the above)
]


# Facts of ANALYZE that only the site shows: no validator rule reads them, so `congkhai validate`
# does not compute them (a rule that did read one would stop with StepOrderError, never guess).
SITE_ONLY = frozenset({"coverage"})


def analyze(
    corpus: Corpus,
    derived: Derived,
    lap: Callable[[str], None] | None = None,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Run ANALYZE (but the steps named in `skip`) over `corpus` into `derived`; `lap(name)`
    after each step (the flow's clock)."""
    for name, step in ANALYZE:
        if name in skip:
            continue
        step(corpus, derived)
        if lap is not None:
            lap(name)


def run(
    corpus: Corpus, *, validate: bool = True, on_step: OnStep | None = None, site_facts: bool = True
) -> Derived:
    """The flow up to the validator (builder.flow.run with site=None). validate: refuse
    (errors.Refusal) on errors. site_facts=False skips SITE_ONLY: what `congkhai validate` and
    `congkhai registry stubs` run."""
    import time

    derived = Derived()
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        if on_step is not None:
            on_step(name, now - t, derived)
        t = time.perf_counter()

    try:
        caches(corpus.root).release()  # the loader's entries: saved, their memory freed
        analyze(corpus, derived, lap, frozenset() if site_facts else SITE_ONLY)
        caches(corpus.root).release()
    finally:
        caches(corpus.root).end_run(prune=False)
    if validate:
        refuse_errors(derived)
    return derived


def refuse_errors(derived: Derived) -> None:
    errors = [d for d in derived.diagnostics if d.severity == "error"]
    if errors:
        from ..base.diagnostics import format_text

        warnings = len(derived.diagnostics) - len(errors)
        raise Refusal(
            f"{format_text(errors)}\n"
            f"Không dựng trang: còn {len(errors)} lỗi (và {warnings} cảnh báo). Sửa lỗi rồi chạy lại."
        )
