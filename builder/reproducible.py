"""Post-build: remove the build clock from what mkdocs writes, so two builds of one commit match.

mkdocs stamps every sitemap entry with the build date (`lastmod`) and gzips sitemap.xml.gz with
the build time in its header (both honour SOURCE_DATE_EPOCH, which nobody sets on a laptop).
Here `lastmod` comes from content: a plan's last commit touching its file (git), else its
issue date; other pages take the reference date (last content commit); without any date the
element is dropped. The .gz is then rewritten with mtime 0.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

_URL = re.compile(r"(<url>\s*<loc>([^<]*)</loc>)(\s*<lastmod>[^<]*</lastmod>)?")


def page_dates(corpus) -> tuple[dict[str, str], str | None]:  # type: ignore[no-untyped-def]
    """{site-relative URL: YYYY-MM-DD} for plans, and the default date for every other page."""
    from .gitinfo import file_info

    git = corpus.derived.get("git", {}) or {}
    dates: dict[str, str] = {}
    for rec in corpus.plans:
        info = file_info(corpus, rec.path) if git else {}
        day = info.get("last_modified") or (rec.plan.issued.isoformat() if rec.plan and rec.plan.issued else None)
        if day:
            dates[rec.url.strip("/")] = str(day)[:10]
    default = git.get("reference_date") or (max(dates.values()) if dates else None)
    return dates, (str(default)[:10] if default else None)


def rewrite_sitemap(xml: str, dates: dict[str, str], default: str | None) -> str:
    def repl(m: re.Match[str]) -> str:
        loc = m.group(2)
        path = urlsplit(loc).path.strip("/")
        # the path under site_url: drop the site's own prefix (e.g. GitHub Pages' /<repo>/)
        day = next((d for u, d in dates.items() if path == u or path.endswith("/" + u)), default)
        return m.group(1) + (f"\n         <lastmod>{day}</lastmod>" if day else "")

    return _URL.sub(repl, xml)


def gzip_bytes(data: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def post_build(corpus, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    sm = site_dir / "sitemap.xml"
    if sm.is_file():
        dates, default = page_dates(corpus)
        xml = rewrite_sitemap(sm.read_text(encoding="utf-8"), dates, default)
        sm.write_text(xml, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip_bytes(xml.encode("utf-8"), "sitemap.xml"))
