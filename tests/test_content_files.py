"""Content is files, never links (probe D1, S08/S09/S39/S42, A3/A4/A9).

A symlink anywhere under content/ is a CK004 error at the link's own path; nothing it points at
is read, staged or published, even when validation is skipped; only the files of content/tep/
that content references are published (others: CK062 warning); `validate --fix-nfc` never writes
through a link.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.minicorpus import PLAN, PLAN_PATH, make_project

CLI = [sys.executable, "-m", "builder.cli"]
SECRET = "AUTHORIZATION: basic SECRET-TOKEN-XYZ"


def congkhai(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def diags(root: Path) -> list[dict]:
    r = congkhai(root, "validate", "--format", "json")
    assert "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout or "[]")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj", buildable=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f'[http "https://github.com/"]\n\textraheader = {SECRET}\n')
    (root / "content" / "tep").mkdir()
    return root


def _ck004(ds: list[dict]) -> set[str]:
    return {d["file"] for d in ds if d["code"] == "CK004" and d["severity"] == "error"}


def test_links_to_secrets_are_refused_at_their_own_path(proj: Path) -> None:
    os.symlink("../../.git/config", proj / "content/tep/cfg.txt")
    os.symlink("/proc/self/environ", proj / "content/tep/env.txt")
    ds = diags(proj)
    assert _ck004(ds) == {"content/tep/cfg.txt", "content/tep/env.txt"}
    msg = next(d["message"] for d in ds if d["file"] == "content/tep/cfg.txt")
    assert "liên kết tượng trưng" in msg and "../../.git/config" in msg
    r = congkhai(proj, "build", env={"CI_SECRET": "hunter2"})
    assert r.returncode == 1 and "Không dựng trang" in r.stderr and "Traceback" not in r.stderr
    assert not (proj / "site").exists()


def test_a_linked_home_page_or_plan_is_never_read(proj: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(PLAN.replace("12/KH-UBND", "99/KH-UBND"), encoding="utf-8")
    (proj / "content/index.md").unlink()
    os.symlink("/etc/passwd", proj / "content/index.md")
    os.symlink(outside, proj / "content/ke-hoach/2025/ngoai.md")
    from builder.content import corpus

    c = corpus.load(proj)
    assert {d.file for d in c.diagnostics if d.code == "CK004"} == {
        "content/index.md",
        "content/ke-hoach/2025/ngoai.md",
    }
    assert [r.path for r in c.plans] == [PLAN_PATH]  # the linked plan is not loaded
    assert c.pages == []  # nor the linked home page


def test_a_link_to_a_folder_above_does_not_hang(proj: Path) -> None:
    os.symlink("../../..", proj / "content/tep/up")
    os.symlink(".", proj / "content/tep/loop")
    assert _ck004(diags(proj)) == {"content/tep/up", "content/tep/loop"}


def test_a_link_instead_of_the_content_folder_is_refused(tmp_path: Path) -> None:
    real = make_project(tmp_path / "real")
    root = tmp_path / "proj"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Thử\n")
    os.symlink(real / "content", root / "content")
    assert _ck004(diags(root)) == {"content"}


def test_a_fifo_is_refused_without_blocking(proj: Path) -> None:
    os.mkfifo(proj / "content/tep/pipe.pdf")
    assert _ck004(diags(proj)) == {"content/tep/pipe.pdf"}


def test_nothing_outside_content_is_staged_even_unvalidated(proj: Path) -> None:
    """The rendering path alone (no validator) stages no linked file and no unreferenced one."""
    from builder import flow
    from builder.content import corpus

    os.symlink("../../.git/config", proj / "content/tep/cfg.txt")
    os.symlink("../../../.git", proj / "content/tep/git")
    (proj / "content/tep/rieng.txt").write_text("không ai dẫn tới tệp này")
    (proj / "content/tep/ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    (proj / "content/tep/so-do.png").write_bytes(b"\x89PNG\r\n")
    plan = PLAN.replace(
        "tasks:\n", "attachments:\n  - file: ../../tep/ke-hoach.pdf\n    title: Bản ký\ntasks:\n", 1
    )
    plan = plan.replace("Trên đây là", "![Sơ đồ](../../tep/so-do.png)\n\nTrên đây là")
    (proj / PLAN_PATH).write_text(plan, encoding="utf-8")
    c = corpus.load(proj)
    docs = flow.stage(c, flow.run(c, validate=False))
    staged = sorted(p.relative_to(docs).as_posix() for p in (docs / "tep").rglob("*"))
    assert staged == ["tep/ke-hoach.pdf", "tep/so-do.png"]
    everything = "".join(p.read_text("utf-8", "replace") for p in docs.rglob("*") if p.is_file())
    assert SECRET not in everything


def test_unreferenced_files_in_tep_are_a_warning(proj: Path) -> None:
    (proj / "content/tep/rieng.txt").write_text("x")
    (proj / "content/tep/.gitkeep").write_text("")
    ds = [d for d in diags(proj) if d["code"] == "CK062"]
    assert [(d["file"], d["severity"]) for d in ds] == [("content/tep/rieng.txt", "warning")]


def test_fix_nfc_never_writes_through_a_link(proj: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside-nfd.md"
    nfd = unicodedata.normalize("NFD", PLAN.replace("12/KH-UBND", "13/KH-UBND"))
    outside.write_text(nfd, encoding="utf-8")
    before = outside.read_bytes()
    os.symlink(outside, proj / "content/ke-hoach/2025/ngoai.md")
    own = proj / "content/ke-hoach/2025/nfd.md"
    own.write_text(unicodedata.normalize("NFD", PLAN.replace("12/KH-UBND", "14/KH-UBND")), encoding="utf-8")
    r = congkhai(proj, "validate", "--fix-nfc")
    assert "Traceback" not in r.stderr
    assert outside.read_bytes() == before  # the file outside the project is untouched
    assert (proj / "content/ke-hoach/2025/ngoai.md").is_symlink()
    assert unicodedata.is_normalized("NFC", own.read_text(encoding="utf-8"))  # a real file is fixed
    r = congkhai(proj, "validate", "--fix-nfc", "content/ke-hoach/2025/ngoai.md")
    assert r.returncode == 2 and "ngoài dự án" in r.stderr  # the link resolves outside: refused
    assert outside.read_bytes() == before


def test_new_never_writes_through_a_dangling_link(proj: Path, tmp_path: Path) -> None:
    target = tmp_path / "outside" / "victim.md"
    os.symlink(target, proj / "content/ke-hoach/2025/moi.md")  # dangling: exists() is False
    r = congkhai(proj, "new", "-o", "content/ke-hoach/2025/moi.md")
    assert r.returncode == 1 and "đã có" in r.stderr
    assert not target.exists() and not target.parent.exists()


def test_fix_nfc_on_a_read_only_file_says_so(proj: Path, monkeypatch, capsys) -> None:
    import errno

    from builder import cli
    from builder.content import files

    own = proj / "content/ke-hoach/2025/nfd.md"
    own.write_text(unicodedata.normalize("NFD", PLAN.replace("12/KH-UBND", "14/KH-UBND")), encoding="utf-8")

    def read_only(root, rel, text):
        raise OSError(errno.EROFS, "Read-only file system", rel)

    monkeypatch.setattr(files, "write_text_in_place", read_only)
    rc = cli.main(["--project", str(proj), "validate", "--fix-nfc"])
    err = capsys.readouterr().err
    assert rc in (0, 1) and "Traceback" not in err  # validation goes on after the message
    assert "Không ghi được “content/ke-hoach/2025/nfd.md”: thư mục chỉ cho phép đọc" in err
