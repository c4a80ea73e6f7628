"""`congkhai registry check`: the registry's upkeep list, in Vietnamese, with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.cli import main
from tests.factories import MINIMAL_MKDOCS, ROOT, project

COMPLETE = (
    "---\nnumber: 59/2023/NĐ-CP\ntype: Nghị định\nissued: 2023-08-14\ntitle: quy định chi tiết\n"
    "status: còn hiệu lực\nstatus_as_of: '2025'\n"
    "sources:\n  - {facts: [number, issued, title, status], url: 'https://example.vn/59'}\n---\n"
)


def run(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--project", str(root), "registry", "check", *extra])
    return code, capsys.readouterr().out


def test_a_complete_registry_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(
        tmp_path / "p", content=None, files={"content/van-ban/59.md": COMPLETE}, mkdocs=MINIMAL_MKDOCS
    )
    code, out = run(root, capsys)
    assert code == 0
    assert "Mọi văn bản đã có trích yếu, ngày ban hành, tình trạng hiệu lực; mọi dữ kiện đều có nguồn." in out


def test_missing_facts_sources_and_inferences_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "content/van-ban/59.md": COMPLETE,
        "content/van-ban/01.md": "---\nnumber: 01/CT-UBND\ntype: Chỉ thị\neffective: 2025-01-01\n---\n",
        "content/van-ban/xiii.md": "---\nkey: nq-xiii\ntype: Nghị quyết\ntitle: Nghị quyết Đại hội\n"
        "issued: 2021-02-01\nstatus: còn hiệu lực\nsources:\n  - {facts: [title], where: kế hoạch}\n"
        "  - {facts: [issued, status], where: tin báo, confidence: suy-luan, what: ngày bế mạc Đại hội}\n---\n",
    }
    root = project(tmp_path / "p", content=None, files=files, mkdocs=MINIMAL_MKDOCS)
    code, out = run(root, capsys)
    assert code == 1
    assert "Danh mục văn bản: 3 văn bản." in out
    assert "Thiếu trích yếu (title) (1):\n  content/van-ban/01.md:1: 01/CT-UBND" in out
    assert "Thiếu ngày ban hành (issued) (1):" in out and "Thiếu tình trạng hiệu lực (status) (1):" in out
    assert "Dữ kiện chưa có nguồn (2):" in out
    assert "content/van-ban/01.md:2: 01/CT-UBND — số, ký hiệu (number)" in out
    assert "content/van-ban/01.md:4: 01/CT-UBND — ngày có hiệu lực (effective)" in out
    assert "Dữ kiện chỉ dựa trên suy luận (2):" in out
    assert "content/van-ban/xiii.md:5: nq-xiii — ngày ban hành (issued): ngày bế mạc Đại hội" in out
    code, out = run(root, capsys, "--format", "json")
    rows = json.loads(out)
    assert code == 1 and {r["kind"] for r in rows} == {
        "thieu-trich-yeu",
        "thieu-ngay",
        "thieu-tinh-trang",
        "chua-co-nguon",
        "suy-luan",
    }


def test_the_real_registry_lists_what_is_still_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(ROOT, capsys)
    assert code == 1  # 27 local documents nobody could find; that is the editors' work list
    assert "Dữ kiện chưa có nguồn" not in out  # every fact there has its source
    assert "content/van-ban/luat-tiep-cong-dan.md" in out.split("Dữ kiện chỉ dựa trên suy luận")[1]


def test_a_broken_entry_is_refused_not_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {"content/van-ban/x.md": "---\nnumber: 1/QĐ-UBND\ntype: Quyết định\nstatus_as_of: hôm qua\n---\n"}
    root = project(tmp_path / "p", content=None, files=files, mkdocs=MINIMAL_MKDOCS)
    code = main(["--project", str(root), "registry", "check"])
    err = capsys.readouterr().err
    assert code == 1 and "CK023" in err and "status_as_of" in err and "Traceback" not in err
