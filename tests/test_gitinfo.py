"""Git facts: first published, history with commit links, reference date; no git; shallow clones."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from builder.analysis import gitinfo
from builder.analysis.state import Derived
from builder.base import config
from builder.content import corpus as corpus_mod

MKDOCS = 'site_name: t\nsite_url: !ENV [SITE_URL, "https://congkhai.example.vn/"]\nrepo_url: "https://git.example.vn/ck"\n'


def _git(root: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.vn",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.vn",
    }
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def _commit(root: Path, files: dict[str, str], message: str, when: str) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        _git(root, "add", rel)
    _git(root, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _commit(root, {"mkdocs.yml": MKDOCS, "README.md": "x"}, "cấu hình", "2025-07-01T08:00:00+07:00")
    _commit(
        root,
        {"content/ke-hoach/2025/hòa-xuân.md": "a"},
        "Đăng kế hoạch phường Hòa Xuân",
        "2025-07-23T06:30:00+07:00",
    )
    _commit(
        root,
        {"content/ke-hoach/2025/hòa-xuân.md": "b", "content/co-quan/x.md": "c"},
        "Sửa lỗi chính tả",
        "2025-08-05T10:00:00+07:00",
    )
    _commit(root, {"README.md": "y"}, "docs only", "2025-09-30T10:00:00+07:00")  # not content/
    return root


def test_history_from_one_log(repo: Path) -> None:
    h = gitinfo.read_history(repo, config.read(repo).repo_url)
    assert h.available and not h.shallow and len(h.commit) == 40
    f = h.files["content/ke-hoach/2025/hòa-xuân.md"]  # non-ASCII path, not quoted by git
    assert f is h.files["ke-hoach/2025/hòa-xuân.md"]  # also under its content-relative path
    # 06:30 on 23/7 in Vietnam is 22/7 in UTC: the day shown is the one the editor lived
    assert f.first_published == "2025-07-23"
    assert f.last_modified == "2025-08-05"
    assert [e.message for e in f.history] == ["Sửa lỗi chính tả", "Đăng kế hoạch phường Hòa Xuân"]
    sha = _git(repo, "rev-parse", "HEAD~1").strip()
    assert f.history[0].url == f"https://git.example.vn/ck/commit/{sha}"
    assert f.history[0].sha == sha[: len(f.history[0].sha)]
    assert "README.md" not in h.files
    assert h.last_content_date == "2025-08-05"  # the docs-only commit does not move it


def test_reference_date_precedence(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert gitinfo.choose_reference(config.read(repo), "2025-08-05") == ("2025-08-05", "git")
    (repo / "mkdocs.yml").write_text(MKDOCS + "extra:\n  reference_date: 2025-10-01\n", encoding="utf-8")
    assert gitinfo.choose_reference(config.read(repo), "2025-08-05") == ("2025-10-01", "config")
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-12-31")
    assert gitinfo.choose_reference(config.read(repo), "2025-08-05") == ("2025-12-31", "env")


def test_analyze_fills_derived(repo: Path) -> None:
    c = corpus_mod.Corpus(root=repo, config=config.read(repo))
    d = Derived()
    gitinfo.analyze(c, d)
    g = d.git
    assert g.reference_date == "2025-08-05" and g.reference_source == "git"
    assert g.history_note_vi is None
    assert g.file("content/co-quan/x.md").first_published == "2025-08-05"


def test_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    root = tmp_path / "plain"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    c = corpus_mod.Corpus(root=root, config=config.read(root))
    d = Derived()
    gitinfo.analyze(c, d)
    g = d.git
    assert g.available is False and g.commit is None and g.files == {}
    assert g.reference_date is None
    assert "Không có lịch sử git" in g.history_note_vi


def test_shallow_clone_says_history_is_partial(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    h = gitinfo.read_history(clone, config.read(clone).repo_url)
    assert h.shallow is True
    # only the newest commit is there: the file looks first published later than it was
    assert h.files["content/ke-hoach/2025/hòa-xuân.md"].first_published == "2025-09-30"
    c = corpus_mod.Corpus(root=clone, config=config.read(clone))
    d = Derived()
    gitinfo.analyze(c, d)
    assert "không đầy đủ" in d.git.history_note_vi


def test_site_config_reads_env_tags(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.read(repo).site_url == "https://congkhai.example.vn/"
    monkeypatch.setenv("SITE_URL", "https://dan.example.vn/cong-khai")
    assert config.read(repo).site_url == "https://dan.example.vn/cong-khai/"


def test_project_mkdocs_yml_is_readable() -> None:
    from tests.conftest import ROOT

    cfg = config.read(ROOT)
    assert cfg.site_name == "Công khai" and cfg.site_url.startswith("http")


def test_one_git_log_call_for_many_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It must scale to thousands of files: the number of git calls does not grow with them."""
    _commit(
        repo,
        {f"content/van-ban/vb-{i}.md": str(i) for i in range(300)},
        "300 văn bản",
        "2025-10-01T08:00:00+07:00",
    )
    calls = []
    real = subprocess.run

    def spy(cmd, *a, **kw):
        calls.append(cmd)
        return real(cmd, *a, **kw)

    monkeypatch.setattr(gitinfo.subprocess, "run", spy)
    h = gitinfo.read_history(repo, config.read(repo).repo_url)
    assert sum(1 for k in h.files if k.startswith("content/van-ban/")) == 300
    assert len(calls) <= 2


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    top = tmp_path / "mono"
    top.mkdir()
    _git(top, "init", "-q", "-b", "main")
    _commit(
        top,
        {"site/mkdocs.yml": MKDOCS, "site/content/ke-hoach/2025/a.md": "a", "content/other.md": "x"},
        "đăng",
        "2025-07-23T09:00:00+07:00",
    )
    h = gitinfo.read_history(top / "site", config.read(top / "site").repo_url)
    assert set(h.files) == {"content/ke-hoach/2025/a.md", "ke-hoach/2025/a.md"}
