"""annotate: Markdown links at the exact offsets of resolved citations (eyecite's `annotate_citations`).

Like eyecite's `annotate(text, spans, …)`, it knows nothing of the site: the caller says where a
citation links to (`target`), so the citation engine never imports the page layer.

The visible text is never altered: we only insert `[` before and `](url "title")` after a span,
so removing the links gives back the body byte for byte (tests check it). A span is linked whole
when Markdown allows it; when it crosses a paragraph break or markup (emphasis, a footnote
marker, a table cell), only the number is linked, or else the clean piece that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import Citation

_UNSAFE = re.compile(r"[\[\]<>*_`|\\]|\n[ \t]*\n|\n[ \t]*(?:#|>|[-+*] |\d+[.)] )|^[ \t]*\[\^", re.M)
LINK = re.compile(r"\[((?:[^\[\]]|\n)*?)\]\([^()\s]+(?: \"[^\"]*\")?\)")


def _clean_piece(body: str, start: int, end: int, anchor: int) -> tuple[int, int] | None:
    """The largest sub-span of [start, end) around `anchor` with nothing Markdown would misread."""
    lo, hi = start, end
    for m in _UNSAFE.finditer(body, start, end):
        if m.end() <= anchor:
            lo = max(lo, m.end())
        elif m.start() >= anchor:
            hi = min(hi, m.start())
        else:
            return None
    while lo < hi and body[lo].isspace():
        lo += 1
    while hi > lo and body[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else None


def link_span(body: str, c: Citation) -> tuple[int, int] | None:
    if not _UNSAFE.search(body, c.start, c.end):
        return c.start, c.end
    anchor = c.id_start if c.id_end > c.id_start else c.start
    return _clean_piece(body, c.start, c.end, anchor)


def link_title(c: Citation) -> str:
    """ "Nghị định 59/2023/NĐ-CP: quy định chi tiết…", "Luật Tiếp công dân (số 42/2013/QH13)",
    "Kế hoạch của UBND xã Đại Sơn về …": the resolved record's name (builder.content.names)."""
    if c.target_name:
        title = c.target_name  # the record's name, as every list and page names it
    else:
        label = " ".join(x for x in (c.type, c.number or c.target_number) if x) or c.text
        about = c.target_title or (" ".join(c.text.split()) if c.kind == "named" else None)
        title = f"{label}: {about}" if about and about != label else label
    # One line, no straight quote (it would end the Markdown title) and `& < >` as entities: a
    # registry title is text, never raw HTML for the renderer ("<![" crashed it, probe A1).
    title = " ".join(title.replace('"', "”").split())
    return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def annotate(body: str, cits: list[Citation], target: Callable[[Citation], str]) -> str:
    """`body` with a Markdown link on every resolved citation (not on the plan's own number);
    `target(c)` is the link's destination for a resolved citation `c`."""
    out: list[str] = []
    pos = 0
    for c in sorted(cits, key=lambda x: x.start):
        if not c.resolved or not c.url or c.self_citation or c.start < pos:
            continue
        span = link_span(body, c)
        if span is None:
            continue
        s, e = span
        href = target(c)
        out.append(body[pos:s])
        out.append(f'[{body[s:e]}]({href} "{link_title(c)}")')
        pos = e
    out.append(body[pos:])
    return "".join(out)


def strip_links(md: str) -> str:
    """Inverse of `annotate` for links it wrote (used by tests and by the site's checks)."""
    return LINK.sub(lambda m: m.group(1), md)
