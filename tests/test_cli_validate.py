"""`congkhai validate` as editors and CI run it: exit codes, formats, file:line, speed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.refusals import HOSTILE_EDITS
from bench.refusals import apply as apply_edit
from tests.minicorpus import PLAN, PLAN_PATH, line_of, make_project

CLI = [sys.executable, "-m", "builder.cli"]


def congkhai(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_clean_project_exits_0(tmp_path: Path) -> None:
    r = congkhai("validate", cwd=make_project(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 lỗi" in r.stderr


def test_errors_exit_1_with_path_line_col(tmp_path: Path) -> None:
    text = PLAN.replace("title: Thực", "tittle: Thực")
    r = congkhai("validate", cwd=make_project(tmp_path, text))
    assert r.returncode == 1
    line = line_of(text, "tittle:")
    assert re.search(rf"^{re.escape(PLAN_PATH)}:{line}:\d+: error CK020 ", r.stdout, re.M), r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert congkhai("validate", "--format", "xml", cwd=root).returncode == 2
    assert congkhai("validate", "khong-co.md", cwd=root).returncode == 2
    assert congkhai("validate", cwd=tmp_path.parent).returncode == 2  # no project here


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    root = make_project(tmp_path, PLAN.replace("number: 12/KH-UBND\n", ""))
    assert congkhai("validate", cwd=root).returncode == 0
    assert congkhai("validate", "--strict", cwd=root).returncode == 1


def test_json_format(tmp_path: Path) -> None:
    root = make_project(tmp_path, PLAN.replace("issued: 2025-08-04", "issued: 2025-13-01"))
    r = congkhai("validate", "--format", "json", cwd=root)
    data = json.loads(r.stdout)
    assert r.returncode == 1
    assert {"file", "line", "column", "severity", "code", "message"} <= set(data[0])
    assert any(d["code"] == "CK023" and d["file"] == PLAN_PATH for d in data)


def test_github_format_annotations(tmp_path: Path) -> None:
    root = make_project(tmp_path, PLAN.replace("title: Thực", "tittle: Thực"))
    r = congkhai("validate", "--format", "github", cwd=root)
    assert re.search(rf"^::error file={re.escape(PLAN_PATH)},line=\d+,col=\d+,title=CK020::", r.stdout, re.M)


def test_paths_limit_the_report_to_those_files(tmp_path: Path) -> None:
    other = (
        PLAN.replace("number: 12/KH-UBND", "number: 13/KH-UBND")
        .replace("title: Thực", "tittle: Thực")
        .replace("UBND xã xây dựng", "Ủy ban nhân dân xã ban hành")
    )
    root = make_project(tmp_path, extra={"content/ke-hoach/2025/khac.md": other})
    assert congkhai("validate", PLAN_PATH, cwd=root).returncode == 0
    assert congkhai("validate", "content/ke-hoach/2025/khac.md", cwd=root).returncode == 1


def _real_plan(root: Path) -> Path:
    plans = sorted((root / "content" / "ke-hoach").rglob("*.md"))
    assert plans, "content/ke-hoach has no plans"
    return plans[0]


@pytest.mark.parametrize("name", list(HOSTILE_EDITS))
def test_real_plan_broken_edits_are_refused(project: Path, name: str) -> None:
    plan = _real_plan(project)
    apply_edit(plan, name)
    r = congkhai("validate", cwd=project)
    rel = plan.relative_to(project).as_posix()
    assert r.returncode == 1, f"{name}: {r.stdout}{r.stderr}"
    assert re.search(rf"^{re.escape(rel)}:\d+:\d+: error CK\d{{3}} ", r.stdout, re.M), r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    # The time each refusal takes is measured by `make bench` (bench/refusals.py), not asserted here.


def test_copy_of_a_real_plan_under_another_name(project: Path) -> None:
    plan = _real_plan(project)
    (plan.parent / "ban-sao.md").write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    r = congkhai("validate", cwd=project)
    assert r.returncode == 1
    assert "ban-sao.md:" in r.stdout


def test_all_content_validates(root: Path) -> None:
    """Every file in content/ validates: no errors (warnings are listed, not fatal)."""
    r = congkhai("validate", "--format", "json", cwd=root)
    errors = [d for d in json.loads(r.stdout or "[]") if d["severity"] == "error"]
    assert r.returncode == 0 and not errors, "\n".join(
        f"{d['file']}:{d['line']}: {d['code']} {d['message']}" for d in errors
    )


def test_fix_nfc_rewrites_decomposed_text(tmp_path: Path) -> None:
    import unicodedata

    root = make_project(tmp_path, unicodedata.normalize("NFD", PLAN))
    r = congkhai("validate", cwd=root)
    assert "CK003" in r.stdout and r.returncode == 0
    r = congkhai("validate", "--fix-nfc", cwd=root)
    assert "CK003" not in r.stdout
    assert unicodedata.is_normalized("NFC", (root / PLAN_PATH).read_text(encoding="utf-8"))
