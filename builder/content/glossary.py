"""content/thuat-ngu.yml: the abbreviations of administrative Vietnamese and what they stand for
("UBND: Ủy ban nhân dân"), kept by editors. The site shows the expansion when a reader points at
or focuses the abbreviation (an <abbr> in every Markdown page: site.stage appends the definitions
for Python-Markdown's `abbr` extension).

The file is read like front-matter (builder.content.frontmatter: NFC, no anchors or tags, lines
for every key): a mapping of abbreviation → expansion, both plain text. Errors are CK130–CK132.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..base.diagnostics import Diagnostic, make
from . import frontmatter
from .files import Tree, read_bytes

PATH = "content/thuat-ngu.yml"
_ABBR = re.compile(r"[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:[-&][A-ZĐ0-9][A-Za-zĐđ0-9]*)*")


def load(root: Path, tree: Tree) -> tuple[dict[str, str], list[Diagnostic]]:
    """(abbreviation → expansion, diagnostics); empty when the project has no glossary."""
    diags: list[Diagnostic] = []
    if PATH not in tree:
        return {}, diags
    try:
        raw, size = read_bytes(root / PATH, frontmatter.MAX_BYTES)
    except OSError as e:
        return {}, [make("CK001", PATH, 1, 1, detail=e.strerror or str(e))]
    if size > frontmatter.MAX_BYTES:
        return {}, [make("CK002", PATH, 1, 1, size=size, limit=frontmatter.MAX_BYTES)]
    text = frontmatter.decode(PATH, raw, diags)
    if text is None:
        return {}, diags
    positions: dict[frontmatter.Path_, tuple[int, int]] = {}
    data = frontmatter.parse_yaml(PATH, text, 1, positions, diags)
    if data is None:
        return {}, diags
    if not isinstance(data, dict):
        return {}, [*diags, make("CK130", PATH, 1, 1)]
    out: dict[str, str] = {}
    for key, value in data.items():
        line, col = positions.get((key,), (1, 1))
        abbr = str(key).strip()
        if not _ABBR.fullmatch(abbr):
            diags.append(make("CK131", PATH, line, col, key=abbr))
        elif not isinstance(value, str) or not value.strip():
            diags.append(make("CK132", PATH, line, col, key=abbr))
        else:
            out[abbr] = " ".join(value.split())
    return out, diags


def definitions(glossary: dict[str, str]) -> str:
    """The glossary as Python-Markdown abbreviation definitions, appended to a staged page."""
    return "\n".join(f"*[{k}]: {v}" for k, v in sorted(glossary.items()))
