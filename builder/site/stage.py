"""Stage the corpus as a Markdown tree (build/docs/) that any mkdocs-compatible engine renders.

Every page is plain Markdown plus front-matter that the templates in overrides/ read as
page.meta. Nothing here knows about mkdocs itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..analysis.state import Derived
from ..base import rawhtml
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


def write(pages: Iterable[Page], docs: Path, corpus: Corpus) -> dict[str, str]:
    """Write the staged tree into `docs` and return {path: sha256 of its bytes} (Staging)."""
    staging = Staging(docs, corpus)
    return staging.finish(staging.put_pages(pages))


class Staging:
    """The staged tree being written into `docs`.

    Pages are written as they come (a generator's list is dropped once written), and only when
    their bytes differ from the file already there: an unchanged page keeps its file, and the
    hashes tell the build which pages changed since the site it published (publish/incremental).
    `put_pages` may run in two processes at once over different generators (flow._stage);
    `finish` adds the hand-written pages and attachments and deletes the files of an earlier
    staging that no page made any more."""

    def __init__(self, docs: Path, corpus: Corpus) -> None:
        docs.mkdir(parents=True, exist_ok=True)
        self.docs, self.corpus = docs, corpus
        self.old = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
        # The glossary's abbreviations become <abbr title="…"> in every Markdown body (mkdocs.yml: abbr)
        self.abbr = "\n\n" + definitions(corpus.glossary) if corpus.glossary else ""

    def _put(self, hashes: dict[str, str], path: str, data: bytes) -> None:
        hashes[path] = hashlib.sha256(data).hexdigest()
        out = self.docs / path
        if path in self.old:
            try:
                if out.stat().st_size == len(data) and out.read_bytes() == data:
                    return
            except OSError:
                pass
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)

    def _text(self, pg: Page) -> bytes:
        # raw HTML blocks (base/rawhtml.py) after everything Markdown reads, the glossary included
        out, blocks = rawhtml.lift(pg.render())
        out = out + self.abbr + "\n" if self.abbr and pg.body.strip() else out
        return (out + blocks).encode("utf-8")

    def put_pages(self, pages: Iterable[Page]) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for pg in pages:
            if pg.path in hashes:  # two generators (or one twice) making one page: a builder bug
                raise RuntimeError(f"two staged pages at {pg.path}")
            self._put(hashes, pg.path, self._text(pg))
        return hashes

    def finish(self, hashes: dict[str, str]) -> dict[str, str]:
        from ..content.attachments import referenced
        from ..content.files import read_bytes

        hashes = dict(hashes)
        for pg in hand_written_pages(self.corpus, set(hashes)):
            self._put(hashes, pg.path, self._text(pg))
        # Only the files content references; never a link (files.scan refused those).
        for rel in referenced(self.corpus):
            data, _ = read_bytes(self.corpus.root / rel)  # never through a link (content/files.py)
            self._put(hashes, attachment_url(rel), data)
        docs = self.docs
        for path in self.old - set(hashes):
            (docs / path).unlink()
        for folder in sorted({p.parent for p in docs.rglob("*")}, key=lambda d: -len(d.parts)):
            if folder != docs and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return hashes
