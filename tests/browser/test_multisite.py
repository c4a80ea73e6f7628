"""Scale-out: two sites built apart from the seeds' corpus, one national search over both.

bench.multisite builds a Đà Nẵng site (the registry's home) and a site for the other plans,
whose registry is imported from the first site's `api/documents.json`/`api/plans.json`. The
national page runs the site's search over both Pagefind indexes (`mergeIndex`, docs/SCALING.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import measure, multisite

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("multisite")
    info = multisite.build_sites(out, log=lambda _msg: None)
    return out / "national", info


@pytest.fixture(scope="module")
def served(national: tuple[Path, dict]) -> Iterator[str]:
    with measure.serve(national[0]) as base:
        yield base


@pytest.fixture(scope="module")
def chromium(browser: object) -> object:
    """The browser of tests/browser/conftest.py (the CHROMIUM setting)."""
    return browser


def test_each_site_has_its_own_plans_and_index(national: tuple[Path, dict]) -> None:
    root, info = national
    sites = {s["name"]: s for s in info["sites"]}
    assert set(sites) == {multisite.HOME, multisite.OTHER}
    for name, s in sites.items():
        assert s["plans"] >= 1
        assert (root / name / "pagefind" / "pagefind-entry.json").is_file()
        assert len(list((root / name / "ke-hoach").glob("*/*/index.html"))) == s["plans"]


def test_national_search_returns_results_from_both_sites(chromium, served: str) -> None:
    page = chromium.new_page()
    page.goto(served + "index.html")
    page.fill("#ck-search-q", multisite.QUERY)
    page.wait_for_selector("#ck-result-list .ck-result__title", timeout=20_000)
    links = page.eval_on_selector_all(
        "#ck-result-list .ck-result__title", "els => els.map(e => e.getAttribute('href'))"
    )
    sites = {h.strip("/").split("/")[0] for h in links}
    assert {multisite.HOME, multisite.OTHER} <= sites, links
    # a result of the other site opens its page on that site
    other = next(h for h in links if h.startswith(f"/{multisite.OTHER}/ke-hoach/"))
    resp = page.goto(served.rstrip("/") + other)
    assert resp is not None and resp.status == 200
    page.close()


def test_citation_links_cross_to_the_home_site(chromium, served: str, national: tuple[Path, dict]) -> None:
    root, info = national
    assert info["cross_links"] > 0
    plan = next((root / multisite.OTHER / "ke-hoach").glob("*/*/index.html"))
    hrefs = re.findall(rf'href="(/{multisite.HOME}/van-ban/[^"]+)"', plan.read_text(encoding="utf-8"))
    assert hrefs, "a plan of the other site links no registry document on the home site"
    page = chromium.new_page()
    resp = page.goto(served.rstrip("/") + hrefs[0])
    assert resp is not None and resp.status == 200
    assert "/da-nang/van-ban/" in page.url
    page.close()


def test_documents_are_found_once_on_their_home_site(
    national: tuple[Path, dict], chromium, served: str
) -> None:
    page = chromium.new_page()
    page.goto(served + "index.html")
    page.wait_for_function("() => window.congkhaiSearch", timeout=15_000)
    out = page.evaluate(multisite._MERGED_JS, [multisite.HOME, multisite.OTHER, "Nghị định 59/2023/NĐ-CP"])
    page.close()
    docs = [u for u in out["urls"] if "/van-ban/" in u]
    assert all(u.startswith(f"/{multisite.HOME}/") for u in docs), docs
