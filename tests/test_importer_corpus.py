"""Properties that hold for any correct import of any real document, checked on every file of the
development corpus (tests/data/corpus: crawls of 21 provinces and central organs, real DOCX and PDF).

Truth comes from the corpus's own MANIFEST (number and date as printed, province, features) and from
the hand-checked gold (tests/data/corpus/gold.yaml) — never from the importer's output. The shared
measures (words kept in place, the document part of a crawled page, a source read without the
importer) live in bench/importer_eval.py, which also prints the figures for `make bench`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bench import importer_eval as ev
from builder.base.text import nfc
from builder.citations import find_citations
from builder.cli import main
from builder.content.keys import canonical_number
from builder.importer.readers import read_lines

ROWS = ev.manifest()
GOLD = ev.gold().get("documents", {})
IDS = [r["slug"] for r in ROWS]
TEXTS = [r["slug"] for r in ROWS if not ev.refused_expected(r)]  # every file but the two scans


@pytest.fixture(scope="module")
def imported() -> dict[str, dict]:
    """Every file imported with the real command into its own scratch project, then validated."""
    out: dict[str, dict] = {}
    for row in ROWS:
        root = ev.scratch_project()
        try:
            r = ev.import_one(row, root)
            res: dict = {"rc": r.rc, "error": r.error, "report": r.report, "draft": r.draft, "front": r.front}
            if r.path is not None:
                diags = ev.validate_all(root)
                rel = r.path.relative_to(root).as_posix()
                created = set(re.findall(r"content/(?:co-quan|van-ban)/[\w.-]+\.md", r.report))
                res["errors"] = [d for d in diags.get(rel, []) if d.severity == "error"]
                res["stub_errors"] = [d for f in created for d in diags.get(f, []) if d.severity == "error"]
                res["agency"] = ev.agency(root, r.front.get("issuer"))
                reported = ev.must_fill_reported(r.report)
                res["reported"] = reported
                if reported:
                    ev.fill_reported(r.path, reported)
                    again = ev.validate_all(root)
                    res["errors_after_filling"] = [d for d in again.get(rel, []) if d.severity == "error"]
            out[row["slug"]] = res
        finally:
            shutil.rmtree(root.parent, ignore_errors=True)
    return out


def _row(slug: str) -> dict:
    return next(r for r in ROWS if r["slug"] == slug)


@pytest.mark.parametrize("slug", IDS)
def test_imports_without_traceback_and_refuses_only_scans(slug: str, imported) -> None:
    r, row = imported[slug], _row(slug)
    assert not r["error"], r["error"]
    if ev.refused_expected(row):
        # a scan: a clear refusal, in Vietnamese, that says what to do — never an empty or garbled plan
        assert r["rc"] == 1 and r["report"].startswith("Lỗi") and "OCR" in r["report"] and not r["draft"]
    else:
        assert r["rc"] == 0, r["report"][-500:]


def _imported_ok(slug: str, imported) -> dict:
    r = imported[slug]
    assert r["rc"] == 0, r["report"][-500:]
    return r


@pytest.mark.parametrize("slug", TEXTS)
def test_draft_validates_or_the_report_names_the_fields(slug: str, imported) -> None:
    r = _imported_ok(slug, imported)
    assert not r["stub_errors"], [d.as_text() for d in r["stub_errors"]]
    flagged = ev.validator_fields(r["errors"])
    if not r["reported"]:
        assert not r["errors"], [d.as_text() for d in r["errors"]]
    else:
        # validate names (a subset of) the same fields — it stops at the first missing one — and once
        # the editor fills the fields the report names, the draft validates
        assert flagged and flagged <= r["reported"], (flagged, r["reported"])
        assert not r["errors_after_filling"], [d.as_text() for d in r["errors_after_filling"]]


@pytest.mark.parametrize("slug", TEXTS)
def test_words_are_kept_in_place(slug: str, imported) -> None:
    r = _imported_ok(slug, imported)
    kept, total = ev.kept_in_place(ev.source_lines(_row(slug)), r["draft"])
    assert total > 100 and kept / total >= 0.97, f"{kept}/{total} = {kept / total:.3f}"


@pytest.mark.parametrize("slug", TEXTS)
def test_number_and_date_as_printed_never_invented(slug: str, imported) -> None:
    r, row = _imported_ok(slug, imported), _row(slug)
    f = r["front"]
    dec = f.get("issued_by_decision") or {}
    number = f.get("number") or dec.get("number")
    issued = f.get("issued") or dec.get("issued")
    assert number == ev.expected_number(row)  # None when printed blank ("/KH-UBND") or not printed
    assert (str(issued) if issued else None) == ev.expected_date(row)


@pytest.mark.parametrize("slug", TEXTS)
def test_issuer_never_of_another_province_or_organ(slug: str, imported) -> None:
    r, row = _imported_ok(slug, imported), _row(slug)
    ag = r["agency"]
    if r["front"].get("issuer") == "chua-xac-dinh":
        assert "CHƯA XÁC ĐỊNH" in r["report"]  # honestly unknown, and said so
        return
    want = ev.expected_province(row)
    got = ev.province_of(ag)
    if want == "central":
        assert ag.get("level") == "trung-uong" or (got is None and ag.get("level") == "khac"), ag
    elif want is None:  # a province that no longer exists (Bình Thuận): never a current one
        assert got is None, ag
    else:
        assert got == want, (ag, row["province"])


@pytest.mark.parametrize("slug", TEXTS)
def test_recipients_found_when_printed(slug: str, imported) -> None:
    r, row = _imported_ok(slug, imported), _row(slug)
    text = "\n".join(ev.source_lines(row))
    printed = re.search(r"N[ơo]i\s+nh[ậa]n\s*_*\**\s*:", text) and "no-noi-nhan" not in row["features"]
    if printed:
        recipients = r["front"].get("recipients") or []
        assert recipients and any(re.search(r"\bLưu\b", x) for x in recipients), recipients


NOT_TASKS = ("appendix-data-table", "appendix-forms", "appendix-schedule-table")
TASK_TABLES = ("appendix-task-table", "task-tables-in-body")


@pytest.mark.parametrize(
    "slug",
    [
        r["slug"]
        for r in ROWS
        if any(k in r["features"] for k in NOT_TASKS) and not any(k in r["features"] for k in TASK_TABLES)
    ],
)
def test_data_tables_forms_and_schedules_give_no_tasks(slug: str, imported) -> None:
    """Their rows stay text (a Markdown table in the body) and no task is made of them."""
    r = _imported_ok(slug, imported)
    body = r["draft"].split("---\n", 2)[2]
    rows = [line for line in body.split("\n") if line.startswith("| ")]
    assert rows, "the table is in the body"
    cells = {_norm(c) for line in rows for c in re.split(r"(?<!\\)\|", line) if len(c.strip()) > 3}
    names = [t["name"] for t in r["front"].get("tasks") or []]
    assert not [n for n in names if _norm(n) in cells], names


_AGENCY = re.compile(
    r"^(?:[-–+]\s*)?(?!Ban\s+hành|Báo\s+cáo|Hội\s+nghị|Trường\s+hợp)(?:Sở|Ban|Bộ|Ủy\s+ban|UBND|Văn\s+phòng|Công\s+an|Trung\s+tâm|Các|Cục|Chi\s+cục|Phòng|Thanh\s+tra|"
    r"Báo|Đài|Hội|Tỉnh|Thành|Lãnh\s+đạo|Đảng|Kho\s+bạc|Bảo\s+hiểm|Ngân\s+hàng|Liên|Viện|Trường|Tòa)",
    re.I,
)


@pytest.mark.parametrize(
    "slug",
    [r["slug"] for r in ROWS if any(k in r["features"] for k in TASK_TABLES)],
)
def test_task_tables_give_tasks_from_their_columns(slug: str, imported) -> None:
    r = _imported_ok(slug, imported)
    tasks = r["front"].get("tasks") or []
    assert len(tasks) >= 5
    # the lead comes from the lead column: an agency, not a task's wording or a date
    leads = [t.get("lead", "") for t in tasks]
    assert sum(1 for x in leads if _AGENCY.match(x)) >= 0.9 * len(tasks), leads
    assert all(t["name"] and not _AGENCY.fullmatch(t["name"]) for t in tasks)
    # deadlines come from the time column: never an agency
    dues = [t["due"] for t in tasks if t.get("due")]
    assert not any(_AGENCY.match(x) for x in dues), dues
    # table separators never leak into the data
    assert not any("|" in v for t in tasks for v in t.values() if isinstance(v, str))


@pytest.mark.parametrize(
    "slug",
    [s for s, g in GOLD.items() if any(k in g for k in ("title", "signer", "recipients", "tasks", "issuer"))],
)
def test_hand_checked_fields(slug: str, imported) -> None:
    r, g = _imported_ok(slug, imported), GOLD[slug]
    f = r["front"]
    if "title" in g:
        assert ev.norm_title(f.get("title", "")) == ev.norm_title(g["title"])
    if "signer" in g:
        assert (f.get("signer") or {}).get("name") == g["signer"]
    if "recipients" in g:
        assert len(f.get("recipients") or []) == g["recipients"]
    if "tasks" in g:
        assert len(f.get("tasks") or []) == g["tasks"]
    if "issuer" in g:
        ag = r["agency"]
        names = {
            ev.norm_name(x)
            for x in [ag.get("name", ""), ag.get("short_name") or "", *(ag.get("aliases") or [])]
            if x
        }
        assert names & {ev.norm_name(x) for x in g["issuer"]}, ag


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\*|_", "", nfc(s))).casefold()


@pytest.mark.parametrize("slug", TEXTS)
def test_every_citation_found_is_in_the_text(slug: str) -> None:
    row = _row(slug)
    text = "\n".join(
        ev.document_lines((ev.CORPUS / row["file"]).read_text(encoding="utf-8"), row)
        if row["file"].startswith("texts/")
        else read_lines(ev.CORPUS / row["file"])
    )
    text = nfc(text)
    for c in find_citations(text):
        assert text[c.start : c.end] == c.text
        if c.number:
            span = _norm(text[c.id_start : c.id_end])
            number = _norm(canonical_number(c.number))
            if c.in_list and not span.startswith(number):
                # a number sharing its ký hiệu with the next one ("số 21, 22-NQ/TW")
                tail = number[len(span) :]
                assert number.startswith(span) and tail in _norm(text[c.id_end : c.id_end + 200]), (
                    c.text,
                    c.number,
                )
            else:
                assert span == number, (c.text, c.number)


@pytest.mark.parametrize("slug", [s for s, g in GOLD.items() if "citations" in g])
def test_citations_against_the_hand_checked_list(slug: str) -> None:
    row = _row(slug)
    found = ev.cited_keys("\n".join(ev.source_lines(row)))
    assert found == set(GOLD[slug]["citations"]), (
        sorted(found - set(GOLD[slug]["citations"])),
        sorted(set(GOLD[slug]["citations"]) - found),
    )


# -- a real DOCX imports to the same front-matter as its text ---------------------------------

SAME = ("title", "issuer", "place", "signer", "recipients", "period", "status")


def _front(path: Path, project: Path, name: str) -> dict:
    out = project / "content" / "ke-hoach" / "2025" / f"{name}.md"
    assert main(["--project", str(project), "import", str(path), "-o", str(out)]) == 0
    return yaml.safe_load(out.read_text(encoding="utf-8").split("---\n", 2)[1])


def _docx_as_text(path: Path) -> str:
    """What Word gives when the document is saved as plain text: one line per paragraph; a layout
    table's cells one after the other (left cell, then right); a data table one row per line, its
    cells separated by tabs."""
    from builder.importer.layout import Table
    from builder.importer.readers import read

    lines: list[str] = []
    for it in read(path).items:
        if isinstance(it, Table) and it.ncols <= 2:
            lines += [x for row in it.rows for cell in row for x in cell.split("\n")]
        elif isinstance(it, Table):
            lines += ["\t".join(" ".join(c.split()) for c in row) for row in it.rows]
        else:
            lines.append(it)
    return "\n".join(lines)


@pytest.mark.parametrize("slug", [r["slug"] for r in ROWS if r["file"].endswith(".docx")])
def test_docx_imports_like_its_text(slug: str, tmp_path: Path) -> None:
    project = ev.scratch_project()
    try:
        src = ev.CORPUS / _row(slug)["file"]
        txt = tmp_path / "van-ban.txt"
        txt.write_text(_docx_as_text(src), encoding="utf-8")
        a, b = _front(src, project, "docx"), _front(txt, project, "txt")
        for key in (*SAME, "number", "issued"):
            assert a.get(key) == b.get(key), key
        assert len(a.get("tasks") or []) == len(b.get("tasks") or [])
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)


def test_docx_draft_and_signed_pdf_agree() -> None:
    """The pre-signature DOCX of a report and the PDF later signed as 329/BC-UBND."""
    project = ev.scratch_project()
    try:
        docx = _front(
            ev.CORPUS / "docx" / "lam-dong-bc-2025-cchc-nam-2025-ban-trinh-ky.docx", project, "docx"
        )
        pdf = _front(ev.CORPUS / "pdf" / "lam-dong-bc-329-2025-cchc-nam-2025.pdf", project, "pdf")
        for key in ("title", "issuer", "place", "type"):
            assert docx.get(key) == pdf.get(key), key
        assert docx["signer"]["name"] == pdf["signer"]["name"]
        # the number and the day are given at signature: blank in the draft, printed once signed
        assert "number" not in docx and docx["status"] == "du-thao"
        assert (
            pdf["number"] == "329/BC-UBND"
            and str(pdf["issued"]) == "2025-12-19"
            and pdf["status"] == "ban-hanh"
        )
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)
