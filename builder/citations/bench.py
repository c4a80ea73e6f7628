"""Throughput of the citation finder (used by `make bench`)."""

from __future__ import annotations

import time

from .find import find_citations


def throughput(text: str, repeat: int = 1) -> float:
    """MB/s of UTF-8 text that `find_citations` processes (best of `repeat` runs, CPU time of this
    process, so that other programs running on the machine do not distort the figure)."""
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        find_citations(text)
        best = min(best, time.process_time() - t0)
    return size / best if best > 0 else float("inf")
