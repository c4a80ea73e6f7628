"""One real build of the project's own content, shared by the tests of exports, feeds and notices.

The content, mkdocs.yml and overrides/ are copied to a temporary folder and committed there with a
fixed date, so git facts (first published, reference date 2025-08-04) are known; then the real
`congkhai build` runs once per test session.
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

from tests.conftest import ROOT

COMMIT_DATE = "2025-08-04T09:00:00+07:00"
REFERENCE_DATE = "2025-08-04"


@functools.cache
def built_site() -> Path:
    """The project folder of the build; its site is `<root>/site`."""
    tmp = Path(tempfile.mkdtemp(prefix="congkhai-site-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = tmp / "proj"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    env = {k: v for k, v in os.environ.items() if k not in ("CONGKHAI_TODAY", "SITE_URL", "REPO_URL")}
    genv = {
        **env,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.vn",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.vn",
        "GIT_AUTHOR_DATE": COMMIT_DATE,
        "GIT_COMMITTER_DATE": COMMIT_DATE,
    }
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Đăng các kế hoạch"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True, env=genv, capture_output=True)
    cli = Path(sys.executable).with_name("congkhai")
    res = subprocess.run([str(cli), "--project", str(root), "build"], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-3000:]
    return root
