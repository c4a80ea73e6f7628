"""A project whose search index is in shards (tests/test_search_shards.py, tests/browser/
test_search_shards.py): the repository's content with `extra.search_shards: 3` in mkdocs.yml
(the documented setting, docs/SCALING.md "Search shards"), which forces shards on a site far
below the size that needs them, and a made-up word in one plan (in one of the plans' shards)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from tests.factories import ROOT, project

SHARDS = 3
WORD = "quyzzak"  # in no page of the content: the one plan below gets it
PLAN = "content/ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son.md"
PLAN_URL = "/ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/"


def sharded_project(dst: Path, shards: int = SHARDS) -> Path:
    mk = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    mk, n = re.subn(r"^extra:\n", f"extra:\n  search_shards: {shards}\n", mk, count=1, flags=re.M)
    assert n == 1
    root = project(dst, mkdocs=mk)
    plan = root / PLAN
    text = plan.read_text(encoding="utf-8")
    assert WORD not in text
    plan.write_text(text.replace("\n## ", f"\nMã kiểm thử {WORD}.\n\n## ", 1), encoding="utf-8")
    return root


def bundles(site: Path) -> dict[int, Path]:
    """The site's search bundles by shard: pagefind/ (0), pagefind/phan-k/ (k)."""
    pf = site / "pagefind"
    out = {0: pf}
    for d in pf.glob("phan-*"):
        out[int(d.name.removeprefix("phan-"))] = d
    return out


def bundle_urls(bundle: Path) -> set[str]:
    """The pages a bundle indexes (the URLs in its fragments, as Pagefind wrote them)."""
    out = set()
    for f in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(f.read_bytes())
        out.add(json.loads(data[data.index(b"{") :])["url"])
    return out
