"""Find content that could run script: raw HTML elements, event-handler attributes, script URLs.

The validator refuses these (CK070–CK072); the renderer also sanitises (sanitize.py), so a
validator bug alone cannot publish script.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from urllib.parse import unquote

DANGEROUS_TAGS = {
    "script", "iframe", "object", "embed", "applet", "frame", "frameset", "base", "form",
    "meta", "link", "style", "svg", "math", "template", "noscript", "portal",
}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.I)
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping"}


def bad_scheme(url: str) -> str | None:
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), and
    # Python-Markdown writes entities through ("java&#x09;script:"); markdown-it %-encodes them.
    url = html.unescape(unquote(url))
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", url)
    m = _SCHEME.match(squeezed)
    if m and m.group(1).lower() not in SAFE_SCHEMES:
        return m.group(1).lower()
    return None


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int, int]] = []  # (kind, what, line, col)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if tag in DANGEROUS_TAGS:
            self.found.append(("tag", tag, line, col))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(("attr", name, line, col))
            elif name in _URL_ATTRS and value and (s := bad_scheme(value)):
                self.found.append(("scheme", s, line, col))
            elif name == "style" and value and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript:", value, re.I):
                self.found.append(("attr", "style", line, col))

    handle_startendtag = handle_starttag


def scan_html(html: str) -> list[tuple[str, str, int, int]]:
    """Problems in an HTML fragment: (kind, what, line, col) with 1-based line, 0-based col."""
    s = _Scanner()
    try:
        # "<!-->" and "<!--->" are complete (empty) comments for a browser, not for html.parser
        s.feed(re.sub(r"<!---?>", "<!---->", html))
        s.close()
    except Exception:  # malformed HTML never crashes validation
        pass
    return s.found


def scan_markdown(body: str) -> Iterator[tuple[str, str, int, int]]:
    """Problems in a Markdown body: (kind, what, line (0-based in body), col 1-based)."""
    lines = body.split("\n")
    # Raw HTML needs "<", an inline link or image "](", a reference link a definition "[x]:"
    # (footnotes "[^1]:" are not links): prose without any of them (most plans) skips the
    # Markdown parse, which was the validator's largest cost on big corpora.
    need = "<" in body or "](" in body or _REF_DEF.search(body) is not None
    tokens = markdown_parser().parse(body) if need else []
    for tok in tokens:
        base = tok.map[0] if tok.map else 0
        if tok.type == "html_block":
            for kind, what, ln, col in scan_html(tok.content):
                yield kind, what, base + ln - 1, col + 1
        for child in tok.children or []:
            if child.type == "html_inline":
                for kind, what, _ln, _col in scan_html(child.content):
                    yield kind, what, *_locate(lines, base, child.content)
            elif child.type in ("link_open", "image"):
                url = str(child.attrs.get("href") or child.attrs.get("src") or "")
                if s := bad_scheme(url):
                    yield "scheme", s, *_locate(lines, base, s)
    # Python-Markdown (which renders the site) also reads reference definitions, autolinks and
    # attr_list blocks ("{: onclick=… }" becomes an attribute)
    for i, line in enumerate(lines):
        for m in re.finditer(r"\{:?[^{}]*?\b(on[a-z]+)\s*=", line, re.I):
            yield "attr", m.group(1).lower(), i, m.start(1) + 1
        m = re.match(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+)", line)
        if m and (s := bad_scheme(m.group(1))):
            yield "scheme", s, i, m.start(1) + 1
        for m in re.finditer(r"<([a-z][a-z0-9+.\-]*):[^ >]*>", line, re.I):
            if m.group(1).lower() not in SAFE_SCHEMES and m.group(1).lower() in {"javascript", "vbscript", "data"}:
                yield "scheme", m.group(1).lower(), i, m.start() + 1


_REF_DEF = re.compile(r"\[(?!\^)[^\]]*\]:")


@cache
def markdown_parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # we want to see javascript: links, not have them dropped
    return md


def _locate(lines: list[str], start: int, needle: str) -> tuple[int, int]:
    first = needle.splitlines()[0] if needle else needle
    for i in range(start, len(lines)):
        j = lines[i].find(first)
        if j >= 0:
            return i, j + 1
    return start, 1
