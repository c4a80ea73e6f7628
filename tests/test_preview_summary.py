"""The pull request's preview summary (.ci/preview_summary.py, `make preview-summary`) as a reviewer reads it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "preview_summary.py"
PLANS = "content/ke-hoach/2025"
DAI_SON = f"{PLANS}/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son.md"
CAN_THO = f"{PLANS}/quy-che-dan-chu-dan-van-2025-van-phong-ubnd-can-tho.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


def _git(proj: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(proj), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


@pytest.fixture
def repo(project: Path) -> Path:
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    return project


def _summary(proj: Path, site: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    args = [sys.executable, str(SCRIPT), "--project", str(proj), "--base", "main"]
    r = subprocess.run(
        [*args, "--site", str(site)] if site else args,
        capture_output=True,
        text=True,
        env=env,
        cwd=proj,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def _validator_counts(proj: Path) -> tuple[int, int]:
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(proj), "validate"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    m = re.search(r"(\d+) lỗi, (\d+) cảnh báo", r.stderr)
    assert m, r.stderr
    return int(m.group(1)), int(m.group(2))


def test_no_content_change(repo: Path) -> None:
    out = _summary(repo)
    assert out.startswith("<!-- congkhai-preview -->\n")
    assert "không thay đổi nội dung" in out
    errors, warnings = _validator_counts(repo)
    assert f"**{errors} lỗi, {warnings} cảnh báo**" in out


def test_changed_plans_with_hostile_title(repo: Path) -> None:
    _git(repo, "switch", "-q", "-c", "pr")
    plan = repo / DAI_SON
    hostile = "<img src=x onerror=alert(1)> @octocat [bấm](https://evil.example) | # Tiêu đề"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        re.sub(r'^title: ".*"$', f"title: '{hostile}'", text, count=1, flags=re.M), encoding="utf-8"
    )
    (repo / CAN_THO).unlink()
    _git(repo, "commit", "-q", "-am", "pr")
    site = repo / "site"
    (site / "ke-hoach" / "2025").mkdir(parents=True)  # a site without the changed page
    out = _summary(repo, site)

    assert "Nội dung thay đổi: 2 kế hoạch." in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "content/" in line]
    assert len(rows) == 2
    changed = next(r for r in rows if DAI_SON in r)
    assert changed.startswith("| sửa | ") and "(chưa có trang)" in changed
    assert "`ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/`" in changed
    # the title is shown, but as inert text: no tag, link, mention, heading or extra table cell
    assert not re.search(r"(?<!\\)(<img|\]\(https)", out) and "@octocat" not in out
    assert "@\u200boctocat" in changed and "\\<img" in changed and "\\| \\# Tiêu đề" in changed
    assert changed.count(" | ") == 3  # four cells, as in the header
    deleted = next(r for r in rows if CAN_THO in r)
    assert deleted.startswith("| xóa | ") and deleted.endswith("| — | — |")
    errors, warnings = _validator_counts(repo)
    assert f"**{errors} lỗi, {warnings} cảnh báo**" in out
    assert "Trên các tệp thay đổi:" in out and f"`{DAI_SON}:1`" in out  # its own warnings are listed


def test_a_link_in_content_is_not_read(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text('---\ntitle: "BÍ MẬT CỦA MÁY"\n---\n', encoding="utf-8")
    _git(repo, "switch", "-q", "-c", "pr")
    (repo / PLANS / "lien-ket.md").symlink_to(secret)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "link")
    out = _summary(repo)
    assert "BÍ MẬT" not in out
    row = next(line for line in out.splitlines() if "lien-ket.md" in line)
    assert row.startswith("| thêm | ") and "liên kết, không phải tệp" in row


def test_make_target_needs_a_base() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "BASE")}
    r = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "preview-summary"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0 and "BASE=" in r.stderr
