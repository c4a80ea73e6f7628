"""Pages as readers see them in Chromium: links, phones, accessibility, weight, privacy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_citation_link_leads_to_document_which_links_back(page, base_url: str, plan_urls: list[str]) -> None:
    for url in plan_urls:
        page.goto(base_url + url)
        links = page.locator('.ck-text a[href*="van-ban/"][title]')
        if links.count():
            break
    else:
        pytest.fail("no plan has a linked citation to a registry document")
    link = links.first
    title = link.get_attribute("title")
    assert title, "citation link without the document's title"
    link.click()
    page.wait_for_load_state()
    assert "/van-ban/" in page.url
    assert page.locator("h1").count() == 1
    back = page.locator(f'.ck-cited-in a[href$="{url.rstrip("/").split("/")[-1]}/"]')
    assert back.count() >= 1, f"{page.url} does not link back to {url}"
    back.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(url)


def test_footnotes_work(page, base_url: str, plan_urls: list[str]) -> None:
    for url in plan_urls:
        page.goto(base_url + url)
        refs = page.locator("a.footnote-ref")
        if refs.count():
            target = refs.first.get_attribute("href")
            assert target and page.locator(target.replace(":", "\\:")).count() == 1
            refs.first.click()
            assert page.url.endswith(target)
            return
    pytest.fail("no plan page has a footnote (the seed plans have some)")


def test_phone_has_no_horizontal_scrolling_on_plan_pages(phone, base_url: str, plan_urls: list[str]) -> None:
    assert len(plan_urls) >= 1
    wide = []
    for url in plan_urls:
        phone.goto(base_url + url)
        sw, cw = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sw > cw:
            culprit = phone.evaluate("""() => { const w = document.documentElement.clientWidth;
                const el = [...document.querySelectorAll('body *')].find(e => e.getBoundingClientRect().right > w + 1);
                return el ? el.tagName + '.' + el.className : ''; }""")
            wide.append((url, sw, cw, culprit))
    assert not wide, wide


def test_tasks_table_is_stacked_on_phones(
    phone, base_url: str, built_site: Path, plan_urls: list[str]
) -> None:
    for url in plan_urls:
        phone.goto(base_url + url)
        if phone.locator("table.ck-tasks td").count():
            display = phone.eval_on_selector("table.ck-tasks td", "e => getComputedStyle(e).display")
            assert display == "block"
            return
    pytest.fail("no plan page has a tasks table")


@pytest.mark.parametrize("which", ["home", "plan", "document", "search", "tasks", "open-data", "404"])
def test_no_serious_accessibility_violations(page, base_url: str, plan_urls: list[str], which: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    url = {
        "home": "",
        "plan": plan_urls[0],
        "document": "van-ban/59-2023-nd-cp/",
        "search": "tim-kiem/?q=d%C3%A2n%20v%E1%BA%ADn",
        "tasks": "nhiem-vu/",
        "open-data": "du-lieu-mo/",
        "404": "404.html",
    }[which]
    page.goto(base_url + url)
    if which == "search":
        page.wait_for_selector("#ck-result-list .ck-result", timeout=15_000)
    res = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in res.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad


def test_plan_pages_weigh_at_most_150_kb(built_site: Path, plan_urls: list[str]) -> None:
    from builder.site.weight import page_weight

    heavy = {u: w for u in plan_urls if (w := page_weight(built_site, u)) > 150_000}
    assert not heavy, heavy


def test_plan_page_requests_stay_local(page, base_url: str, plan_urls: list[str]) -> None:
    page.goto(base_url + plan_urls[0])
    page.wait_for_load_state("networkidle")
    assert page.requests.urls, "no request recorded"  # the fixture asserts none leaves the server


def test_a_page_view_does_not_download_the_list_of_every_page(
    page, base_url: str, built_site: Path, plan_urls: list[str]
) -> None:
    """mkdocs-material fetches sitemap.xml beside each <link rel=alternate> (the feed and the
    calendar) when a page loads: that file is a small index, not the URL of every page of the site
    (2 x 462 KB per page view at 1,000 plans before)."""
    page.goto(base_url + plan_urls[0])
    page.wait_for_load_state("networkidle")
    root = urlsplit(base_url).path
    fetched = {urlsplit(u).path[len(root) :] for u in page.requests.urls if "sitemap" in u}
    for rel in fetched:
        text = (built_site / rel.lstrip("/")).read_text(encoding="utf-8")
        assert "<url>" not in text and len(text.encode()) < 2_000, (rel, len(text))
