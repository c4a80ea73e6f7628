"""Find content that could run script: raw HTML elements, event-handler attributes, script URLs.

The validator refuses these (CK070–CK072); the renderer also sanitises (sanitize.py), so a
validator bug alone cannot publish script.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "base",
    "form",
    "meta",
    "link",
    "style",
    "svg",
    "math",
    "template",
    "noscript",
    "portal",
}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.I)
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "ping",
}


def bad_scheme(url: str) -> str | None:
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), and
    # Python-Markdown writes entities through ("java&#x09;script:"); markdown-it %-encodes them.
    url = html.unescape(unquote(url))
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", url)
    m = _SCHEME.match(squeezed)
    if m and m.group(1).lower() not in SAFE_SCHEMES:
        return m.group(1).lower()
    return None


# html5lib parse errors that do not change what is markup: a "<" that is text ("a < b"),
# elements left open or closed twice (a fragment of a page), entities, table and formatting
# repairs. Any other error (comments closed by "--!>", "<![", "<?", an unfinished tag, <body> or
# <html> inside content…) means a browser and another parser may disagree: refuse (CK073).
_BENIGN = {
    "expected-tag-name",
    "expected-tag-name-but-got-right-bracket",
    "expected-closing-tag-but-got-eof",
    "expected-named-closing-tag-but-got-eof",
    "end-tag-too-early",
    "end-tag-too-early-ignored",
    "end-tag-too-early-named",
    "unexpected-end-tag",
    "unexpected-end-tag-treated-as",
    "unexpected-start-tag-implies-end-tag",
    "expected-one-end-tag-but-got-another",
    "adoption-agency-1.1",
    "adoption-agency-1.2",
    "adoption-agency-1.3",
    "adoption-agency-4.4",
    "missing-end-tag",
    "missing-end-tags",
    "no-end-tag",
    "unexpected-cell-end-tag",
    "unexpected-cell-in-table-body",
    "unexpected-implied-end-tag-in-table",
    "unexpected-implied-end-tag-in-table-body",
    "unexpected-implied-end-tag-in-table-row",
    "unexpected-end-tag-in-table-body",
    "unexpected-end-tag-in-table-row",
    "unexpected-char-implies-table-voodoo",
    "unexpected-start-tag-implies-table-voodoo",
    "unexpected-end-tag-implies-table-voodoo",
    "eof-in-table",
    "non-void-element-with-trailing-solidus",
    "unexpected-start-tag-treated-as",
    "duplicate-attribute",
    "named-entity-without-semicolon",
    "expected-named-entity",
    "expected-numeric-entity",
    "expected-numeric-entity-but-got-eof",
    "numeric-entity-without-semicolon",
    "illegal-codepoint-for-numeric-entity",
    "cant-convert-numeric-entity",
    "illegal-windows-1252-entity",
    "incorrect-cr-newline-entity",
}
_XLINK = "{http://www.w3.org/1999/xlink}"


def _what(code: str, data: dict[str, Any]) -> str:
    """A parse error in a few Vietnamese words (the CK073 detail)."""
    if "comment" in code or code in (
        "expected-dashes-or-doctype",
        "expected-tag-name-but-got-question-mark",
        "expected-closing-tag-but-got-char",
        "incorrect-comment",
    ):
        return "chú thích “<!-- -->”, “<!…>” hay “<?…>” viết sai"
    if "doctype" in code:
        return "khai báo “<!DOCTYPE>”"
    if code.startswith("eof-in") or "attribute" in code or "solidus" in code:
        return "thẻ HTML viết dở hoặc thuộc tính sai cú pháp"
    if code in ("unexpected-start-tag", "unexpected-start-tag-ignored", "non-html-root") and data.get("name"):
        return f"thẻ <{data['name']}> không được đặt trong nội dung"
    return f"cú pháp HTML lạ ({code})"


def _locate_in(text: str, needle: str, start: int) -> tuple[int, int, int]:
    """(1-based line, 0-based column, index) of needle (case-insensitive) at or after start."""
    i = text.lower().find(needle.lower(), start)
    if i < 0:
        i = start if start < len(text) else 0
    line = text.count("\n", 0, i) + 1
    return line, i - (text.rfind("\n", 0, i) + 1), i


@lru_cache(maxsize=4096)
def _scan_html(fragment: str) -> tuple[tuple[str, str, int, int], ...]:
    import html5lib

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    try:
        root = parser.parseFragment(fragment)
    except Exception:  # fail closed: what this parser cannot read, a browser may read otherwise
        return (("markup", "HTML không đọc được", 1, 0),)
    found: list[tuple[str, str, int, int]] = []
    for (line, col), code, data in parser.errors:
        if code not in _BENIGN:
            found.append(("markup", _what(code, data or {}), line, max(0, col - 1)))
    cursor = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root:
            continue  # comments, the fragment itself
        name = el.tag.rsplit("}", 1)[-1].lower()
        line, col, cursor = _locate_in(fragment, "<" + name, cursor)
        if name in DANGEROUS_TAGS:
            found.append(("tag", name, line, col))
        for raw_attr, value in el.attrib.items():
            attr = (
                ("xlink:" + raw_attr[len(_XLINK) :])
                if raw_attr.startswith(_XLINK)
                else raw_attr.rsplit("}", 1)[-1]
            )
            attr = attr.lower()
            if attr.startswith("on"):
                found.append(("attr", attr, line, col))
            elif attr in _URL_ATTRS and value and (s := _bad_url_attr(attr, value)):
                found.append(("scheme", s, line, col))
            elif (
                attr == "style"
                and value
                and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript:", value, re.I)
            ):
                found.append(("attr", "style", line, col))
        cursor += 1
    return tuple(found)


def _bad_url_attr(attr: str, value: str) -> str | None:
    if attr == "srcset":  # "a.png 1x, javascript:… 2x": every candidate URL counts
        for part in value.split(","):
            if s := bad_scheme(part.strip().split(" ")[0]):
                return s
        return None
    return bad_scheme(value)


def scan_html(html: str) -> list[tuple[str, str, int, int]]:
    """Problems in an HTML fragment, parsed as browsers parse it (html5lib, WHATWG rules):
    (kind, what, line, col) with kind tag/attr/scheme, or "markup" for a parse error that could
    make browsers and other parsers disagree (fail closed); 1-based line, 0-based col."""
    return list(_scan_html(html))


# After a definition's "]:", markdown-it skips spaces, tabs and line ends, then reads the
# destination up to a space or a control character: this run holds at least that destination.
_DEFINITION = re.compile(r"\]:[ \t\n]*([^ \t\n]*)")


def _risky_definition(body: str) -> bool:
    """Whether a reference definition in `body` could give a link a scheme (bad_scheme needs a
    ":" in the URL, possibly written %3A or as an entity with "&"). When none can, markdown-it
    finds no link, HTML or markup that the parse would report, and the parse is skipped."""
    if "]:" not in body:
        return False
    return any(c in m.group(1) for m in _DEFINITION.finditer(body) for c in ":%&")


def scan_markdown(body: str) -> Iterator[tuple[str, str, int, int]]:
    """Problems in a Markdown body: (kind, what, line (0-based in body), col 1-based)."""
    lines = body.split("\n")
    # Raw HTML and autolinks need "<", an inline link or image "](", a reference link a
    # definition "[x]: destination" whose destination could carry a scheme: prose without any
    # of them (most plans, footnotes "[^1]: Nghị quyết …" included) skips the Markdown parse,
    # which was the validator's largest cost on big corpora.
    need = "<" in body or "](" in body or _risky_definition(body)
    if need:
        from ..content.markdown import markdown_parser  # markdown-it: imported when a body needs it

        tokens = markdown_parser().parse(body)
    else:
        tokens = []
    for tok in tokens:
        base = tok.map[0] if tok.map else 0
        if tok.type == "html_block":
            for kind, what, ln, col in scan_html(tok.content):
                yield kind, what, base + ln - 1, col + 1
        for child in tok.children or []:
            if child.type == "text" and ("<!" in child.content or "<?" in child.content):
                # "<![ …", "<? …>": not HTML to markdown-it, but raw markup to Python-Markdown or a
                # bogus comment to a browser: the renderers may disagree, so refuse (fail closed)
                for m in re.finditer(r"<[!?](?!--)", child.content):
                    yield "markup", "“<!…>” hay “<?…>” ngoài chú thích", *_locate(lines, base, m.group(0))
            elif child.type == "html_inline":
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
        ref = re.match(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+)", line)
        if ref and (s := bad_scheme(ref.group(1))):
            yield "scheme", s, i, ref.start(1) + 1
        for m in re.finditer(r"<([a-z][a-z0-9+.\-]*):[^ <>]*>", line, re.I):
            if m.group(1).lower() not in SAFE_SCHEMES and m.group(1).lower() in {
                "javascript",
                "vbscript",
                "data",
            }:
                yield "scheme", m.group(1).lower(), i, m.start() + 1


def _locate(lines: list[str], start: int, needle: str) -> tuple[int, int]:
    first = needle.splitlines()[0] if needle else needle
    for i in range(start, len(lines)):
        j = lines[i].find(first)
        if j >= 0:
            return i, j + 1
    return start, 1
