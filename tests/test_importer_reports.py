"""`congkhai import` of a progress report (Báo cáo) into content/bao-cao/: the plan it reports on
and the results it gives task by task, only where the text says so.

Two reports written in the genre about the seed ward plan (tests/data/reports/, made for these
tests: the real reports of the corpus report on plans that are not on this site), and the real
Báo cáo documents of tests/data/corpus/ (kind "báo cáo" in its MANIFEST)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from bench import importer_eval as ev
from builder import flow
from builder.cli import main
from builder.content import corpus as corpus_mod
from tests.conftest import DATA
from tests.factories import project

WARD_PLAN = "ubnd-phuong-hoa-xuan-2025-trien-khai-thuc-hien-dan-chu-o-co-so-cong-tac-dan-van-chinh"


def _import(root: Path, src: Path, out: str) -> tuple[int, str, dict, list]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = main(["--project", str(root), "import", str(src), "-o", str(root / out)])
    front: dict = {}
    if (root / out).exists():
        front = yaml.safe_load((root / out).read_text(encoding="utf-8").split("---\n", 2)[1]) or {}
    diags = [d for d in flow.run(corpus_mod.load(root), validate=False).diagnostics if d.file == out]
    return rc, err.getvalue(), front, diags


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return project(tmp_path / "p", templates=False)


def test_a_report_told_task_by_task(seeds: Path) -> None:
    out = "content/bao-cao/2025/bc-31.md"
    rc, report, front, diags = _import(seeds, DATA / "reports" / "bc-ket-qua-hoa-xuan.txt", out)
    assert rc == 0 and not [d for d in diags if d.severity == "error"], [d.as_text() for d in diags]
    assert (
        front["type"] == "Báo cáo"
        and front["number"] == "31/BC-UBND"
        and front["issuer"] == "ubnd-phuong-hoa-xuan"
    )
    # "Kết quả thực hiện Kế hoạch số 16/KH-UBND": the ward's plan, cited by that number
    assert front["reports_on"] == [WARD_PLAN]
    got = {r["task"]: r for r in front["results"]}
    assert {k: r["status"] for k, r in got.items()} == {
        "1": "hoan-thanh",
        "3": "dang-thuc-hien",  # the report's item 2 repeats the words of the plan's task 3
        "7": "chua-thuc-hien",
    }
    assert str(got["1"]["date"]) == "2025-07-21"  # "hoàn thành ngày 21/7/2025"
    assert got["7"]["note"] == "Chưa thực hiện do đang chờ hướng dẫn của thành phố."
    # item 4 (tín ngưỡng, tôn giáo) says no status: no result is made up for it
    assert "9" not in got and "tasks" not in front
    assert (
        "nhận ra 3/9 nhiệm vụ" in report
        and "PHẢI ĐIỀN trước khi đăng (congkhai validate sẽ báo lỗi): không có" in report
    )


def test_a_report_with_a_results_table(seeds: Path) -> None:
    out = "content/bao-cao/2025/bc-12.md"
    rc, _, front, diags = _import(seeds, DATA / "reports" / "bc-bang-ket-qua-hoa-xuan.txt", out)
    assert rc == 0 and not [d for d in diags if d.severity == "error"], [d.as_text() for d in diags]
    # "PHÒNG VĂN HÓA - XÃ HỘI" under "UBND PHƯỜNG HÒA XUÂN": the ward's unit (not a commune "Hội")
    assert front["issuer"] == "phong-van-hoa-xa-hoi-phuong-hoa-xuan"
    assert front["reports_on"] == [WARD_PLAN]
    assert [(r["task"], r["status"], r["note"]) for r in front["results"]] == [
        ("4", "hoan-thanh", "Đã cử 25 lượt cán bộ tham gia"),
        ("9", "dang-thuc-hien", "Theo dõi hằng tháng"),
    ]  # "Tổ chức hội thi tìm hiểu pháp luật" is no task of the plan: left out
    assert "note" not in front  # the unit leads the tasks it reports on


def test_a_report_imported_as_a_plan_says_where_it_belongs(seeds: Path) -> None:
    rc, report, front, _ = _import(
        seeds, DATA / "reports" / "bc-ket-qua-hoa-xuan.txt", "content/ke-hoach/2025/bc.md"
    )
    assert rc == 0 and "reports_on" not in front
    assert "-o content/bao-cao/<năm>/<tên>.md" in report


REPORTS = [r for r in ev.manifest() if r["kind"].startswith("báo cáo") and not ev.refused_expected(r)]


@pytest.mark.slow
@pytest.mark.parametrize("row", REPORTS, ids=[r["slug"] for r in REPORTS])
def test_real_reports_import_into_bao_cao(seeds: Path, row: dict) -> None:
    """The corpus' real reports: no traceback; the plan they report on is not on this site, so
    `reports_on` is what the editor must fill (never a plan of the site guessed), no result is
    made up, and what the validator flags is what the report says to fill."""
    out = f"content/bao-cao/2025/{row['slug']}.md"
    rc, report, front, diags = _import(seeds, ev.CORPUS / row["file"], out)
    assert rc == 0, report[-500:]
    assert front["type"] == "Báo cáo" and "tasks" not in front and "results" not in front
    assert not set(front.get("reports_on", [])) & {r.key for r in corpus_mod.load(seeds).plans}
    flagged = ev.validator_fields([d for d in diags if d.severity == "error"])
    flagged = {"reports_on" if f in ("CK110", "reports_on") else f for f in flagged}
    assert flagged <= ev.must_fill_reported(report) and "reports_on" in ev.must_fill_reported(report)


@pytest.mark.slow
def test_a_real_report_finds_the_plan_of_the_site_it_carries_out(seeds: Path) -> None:
    """BC 329/BC-UBND of Lâm Đồng reports on carrying out Kế hoạch số 213/KH-UBND (CCHC 2025): put
    that plan on the site and the import names it."""
    (seeds / "content/co-quan/ubnd-tinh-lam-dong.md").write_text(
        "---\nname: Ủy ban nhân dân tỉnh Lâm Đồng\nshort_name: UBND tỉnh Lâm Đồng\nlevel: tinh\nlocality: '68'\n---\n",
        encoding="utf-8",
    )
    plan = (
        "---\nnumber: 213/KH-UBND\nissued: 2025-07-15\nissuer: ubnd-tinh-lam-dong\n"
        "title: Cải cách hành chính nhà nước năm 2025\n---\n\nNội dung.\n"
    )
    (seeds / "content/ke-hoach/2025/kh-213-cchc.md").write_text(plan, encoding="utf-8")
    row = next(r for r in REPORTS if r["slug"] == "lam-dong-bc-329-2025-cchc-nam-2025")
    rc, report, front, diags = _import(seeds, ev.CORPUS / row["file"], "content/bao-cao/2025/bc-329.md")
    assert rc == 0 and front["reports_on"] == ["213/KH-UBND"] and front["issuer"] == "ubnd-tinh-lam-dong"
    assert "không có bảng nhiệm vụ" in report and "results" not in front
    assert not [d for d in diags if d.severity == "error"], [d.as_text() for d in diags]
