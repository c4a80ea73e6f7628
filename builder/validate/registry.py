"""Validator rules of the registry (content/van-ban/): every fact carries its source.

- CK120: a fact (date, status, number, address, relation…) without a source;
- CK121: a source that does not say where the fact was found;
- CK122: a relation to a document the registry does not hold;
- CK123: a source pointing at a content file that does not exist or does not hold the quote;
- CK124: an effective date before the issue date.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, make
from ..base.text import quote_form
from ..content.corpus import Corpus, DocumentRecord
from ..content.files import read_bytes
from ..content.model import SOURCED_FACTS
from .rules import _did_you_mean


def _pos(rec: DocumentRecord, *path: str | int) -> tuple[int, int]:
    return rec.src.pos(tuple(path))


def unsourced(rec: DocumentRecord) -> list[str]:
    """The facts of an entry that no source backs (also `congkhai registry check`)."""
    d = rec.doc
    return [f for f in SOURCED_FACTS if d.has(f) and not d.sourced(f)]


def rule_sources(c: Corpus, derived: Derived) -> Iterable[Diagnostic]:
    keys = {r.key for r in c.documents}
    texts: dict[str, str] = {}  # content files quoted by sources, read once
    for rec in c.documents:
        if not c.in_focus(rec.path):
            continue
        d = rec.doc
        for f in unsourced(rec):
            yield make("CK120", rec.path, *_pos(rec, f), fact=f)
        for i, s in enumerate(d.sources):
            if not (s.url or s.file or s.where):
                yield make("CK121", rec.path, *_pos(rec, "sources", i), n=i + 1)
            if s.file:
                detail = _file_problem(c, s.file, s.quote, texts)
                if detail:
                    yield make("CK123", rec.path, *_pos(rec, "sources", i, "file"), n=i + 1, detail=detail)
        for i, r in enumerate(d.relations):
            if r.ref not in keys or r.ref == rec.key:
                yield make(
                    "CK122",
                    rec.path,
                    *_pos(rec, "relations", i, "ref"),
                    ref=r.ref,
                    hint=_did_you_mean(r.ref, keys),
                )
        if d.issued and d.effective and d.effective < d.issued:
            yield make(
                "CK124",
                rec.path,
                *_pos(rec, "effective"),
                effective=d.effective.isoformat(),
                issued=d.issued.isoformat(),
            )


def _file_problem(c: Corpus, file: str, quote: str | None, texts: dict[str, str]) -> str | None:
    if not file.startswith("content/") or file not in c.tree:
        return f"không có tệp “{file}” trong content/."
    if quote:
        if file not in texts:
            # read from disk: `congkhai validate FILE` holds other plans as stubs without their text
            try:
                texts[file] = quote_form(read_bytes(c.root / file)[0].decode("utf-8", "replace"))
            except OSError:
                texts[file] = ""
        if quote_form(quote) not in texts[file]:
            return f"không thấy đoạn trích trong tệp “{file}”."
    return None
