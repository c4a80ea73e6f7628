"""`congkhai build` and `congkhai serve`: the flow (builder.flow) under the build lock, into a
fresh folder that replaces site/ only when every step and check passed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import flow
from .analysis.state import Derived
from .content.corpus import load
from .publish.atomic import build_lock, replaced_dir


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _warnings_once_validated(name: str, seconds: float, derived: Derived) -> None:
    if name == "diagnostics":
        warnings = sum(d.severity != "error" for d in derived.diagnostics)
        errors = len(derived.diagnostics) - warnings
        if warnings and not errors:  # with errors the refusal says how many of each
            _say(f"{warnings} cảnh báo (xem `congkhai validate`).")


def build(root: Path, serve: bool = False) -> int:
    """Build site/ from content/. Refusals raise errors.Refusal; site/ changes only on success."""
    t0 = time.perf_counter()
    with build_lock(root):
        corpus = load(root)
        # Everything is written into a fresh folder that replaces site/ only when every step and
        # check passed: a refusal, a crash or a kill leaves the published site/ as it was.
        with replaced_dir(root / "site", root / "build") as site:
            flow.run(corpus, site=site, on_step=_warnings_once_validated)
    _say(f"Đã dựng {len(corpus.plans)} kế hoạch vào site/ trong {time.perf_counter() - t0:.1f} giây.")
    return 0


def serve(root: Path, addr: str) -> int:
    """Serve site/ and rebuild on every change in content/ or overrides/; a failed build is shown
    and the previous site stays served until the next save fixes it."""
    from .publish.sitebuild import serve_forever

    return serve_forever(root, addr, rebuild=lambda: build(root))
