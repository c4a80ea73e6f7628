"""Written for citizens (issue 15), in a real Chromium on the real content: no English on any page
(text and what screen readers speak), a Vietnamese 404 page with a search box that works, the
site's feed and calendar in every page's head, feedback channels without GitHub, a skip link to
the plan's identity block, a visible focus ring on every control, abbreviations explained, the
appendix after the signature, and a phone header that keeps the site name whole."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from builder.publish.sitebuild import PreviewServer
from tests.english import english_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READER_TEXT = (Path(__file__).parent / "reader_text.js").read_text(encoding="utf-8")
HOA_XUAN = "ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan/"


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("" is the home page)."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        out.append(rel.removesuffix("index.html"))
    return out


def test_every_page_is_vietnamese_and_links_the_feed(page, base_url: str, built_site: Path) -> None:
    urls = page_urls(built_site)
    assert len(urls) > 100 and "404.html" in urls and "du-lieu-mo/" in urls
    english: dict[str, list[str]] = {}
    no_feed: list[str] = []
    for url in urls:
        page.goto(base_url + url)
        links = page.eval_on_selector_all(
            'head link[rel="alternate"]', "ls => ls.map(l => [l.type, l.getAttribute('href')])"
        )
        feeds = [urljoin(base_url + url, h) for t, h in links if t == "application/atom+xml"]
        if urljoin(base_url, "feed.xml") not in feeds or "text/calendar" not in [t for t, _ in links]:
            no_feed.append(url)
        words = english_words(page.evaluate(READER_TEXT))
        if words:
            english[url] = sorted(set(words))
    assert not english, english
    assert not no_feed, no_feed


def test_search_results_are_vietnamese(page, base_url: str) -> None:
    """The search page (results, facets, buttons) speaks Vietnamese too."""
    page.goto(base_url + "tim-kiem/?q=d%C3%A2n%20v%E1%BA%ADn")
    page.wait_for_selector("#ck-result-list .ck-result__title", timeout=15_000)
    assert english_words(page.evaluate(READER_TEXT)) == []


def test_feed_links_lead_to_feeds(page, base_url: str, built_site: Path) -> None:
    """An agency page links its own feed and calendar, beside it; they hold its plans only."""
    import feedparser

    page.goto(base_url + "co-quan/ubnd-phuong-hoa-xuan/")
    feed_href = page.locator('a[type="application/atom+xml"]').get_attribute("href")
    cal_href = page.locator('a[type="text/calendar"]').get_attribute("href")
    assert (feed_href, cal_href) == ("feed.xml", "lich.ics")
    folder = built_site / "co-quan/ubnd-phuong-hoa-xuan"
    feed = feedparser.parse((folder / "feed.xml").read_bytes())
    links = {e.link for e in feed.entries}
    assert links and all("/ke-hoach/" in u for u in links)
    assert len(links) < len(feedparser.parse((built_site / "feed.xml").read_bytes()).entries)
    assert b"BEGIN:VCALENDAR" in (folder / "lich.ics").read_bytes()
    # the site's own feed and calendar are in the head of this page too
    heads = page.eval_on_selector_all('head link[rel="alternate"]', "ls => ls.map(l => [l.type, l.href])")
    assert ["application/atom+xml", base_url + "feed.xml"] in heads
    assert ["text/calendar", base_url + "lich.ics"] in heads


class _NotFound(http.server.SimpleHTTPRequestHandler):
    """Like a static host: a missing path gets 404.html with status 404."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        body = (Path(self.directory) / "404.html").read_bytes()
        if code != 404 or not body:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def host(built_site: Path) -> Iterator[str]:
    srv = PreviewServer(("127.0.0.1", 0), functools.partial(_NotFound, directory=str(built_site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


def test_404_page_is_vietnamese_with_a_search_box_that_works(browser, host: str) -> None:
    ctx = browser.new_context(locale="vi-VN")
    page = ctx.new_page()
    response = page.goto(host + "ke-hoach/2025/khong-co-ke-hoach-nay/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.inner_text("h1") == "Không tìm thấy trang này"
    assert page.title().startswith("Không tìm thấy trang")
    assert english_words(page.evaluate(READER_TEXT)) == []
    # links to the home page, the plans and the tasks work from a deep address
    for name, path in (
        ("Trang chủ", "/"),
        ("Danh sách kế hoạch", "/ke-hoach/"),
        ("Nhiệm vụ và thời hạn", "/nhiem-vu/"),
    ):
        href = page.locator("#ck-noi-dung").get_by_role("link", name=name, exact=True).get_attribute("href")
        assert urlsplit(urljoin(page.url, href)).path.rstrip(".") == path, (name, href)
    page.fill("#ck-404-q", "dân vận")
    page.press("#ck-404-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    page.wait_for_selector("#ck-result-list .ck-result__title", timeout=15_000)
    assert page.locator("#ck-result-list .ck-result__title").count() > 0
    ctx.close()


def test_theme_strings_are_right(page, base_url: str, plan_urls: list[str]) -> None:
    page.goto(base_url + plan_urls[0])
    assert page.locator(".md-top").inner_text().strip() == "Lên đầu trang"
    assert "Trở lại mục lục" not in page.content()


def test_skip_link_lands_before_the_plans_identity(page, base_url: str) -> None:
    page.goto(base_url + HOA_XUAN)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused[0] == "Chuyển đến nội dung chính", focused
    assert page.locator(".md-skip:focus").is_visible()
    page.keyboard.press("Enter")
    # focus moved to the content, which starts before the kicker, the title and the header card
    assert page.evaluate("""() => {
        const t = document.activeElement, card = document.querySelector('.ck-card'), h1 = document.querySelector('h1');
        const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return t.id === 'ck-noi-dung' && t.contains(card) && before(t, h1) && before(t, document.querySelector('.ck-kicker'));
    }""")
    page.keyboard.press("Tab")  # the next stop is inside the plan's content, not back in the header
    assert page.evaluate("() => document.getElementById('ck-noi-dung').contains(document.activeElement)")


# -- focus ----------------------------------------------------------------------------------

FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
                     return .2126 * r + .7152 * g + .0722 * b; };
  let bg = null;  // what the ring is drawn on: the nearest opaque background around the control
  for (let p = e.parentElement; p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor, a = rgb(c)[3];
    if (c && c !== 'transparent' && (a === undefined || a > .5)) { bg = c; break; }
  }
  bg = bg || 'rgb(255, 255, 255)';
  const l1 = lum(s.outlineColor), l2 = lum(bg);
  return {tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 40),
          visible: r.width > 0 && r.height > 0, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          contrast: (Math.max(l1, l2) + .05) / (Math.min(l1, l2) + .05)};
}"""


@pytest.mark.parametrize("which", ["home", "plan", "tasks", "search"])
def test_every_control_shows_a_visible_focus_ring(page, base_url: str, which: str) -> None:
    url = {
        "home": "",
        "plan": HOA_XUAN,
        "tasks": "nhiem-vu/",
        "search": "tim-kiem/?q=d%C3%A2n%20v%E1%BA%ADn",
    }[which]
    page.goto(base_url + url)
    if which == "search":
        page.wait_for_selector("#ck-result-list .ck-result__title", timeout=15_000)
    seen, weak = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS)
        if f is None or not f["visible"]:
            continue
        seen += 1
        # WCAG 2.2 (2.4.7, 2.4.13): a ring at least 2 px thick, 3:1 against what is around it
        if f["style"] in ("none", "hidden") or f["width"] < 2 or f["contrast"] < 3:
            weak.append(f)
    assert seen >= 10, f"only {seen} controls reached with Tab"
    assert not weak, weak[:5]


def test_header_search_box_shows_focus(page, base_url: str) -> None:
    page.goto(base_url)
    page.focus("#ck-q")
    f = page.evaluate(FOCUS)
    assert f["style"] == "solid" and f["width"] >= 2 and f["contrast"] >= 3, f


# -- feedback, abbreviations, order, phone ---------------------------------------------------


def test_plan_offers_the_channels_it_names_without_github(page, base_url: str) -> None:
    page.goto(base_url + HOA_XUAN)
    box = page.locator("aside.ck-actions")
    hrefs = box.locator("a").evaluate_all("as => as.map(a => a.href)")
    channels = [h for h in hrefs if "github.com" not in h]
    assert any(h.startswith("https://gopy.danang.gov.vn") for h in channels), hrefs
    assert "tel:1022" in channels, hrefs
    text = box.inner_text()
    assert "Cổng Góp ý thành phố (Gopy.danang.gov.vn)" in text  # the sentence the channel comes from
    # the GitHub links stay, labelled for editors
    assert "Đề xuất sửa nội dung (cần tài khoản GitHub)" in text


def test_abbreviations_are_explained(page, base_url: str) -> None:
    page.goto(base_url + HOA_XUAN)
    titles = page.eval_on_selector_all(".ck-text abbr", "as => as.map(a => [a.textContent, a.title])")
    assert ["UBND", "Ủy ban nhân dân"] in titles and ["HĐND", "Hội đồng nhân dân"] in titles


def test_appendix_follows_the_signature(page, base_url: str) -> None:
    page.goto(base_url + HOA_XUAN)
    assert page.evaluate("""() => {
        const sign = document.querySelector('.ck-sign'), app = document.querySelector('.ck-appendix h2');
        return !!(sign && app && app.textContent.trim() === 'Phụ lục'
                  && sign.compareDocumentPosition(app) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


@pytest.mark.parametrize("url", ["", HOA_XUAN])
def test_phone_header_keeps_the_site_name(phone, base_url: str, url: str) -> None:
    phone.goto(base_url + url)
    name = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text() == "Công khai"
    assert phone.evaluate(
        "() => { const e = document.querySelector('.md-header__topic .md-ellipsis'); return e.scrollWidth <= e.clientWidth; }"
    ), "the site name is cut"
    assert phone.locator("#ck-q").is_visible()
