"""Nothing overwritten or lost, with real processes (probe D9, D10, P3–P24, P43).

- A build killed at any moment leaves the previous site/ byte-identical (the new site is written
  into a fresh folder and swapped in only when everything passed), and the next build works.
- Pagefind dies with the build (PR_SET_PDEATHSIG), so it never writes on into a folder.
- Two builds started together in one checkout: one builds, the other is refused with a message.
- `congkhai serve` survives a failed rebuild: it says why, keeps serving the last good site, and
  rebuilds on the next save.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.factories import project
from tests.minicorpus import PLAN, PLAN_PATH, make_project

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "builder.cli"]
WAIT = 120  # seconds: a guard against hanging the suite, not a measured budget


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def real_project(tmp: Path) -> Path:
    """The repository's content (a build of a few seconds: room to kill it half-way)."""
    return project(tmp / "proj")


def small_project(tmp: Path) -> Path:
    return make_project(tmp / "proj", buildable=True)


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, "--project", str(root), "build"], cwd=root, capture_output=True, text=True, timeout=WAIT
    )


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose parent is pid."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                out.append(
                    (
                        int(d.name),
                        (d / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"),
                    )
                )
        except (OSError, ValueError, IndexError):
            continue
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = real_project(tmp_path_factory.mktemp("atomic"))
    r = build(root)
    assert r.returncode == 0, r.stderr
    return root, tree(root / "site")


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["mkdocs writing", "post-build steps", "Pagefind indexing"])
def test_a_killed_build_leaves_the_previous_site_byte_identical(published, moment: str) -> None:
    root, before = published
    fresh = root / "build" / "site.new"
    for _attempt in range(5):  # the build may finish before the chosen moment comes: try again
        proc = subprocess.Popen(
            [*CLI, "--project", str(root), "build"],
            cwd=root,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        killed = False
        deadline = time.monotonic() + WAIT
        while proc.poll() is None and time.monotonic() < deadline:
            html = sum(1 for _ in fresh.rglob("index.html")) if fresh.is_dir() else 0
            ready = {
                "mkdocs writing": html > 20,
                "post-build steps": (fresh / "feed.xml").exists() or (fresh / "api").is_dir(),
                "Pagefind indexing": any("--site" in c for _, c in _children(proc.pid)),
            }[moment]
            if ready:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.002)
        proc.wait(timeout=WAIT)
        assert tree(root / "site") == before, f"site/ changed after a kill during {moment}"
        if killed:
            break
    else:
        pytest.fail(f"the build always finished before {moment}")
    r = build(root)  # the next build cleans up and publishes the same site
    assert r.returncode == 0, r.stderr
    assert tree(root / "site") == before
    assert not fresh.exists()


@pytest.mark.slow
def test_pagefind_dies_with_the_build(published) -> None:
    root, before = published
    for _attempt in range(5):
        proc = subprocess.Popen(
            [*CLI, "--project", str(root), "build"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        indexer = None
        deadline = time.monotonic() + WAIT
        while proc.poll() is None and time.monotonic() < deadline and indexer is None:
            indexer = next((pid for pid, cmd in _children(proc.pid) if "--site" in cmd), None)
            time.sleep(0.002)
        if indexer is None:
            proc.wait(timeout=WAIT)
            continue
        proc.send_signal(signal.SIGKILL)  # only the build process, not its group
        proc.wait(timeout=WAIT)
        deadline = time.monotonic() + WAIT
        while _alive(indexer) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not _alive(indexer), "Pagefind outlived the build"
        assert tree(root / "site") == before
        return
    pytest.fail("Pagefind was never seen running")


@pytest.mark.slow
def test_the_second_page_renderer_dies_with_the_build(published) -> None:
    """A build killed while two processes render its pages (publish/sitebuild._Split): the forked
    renderer must not go on writing into the folder (or holding the lock) of the next build."""
    root, before = published
    env = {**os.environ, "CONGKHAI_PROCESSES": "2"}
    for _attempt in range(20):  # a small site's copy lives a second or less: try until one is caught
        proc = subprocess.Popen(
            [*CLI, "--project", str(root), "build", "--clean"],  # every page rendered
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # A copy alive for 50 ms: it asks to die with the build first thing after the fork (stopped
        # before that, it could not; a build killed in that instant is seen by the copy itself).
        renderer = None
        seen: dict[int, float] = {}
        deadline = time.monotonic() + WAIT
        while proc.poll() is None and time.monotonic() < deadline and renderer is None:
            now = time.monotonic()
            for pid, cmd in _children(proc.pid):
                if "builder.cli" in cmd and now - seen.setdefault(pid, now) >= 0.05 and _alive(pid):
                    renderer = pid
            time.sleep(0.002)
        if renderer is None:
            proc.wait(timeout=WAIT)
            continue
        # stopped, it can neither finish its pages nor fail on its closed pipe: only the kill
        # that follows its parent's death can end it
        with contextlib.suppress(ProcessLookupError):
            os.kill(renderer, signal.SIGSTOP)
        if not _alive(renderer):  # it finished its pages in the meantime: try again
            proc.wait(timeout=WAIT)
            continue
        proc.send_signal(signal.SIGKILL)  # only the build process, not its group
        proc.wait(timeout=WAIT)
        deadline = time.monotonic() + 10
        try:
            while _alive(renderer) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert not _alive(renderer), "the second renderer outlived the build"
        finally:
            with contextlib.suppress(OSError):
                os.kill(renderer, signal.SIGKILL)
        assert tree(root / "site") == before
        r = build(root)  # not refused as "another build is running"
        assert r.returncode == 0, r.stderr
        assert tree(root / "site") == before
        return
    pytest.fail("the second renderer was never seen running")


@pytest.mark.slow
def test_two_builds_at_once_give_one_clear_refusal(published) -> None:
    root, before = published
    procs = [
        subprocess.Popen(
            [*CLI, "--project", str(root), "build"],
            cwd=root,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=WAIT), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(rc for rc, _ in results)
    assert codes == [0, 1], results
    refused = next(err for rc, err in results if rc == 1)
    assert "đang có một lần dựng khác" in refused and "Traceback" not in refused
    assert tree(root / "site") == before  # the one that built wrote the same site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(log: Path, text: str, count: int = 1) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8", errors="replace").count(text) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(
        f"{text!r} (×{count}) never appeared:\n{log.read_text(encoding='utf-8', errors='replace')}"
    )


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


@pytest.mark.slow
def test_serve_survives_a_failed_rebuild(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [*CLI, "--project", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    try:
        _wait_for(log, "Đã dựng", 1)
        _wait_for(log, "Xem trước tại")
        url = f"http://127.0.0.1:{port}/ke-hoach/2025/thu-nghiem/"
        assert "Thực hiện dân chủ ở cơ sở năm 2025" in _get(url)
        plan = root / PLAN_PATH
        plan.write_text(PLAN.replace("Trên đây là", "![ảnh](khong-co.png)\n\nTrên đây là"), encoding="utf-8")
        _wait_for(log, "Chưa dựng lại")  # the refusal is shown…
        assert "khong-co.png" in log.read_text(encoding="utf-8")
        assert "Thực hiện dân chủ ở cơ sở năm 2025" in _get(url)  # …and the last good site still served
        plan.write_text(PLAN.replace("năm 2025\nperiod", "năm 2025 (đã sửa)\nperiod"), encoding="utf-8")
        _wait_for(log, "Đã dựng", 2)  # the next save rebuilds
        assert "(đã sửa)" in _get(url)
        assert proc.poll() is None and "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
