"""The only module that knows mkdocs and Pagefind: run them on the staged tree."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def _json_front_matter(yaml_get_data: Callable, doc: str) -> tuple[str, dict]:
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
    bad = [m for m in handler.records if "not found" in m or "contains a link" in m or "unrecognized relative link" in m]
    if bad:
        raise SystemExit("mkdocs báo lỗi liên kết:\n" + "\n".join(bad))


def start_pagefind(site: Path) -> subprocess.Popen:
    # The CLI indexes a whole folder in one process (the Python wrapper's per-file call is slow).
    return subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"])


def wait_pagefind(proc: subprocess.Popen) -> None:
    if proc.wait() != 0:
        raise subprocess.CalledProcessError(proc.returncode, proc.args)


def run_pagefind(site: Path) -> None:
    wait_pagefind(start_pagefind(site))


def serve_forever(root: Path, addr: str, rebuild: Callable[[], int]) -> int:
    """Serve site/ and rebuild when content/, overrides/ or mkdocs.yml change."""
    import functools
    import http.server
    import threading

    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    host, _, port = addr.rpartition(":")
    lock = threading.Lock()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # type: ignore[no-untyped-def]
            if event.is_directory or event.event_type not in ("modified", "created", "deleted", "moved"):
                return
            with lock:
                print(f"Thay đổi: {event.src_path} — dựng lại…", file=sys.stderr)
                rebuild()

    obs = Observer()
    for sub in ("content", "overrides"):
        obs.schedule(Changed(), str(root / sub), recursive=True)
    obs.start()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    with http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler) as httpd:
        print(f"Xem trước tại http://{host or '127.0.0.1'}:{port}/ (Ctrl+C để dừng)", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
    obs.stop()
    return 0
