"""Search quality, measured the way a reader meets it: queries typed into the real search in Chromium.

For each query of a query set (tests/data/search/queries.yaml for the repository's own content;
`generated_queries` for a generated corpus) the search returns its first 20 results, and:
- **first**: is the expected page (and #anchor, for a task) the first result?
- **precision**: of the results shown, the share whose page holds every word of the query —
  the same syllables with the same marks when the query has marks (either tone placement,
  "hoà" = "hòa"), the folded syllables when it has none (đ = d). "Holds" is read from the
  built page's main content as a reader sees it (lxml, hidden elements dropped), not from
  the search index: this module knows nothing of how the search works.

Two engines: `congkhai`, the site's search (`window.congkhaiSearch` on /tim-kiem/), and
`pagefind`, Pagefind's own ranking as the site's search page used it before issue 14 (the
Pagefind JS API with `ranking.pageLength: 0`, results in Pagefind's order) — run it on a site
built before issue 14 to measure what Pagefind does alone.

    python -m bench.search_eval SITE [--engine congkhai|pagefind] [--queries FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import measure

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "data" / "search" / "queries.yaml"
SHOWN = 20

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Query:
    q: str
    half: str  # "tuning" or "held_out"
    first: str | None = None  # URL path (+ "#anchor") that must come first; None: precision only


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [Query(e["q"], half, e["first"]) for half in ("tuning", "held_out") for e in data.get(half, [])]
    for half, qs in (data.get("precision_only") or {}).items():
        out += [Query(q, half) for q in qs]
    return out


# -- does a page hold a query's words? --------------------------------------------------------


def _is_marked(text: str) -> bool:
    return any(c in "đĐ" or unicodedata.normalize("NFD", c) != c for c in unicodedata.normalize("NFC", text))


def _exact(word: str) -> str:
    from builder.base.text import fold_tone_placement

    return fold_tone_placement(word).casefold()


def _folded(word: str) -> str:
    from builder.base.text import ascii_fold

    return ascii_fold(word).casefold()


@cache
def main_text(site: Path, url: str) -> str:
    """A built page's main content as a reader sees it (hidden elements dropped), NFC."""
    from lxml import html as lxml_html

    f = site / urlsplit(url).path.strip("/") / "index.html"
    if not f.is_file():
        return ""
    doc = lxml_html.fromstring(f.read_bytes())
    for el in doc.xpath("//script|//style|//template|//*[@hidden]"):
        el.drop_tree()
    main = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' md-content ')]")
    return unicodedata.normalize(
        "NFC", " ".join(m.text_content() for m in main) if main else doc.text_content()
    )


@cache
def page_words(site: Path, path: str) -> tuple[frozenset[str], frozenset[str]]:
    """(exact, folded) word forms of a built page's main content, as a reader sees it."""
    words = _WORD.findall(main_text(site, path))
    return frozenset(map(_exact, words)), frozenset(map(_folded, words))


def holds(site: Path, url: str, query: str) -> bool:
    exact, folded = page_words(site, urlsplit(url).path)
    words = _WORD.findall(unicodedata.normalize("NFC", query))
    if _is_marked(query):
        return all(_exact(w) in exact for w in words)
    return all(_folded(w) in folded for w in words)


# -- running queries in Chromium -------------------------------------------------------------

_CONGKHAI = """async (qs) => {
  const out = [];
  for (const q of qs) out.push((await window.congkhaiSearch(q)).map(r => r.url));
  return out;
}"""

# Pagefind alone, as /tim-kiem/ used it before issue 14 (ck-search.js: PagefindUI, same ranking).
_PAGEFIND = """async (qs) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({ranking: {pageLength: 0}});
  await pf.init();
  const out = [];
  for (const q of qs) {
    const s = await pf.search(q);
    const data = await Promise.all(s.results.slice(0, SHOWN).map(r => r.data()));
    out.push(data.map(d => d.url));
  }
  return out;
}""".replace("SHOWN", str(SHOWN))


def run_on(page, queries: list[str], engine: str = "congkhai") -> list[list[str]]:
    """The URLs (path and #anchor) each query shows first (up to 20), in order, on a Playwright
    page already at the site's /tim-kiem/."""
    if engine == "congkhai":
        page.wait_for_function("() => window.congkhaiSearch", timeout=15_000)
        out = page.evaluate(_CONGKHAI, queries)
    else:
        out = page.evaluate(_PAGEFIND, queries)
    return [[_path(u) for u in urls[:SHOWN]] for urls in out]


def _path(url: str) -> str:
    u = urlsplit(url)
    return u.path + (f"#{u.fragment}" if u.fragment else "")


def run(site: Path, queries: list[str], engine: str = "congkhai") -> list[list[str]]:
    """`run_on` in a Chromium of its own, the site served locally."""
    from playwright.sync_api import sync_playwright

    with measure.serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=measure.CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + "tim-kiem/")
            return run_on(page, queries, engine)
        finally:
            browser.close()


def _same(url: str, expected: str) -> bool:
    u, e = urlsplit(url), urlsplit(expected)
    return u.path == e.path and u.fragment == e.fragment


def evaluate(site: Path, queries: list[Query], engine: str = "congkhai", page=None) -> dict:
    """Per half: how many expected pages came first (and which did not), mean precision. With
    `page` (a Playwright page at the site's /tim-kiem/), the queries run there."""
    results = (
        run_on(page, [q.q for q in queries], engine)
        if page is not None
        else run(site, [q.q for q in queries], engine)
    )
    return score(site, queries, results)


def score(site: Path, queries: list[Query], results: list[list[str]]) -> dict:
    halves: dict[str, dict] = {}
    for q, urls in zip(queries, results, strict=True):
        h = halves.setdefault(q.half, {"first": 0, "asked": 0, "misses": [], "precision": [], "empty": []})
        if q.first:
            h["asked"] += 1
            if urls and _same(urls[0], q.first):
                h["first"] += 1
            else:
                h["misses"].append({"q": q.q, "expected": q.first, "got": urls[:3]})
        if not urls:
            h["empty"].append(q.q)
            continue
        shown = [holds(site, u, q.q) for u in urls]
        h["precision"].append(sum(shown) / len(shown))
        if not all(shown):
            h.setdefault("imprecise", []).append(
                {"q": q.q, "pages": [u for u, ok in zip(urls, shown, strict=True) if not ok]}
            )
    for h in halves.values():
        ps = h.pop("precision")
        h["precision"] = sum(ps) / len(ps) if ps else None
        h["queries"] = len(ps) + len(h["empty"])
    return halves


def generated_queries(project: Path, n: int = 12, seed: int = 14) -> list[Query]:
    """Queries for a generated corpus (bench/generate.py), each with the page that must come first:
    plan numbers (→ the plan), agency names and short names (→ the agency), commune and ward
    names (→ the locality page), sampled with a fixed seed; plus the repository's precision-only
    questions. Expected pages come from the corpus files, never from the search."""
    rng = random.Random(seed)
    plans = sorted((project / "content" / "ke-hoach").rglob("*.md"))
    agencies = sorted((project / "content" / "co-quan").glob("*.md"))
    out: list[Query] = []

    def front(f: Path) -> dict:
        m = re.match(r"---\n(.*?)\n---", f.read_text(encoding="utf-8"), re.S)
        return yaml.safe_load(m.group(1)) if m else {}

    numbers: dict[str, list[Path]] = {}
    for f in plans:
        num = front(f).get("number")
        if num:
            numbers.setdefault(str(num), []).append(f)
    unique = sorted(k for k, v in numbers.items() if len(v) == 1)
    for num in rng.sample(unique, min(n, len(unique))):
        f = numbers[num][0]
        url = "/" + f.relative_to(project / "content").with_suffix("").as_posix() + "/"
        out.append(Query(num, "generated", url))
    names: dict[str, list[Path]] = {}
    for f in agencies:
        names.setdefault(str(front(f).get("name")), []).append(f)
    single = sorted(k for k, v in names.items() if len(v) == 1)
    for name in rng.sample(single, min(n, len(single))):
        out.append(Query(name, "generated", f"/co-quan/{names[name][0].stem}/"))
    # short names ("UBND xã Đức Phú", typed without marks too) → the agency; a commune's or a
    # ward's name ("xã Đức Phú") → its locality page
    shorts: dict[str, list[Path]] = {}
    codes: set[str] = set()
    for f in agencies:
        fm = front(f)
        if fm.get("short_name"):
            shorts.setdefault(str(fm["short_name"]), []).append(f)
        if fm.get("locality"):
            codes.add(str(fm["locality"]))
    single = sorted(k for k, v in shorts.items() if len(v) == 1)
    for i, short in enumerate(rng.sample(single, min(n, len(single)))):
        from builder.base.text import ascii_fold

        out.append(
            Query(
                short if i % 2 else ascii_fold(short).lower(),
                "generated",
                f"/co-quan/{shorts[short][0].stem}/",
            )
        )
    from builder.content import localities

    units = [u for c in sorted(codes) if (u := localities.by_code(c)) is not None and "," in u.label]
    for u in rng.sample(units, min(n, len(units))):
        out.append(Query(u.label.split(",")[0], "generated", f"/dia-ban/{u.code}/"))
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    out += [Query(q, "generated") for qs in (data.get("precision_only") or {}).values() for q in qs]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--engine", choices=("congkhai", "pagefind"), default="congkhai")
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--generated", type=Path, help="a generated project: use generated_queries(project)")
    ap.add_argument("--half", help="only this half of the query set (tuning: keep the held-out half unseen)")
    a = ap.parse_args(argv)
    queries = generated_queries(a.generated) if a.generated else load_queries(a.queries)
    queries = [q for q in queries if not a.half or q.half == a.half]
    print(json.dumps(evaluate(a.site, queries, a.engine), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())


# -- `make bench`: the figures of BENCHMARKS.md's "Search" section ------------------------------

# The first search on a plan page, for a few questions: the benchmark's headline query first.
FIRST_SEARCHES = ("dân vận", "dan van", "tiếp công dân", "quá hạn", "59/2023/NĐ-CP", "dân")


def pagefind_alone(site: Path, work: Path) -> Path:
    """A copy of `site` (hard links) indexed by Pagefind alone, as the site did before issue 14:
    the published pages as they are, no tokens."""
    import os
    import shutil
    import subprocess

    copy = work / "pagefind-alone"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--silent"], check=True)
    return copy


def bench_site(site: Path, queries: list[Query], plan_url: str, work: Path, log=print) -> dict:
    """Quality (ours and Pagefind alone) over `queries`, and the first search's bytes."""
    ours = evaluate(site, queries)
    log(
        f"[search] ours: {json.dumps({h: (v['first'], v['asked'], v['precision']) for h, v in ours.items()})}"
    )
    alone = evaluate(pagefind_alone(site, work), queries, engine="pagefind")
    log(
        f"[search] Pagefind alone: {json.dumps({h: (v['first'], v['asked'], v['precision']) for h, v in alone.items()})}"
    )
    first = {q: measure.first_search(site, q, plan_url) for q in FIRST_SEARCHES}
    log(f"[search] first search bytes: { {q: v.get('bytes') for q, v in first.items()} }")
    return {"ours": ours, "pagefind_alone": alone, "first_search": first, "plan_url": plan_url}


def seeds(out: Path, log=print) -> dict:
    """The repository's own content built as one project (content/, mkdocs.yml, overrides/, one
    commit at a fixed date), its query set measured."""
    import os
    import shutil
    import subprocess

    proj = out / "seeds"
    shutil.rmtree(proj, ignore_errors=True)
    proj.mkdir(parents=True)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, proj / name)
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    when = "2025-08-04T09:00:00+07:00"
    env = {
        **os.environ,
        **{k: "bench" for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")},
        **{k: "bench@example.vn" for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")},
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for cmd in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "seeds"]):
        subprocess.run(["git", "-C", str(proj), *cmd], check=True, env=env, capture_output=True)
    env.pop("CONGKHAI_TODAY", None)
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(proj), "build"],
        capture_output=True,
        text=True,
        env=env,
    )
    if r.returncode:
        return {"error": r.stderr[-1500:]}
    site = proj / "site"
    plan = sorted((site / "ke-hoach").glob("*/*/index.html"))[0].parent.relative_to(site).as_posix() + "/"
    return bench_site(site, load_queries(), plan, out, log)
