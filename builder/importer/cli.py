"""`congkhai import FILE [-o OUT]`: draft plan + Vietnamese report on stderr."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..base.urls import url_slug
from ..content.keys import canonical_number
from .emit import render
from .issuer import agency_stub, guess
from .parse import Draft, parse_lines
from .readers import ReadError, read_lines

FIELD_VI = {
    "title": "trích yếu (title)", "issuer": "cơ quan ban hành (issuer)", "number": "số, ký hiệu (number)",
    "issued": "ngày ban hành (issued)", "place": "địa danh (place)", "period": "kỳ kế hoạch (period)",
    "signer": "người ký (signer)", "recipients": "nơi nhận (recipients)", "basis": "căn cứ (basis)",
    "tasks": "nhiệm vụ (tasks)",
}


def _find_citations():  # type: ignore[no-untyped-def]
    try:
        from ..citations import find_citations
    except ImportError:
        return None
    return find_citations


def basis_from(d: Draft) -> tuple[list[dict], list, str | None]:
    """Documents of the preamble, with can-cu/thuc-hien from the sentence that names them."""
    find = _find_citations()
    if find is None or not d.preamble:
        return [], [], None if find else "chưa có bộ nhận diện trích dẫn (builder.citations)"
    out: list[dict] = []
    cites = []
    for para in d.preamble.split("\n"):
        rel = "can-cu" if para.lstrip().lower().startswith("căn cứ") else "thuc-hien"
        for c in find(para):
            key = getattr(c, "key", "") or (canonical_number(c.number) if getattr(c, "number", None) else "")
            if not key or any(b["ref"] == key for b in out):
                continue
            out.append({"ref": key, "relation": getattr(c, "role", None) or rel})
            cites.append(c)
    return out, cites, None


def registry_stub(c) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    key = c.key or canonical_number(c.number)
    lines = ["---", "# Văn bản do `congkhai import` đề xuất: kiểm tra và bổ sung (không tự đặt source_url)."]
    if c.number and canonical_number(c.number) == key:
        lines.append(f'number: "{c.number}"')
    else:
        lines.append(f'key: "{key}"')
        if c.number:
            lines.append(f'number: "{c.number}"')
    lines.append(f'type: "{c.type or "Văn bản"}"')
    if c.date:
        lines.append(f"issued: {c.date}")
    title = getattr(c, "title", None)
    if title:
        lines.append(f'title: "{title.replace(chr(34), chr(39))}"')
    if getattr(c, "issuer", None):
        lines.append(f'note: "Cơ quan ban hành (như trích dẫn): {c.issuer.replace(chr(34), chr(39))}"')
    lines += ["---", ""]
    return url_slug(key), "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    src = Path(args.file)
    if not src.is_file():
        print(f"Lỗi: không có tệp “{args.file}”.", file=sys.stderr)
        return 2
    try:
        lines = read_lines(src)
    except ReadError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    out = Path(args.output) if getattr(args, "output", None) else None
    from ..content.corpus import find_root, load

    root = find_root(out.parent if out else Path.cwd()) if out else find_root(Path.cwd())
    if getattr(args, "project", None):
        root = Path(args.project).resolve()
    corpus = load(root) if root else None
    result = import_lines(lines, corpus, out, root)
    text, report = result
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    print("\n".join(report), file=sys.stderr)
    return 0


def import_lines(lines: list[str], corpus, out: Path | None, root: Path | None) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    d = parse_lines(lines)
    f = d.fields
    report: list[str] = []
    written: list[str] = []
    agencies = corpus.agencies if corpus else {}
    g = guess(d, agencies)
    if g and g.agency_id:
        f["issuer"] = g.agency_id
        report.append(f"Cơ quan ban hành: {g.agency_id} (“{g.name}”, tìm thấy ở {g.where}).")
    elif g:
        aid, stub = agency_stub(g)
        f["issuer"] = aid
        dest = _stub_path(out, root, "co-quan", aid)
        if dest and not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(stub, encoding="utf-8")
            written.append(_rel(dest, root))
            report.append(f"Cơ quan ban hành: “{g.full}” ({g.where}) chưa có trong content/co-quan/: đề xuất {aid}, "
                          f"tệp mẫu {_rel(dest, root)}.")
        elif dest:
            report.append(f"Cơ quan ban hành: đề xuất {aid} (tệp {_rel(dest, root)} đã có).")
        else:
            report.append(f"Cơ quan ban hành: “{g.full}” chưa có trong danh mục; tệp mẫu content/co-quan/{aid}.md:\n{stub}")
    else:
        f["issuer"] = "chua-xac-dinh"
    basis, cites, why = basis_from(d)
    if basis:
        f["basis"] = basis
        known = set()
        if corpus:
            known = {r.key for r in [*corpus.plans, *corpus.documents] if r.key}
        for c in cites:
            key = c.key or canonical_number(c.number)
            if key in known:
                continue
            slug, stub = registry_stub(c)
            dest = _stub_path(out, root, "van-ban", slug)
            if dest and not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(stub, encoding="utf-8")
                written.append(_rel(dest, root))
            elif not dest:
                report.append(f"Văn bản căn cứ chưa có trong danh mục: {key} — mẫu content/van-ban/{slug}.md:\n{stub}")
    elif why:
        report.append(f"Căn cứ (basis): bỏ qua vì {why}.")
    f.setdefault("status", "ban-hanh")
    if d.watermark:
        f["source_note"] = f"Dấu văn thư điện tử trên bản gốc: {d.watermark}"
    f.pop("_number_placeholder", None)
    schema_rel = None
    if root and out:
        schema_rel = os.path.relpath(root / "builder" / "schemas" / "ke-hoach.schema.json", out.resolve().parent)
    text, unplaced_line = render(d, schema_rel)
    found = [FIELD_VI[k] for k in FIELD_VI if f.get(k) and not (k == "issuer" and f[k] == "chua-xac-dinh")]
    missing = [FIELD_VI[k] for k in FIELD_VI if not f.get(k) or (k == "issuer" and f[k] == "chua-xac-dinh")]
    head = ["Báo cáo nhập văn bản:"]
    head.append("  Đã xác định: " + (", ".join(found) or "không có"))
    head.append("  CHƯA xác định (cần điền tay): " + (", ".join(missing) or "không có"))
    if f.get("tasks"):
        head.append(f"  Nhiệm vụ: {len(f['tasks'])}.")
    for note in d.notes:
        head.append("  " + note)
    if unplaced_line:
        head.append(f"  {len(d.unplaced)} đoạn chưa xếp được chỗ, đặt cuối nội dung từ dòng {unplaced_line} của bản nháp.")
    if written:
        head.append("  Tệp mẫu đã tạo: " + ", ".join(written))
    return text, head + ["  " + r for r in report]


def _stub_path(out: Path | None, root: Path | None, kind: str, slug: str) -> Path | None:
    if out is None:
        return None
    if root and out.resolve().is_relative_to((root / "content").resolve()):
        return root / "content" / kind / f"{slug}.md"
    return out.resolve().parent / f"{kind}-{slug}.md"


def _rel(p: Path, root: Path | None) -> str:
    try:
        return p.resolve().relative_to(root.resolve()).as_posix() if root else str(p)
    except ValueError:
        return str(p)
