"""How well `congkhai import` and the citation finder do on the development corpus.

    python -m bench.importer_eval [--json out.json] [SLUG …]

Every file of `tests/data/corpus/` (real crawls, DOCX and PDF; see its README) is imported with the
real command into a scratch project; the drafts and the stubs they propose are validated with
`congkhai validate`'s rules. Truth comes from the corpus's own MANIFEST (number and date as printed,
province, issuer) and from a small hand-checked gold (`tests/data/corpus/gold.yaml`: title, issuer,
signer, recipients, tasks, cited documents) — never from the importer's output.

Printed: the share of drafts with each field right, words kept in place, issuers from another
province or organ (must be 0), drafts that neither validate nor name the fields to fill, tracebacks,
and citation precision/recall by distinct numbered document. `make bench` includes the summary.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
GOLD = CORPUS / "gold.yaml"


# -- truth ---------------------------------------------------------------------------------


def manifest() -> list[dict]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def gold() -> dict:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}


def collapse(s: str) -> str:
    return " ".join((s or "").split())


def expected_number(row: dict) -> str | None:
    """The number as printed, canonical; None when printed blank ('/KH-UBND') or not printed."""
    from builder.content.keys import canonical_number

    s = collapse(row["number_as_printed"])
    if not s or s.startswith("/"):
        return None
    return canonical_number(s)


def expected_date(row: dict) -> str | None:
    m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", collapse(row["date_as_printed"]))
    return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def refused_expected(row: dict) -> bool:
    """Scans: no text layer, or an OCR layer that lost the Vietnamese marks."""
    return "scanned-image" in row["features"]


# -- words kept in place -------------------------------------------------------------------

_SITE_END = re.compile(r"^(?:Văn bản này chưa cập nhật nội dung Tiếng Anh|#+\s*Văn bản liên quan)")
_META_LAST = re.compile(r"^\**\s*Tình trạng\s*:?\s*\**$")
_QUOC_HIEU = re.compile(r"CỘNG\s*HÒA\s+XÃ\s+HỘI|CỘNG\s*$|ĐẢNG\s+CỘNG\s+SẢN|ĐẢNG\s+CỘNG\s*$|^\**CỘNG$")


def document_lines(text: str, row: dict) -> list[str]:
    """The document's own lines: a site-chrome page cut to what the README calls the document.

    Independent of the importer: the page starts after the site's metadata table (its last row is
    "Tình trạng") and any summary ending "Xem chi tiết tại …"; the document ends before the site's
    trailer ("Văn bản này chưa cập nhật…", "## Văn bản liên quan" and the caption lines before it).
    """
    lines = text.split("\n")
    if "site-chrome" not in row["features"]:
        return lines
    start = 0
    for i, x in enumerate(lines[:400]):
        if _META_LAST.match(x.strip()):
            start = i + 1
            while start < len(lines) and lines[start].strip() in ("|", ""):
                start += 1
            start += 1  # the value "Đã biết"
            break
    for i in range(start, min(len(lines), start + 200)):
        if lines[i].startswith("Xem chi tiết tại"):
            start = i + 1
            break
    end = len(lines)
    for i in range(start, len(lines)):
        if _SITE_END.match(lines[i].strip()):
            end = i
            # the site's captions of the document ("Công văn 4085/UBND-ĐT năm 2025 …") just before
            while end > start and re.match(r"^[A-ZĐ][\wÀ-ỹ ]{2,30}\s\d{1,5}[/-]\S+", lines[end - 1]):
                end -= 1
            break
    return lines[start:end]


def source_lines(row: dict) -> list[str]:
    """The source's lines, read without the importer: a crawl cut to its document; every paragraph
    (body, tables, footnotes) of a DOCX; the plain text layer of a PDF (pypdf's default extraction)."""
    path = CORPUS / row["file"]
    if row["file"].startswith("texts/"):
        return document_lines(path.read_text(encoding="utf-8"), row)
    if path.suffix == ".docx":
        import zipfile

        from lxml import etree

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        out = []
        with zipfile.ZipFile(path) as z:
            for part in ("word/document.xml", "word/footnotes.xml"):
                if part in z.namelist():
                    root = etree.fromstring(z.read(part), etree.XMLParser(resolve_entities=False))
                    out += ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]
        return out
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages).split("\n")


def words(s: str) -> list[str]:
    from builder.base.markup import strip
    from builder.base.text import nfc

    return re.findall(r"\w+", nfc(strip(s)).casefold())


def placed(draft: str) -> str:
    """The draft without its "unplaced" section (text the importer could not put in place)."""
    m = re.search(r"<!-- Đoạn chưa xếp được chỗ.*?-->", draft)
    if not m:
        return draft
    rest = draft[m.end() :]
    notes = re.search(r"^\[\^\d+\]:", rest, re.M)  # footnote definitions follow the unplaced text
    return draft[: m.start()] + (rest[notes.start() :] if notes else "")


def kept_in_place(source_lines: list[str], draft: str) -> tuple[int, int]:
    """(words kept, words) — a source line counts where its words stand together in the draft.

    Each line of the source (a hard-wrapped crawl line, a PDF line, a DOCX paragraph or cell line)
    must reappear with its words contiguous: in the body, in a front-matter value (title,
    recipients, signer, tasks) or in the header comment. Runs of at least two words are matched
    greedily; a one-word line must appear as a word. Text in the unplaced section does not count.
    """
    hay = " " + " ".join(re.findall(r"\w+", placed(draft).casefold())) + " "
    kept = total = 0
    for line in source_lines:
        ws = words(line)
        if not ws:
            continue
        total += len(ws)
        if f" {' '.join(ws)} " in hay:
            kept += len(ws)
            continue
        if len(ws) == 1:
            continue
        i = 0
        while i < len(ws):
            j = i + 1
            while j < len(ws) and f" {' '.join(ws[i : j + 1])} " in hay:
                j += 1
            if j - i >= 2:
                kept += j - i
            i = j
    return kept, total


# -- one import ----------------------------------------------------------------------------


@dataclass
class Result:
    slug: str
    rc: int | None = None
    error: str = ""
    report: str = ""
    draft: str = ""
    front: dict = field(default_factory=dict)
    path: Path | None = None
    seconds: float = 0.0


def scratch_project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="importer-eval-")) / "proj"
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for sub in ("co-quan", "van-ban"):
        shutil.copytree(ROOT / "content" / sub, root / "content" / sub)
    (root / "content" / "index.md").write_text(
        "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n", encoding="utf-8"
    )
    return root


def import_one(row: dict, root: Path) -> Result:
    from builder.cli import main

    r = Result(row["slug"])
    src = CORPUS / row["file"]
    out = root / "content" / "ke-hoach" / "nhap" / f"{row['slug']}.md"
    err = io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            r.rc = main(["--project", str(root), "import", str(src), "-o", str(out)])
        except BaseException:  # a traceback is a failure the report must show
            r.error = traceback.format_exc()
    r.seconds = time.perf_counter() - t
    r.report = err.getvalue()
    if r.rc == 0 and out.exists():
        r.path = out
        r.draft = out.read_text(encoding="utf-8")
        r.front = yaml.safe_load(r.draft.split("---\n", 2)[1]) or {}
    return r


def must_fill_reported(report: str) -> set[str]:
    """Field keys the report says must be filled: "PHẢI ĐIỀN …: trích yếu (title), …"."""
    m = re.search(r"PHẢI ĐIỀN[^:]*:(.*)", report)
    return set(re.findall(r"\((\w+)\)", m.group(1))) if m else set()


_FIELD_OF_CODE = {
    "CK051": "issuer",
    "CK032": "number",
    "CK040": "number",
    "CK050": "basis",
    "CK054": "issuer",
}
FILL = {"title": "Trích yếu do người biên tập điền", "issuer": "chinh-phu", "number": "99999/KH-DIENTHU"}


def fill_reported(path: Path, fields: set[str]) -> None:
    """What the editor does with the report: fill each field it names (placeholder valid values)."""
    text = path.read_text(encoding="utf-8")
    _head, fm, body = text.split("---\n", 2)
    data = yaml.safe_load(fm) or {}
    for k in fields:
        if k in FILL:
            data[k] = FILL[k]
    path.write_text(
        "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8"
    )


def validator_fields(diags: list) -> set[str]:
    out = set()
    for d in diags:
        if d.severity != "error":
            continue
        if d.code == "CK021" and (m := re.search(r"“(\w+)”", d.message)):
            out.add(m.group(1))
        else:
            out.add(_FIELD_OF_CODE.get(d.code, d.code))
    return out


def validate_all(root: Path) -> dict[str, list]:
    from builder import flow
    from builder.content.corpus import load

    by_file: dict[str, list] = {}
    for d in flow.run(load(root), validate=False).diagnostics:
        by_file.setdefault(d.file, []).append(d)
    return by_file


# -- comparisons ---------------------------------------------------------------------------

_ABBR = [
    (r"\bUBND\b", "ủy ban nhân dân"),
    (r"\bHĐND\b", "hội đồng nhân dân"),
    (r"\bTP\.?(?=\s)", "thành phố"),
    (r"\bMTTQ\b", "mặt trận tổ quốc"),
    (r"\bCCHC\b", "cải cách hành chính"),
    (r"\bKH\s*,\s*CN\b", "khoa học công nghệ"),
    (r"\bĐMST\b", "đổi mới sáng tạo"),
    (r"\bCĐS\b", "chuyển đổi số"),
]


def norm_name(s: str) -> str:
    from builder.base.text import match_form

    s = re.sub(r"\([^)]*\)", " ", s or "")
    for rx, full in _ABBR:
        s = re.sub(rx, full, s, flags=re.I)
    s = match_form(s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def norm_title(s: str) -> str:
    s = re.sub(r"^\s*(v/v|về việc)\s*", "", collapse(s), flags=re.I)
    return norm_name(s)


def agency(root: Path, aid: str | None) -> dict:
    if not aid:
        return {}
    p = root / "content" / "co-quan" / f"{aid}.md"
    if not p.exists():
        return {}
    text = p.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def province_of(ag: dict) -> str | None:
    from builder.content.localities import resolve

    code = ag.get("locality") or (ag.get("legacy_locality") or {}).get("successor")
    if not code:
        return None
    u, _ = resolve(str(code))
    return u.province_code if u else None


def expected_province(row: dict) -> str | None:
    """MANIFEST province → code; '—' (central) → 'central'; unknown (pre-2025 names) → None."""
    from builder.content.localities import resolve

    p = row["province"].split("(")[0].strip()
    if p in ("—", "-", ""):
        return "central"
    u, _ = resolve(p.replace("TP ", "Thành phố "))
    if u is None:
        u, _ = resolve(p)
    return u.province_code if u else None


# -- citations -----------------------------------------------------------------------------


def cited_keys(text: str) -> set[str]:
    """Distinct numbered documents the finder reports (canonical numbers)."""
    from builder.citations import find_citations

    return {c.number for c in find_citations(text) if c.number}


# -- the run -------------------------------------------------------------------------------


def evaluate(slugs: list[str] | None = None) -> dict:
    """Each file is imported into its own scratch project (as an editor would, into a repository)."""
    rows = [r for r in manifest() if not slugs or any(s in r["slug"] for s in slugs)]
    g = gold()
    per = [measure_one(row, (g.get("documents") or {}).get(row["slug"], {})) for row in rows]
    return {"files": per, "summary": summarise(per)}


def measure_one(row: dict, gd: dict) -> dict:
    root = scratch_project()
    try:
        return _measure(row, gd, root)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def _measure(row: dict, gd: dict, root: Path) -> dict:
    r = import_one(row, root)
    f = r.front
    dec = f.get("issued_by_decision") or {}
    e: dict = {
        "slug": row["slug"],
        "format": row["format"].split()[0],
        "rc": r.rc,
        "traceback": bool(r.error),
        "seconds": round(r.seconds, 2),
    }
    if refused_expected(row):
        e["refused_ok"] = r.rc not in (0, None) and not r.error and r.report.startswith("Lỗi")
        return e
    if r.rc != 0:
        e["refused_wrongly"] = True
        e["error"] = (r.error or r.report)[-300:]
        return e
    diags = validate_all(root)
    rel = r.path.relative_to(root).as_posix() if r.path else ""
    e["number_ok"] = (f.get("number") or dec.get("number")) == expected_number(row)
    got_date = f.get("issued") or dec.get("issued")
    e["date_ok"] = (str(got_date) if got_date else None) == expected_date(row)
    ag = agency(root, f.get("issuer"))
    want_issuer = gd.get("issuer") or row["issuer"]
    wants = want_issuer if isinstance(want_issuer, list) else [want_issuer]
    names = [ag.get("name", ""), ag.get("short_name") or "", *(ag.get("aliases") or [])] if ag else []
    e["issuer_ok"] = bool({norm_name(x) for x in names if x} & {norm_name(x) for x in wants})
    e["issuer"] = f.get("issuer")
    want_p = expected_province(row)
    got_p = province_of(ag)
    if f.get("issuer") == "chua-xac-dinh" or not ag:
        e["issuer_safe"] = True
    elif want_p == "central":
        e["issuer_safe"] = ag.get("level") == "trung-uong" or (got_p is None and ag.get("level") == "khac")
    elif want_p is None:
        e["issuer_safe"] = got_p is None  # a pre-2025 province: never a current one
    else:
        e["issuer_safe"] = got_p == want_p
    own = diags.get(rel, [])
    created = set(re.findall(r"content/(?:co-quan|van-ban)/[\w.-]+\.md", r.report))
    stub_errors = [d for fpath in created for d in diags.get(fpath, []) if d.severity == "error"]
    e["validates"] = not any(d.severity == "error" for d in own) and not stub_errors
    reported = must_fill_reported(r.report)
    # the report names what validate flags (validate stops at the first missing field, so it may
    # name fewer), and once the editor fills the named fields the draft validates
    e["must_fill_agrees"] = validator_fields(own) <= reported and e["validates"] == (not reported)
    if reported and validator_fields(own) <= reported and r.path:
        fill_reported(r.path, reported)
        again = validate_all(root)
        e["must_fill_agrees"] = not any(d.severity == "error" for d in again.get(rel, []))
    src_text = (
        (CORPUS / row["file"]).read_text(encoding="utf-8") if row["file"].startswith("texts/") else None
    )
    src_lines = source_lines(row)
    k, n = kept_in_place(src_lines, r.draft)
    e["words"], e["kept"] = n, k
    if "title" in gd:
        e["title_ok"] = norm_title(f.get("title", "")) == norm_title(gd["title"])
    if "signer" in gd:
        e["signer_ok"] = ((f.get("signer") or {}).get("name") or None) == gd["signer"]
    if "recipients" in gd:
        e["recipients_ok"] = len(f.get("recipients") or []) == gd["recipients"]
    if "tasks" in gd:
        e["tasks_ok"] = len(f.get("tasks") or []) == gd["tasks"]
    if "citations" in gd and src_text is not None:
        found = cited_keys("\n".join(src_lines))
        want = set(gd["citations"])
        e["cit_tp"], e["cit_fp"], e["cit_fn"] = len(found & want), sorted(found - want), sorted(want - found)
    return e


def _share(per: list[dict], key: str) -> tuple[int, int]:
    xs = [e[key] for e in per if key in e]
    return sum(1 for x in xs if x), len(xs)


def summarise(per: list[dict]) -> dict:
    s: dict = {}
    for key in (
        "number_ok",
        "date_ok",
        "issuer_ok",
        "issuer_safe",
        "title_ok",
        "signer_ok",
        "recipients_ok",
        "tasks_ok",
        "validates",
        "must_fill_agrees",
        "refused_ok",
    ):
        s[key] = _share(per, key)
    s["tracebacks"] = sum(1 for e in per if e.get("traceback"))
    s["refused_wrongly"] = sum(1 for e in per if e.get("refused_wrongly"))
    words = [(e["kept"], e["words"]) for e in per if e.get("words")]
    s["words_kept"] = (sum(k for k, _ in words), sum(n for _, n in words))
    s["words_kept_min"] = min((k / n for k, n in words), default=1.0)
    s["below_97"] = sorted(e["slug"] for e in per if e.get("words") and e["kept"] / e["words"] < 0.97)
    tp = sum(e.get("cit_tp", 0) for e in per)
    fp = sum(len(e.get("cit_fp", [])) for e in per)
    fn = sum(len(e.get("cit_fn", [])) for e in per)
    s["citations"] = {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }
    return s


LABELS = [
    ("number_ok", "Số, ký hiệu (as printed, or none invented)"),
    ("date_ok", "Ngày ban hành (as printed, or none)"),
    ("issuer_ok", "Cơ quan ban hành (name)"),
    ("title_ok", "Trích yếu (gold)"),
    ("signer_ok", "Người ký (gold)"),
    ("recipients_ok", "Số nơi nhận (gold)"),
    ("tasks_ok", "Số nhiệm vụ (gold)"),
    ("issuer_safe", "Issuer never of another province/organ"),
    ("validates", "Draft + stubs validate"),
    ("must_fill_agrees", "Report's must-fill = validator's errors"),
    ("refused_ok", "Scans refused with a reason"),
]


def section(data: dict | None) -> list[str]:
    """Markdown for BENCHMARKS.md."""
    if not data:
        return []
    s = data["summary"]
    k, n = s["words_kept"]
    c = s["citations"]
    lines = [
        "## Importer on the development corpus",
        "",
        f"`python -m bench.importer_eval` over the {len(data['files'])} files of `tests/data/corpus/` (crawls, DOCX, "
        "PDF); truth from its MANIFEST and the hand-checked `gold.yaml`. The importer was developed on these",
        "files: the figures show what it does on them, not a measure on unseen documents.",
        "",
        "| measure | right | of | share |",
        "|---|---:|---:|---:|",
    ]
    for key, label in LABELS:
        ok, tot = s[key]
        lines.append(f"| {label} | {ok} | {tot} | {ok / tot:.1%} |" if tot else f"| {label} | — | 0 | — |")
    lines += [
        f"| Words kept in place | {k:,} | {n:,} | {k / n:.2%} (lowest file {s['words_kept_min']:.1%}) |"
        if n
        else "",
        f"| Citations (gold files): precision / recall | {c['tp']} | {c['tp'] + c['fp']} / {c['tp'] + c['fn']} | "
        + (f"{c['precision']:.1%} / {c['recall']:.1%} |" if c["precision"] is not None else "— |"),
        "",
        f"Tracebacks: {s['tracebacks']}. Real documents refused: {s['refused_wrongly']}.",
        "",
    ]
    return [x for x in lines if x is not None]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("slugs", nargs="*")
    ap.add_argument("--json", help="write every measure to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    a = ap.parse_args(argv)
    data = evaluate(a.slugs)
    if a.verbose:
        for e in data["files"]:
            bad = [k[:-3] for k, v in e.items() if k.endswith("_ok") and v is False]
            if e.get("issuer_safe") is False:
                bad.append("ISSUER-UNSAFE")
            if e.get("validates") is False:
                bad.append("invalid")
            if e.get("must_fill_agrees") is False:
                bad.append("must-fill")
            if e.get("traceback"):
                bad.append("TRACEBACK")
            kept = f"{e['kept'] / e['words']:.1%}" if e.get("words") else "—"
            extra = (
                f" cit-fp={e.get('cit_fp')} cit-fn={e.get('cit_fn')}"
                if e.get("cit_fp") or e.get("cit_fn")
                else ""
            )
            print(f"{e['slug'][:48]:48} {e['format']:5} kept={kept:>6} {' '.join(bad)}{extra}")
    print("\n".join(section(data)))
    if a.json:
        Path(a.json).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
