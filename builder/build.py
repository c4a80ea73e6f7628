"""`congkhai build` and `congkhai serve`: the flow (builder.flow) under the build lock, into a
fresh folder that replaces site/ only when every step and check passed."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from . import flow
from .analysis.state import Derived
from .base.cache import caches
from .base.config import preview_reason
from .base.errors import Refusal
from .content.corpus import load
from .publish import incremental
from .publish.atomic import build_lock, replaced_dir


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _warnings_once_validated(name: str, seconds: float, derived: Derived) -> None:
    if name == "diagnostics":
        warnings = sum(d.severity != "error" for d in derived.diagnostics)
        errors = len(derived.diagnostics) - warnings
        if warnings and not errors:  # with errors the refusal says how many of each
            _say(f"{warnings} cảnh báo (xem `congkhai validate`).")


def build(root: Path, serve: bool = False, publish: bool = False, clean: bool = False) -> int:
    """Build site/ from content/. Refusals raise errors.Refusal; site/ changes only on success.

    `publish` (the deploy workflow, `make publish`): refuse without the site's real public
    address, so that no notice, feed or canonical link points at a preview address. Without it
    a build succeeds all the same (`make site` on a fresh clone) and says why its notices are
    previews.

    Incremental unless `clean`: when site/ was built by this builder with the same templates and
    configuration (build/state.json, publish/incremental.py), only what changed is rendered again;
    the result is the same, byte for byte, as a full build."""
    t0 = time.perf_counter()
    with build_lock(root):
        caches(root).full = True  # the whole corpus: cache entries this build does not use are stale
        corpus = load(root)
        preview = preview_reason(corpus.config.site_url)
        if preview and publish:
            raise Refusal(
                f"Không xuất bản: {preview}. Bản xuất bản cần địa chỉ công khai thật của trang: "
                "đặt biến môi trường SITE_URL=https://… (trên GitHub: biến SITE_URL của kho, "
                "Settings → Secrets and variables → Actions → Variables) hoặc `site_url` trong mkdocs.yml."
            )
        if preview:
            _say(
                f"Lưu ý: {preview}. Các bản niêm yết được đóng dấu “BẢN XEM THỬ” và không có mã QR. "
                "Đặt SITE_URL=https://… (địa chỉ công khai của trang) để dựng bản niêm yết thật."
            )
        state = None if clean else incremental.load(root)
        if clean:  # the search bundles kept by shard (publish/searchindex.py) are made again too
            shutil.rmtree(root / "build" / "cache" / "search-phan", ignore_errors=True)
        run = incremental.Incremental(previous=state, previous_site=root / "site")
        # Everything is written into a fresh folder that replaces site/ only when every step and
        # check passed: a refusal, a crash or a kill leaves the published site/ as it was.
        with replaced_dir(root / "site", root / "build") as site:
            flow.run(corpus, site=site, on_step=_warnings_once_validated, build=run)
            incremental.clear(root)  # site/ is about to change: its old state no longer holds
        if run.result is not None:
            incremental.save(root, run.result)
    how = f" (dựng lại {run.rendered} trang đã thay đổi)" if run.warm else ""
    _say(f"Đã dựng {len(corpus.plans)} kế hoạch vào site/ trong {time.perf_counter() - t0:.1f} giây{how}.")
    return 0


def serve(root: Path, addr: str) -> int:
    """Serve site/ and rebuild on every change in content/ or overrides/; a failed build is shown
    and the previous site stays served until the next save fixes it."""
    from .publish.sitebuild import serve_forever

    return serve_forever(root, addr, rebuild=lambda: build(root))
