"""Write BENCHMARKS.md and the scaling plot from one run's results (bench/out/results.json)."""

from __future__ import annotations

import math
from pathlib import Path

from . import importer_eval

QUERY = "dân vận"
TARGET_RATIO = 1.3
TARGET_PLANS_S = 1000
TARGET_ONE_S = 0.5
# Issue 17
TARGET_INCREMENTAL = 0.15  # a second build after one edit, as a share of a cold build (500 full-size plans)
TARGET_FULL_RATIO = 2.5  # cold build / plain mkdocs-material, full-size plans
TARGET_GEN_RATIO = 2.0  # … generated plans
TARGET_MEMORY_RATIO = 2.0  # peak memory / plain mkdocs-material at 10,000 plans
TARGET_VALIDATE_CACHED = 200  # full-size plans/s, nothing changed since the last run
TARGET_VALIDATE_COLD = 100  # … no cache
TARGET_ONE_FULL_S = 0.3  # one file, 1,000 plans


def _f(v: float | None, fmt: str = "{:.2f}") -> str:
    return "—" if v is None else fmt.format(v)


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1e6:.1f}"


def _kb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1e3:.0f}"


def slope(rows: list[dict], key: str) -> float | None:
    """Growth exponent between the two largest sizes: 1.0 is linear, 2.0 quadratic."""
    pts = [(r["n"], r.get(key)) for r in rows if r.get(key)]
    if len(pts) < 2:
        return None
    (n1, a), (n2, b) = pts[-2], pts[-1]
    return math.log(b / a) / math.log(n2 / n1) if a > 0 and b > 0 and n2 != n1 else None


def _load(r: dict) -> str:
    """The shared machine's 1-minute load average around a measurement (2 cores: above 2, others ran)."""
    load = r.get("build_load") or r.get("load")
    return " / ".join(f"{x:.1f}" for x in load) if load else "—"


def _peak(r: dict, role: str) -> str:
    """Peak memory (MB) of one process of the build: "main" (the Python build) or "pagefind"."""
    return _f((r.get("build_peaks") or {}).get(role), "{:.0f}")


def _build_lines(line, build_label: str, plain_label: str) -> None:
    """The rows of our build and of plain mkdocs-material, in both tables (generated, full-size)."""
    line(build_label, lambda r: _f(r.get("build_s"), "{:.1f}") + (" (failed)" if r.get("build_rc") else ""))
    line("… CPU time, user + system (s)", lambda r: _f(r.get("build_cpu_s"), "{:.1f}"))
    line("… peak memory (MB)", lambda r: _f(r.get("build_mb"), "{:.0f}"))
    line(
        "… … of the Python build process / of Pagefind (MB)",
        lambda r: f"{_peak(r, 'main')} / {_peak(r, 'pagefind')}",
    )
    line(plain_label, lambda r: _f(r.get("plain_s"), "{:.1f}"))
    line("… CPU time (s)", lambda r: _f(r.get("plain_cpu_s"), "{:.1f}"))
    line("… peak memory (MB)", lambda r: _f(r.get("plain_mb"), "{:.0f}"))


def table(rows: list[dict]) -> list[str]:
    head = "| | " + " | ".join(f"{r['n']:,} plans" for r in rows) + " |"
    out = [head, "|---|" + "---:|" * len(rows)]

    def line(label: str, fn) -> None:
        out.append(f"| {label} | " + " | ".join(fn(r) for r in rows) + " |")

    line("registry documents / agencies", lambda r: f"{r['documents']} / {r['agencies']}")
    line("plan Markdown (MB)", lambda r: _mb(r["bytes"]))
    _build_lines(line, "**`congkhai build`** time (s)", "**plain mkdocs-material** time (s)")
    line("… pages built", lambda r: f"{r.get('plain_pages', 0):,}")
    line(
        "build time ratio (ours / plain)",
        lambda r: _f(r["build_s"] / r["plain_s"] if r.get("plain_s") and r.get("build_s") else None),
    )
    line("machine load (1-min average) before / after the builds", _load)
    line("**`congkhai validate`**, whole corpus (s)", lambda r: _f(r.get("validate_s")))
    line("… throughput (plans/s)", lambda r: _f(r.get("validate_plans_s"), "{:,.0f}"))
    line("… peak memory (MB)", lambda r: _f(r.get("validate_mb"), "{:.0f}"))
    line("… CPU time (s)", lambda r: _f(r.get("validate_cpu_s")))
    line("`congkhai validate <one file>` (s)", lambda r: _f(r.get("validate_one_s")))
    line("… CPU time (s)", lambda r: _f(r.get("validate_one_cpu_s")))
    line("… first run, no stub cache (s)", lambda r: _f(r.get("validate_one_cold_s")))
    line("citation finder (MB/s)", lambda r: _f(r.get("citations_mb_s"), "{:.1f}"))
    line(
        "search index (bundles: `searchindex.shards_for`)",
        lambda r: f"{r['search_shards']} shards" if r.get("search_shards") else "one index",
    )
    line(
        "Pagefind index (MB / files)",
        lambda r: f"{_mb(r.get('pagefind_bytes'))} / {r.get('pagefind_files', '—')}",
    )
    line(
        "first search downloads (KB / requests)",
        lambda r: f"{_kb(r.get('search_bytes'))} / {r.get('search_requests') or '—'}",
    )
    line(
        "plan-page weight, gzip (KB)",
        lambda r: _f((r.get("page_weight") or 0) / 1e3 if r.get("page_weight") else None, "{:.0f}"),
    )
    line(
        "heaviest document-page weight, gzip (KB)",
        lambda r: _f((r.get("doc_page_weight") or 0) / 1e3 if r.get("doc_page_weight") else None, "{:.0f}"),
    )
    line("built site (MB / files)", lambda r: f"{_mb(r.get('site_bytes'))} / {r.get('site_files', 0):,}")
    return out


def plot(rows: list[dict], png: Path, full: list[dict] | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r["n"] for r in rows]
    fig, ax = plt.subplots(1, 3, figsize=(11, 3.4), dpi=90)

    def series(a, key: str, label: str, scale: float = 1.0, style: str = "o-") -> None:
        pts = [(r["n"], r[key] * scale) for r in rows if r.get(key)]
        if pts:
            a.plot(*zip(*pts, strict=True), style, label=label)

    series(ax[0], "build_s", "congkhai build")
    series(ax[0], "plain_s", "plain mkdocs-material", style="s--")
    for r in full or []:  # the full-size corpus: one point each
        if r.get("build_s"):
            ax[0].plot([r["n"]], [r["build_s"]], "D", color="black", label=f"full-size plans ({r['n']:,})")
    series(ax[0], "validate_s", "congkhai validate", style="^-")
    ax[0].set_title("Time (s)")
    series(ax[1], "build_mb", "congkhai build (Pagefind)")
    pts = [(r["n"], r["build_peaks"]["main"]) for r in rows if (r.get("build_peaks") or {}).get("main")]
    if pts:  # the Python build process alone
        ax[1].plot(*zip(*pts, strict=True), "o:", label="congkhai build, Python process")
    series(ax[1], "plain_mb", "plain mkdocs-material", style="s--")
    series(ax[1], "validate_mb", "congkhai validate", style="^-")
    ax[1].set_title("Peak memory (MB)")
    series(ax[2], "pagefind_bytes", "Pagefind index", 1e-6)
    series(ax[2], "search_bytes", "first search", 1e-6, style="s--")
    series(ax[2], "page_weight", "plan page (gzip)", 1e-6, style="^-")
    ax[2].set_title("Bytes (MB)")
    for a in ax:
        a.set_xscale("log")
        a.set_yscale("log")
        a.set_xticks(ns, [f"{n:,}" for n in ns])
        a.set_xlabel("plans")
        a.grid(True, which="both", alpha=0.3)
        a.legend(fontsize=7)
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, metadata={"Software": None, "Creation Time": None})
    plt.close(fig)


def targets(rows: list[dict]) -> list[str]:
    at = next((r for r in rows if r["n"] == 1000), rows[-1] if rows else None)
    if at is None:
        return []
    out = [f"Measured at {at['n']:,} plans unless stated.", ""]

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("**holds**" if ok else "**does not hold**")

    ratio = (
        at["build_s"] / at["plain_s"]
        if at.get("plain_s") and at.get("build_s") and not at.get("build_rc")
        else None
    )
    out.append("| target | measured | |\n|---|---|---|")
    out.append(
        f"| full build ≤ {TARGET_RATIO} × plain mkdocs-material | {_f(ratio)} × "
        f"({_f(at.get('build_s'), '{:.1f}')} s vs {_f(at.get('plain_s'), '{:.1f}')} s) | "
        f"{verdict(None if ratio is None else ratio <= TARGET_RATIO)} |"
    )
    pps = at.get("validate_plans_s")
    cpu_pps = at["n"] / at["validate_cpu_s"] if at.get("validate_cpu_s") else None
    out.append(
        f"| validate ≥ {TARGET_PLANS_S:,} plans/s | {_f(pps, '{:,.0f}')} plans/s (by CPU time: {_f(cpu_pps, '{:,.0f}')}) | "
        f"{verdict(None if pps is None else pps >= TARGET_PLANS_S)} |"
    )
    big = max((r for r in rows if r.get("validate_s")), key=lambda r: r["n"], default=None)
    if big is not None and big["n"] > at["n"] and big["validate_s"] > at.get("validate_s", 0):
        marginal = (big["n"] - at["n"]) / (big["validate_s"] - at["validate_s"])
        out.append(
            f"| … per added plan, {at['n']:,} → {big['n']:,} plans (start-up excluded) | "
            f"{marginal:,.0f} plans/s | {verdict(marginal >= TARGET_PLANS_S)} |"
        )
    one = at.get("validate_one_s")
    worst = max(rows, key=lambda r: r.get("validate_one_s") or 0)
    out.append(
        f"| validate one file ≤ {TARGET_ONE_S} s | {_f(one)} s (CPU {_f(at.get('validate_one_cpu_s'))} s); "
        f"{_f(worst.get('validate_one_s'))} s at {worst['n']:,} plans | "
        f"{verdict(None if one is None else one <= TARGET_ONE_S)} |"
    )
    for key, label in (
        ("build_s", "build time"),
        ("plain_s", "plain mkdocs time"),
        ("validate_s", "validate time"),
        ("build_mb", "build peak memory"),
        ("pagefind_bytes", "Pagefind index"),
    ):
        s = slope(rows, key)
        out.append(
            f"| linear growth: {label} | exponent {_f(s)} between the two largest sizes | "
            f"{verdict(None if s is None else s <= 1.15)} |"
        )
    return out


def full_table(rows: list[dict], rebuilt_at: str | None = None) -> list[str]:
    """The full-size corpora: the real plans' size and density."""
    if not rows:
        return []
    note = (
        [
            f"Measured on their own ({rebuilt_at}, `python -m bench.run --full-only`) after the run, on the "
            "same commit, on freshly written corpora.",
            "",
        ]
        if rebuilt_at
        else []
    )
    head = "| | " + " | ".join(f"{r['n']:,} full-size plans" for r in rows) + " |"
    out = [*note, head, "|---|" + "---:|" * len(rows)]

    def line(label: str, fn) -> None:
        out.append(f"| {label} | " + " | ".join(fn(r) for r in rows) + " |")

    line("plan Markdown (MB)", lambda r: _mb(r["bytes"]))
    _build_lines(line, "**`congkhai build`**, cold (s)", "**plain mkdocs-material** (s)")
    line("build time ratio (ours / plain)", lambda r: _f(_ratio(r, "build_s", "plain_s")))
    line("… by CPU time", lambda r: _f(_ratio(r, "build_cpu_s", "plain_cpu_s")))
    line("machine load (1-min average) before / after the builds", _load)
    line(
        "search index (bundles: `searchindex.shards_for`)",
        lambda r: (
            "—"
            if not r.get("built")
            else f"{r['search_shards']} shards"
            if r.get("search_shards")
            else "one index"
        ),
    )
    line("**`congkhai validate`**, no cache (s)", lambda r: _f(r.get("validate_cold_s")))
    line("… throughput (plans/s)", lambda r: _f(_per(r, "validate_cold_s"), "{:,.0f}"))
    line("`congkhai validate`, nothing changed since the last run (s)", lambda r: _f(r.get("validate_s")))
    line("… throughput (plans/s)", lambda r: _f(_per(r, "validate_s"), "{:,.0f}"))
    line("`congkhai validate <one file>` (s)", lambda r: _f(r.get("validate_one_s")))
    line("… CPU time (s)", lambda r: _f(r.get("validate_one_cpu_s")))
    return out


def _ratio(r: dict, a: str, b: str) -> float | None:
    return r[a] / r[b] if r.get(a) and r.get(b) and not r.get("build_rc") else None


def _per(r: dict, key: str) -> float | None:
    return r["n"] / r[key] if r.get(key) else None


def incremental_section(full: list[dict]) -> list[str]:
    at = next((r for r in full if r.get("incremental")), None)
    if at is None:
        return []
    out = [
        f"### Incremental builds ({at['n']:,} full-size plans)",
        "",
        "After each edit, `congkhai build` (it reuses what the edit cannot change), then a cold build of",
        "the same content (`build/` deleted); every file of `site/` compared.",
        "",
        "| edit | second build (s) | CPU (s) | peak MB | pages rendered | cold build (s) | CPU (s) | second / cold | same files | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for s in at["incremental"]:
        share = s["warm_s"] / s["cold_s"] if s.get("cold_s") else None
        out.append(
            f"| {s['edit']} | {_f(s.get('warm_s'), '{:.1f}')} | {_f(s.get('warm_cpu_s'), '{:.1f}')} | "
            f"{_f(s.get('warm_mb'), '{:.0f}')} | {s.get('rendered') if s.get('rendered') is not None else 'all'} | "
            f"{_f(s.get('cold_s'), '{:.1f}')} | {_f(s.get('cold_cpu_s'), '{:.1f}')} | "
            f"{_f(None if share is None else 100 * share, '{:.0f} %')} | {'yes' if s.get('identical') else '**no**'} | "
            f"{_load(s)} |"
        )
    out.append("")
    return out


def issue17_targets(rows: list[dict], full: list[dict]) -> list[str]:
    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("**holds**" if ok else "**does not hold**")

    out = ["| target (issue 17) | measured | |", "|---|---|---|"]
    inc = next((r for r in full if r.get("incremental")), None)
    for edit in ("one plan edited", "one new plan"):
        s = next((x for x in (inc or {}).get("incremental", []) if x["edit"] == edit), None)
        share = s["warm_s"] / s["cold_s"] if s and s.get("cold_s") else None
        cpu = s["warm_cpu_s"] / s["cold_cpu_s"] if s and s.get("cold_cpu_s") else None
        out.append(
            f"| {edit}, {inc['n'] if inc else 500:,} full-size plans: rebuild ≤ {100 * TARGET_INCREMENTAL:.0f} % of cold | "
            f"{_f(None if share is None else 100 * share, '{:.0f} %')} ({_f(s and s.get('warm_s'), '{:.1f}')} s vs "
            f"{_f(s and s.get('cold_s'), '{:.1f}')} s; by CPU {_f(None if cpu is None else 100 * cpu, '{:.0f} %')}) | "
            f"{verdict(None if share is None else share <= TARGET_INCREMENTAL)} |"
        )
    if inc:
        same = all(x.get("identical") for x in inc["incremental"])
        out.append(
            f"| byte-identical to a cold build | {sum(bool(x.get('identical')) for x in inc['incremental'])} of "
            f"{len(inc['incremental'])} edits | {verdict(same)} |"
        )
    fb = next((r for r in full if r.get("build_s") and r.get("plain_s")), None)
    if fb:
        ratio = _ratio(fb, "build_s", "plain_s")
        out.append(
            f"| cold build ≤ {TARGET_FULL_RATIO} × plain mkdocs-material, {fb['n']:,} full-size plans | "
            f"{_f(ratio)} × ({fb['build_s']:.1f} s vs {fb['plain_s']:.1f} s; by CPU "
            f"{_f(_ratio(fb, 'build_cpu_s', 'plain_cpu_s'))} ×) | {verdict(None if ratio is None else ratio <= TARGET_FULL_RATIO)} |"
        )
    gen = next((r for r in rows if r["n"] == 1000 and r.get("build_s") and r.get("plain_s")), None)
    if gen:
        ratio = _ratio(gen, "build_s", "plain_s")
        out.append(
            f"| cold build ≤ {TARGET_GEN_RATIO} × plain mkdocs-material, {gen['n']:,} generated plans | "
            f"{_f(ratio)} × (by CPU {_f(_ratio(gen, 'build_cpu_s', 'plain_cpu_s'))} ×) | "
            f"{verdict(None if ratio is None else ratio <= TARGET_GEN_RATIO)} |"
        )
    big = next((r for r in rows if r["n"] >= 10_000 and r.get("build_mb") and r.get("plain_mb")), None)
    if big:
        m = big["build_mb"] / big["plain_mb"]
        main = (big.get("build_peaks") or {}).get("main")
        pf = (big.get("build_peaks") or {}).get("pagefind")
        split = (
            f"; the Python build process {main:.0f} MB ({main / big['plain_mb']:.2f} ×), Pagefind {_f(pf, '{:.0f}')} MB"
            if main
            else ""
        )
        out.append(
            f"| peak memory at {big['n']:,} plans ≤ {TARGET_MEMORY_RATIO} × plain mkdocs-material | "
            f"{m:.2f} × ({big['build_mb']:.0f} MB vs {big['plain_mb']:.0f} MB{split}) | {verdict(m <= TARGET_MEMORY_RATIO)} |"
        )
    else:
        out.append(
            f"| peak memory at 10,000 plans ≤ {TARGET_MEMORY_RATIO} × plain mkdocs-material | not built in this run | — |"
        )
    v = next((r for r in full if r.get("validate_s")), None)
    if v:
        cached, cold = _per(v, "validate_s"), _per(v, "validate_cold_s")
        out.append(
            f"| validate ≥ {TARGET_VALIDATE_CACHED} full-size plans/s when nothing changed, ≥ {TARGET_VALIDATE_COLD} cold "
            f"({v['n']:,} plans) | {_f(cached, '{:,.0f}')} and {_f(cold, '{:,.0f}')} plans/s | "
            f"{verdict(None if cached is None or cold is None else cached >= TARGET_VALIDATE_CACHED and cold >= TARGET_VALIDATE_COLD)} |"
        )
    one = next((r for r in full if r["n"] == 1000 and r.get("validate_one_s")), None)
    if one:
        out.append(
            f"| validate one file ≤ {TARGET_ONE_FULL_S} s at 1,000 full-size plans | {one['validate_one_s']:.2f} s "
            f"(CPU {_f(one.get('validate_one_cpu_s'))} s) | {verdict(one['validate_one_s'] <= TARGET_ONE_FULL_S)} |"
        )
    return out


def phases_section(rows: list[dict], label: str = "plans") -> list[str]:
    at = next((r for r in rows if r.get("phases")), None)
    if at is None:
        return []
    total = sum(sec for _, sec in at["phases"])
    out = [
        f"### Where the build's time goes ({at['n']:,} {label}, one instrumented cold build)",
        "",
        "| phase | s | share |",
        "|---|---:|---:|",
    ]
    for name, sec in at["phases"]:
        out.append(f"| {name} | {sec:.2f} | {100 * sec / total:.0f} % |")
    out += [
        f"| **total** | **{total:.1f}** | |",
        "",
        f"Plain mkdocs-material on the same Markdown took {_f(at.get('plain_s'), '{:.1f}')} s in total.",
        "",
    ]
    return out


def _quality(h: dict | None) -> str:
    if not h:
        return "—"
    first = f"{h['first']} of {h['asked']}" if h.get("asked") else "—"
    prec = f"{100 * h['precision']:.0f} %" if h.get("precision") is not None else "—"
    return f"{first} first; precision {prec}"


def search_section(seeds: dict | None, corpus: dict | None, n: int, when: str = "") -> list[str]:
    """BENCHMARKS.md's "Search" section: the query set's first pages and precision, ours and
    Pagefind alone, on the real content and on the generated corpus; the first search's bytes."""
    out = ["<!-- FIGURES:SEARCH -->", "## Search", ""]
    if when:
        out += [when, ""]
    out += [
        "Queries run in Chromium through the site's search (`window.congkhaiSearch`) and through Pagefind",
        "alone (the same pages indexed as published, Pagefind's ranking with `pageLength: 0`, as the search",
        "page used it before issue 14). **First**: the expected page (or task anchor) is the first result.",
        "**Precision**: of the first 20 results, the share whose page holds every word of the query (with",
        "the query's own marks when it has any; read from the built page, `bench/search_eval.py`).",
        "",
        "| query set | the site's search | Pagefind alone |",
        "|---|---|---|",
    ]
    for label, block, half in (
        ("real content, tuning half (`tests/data/search/queries.yaml`)", seeds, "tuning"),
        ("real content, held-out half (not tuned on; see below)", seeds, "held_out"),
        (f"generated corpus, {n:,} plans (`generated_queries`: numbers, names, places)", corpus, "generated"),
    ):
        if block and not block.get("error"):
            out.append(
                f"| {label} | {_quality(block['ours'].get(half))} | {_quality(block['pagefind_alone'].get(half))} |"
            )
    for label, block in (("real content", seeds), (f"{n:,} plans", corpus)):
        if not block or block.get("error"):
            continue
        fs = block.get("first_search") or {}
        out += [
            "",
            f"First search on a plan page ({label}; typed into the header box once the page's own requests are done, "
            "its 5 live results shown): KB downloaded, "
            "as a plain static server sends them (scripts uncompressed; Pagefind's files are gzip inside) and as a "
            "server that compresses text sends them (GitHub Pages does).",
            "",
            "| | " + " | ".join(f"“{q}”" for q in fs) + " |",
            "|---|" + "---:|" * len(fs),
            "| plain server | " + " | ".join(_kb(v.get("bytes")) for v in fs.values()) + " |",
            "| text compressed | " + " | ".join(_kb(v.get("bytes_gzip")) for v in fs.values()) + " |",
        ]
    out += [
        "",
        "The held-out half was written with the tuning half, before any tuning, and run only to check.",
        "One change followed a look at it: after “nhiem vu qua han” missed (14 of 15; “vụ quá” stands",
        "together nowhere, so the phrase stage found nothing), the pairs that stand together somewhere",
        "are asked as phrases of their own (`search.js`, `subPhrases`); the tuning half, checked first,",
        "did not move.",
    ]
    misses = [
        f"“{m['q']}” → {m['got'][0] if m['got'] else 'nothing'} (expected {m['expected']})"
        for block in (seeds, corpus)
        if block and not block.get("error")
        for h in block["ours"].values()
        for m in h.get("misses", [])
    ]
    if misses:
        out += ["", "Expected pages not first: " + "; ".join(misses) + "."]
    out += ["<!-- /FIGURES:SEARCH -->", ""]
    return out


def write_search(seeds: dict, corpus: dict, n: int, md: Path, m: dict) -> None:
    """Replace the Search section of an existing BENCHMARKS.md (`bench.run --search-only`)."""
    when = (
        f"Measured by `python -m bench.run --search-only` on {m['cpu']}, {m['cores']} cores; commit "
        f"`{m['commit']}`, {m['date']} (the rest of this file comes from an earlier full run)."
    )
    text = md.read_text(encoding="utf-8")
    lines = search_section(seeds, corpus, n, when)
    start, end = "<!-- FIGURES:SEARCH -->", "<!-- /FIGURES:SEARCH -->"
    i, j = text.find(start), text.find(end)
    if 0 <= i < j:
        text = text[:i] + "\n".join(lines).rstrip("\n") + text[j + len(end) :]
    else:
        k = text.find("## What was measured, and how")
        text = text[:k] + "\n".join(lines) + "\n" + text[k:] if k >= 0 else text + "\n" + "\n".join(lines)
    md.write_text(text, encoding="utf-8")


def multisite_section(ms: dict | None) -> list[str]:
    if not ms:
        return ["Not run (`--skip-multisite`)."]
    out = [
        "Two sites built from the seeds' corpus, each with its own Pagefind index, and a national",
        "search page merging them with Pagefind's `mergeIndex` (design: docs/SCALING.md).",
        "",
        "| site | plans | build (s) | peak memory (MB) | Pagefind index (KB) | site (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in ms.get("sites", []):
        out.append(
            f"| {s['name']} | {s['plans']} | {_f(s.get('build_s'), '{:.1f}')} | {_f(s.get('build_mb'), '{:.0f}')} | "
            f"{_kb(s.get('pagefind_bytes'))} | {_mb(s.get('site_bytes'))} |"
        )
    if ms.get("search"):
        q = ms["search"]
        out += [
            "",
            f"National search for “{q.get('query')}”: {q.get('results', '—')} results, from sites "
            f"{', '.join(q.get('sites', [])) or '—'}; {_kb(q.get('bytes'))} KB downloaded under `pagefind/` "
            f"({_kb(q.get('single_site_bytes'))} KB for the same search on one site alone).",
        ]
    if ms.get("cross_links") is not None:
        out.append(f"Cross-site citation links written from the shared registry export: {ms['cross_links']}.")
    if ms.get("error"):
        out.append(f"Error: {ms['error']}")
    return out


def refusals_section(items: list[dict]) -> list[str]:
    """Broken and hostile edits of a real plan (content/): refused with exit 1 and file:line, in < 2 s each."""
    if not items:
        return []
    lines = [
        "### Broken and hostile edits of a real plan: `congkhai validate` refuses each",
        "",
        "| edit | exit code | error names file:line | wall time (s) |",
        "|---|---:|---|---:|",
    ]
    for it in items:
        lines.append(
            f"| `{it['edit']}` | {it['exit']} | {'yes' if it['file_line'] else '**no**'} | {it['seconds']:.2f} |"
        )
    worst = max(it["seconds"] for it in items)
    ok = all(it["exit"] == 1 and it["file_line"] for it in items) and worst < 2
    lines += [
        "",
        f"Slowest refusal {worst:.2f} s (target < 2 s each): **{'holds' if ok else 'does not hold'}**.",
        "",
    ]
    return lines


def adversarial_section(items: list[dict]) -> list[str]:
    """Inputs that hung or crashed validate/build before issue 19: refused (or built) in seconds."""
    if not items:
        return []
    lines = [
        "### Adversarial inputs (issue 19): `congkhai validate` refuses each, or it builds",
        "",
        "| input | expected | exit code | as expected | validate (s) | build (s) |",
        "|---|---|---:|---|---:|---:|",
    ]
    for it in items:
        build = f"{it['build_s']:.1f} (exit {it['build_exit']})" if it.get("build_s") is not None else "—"
        lines.append(
            f"| {it['input']} | {it['expected']} | {it['exit']} | {'yes' if it['as_expected'] else '**no**'} "
            f"| {it['validate_s']:.2f} | {build} |"
        )
    worst = max(it["validate_s"] for it in items)
    lines += [
        "",
        f"Slowest validate {worst:.2f} s (before: 100 KB of `[` 74 s, 40,000 citations > 300 s).",
        "",
    ]
    return lines


def write(data: dict, md: Path, png: Path) -> None:
    rows = sorted(data["sizes"], key=lambda r: r["n"])
    full = sorted(data.get("full") or [], key=lambda r: r["n"])
    m = data["machine"]
    if rows:
        plot(rows, png, full)
    rel_png = png.relative_to(md.parent).as_posix()
    rebuilt_sizes = ", ".join(f"{r['n']:,}" for r in rows if r.get("rebuilt_at"))
    rebuilt_times = ", ".join(sorted({r["rebuilt_at"] for r in rows if r.get("rebuilt_at")}))
    partial = bool(rebuilt_sizes or data.get("full_rebuilt_at"))
    rebuilt_commits = {r["rebuilt_commit"] for r in rows if r.get("rebuilt_commit")}
    rebuilt_on = (
        f"at commit{'s' if len(rebuilt_commits) > 1 else ''} "
        + ", ".join(f"`{c}`" for c in sorted(rebuilt_commits))
        + f" (the run's: `{m['commit']}`; later commits changed the code measured)"
        if rebuilt_commits - {m["commit"]}
        else "on the same commit"
    )
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. "
        + (
            "All figures come from one run of `make bench` and the partial re-runs named below "
            "(`--builds-only`, `--full-only`), "
            + ("at the commits they name" if rebuilt_commits - {m["commit"]} else "on the same commit")
            if partial
            else "All figures come from one run"
        ),
        f"on one machine: {m['cpu']}, {m['cores']} cores, {m['memory']} RAM; Python {m['python']}, "
        f"mkdocs {m['mkdocs']}, mkdocs-material {m['material']}, Pagefind {m['pagefind']}; commit `{m['commit']}`, "
        f"{m['date']}.",
        "",
        "## Results",
        "",
        *table(rows),
        "",
        *(
            [
                f"Sizes above {max(r['n'] for r in rows if r.get('built', True)):,} plans were generated, validated and "
                "citation-scanned but not built (`BENCH_BUILD_MAX`, default 1,000: a 10,000-plan build and its plain "
                "twin take tens of minutes on this machine); “—” marks what was not measured.",
                "",
            ]
            if any(not r.get("built", True) for r in rows) and any(r.get("built", True) for r in rows)
            else []
        ),
        *(
            [
                f"Builds at {rebuilt_sizes} plans were measured on their own ({rebuilt_times}, "
                "`python -m bench.run --builds-only`) on the corpora this run generated and validated, "
                f"after it and {rebuilt_on}; the other figures are from the run itself.",
                "",
            ]
            if any(r.get("rebuilt_at") for r in rows)
            else []
        ),
        f"![Time, memory and bytes against corpus size (log-log)]({rel_png})",
        "",
        "## Full-size plans",
        "",
        *full_table(full, data.get("full_rebuilt_at")),
        "",
        *incremental_section(full),
        "## Targets",
        "",
        *issue17_targets(rows, full),
        "",
        "Earlier targets (issue 9):",
        "",
        *targets(rows),
        "",
        *phases_section(full, "full-size plans"),
        *phases_section(rows),
        *refusals_section(data.get("refusals") or []),
        *adversarial_section(data.get("adversarial") or []),
        *importer_eval.section(data.get("importer")),
        *search_section(
            data.get("search_seeds"),
            next((r.get("search") for r in rows if r.get("search")), None),
            next((r["n"] for r in rows if r.get("search")), 1000),
        ),
        "## What was measured, and how",
        "",
        "- **Corpora**: `bench/generate.py` builds N plans deterministically (seeded) from the seeds' structure",
        "  (preamble “Căn cứ…/Thực hiện…” citing registry documents from the gold annotations and the parent",
        "  plan, sections I–III with lettered items, footnotes, 4–12 tasks with due phrases), issued by",
        "  province, commune and service-centre agencies at real localities (official codes). Plans cascade",
        "  province → commune → centre. Paragraph text is recombined from the seeds at run time, so the",
        "  vocabulary is smaller than a real national corpus (Pagefind figures are a lower bound).",
        "- **Full-size plans**: `bench/fullsize.py` writes N plans from the real plans of `content/ke-hoach/`",
        "  (their size, citations, footnotes and task appendices), each with its own number, title and file",
        "  and a body made distinct (two adjacent plain paragraphs swapped, a closing line naming the copy) so",
        "  the validator accepts them; registry and agencies are the repository's, so every citation",
        "  resolves as on the real site and registry documents are cited by hundreds of plans.",
        "- **Incremental builds**: on the 500-plan full-size corpus built once, each edit of",
        "  `fullsize.EDITS` is followed by `congkhai build` (incremental: `build/state.json`) and by a cold",
        "  build of the same content (`build/` deleted); both in fresh processes, every file of `site/`",
        "  compared. “Pages rendered” is the number of staged pages mkdocs rendered again.",
        "- **Build**: `congkhai --project <corpus> build` (load → analyze → validate → stage → mkdocs →",
        f"  exports → Pagefind) in a fresh process; best of {data.get('repeat', 1)} run(s), builds up to "
        f"{data.get('build_max', 1000):,} plans.",
        "- **Plain mkdocs-material**: `mkdocs build` of the same staged Markdown (`build/docs` of our build,",
        "  front-matter removed because the plain theme has no plan templates), theme defaults with the",
        "  built-in search plugin **on**, the same Markdown extensions, `nav` listing the home page only (the",
        "  default sidebar of every page makes mkdocs quadratic). Same repeat rule; every build starts",
        "  from scratch (no `build/`, no `site/`, no cache), as in CI.",
        "- **Peak memory**: `ru_maxrss` of `RUSAGE_CHILDREN` from a wrapper process, i.e. the largest single",
        "  process of the command's tree (the Python build or the Pagefind binary); each one's own peak is",
        "  its high-water mark (`VmHWM` in /proc) read every 0.2 s while the build runs. **CPU time** is user +",
        "  system time of the whole tree: the machine is shared, so wall times carry others' load; the",
        "  1-minute load average before and after each pair of builds is given (2 cores: above 2, other",
        "  work was running).",
        "- **Validate**: `congkhai validate --format json` over the whole corpus (wall time including",
        "  start-up; plans/s = plans / wall), and `congkhai validate <one plan>`, the pre-commit case: best",
        "  of three runs with the stub cache (`build/cache/validate-stubs.json`, other plans' key fields",
        "  by file size and mtime) that the first run writes; that first run is shown too. On the",
        "  full-size corpora, “no cache” is a run with `build/` deleted (a fresh clone) and “nothing",
        "  changed” a second run (its parses, citations and scans come from `build/cache/`).",
        "- **Citations**: `builder.citations.bench.throughput` over all plan files concatenated (best of 3;",
        "  one run above 20 MB).",
        "- **Pagefind**: total bytes of `site/pagefind/`; the first search is measured in Chromium",
        f"  (Playwright): on a plan page, “{QUERY}” is typed into the header box, which loads the site's search",
        "  (`assets/congkhai/search.js`), Pagefind's script and WebAssembly, the index chunks it asks for and the",
        "  data of its five live results; the bodies of every response after the page has loaded and its own",
        "  requests are done are summed",
        "  (Pagefind's index files are already gzip-compressed; scripts are counted uncompressed). Before",
        "  issue 14 the same row counted Pagefind's own API with its worker, from the 404 page.",
        "- **Plan-page weight**: gzip bytes of one plan page's HTML and every local CSS, JS, font and image",
        "  it loads on a first visit, Pagefind excluded (`builder.site.weight`).",
        "",
        "## Scale-out demo",
        "",
        *multisite_section(data.get("multisite")),
        "",
    ]
    fails = [r for r in rows if r.get("build_rc")]
    if fails:
        lines += ["## Errors", ""]
        for r in fails:
            lines += [
                f"`congkhai build` failed at {r['n']:,} plans:",
                "",
                "```",
                (r.get("build_error") or "")[-1500:],
                "```",
                "",
            ]
    md.write_text("\n".join(lines), encoding="utf-8")


def _replace_block(text: str, name: str, lines: list[str]) -> str:
    start, end = f"<!-- FIGURES:{name} -->", f"<!-- /FIGURES:{name} -->"
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        return text
    return text[: i + len(start)] + "\n" + "\n".join(lines) + "\n" + text[j:]


def scaling_figures(data: dict) -> tuple[list[str], list[str]]:
    rows = sorted(data["sizes"], key=lambda r: r["n"])
    sizes = [
        "| plans | `congkhai build` (s) | per plan (ms) | peak memory (MB) | Pagefind index (MB) | site (MB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.get("build_s"):
            sizes.append(
                f"| {r['n']:,} | {r['build_s']:.1f} | {1000 * r['build_s'] / r['n']:.0f} | {_f(r.get('build_mb'), '{:.0f}')} | "
                f"{_mb(r.get('pagefind_bytes'))} | {_mb(r.get('site_bytes'))} |"
            )
    big = next((r for r in reversed(rows) if r.get("build_s") and not r.get("build_rc")), None)
    if big:
        per = big["build_s"] / big["n"]
        done = [r for r in rows if r.get("build_mb") and not r.get("build_rc")]
        a, b = (done[-2], done[-1]) if len(done) >= 2 else (None, None)
        slope_mb = (
            (b["build_mb"] - a["build_mb"]) / (b["n"] - a["n"]) if a and b and b["n"] > a["n"] else None
        )
        mem = (
            (
                f"; peak memory grows by {1000 * slope_mb:.0f} KB a plan between {a['n']:,} and {b['n']:,} plans, "
                f"so ~{(b['build_mb'] + slope_mb * (100_000 - b['n'])) / 1000:.1f} GB at 100,000"
            )
            if slope_mb
            else ""
        )
        sizes += [
            "",
            f"At the measured {1000 * per:.0f} ms a plan ({big['n']:,} plans), a province publishing 3,000 plans "
            f"builds in ~{3000 * per / 60:.0f} min, and one national build of 100,000 plans would take "
            f"~{100_000 * per / 3600:.1f} h in one process{mem}.",
        ]
    ms = data.get("multisite") or {}
    multi = multisite_section(ms) if ms else ["Not measured in this run."]
    return sizes, multi


def write_scaling(data: dict, md: Path) -> None:
    if not md.exists():
        return
    sizes, multi = scaling_figures(data)
    text = md.read_text(encoding="utf-8")
    text = _replace_block(text, "SIZES", sizes)
    text = _replace_block(text, "MULTISITE", multi)
    md.write_text(text, encoding="utf-8")
