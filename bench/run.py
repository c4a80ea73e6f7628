"""`make bench`: generate corpora of 100, 1,000 and 10,000 plans, measure, write BENCHMARKS.md.

Beside the generated ~10 KB plans, a corpus of full-size plans (bench/fullsize.py: the real
plans of content/, varied; 500 and 1,000 by default) is validated and built, and at 500 plans
the incremental scenario runs: one plan edited, one new plan, a registry entry edited, a
template edited — each a second `congkhai build`, compared file by file with a cold build.

Every figure of one report comes from one run on one machine. Each build runs in its own
process tree so that time and peak memory are those of a reader running the command.

    python -m bench.run [--sizes 100,1000,10000] [--full-sizes 500,1000] [--skip-multisite]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from builder.base import rawhtml

from . import fullsize, generate, measure, search_eval
from .report import QUERY

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
PHASES_AT = int(os.environ.get("BENCH_PHASES_AT", "1000"))  # corpus size whose build is broken down by phase
# Full builds (ours and plain mkdocs) up to this many plans; bigger corpora are generated,
# validated and citation-scanned only (a 10,000-plan build takes tens of minutes here).
BUILD_MAX = int(os.environ.get("BENCH_BUILD_MAX", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "1"))  # best of N runs per measurement (one-file: 3)
FULL_BUILD_MAX = int(os.environ.get("BENCH_FULL_BUILD_MAX", "500"))  # full-size corpora built up to this size
INCREMENTAL_AT = int(
    os.environ.get("BENCH_INCREMENTAL_AT", "500")
)  # full-size corpus of the incremental scenario

# Plain mkdocs-material on the same Markdown: the theme's defaults (its lunr search plugin on,
# since a plain site needs some search), the same Markdown extensions, no overrides, no hooks.
# `nav` lists the home page only: mkdocs' default sidebar lists every page on every page, which
# makes builds quadratic (DESIGN.md: 22.8 s instead of 2.3 s at 1,000 pages); ours avoids it too.
PLAIN_YML = """site_name: Plain
docs_dir: docs
site_dir: site
use_directory_urls: true
nav:
  - index.md
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
markdown_extensions:
  - footnotes
  - tables
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: false
  - pymdownx.superfences
"""

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def _congkhai() -> str:
    exe = BIN / "congkhai"
    return str(exe) if exe.exists() else "congkhai"


def plain_project(proj: Path) -> tuple[Path, str]:
    """A plain mkdocs project holding the staged Markdown (front-matter dropped: no templates)."""
    plain = proj.parent / (proj.name + "-plain")
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    staged = proj / "build" / "docs"
    source = "staged build/docs"
    if not staged.is_dir():  # our build failed: fall back to the plans' own Markdown bodies
        staged, source = proj / "content", "content/ bodies"
    for f in staged.rglob("*.md"):
        out = docs / f.relative_to(staged)
        out.parent.mkdir(parents=True, exist_ok=True)
        # the task cards back in the Markdown (base/rawhtml.py): plain mkdocs parses what ours skips
        text = rawhtml.inline(f.read_text(encoding="utf-8"))
        out.write_text(_FRONT.sub("", text, count=1), encoding="utf-8")
    (plain / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
    return plain, source


def _citation_mb_s(proj: Path) -> float | None:
    try:
        from builder.citations.bench import throughput
    except ImportError:
        return None
    text = "\n".join(
        f.read_text(encoding="utf-8") for f in sorted((proj / "content" / "ke-hoach").rglob("*.md"))
    )
    return throughput(text, repeat=3 if len(text) < 20_000_000 else 1)


def _page_weight(site: Path, url: str) -> int | None:
    from builder.site.weight import page_weight

    try:
        return int(page_weight(site, url))
    except (OSError, ValueError):
        return None


def _builds(proj: Path, res: dict, repeat: int, log) -> None:
    n = res["n"]

    def cold() -> None:  # every build from scratch, as in CI: no build/ cache (QR codes…), no site/
        for d in ("build", "site"):
            shutil.rmtree(proj / d, ignore_errors=True)

    load0 = os.getloadavg()[0]  # the machine is shared: its load is reported beside the times
    r = measure.best([_congkhai(), "--project", str(proj), "build"], repeat, before=cold, track=True)
    res.update(build_s=r.seconds, build_mb=r.peak_mb, build_rc=r.rc, build_cpu_s=r.cpu_s, build_peaks=r.peaks)
    if r.rc:
        res["build_error"] = r.stderr[-2000:]
    log(f"[{n}] congkhai build: {r.seconds:.1f} s, {r.peak_mb:.0f} MB {r.peaks}, rc={r.rc}")

    plain, res["plain_source"] = plain_project(proj)
    r = measure.best(
        [str(BIN / "python"), "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")],
        repeat,
        before=lambda: shutil.rmtree(plain / "site", ignore_errors=True),
    )
    res.update(plain_s=r.seconds, plain_mb=r.peak_mb, plain_rc=r.rc, plain_cpu_s=r.cpu_s)
    res["plain_pages"] = sum(1 for _ in (plain / "docs").rglob("*.md"))
    res["build_load"] = [round(load0, 2), round(os.getloadavg()[0], 2)]  # 1-min average, before and after
    log(f"[{n}] plain mkdocs-material: {r.seconds:.1f} s, {r.peak_mb:.0f} MB ({res['plain_pages']} pages)")
    if n >= 10_000 and not os.environ.get("BENCH_KEEP"):  # bound disk use: the plain twin is GBs
        shutil.rmtree(plain, ignore_errors=True)


def _phases(proj: Path) -> list | None:
    """One instrumented cold build of `proj` (bench/phases.py): [[phase, seconds], …], or None."""
    ph = subprocess.run(
        [str(BIN / "python"), "-m", "bench.phases", str(proj)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines = ph.stdout.strip().splitlines()
    return json.loads(lines[-1]) if ph.returncode == 0 and lines else None


def _site_figures(proj: Path, res: dict, log) -> None:
    """Phases (at PHASES_AT), Pagefind, first search, page weight and site size of a built corpus."""
    n, build = res["n"], res.get("built", False)
    info = {"example": res["example"]}
    if n == PHASES_AT and build:  # one instrumented cold build: where the time goes
        res["phases"] = _phases(proj)
        log(f"[{n}] phases: {res['phases']}")
    site = proj / "site"
    url = info["example"].removeprefix("content/").removesuffix(".md") + "/"
    if (site / "pagefind").is_dir():
        bundles = 1 + sum(1 for d in (site / "pagefind").glob("phan-*") if d.is_dir())
        res["search_shards"] = bundles if bundles > 1 else 0
        res["pagefind_bytes"], res["pagefind_files"] = measure.tree_bytes(site / "pagefind")
        fs = measure.first_search(site, QUERY, url)  # typed into the header box of a plan page
        res["search_bytes"] = fs.get("bytes")
        res["search_requests"] = fs.get("requests")
        res["search_results"] = fs.get("results")
        res["search_error"] = fs.get("error")
        if n == PHASES_AT:  # the search's quality and first searches at the corpus size
            res["search"] = search_eval.bench_site(
                site, search_eval.generated_queries(proj), url, proj.parent, log
            )
    res["page_url"] = url
    res["page_weight"] = _page_weight(site, url) if (site / url / "index.html").exists() else None
    # the heaviest registry document page: the most cited document lists its citing plans
    docs = (
        sorted((site / "van-ban").glob("*/index.html"), key=lambda f: f.stat().st_size)
        if site.is_dir()
        else []
    )
    if docs:
        res["doc_page_url"] = docs[-1].parent.relative_to(site).as_posix() + "/"
        res["doc_page_weight"] = _page_weight(site, res["doc_page_url"])
    res["site_bytes"], res["site_files"] = measure.tree_bytes(site) if site.is_dir() else (0, 0)
    log(
        f"[{n}] pagefind {res.get('pagefind_bytes')} B; first search {res.get('search_bytes')} B; page {res['page_weight']} B gz"
    )


def site_setup(proj: Path, n: int) -> None:
    """The repository's mkdocs.yml and overrides/ in a corpus (again: a corpus kept from an
    earlier run would build with old templates). The search index's shards are the builder's
    default for the corpus' size (publish/searchindex.shards_for); `_site_figures` counts them."""
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.rmtree(proj / "overrides", ignore_errors=True)
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    if (proj / ".git").is_dir():
        subprocess.run(["git", "-C", str(proj), "add", "-A"], check=False, capture_output=True)
        subprocess.run(
            ["git", "-C", str(proj), "commit", "-qm", "site setup"],
            check=False,
            capture_output=True,
            env=generate.GIT_ENV,
        )


def _validate_figures(proj: Path, n: int, example: str, res: dict, repeat: int, log) -> None:
    r = measure.best([_congkhai(), "--project", str(proj), "validate", "--format", "json"], repeat)
    res.update(
        validate_s=r.seconds,
        validate_mb=r.peak_mb,
        validate_rc=r.rc,
        validate_plans_s=n / r.seconds,
        validate_cpu_s=r.cpu_s,
    )
    one = [_congkhai(), "--project", str(proj), "validate", str(proj / example)]
    shutil.rmtree(proj / "build" / "cache", ignore_errors=True)
    r = measure.run(one)  # first run: no stub cache yet (a fresh clone)
    res.update(validate_one_cold_s=r.seconds, validate_one_cold_cpu_s=r.cpu_s)
    r = measure.best(one, 3)  # then as pre-commit runs it, edit after edit
    res.update(validate_one_s=r.seconds, validate_one_rc=r.rc, validate_one_cpu_s=r.cpu_s)
    log(
        f"[{n}] validate: {res['validate_s']:.2f} s ({res['validate_plans_s']:.0f} plans/s); one file "
        f"{r.seconds:.2f} s (first run {res['validate_one_cold_s']:.2f} s)"
    )


def bench_size(n: int, work: Path, log, save) -> dict:
    repeat = REPEAT
    proj = work / f"corpus-{n}"
    t0 = time.perf_counter()
    info = generate.write_project(proj, n)
    res: dict = {"n": n, **info, "generate_s": time.perf_counter() - t0}
    site_setup(proj, n)
    log(f"[{n}] generated {info['plans']} plans ({info['bytes'] / 1e6:.1f} MB) in {res['generate_s']:.1f} s")

    _validate_figures(proj, n, info["example"], res, repeat, log)
    res["citations_mb_s"] = _citation_mb_s(proj)
    build = n <= BUILD_MAX
    res["built"] = build
    save(res)  # validation figures are kept even if a long build is interrupted
    if build:
        _builds(proj, res, repeat, log)
    else:
        log(f"[{n}] builds skipped (BENCH_BUILD_MAX={BUILD_MAX})")
    _site_figures(proj, res, log)
    return res


def _tree(folder: Path) -> dict[str, str]:
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def incremental(proj: Path, log) -> list[dict]:
    """Each edit of fullsize.EDITS, then `congkhai build` (incremental), then a cold build of the
    same content (build/ deleted): their times, and whether every file of site/ is the same."""
    out = []
    build = [_congkhai(), "--project", str(proj), "build"]
    for name, edit in fullsize.EDITS.items():
        what = edit(proj)
        load0 = os.getloadavg()[0]
        warm = measure.run(build)
        m = re.search(r"dựng lại (\d+) trang", warm.stderr)
        after = _tree(proj / "site")
        shutil.rmtree(proj / "build")
        cold = measure.run(build)
        same = cold.rc == 0 and warm.rc == 0 and after == _tree(proj / "site")
        res = {
            "edit": name,
            "file": what,
            "warm_s": warm.seconds,
            "warm_cpu_s": warm.cpu_s,
            "warm_mb": warm.peak_mb,
            "warm_rc": warm.rc,
            "rendered": int(m.group(1)) if m else None,
            "cold_s": cold.seconds,
            "cold_cpu_s": cold.cpu_s,
            "cold_rc": cold.rc,
            "identical": same,
            "load": [round(load0, 2), round(os.getloadavg()[0], 2)],
        }
        if warm.rc or cold.rc:
            res["error"] = (warm.stderr or cold.stderr)[-1500:]
        out.append(res)
        log(
            f"[incremental] {name}: {warm.seconds:.1f} s (CPU {warm.cpu_s:.1f}) vs cold {cold.seconds:.1f} s "
            f"(CPU {cold.cpu_s:.1f}); rendered {res['rendered']}; identical={same}"
        )
    return out


def bench_full(n: int, work: Path, log, save) -> dict:
    """A corpus of n full-size plans: validate (no cache, then cached, then one file), build
    (ours and plain, peak memory), the phases of a cold build, and at INCREMENTAL_AT the
    incremental scenario."""
    proj = work / f"full-{n}"
    t0 = time.perf_counter()
    info = fullsize.write_project(proj, n)
    res: dict = {"n": n, "kind": "full", **info, "generate_s": time.perf_counter() - t0}
    log(f"[full {n}] {info['plans']} plans ({info['bytes'] / 1e6:.1f} MB)")
    validate = [_congkhai(), "--project", str(proj), "validate", "--format", "json"]
    shutil.rmtree(proj / "build", ignore_errors=True)
    r = measure.run(validate)  # a fresh clone: no cache
    res.update(validate_cold_s=r.seconds, validate_cold_cpu_s=r.cpu_s, validate_cold_mb=r.peak_mb)
    r = measure.best(validate, max(REPEAT, 2))  # nothing changed since the last run
    res.update(validate_s=r.seconds, validate_cpu_s=r.cpu_s, validate_mb=r.peak_mb, validate_rc=r.rc)
    r = measure.best([_congkhai(), "--project", str(proj), "validate", str(proj / info["example"])], 3)
    res.update(validate_one_s=r.seconds, validate_one_cpu_s=r.cpu_s)
    log(
        f"[full {n}] validate: {res['validate_cold_s']:.2f} s cold, {res['validate_s']:.2f} s cached; "
        f"one file {res['validate_one_s']:.2f} s"
    )
    res["built"] = n <= FULL_BUILD_MAX
    save(res)
    if res["built"]:
        _builds(proj, res, REPEAT, log)
        pf = proj / "site" / "pagefind"
        if pf.is_dir():
            bundles = 1 + sum(1 for d in pf.glob("phan-*") if d.is_dir())
            res["search_shards"] = bundles if bundles > 1 else 0
        res["phases"] = _phases(proj)
        save(res)
        if n == INCREMENTAL_AT and not res.get("build_rc"):
            shutil.rmtree(proj / "build", ignore_errors=True)
            shutil.rmtree(proj / "site", ignore_errors=True)
            first = measure.run([_congkhai(), "--project", str(proj), "build"])  # the state to start from
            if first.rc == 0:
                res["incremental"] = incremental(proj, log)
    return res


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    from importlib.metadata import version

    def v(p: str) -> str:
        try:
            return version(p)
        except Exception:
            return "?"

    mem = ""
    try:
        kb = int(
            next(
                x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
            ).split()[1]
        )
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "mkdocs": v("mkdocs"),
        "material": v("mkdocs-material"),
        "pagefind": v("pagefind"),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _importer(log) -> dict:
    from . import importer_eval

    log("importer: every file of tests/data/corpus …")
    return importer_eval.evaluate()


def _search_only(out: Path, results_file: Path, log) -> int:
    """Search figures alone (after a change to the search): the seeds, then the 1,000-plan corpus
    (generated and built). Into results.json when a full run left one,
    else into BENCHMARKS.md's Search section only."""
    from . import report

    seeds = search_eval.seeds(out, log)
    proj = out / f"corpus-{PHASES_AT}"
    # generated afresh (deterministic, seconds): a corpus left by an earlier run carries that
    # run's overrides/ and mkdocs.yml, which the current builder may no longer build
    generate.write_project(proj, PHASES_AT)
    info = {
        "example": next(iter(sorted((proj / "content" / "ke-hoach").rglob("*.md"))))
        .relative_to(proj)
        .as_posix()
    }
    r = measure.run([_congkhai(), "--project", str(proj), "build"])
    if r.rc:
        log(f"[search] build of {proj} failed: {r.stderr[-1500:]}")
        return 1
    url = info["example"].removeprefix("content/").removesuffix(".md") + "/"
    corpus = search_eval.bench_site(proj / "site", search_eval.generated_queries(proj), url, out, log)
    if results_file.exists():
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["search_seeds"] = seeds
        for res in data["sizes"]:
            if res["n"] == PHASES_AT:
                res["search"] = corpus
        results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        report.write(data, ROOT / "BENCHMARKS.md", ROOT / "docs" / "bench-scaling.png")
    else:
        report.write_search(seeds, corpus, PHASES_AT, ROOT / "BENCHMARKS.md", machine())
    log("wrote the Search section of BENCHMARKS.md")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Công khai benchmarks")
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000,10000"))
    ap.add_argument("--full-sizes", default=os.environ.get("BENCH_FULL_SIZES", "500,1000"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--skip-multisite", action="store_true")
    ap.add_argument(
        "--report-only", action="store_true", help="rewrite BENCHMARKS.md from bench/out/results.json"
    )
    ap.add_argument(
        "--refusals-only", action="store_true", help="re-measure the broken-edit refusals into results.json"
    )
    ap.add_argument(
        "--builds-only", help="re-measure the builds of these sizes (corpora in --out kept) into results.json"
    )
    ap.add_argument(
        "--full-only", action="store_true", help="re-measure the full-size corpora into results.json"
    )
    ap.add_argument(
        "--search-only",
        action="store_true",
        help="re-measure search (seeds and the 1,000-plan corpus) into results.json or BENCHMARKS.md's Search section",
    )
    ap.add_argument(
        "--importer-only",
        action="store_true",
        help="re-measure the importer on tests/data/corpus into results.json",
    )
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    results_file = a.out / "results.json"

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    from . import refusals

    if a.search_only:
        return _search_only(a.out, results_file, log)
    if a.report_only:
        data = json.loads(results_file.read_text(encoding="utf-8"))
    elif a.refusals_only:
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["refusals"] = refusals.measure(log)
        data["adversarial"] = refusals.measure_adversarial(log)
        results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif a.importer_only:
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["importer"] = _importer(log)
        results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif a.full_only:
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["full"] = _full(a, data, results_file, log)
        data["full_rebuilt_at"] = time.strftime("%H:%M UTC", time.gmtime())
        results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif a.builds_only:  # after a fix: same corpora, same validation figures, builds again
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["build_max"] = max(data.get("build_max", 0), *[int(x) for x in a.builds_only.split(",")])
        for n in [int(x) for x in a.builds_only.split(",")]:
            res = next(r for r in data["sizes"] if r["n"] == n)
            res["built"] = True
            res["rebuilt_at"] = time.strftime("%H:%M UTC", time.gmtime())
            res["rebuilt_commit"] = machine()["commit"]  # the code measured, when it is not the run's
            site_setup(a.out / f"corpus-{n}", n)
            if res.get("example"):  # the validator changed too: its figures again
                _validate_figures(a.out / f"corpus-{n}", n, res["example"], res, REPEAT, log)
            _builds(a.out / f"corpus-{n}", res, REPEAT, log)
            _site_figures(a.out / f"corpus-{n}", res, log)
            results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        data = {
            "machine": machine(),
            "sizes": [],
            "multisite": None,
            "repeat": REPEAT,
            "build_max": BUILD_MAX,
        }
        data["search_seeds"] = search_eval.seeds(a.out, log)  # the query set on the real content
        data["refusals"] = refusals.measure(log)  # seconds each: the real plans, before the big corpora
        data["adversarial"] = refusals.measure_adversarial(log)
        data["importer"] = _importer(log)  # the real documents of tests/data/corpus, about a minute
        if not a.skip_multisite:  # first: it is quick, and the sizes' results are saved one by one
            from . import multisite

            data["multisite"] = multisite.demo(a.out / "multisite", log)

        def save(partial: dict) -> None:
            results_file.write_text(
                json.dumps({**data, "sizes": [*data["sizes"], partial]}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )

        data["full"] = _full(a, data, results_file, log)
        for n in [int(s) for s in a.sizes.split(",") if s.strip()]:
            data["sizes"].append(bench_size(n, a.out, log, save))
            results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        results_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    from . import report

    report.write(data, ROOT / "BENCHMARKS.md", ROOT / "docs" / "bench-scaling.png")
    report.write_scaling(data, ROOT / "docs" / "SCALING.md")
    log(f"wrote BENCHMARKS.md and docs/bench-scaling.png ({results_file})")
    return 0


def _full(a: argparse.Namespace, data: dict, results_file: Path, log) -> list[dict]:
    full: list[dict] = []

    def save(partial: dict) -> None:
        results_file.write_text(
            json.dumps({**data, "full": [*full, partial]}, ensure_ascii=False, indent=1), encoding="utf-8"
        )

    for n in [int(x) for x in a.full_sizes.split(",") if x.strip()]:
        full.append(bench_full(n, a.out, log, save))
        results_file.write_text(
            json.dumps({**data, "full": full}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return full


if __name__ == "__main__":
    raise SystemExit(main())
