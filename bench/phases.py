"""Where a build's time goes: the steps of `builder.flow.run`, as the build runs them (one cold run).

    python -m bench.phases PROJECT      # prints JSON [[phase, seconds], …]

The times are the runner's own (its `on_step` callback): the same steps, in the same order, as
`congkhai build`. The post-build steps and the checks (flow.POST_BUILD, flow.CHECKS) run while
Pagefind indexes, so the "pagefind" row is the time the build still waits for the index after
them. The build lock and the atomic swap of site/ are left out (a few milliseconds).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path


def phases(root: Path) -> list[tuple[str, float]]:
    t0 = time.perf_counter()
    from builder import flow
    from builder.analysis.state import Derived
    from builder.content.corpus import load

    out: list[tuple[str, float]] = [("imports", time.perf_counter() - t0)]
    for d in ("build", "site"):
        shutil.rmtree(root / d, ignore_errors=True)
    t = time.perf_counter()
    corpus = load(root)
    out.append(("load content/", time.perf_counter() - t))

    def lap(name: str, seconds: float, derived: Derived) -> None:
        out.append((name, seconds))

    # validate=False: a benchmark corpus with validator errors is still timed to the end
    flow.run(corpus, site=root / "site", validate=False, on_step=lap)
    return out


if __name__ == "__main__":
    print(json.dumps(phases(Path(sys.argv[1]).resolve())))
