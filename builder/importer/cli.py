"""`congkhai import FILE [-o OUT] [--force]`: draft plan + Vietnamese report on stderr.

The report says what was found, what the editor **must** fill before the draft validates (the
same fields `congkhai validate` reports as errors), what was not found (warnings), and every
decision the importer took (chrome removed, encoding guessed, blank number, unplaced text).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from ..base.errors import EXIT_SYSTEM, os_error_vi
from ..citations.models import Citation
from ..content import stubs
from ..content.corpus import Corpus
from ..content.keys import canonical_number, number_family
from ..content.planref import PlanFinder
from .emit import render
from .issuer import agency_stub, guess
from .parse import Draft, parse_items, parse_lines
from .readers import Read, ReadError, read

FIELD_VI = {
    "title": "trích yếu (title)",
    "issuer": "cơ quan ban hành (issuer)",
    "number": "số, ký hiệu (number)",
    "issued": "ngày ban hành (issued)",
    "place": "địa danh (place)",
    "period": "kỳ kế hoạch (period)",
    "signer": "người ký (signer)",
    "recipients": "nơi nhận (recipients)",
    "basis": "căn cứ (basis)",
    "tasks": "nhiệm vụ (tasks)",
    "reports_on": "kế hoạch được báo cáo (reports_on)",
    "results": "kết quả từng nhiệm vụ (results)",
    "note": "lý do báo cáo về kế hoạch của cơ quan khác (note)",
}
PLAN_ONLY = ("tasks",)  # a report's own tables are not tasks of a plan (content.model.Report)
REPORT_ONLY = ("reports_on", "results", "note")
UNKNOWN_ISSUER = "chua-xac-dinh"


def _find_citations() -> Callable[[str], list[Citation]] | None:
    try:
        from ..citations import find_citations
    except ImportError:
        return None
    return find_citations


def basis_from(d: Draft) -> tuple[list[dict[str, Any]], list[Citation], str | None]:
    """Documents of the preamble, with can-cu/thuc-hien from the sentence that names them, then the
    document a plan's trích yếu says it carries out ("Triển khai Chỉ thị số 08/CT-TTg …")."""
    find = _find_citations()
    if find is None:
        return [], [], "chưa có bộ nhận diện trích dẫn (builder.citations)"
    own = {
        canonical_number(x)
        for x in (d.fields.get("number"), (d.fields.get("issued_by_decision") or {}).get("number"))
        if x
    }
    out: list[dict[str, Any]] = []
    cites: list[Citation] = []
    paras = [p for p in d.preamble.split("\n") if p.strip()]
    title = d.fields.get("title") or ""
    if re.match(
        r"(?i)(?:v/v\s+)?(?:về\s+(?:việc\s+)?)?(triển\s+khai|thực\s+hiện|tổ\s+chức\s+thực\s+hiện|quán\s+triệt)\b",
        title,
    ):
        paras.append(title)
    for para in paras:
        rel = "can-cu" if para.lstrip(" -–*").lower().startswith("căn cứ") else "thuc-hien"
        for c in find(para):
            key = c.key or (canonical_number(c.number) if c.number else "")
            if not key or key in own or any(b["ref"] == key for b in out):
                continue  # the document itself (its own number quoted) is never its own basis
            out.append({"ref": key, "relation": c.role or rel})
            cites.append(c)
    return out, cites, None


def registry_stub(c: Citation) -> tuple[str, str]:
    """(file name, text) of the registry entry of a cited document the registry lacks: the one
    writer's text (builder.content.stubs), only what the citation printed."""
    key = c.key or canonical_number(c.number or "")
    text = stubs.document_stub(
        key=key,
        number=c.number,
        type_=c.type,
        date=c.date,
        issuer_id=None,
        title=c.title,
        issuer_as_cited=c.issuer,
        comment="Văn bản do `congkhai import` đề xuất: kiểm tra và bổ sung (không tự đặt source_url).",
    )
    return stubs.filename(key), text


def _refuse(msg: str, code: int = 1) -> int:
    print(f"Lỗi: {msg}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    src = Path(args.file)
    if not src.is_file():
        return _refuse(
            f"không có tệp “{args.file}”." if not src.exists() else f"“{args.file}” không phải là tệp.", 2
        )
    out = Path(args.output) if getattr(args, "output", None) else None
    if out is not None:
        if out.is_dir():
            return _refuse(
                f"“{out}” là một thư mục: ghi đường dẫn tệp .md, ví dụ {out / 'ten-ke-hoach.md'}.", 2
            )
        if out.exists() and not getattr(args, "force", False):
            return _refuse(f"tệp “{out}” đã có; chọn tên khác, hoặc thêm --force nếu thật sự muốn ghi đè.", 1)
    try:
        r = read(src)
    except ReadError as e:
        return _refuse(str(e), e.exit_code)
    if out is not None:  # after the input was accepted: a refused input leaves no folder behind
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            return _refuse(f"không tạo được thư mục “{out.parent}” ({e.strerror or e}).", 2)
    from ..content.corpus import find_root, load

    root = find_root(out.parent if out else Path.cwd())
    if getattr(args, "project", None):
        root = Path(args.project).resolve()
    corpus = load(root) if root else None
    try:
        text, report = import_read(r, corpus, out, root, src.name)
    except OSError as e:  # a stub could not be written
        return _refuse(f"không ghi được tệp mẫu ({os_error_vi(e)})", EXIT_SYSTEM)
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            _write(out, text)
        except OSError as e:  # the machine (disk full, read-only): nothing half-written was left
            return _refuse(f"không ghi được “{out}” ({os_error_vi(e)})", EXIT_SYSTEM)
    print("\n".join(report), file=sys.stderr)
    return 0


def _write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder: a failed write leaves nothing half-done."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".nhap-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def draft_of(r: Read) -> Draft:
    d = parse_lines(r.lines) if r.lines is not None else parse_items(r.items)
    d.notes[:0] = r.notes
    return d


def import_lines(
    lines: list[str], corpus: Corpus | None, out: Path | None, root: Path | None
) -> tuple[str, list[str]]:
    """The draft and report for lines of text (kept for callers that have text, and for tests)."""
    return finish(parse_lines(lines), corpus, out, root)


def import_read(
    r: Read, corpus: Corpus | None, out: Path | None, root: Path | None, name: str = ""
) -> tuple[str, list[str]]:
    return finish(draft_of(r), corpus, out, root, f"{name} ({r.kind})" if name else r.kind)


def must_fill(
    f: dict[str, Any],
    agencies: Collection[str],
    taken: Collection[str] = frozenset(),
    plans: Collection[str] | None = None,
    owner: str | None = None,
) -> list[str]:
    """The fields whose absence or value makes `congkhai validate` report an error
    (CK021/CK051/CK032/CK040; for a report, `plans` the keys it may name: CK021/CK110)."""
    out = []
    if plans is not None and not (f.get("reports_on") and all(k in plans for k in f["reports_on"])):
        out.append("reports_on")
    if owner and f.get("issuer") != owner and not f.get("note"):
        out.append("note")  # a report on another agency's plan says why (CK115)
    if not f.get("title"):
        out.append("title")
    if not f.get("issuer") or f["issuer"] not in agencies:
        out.append("issuer")
    n = f.get("number")
    malformed = (
        number_family(canonical_number(n)) is None and f.get("status", "ban-hanh") == "ban-hanh"
        if n
        else False
    )
    if n and (malformed or canonical_number(n) in taken):
        out.append("number")
    return out


def report_mode(d: Draft, out: Path | None) -> bool:
    """Draft a progress report (content/bao-cao/) rather than a plan: the output goes into
    content/bao-cao/, or (on standard output) the document names itself a Báo cáo."""
    if out is not None:
        return "bao-cao" in out.resolve().parts
    return d.doc_type == "Báo cáo"


def finish(
    d: Draft, corpus: Corpus | None, out: Path | None, root: Path | None, what: str = ""
) -> tuple[str, list[str]]:
    f = d.fields
    as_report = report_mode(d, out)
    report: list[str] = []
    written: list[str] = []
    agencies = dict(corpus.agencies) if corpus else {}
    issuer_ids = set(agencies)  # the registry's agencies and the stubs written by this import
    g = guess(d, agencies)
    if g and g.agency_id:
        f["issuer"] = g.agency_id
        report.append(
            f"Cơ quan ban hành: {g.agency_id} (“{g.full}”, {g.where}; cùng địa bàn với cơ quan đã có trong danh mục)."
        )
    elif g and g.proposed_id:
        aid, stub = agency_stub(g)
        f["issuer"] = aid
        dest = _stub_path(out, root, "co-quan", f"{aid}.md")
        if dest and stubs.write_new(dest, stub):  # O_EXCL: never over a file, never through a link
            written.append(_rel(dest, root))
            issuer_ids.add(aid)
            report.append(
                f"Cơ quan ban hành: “{g.full}” ({g.where}) chưa có trong content/co-quan/: đề xuất {aid}, "
                f"tệp mẫu {_rel(dest, root)}" + (f" — {g.note}" if g.note else "") + "."
            )
        elif dest:
            # the id is taken by a registered agency the header did not match (another place or
            # another time): never that agency; the editor decides
            f["issuer"] = UNKNOWN_ISSUER
            report.append(
                f"Cơ quan ban hành: CHƯA XÁC ĐỊNH — “{g.full}” ({g.where}) không khớp cơ quan {aid} đã có "
                f"({_rel(dest, root)}: khác địa bàn hoặc thời gian hoạt động). Ghi mã cơ quan đúng vào `issuer`, "
                "hoặc tạo tệp cơ quan mới với tên khác."
            )
        else:
            report.append(
                f"Cơ quan ban hành: “{g.full}” chưa có trong danh mục; tệp mẫu content/co-quan/{aid}.md:\n{stub}"
            )
    else:
        f["issuer"] = UNKNOWN_ISSUER
        why = (
            g.note
            if g and g.note
            else "văn bản không in đầu văn bản (cơ quan ban hành) và không tự nêu tên cơ quan"
        )
        hint = (
            f" Trang web ghi nơi ban hành: “{d.site_meta['Nơi ban hành']}” (chưa kiểm chứng)."
            if d.site_meta.get("Nơi ban hành")
            else ""
        )
        report.append(
            f"Cơ quan ban hành: CHƯA XÁC ĐỊNH ({why}). Ghi mã cơ quan trong content/co-quan/ vào `issuer`.{hint}"
        )
    basis, cites, why_no = basis_from(d)
    if basis:
        f["basis"] = basis
        known = set()
        if corpus:
            known = {r.key for r in [*corpus.plans, *corpus.documents] if r.key}
            known |= set(PlanFinder(corpus).by_number)  # a plan cited by its number (`cited_as`)
        for c in cites:
            key = c.key or canonical_number(c.number or "")
            if key in known:
                continue
            name, stub = registry_stub(c)
            dest = _stub_path(out, root, "van-ban", name)
            if dest and stubs.write_new(dest, stub):
                written.append(_rel(dest, root))
            elif not dest:
                report.append(
                    f"Văn bản căn cứ chưa có trong danh mục: {key} — mẫu content/van-ban/{name}:\n{stub}"
                )
    elif why_no:
        report.append(f"Căn cứ (basis): bỏ qua vì {why_no}.")
    if f.get("_number_blank") or d.date_state == "blank":
        f["status"] = "du-thao"  # printed with the number or the day left blank: not signed yet
        report.append(
            "Trạng thái: du-thao (số hoặc ngày để trống trên văn bản, tức bản trình ký chưa ban hành); "
            "đổi thành ban-hanh khi có số, ngày."
        )
    f.setdefault("status", "ban-hanh")
    notes = [f"Dấu văn thư điện tử trên bản gốc: {d.watermark}"] if d.watermark else []
    notes += [f"Dấu ký số trên bản gốc: {s}" for s in d.stamps[:3]]
    if notes:
        f["source_note"] = "; ".join(notes)
    for k in [k for k in f if k.startswith("_")]:
        f.pop(k)
    report_plans: set[str] | None = None
    owner: str | None = None  # the issuer of the plan a report reports on
    if as_report:
        from .report import draft as report_draft

        rd = report_draft(corpus, f.get("title") or "", d.preamble, "\n\n".join(d.body), d.body)
        if f.pop("tasks", None):
            report.append(
                "Bảng trong báo cáo không phải nhiệm vụ của kế hoạch: không ghi `tasks` cho báo cáo."
            )
        f.pop("issued_by_decision", None)
        f["type"] = d.doc_type or "Báo cáo"
        if rd.reports_on:
            f["reports_on"] = rd.reports_on
        if rd.results:
            f["results"] = rd.results
        report += rd.notes
        report_plans = set(PlanFinder(corpus).by_key) if corpus else set()
        if rd.plan is not None:
            from .report import leads_all

            report_plans.add(rd.plan.key)
            if not leads_all(corpus, f.get("issuer"), rd.plan, rd.results):
                owner = rd.plan.plan.issuer
    elif d.doc_type == "Báo cáo":
        report.append(
            "Văn bản là một Báo cáo: nếu là báo cáo kết quả thực hiện kế hoạch, nhập lại với "
            "-o content/bao-cao/<năm>/<tên>.md để ghi kết quả vào từng nhiệm vụ của kế hoạch."
        )
    schema_rel = None
    if root and out:
        name = "bao-cao" if as_report else "ke-hoach"
        schema_rel = os.path.relpath(
            root / "builder" / "schemas" / f"{name}.schema.json", out.resolve().parent
        )
    text, unplaced_line = render(d, schema_rel)
    taken: dict[str, str] = {}
    if corpus and f.get("number"):
        own = canonical_number(f["number"])
        for rec in [*corpus.plans, *corpus.documents]:
            if rec.key == own and (out is None or (root and (root / rec.path).resolve() != out.resolve())):
                taken[own] = rec.path
        if own in taken:
            report.append(
                f"Số {own} đã có trong danh mục ({taken[own]}): nếu đó là tệp mẫu khai báo chính văn bản này "
                "(tạo khi một văn bản khác trích dẫn nó), xóa tệp mẫu đó; nếu là văn bản khác trùng số, "
                "thêm `key` (ví dụ số@cơ-quan-năm)."
            )
    must = must_fill(f, issuer_ids, set(taken), report_plans, owner)
    fields = [k for k in FIELD_VI if k not in (PLAN_ONLY if as_report else REPORT_ONLY)]
    found = [FIELD_VI[k] for k in fields if f.get(k) and k not in must]
    missing = [FIELD_VI[k] for k in fields if not f.get(k) and k not in must]
    head = [
        "Báo cáo nhập văn bản"
        + (f" {what}" if what else "")
        + (f" — {d.doc_type}" if d.doc_type else "")
        + ":"
    ]
    head.append("  Đã xác định: " + (", ".join(found) or "không có"))
    head.append(
        "  PHẢI ĐIỀN trước khi đăng (congkhai validate sẽ báo lỗi): "
        + (", ".join(FIELD_VI[k] for k in must) or "không có")
    )
    head.append("  CHƯA xác định (kiểm tra, điền tay nếu văn bản có): " + (", ".join(missing) or "không có"))
    if f.get("tasks"):
        head.append(
            f"  Nhiệm vụ: {len(f['tasks'])} (kiểm tra cơ quan chủ trì, phối hợp, thời hạn của từng nhiệm vụ)."
        )
    for note in d.notes:
        head.append("  " + note)
    if unplaced_line:
        head.append(
            f"  {len(d.unplaced)} đoạn chưa xếp được chỗ, đặt cuối nội dung từ dòng {unplaced_line} của bản nháp."
        )
    if written:
        head.append("  Tệp mẫu đã tạo: " + ", ".join(written))
    return text, head + ["  " + r for r in report]


def _stub_path(out: Path | None, root: Path | None, kind: str, name: str) -> Path | None:
    if out is None:
        return None
    if root and out.resolve().is_relative_to((root / "content").resolve()):
        return root / "content" / kind / name
    return out.resolve().parent / f"{kind}-{name}"


def _rel(p: Path, root: Path | None) -> str:
    try:
        return p.resolve().relative_to(root.resolve()).as_posix() if root else str(p)
    except ValueError:
        return str(p)
