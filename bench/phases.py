"""Where a build's time goes: the steps of `builder.build.build`, timed one by one (one cold run).

    python -m bench.phases PROJECT      # prints JSON [[phase, seconds], …]

Mirrors builder/build.py (load → analyzers → validate → stage → mkdocs → post-build steps →
Pagefind), one step after the other: the build itself runs the read-only checks
(steps.WHILE_INDEXING) while Pagefind indexes, so its total is a little lower.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path


def phases(root: Path) -> list[tuple[str, float]]:
    t0 = time.perf_counter()
    from builder import corpus as corpus_mod
    from builder import steps, validate
    from builder.sitebuild import run_mkdocs, run_pagefind
    from builder.stage import stage

    out: list[tuple[str, float]] = [("imports", time.perf_counter() - t0)]
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        out.append((name, now - t))
        t = now

    for d in ("build", "site"):
        shutil.rmtree(root / d, ignore_errors=True)
    t = time.perf_counter()
    from builder.state import Derived

    c = corpus_mod.load(root)
    lap("load content/")
    derived = Derived()
    for m in steps.modules(steps.ANALYZERS):
        if hasattr(m, "analyze"):
            m.analyze(c, derived)
            lap(f"analyze: {m.__name__.removeprefix('builder.')}")
    derived.diagnostics = validate.run(c, derived)
    lap("validate rules")
    stage(c, derived, root / "build" / "docs")
    lap("stage (page generators, write build/docs)")
    run_mkdocs(root, root / "site")
    lap("mkdocs build")
    for step in steps.post_build_steps():
        step(c, derived, root / "site")
        lap(f"post-build: {step.__module__.removeprefix('builder.')}")
    run_pagefind(root / "site")
    try:
        from builder.reproducible import canonical_pagefind

        canonical_pagefind(root / "site")
    except ImportError:
        pass
    lap("Pagefind")
    return out


if __name__ == "__main__":
    print(json.dumps(phases(Path(sys.argv[1]).resolve())))
