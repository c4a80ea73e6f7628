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
import posixpath
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..analysis.state import Derived
from ..base.cache import caches, digest
from ..base.errors import Refusal
from ..content.corpus import Corpus
from . import htmlpass
from .htmlpass import LINK_ATTRS, SKIP_DIRS, SiteFacts

__all__ = ["LINK_ATTRS", "SKIP_DIRS", "Problem", "Report", "check", "check_facts", "check_site"]
IGNORED_SCHEMES = {"mailto", "tel", "data"}


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


def site_url_of(facts: SiteFacts) -> str:
    """The site's public address: the home page's canonical link, else $SITE_URL, else ""."""
    home = facts.pages.get("index.html")
    if home is not None and home.canonical:
        return home.canonical
    return os.environ.get("SITE_URL", "")


def check_site(site: Path, site_url: str | None = None) -> Report:
    """Parse every page of `site` (one pass) and check its links."""
    return check_facts(htmlpass.run(Path(os.path.normpath(site.resolve()))), site_url)


def check_facts(facts: SiteFacts, site_url: str | None = None) -> Report:
    """Check every link of every page from the facts of the one pass over the HTML.

    Resolving a link (parsing it, joining it to its page's folder) depends only on the page and
    the site's address: each page's resolved links are cached (build/cache/) with its bytes, so
    an incremental build resolves only the links of the pages that changed. Whether each target
    exists, with the anchor asked for, is then looked up in the site as it is now."""
    site_url = site_url if site_url is not None else site_url_of(facts)
    su = urlsplit(site_url)
    base_path = su.path if su.path.endswith("/") else su.path + "/"
    if not su.netloc:
        base_path = "/"
    store = caches(facts.project)["link-targets"] if facts.project is not None else None
    rep = Report()
    for rel_page in sorted(facts.pages):
        page = facts.pages[rel_page]
        rep.pages += 1
        key = (
            digest(facts.sha.get(rel_page, ""), rel_page, su.netloc, base_path)
            if facts.sha.get(rel_page)
            else ""
        )
        resolved = store.get(key) if store is not None and key else None
        if resolved is None:
            folder = posixpath.dirname(rel_page)
            resolved = [(url, *_parse(folder, url, su.netloc, base_path)) for url in page.links]
            if store is not None and key:
                store.put(key, resolved)
        for url, kind, a, b, slash in resolved:
            if kind == "skip":
                continue
            if kind == "external":
                rep.external[a] += 1
                continue
            if kind == "problem":
                rep.problems.append(Problem(rel_page, url, a))
                continue
            rep.internal += 1
            if kind == "outside":
                rep.problems.append(Problem(rel_page, url, "trỏ ra ngoài trang web"))
                continue
            target = a  # "path": the target ("" = this page), b = fragment
            if target and (slash or target in facts.dirs or target == "."):
                target = "index.html" if target == "." else f"{target}/index.html"
            target = target or rel_page
            if target not in facts.files:
                rep.problems.append(Problem(rel_page, url, f"không có tệp {target}"))
                continue
            if b and target.endswith(".html"):
                rep.anchors += 1
                ids = facts.pages[target].ids if target in facts.pages else frozenset()
                if b not in ids:
                    rep.problems.append(Problem(rel_page, url, f"không có neo #{b} trong {target}"))
    return rep


def _parse(folder: str, url: str, netloc: str, base_path: str) -> tuple[str, str, str, bool]:
    """(kind, host / reason / target path, fragment, written with a final slash): kind is
    "skip", "external", "problem", "outside" or "path" (target "" = the page itself, "." = the
    site's root)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return ("skip", "", "", False)
    if scheme in ("http", "https") or url.startswith("//"):
        same = parts.netloc == netloc and netloc and (parts.path + "/").startswith(base_path)
        if not same:
            return ("external", parts.netloc.lower(), "", False)
        path = parts.path or "/"
    elif scheme:
        return ("problem", f"liên kết dạng “{scheme}:” không được phép", "", False)
    else:
        path = parts.path
    frag = unquote(parts.fragment)
    if not path:
        return ("path", "", frag, False)
    path = unquote(path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return ("outside", "", "", False)
        target = posixpath.normpath(path[len(base_path) :] or ".")
    else:
        target = posixpath.normpath(posixpath.join(folder, path) if folder else path)
    if target == ".." or target.startswith("../") or target.startswith("/"):
        return ("outside", "", "", False)
    return ("path", target, frag, path.endswith("/"))


def check(site: Path, site_url: str | None = None) -> list[Problem]:
    return check_site(site, site_url).problems


def post_build(corpus: Corpus, derived: Derived, site_dir: Path, facts: SiteFacts | None = None) -> None:
    rep = check_facts(facts) if facts is not None else check_site(site_dir)
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
