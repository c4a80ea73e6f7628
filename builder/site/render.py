"""Pages' markup lives in templates: generators hand them typed data (dataclasses), never strings
of Markdown or HTML.

Two kinds of templates:
- mkdocs' own (overrides/*.html: plan.html, document.html, tasks.html…) lay out a page from its
  `page.meta`, which the generator fills (site.stage.Page);
- the bodies of the pages that mkdocs renders from Markdown (agencies, localities, indexes, the
  disclosure list) and HTML fragments placed in a body (the task table) are templates in
  overrides/pages/, rendered here when the tree is staged. mkdocs never copies or renders those
  (*.md and *.html files of a theme folder are not static files).

Every value a template prints is escaped for what it is printed into: `site.escape.md_text` in
.md templates, `html_text` in .html ones (Jinja's autoescape with our escaper as `finalize`).
Markup the generator or a template vouches for is passed as `Markup` (links from `md_link` and
`href`, a nested template's output, a hand-written body).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup

from ..base import urls
from ..base.errors import Refusal
from ..content.corpus import Corpus
from .escape import html_text, md_text

FOLDER = "pages"  # under the project's theme.custom_dir (overrides/)


def _finalize(escape: Callable[[object], str]) -> Callable[[object], Markup]:
    def finalize(value: object) -> Markup:
        if isinstance(value, Markup):
            return value
        if isinstance(value, int | float):  # numbers as written (escape() reads 0 as "nothing")
            return Markup(str(value))
        return Markup(escape(value))

    return finalize


@cache
def _environment(folder: Path, kind: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,  # every printed value goes through `finalize`, i.e. our escaper
        finalize=_finalize(html_text if kind == "html" else md_text),
        undefined=StrictUndefined,
        keep_trailing_newline=False,  # a template file ends with a newline; its output does not
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        md_link=lambda from_url, to_url: Markup(urls.md_link(from_url, to_url)),
        href=lambda from_url, to_url: Markup(urls.href(from_url, to_url)),
        file_href=lambda from_url, path: Markup(urls.file_href(from_url, path)),
        hard_break=Markup("  "),  # two spaces before a newline: a line break in Markdown
        open_data=urls.OPEN_DATA,
    )
    return env


def template_folder(corpus: Corpus) -> Path:
    return corpus.root / (corpus.config.custom_dir or "overrides") / FOLDER


def render(corpus: Corpus, template: str, /, **data: Any) -> Markup:
    """overrides/pages/<template> rendered with `data`; .html templates escape for HTML, others for Markdown."""
    kind = "html" if template.endswith(".html") else "md"
    folder = template_folder(corpus)
    try:
        page = _environment(folder, kind).get_template(template)
    except TemplateNotFound:
        raise Refusal(
            f"Không dựng trang: thiếu mẫu trang “{template}” trong {folder} "
            "(thư mục overrides/ của dự án chưa đầy đủ)."
        ) from None
    return Markup(page.render(**data))
