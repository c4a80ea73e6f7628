"""Every URL rule of the site, in one place.

Site-relative URLs have no leading slash and a trailing one ("ke-hoach/2025/abc/"; the home
page is ""). A plan's URL comes from its file path and never changes once published; a registry
document's from its key, ASCII-folded; an agency's from its file name. Pages link each other
with relative links: `md_link` in Markdown (mkdocs checks and rewrites .md links), `href` in raw
HTML (mkdocs leaves it alone). Absolute URLs (feeds, QR codes, exports) prefix `site_url`.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit

from .text import slugify

# Sections of the site (their index pages).
PLANS = "ke-hoach/"
REPORTS = "bao-cao/"
DOCUMENTS = "van-ban/"
AGENCIES = "co-quan/"
LOCALITIES = "dia-ban/"
TYPES = "loai/"
TASKS = "nhiem-vu/"
DISCLOSURE = "cong-khai/"
SEARCH = "tim-kiem/"
NOTICES = "niem-yet/"
HISTORY = "lich-su/"
OPEN_DATA = "du-lieu-mo/"
# Static files of the project's templates (overrides/assets/congkhai/), copied by mkdocs.
ASSETS = "assets/congkhai/"
TASKS_SCRIPT = ASSETS + "nhiem-vu.js"
TASKS_CSS = ASSETS + "nhiem-vu.css"
NOTICE_CSS = ASSETS + "niem-yet.css"
COPY_SCRIPT = ASSETS + "sao-chep.js"


# -- pages of content ------------------------------------------------------------------------


def url_slug(key: str) -> str:
    """'59/2023/NĐ-CP' → '59-2023-nd-cp'; '16/KH-UBND@ubnd-phuong-hoa-xuan-2025' likewise."""
    return slugify(key.replace("/", "-").replace("@", "-"))


def plan_url(path: str) -> str:
    """content/ke-hoach/2025/abc.md → ke-hoach/2025/abc/ : the editor chooses the file name once."""
    return path.removeprefix("content/").removesuffix(".md") + "/"


def report_url(path: str) -> str:
    """content/bao-cao/2025/abc.md → bao-cao/2025/abc/ (like a plan's: from the file name)."""
    return path.removeprefix("content/").removesuffix(".md") + "/"


def document_url(key: str) -> str:
    return f"{DOCUMENTS}{url_slug(key)}/"


def document_citations_url(doc_url: str, page: int = 1) -> str:
    """The full list of plans citing a document, a hundred a page: 'van-ban/x/trich-dan/', '…/2/'."""
    return f"{doc_url}trich-dan/" + (f"{page}/" if page > 1 else "")


def agency_url(agency_id: str) -> str:
    return f"{AGENCIES}{agency_id}/"


def page_url(name: str) -> str:
    """A hand-written page content/<name>.md; content/index.md is the home page."""
    return "" if name == "index" else f"{name}/"


def notice_url(plan: str) -> str:
    """'ke-hoach/2025/abc/' → 'niem-yet/2025/abc/' (mirrors the plan's URL, unique by construction)."""
    return NOTICES + plan.removeprefix(PLANS)


def history_url(plan: str, version: int) -> str:
    """'ke-hoach/2025/abc/', 3 → 'lich-su/2025/abc/3/': version 3 of a plan compared with the current one."""
    return f"{HISTORY}{plan.removeprefix(PLANS)}{version}/"


def locality_url(code: str) -> str:
    return f"{LOCALITIES}{code}/"


def year_url(year: int) -> str:
    return f"{PLANS}{year}/"


def type_url(document_type: str) -> str:
    return f"{TYPES}{slugify(document_type)}/"


def attachment_url(path: str) -> str:
    """content/tep/x.pdf → tep/x.pdf (the file is staged beside the pages)."""
    return path.removeprefix("content/")


# -- links between pages ---------------------------------------------------------------------


def page_path(url: str) -> str:
    """Staged Markdown path of a site URL: "ke-hoach/2025/abc/" → "ke-hoach/2025/abc.md"; "" → "index.md"."""
    url = url.strip("/")
    return f"{url}.md" if url else "index.md"


def md_link(from_url: str, to_url: str, anchor: str = "") -> str:
    """Relative link between two staged pages, as mkdocs wants it (it checks and rewrites .md links)."""
    src_dir = posixpath.dirname(page_path(from_url))
    rel = posixpath.relpath(page_path(to_url), src_dir or ".")
    return rel + (f"#{anchor}" if anchor else "")


def href(from_url: str, to_url: str) -> str:
    """Relative URL between two directory-style pages (raw HTML links are not rewritten by mkdocs)."""
    rel = posixpath.relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    return rel + "/"


def file_href(from_url: str, path: str) -> str:
    """Relative URL from a directory-style page to a file ("tep/x.pdf"): no trailing slash."""
    return posixpath.relpath(path, from_url.rstrip("/") or ".")


# -- absolute URLs ---------------------------------------------------------------------------


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL under the site's public address (site_url ends with "/")."""
    return site_url + url.lstrip("/")


def base_path(site_url: str) -> str:
    """The path of the site's address: "/" or, on a project site, "/cong-khai/"."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


# -- the source repository ---------------------------------------------------------------------


def commit_url(repo_url: str, sha: str) -> str:
    return f"{repo_url}/commit/{sha}"


def edit_url(repo_url: str, path: str) -> str:
    """Where an editor edits a content file on the repository's site ("content/…" or relative)."""
    return f"{repo_url}/edit/main/content/{path.removeprefix('content/')}"


def feedback_url(repo_url: str, title: str, page: str, path: str) -> str:
    """A new issue on the repository, its title and body filled in for a reader's comment."""
    return (
        f"{repo_url}/issues/new?title="
        + quote(f"Góp ý: {title}"[:200])
        + "&body="
        + quote(f"Trang: {page}\nTệp: {path}\n\nNội dung góp ý:\n")
    )
