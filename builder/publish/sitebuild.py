"""The only module that knows mkdocs and Pagefind: run them on the staged tree."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import http.server
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..base.config import SiteConfig
from ..base.errors import Refusal, UsageError, os_error_vi


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def _json_front_matter(
    yaml_get_data: Callable[[str], tuple[str, dict[str, Any]]], doc: str
) -> tuple[str, dict[str, Any]]:
    """Staged pages carry their front-matter as one JSON line (stage.Page.render): read it as JSON,
    ~50x faster than YAML for the same data; anything else goes to mkdocs' YAML reader."""
    if doc.startswith("---\n{"):
        end = doc.find("\n---\n", 4)
        if end > 0:
            try:
                data = json.loads(doc[4:end])
            except ValueError:
                data = None
            if isinstance(data, dict):
                return doc[end + 5 :].lstrip("\n"), data
    return yaml_get_data(doc)


def template_dirs(root: Path, config: SiteConfig) -> list[Path]:
    """The folders templates come from: the theme's own, then mkdocs.yml's theme.custom_dir."""
    from importlib.resources import files

    out = [Path(str(files("material") / "templates"))]
    if config.custom_dir:
        out.append(root / config.custom_dir)
    return out


def run_mkdocs(root: Path, site: Path, config_file: Path | None = None) -> None:
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.utils import meta

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    yaml_get_data = meta.get_data
    meta.get_data = functools.partial(_json_front_matter, yaml_get_data)
    try:
        cfg = load_config(str(config_file or root / "mkdocs.yml"), site_dir=str(site))
        mk_build(cfg, dirty=False)
    finally:
        meta.get_data = yaml_get_data
        log.removeHandler(handler)
    # mkdocs only warns about broken links; a government site must not publish them
    bad = [
        m
        for m in handler.records
        if "not found" in m or "contains a link" in m or "unrecognized relative link" in m
    ]
    if bad:
        raise Refusal("Không xuất bản: mkdocs báo lỗi liên kết:\n" + "\n".join(bad))


def _die_with_parent() -> Callable[[], None] | None:
    """For Popen's preexec_fn: the child gets SIGKILL when the build process dies (Linux
    PR_SET_PDEATHSIG), so a killed build never leaves Pagefind writing into a folder."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - not glibc/musl
        return None
    pr_set_pdeathsig = 1

    def child() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return child


def start_pagefind(site: Path, work: Path) -> subprocess.Popen[bytes]:
    """Start indexing `site`: publish/searchindex.py writes the tokens' copy of its pages into
    `work`, then runs Pagefind's CLI on it (one process for the whole folder; the Python
    wrapper's per-file call is slow), the bundle going to `site/pagefind/`."""
    return subprocess.Popen(
        [sys.executable, "-m", "builder.publish.searchindex", "--site", str(site), "--work", str(work)],
        preexec_fn=_die_with_parent(),  # only calls prctl
    )


def wait_pagefind(proc: subprocess.Popen[bytes]) -> None:
    if proc.wait() != 0:
        raise Refusal(f"Không xuất bản: Pagefind báo lỗi (mã {proc.returncode}) khi lập chỉ mục tìm kiếm.")


def run_pagefind(site: Path) -> None:
    """Index a built site again (the multi-site demo), the tokens' copy in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="congkhai-search-") as tmp:
        wait_pagefind(start_pagefind(site, Path(tmp) / "src"))


def parse_addr(addr: str) -> tuple[str, int]:
    """ "127.0.0.1:8000" → ("127.0.0.1", 8000); a usage error in Vietnamese otherwise."""
    host, sep, port = addr.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"Lỗi: địa chỉ “{addr}” không hợp lệ; ghi dạng máy:cổng, ví dụ 127.0.0.1:8000.")
    return host or "127.0.0.1", int(port)


def serve_forever(root: Path, addr: str, rebuild: Callable[[], int]) -> int:
    """Serve site/ and rebuild when content/ or overrides/ change.

    The port is taken before the first build (a busy port is reported at once). A failed build —
    a refusal or any error — is printed and the server goes on serving the previous site/
    (builds replace it atomically); the next save triggers a new build.
    """
    import http.server
    import threading

    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    host, port = parse_addr(addr)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    try:
        httpd = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        raise Refusal(
            f"Lỗi: không mở được {host}:{port} ({os_error_vi(e).removeprefix('Lỗi hệ thống: ')}) "
            "Chọn cổng khác, ví dụ --addr 127.0.0.1:8001.",
            2,
        ) from None
    pending = threading.Event()

    def attempt() -> None:
        try:
            rebuild()
        except Refusal as e:
            print(
                f"{e.message}\nChưa dựng lại: trang đang xem là bản dựng thành công gần nhất. "
                "Sửa rồi lưu tệp để dựng lại.",
                file=sys.stderr,
            )
        except Exception as e:  # the preview must survive any failed build
            print(
                f"Lỗi khi dựng lại ({type(e).__name__}: {e}). Trang đang xem là bản dựng thành công gần nhất; "
                "sửa rồi lưu tệp để dựng lại.",
                file=sys.stderr,
            )

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in ("modified", "created", "deleted", "moved"):
                return
            print(f"Thay đổi: {os.fsdecode(event.src_path)} — dựng lại…", file=sys.stderr)
            pending.set()

    def worker() -> None:  # one build at a time; edits made meanwhile give one more build
        while True:
            pending.wait()
            time.sleep(0.2)  # an editor saves in several writes
            pending.clear()
            attempt()

    attempt()
    threading.Thread(target=worker, daemon=True, name="congkhai-rebuild").start()
    obs = Observer()
    for sub in ("content", "overrides"):
        if (root / sub).is_dir():
            obs.schedule(Changed(), str(root / sub), recursive=True)
    obs.start()
    with httpd:
        print(f"Xem trước tại http://{host}:{port}/ (Ctrl+C để dừng)", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
    obs.stop()
    return 0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # requests would bury build messages
        pass
