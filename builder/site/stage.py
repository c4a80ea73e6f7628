"""Stage the corpus as a Markdown tree (build/docs/) that any mkdocs-compatible engine renders.

Every page is plain Markdown plus front-matter that the templates in overrides/ read as
page.meta. Nothing here knows about mkdocs itself.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..analysis.state import Derived
from ..base.urls import attachment_url, page_path
from ..content.corpus import Corpus, PlanRecord
from ..content.glossary import definitions

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Page:
    path: str  # relative to docs dir, e.g. "ke-hoach/2025/abc.md"
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""

    def render(self) -> str:
        if not self.meta:
            return self.body + "\n"
        # Front-matter as one line of JSON, which is YAML too (any engine reads it), but which
        # sitebuild parses with json.loads: page meta is ~10 KB a plan, and YAML was a fifth of the
        # mkdocs build. Values JSON cannot hold (dates…) keep the YAML form.
        try:
            head = json.dumps(self.meta, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"
        except (TypeError, ValueError):
            head = yaml.dump(self.meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=10_000)
        return f"---\n{head}---\n\n{self.body}\n"


def plan_body(derived: Derived, rec: PlanRecord) -> str:
    """The plan's Markdown with citation links (as written when the citation step linked nothing)."""
    return derived.annotated.get(rec.key, rec.src.body)


# Where a plan's appendix begins, in the rendered HTML: overrides/plan.html puts the signature block
# there, as on the signed original ("Phụ lục" follows the signature and "Nơi nhận").
APPENDIX_MARK = '<div class="ck-appendix-start"></div>'
_APPENDIX = re.compile(r"^#{1,2}\s+(?:\*\*)?(?:phụ\s+lục|phục\s+lục)\b", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


def mark_appendix(body: str) -> str:
    """The body with APPENDIX_MARK before its first "Phụ lục" heading (level 1 or 2), if any."""
    lines = body.split("\n")
    fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fence = not fence
        elif not fence and i > 0 and _APPENDIX.match(line):
            return "\n".join([*lines[:i], "", APPENDIX_MARK, "", *lines[i:]])
    return body


def hand_written_pages(corpus: Corpus, taken: set[str]) -> list[Page]:
    """content/<name>.md as validated (front-matter keys of model.Page only), unless a generator
    made that page (the home page's introduction is read by pages.home_page)."""
    out = []
    for rec in corpus.pages:
        path = page_path(rec.url)
        if path in taken or rec.page is None:  # a page whose front-matter failed validation: not built
            continue
        meta = {k: v for k, v in (("title", rec.page.title), ("description", rec.page.description)) if v}
        out.append(Page(path, meta, rec.src.body.strip()))
    return out


def write(pages: list[Page], docs: Path, corpus: Corpus) -> None:
    from ..content.attachments import referenced
    from ..content.files import copy_file

    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    pages = [*pages, *hand_written_pages(corpus, {pg.path for pg in pages})]
    # The glossary's abbreviations become <abbr title="…"> in every Markdown body (mkdocs.yml: abbr)
    abbr = "\n\n" + definitions(corpus.glossary) if corpus.glossary else ""
    for pg in pages:
        out = docs / pg.path
        out.parent.mkdir(parents=True, exist_ok=True)
        text = pg.render()
        out.write_text(text + abbr + "\n" if abbr and pg.body.strip() else text, encoding="utf-8")
    # Only the files content references; never a link (files.scan refused those).
    for rel in referenced(corpus):
        copy_file(corpus.root / rel, docs / attachment_url(rel))
