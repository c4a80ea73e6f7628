"""Helpers for the hardening tests: temporary projects and a build that can skip validation.

`build_unvalidated` runs the same pipeline functions as `congkhai build` (load → analyze → stage
→ mkdocs → post-build → Pagefind) but without the validator, to prove that the rendering path
alone is safe when content slips past validation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
# Post-build checks that refuse a broken site; a hostile corpus may trip them, which is not what
# the hostile tests are about.
CHECKS = {"builder.linkcheck", "builder.nothing_lost"}


def make_project(dst: Path, content: Path | None = None) -> Path:
    """A project folder with the repo's config and templates and `content` (default: the repo's)."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(content or ROOT / "content", dst / "content")
    shutil.copytree(ROOT / "overrides", dst / "overrides")
    return dst


def build_unvalidated(root: Path, checks: bool = False):  # type: ignore[no-untyped-def]
    """Build root/site from root/content without validation. Returns the corpus."""
    from builder import corpus as corpus_mod
    from builder import steps
    from builder.sitebuild import run_mkdocs, run_pagefind
    from builder.stage import stage

    c = corpus_mod.load(root)
    steps.analyze(c)
    c.derived.setdefault("diagnostics", [])
    stage(c, root / "build" / "docs")
    site = root / "site"
    run_mkdocs(root, site)
    for m in steps.modules(steps.POST_BUILD):
        if not hasattr(m, "post_build") or (m.__name__ in CHECKS and not checks):
            continue
        m.post_build(c, site)
    run_pagefind(site)
    return c
