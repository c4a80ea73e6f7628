"""Two builds of one commit are byte-identical, whatever the clock, time zone or folder.

Two fresh clones of the same commit, built at different wall times with different TZ and
locale, into different folders; every file of site/ is compared byte for byte (sitemaps,
feeds, exports and the Pagefind index included).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _clone_and_build(dst: Path, sha: str, tz: str) -> Path:
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(dst)], check=True)
    subprocess.run(["git", "-C", str(dst), "checkout", "--quiet", sha], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CONGKHAI_TODAY")}
    env.update(TZ=tz, LC_ALL="C.UTF-8")
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(dst), "build"],
        capture_output=True,
        text=True,
        cwd=dst,
        env=env,
    )
    assert r.returncode == 0, f"build failed:\n{r.stderr[-3000:]}"
    return dst / "site"


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    a = _clone_and_build(tmp_path / "a", sha, "UTC")
    time.sleep(1.1)  # a different second, so any build clock shows
    b = _clone_and_build(tmp_path / "b-elsewhere", sha, "Pacific/Kiritimati")  # UTC+14
    ta, tb = _tree(a), _tree(b)
    only = sorted(set(ta) ^ set(tb))
    differ = sorted(k for k in set(ta) & set(tb) if ta[k] != tb[k])
    assert len(ta) > 10
    assert not only and not differ, f"files only in one build: {only[:20]}; files that differ: {differ[:20]}"


def test_sitemap_dates_come_from_content_not_the_clock() -> None:
    import datetime as dt
    import gzip

    from builder.publish.reproducible import gzip_bytes, rewrite_sitemap

    xml = (
        "<urlset>\n<url>\n <loc>https://x.gov.vn/cong-khai/ke-hoach/2025/a/</loc>\n <lastmod>2099-01-01</lastmod>\n</url>\n"
        "<url>\n <loc>https://x.gov.vn/cong-khai/</loc>\n <lastmod>2099-01-01</lastmod>\n</url>\n</urlset>"
    )
    out = rewrite_sitemap(xml, {"ke-hoach/2025/a": "2025-07-21"}, "2025-08-01")
    assert (
        "2099" not in out
        and "<lastmod>2025-07-21</lastmod>" in out
        and "<lastmod>2025-08-01</lastmod>" in out
    )
    assert "<lastmod>" not in rewrite_sitemap(xml, {}, None)
    gz = gzip_bytes(out.encode(), "sitemap.xml")
    assert gz == gzip_bytes(out.encode(), "sitemap.xml") and gzip.decompress(gz) == out.encode()
    assert gz[4:8] == b"\0\0\0\0", "gzip header carries a build time"
    assert dt.date.today().isoformat() not in out


def test_sitemap_is_a_small_index_of_lists_that_hold_every_page() -> None:
    from tests.factories import real_site

    site = real_site() / "site"
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "<url>" not in index
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == index
    lists = re.findall(r"<loc>([^<]*)</loc>", index)
    assert lists
    urls: set[str] = set()
    for loc in lists:
        text = (site / loc.rsplit("/", 1)[1]).read_text(encoding="utf-8")
        assert "<urlset" in text
        urls |= {urlsplit(u).path for u in re.findall(r"<loc>([^<]*)</loc>", text)}
    plans = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in site.glob("ke-hoach/*/*/index.html")}
    assert plans and plans <= urls, sorted(plans - urls)[:5]
    assert "/" in urls and "/nhiem-vu/" in urls


def test_a_long_sitemap_is_split_as_the_protocol_requires() -> None:
    from builder.publish.reproducible import split_sitemap

    entries = "".join(
        f"\n<url>\n <loc>https://x.gov.vn/p{i}/</loc>\n <lastmod>2025-0{1 + i % 3}-01</lastmod>\n</url>"
        for i in range(5)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</urlset>'
    index, parts = split_sitemap(xml, "https://x.gov.vn/a&b/", "2025-08-01", per_file=2)
    assert list(parts) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    assert "".join(parts.values()).count("<url>") == 5
    assert "https://x.gov.vn/a&amp;b/sitemap-3.xml" in index  # XML-escaped
    assert index.count("<lastmod>2025-03-01</lastmod>") == 1  # each list dated by its newest page
