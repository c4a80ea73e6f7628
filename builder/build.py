"""`congkhai build`: load → validate → stage → mkdocs → exports → Pagefind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from . import corpus as corpus_mod
from . import diagnostics, validate


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def prepare(root: Path) -> tuple[corpus_mod.Corpus, int]:
    from . import steps

    c = corpus_mod.load(root)
    steps.analyze(c)
    diags = validate.run(c)
    errors = [d for d in diags if d.severity == "error"]
    warnings = len(diags) - len(errors)
    if errors:
        print(diagnostics.format_text(errors), file=sys.stderr)
        _say(f"Không dựng trang: còn {len(errors)} lỗi (và {warnings} cảnh báo). Sửa lỗi rồi chạy lại.")
        return c, 1
    if warnings:
        _say(f"{warnings} cảnh báo (xem `congkhai validate`).")
    c.derived["diagnostics"] = diags
    return c, 0


def build(root: Path, serve: bool = False) -> int:
    from .sitebuild import run_mkdocs, start_pagefind, wait_pagefind
    from .stage import stage

    t0 = time.perf_counter()
    c, rc = prepare(root)
    if rc:
        return rc
    docs = root / "build" / "docs"
    stage(c, docs)
    site = root / "site"
    run_mkdocs(root, site)
    from . import steps

    post = steps.post_build_steps()
    checks = [s for s in post if s.__module__ in steps.WHILE_INDEXING]
    for step in post:
        if step not in checks:
            step(c, site)
    indexing = start_pagefind(site)  # the HTML is final: index it while the read-only checks run
    try:
        for step in checks:
            step(c, site)
    finally:
        wait_pagefind(indexing)
    from .reproducible import canonical_pagefind

    canonical_pagefind(site)  # Pagefind writes its filter indexes in hash-map order
    _say(f"Đã dựng {len(c.plans)} kế hoạch vào {site.relative_to(root)}/ trong {time.perf_counter() - t0:.1f} giây.")
    return 0


def serve(root: Path, addr: str) -> int:
    """Build once, then rebuild on every change in content/ and serve site/ with live reload."""
    from .sitebuild import serve_forever

    rc = build(root)
    if rc:
        return rc
    return serve_forever(root, addr, rebuild=lambda: build(root))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(subprocess.call([sys.executable, "-m", "builder.cli", "build"]))
