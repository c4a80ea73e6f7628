"""Real-browser tests: build the repository's site once, serve it locally, drive a real Chromium.

The browser is the executable named by the CHROMIUM environment variable (the Makefile exports
it): Debian's /usr/bin/chromium by default, which `make chromium` installs with apt-get; GitHub's
Ubuntu runners use their preinstalled Google Chrome (the workflow sets CHROMIUM). Playwright never
downloads a browser. A missing browser is a failure, not a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.publish.sitebuild import PreviewServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real content, built once per session for every test (tests.factories.real_site)."""
    from tests.factories import real_site

    return real_site() / "site"


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    srv = PreviewServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


# Module scope: Playwright's sync API allows one running instance at a time, and some test
# modules start their own (tests/browser/test_multisite.py).
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"no browser at CHROMIUM={CHROMIUM}: run `make chromium` (Debian's chromium) or set "
            "CHROMIUM to a Chromium or Chrome executable; the browser tests never download a browser."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Requests:
    """Every request a page makes, to check that none leaves the local server."""

    def __init__(self, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        return [
            u for u in self.urls if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != self.host
        ]


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = ctx.new_page()
    reqs = Requests(base_url)
    pg.on("request", reqs)
    pg.requests = reqs
    yield pg
    foreign = reqs.foreign()
    ctx.close()
    assert not foreign, f"requests to third-party hosts: {foreign}"


@pytest.fixture
def phone(browser, base_url: str) -> Iterator[object]:
    ctx = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    pg = ctx.new_page()
    reqs = Requests(base_url)
    pg.on("request", reqs)
    yield pg
    foreign = reqs.foreign()
    ctx.close()
    assert not foreign, f"requests to third-party hosts: {foreign}"


@pytest.fixture(scope="session")
def plan_urls(built_site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in (built_site / "ke-hoach").glob("*/*/index.html")
    )
