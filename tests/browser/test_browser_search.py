"""Search as a reader uses it, in Chromium on the real content: the query set (the page that
must come first, and precision), what results show, the search page, the header box (keyboard,
360 px) and the form without JavaScript."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from bench import search_eval

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def searching(page, base_url: str):
    page.goto(base_url + "tim-kiem/")
    page.wait_for_function("() => window.congkhaiSearch", timeout=15_000)
    return page


def search(page, query: str, **options) -> list[dict]:
    return page.evaluate("([q, o]) => window.congkhaiSearch(q, o)", [query, options])


def html_of(site: Path, url: str) -> str:
    return (site / urlsplit(url).path.strip("/") / "index.html").read_text(encoding="utf-8")


# -- the query set (tests/data/search/queries.yaml) ------------------------------------------


def test_query_set_first_pages_and_precision(searching, built_site: Path) -> None:
    queries = search_eval.load_queries()
    halves = search_eval.evaluate(built_site, queries, page=searching)
    tuning, held = halves["tuning"], halves["held_out"]
    # the questions the ranking was tuned on: every expected page first
    assert tuning["first"] == tuning["asked"], tuning["misses"]
    # questions it never saw while tuning: at least 6 in 7 (issue 14)
    assert held["first"] * 7 >= held["asked"] * 6, held["misses"]
    for h in (tuning, held):  # ≥ 95 % of the results shown hold every word of the question
        assert h["precision"] >= 0.95, h.get("imprecise")
        assert not h["empty"], h["empty"]


# -- Vietnamese: marks, phrases, fallbacks ----------------------------------------------------


def test_the_browser_asks_for_the_tokens_the_index_holds(searching) -> None:
    """search.js writes a query the way builder/site/search.py writes the page (two
    implementations of one rule, compared on words that exercise every part of it)."""
    from builder.site.search import decode, encode_chunk, name_token, pair, runs, token
    from tests.test_search_index import pagefind_key

    text = "Ủy ban nhân dân xã Đại Sơn Hoà Xuân quá hạn 59/2023/NĐ-CP UBTVQH15 café Nguyễn Thị Phượng ĐƯỜNG"
    got = searching.evaluate("q => window.congkhaiSearch.terms(q)", text)
    words = runs(text)
    assert got["exact"] and got["words"] == words
    # the page's key, or the key a prefix of it without the letter saying where the tone is
    # ("Hoà": hoaŋnnf asked, hoaŋnnfc indexed; "Hòa" is hoaŋnnf)
    keys = [pagefind_key(token(w)) for w in words]
    assert [k[: len(u)] for k, u in zip(keys, got["unigrams"], strict=True)] == got["unigrams"]
    assert [k for k in keys if k not in got["unigrams"]] == ["hoaŋnnfc", "cafeŋnnsd"]
    assert got["pairs"] == [pair(a, b) for a, b in pairwise(words)]
    assert got["name"] == name_token(text)
    folded = searching.evaluate("q => window.congkhaiSearch.terms(q)", "dai son 59 nd")
    assert not folded["exact"]
    assert folded["unigrams"] == ["daiŋ", "sonŋ", "59", "ndŋ"]  # prefixes of every marked form
    assert all(
        pagefind_key(token(w)).startswith(t)
        for w, t in zip(["Đại", "Sơn", "59", "NĐ"], folded["unigrams"], strict=True)
    )
    # and spells the page's words back from their tokens as builder/site/search.py does, either
    # tone placement ("Hoà", "thuỷ": the token says where), words it cannot spell kept as written
    words = text + " Hòa thuỷ Thủy người ngoài quốc giữ gì khuya Pokémón ñandú “dân”, (Ủy)."
    indexed = " ".join(encode_chunk(c)[0] for c in words.split())
    assert searching.evaluate("t => window.congkhaiSearch.decode(t)", indexed) == decode(indexed) == words
    glued = "TTŊZNhiemŋcj Danŋnczvanŋcj"  # text nodes Pagefind joined: the same reading
    assert searching.evaluate("t => window.congkhaiSearch.decode(t)", glued) == decode(glued)


def test_a_query_with_marks_finds_those_syllables_only(searching, built_site: Path) -> None:
    res = search(searching, "quá hạn")
    assert res
    for r in res:  # "quả", "quản", "hành" are other words: a page must hold "quá" and "hạn" themselves
        assert search_eval.holds(built_site, r["url"], "quá hạn"), r["url"]
        marked = [s["text"] for s in r["segments"] if s["mark"]]
        assert marked and all(re.sub(r"\W", "", w).lower() in ("quá", "hạn") for w in marked), marked


def test_folded_words_count_only_when_no_page_has_the_marks_typed(searching, built_site: Path) -> None:
    # "vặn" is on no page: the search falls back to the folded words, and says nothing false
    assert not any("vặn" in html_of(built_site, r["url"]) for r in search(searching, "dân vận"))
    res = search(searching, "dân vặn")
    assert res and all(not r["exact"] for r in res)
    assert all(search_eval.holds(built_site, r["url"], "dan van") for r in res)
    # and while exact pages exist, a folded match is not shown at all
    assert all(r["exact"] for r in search(searching, "dân vận"))


def test_the_phrase_comes_before_scattered_words(searching, built_site: Path) -> None:
    res = search(searching, "tiếp công dân")
    assert urlsplit(res[0]["url"]).path == "/van-ban/luat-tiep-cong-dan/", [r["url"] for r in res[:3]]
    first_scattered = next(
        (i for i, r in enumerate(res) if "tiếp công dân" not in html_of(built_site, r["url"]).lower()),
        len(res),
    )
    assert all("tiếp công dân" in html_of(built_site, r["url"]).lower() for r in res[:first_scattered])


def test_two_phrases_side_by_side_come_before_scattered_words(searching, built_site: Path) -> None:
    # "quả quá" stands together nowhere, "kết quả" and "quá hạn" do: the pages holding both
    # phrases come before those holding the four syllables apart
    from builder.base.text import ascii_fold

    def holds(url: str) -> bool:
        words = re.findall(r"\w+", ascii_fold(search_eval.main_text(built_site, url)).lower())
        text = f" {' '.join(words)} "
        return " ket qua " in text and " qua han " in text

    both = [holds(r["url"]) for r in search(searching, "ket qua qua han")]
    assert both[0] and not all(both), both
    assert both == sorted(both, reverse=True), both


def test_numbers_in_every_written_form(searching) -> None:
    for q in ("59/2023/NĐ-CP", "59/2023/nd-cp", "nghị định 59", "nd 59 2023"):
        res = search(searching, q)
        assert res and urlsplit(res[0]["url"]).path == "/van-ban/59-2023-nd-cp/", (q, res[:2])


def test_names_with_and_without_marks_highlight_the_name(searching, built_site: Path) -> None:
    for q in ("Lê Công Đông", "le cong dong"):
        first = search(searching, q)[0]
        assert "Lê Công Đông" in html_of(built_site, first["url"])
        marked = [s["text"].strip(",.;:") for s in first["segments"] if s["mark"]]
        assert marked[:3] == ["Lê", "Công", "Đông"], (q, first["segments"])


# -- what a result shows ----------------------------------------------------------------------


def test_results_say_what_they_are_with_numbers_and_dates(searching, built_site: Path) -> None:
    doc = search(searching, "59/2023/NĐ-CP")[0]
    assert doc["kind"] == "Văn bản" and doc["number"] == "59/2023/NĐ-CP"
    assert re.fullmatch(r"Ban hành \d\d/\d\d/\d{4}", doc["when"]), doc["when"]
    kinds = {
        r["kind"]
        for q in ("dân vận", "UBND xã Đại Sơn", "xã Đại Sơn", "quá hạn")
        for r in search(searching, q)
    }
    assert {"Kế hoạch", "Văn bản", "Cơ quan", "Địa bàn", "Nhiệm vụ"} <= kinds, kinds
    for r in search(searching, "dân vận"):
        if r["kind"] != "Kế hoạch":
            continue
        card = re.sub(
            r"<[^>]+>",
            " ",
            re.search(r'<section class="ck-card".*?</section>', html_of(built_site, r["url"]), re.S).group(0),
        )
        if r["when"].startswith("Ban hành"):  # the issue date, never the period's start as a date
            d, m, y = (int(x) for x in r["when"].split()[-1].split("/"))
            assert f"Ngày ban hành: ngày {d} tháng {m} năm {y}" in " ".join(card.split()), r
        else:
            assert "chưa ghi ngày" in card and r["when"].startswith("Kỳ kế hoạch "), r
            assert re.fullmatch(r"Kỳ kế hoạch \d\d/\d\d/\d{4} – \d\d/\d\d/\d{4}", r["when"]), r


def test_plans_published_here_are_told_apart_from_plans_only_cited(searching) -> None:
    res = search(searching, "kế hoạch 36/KH-UBND")  # a plan cited by the seed plans, not published here
    first = res[0]
    assert urlsplit(first["url"]).path.startswith("/van-ban/") and first["kind"] == "Văn bản", first


def test_a_task_leads_to_its_plan_at_the_task(searching, base_url: str, page) -> None:
    first = search(searching, "mô hình dân vận khéo")[0]
    assert first["kind"] == "Nhiệm vụ" and "#ck-nv-" in first["url"], first
    assert "Mô hình dân vận khéo" in first["title"]
    page.goto(base_url.rstrip("/") + first["url"])
    anchor = urlsplit(first["url"]).fragment
    # the result is titled with the task's name as the plan shows it, not the rest of its row
    assert " ".join(first["title"].split()) == " ".join(page.inner_text(f"#{anchor}").split())


def test_excerpts_carry_no_chrome_and_no_index_tokens(searching) -> None:
    for q in ("dân vận", "nd 59 2023", "dan chu", "UBND xã Đại Sơn", "quá hạn"):
        for r in search(searching, q):
            text = r["title"] + " " + r["excerpt"] + " " + r["context"] + " " + r["when"]
            assert not re.search(r"[↩¶ŋŊħα-κ]", text), (q, text)
            assert "data-pagefind" not in text and "<" not in text, (q, text)


# -- the search page ----------------------------------------------------------------------------


def test_the_page_shows_the_results_in_the_order_of_the_search(page, base_url: str) -> None:
    page.goto(f"{base_url}tim-kiem/?q={quote('dân chủ')}")
    page.wait_for_selector("#ck-result-list .ck-result", timeout=15_000)
    shown = page.eval_on_selector_all(
        "#ck-result-list .ck-result__title", "els => els.map(e => e.getAttribute('href'))"
    )
    assert shown == [r["url"] for r in search(page, "dân chủ")]
    facets = page.inner_text("#ck-facets")
    assert "Mục" in facets and "Kế hoạch" in facets
    counts = re.findall(r"\((\d+)\)", facets)
    assert counts and "0" not in counts, facets  # no facet value without results
    assert "kết quả" in page.inner_text("#ck-status")
    if len(shown) < 20:  # every result is shown: nothing more to ask for
        assert page.locator("#ck-more").is_hidden()


def test_a_facet_narrows_the_results(page, base_url: str) -> None:
    page.goto(f"{base_url}tim-kiem/?q={quote('dân chủ')}")
    page.wait_for_selector("#ck-facets input", timeout=15_000)
    page.get_by_label(re.compile(r"^ Văn bản \(\d+\)$")).check()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#ck-result-list .ck-chip')].every(c => c.textContent === 'Văn bản')"
    )


def test_sort_by_date_newest_first(page, base_url: str, built_site: Path) -> None:
    page.goto(f"{base_url}tim-kiem/?q={quote('kế hoạch')}&sap-xep=moi-nhat")
    page.wait_for_selector("#ck-result-list .ck-result", timeout=15_000)
    hrefs = page.eval_on_selector_all(
        "#ck-result-list .ck-result__title", "els => els.map(e => e.getAttribute('href'))"
    )
    dates = []
    for h in hrefs:
        m = re.search(r'data-pagefind-sort="ngay:([\d-]+)"', html_of(built_site, h))
        if m:
            dates.append(m.group(1))
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True), dates


# -- the header box ------------------------------------------------------------------------------


def _live(page) -> list[dict]:
    page.wait_for_function(
        "() => { const l = document.getElementById('ck-q-list'); return l && !l.hidden; }", timeout=15_000
    )
    return page.eval_on_selector_all(
        "#ck-q-list [role=option]",
        "els => els.map(e => ({id: e.id, href: e.querySelector('a').href, text: e.innerText, selected: e.getAttribute('aria-selected')}))",
    )


def test_header_box_live_results_with_the_keyboard(page, base_url: str, plan_urls: list[str]) -> None:
    page.goto(base_url + plan_urls[0])
    box = page.locator("#ck-q")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.fill("dan van kheo")
    options = _live(page)
    assert 2 <= len(options) <= 6  # at most 5 results and "see all"
    assert box.get_attribute("aria-expanded") == "true"
    assert [o["href"] for o in options[:-1]] == [
        base_url.rstrip("/") + r["url"] for r in search(page, "dan van kheo", limit=5)
    ]
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options[0]["id"]
    assert page.get_attribute(f"#{options[0]['id']}", "aria-selected") == "true"
    box.press("ArrowDown")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options[0]["id"]
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator("#ck-q-list").is_hidden()
    box.press("ArrowDown")  # reopens on the same results
    box.press("Enter")  # opens the chosen result
    page.wait_for_url(options[0]["href"])


def test_header_box_enter_without_a_choice_opens_the_search_page(
    page, base_url: str, plan_urls: list[str]
) -> None:
    page.goto(base_url + plan_urls[0])
    page.fill("#ck-q", "dan van kheo")
    _live(page)
    page.press("#ck-q", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=dan\+van\+kheo"))
    page.wait_for_selector("#ck-result-list .ck-result", timeout=15_000)


def test_header_box_at_360_px(phone, base_url: str, plan_urls: list[str]) -> None:
    phone.goto(base_url + plan_urls[0])
    phone.fill("#ck-q", "dân vận")
    _live(phone)
    box = phone.locator("#ck-q-list").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert phone.locator("#ck-q").is_visible()
    first = phone.locator("#ck-q-list [role=option] a").first
    assert first.is_visible() and first.bounding_box()["height"] >= 24  # a finger can hit it


def test_without_javascript_the_form_opens_the_search_page(
    browser, base_url: str, plan_urls: list[str]
) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(base_url + plan_urls[0])
        page.fill("#ck-q", "dân vận")
        page.press("#ck-q", "Enter")
        page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
        assert "q=d%C3%A2n+v%E1%BA%ADn" in page.url
        text = page.inner_text("main")
        assert "cần JavaScript" in text and "danh sách kế hoạch" in text
    finally:
        ctx.close()
