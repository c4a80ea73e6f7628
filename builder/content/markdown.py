"""How content Markdown is parsed to look at it (not to render it: mkdocs does that): which files
a body links (content.attachments), which links and HTML could carry script (validate.safety)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # we want to see javascript: links, not have them dropped
    return md
