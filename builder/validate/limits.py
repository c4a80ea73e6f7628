"""Bounded work: shapes of Markdown that the renderer cannot handle in reasonable time or depth.

Python-Markdown (which mkdocs renders with) recurses once per nesting level and raises
RecursionError a few hundred levels down (a 1,000-level list, 5,000 nested `<div markdown>`),
and looks for the end of every unclosed `[` to the end of its paragraph, which is quadratic
(100 KB of `[`: hours). The validator refuses such bodies before anything renders them, with
the line where the limit is crossed. Every check here is one linear pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_DEPTH = 100  # nesting levels: `>` quotes plus list indentation (2 columns a level) or HTML elements
MAX_OPEN_BRACKETS = 1000  # unclosed `[` in one paragraph

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{0,2000}?(/?)>")


_LEAD = re.compile(r"[> \t]*")


def _depth(line: str) -> int:
    """Nesting of one line: its leading `>` quote markers plus its indentation, 2 columns a level."""
    m = _LEAD.match(line)  # always matches (maybe empty)
    lead = m.group(0) if m else ""
    if not lead:
        return 0
    quotes = lead.count(">")
    rest = lead.rsplit(">", 1)[-1]
    cols = 0
    for ch in rest:
        cols += 1 if ch == " " else 4 - cols % 4
    return quotes + cols // 2


def nesting(body: str) -> Iterator[tuple[int, int, int]]:
    """(line (0-based), column (1-based), depth) where a nesting limit is first crossed (lines
    of quotes and lists; HTML elements)."""
    html_depth = 0
    lines_done = html_done = False
    for i, line in enumerate(body.split("\n")):
        if not lines_done and (depth := _depth(line)) > MAX_DEPTH:
            lines_done = True
            yield i, 1, depth
        if not html_done and "<" in line:
            for m in _TAG.finditer(line):
                if m.group(1):
                    html_depth = max(0, html_depth - 1)
                elif not m.group(3) and m.group(2).lower() not in _VOID:
                    html_depth += 1
                    if html_depth > MAX_DEPTH:
                        html_done = True
                        yield i, m.start() + 1, html_depth
                        break
        if lines_done and html_done:
            return


_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"\\.|[\[\]]", re.S)


def open_brackets(text: str) -> Iterator[tuple[int, int, int]]:
    """(line (0-based), column 1, count) of each paragraph with more than MAX_OPEN_BRACKETS `[`
    that no `]` closes (`\\[` is an escaped bracket, not a link opener)."""
    if text.count("[") <= MAX_OPEN_BRACKETS:  # cannot cross the limit: the usual case, no scan
        return
    bounds = [0]
    for m in _PARAGRAPH_END.finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        if text.count("[", start, end) <= MAX_OPEN_BRACKETS:
            continue
        unclosed = 0
        for m in _BRACKET.finditer(text, start, end):
            if m.group(0) == "[":
                unclosed += 1
            elif m.group(0) == "]" and unclosed:
                unclosed -= 1
        if unclosed > MAX_OPEN_BRACKETS:
            yield text.count("\n", 0, start), 1, unclosed
