"""Scale-out demo: one site per province, built apart, searched together (docs/SCALING.md).

From the repository's own content (the seeds' corpus) two projects are made:
- `da-nang`: the plans whose issuer is in Đà Nẵng (province code 48), with the whole registry
  (content/van-ban/): this site is the registry's home;
- `con-lai`: every other plan. Its registry is *imported* from da-nang's export
  (`api/documents.json` and `api/plans.json`), not copied from content/: one registry, shared.

Each is built by `congkhai build` in its own process (as one CI matrix job each), with its own
Pagefind index. After the build, links from con-lai to imported documents point at their pages
on da-nang (cross-site citation links), and the imported stub pages redirect there. A national
page serves both sites under one origin and merges the two Pagefind indexes (`mergeIndex`).

    python -m bench.multisite [OUT]      # builds into bench/out/multisite/national/
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import yaml

from . import measure

ROOT = Path(__file__).resolve().parents[1]
HOME = "da-nang"  # the registry's home site
OTHER = "con-lai"
HOME_PROVINCE = "48"
QUERY = "dân vận"

NATIONAL_HTML = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tìm kiếm kế hoạch trên toàn quốc — Công khai</title>
<link rel="stylesheet" href="/{home}/assets/congkhai.css">
<style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}</style>
<!-- The site's own search (assets/congkhai/search.js) from the first site, the other sites'
     indexes merged in the browser; result URLs get each site's base (/{home}/…, /{other}/…). -->
<script src="/{home}/assets/congkhai/search.js" data-merge='{merge}' defer></script>
<script src="/{home}/assets/congkhai/search-page.js" defer></script>
</head>
<body>
<h1>Tìm kiếm kế hoạch trên toàn quốc</h1>
<p>Một ô tìm kiếm cho các trang Công khai của từng tỉnh, thành phố: {sites}.</p>
<form id="ck-search-page" class="ck-search-page" role="search" action="" method="get">
  <label for="ck-search-q">Tìm kế hoạch, văn bản, cơ quan…</label>
  <div class="ck-search-page__row"><input id="ck-search-q" type="search" name="q" autocomplete="off">
  <button type="submit">Tìm</button></div>
  <label for="ck-sort">Sắp xếp:</label>
  <select id="ck-sort" name="sap-xep"><option value="">Phù hợp nhất</option>
  <option value="moi-nhat">Mới nhất trước</option><option value="cu-nhat">Cũ nhất trước</option></select>
</form>
<div id="ck-search-results" hidden>
  <p id="ck-status" role="status" aria-live="polite"></p>
  <ol id="ck-result-list" class="ck-results"></ol>
  <aside id="ck-facets" aria-label="Lọc kết quả"></aside>
  <button id="ck-more" type="button" hidden>Xem thêm kết quả</button>
</div>
</body>
</html>
"""

REDIRECT_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head><body><p>Văn bản này được đăng tại <a href="{url}">{title}</a>.</p></body></html>
"""


def _province_of(agency_file: Path) -> str | None:
    from builder.content import localities

    text = agency_file.read_text(encoding="utf-8")
    m = re.search(r"^---\n(.*?)\n---", text, re.S)
    data = yaml.safe_load(m.group(1)) if m else {}
    loc = str(data.get("locality") or "") or str((data.get("legacy_locality") or {}).get("successor") or "")
    unit, _ = localities.resolve(loc) if loc else (None, [])
    return unit.province_code if unit else None


def split_content(src: Path) -> dict[str, list[Path]]:
    """Plans of `src/content` by site: issuer in Đà Nẵng → HOME, else OTHER."""
    prov = {f.stem: _province_of(f) for f in (src / "content" / "co-quan").glob("*.md")}
    out: dict[str, list[Path]] = {HOME: [], OTHER: []}
    for f in sorted((src / "content" / "ke-hoach").rglob("*.md")):
        m = re.search(r"^issuer:\s*['\"]?([\w-]+)", f.read_text(encoding="utf-8"), re.M)
        site = HOME if m and prov.get(m.group(1)) == HOME_PROVINCE else OTHER
        out[site].append(f)
    if not out[OTHER] or not out[HOME]:  # a corpus from one province: split it in halves
        allp = out[HOME] + out[OTHER]
        out = {HOME: allp[: len(allp) // 2], OTHER: allp[len(allp) // 2 :]}
    return out


def _project(src: Path, dst: Path, plans: list[Path], registry: bool) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "content" / "ke-hoach").mkdir(parents=True)
    shutil.copy(src / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(src / "overrides", dst / "overrides")
    for name in ("index.md",):
        if (src / "content" / name).exists():
            shutil.copy(src / "content" / name, dst / "content" / name)
    shutil.copytree(src / "content" / "co-quan", dst / "content" / "co-quan")
    if (src / "content" / "tep").is_dir():
        shutil.copytree(src / "content" / "tep", dst / "content" / "tep")
    if registry:
        shutil.copytree(src / "content" / "van-ban", dst / "content" / "van-ban")
    else:
        (dst / "content" / "van-ban").mkdir()
    for f in plans:
        out = dst / f.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, out)


def _entry(d: dict) -> dict:
    """A registry entry (content/van-ban front-matter) from an export record of the home site."""
    out: dict = {}
    number = d.get("number")
    if d.get("key") and d.get("key") != number:
        out["key"] = d["key"]
    if number:
        out["number"] = number
    out["type"] = d.get("type") or "Kế hoạch"
    if d.get("issued"):
        out["issued"] = dt.date.fromisoformat(d["issued"])
    issuer = d.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    if issuer:
        out["issuer"] = issuer
    for k in ("title", "aliases", "source_url"):
        if d.get(k):
            out[k] = d[k]
    status = _PLAN_STATUS.get(d.get("status") or "", d.get("status"))  # plans have their own statuses
    if status:
        out["status"] = status
    return out


_PLAN_STATUS = {
    "ban-hanh": "còn hiệu lực",
    "het-hieu-luc": "hết hiệu lực toàn bộ",
    "du-thao": "chưa có hiệu lực",
}


def import_registry(home_site: Path, project: Path, home_base: str) -> dict[str, str]:
    """Write the home site's registry export into `project`'s content/van-ban/.

    Returns {url slug: absolute URL on the home site} of every imported entry.
    """
    from builder.base.urls import url_slug

    records = json.loads((home_site / "api" / "documents.json").read_text(encoding="utf-8"))
    plans_file = home_site / "api" / "plans.json"
    if plans_file.exists():  # the home site's plans are documents the other sites may cite
        records += json.loads(plans_file.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    folder = project / "content" / "van-ban"
    for d in records:
        key = d.get("key")
        if not key:
            continue
        slug = url_slug(key)
        head = yaml.safe_dump(_entry(d), allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{slug}.md").write_text(f"---\n{head}---\n", encoding="utf-8")
        url = d["url"]  # the export's URLs are site-absolute already (they follow site_url)
        out[slug] = url if url.startswith(("/", "http:", "https:")) else home_base.rstrip("/") + "/" + url
    return out


_HREF = re.compile(r'href="((?:\.\./)*|/)van-ban/([a-z0-9-]+)/(#[^"]*)?"')


def link_to_home(site: Path, imported: dict[str, str]) -> int:
    """Point links to imported documents at their home site; imported pages redirect there."""
    n = 0
    for f in site.rglob("*.html"):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("van-ban/") and rel.split("/")[1] in imported:
            url = imported[rel.split("/")[1]]
            title = re.search(r"<title>(.*?)</title>", f.read_text(encoding="utf-8"), re.S)
            f.write_text(
                REDIRECT_HTML.format(url=html.escape(url), title=title.group(1) if title else url),
                encoding="utf-8",
            )
            continue
        text = f.read_text(encoding="utf-8")

        def repl(m: re.Match[str]) -> str:
            nonlocal n
            url = imported.get(m.group(2))
            if url is None:
                return m.group(0)
            n += 1
            return f'href="{html.escape(url)}{m.group(3) or ""}"'

        new = _HREF.sub(repl, text)
        if new != text:
            f.write_text(new, encoding="utf-8")
    return n


def _build(project: Path, site_url: str) -> measure.Run:
    env_cmd = [
        sys.executable,
        "-c",
        "import os,sys; os.environ['SITE_URL']=sys.argv[1]; from builder.cli import main; sys.exit(main(sys.argv[2:]))",
        site_url,
        "--project",
        str(project),
        "build",
    ]
    return measure.run(env_cmd)


def build_sites(out: Path, src: Path = ROOT, log=print) -> dict:
    """Build both sites and the national page into out/national/; return per-site figures."""
    out.mkdir(parents=True, exist_ok=True)
    national = out / "national"
    if national.exists():
        shutil.rmtree(national)
    national.mkdir()
    base = os.environ.get("NATIONAL_URL", "http://127.0.0.1:8000/").rstrip("/")
    groups = split_content(src)
    result: dict = {"sites": [], "query": QUERY}
    # 1. The registry's home site.
    home_proj = out / HOME
    _project(src, home_proj, groups[HOME], registry=True)
    r = _build(home_proj, f"{base}/{HOME}/")
    if r.rc:
        raise RuntimeError(f"build of {HOME} failed:\n{r.stderr[-3000:]}")
    shutil.copytree(home_proj / "site", national / HOME)
    # 2. Every other site imports the home site's registry export.
    other_proj = out / OTHER
    _project(src, other_proj, groups[OTHER], registry=False)
    imported = import_registry(national / HOME, other_proj, f"/{HOME}/")
    r2 = _build(other_proj, f"{base}/{OTHER}/")
    if r2.rc:
        raise RuntimeError(f"build of {OTHER} failed:\n{r2.stderr[-3000:]}")
    shutil.copytree(other_proj / "site", national / OTHER)
    t0 = time.perf_counter()
    result["cross_links"] = link_to_home(national / OTHER, imported)
    result["imported"] = len(imported)
    # Re-index: the imported stubs are redirects now, and search must find each document once,
    # on its home site. (In CI this is part of the site's job; measured with its build.)
    from builder.publish.sitebuild import run_pagefind

    shutil.rmtree(national / OTHER / "pagefind")
    run_pagefind(national / OTHER)
    r2.seconds += time.perf_counter() - t0
    for name, run in ((HOME, r), (OTHER, r2)):
        pf, _ = measure.tree_bytes(national / name / "pagefind")
        sb, _ = measure.tree_bytes(national / name)
        result["sites"].append(
            {
                "name": name,
                "plans": len(groups[name]),
                "build_s": run.seconds,
                "build_mb": run.peak_mb,
                "pagefind_bytes": pf,
                "site_bytes": sb,
            }
        )
        log(
            f"[multisite] {name}: {len(groups[name])} plans, {run.seconds:.1f} s, {run.peak_mb:.0f} MB, Pagefind {pf} B"
        )
    merge = json.dumps([{"bundlePath": f"/{OTHER}/pagefind/", "baseUrl": f"/{OTHER}/"}])
    (national / "index.html").write_text(
        NATIONAL_HTML.format(home=HOME, other=OTHER, merge=merge, sites=", ".join((HOME, OTHER))),
        encoding="utf-8",
    )
    return result


# One search with the other site merged, as the national page does (window.congkhaiSearch).
_MERGED_JS = """async ([home, other, q]) => {
  const urls = (await window.congkhaiSearch(q)).map(r => r.url);
  return {count: urls.length, urls: urls};
}"""


def merged_search(national: Path, query: str = QUERY) -> dict:
    """Search both indexes from the national origin in Chromium: results, sites, bytes."""
    if not Path(measure.CHROMIUM).exists():
        return {"query": query, "error": f"no Chromium at {measure.CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    sizes: list[int] = []
    with measure.serve(national) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=measure.CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + "index.html")
            page.wait_for_function("() => window.congkhaiSearch", timeout=15_000)

            def on_response(resp) -> None:
                if "/pagefind/" in resp.url:
                    with contextlib.suppress(Exception):
                        sizes.append(len(resp.body()))

            page.on("response", on_response)
            out = page.evaluate(_MERGED_JS, [HOME, OTHER, query])
            page.wait_for_timeout(300)
        finally:
            browser.close()
    sites = sorted({u.strip("/").split("/")[0] for u in out["urls"]})
    return {
        "query": query,
        "results": out["count"],
        "sites": sites,
        "urls": out["urls"],
        "bytes": sum(sizes),
        "requests": len(sizes),
    }


def _first_plan(site: Path) -> str:
    plans = sorted((site / "ke-hoach").glob("*/*/index.html"))
    return plans[0].parent.relative_to(site).as_posix() + "/" if plans else ""


def demo(out: Path, log=print) -> dict:
    try:
        res = build_sites(out, log=log)
    except Exception as e:  # the report says what failed rather than losing the other figures
        return {"error": str(e)[-1500:], "sites": []}
    res["search"] = merged_search(out / "national")
    # the same search on the home site alone: the difference is what one merged index costs
    res["search"]["single_site_bytes"] = measure.first_search(
        out / "national" / HOME, QUERY, _first_plan(out / "national" / HOME)
    ).get("bytes")
    log(
        f"[multisite] search “{QUERY}”: {res['search'].get('results')} results from {res['search'].get('sites')}"
    )
    return res


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "multisite"
    print(json.dumps(demo(target), ensure_ascii=False, indent=1))
