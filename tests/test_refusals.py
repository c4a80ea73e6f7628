"""Every refusal ends the same way, end to end through `cli.main`: its Vietnamese message, its exit
code, no traceback, and the previously published site/ left byte-identical.

Exit codes (builder/errors.py): 1 refused, 2 usage, 3 the machine (disk full…).
"""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from builder import cli
from tests.minicorpus import PLAN, PLAN_PATH, make_project

ROOT = Path(__file__).resolve().parents[1]


def buildable(tmp: Path, plan: str = PLAN) -> Path:
    """The small test project with the real site configuration and templates."""
    return make_project(tmp / "proj", plan, buildable=True)


def tree(folder: Path) -> dict[str, str]:
    """Every file under folder with its sha256: equal trees are byte-identical."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    rc = cli.main(list(args))
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text, text
    return rc, text


@pytest.fixture
def published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, str]]:
    """A project whose site/ was built once successfully, and that site's tree."""
    root = buildable(tmp_path)
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 0, text
    return root, tree(root / "site")


def _edit_plan(root: Path, old: str, new: str) -> None:
    p = root / PLAN_PATH
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_validation_errors_refuse_with_exit_1(published, capsys) -> None:
    root, before = published
    _edit_plan(root, "title: Thực", "tittle: Thực")
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1
    assert "CK020" in text and "Không dựng trang: còn 2 lỗi" in text
    assert tree(root / "site") == before


def test_a_link_to_a_missing_page_refuses_with_exit_1(published, capsys) -> None:
    # The commonest editor mistake (probe D7): validate passes, mkdocs finds the broken link.
    root, before = published
    _edit_plan(root, "Trên đây là", "Xem [phụ lục](khong-co.md) và ![ảnh](khong-co.png).\n\nTrên đây là")
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1, text
    assert "Không xuất bản: mkdocs báo lỗi liên kết" in text and "khong-co.png" in text
    assert tree(root / "site") == before


def test_a_broken_anchor_is_refused_by_the_link_check(published, capsys) -> None:
    root, before = published
    _edit_plan(root, "Trên đây là", "Xem [mục không có](#muc-khong-co).\n\nTrên đây là")
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1, text
    assert "Không xuất bản: 1 liên kết nội bộ hỏng" in text and "#muc-khong-co" in text
    assert tree(root / "site") == before


def _replace_step(monkeypatch, name: str, step) -> None:
    """The build's post-build step `name` (builder.flow.POST_BUILD) replaced for one test."""
    from builder import flow

    assert name in dict(flow.POST_BUILD)
    monkeypatch.setattr(flow, "POST_BUILD", [(n, step if n == name else s) for n, s in flow.POST_BUILD])


def test_a_lost_item_is_refused(published, capsys, monkeypatch) -> None:
    from builder.publish import nothing_lost

    root, before = published
    monkeypatch.setattr(
        nothing_lost, "find_lost", lambda c, d, site: [f"{PLAN_PATH}: nhiệm vụ 1 không có trên trang"]
    )
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1
    assert "Không xuất bản: 1 mục trong nội dung bị thiếu trên trang web" in text and PLAN_PATH in text
    assert tree(root / "site") == before


def test_a_failing_pagefind_is_refused(published, capsys, monkeypatch) -> None:
    import subprocess
    import sys

    from builder.publish import sitebuild

    root, before = published
    monkeypatch.setattr(
        sitebuild,
        "start_pagefind",
        lambda site, work: subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"]),
    )
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1
    assert "Pagefind báo lỗi (mã 3)" in text
    assert tree(root / "site") == before


def test_disk_full_gives_a_vietnamese_message_and_keeps_the_site(published, capsys, monkeypatch) -> None:
    root, before = published

    def full(corpus, derived, site):
        raise OSError(errno.ENOSPC, "No space left on device", str(site / "feed.xml"))

    _replace_step(monkeypatch, "feeds", full)
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 3
    assert "hết chỗ trống trên đĩa" in text and "vẫn giữ nguyên" in text
    assert tree(root / "site") == before


def test_a_crash_inside_a_step_keeps_the_site(published, capsys, monkeypatch) -> None:
    root, before = published
    _replace_step(monkeypatch, "exports", lambda c, d, s: (_ for _ in ()).throw(RuntimeError("hỏng")))
    rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 70
    assert "Lỗi không mong đợi" in text and "RuntimeError" in text
    assert tree(root / "site") == before
    assert not (root / "build" / "site.new").exists()


def test_a_second_build_at_the_same_time_is_refused(published, capsys) -> None:
    from builder.publish.atomic import build_lock

    root, before = published
    with build_lock(root):  # another build is running in this checkout
        rc, text = run(capsys, "--project", str(root), "build")
    assert rc == 1
    assert "đang có một lần dựng khác" in text
    assert tree(root / "site") == before
    rc, text = run(capsys, "--project", str(root), "build")  # the lock is gone with its holder
    assert rc == 0, text


def test_no_project_is_a_usage_error(tmp_path: Path, capsys) -> None:
    rc, text = run(capsys, "--project", str(tmp_path), "build")
    assert rc == 2 and "không tìm thấy dự án" in text


@pytest.mark.parametrize("today", ["31/12/2025", "2025-02-31", "2025-12-31; rm -rf /"])
def test_a_bad_congkhai_today_is_a_usage_error(tmp_path, capsys, monkeypatch, today: str) -> None:
    root = buildable(tmp_path)
    monkeypatch.setenv("CONGKHAI_TODAY", today)
    for cmd in ("validate", "build"):
        rc, text = run(capsys, "--project", str(root), cmd)
        assert rc == 2, text
        assert "CONGKHAI_TODAY" in text and "NNNN-TT-NN" in text


@pytest.mark.parametrize("addr", ["127.0.0.1:99999", "localhost", "127.0.0.1:abc"])
def test_serve_with_a_bad_address_is_a_usage_error(tmp_path, capsys, addr: str) -> None:
    root = buildable(tmp_path)
    rc, text = run(capsys, "--project", str(root), "serve", "--addr", addr)
    assert rc == 2 and "không hợp lệ" in text
    assert not (root / "site").exists()  # refused before building anything


def test_serve_on_a_busy_port_is_refused_before_building(tmp_path, capsys) -> None:
    import socket

    root = buildable(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        rc, text = run(capsys, "--project", str(root), "serve", "--addr", f"127.0.0.1:{port}")
    assert rc == 2 and "cổng đang được chương trình khác dùng" in text
    assert not (root / "site").exists()


def test_output_a_console_cannot_encode_does_not_crash(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = buildable(tmp_path, PLAN.replace("title: Thực", "tittle: Thực"))
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "validate"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="latin-1",
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "CK020" in r.stdout
