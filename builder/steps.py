"""The ordered steps of the one flow, by module name.

Each step module exposes one function with a fixed signature:
- ANALYZERS:       analyze(corpus) -> None        (fills corpus.derived[...]; runs for validate and build)
- RULES:           rules: list[Callable[[Corpus], Iterable[Diagnostic]]]
- PAGE_GENERATORS: generators: list[Callable[[Corpus], list[Page]]]
- POST_BUILD:      post_build(corpus, site_dir: Path) -> None   (after mkdocs, before Pagefind)
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .corpus import Corpus
from .state import Derived

ANALYZERS = [
    "builder.citations.pipeline",  # citations found and resolved per plan; relations graph
    "builder.deadlines",  # tasks' due phrases parsed
    "builder.gitinfo",  # first-published dates, history, reference date (from git)
]
RULES = ["builder.citations.rules", "builder.deadlines", "builder.compliance"]
PAGE_GENERATORS = ["builder.site.pages", "builder.site.tasks", "builder.site.notices"]
POST_BUILD = [
    "builder.exports", "builder.feeds",
    # hardening, last: dates and gzip from content/git; CSP hashes; refuse broken links or lost items
    "builder.reproducible", "builder.csp", "builder.linkcheck", "builder.nothing_lost",
]
# Post-build steps that only read the site (never write HTML, never read site/pagefind/): the
# build runs them while Pagefind indexes, on the second core.
WHILE_INDEXING = {"builder.linkcheck", "builder.nothing_lost"}


def modules(names: list[str]) -> list[ModuleType]:
    # Every step is required: a missing one must fail loudly, never silently drop a part of the site.
    return [importlib.import_module(name) for name in names]


def analyze(corpus: Corpus) -> Derived:
    derived = Derived()
    for m in modules(ANALYZERS):
        if hasattr(m, "analyze"):
            m.analyze(corpus, derived)
    return derived


def rules() -> list:
    return [r for m in modules(RULES) for r in getattr(m, "rules", [])]


def page_generators() -> list:
    return [g for m in modules(PAGE_GENERATORS) for g in getattr(m, "generators", [])]


def post_build_steps() -> list:
    return [m.post_build for m in modules(POST_BUILD) if hasattr(m, "post_build")]
