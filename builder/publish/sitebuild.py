"""The only module that knows mkdocs and Pagefind: run them on the staged tree."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base import fork, rawhtml
from ..base.config import SiteConfig
from ..base.errors import Refusal, UsageError, os_error_vi
from . import sanitize


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
    ~50x faster than YAML for the same data; anything else goes to mkdocs' YAML reader. Raw HTML
    blocks after the Markdown (base/rawhtml.py) go into the meta, for `_render` to put back."""
    doc, blocks = rawhtml.split(doc)
    if blocks:
        body, data = _json_front_matter(yaml_get_data, doc)
        return body, {**data, rawhtml.META: blocks}
    if doc.startswith("---\n{"):
        end = doc.find("\n---\n", 4)
        if end > 0:
            try:
                head = json.loads(doc[4:end])
            except ValueError:
                head = None
            if isinstance(head, dict):
                return doc[end + 5 :].lstrip("\n"), head
    return yaml_get_data(doc)


def template_dirs(root: Path, config: SiteConfig) -> list[Path]:
    """The folders templates come from: the theme's own, then mkdocs.yml's theme.custom_dir."""
    from importlib.resources import files

    out = [Path(str(files("material") / "templates"))]
    if config.custom_dir:
        out.append(root / config.custom_dir)
    return out


@dataclass
class MkdocsRun:
    outputs: set[str]  # every file mkdocs owns in the site (pages, theme assets, sitemap, 404)
    written: set[str]  # the files it wrote in this run (all of them in a full build)
    incremental: bool = False
    renderers: int = 1  # processes that rendered pages (_Split)


def run_mkdocs(
    root: Path,
    site: Path,
    config_file: Path | None = None,
    *,
    changed: set[str] | None = None,
    previous: Path | None = None,
    previous_outputs: Iterable[str] = (),
    search_shards: int | None = None,
) -> MkdocsRun:
    """Build the staged tree into `site` (an empty folder).

    changed/previous: an incremental build. `previous` is the last published site (built with the
    same templates, configuration and builder); its mkdocs outputs are copied into `site`, and
    mkdocs renders only the staged pages in `changed` (paths under build/docs; new, edited or
    removed), plus its own global files (sitemap.xml, 404.html), in its "dirty" mode. Outputs of
    pages that no longer exist are deleted. mkdocs renders a page from its own Markdown, its
    front-matter and the navigation: the navigation lists only pages with a title written in
    mkdocs.yml, so no page's HTML depends on another page's source (tests/test_incremental.py
    measures it: every file of a warm build equals a cold build's). When a nav entry has no
    title of its own, the build is full.

    search_shards: the search index's bundles (publish/searchindex.shards_for), which the pages
    name (overrides/main.html reads `extra.search_shards`); None: as mkdocs.yml says.
    """
    from mkdocs import utils as mk_utils
    from mkdocs.commands import build as mk_build_mod
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.utils import meta

    mk_build = mk_build_mod.build
    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    yaml_get_data = meta.get_data
    meta.get_data = functools.partial(_json_front_matter, yaml_get_data)
    written: set[str] = set()
    captured: list[Any] = []
    build_ns = vars(mk_build_mod)  # the names mkdocs' build() calls (get_files is imported there)
    originals = (mk_utils.write_file, mk_utils.copy_file, File.is_modified, build_ns["get_files"])
    steps = (build_ns["_populate_page"], build_ns["_build_page"])
    site_str = str(site)

    def note(path: str) -> None:
        rel = os.path.relpath(path, site_str)
        if not rel.startswith(".."):
            written.add(rel.replace(os.sep, "/"))

    # A file of the previous site may be a hard link to the published one (_copy_outputs): it is
    # replaced by a new file, never written through.
    def write_file(content: bytes, output_path: str) -> None:
        note(output_path)
        _unlink(output_path)
        originals[0](content, output_path)

    def copy_file(source_path: str, output_path: str) -> None:
        target = (
            output_path
            if not os.path.isdir(output_path)
            else os.path.join(output_path, os.path.basename(source_path))
        )
        note(target)
        _unlink(target)
        originals[1](source_path, output_path)

    def get_files(config: Any) -> Any:
        files = originals[3](config)
        captured.append(files)
        return files

    # One page at a time: mkdocs reads and renders every page's Markdown first and keeps all of
    # them (Markdown, HTML, meta) until the end. Here a page is read and rendered right before it
    # is written, and its text dropped once written; what mkdocs needs of it afterwards (its
    # anchors, for the links into it; its URL and dates, for the sitemap, built before the pages)
    # stays. With no plugins and a nav whose titles are written in mkdocs.yml, no page reads
    # another's text: the output is the same (tests/test_incremental.py), peak memory no longer
    # holds every page.
    def populate_later(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        pass

    split = _Split(handler, written)
    to_render: list[bool] = []

    def build_page(
        page: Any,
        config: Any,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        i = split.calls
        if i == 0:
            # which pages mkdocs renders (all, or in a dirty build the modified ones), decided
            # once, before either renderer writes a page (a written page no longer counts as
            # modified for the other)
            to_render.extend(not dirty or f.is_modified() for f in doc_files)
            if not config.plugins:
                split.start(sum(to_render))
        split.calls = i + 1
        if split.mine(to_render[i]):
            split.guard(lambda: _render(page, config, doc_files, nav, env, dirty, excluded))
        if i == len(doc_files) - 1:
            split.child_done()

    def _render(
        page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool, excluded: bool
    ) -> None:
        steps[0](page, config, captured[-1], dirty)
        blocks = page.meta.pop(rawhtml.META, None)
        if blocks:
            # the sanitiser is the last Markdown postprocessor (publish/sanitize.py): the blocks,
            # which Markdown did not see, pass through it too
            if sanitising:
                blocks = [sanitize.clean(b) for b in blocks]
            page.content = rawhtml.place(page.content, blocks)
        steps[1](page, config, doc_files, nav, env, dirty, excluded)
        page.markdown = page.content = None
        page.meta = {}

    try:
        cfg = load_config(str(config_file or root / "mkdocs.yml"), site_dir=str(site))
        sanitising = sanitize.__name__ in cfg.markdown_extensions
        _cache_compiled_templates(cfg.theme, root)
        if search_shards is not None:
            cfg.extra["search_shards"] = search_shards
        incremental = changed is not None and previous is not None and _titled_nav(cfg.nav)
        if incremental:
            assert changed is not None and previous is not None
            _copy_outputs(previous, site, previous_outputs)

            def is_modified(self: Any) -> bool:
                return self.src_uri in changed or not os.path.isfile(self.abs_dest_path)

            File.is_modified = is_modified  # type: ignore[method-assign]
        mk_utils.write_file = write_file
        mk_utils.copy_file = copy_file
        build_ns["get_files"] = get_files
        build_ns["_populate_page"], build_ns["_build_page"] = populate_later, build_page
        try:
            mk_build(cfg, dirty=incremental)
        except BaseException:
            split.kill()
            raise
        split.join()  # the other renderer's pages, written files and warnings (or its failure)
    finally:
        mk_utils.write_file, mk_utils.copy_file, File.is_modified, build_ns["get_files"] = originals  # type: ignore[method-assign]
        build_ns["_populate_page"], build_ns["_build_page"] = steps
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
    outputs = {f.dest_uri for f in captured[-1]} if captured else set(written)
    outputs |= {rel for rel in written if "/" not in rel}  # sitemap.xml(.gz), 404.html
    if incremental:  # pages and files that are gone: what the copy brought and mkdocs no longer makes
        for rel in sorted(set(_all_files(site)) - outputs):
            (site / rel).unlink()
        _prune_empty_dirs(site)
    return MkdocsRun(
        outputs=outputs,
        written=written if incremental else outputs,
        incremental=incremental,
        renderers=split.n,
    )


# Below this many pages to render, a second renderer costs more (its start, its share of the
# shared memory touched) than it saves.
SPLIT_MIN_PAGES = 200


class _Split:
    """The pages mkdocs renders, shared between this process and one forked copy of it
    (base/fork.py).

    mkdocs renders pages one after another on one core, and rendering is most of a cold build's
    time. With no plugins (whose hooks could gather pages) and a nav whose titles are written in
    mkdocs.yml, no page's HTML depends on another's rendering (see run_mkdocs), so the pages can
    be rendered by two processes: at the first page, the process forks (after the theme's assets
    and the sitemap are written, before any page); each renders every other page to render, in
    the same order, into the same folder; the copy sends back the files it wrote and mkdocs'
    warnings, then exits without running anything else. Each page's bytes are the same as when
    one process renders them all (tests/test_incremental.py compares whole sites). mkdocs' own
    check of links to anchors covers links between pages rendered by the same process; the
    link check (publish/linkcheck.py) checks every link and anchor of the written site anyway.
    """

    def __init__(self, handler: _Collect, written: set[str]) -> None:
        self.handler, self.written = handler, written
        self.fork: fork.Fork | None = None
        self.index, self.n = 0, 1  # this process renders the pages k with k % n == index
        self.k = 0  # pages to render seen so far
        self.calls = 0  # pages seen so far

    def start(self, todo: int) -> None:
        if fork.processes(todo, SPLIT_MIN_PAGES) < 2:
            return
        self.fork, self.n = fork.Fork(), 2
        if self.fork.start():  # the copy
            self.index = 1
            self.handler.records.clear()  # the parent keeps (and reports) what was logged before
            self.written.clear()

    def mine(self, renders: bool) -> bool:
        if not renders:  # mkdocs skips it (dirty build, unchanged page): as one process did
            return self.index == 0
        k, self.k = self.k, self.k + 1
        return k % self.n == self.index

    def guard(self, render: Callable[[], None]) -> None:
        if self.index == 0:
            render()
            return
        try:  # the copy never returns into mkdocs with an error: it reports it and exits
            render()
        except BaseException as e:
            assert self.fork is not None
            self.fork.fail(e)

    def child_done(self) -> None:
        if self.index == 1:
            assert self.fork is not None
            self.fork.send({"written": sorted(self.written), "records": self.handler.records})

    def kill(self) -> None:
        if self.fork is not None:
            self.fork.kill()

    def join(self) -> None:
        if self.fork is None:
            return
        message = self.fork.join()
        self.written.update(message["written"])
        self.handler.records.extend(message["records"])


def _cache_compiled_templates(theme: Any, root: Path) -> None:
    """The theme's templates compiled once, not on every build: Jinja's bytecode cache (keyed by
    each template's source checksum, Jinja's and Python's versions) under build/cache/jinja/."""
    import jinja2

    get_env = theme.get_env
    folder = root / "build" / "cache" / "jinja"

    def env_with_cache() -> Any:
        env = get_env()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            pass  # a read-only checkout compiles every time
        return env

    theme.get_env = env_with_cache


def _titled_nav(nav: Any) -> bool:
    """Every nav entry names its title in mkdocs.yml (a bare path takes the page's own title)."""
    if nav is None:
        return False  # mkdocs' default nav lists every page under its own title
    for item in nav:
        if not isinstance(item, dict):
            return False
        for value in item.values():
            if isinstance(value, list) and not _titled_nav(value):
                return False
    return True


def _all_files(site: Path) -> list[str]:
    out = []
    for dirpath, _, filenames in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        for f in filenames:
            out.append(f if rel == "." else f"{rel}/{f}".replace(os.sep, "/"))
    return out


def _prune_empty_dirs(site: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(site, topdown=False):
        if not filenames and not os.listdir(dirpath) and Path(dirpath) != site:
            os.rmdir(dirpath)


def _copy_outputs(previous: Path, site: Path, outputs: Iterable[str]) -> None:
    """The previous site's mkdocs outputs, as hard links (a copy where links are not allowed):
    thousands of files, of which an edit changes a few. The published site must stay as it is
    until the swap, so nothing writes through a link: mkdocs' writes replace the file
    (run_mkdocs), and every later step writes only files mkdocs wrote in this build (the pages
    the HTML pass parses, sitemap.xml) or files that are not mkdocs outputs (exports, feeds,
    the search bundle). tests/test_incremental.py checks the published bytes at the swap."""
    made: set[str] = set()
    link = True
    for rel in sorted(outputs):
        src = previous / rel
        if not src.is_file():
            continue  # mkdocs writes it again (a file without its output counts as modified)
        folder = os.path.dirname(rel)
        if folder not in made:
            (site / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        if link:
            try:
                os.link(src, site / rel)
                continue
            except OSError:
                link = False  # another filesystem, or links not allowed: copies from now on
        shutil.copy2(src, site / rel)


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _die_with_parent() -> Callable[[], None] | None:
    """For Popen's preexec_fn: the child gets SIGKILL when the build process dies (Linux
    PR_SET_PDEATHSIG), so a killed build never leaves Pagefind writing into a folder."""
    return fork.die_with_parent()


def start_pagefind(site: Path, work: Path, store: Path | None = None) -> subprocess.Popen[bytes]:
    """Start indexing `site`: publish/searchindex.py writes the tokens' copy of its pages into
    `work`, then runs Pagefind's CLI on it (one process for the whole folder; the Python
    wrapper's per-file call is slow), the bundle going to `site/pagefind/`.

    store (the build): the indexer is started before the pages are final and reads the pages to
    index from its standard input (`index_page`, then `pages_done`), as the one pass over the
    HTML makes each one final: it turns them into tokens while the pass goes on, and reads no
    other page. Its copies are kept in `store` under a key (a hash of the page's final bytes and
    of the builder): a page whose bytes did not change since the last build is not read nor
    turned into tokens again. The copy in `work` is made afresh, in path order, once the list
    is complete, so Pagefind reads the same tree as in a cold build.
    """
    cmd = [sys.executable, "-m", "builder.publish.searchindex", "--site", str(site), "--work", str(work)]
    if store is None:
        return subprocess.Popen(cmd, preexec_fn=_die_with_parent())  # preexec_fn only calls prctl
    cmd += ["--pages", "-", "--store", str(store)]
    # unbuffered: each page reaches the indexer as soon as it is final
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, bufsize=0, preexec_fn=_die_with_parent())


def index_page(proc: subprocess.Popen[bytes], rel: str, key: str) -> None:
    """Hand one final page (its path under the site, its key) to the indexer."""
    if proc.stdin is None or proc.stdin.closed:
        return
    try:
        proc.stdin.write(f"{key}\t{rel}\n".encode())
    except (BrokenPipeError, ValueError):  # the indexer failed: wait_pagefind reports it
        with contextlib.suppress(OSError):
            proc.stdin.close()


def pages_done(proc: subprocess.Popen[bytes]) -> None:
    """Every page to index was handed over: the indexer makes its copy and runs Pagefind."""
    if proc.stdin is not None and not proc.stdin.closed:
        with contextlib.suppress(OSError):
            proc.stdin.close()


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

    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    host, port = parse_addr(addr)
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    try:
        httpd = PreviewServer((host, port), handler)
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


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview server (and the tests' and benchmark's): a browser that stops loading (a click
    away, a closed tab, a test's end) closes its connections, which is no error worth a traceback
    in the editor's terminal; any other error is still printed."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # requests would bury build messages
        pass
