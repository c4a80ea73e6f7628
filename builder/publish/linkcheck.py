"""Check every internal link and anchor in a built site; list external links without fetching them.

    python -m builder.publish.linkcheck site/

An internal link (relative, root-relative inside the site's path, or absolute under site_url)
must point at an existing file (a folder means its index.html) and its #fragment at an id or
<a name> in that file. External links are only counted per host: this runs offline and a
government site's outbound links are not ours to fix at build time. Also a post-build step, so
`congkhai build` refuses to publish a site with a broken link.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from lxml import html as lxml_html
from lxml.html import HtmlElement

from ..analysis.state import Derived
from ..base.errors import Refusal
from ..content.corpus import Corpus

# (tag, attribute) pairs that the browser follows or loads
LINK_ATTRS = [
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("form", "action"),
]
IGNORED_SCHEMES = {"mailto", "tel", "data"}
SKIP_DIRS = {"pagefind"}  # Pagefind's own bundle is not linked page to page


@dataclass(frozen=True)
class Problem:
    page: str  # site-relative path of the page holding the link
    url: str  # the link as written
    reason: str  # Vietnamese

    def __str__(self) -> str:
        return f"{self.page}: {self.url} — {self.reason}"


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    anchors: int = 0
    external: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        hosts = ", ".join(
            f"{h} ({n})" for h, n in sorted(self.external.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return (
            f"{self.pages} trang, {self.internal} liên kết nội bộ ({self.anchors} có neo #), "
            f"{len(self.problems)} liên kết hỏng; {sum(self.external.values())} liên kết ra ngoài "
            f"tới {len(self.external)} máy chủ" + (f": {hosts}" if hosts else "") + "."
        )


def _parse(path: Path) -> HtmlElement | None:
    data = path.read_bytes()
    if not data.strip():
        return None
    return lxml_html.document_fromstring(data, parser=lxml_html.HTMLParser(encoding="utf-8"))


def site_url_of(site: Path) -> str:
    """The site's public address: the home page's canonical link, else $SITE_URL, else ""."""
    index = site / "index.html"
    if index.is_file():
        doc = _parse(index)
        if doc is not None:
            for el in doc.iter("link"):
                href = el.get("href")
                if (el.get("rel") or "").lower() == "canonical" and href:
                    return str(href)
    return os.environ.get("SITE_URL", "")


class _Anchors:
    """ids and names per HTML file, parsed once on demand."""

    def __init__(self) -> None:
        self.cache: dict[Path, set[str]] = {}

    def of(self, path: Path, doc: HtmlElement | None = None) -> set[str]:
        if path not in self.cache:
            doc = doc if doc is not None else _parse(path)
            ids: set[str] = set()
            if doc is not None:
                for el in doc.iter():
                    if not isinstance(el.tag, str):
                        continue
                    if el.get("id"):
                        ids.add(el.get("id"))
                    if el.tag == "a" and el.get("name"):
                        ids.add(el.get("name"))
            self.cache[path] = ids
        return self.cache[path]


def _target_file(site: Path, page: Path, path: str, base_path: str) -> Path | None:
    """The file a link path points to, or None when it leaves the site."""
    path = unquote(path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        rel = path[len(base_path) :]
        target = site / rel
    else:
        target = page.parent / path
    target = Path(os.path.normpath(target))
    if not target.is_relative_to(site):
        return None
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, site_url: str | None = None) -> Report:
    site = Path(os.path.normpath(site.resolve()))
    site_url = site_url if site_url is not None else site_url_of(site)
    su = urlsplit(site_url)
    base_path = su.path if su.path.endswith("/") else su.path + "/"
    if not su.netloc:
        base_path = "/"
    anchors = _Anchors()
    rep = Report()
    pages = sorted(p for p in site.rglob("*.html") if not (set(p.relative_to(site).parts[:-1]) & SKIP_DIRS))
    for page in pages:
        doc = _parse(page)
        if doc is None:
            continue
        rep.pages += 1
        rel_page = page.relative_to(site).as_posix()
        anchors.of(page, doc)
        for tag, attr in LINK_ATTRS:
            for el in doc.iter(tag):
                url = el.get(attr)
                if url is None:
                    continue
                _check_one(site, page, rel_page, url.strip(), su, base_path, anchors, rep)
    return rep


def _check_one(
    site: Path,
    page: Path,
    rel_page: str,
    url: str,
    su: SplitResult,
    base_path: str,
    anchors: _Anchors,
    rep: Report,
) -> None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return
    if scheme in ("http", "https") or url.startswith("//"):
        same = parts.netloc == su.netloc and su.netloc and (parts.path + "/").startswith(base_path)
        if not same:
            rep.external[parts.netloc.lower()] += 1
            return
        path = parts.path or "/"
    elif scheme:
        rep.problems.append(Problem(rel_page, url, f"liên kết dạng “{scheme}:” không được phép"))
        return
    else:
        path = parts.path
    rep.internal += 1
    target = page if not path else _target_file(site, page, path, base_path)
    if target is None:
        rep.problems.append(Problem(rel_page, url, "trỏ ra ngoài trang web"))
        return
    if not target.is_file():
        rep.problems.append(Problem(rel_page, url, f"không có tệp {target.relative_to(site).as_posix()}"))
        return
    frag = unquote(parts.fragment)
    if frag and target.suffix == ".html":
        rep.anchors += 1
        if frag not in anchors.of(target):
            rep.problems.append(
                Problem(rel_page, url, f"không có neo #{frag} trong {target.relative_to(site).as_posix()}")
            )


def check(site: Path, site_url: str | None = None) -> list[Problem]:
    return check_site(site, site_url).problems


def post_build(corpus: Corpus, derived: Derived, site_dir: Path) -> None:
    rep = check_site(site_dir)
    if rep.problems:
        shown = "\n".join(f"  {p}" for p in rep.problems[:50])
        more = f"\n  … và {len(rep.problems) - 50} liên kết nữa" if len(rep.problems) > 50 else ""
        raise Refusal(f"Không xuất bản: {len(rep.problems)} liên kết nội bộ hỏng.\n{shown}{more}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("Cách dùng: python -m builder.publish.linkcheck THƯ_MỤC_SITE", file=sys.stderr)
        return 2
    rep = check_site(Path(args[0]))
    for p in rep.problems:
        print(p)
    print(rep.summary(), file=sys.stderr)
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main())
