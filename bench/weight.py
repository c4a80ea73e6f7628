"""Plan-page weight: gzip bytes of what a first visit downloads (HTML, CSS, JS, fonts, images).

`builder.site.weight.page_weight` is the site's own measure; this fallback is used only when that
module does not exist yet. Pagefind files are excluded (they load on search, counted apart).
"""

from __future__ import annotations

import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"] or "")
        elif tag == "link" and a.get("href") and (a.get("rel") or "").split()[0:1] and \
                set((a.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}:
            self.refs.append(a["href"] or "")
        elif tag in ("img", "source") and a.get("src"):
            self.refs.append(a["src"] or "")


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _local(site: Path, base: str, ref: str) -> Path | None:
    ref = ref.split("#")[0].split("?")[0]
    if not ref or ref.startswith(("http:", "https:", "//", "data:")):
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(base), ref)) if not ref.startswith("/") else ref.lstrip("/")
    if rel.startswith("..") or "pagefind/" in rel:
        return None
    p = site / rel
    return p if p.is_file() else None


def page_weight(site_dir: Path, page_path: str) -> int:
    """Gzip bytes of the page at `page_path` ("ke-hoach/2025/x/") and every local asset it loads."""
    html_rel = page_path.strip("/") + "/index.html" if not page_path.endswith(".html") else page_path
    html = (site_dir / html_rel).read_bytes()
    total = _gz(html)
    parser = _Refs()
    parser.feed(html.decode("utf-8", "replace"))
    seen: set[Path] = set()
    queue = [(html_rel, r) for r in parser.refs]
    while queue:
        base, ref = queue.pop()
        p = _local(site_dir, base, ref)
        if p is None or p in seen:
            continue
        seen.add(p)
        data = p.read_bytes()
        total += _gz(data)
        if p.suffix == ".css":  # fonts and images the stylesheet pulls in
            rel = p.relative_to(site_dir).as_posix()
            queue += [(rel, u) for u in _CSS_URL.findall(data.decode("utf-8", "replace"))]
    return total
