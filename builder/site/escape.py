"""The one escaping path for content values that page generators write into staged pages.

Templates (overrides/) escape with Jinja autoescape; generators that write Markdown or raw HTML
into a page body use these helpers, so a value from content is text wherever it lands:

- `md_text`: inline Markdown text. Whitespace (newlines included) is collapsed to one line, so a
  multi-line title cannot start a heading, a list, a table or a block; `& < >` become entities
  (Python-Markdown passes entities through, and `\\<` is not an escape there); every character
  Python-Markdown or its extensions read as markup (emphasis, code, links, headings, attr_list
  `{…}`, table `|`) is backslash-escaped.
- `html_text`: text or attribute value inside raw HTML written into a page body (one line: a
  blank line would end the HTML block and let the rest be read as Markdown).
- `meta_text`: a one-line value for page.meta fields such as the description, which the
  templates escape.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def one_line(s: object) -> str:
    return " ".join(str(s or "").split())


def md_text(s: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line(s), quote=False))


def html_text(s: object) -> str:
    return html.escape(one_line(s), quote=True)


def meta_text(s: object, limit: int = 300) -> str:
    return one_line(s)[:limit]
