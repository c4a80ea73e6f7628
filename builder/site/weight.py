"""How heavy a page is on a first visit: its HTML plus every stylesheet, script, font and image
it references, each gzip-compressed as a web server would send it (search data excluded)."""

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
        if (
            tag == "link"
            and a.get("href")
            and set((a.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}
        ):
            self.refs.append(a["href"] or "")
        elif tag in ("script", "img", "source", "video", "audio") and a.get("src"):
            self.refs.append(a["src"] or "")


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _local(site_dir: Path, base: str, ref: str) -> Path | None:
    ref = ref.split("#")[0].split("?")[0]
    if not ref or ref.startswith(("data:", "http:", "https:", "//")):
        return None
    path = posixpath.normpath(ref.lstrip("/") if ref.startswith("/") else posixpath.join(base, ref))
    if path.startswith("..") or path.split("/")[0] == "pagefind":
        return None
    f = site_dir / path
    if f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def page_weight(site_dir: Path, page_path: str) -> int:
    """Bytes (gzip) of one page and what it loads: page_path like "ke-hoach/2025/abc/"."""
    site_dir = Path(site_dir)
    html_file = (
        site_dir / page_path.strip("/") / "index.html"
        if not page_path.endswith(".html")
        else site_dir / page_path
    )
    html = html_file.read_bytes()
    base = posixpath.dirname(html_file.relative_to(site_dir).as_posix())
    total = _gz(html)
    seen: set[Path] = set()
    parser = _Refs()
    parser.feed(html.decode("utf-8", "replace"))
    queue = [(base, r) for r in parser.refs]
    while queue:
        b, ref = queue.pop()
        f = _local(site_dir, b, ref)
        if f is None or f in seen:
            continue
        seen.add(f)
        data = f.read_bytes()
        total += _gz(data)
        if f.suffix == ".css":  # fonts and images referenced by stylesheets
            fb = posixpath.dirname(f.relative_to(site_dir).as_posix())
            queue.extend((fb, u) for u in _CSS_URL.findall(data.decode("utf-8", "replace")))
    return total
