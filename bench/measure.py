"""Measuring helpers: wall time and peak memory of a command, sizes on disk, first-search bytes."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.publish.sitebuild import PreviewServer

# Runs the command as its child and prints the child's peak RSS: RUSAGE_CHILDREN covers every
# descendant that was waited for (mkdocs in-process, the pagefind binary…), as the largest one.
_WRAP = (
    "import resource, subprocess, sys, json\n"
    "rc = subprocess.run(sys.argv[1:]).returncode\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': rc, 'maxrss_kb': u.ru_maxrss, 'cpu_s': u.ru_utime + u.ru_stime}), file=sys.stderr)\n"
)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    rc: int
    stderr: str
    cpu_s: float = 0.0  # user + system CPU of the whole process tree (wall time suffers from a busy machine)
    # with track=True: peak RSS (MB) of the command's own process ("main") and of the Pagefind
    # binary ("pagefind"), read from /proc while it runs (its high-water mark, VmHWM)
    peaks: dict[str, float] | None = None


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        out.setdefault(ppid, []).append(int(d))
    return out


def _hwm_kb(pid: int) -> tuple[str, int] | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8", errors="replace") as f:
            status = f.read()
    except OSError:
        return None
    name = next((x.split(":", 1)[1].strip() for x in status.splitlines() if x.startswith("Name:")), "")
    hwm = next((x.split()[1] for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return (name, int(hwm)) if hwm is not None else None


def _track(wrapper: subprocess.Popen[str], peaks: dict[str, float], stop: threading.Event) -> None:
    """Poll the process tree under `wrapper`: the high-water mark of the command's own process and of
    any process named pagefind (the build's search indexer execs Pagefind's binary)."""
    while not stop.wait(0.2):
        kids = _children()
        main = kids.get(wrapper.pid, [])
        todo = list(main)
        while todo:
            pid = todo.pop()
            todo.extend(kids.get(pid, []))
            got = _hwm_kb(pid)
            if got is None:
                continue
            role = "main" if pid in main else ("pagefind" if "pagefind" in got[0] else "other")
            peaks[role] = max(peaks.get(role, 0.0), got[1] / 1024)


def run(cmd: list[str], cwd: Path | None = None, quiet: bool = True, track: bool = False) -> Run:
    """Wall time and peak RSS (MB, largest process) of one command in a fresh process tree."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, "-c", _WRAP, *cmd],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
    )
    peaks: dict[str, float] = {}
    stop = threading.Event()
    poll = threading.Thread(target=_track, args=(p, peaks, stop), daemon=True) if track else None
    if poll is not None:
        poll.start()
    _, err = p.communicate()
    stop.set()
    if poll is not None:
        poll.join()
    dt = time.perf_counter() - t0
    lines = err.strip().splitlines()
    info = (
        json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {"rc": p.returncode, "maxrss_kb": 0}
    )
    return Run(
        dt,
        info["maxrss_kb"] / 1024,
        info["rc"],
        "\n".join(lines[:-1]),
        info.get("cpu_s", 0.0),
        peaks if track else None,
    )


def best(
    cmd: list[str],
    repeat: int,
    cwd: Path | None = None,
    before: Callable[[], None] | None = None,
    track: bool = False,
) -> Run:
    """The fastest of `repeat` runs (each after `before()`, e.g. removing caches)."""
    runs = []
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        runs.append(run(cmd, cwd, track=track))
    return min(runs, key=lambda r: r.seconds)


def tree_bytes(path: Path) -> tuple[int, int]:
    """(total bytes, file count) under path."""
    total = n = 0
    for f in path.rglob("*"):
        if f.is_file():
            total += f.stat().st_size
            n += 1
    return total, n


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on a free local port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = PreviewServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"  # the Makefile's CHROMIUM setting (README)

# The first search on a page of the site, as a reader makes it: type the query into the header
# box and wait for its live results (the first 5, from window.congkhaiSearch). Counted: every
# response after the page itself has loaded — the search code (assets/congkhai/search.js),
# Pagefind's script, WebAssembly, index chunks and the fragments of the results shown.


def first_search(site: Path, query: str, page_url: str = "") -> dict:
    """Bytes the browser downloads for a reader's first search on `page_url` (Chromium, Playwright),
    typed into the header box once the page has loaded and its own requests are done.

    Response body sizes as served (Pagefind's index files are already gzip-compressed inside;
    scripts are counted uncompressed, as the local server sends them), and as a server that
    compresses text would send them (`bytes_gzip`).
    Returns {"bytes", "bytes_gzip", "requests", "results"} or {"error": why} without a browser.
    """
    if not Path(CHROMIUM).exists():
        return {"error": f"no Chromium at {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover
        return {"error": str(e)}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + page_url.lstrip("/"))
            # what the page fetches by itself once loaded is not the search's: mkdocs-material
            # fetches sitemap.xml for each <link rel=alternate> (the feed and the calendar, 462 KB
            # each at 1,000 plans, uncompressed), whether or not the reader searches
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            gzipped: list[int] = []

            def on_response(resp) -> None:
                with contextlib.suppress(Exception):
                    body = resp.body()
                    sizes.append(len(body))
                    # what a server that compresses text (GitHub Pages does) would send
                    text = resp.url.split("?")[0].endswith((".js", ".css", ".json", ".html"))
                    gzipped.append(len(gzip.compress(body, 6, mtime=0)) if text else len(body))
                    if os.environ.get("BENCH_SEARCH_DEBUG"):
                        print(resp.url.rsplit("/", 1)[-1][:50], len(body), gzipped[-1], file=sys.stderr)

            page.on("response", on_response)
            page.fill("#ck-q", query)
            page.wait_for_function(
                "() => { const l = document.getElementById('ck-q-list'); return l && !l.hidden; }",
                timeout=60_000,
            )
            page.wait_for_timeout(300)
            results = page.eval_on_selector_all(
                "#ck-q-list [role=option]:not(.ck-suggest__all)", "els => els.length"
            )
        finally:
            browser.close()
    return {"bytes": sum(sizes), "bytes_gzip": sum(gzipped), "requests": len(sizes), "results": results}
