"""`congkhai registry check`: the registry's upkeep list for editors (issue 13).

For every entry of content/van-ban/: a missing trích yếu (title), issue date or legal status, a
fact without a source, and a fact whose only sources are inferences. Findings are data (like
diagnostics), printed in Vietnamese or as JSON; the command exits 1 while the list is not empty.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..base.vietnamese import FACT_VI
from .corpus import Corpus, DocumentRecord
from .model import SOURCED_FACTS

# What an entry should say, in the order the report lists it.
KINDS = {
    "thieu-trich-yeu": "Thiếu trích yếu (title)",
    "thieu-ngay": "Thiếu ngày ban hành (issued)",
    "thieu-tinh-trang": "Thiếu tình trạng hiệu lực (status)",
    "chua-co-nguon": "Dữ kiện chưa có nguồn",
    "suy-luan": "Dữ kiện chỉ dựa trên suy luận",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    file: str
    line: int
    key: str
    fact: str | None = None
    detail: str | None = None


def check(corpus: Corpus) -> list[Finding]:
    out: list[Finding] = []
    for rec in corpus.documents:
        d = rec.doc

        def at(field: str, rec: DocumentRecord = rec) -> int:
            return rec.src.pos((field,))[0]

        if not d.title:
            out.append(Finding("thieu-trich-yeu", rec.path, at("title"), rec.key))
        if not d.issued:
            out.append(Finding("thieu-ngay", rec.path, at("issued"), rec.key))
        if not d.status:
            out.append(Finding("thieu-tinh-trang", rec.path, at("status"), rec.key))
        for f in SOURCED_FACTS:
            if not d.has(f):
                continue
            if not d.sourced(f):
                out.append(Finding("chua-co-nguon", rec.path, at(f), rec.key, f))
            elif d.inferred(f):
                why = "; ".join(s.what for s in d.sources_of(f) if s.what) or None
                out.append(Finding("suy-luan", rec.path, at(f), rec.key, f, why))
    order = list(KINDS)
    return sorted(out, key=lambda x: (order.index(x.kind), x.file, x.line, x.fact or ""))


def format_text(findings: list[Finding], total: int) -> str:
    lines = [f"Danh mục văn bản: {total} văn bản."]
    if not findings:
        lines.append(
            "Mọi văn bản đã có trích yếu, ngày ban hành, tình trạng hiệu lực; mọi dữ kiện đều có nguồn."
        )
        return "\n".join(lines)
    for kind, heading in KINDS.items():
        mine = [f for f in findings if f.kind == kind]
        if not mine:
            continue
        lines.append("")
        lines.append(f"{heading} ({len(mine)}):")
        for f in mine:
            what = f" — {FACT_VI.get(f.fact, f.fact)} ({f.fact})" if f.fact else ""
            why = f": {f.detail}" if f.detail else ""
            lines.append(f"  {f.file}:{f.line}: {f.key}{what}{why}")
    lines.append("")
    lines.append(
        "Cách ghi một dữ kiện và nguồn của nó: CONTRIBUTING.md, mục “Ghi dữ kiện của văn bản được trích dẫn”."
    )
    return "\n".join(lines)


def format_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
