"""Sanitise every page's rendered HTML with an allow-list (nh3, the Rust `ammonia` sanitiser).

The validator refuses unsafe content (CK070–CK072); this is the second wall: it sits in the
rendering path itself, as the last Python-Markdown postprocessor, so even a validator bug or a
page generator that forgets to escape cannot publish <script>, event handlers or script URLs.
Registered last in mkdocs.yml `markdown_extensions` as `builder.publish.sanitize`.

The allow-list keeps what the site legitimately renders: headings with ids, links, footnotes,
tables (with `text-align` only), abbreviations, code, admonitions and attr_list classes,
details/summary, images with http(s) or relative sources, data-* and aria-* attributes, and a
small static subset of inline SVG (icons, QR codes) without scripting or references.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

TAGS = {
    # text and structure
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "section",
    "article",
    "aside",
    "nav",
    "header",
    "footer",
    "data",
    # static inline SVG (no <use>, <foreignObject>, <animate>, <set>, <a>: those reference or run things)
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "line",
    "polyline",
    "polygon",
    "title",
    "desc",
}
GENERIC = {"id", "class", "title", "lang", "dir", "role", "hidden", "translate"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": GENERIC,
    "a": {"href", "name", "hreflang", "type"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "svg": {
        "viewbox",
        "viewBox",
        "width",
        "height",
        "xmlns",
        "fill",
        "stroke",
        "preserveaspectratio",
        "preserveAspectRatio",
        "shape-rendering",
        "aria-hidden",
        "focusable",
    },
    "g": {"fill", "stroke", "stroke-width", "transform"},
    "path": {"d", "fill", "stroke", "stroke-width", "fill-rule", "clip-rule", "transform"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke", "stroke-width", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
    "polyline": {"points", "fill", "stroke", "stroke-width"},
    "polygon": {"points", "fill", "stroke", "stroke-width"},
}
# Python-Markdown's tables write `style="text-align: …"` on cells; nothing else may style content
# (an absolutely positioned overlay is a phishing tool even without script).
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with their content, not just unwrapped.
CLEAN_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "math",
    "select",
    "textarea",
    "xmp",
    "noembed",
    "noframes",
}


@lru_cache(maxsize=1)
def cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        strip_comments=True,
        link_rel=None,  # keep links exactly as rendered (same-site links need no rel)
    )


def clean(html: str) -> str:
    """The HTML with everything outside the allow-list removed."""
    return cleaner().clean(html)


class SanitizePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return clean(text)


class SanitizeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's API
        # Priority 0: after raw HTML is put back (30), footnotes (25) and entity handling (20).
        md.postprocessors.register(SanitizePostprocessor(md), "congkhai_sanitize", 0)


def makeExtension(**kwargs: object) -> SanitizeExtension:  # Python-Markdown's entry point
    return SanitizeExtension(**kwargs)
