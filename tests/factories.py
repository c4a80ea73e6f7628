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


def build(root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`congkhai build` of a project, in its own process (as an editor runs it)."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )


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
