"""The search index in shards against one index, on one corpus (docs/SCALING.md "Search shards").

    python -m bench.shards PROJECT --shards 8 [-o results.json] [--skip-overlap]

PROJECT is a generated or full-size corpus (bench/generate.py, bench/fullsize.py); it is copied
twice beside itself: one copy as it is (one index), one with `extra.search_shards: N` in its
mkdocs.yml. For each: a cold build (wall time, peak memory of the build and of Pagefind, the
time the build still waits for the index), Pagefind alone on the built pages (the indexer run
again with its token copies made: every bundle remade, wall time and Pagefind's peak memory),
one plan edited and the incremental build (wall time, the wait for the index, how many
bundles were made again), and the first search's downloads (Chromium). Then both sites'
results for bench/search_eval.py's queries of a generated corpus: the expected page first,
precision, and the top-10 overlap.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import measure

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _with_shards(root: Path, shards: int) -> None:
    mk = root / "mkdocs.yml"
    text, n = re.subn(
        r"^extra:\n",
        f"extra:\n  search_shards: {shards}\n",
        mk.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    if n != 1:
        text += f"\nextra:\n  search_shards: {shards}\n"
    mk.write_text(text, encoding="utf-8")


def _plans(root: Path) -> list[Path]:
    return sorted((root / "content" / "ke-hoach").rglob("*.md"))


def edit_one_plan(root: Path) -> str:
    """A sentence added before a plan's last paragraph (its text only), the middle plan's."""
    plans = _plans(root)
    f = plans[len(plans) // 2]
    text = f.read_text(encoding="utf-8").rstrip("\n")
    cut = text.rfind("\n\n")
    f.write_text(
        text[:cut] + "\n\nKế hoạch được sửa một câu để đo lần dựng sau." + text[cut:] + "\n", encoding="utf-8"
    )
    return f.relative_to(root).as_posix()


def _timed_build(root: Path) -> dict:
    """`congkhai build` in a fresh process, its steps timed (flow's on_step), peaks tracked."""
    laps = root.parent / f"{root.name}.laps.json"
    r = measure.run(
        [sys.executable, "-m", "bench.shards", "--build-with-laps", str(root), str(laps)], track=True
    )
    out = {"s": round(r.seconds, 2), "rc": r.rc, "peak_mb": round(r.peak_mb), "peaks": r.peaks}
    if r.rc:
        out["error"] = r.stderr[-1500:]
    if laps.is_file():
        steps = json.loads(laps.read_text(encoding="utf-8"))
        out["pagefind_wait_s"] = round(sum(s for n, s in steps if n == "pagefind"), 2)
        out["rendered"] = None
    m = re.search(r"dựng lại (\d+) trang", r.stderr)
    out["rendered"] = int(m.group(1)) if m else None
    return out


def _build_with_laps(root: Path, laps: Path) -> int:
    from builder import build as build_mod
    from builder import flow

    steps: list[tuple[str, float]] = []
    real = flow.run

    def run(*args, **kw):  # type: ignore[no-untyped-def]
        inner = kw.get("on_step")

        def on_step(name, seconds, derived):  # type: ignore[no-untyped-def]
            steps.append((name, seconds))
            if inner is not None:
                inner(name, seconds, derived)

        kw["on_step"] = on_step
        return real(*args, **kw)

    flow.run = run  # type: ignore[assignment]
    try:
        return build_mod.build(root)
    finally:
        laps.write_text(json.dumps(steps), encoding="utf-8")


def _pagefind_alone(root: Path) -> dict:
    """The indexer again over the built site: token copies made first (not timed), then the
    bundles made from them (timed: Pagefind's runs, the copy trees, the bundles' copies)."""
    from builder.publish.searchindex import _every_page

    site = root / "site"
    with tempfile.TemporaryDirectory(prefix="bench-shards-") as tmp:
        listing = Path(tmp) / "pages.txt"
        listing.write_text("\n".join(_every_page(site)) + "\n", encoding="utf-8")
        store, work = Path(tmp) / "kho", Path(tmp) / "work"
        cmd = [sys.executable, "-m", "builder.publish.searchindex", "--site", str(site), "--work", str(work)]
        cmd += ["--pages", str(listing), "--store", str(store)]
        first = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if first.returncode:
            return {"error": first.stderr[-800:]}
        shutil.rmtree(Path(tmp) / "kho-phan", ignore_errors=True)
        r = measure.run(cmd, track=True)
    return {
        "s": round(r.seconds, 2),
        "rc": r.rc,
        "pagefind_peak_mb": round((r.peaks or {}).get("pagefind", 0)),
    }


def _overlap(project: Path, one: Path, sharded: Path) -> dict:
    """bench/search_eval.py's queries for a generated corpus (plan numbers, agency names, short
    names, localities, the repository's precision questions) on both sites: how often the
    expected page comes first, precision, and how much of each query's top 10 the two share."""
    from bench import search_eval

    queries = search_eval.generated_queries(project)
    got = {
        name: search_eval.run(site, [q.q for q in queries])
        for name, site in (("one", one), ("sharded", sharded))
    }
    per = [
        len(set(a[:10]) & set(b[:10])) / max(1, len(a[:10]), len(b[:10]))
        for a, b in zip(got["one"], got["sharded"], strict=True)
    ]
    out: dict = {"queries": len(queries)}
    for name, site in (("one", one), ("sharded", sharded)):
        h = search_eval.score(site, queries, got[name])["generated"]
        out[name] = {"first": f"{h['first']}/{h['asked']}", "precision": round(h["precision"] or 0, 3)}
    out["mean_top10_overlap"] = round(sum(per) / len(per), 3) if per else None
    out["identical_top10"] = sum(
        1 for a, b in zip(got["one"], got["sharded"], strict=True) if a[:10] == b[:10]
    )
    out["same_first"] = sum(1 for a, b in zip(got["one"], got["sharded"], strict=True) if a[:1] == b[:1])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("project", type=Path)
    ap.add_argument("rest", nargs="?")
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("-o", "--out", type=Path)
    ap.add_argument("--skip-overlap", action="store_true")
    ap.add_argument("--build-with-laps", action="store_true")
    a = ap.parse_args(argv)
    if a.build_with_laps:
        return _build_with_laps(a.project, Path(a.rest))
    src = a.project.resolve()
    res: dict = {"project": str(src), "shards": a.shards, "plans": len(_plans(src))}
    roots = {"one": src.with_name(src.name + "-one"), "sharded": src.with_name(src.name + f"-phan{a.shards}")}
    for name, root in roots.items():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(src, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
        if name == "sharded":
            _with_shards(root, a.shards)
            subprocess.run(
                ["git", "-C", str(root), "commit", "-qam", "search_shards"], check=False, capture_output=True
            )
    for name, root in roots.items():
        t0 = time.perf_counter()
        r: dict = {"cold": _timed_build(root)}
        print(f"[{name}] cold {r['cold']}", file=sys.stderr)
        r["bundle_mb"] = round(measure.tree_bytes(root / "site" / "pagefind")[0] / 1e6, 1)
        r["first_search"] = {q: measure.first_search(root / "site", q) for q in ("kế hoạch", "dân chủ cơ sở")}
        print(f"[{name}] first search {r['first_search']}", file=sys.stderr)
        res[name] = r
        res[name]["took_s"] = round(time.perf_counter() - t0, 1)
    if not a.skip_overlap:
        res["overlap"] = _overlap(src, roots["one"] / "site", roots["sharded"] / "site")
        print(f"overlap {res['overlap']}", file=sys.stderr)
    for name, root in roots.items():
        store = root / "build" / "cache" / "search-phan"
        before = {d.name for d in store.iterdir()} if store.is_dir() else set()
        res[name]["edited"] = edit_one_plan(root)
        res[name]["incremental"] = _timed_build(root)
        after = {d.name for d in store.iterdir()} if store.is_dir() else set()
        res[name]["incremental"]["bundles_remade"] = len(after - before)
        print(f"[{name}] incremental {res[name]['incremental']}", file=sys.stderr)
        res[name]["pagefind_alone"] = _pagefind_alone(root)
        print(f"[{name}] pagefind alone {res[name]['pagefind_alone']}", file=sys.stderr)
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if a.out:
        a.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
