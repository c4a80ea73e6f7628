"""`congkhai build`: load → validate → stage → mkdocs → exports → Pagefind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from . import corpus as corpus_mod
from . import diagnostics, validate
from .errors import Refusal
from .state import Derived


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def prepare(root: Path) -> tuple[corpus_mod.Corpus, Derived]:
    """Load, analyze and validate; refuse (exit 1) while errors remain."""
    from . import steps

    c = corpus_mod.load(root)
    derived = steps.analyze(c)
    diags = validate.run(c, derived)
    errors = [d for d in diags if d.severity == "error"]
    warnings = len(diags) - len(errors)
    if errors:
        print(diagnostics.format_text(errors), file=sys.stderr)
        raise Refusal(f"Không dựng trang: còn {len(errors)} lỗi (và {warnings} cảnh báo). Sửa lỗi rồi chạy lại.")
    if warnings:
        _say(f"{warnings} cảnh báo (xem `congkhai validate`).")
    derived.diagnostics = diags
    return c, derived


def build(root: Path, serve: bool = False) -> int:
    """Build site/ from content/. Refusals raise errors.Refusal; site/ changes only on success."""
    from .atomic import build_lock, replaced_dir

    t0 = time.perf_counter()
    with build_lock(root):
        c, derived = prepare(root)
        # Everything is written into a fresh folder that replaces site/ only when every step and
        # check passed: a refusal, a crash or a kill leaves the published site/ as it was.
        with replaced_dir(root / "site", root / "build") as site:
            _render(root, c, derived, site)
    _say(f"Đã dựng {len(c.plans)} kế hoạch vào site/ trong {time.perf_counter() - t0:.1f} giây.")
    return 0


def _render(root: Path, c: corpus_mod.Corpus, derived: Derived, site: Path) -> None:
    from . import steps
    from .reproducible import canonical_pagefind
    from .sitebuild import run_mkdocs, start_pagefind, wait_pagefind
    from .stage import stage

    stage(c, derived, root / "build" / "docs")
    run_mkdocs(root, site)
    post = steps.post_build_steps()
    checks = [s for s in post if s.__module__ in steps.WHILE_INDEXING]
    for step in post:
        if step not in checks:
            step(c, derived, site)
    indexing = start_pagefind(site)  # the HTML is final: index it while the read-only checks run
    try:
        for step in checks:
            step(c, derived, site)
    except BaseException:
        indexing.kill()  # the site will not be published: do not let Pagefind write on
        indexing.wait()
        raise
    wait_pagefind(indexing)
    canonical_pagefind(site)  # Pagefind writes its filter indexes in hash-map order


def serve(root: Path, addr: str) -> int:
    """Serve site/ and rebuild on every change in content/ or overrides/; a failed build is shown
    and the previous site stays served until the next save fixes it."""
    from .sitebuild import serve_forever

    return serve_forever(root, addr, rebuild=lambda: build(root))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(subprocess.call([sys.executable, "-m", "builder.cli", "build"]))
