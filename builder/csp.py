"""Post-build: allow the theme's own inline scripts under the Content-Security-Policy, by hash.

overrides/partials/csp.html writes the policy as a meta tag with `script-src 'self'
'wasm-unsafe-eval'` and no 'unsafe-inline'. mkdocs-material writes a few small inline scripts
(palette, tabs, anchors) whose text depends on the page (relative base URL), so their sha256
hashes are computed here, per page, and appended to that page's script-src. Scripts inside the
content area (`.md-content`) never get a hash: content cannot bring its own script even if one
got past the validator and the sanitiser.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from lxml import html as lxml_html

META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _in_content(el) -> bool:  # type: ignore[no-untyped-def]
    for anc in el.iterancestors():
        if "md-content" in (anc.get("class") or "").split() or anc.tag == "article":
            return True
    return False


def script_hashes(page: str) -> list[str]:
    """CSP source expressions for the page's inline scripts outside the content, in page order."""
    doc = lxml_html.document_fromstring(page.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    out: list[str] = []
    for el in doc.iter("script"):
        if el.get("src") is not None or (el.get("type") or "").strip().lower() not in JS_TYPES:
            continue
        if _in_content(el):
            continue
        digest = hashlib.sha256((el.text or "").encode("utf-8")).digest()
        src = f"'sha256-{base64.b64encode(digest).decode()}'"
        if src not in out:
            out.append(src)
    return out


def add_hashes(page: str) -> str:
    m = META.search(page)
    if not m:
        return page
    hashes = script_hashes(page)
    if not hashes:
        return page
    policy = re.sub(r"(script-src [^;]*)", lambda s: s.group(1) + " " + " ".join(hashes), m.group(2), count=1)
    return page[: m.start(2)] + policy + page[m.end(2) :]


def post_build(corpus, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for f in sorted(site_dir.rglob("*.html")):
        text = f.read_text(encoding="utf-8")
        new = add_hashes(text)
        if new != text:
            f.write_text(new, encoding="utf-8")
