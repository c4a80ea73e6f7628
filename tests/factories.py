"""Test projects, one way: `project()` makes a project folder, `commit()` dates its git history,
`real_site()` is the repository's own content built once per test session.

A project is what `congkhai` works on: mkdocs.yml, content/ and the templates (overrides/). By
default it is a copy of the repository's; a test passes its own files, an empty content/ or a
minimal mkdocs.yml when that is what it is about.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMIT_DATE = "2025-08-04T09:00:00+07:00"  # the real site's one commit: git facts are known
REFERENCE_DATE = "2025-08-04"  # and so is "today" for overdue tasks (the last content commit)
MINIMAL_MKDOCS = "site_name: Thử\n"  # enough for validation; no templates, so no site


def project(
    dst: Path,
    *,
    content: Path | None = ROOT / "content",
    files: dict[str, str] | None = None,
    mkdocs: str | None = None,
    templates: bool = True,
) -> Path:
    """A project folder at `dst`: content/ copied from `content` (None: empty), then `files`
    (project-relative path → text) written over it; mkdocs.yml is the repository's unless
    `mkdocs` gives its text; overrides/ is the repository's when `templates`."""
    dst.mkdir(parents=True, exist_ok=True)
    if mkdocs is None:
        shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    else:
        (dst / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    if content is not None:
        shutil.copytree(content, dst / "content", symlinks=True)
    else:
        (dst / "content").mkdir(exist_ok=True)
    if templates:
        shutil.copytree(ROOT / "overrides", dst / "overrides")
    for rel, text in (files or {}).items():
        path = dst / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dst


def git_env(when: str) -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.vn",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.vn",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }


def commit(root: Path, when: str, message: str = "Đăng các kế hoạch") -> Path:
    """Commit everything in `root` (a git repository from then on) at the date `when`."""
    env = git_env(when)
    if not (root / ".git").exists():
        subprocess.run(
            ["git", "-C", str(root), "init", "-q", "-b", "main"], check=True, env=env, capture_output=True
        )
    for cmd in (["add", "."], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True, env=env, capture_output=True)
    return root


def build(root: Path, env: dict[str, str] | None = None, *args: str) -> subprocess.CompletedProcess[str]:
    """`congkhai build [args]` of a project, in its own process (as an editor runs it)."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(root), "build", *args],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )


PUBLIC_URL = "https://congkhai.example.vn/"  # a public address for the publishing build


@functools.cache
def published_site() -> Path:
    """The repository's content built as the deploy workflow builds it (`congkhai build --publish`
    with SITE_URL set): notices with QR codes. Once per test session, like real_site()."""
    tmp = Path(tempfile.mkdtemp(prefix="congkhai-pub-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = commit(project(tmp / "proj"), COMMIT_DATE)
    env = {k: v for k, v in os.environ.items() if k not in ("CONGKHAI_TODAY", "REPO_URL")}
    res = build(root, {**env, "SITE_URL": PUBLIC_URL}, "--publish")
    assert res.returncode == 0, res.stderr[-3000:]
    return root


# Two progress reports on the seed plans, as an agency would publish them (test data only: no
# report is invented for the seed plans in content/). The reference date is 15/1/2026.
REPORTED_TODAY = "2026-01-15"
DAI_SON_PLAN = "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son"
DAI_SON_REPORT = f"""---
type: Báo cáo
number: 45/BC-UBND
issued: 2025-09-30
issuer: ubnd-xa-dai-son-hai-phong
place: Đại Sơn
title: Kết quả thực hiện công tác dân vận chính quyền quý III năm 2025
reports_on: {DAI_SON_PLAN}
results:
  - task: 2
    status: hoan-thanh
    date: 2025-09-03
    note: Đã ban hành kế hoạch tuyên truyền.
    evidence: https://daison.example.vn/ke-hoach-tuyen-truyen.pdf
  - task: 7
    status: hoan-thanh
    date: 2025-09-10
    note: Đã sửa đổi Quy chế dân chủ ở cơ sở.
  - task: 13
    status: dang-thuc-hien
    note: Đã có 12/20 cán bộ ký cam kết.
  - task: 10
    status: dang-thuc-hien
    date: 2025-09-25
    note: Đã tổ chức 1 hội nghị đối thoại.
---

Thực hiện Kế hoạch triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025, Ủy ban
nhân dân xã báo cáo kết quả quý III năm 2025 theo Nghị định số 59/2023/NĐ-CP như sau.
"""
HOA_XUAN_REPORT = """---
type: Báo cáo
number: 20/BC-VHXH
issued: 2025-07-31
issuer: phong-van-hoa-xa-hoi-phuong-hoa-xuan
title: Kết quả xây dựng kế hoạch dân chủ ở cơ sở 6 tháng cuối năm 2025
reports_on: 16/KH-UBND
results:
  - task: "1"
    status: hoan-thanh
    date: 2025-07-21
    note: Kế hoạch đã ban hành.
---

Báo cáo của Phòng Văn hóa - Xã hội.
"""
# A unit's own plan carrying out Đại Sơn's (which tells its offices to issue theirs).
DAI_SON_KEY = "ubnd-xa-dai-son-hai-phong-2025-trien-khai-thuc-hien-cong-tac-dan-van-chinh-quyen-6-thang-xa"
ECONOMY_PLAN = f"""---
issuer: phong-kinh-te-xa-dai-son
title: Thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 của Phòng Kinh tế
period: {{start: 2025-08-01, end: 2025-12-31}}
basis:
  - ref: {DAI_SON_KEY}
    relation: thuc-hien
---

Thực hiện Kế hoạch của Ủy ban nhân dân xã, Phòng Kinh tế xây dựng kế hoạch của phòng.
"""
REPORTS = {
    "content/bao-cao/2025/bc-45-dai-son-quy-3.md": DAI_SON_REPORT,
    "content/bao-cao/2025/bc-20-vhxh-hoa-xuan.md": HOA_XUAN_REPORT,
    "content/ke-hoach/2025/dan-van-phong-kinh-te-dai-son.md": ECONOMY_PLAN,
}


@functools.cache
def reported_site() -> Path:
    """A copy of the repository's content with two progress reports and one unit's plan carrying
    out Đại Sơn's (REPORTS), built once per session with CONGKHAI_TODAY=REPORTED_TODAY: tasks
    overdue, done, done late, in progress; one of three offices with its own plan."""
    tmp = Path(tempfile.mkdtemp(prefix="congkhai-reports-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = commit(project(tmp / "proj", files=REPORTS), COMMIT_DATE)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    res = build(root, {**env, "CONGKHAI_TODAY": REPORTED_TODAY})
    assert res.returncode == 0, res.stderr[-3000:]
    return root


@functools.cache
def real_site() -> Path:
    """The repository's content, committed at COMMIT_DATE and built once per test session with
    the real `congkhai build` (no CONGKHAI_TODAY, no SITE_URL). Its site is `<root>/site`."""
    tmp = Path(tempfile.mkdtemp(prefix="congkhai-site-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = commit(project(tmp / "proj"), COMMIT_DATE)
    env = {k: v for k, v in os.environ.items() if k not in ("CONGKHAI_TODAY", "SITE_URL", "REPO_URL")}
    res = build(root, env)
    assert res.returncode == 0, res.stderr[-3000:]
    return root
