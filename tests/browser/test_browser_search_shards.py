"""Search over an index in shards, in Chromium: the repository's content built with
`extra.search_shards: 3` (tests/shards.py) searches as one index. A word held by a page of one
plans' shard is found; a sorted search is in date order across shards and finds what the
one-index site finds; facet counts are the numbers of matching pages, as on the one-index site
(the session's real site, built without shards)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import measure
from builder.build import build
from tests.factories import COMMIT_DATE, commit
from tests.shards import PLAN_URL, SHARDS, WORD, bundle_urls, bundles, sharded_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = commit(sharded_project(tmp_path_factory.mktemp("shards") / "proj"), COMMIT_DATE)
    build(root)
    return root / "site"


@pytest.fixture(scope="module")
def sharded_url(sharded: Path) -> Iterator[str]:
    with measure.serve(sharded) as base:
        yield base


def _searching(browser, base: str):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "tim-kiem/")
    page.wait_for_function("() => window.congkhaiSearch", timeout=15_000)
    return page, requests


def _search(page, query: str, **options) -> list[dict]:
    return page.evaluate("([q, o]) => window.congkhaiSearch(q, o)", [query, {"limit": 500, **options}])


def _facets(page, query: str, filters: dict | None = None) -> tuple[dict, int]:
    """The facet counts and the number of results of the search page's search."""
    return page.evaluate(
        """async ([q, f]) => {
            const s = window.congkhaiSearch.start(q, {facets: true, filters: f});
            const items = await s.page(0, 1000);
            return [s.filters || {}, items.length];
        }""",
        [query, filters or {}],
    )


def _shard_of_url(site: Path) -> dict[str, int]:
    return {u: k for k, b in bundles(site).items() for u in bundle_urls(b)}


def _date(site: Path, url: str) -> str:
    html = (site / urlsplit(url).path.strip("/") / "index.html").read_text(encoding="utf-8")
    m = re.search(r'data-pagefind-sort="ngay:([\d-]+)"', html)
    assert m, url
    return m.group(1)


def test_a_word_only_in_one_shard_is_found(browser, sharded: Path, sharded_url: str) -> None:
    shard = _shard_of_url(sharded)[PLAN_URL]
    assert shard >= 1  # a plan is in a plans' shard, not in pagefind/ itself
    page, requests = _searching(browser, sharded_url)
    results = _search(page, WORD)
    assert [urlsplit(r["url"]).path for r in results] == [PLAN_URL]
    assert any(f"/pagefind/phan-{shard}/index/" in u for u in requests)  # read from that shard
    page.close()


def test_every_word_must_be_in_the_shard_that_answers(browser, sharded: Path, sharded_url: str) -> None:
    """Pagefind drops from its AND a word its bundle lacks: the other shards, which have "dân"
    and not the made-up word, must not answer with their pages holding "dân"."""
    page, _ = _searching(browser, sharded_url)
    assert [urlsplit(r["url"]).path for r in _search(page, f"dân {WORD}")] == [PLAN_URL]
    page.close()


@pytest.mark.parametrize("order", ["moi-nhat", "cu-nhat"])
def test_a_sorted_search_is_in_date_order_across_shards(
    browser, sharded: Path, sharded_url: str, base_url: str, built_site: Path, order: str
) -> None:
    page, _ = _searching(browser, sharded_url)
    got = [urlsplit(r["url"]).path for r in _search(page, "kế hoạch", sort=order)]
    page.close()
    shard = _shard_of_url(sharded)
    assert len({shard[u] for u in got}) == SHARDS, "the query should find pages in every shard"
    dates = [_date(sharded, u) for u in got]
    assert dates == sorted(dates, reverse=order == "moi-nhat"), list(zip(got, dates, strict=True))
    one, _ = _searching(browser, base_url)
    expected = [urlsplit(r["url"]).path for r in _search(one, "kế hoạch", sort=order)]
    one.close()
    assert sorted(got) == sorted(expected)  # the same pages as the one-index site finds


def test_facet_counts_are_the_matching_pages(browser, sharded: Path, sharded_url: str, base_url: str) -> None:
    page, _ = _searching(browser, sharded_url)
    counts, total = _facets(page, "dân")
    assert total > 0 and len(counts["Địa bàn"]) >= 2
    for facet in ("Mục", "Địa bàn"):
        for value, n in counts[facet].items():
            _, matching = _facets(page, "dân", {facet: value})
            assert matching == n, (facet, value)
    page.close()
    one, _ = _searching(browser, base_url)
    one_counts, one_total = _facets(one, "dân")
    one.close()
    assert (counts, total) == (one_counts, one_total)


def test_no_result_and_pages_of_results_over_shards(browser, sharded_url: str) -> None:
    """A word no shard holds finds nothing (no shard answers with its pages for the other words
    it lacks), and paging through the merged results gives each result once, in the order of
    the whole list."""
    page, _ = _searching(browser, sharded_url)
    assert _search(page, "zyqvwx") == []
    assert _search(page, f"zyqvwx {WORD}") == []
    whole = [urlsplit(r["url"]).path for r in _search(page, "kế hoạch")]
    assert len(whole) >= 6
    paged = []
    for offset in range(0, len(whole), 4):
        paged += [urlsplit(r["url"]).path for r in _search(page, "kế hoạch", limit=4, offset=offset)]
    page.close()
    assert paged == whole
