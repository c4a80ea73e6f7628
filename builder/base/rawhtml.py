"""Raw HTML islands: finished HTML that the builder's templates made travels through mkdocs
without being parsed as Markdown.

The task cards (overrides/pages/task-cards.html) are HTML, thousands of them on the "Nhiệm vụ"
page and on agency pages. In a Markdown body Python-Markdown parses every tag of them (its
HTML block parser, and md_in_html inside a `markdown="1"` container) only to write the same
HTML back: at 500 full-size plans, 5 s of the pages' rendering, and an incremental build that
adds a plan renders the "Nhiệm vụ" page and its agencies' pages again.

A template marks such a block (`mark`); staging (site/stage.py) lifts each marked block out of
the body (`lift`): a placeholder stays where it was, and the blocks follow the page's Markdown
as one JSON comment, so the staged file still holds the whole page (its hash changes with any
card). sitebuild reads the blocks off with the front-matter (`split`) and puts them back in
the page's HTML once Python-Markdown has rendered the rest (`place`).
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

OPEN, CLOSE = "<!--ck-raw-->", "<!--/ck-raw-->"
TRAILER, END = "\n<!--ck-raw-islands\n", "\n-->\n"
META = "ck_raw"  # the page's meta key of its blocks, in sitebuild
_MARKED = re.compile(re.escape(OPEN) + r"\n(.*?)\n" + re.escape(CLOSE), re.S)
_PLACE = '<div data-ck-raw="{}"></div>'
_PLACED = re.compile(r'<div data-ck-raw="(\d+)"></div>')


def mark(html: str) -> Markup:
    """A finished block of HTML, on lines of its own, for a Markdown body."""
    return Markup(f"\n\n{OPEN}\n{html}\n{CLOSE}\n\n")


def lift(text: str) -> tuple[str, str]:
    """The staged Markdown with each marked block replaced by a placeholder, and the blocks as
    a trailer to append after everything else ("" when there is none)."""
    if OPEN not in text:
        return text, ""
    blocks: list[str] = []

    def out(m: re.Match[str]) -> str:
        blocks.append(m.group(1))
        return _PLACE.format(len(blocks) - 1)

    body = _MARKED.sub(out, text)
    data = json.dumps(blocks, ensure_ascii=False).replace("-->", "--\\u003e")
    return body, f"{TRAILER}{data}{END}"


def split(doc: str) -> tuple[str, list[str]]:
    """A staged page's Markdown without its trailer, and its blocks."""
    at = doc.rfind(TRAILER)
    if at < 0 or not doc.endswith(END):
        return doc, []
    return doc[:at], json.loads(doc[at + len(TRAILER) : -len(END)])


def place(html: str, blocks: list[str]) -> str:
    """The rendered page with its blocks back where the placeholders are; every block exactly
    once (a placeholder that Markdown lost or doubled is a builder bug, never a page short of
    its cards)."""
    seen: list[int] = []

    def put(m: re.Match[str]) -> str:
        i = int(m.group(1))
        seen.append(i)
        return blocks[i]

    out = _PLACED.sub(put, html)
    if sorted(seen) != list(range(len(blocks))):
        raise RuntimeError(f"raw HTML blocks placed {sorted(seen)} of {len(blocks)}")
    return out


def inline(doc: str) -> str:
    """A staged page as one Markdown file again (the blocks in place of their placeholders):
    what a plain mkdocs build of the same content reads (bench/run.py)."""
    body, blocks = split(doc)
    return _PLACED.sub(lambda m: blocks[int(m.group(1))], body) if blocks else doc
