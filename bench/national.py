"""One site per province, built in parallel by CI (.github/workflows/national.yml).

    python -m bench.national matrix                     # JSON list of sites for the workflow matrix
    python -m bench.national project SLUG -o DIR [--registry SITE]
    python -m bench.national link SITE --registry SITE  # cross-site links + re-index
    python -m bench.national page -o DIR SLUG…          # the national search page

The registry home (content/van-ban/, central and unplaced plans) is the site `quoc-gia`; each
province site holds that province's plans and imports the registry from the home site's
`api/documents.json` and `api/plans.json` (bench.multisite does the same for the two-site demo).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

from . import multisite

ROOT = Path(__file__).resolve().parents[1]
REGISTRY_SITE = "quoc-gia"


def _slug(code: str) -> str:
    from builder.base.text import slugify
    from builder.content import localities

    unit = localities.by_code(code)
    return f"{code}-{slugify(unit.name.removeprefix('Thành phố '))}" if unit else code


def sites(src: Path = ROOT) -> dict[str, list[Path]]:
    """Plans by site: one per province with plans; central or unplaced issuers → REGISTRY_SITE."""
    prov = {f.stem: multisite._province_of(f) for f in (src / "content" / "co-quan").glob("*.md")}
    out: dict[str, list[Path]] = {REGISTRY_SITE: []}
    for f in sorted((src / "content" / "ke-hoach").rglob("*.md")):
        m = re.search(r"^issuer:\s*['\"]?([\w-]+)", f.read_text(encoding="utf-8"), re.M)
        code = prov.get(m.group(1)) if m else None
        out.setdefault(_slug(code) if code else REGISTRY_SITE, []).append(f)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("matrix")
    p = sub.add_parser("project")
    p.add_argument("site")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--registry", type=Path, help="the registry site's built folder (its api/ export)")
    ln = sub.add_parser("link")
    ln.add_argument("site", type=Path)
    ln.add_argument("--registry", type=Path, required=True)
    pg = sub.add_parser("page")
    pg.add_argument("-o", "--output", type=Path, required=True)
    pg.add_argument("sites", nargs="+")
    a = ap.parse_args(argv)
    if a.cmd == "matrix":
        names = sorted(s for s, plans in sites().items() if plans and s != REGISTRY_SITE)
        print(json.dumps(names))
    elif a.cmd == "project":
        groups = sites()
        is_home = a.site == REGISTRY_SITE
        multisite._project(ROOT, a.output, groups.get(a.site, []), registry=is_home)
        if not is_home:
            if a.registry is None:
                ap.error("--registry is needed for a province site")
            imported = multisite.import_registry(a.registry, a.output, f"/{REGISTRY_SITE}/")
            (a.output / "imported.json").write_text(json.dumps(imported), encoding="utf-8")
    elif a.cmd == "link":
        from builder.publish.sitebuild import run_pagefind

        imported = json.loads((a.site.parent / "imported.json").read_text(encoding="utf-8"))
        n = multisite.link_to_home(a.site, imported)
        shutil.rmtree(a.site / "pagefind", ignore_errors=True)
        run_pagefind(a.site)
        print(f"{n} cross-site links")
    elif a.cmd == "page":
        a.output.mkdir(parents=True, exist_ok=True)
        home, *others = a.sites
        merge = json.dumps([{"bundlePath": f"/{s}/pagefind/", "baseUrl": f"/{s}/"} for s in others])
        (a.output / "index.html").write_text(
            multisite.NATIONAL_HTML.format(
                home=home, other=others[0] if others else home, merge=merge, sites=", ".join(a.sites)
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
