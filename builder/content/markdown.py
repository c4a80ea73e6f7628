"""How content Markdown is parsed to look at it (not to render it: mkdocs does that): which files
a body links (content.attachments), which links and HTML could carry script (validate.safety)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt


class _EveryLink(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # we want to see javascript: links, not have them dropped


@cache
def markdown_parser() -> MarkdownIt:
    return _EveryLink("commonmark", {"html": True})
