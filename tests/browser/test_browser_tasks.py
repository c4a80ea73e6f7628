"""Real browser: the "Nhiệm vụ" page as a supervisor's tool, and the printable notices.

Two builds of the repository's content: the real site (as `make site` makes it) and a copy with
two progress reports and a later reference date (tests/factories.py reported_site: tasks done,
done late, overdue with and without a report). What each filter should keep is worked out here
from api/tasks.json and the corpus, not from the cards' own attributes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import zxingcpp
from PIL import Image

from builder.content import corpus as corpus_mod
from builder.content import localities
from tests._hardening import serve
from tests.factories import PUBLIC_URL, published_site, reported_site

pytestmark = pytest.mark.browser

VISIBLE_HOOKS = "Array.from(document.querySelectorAll('#nv-cards > li')).filter(li => !li.hidden).map(li => li.dataset.task)"


@pytest.fixture(scope="module")
def reported() -> Iterator[tuple[str, Path]]:
    root = reported_site()
    with serve(root / "site") as url:
        yield url, root


@pytest.fixture(scope="module")
def sites(reported: tuple[str, Path], base_url: str, built_site: Path) -> dict[str, tuple[str, Path]]:
    return {"real": (base_url, built_site.parent), "reported": reported}


def _tasks(root: Path) -> list[dict]:
    return json.loads((root / "site/api/tasks.json").read_text(encoding="utf-8"))


def _hook(t: dict) -> str:
    return f"{t['plan']['key']}#{t['id']}"


def _expected(root: Path, query: dict[str, str]) -> set[str]:
    """The tasks a query keeps, from the open data and the corpus (not from the page)."""
    corpus = corpus_mod.load(root)
    issuer = {r.key: r.plan.issuer for r in corpus.plans if r.plan is not None}
    out = set()
    for t in _tasks(root):
        unit = localities.agency_unit(corpus.agencies, issuer[t["plan"]["key"]])
        places = {unit.code, unit.province_code} if unit else set()
        months = set() if t["recurring"] else {d[:7] for d in [*t["due_dates"], t["due_end"]] if d}
        checks = {
            "tinh-trang": lambda v, t=t: t["status"] == v,
            "dia-ban": lambda v, places=places: v in places,
            "co-quan": lambda v, t=t: v in t["lead_agencies"],
            "ke-hoach": lambda v, t=t: t["plan"]["key"] == v,
            "thang": lambda v, months=months: v in months,
        }
        if all(checks[k](v) for k, v in query.items()):
            out.add(_hook(t))
    return out


@pytest.mark.parametrize("which", ["real", "reported"])
def test_overdue_filter_shows_exactly_the_overdue_tasks(browser, sites, which: str) -> None:
    url, root = sites[which]
    overdue = {_hook(t) for t in _tasks(root) if t["overdue"]}
    assert overdue  # both builds have overdue tasks (1 and 15)
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(url + "nhiem-vu/?tinh-trang=qua-han")
    assert set(pg.evaluate(VISIBLE_HOOKS)) == overdue
    assert pg.text_content("#nv-count") == str(len(overdue))
    assert pg.input_value("select[name=tinh-trang]") == "qua-han"
    assert f"{len(overdue)} nhiệm vụ khớp các điều kiện: tình trạng “Quá hạn”" in pg.text_content("#nv-intro")
    assert not errors
    pg.close()


COMBINATIONS = [
    {"tinh-trang": "qua-han", "dia-ban": "31"},
    {"co-quan": "phong-van-hoa-xa-hoi-xa-dai-son"},
    {"dia-ban": "48", "tinh-trang": "thuong-xuyen"},
    {"thang": "2025-08"},
    {
        "ke-hoach": "van-phong-ubnd-tp-can-tho-2025-thuc-hien-quy-che-dan-chu-o-co-so-va-cong-tac-dan-van-chinh",
        "thang": "2025-12",
    },
    {
        "tinh-trang": "hoan-thanh",
        "dia-ban": "11086",
        "co-quan": "phong-van-hoa-xa-hoi-xa-dai-son",
        "ke-hoach": "ubnd-xa-dai-son-hai-phong-2025-trien-khai-thuc-hien-cong-tac-dan-van-chinh-quyen-6-thang-xa",
        "thang": "2025-09",
    },
    {"tinh-trang": "hoan-thanh", "dia-ban": "92"},  # nothing: the page says so
]


@pytest.mark.parametrize("query", COMBINATIONS, ids=lambda q: ",".join(q))
def test_each_filter_combination_round_trips_through_the_url(
    browser, reported, query: dict[str, str]
) -> None:
    url, root = reported
    expected = _expected(root, query)
    pg = browser.new_page()
    pg.goto(url + "nhiem-vu/")
    for k, v in query.items():  # chosen in the form, as a reader does
        pg.select_option(f"select[name={k}]", v)
    shown = set(pg.evaluate(VISIBLE_HOOKS))
    assert shown == expected
    assert dict(parse_qsl(urlsplit(pg.url).query)) == query  # the view is in the address
    assert pg.is_visible("#nv-empty") == (not expected)
    link = pg.url
    pg.close()
    again = browser.new_page()  # the link reproduces the view
    again.goto(link)
    assert set(again.evaluate(VISIBLE_HOOKS)) == expected
    assert {k: again.input_value(f"select[name={k}]") for k in query} == query
    again.click("button[type=reset]")
    again.wait_for_function(
        "document.getElementById('nv-count').textContent === String(document.querySelectorAll('#nv-cards > li').length)"
    )
    assert urlsplit(again.url).query == ""
    again.close()


def test_a_link_with_every_filter_in_contract_order(browser, reported) -> None:
    """The contract's URL, ?tinh-trang=&dia-ban=&co-quan=&ke-hoach=&thang=YYYY-MM, opened as written."""
    url, root = reported
    query = COMBINATIONS[5]
    pg = browser.new_page()
    pg.goto(url + "nhiem-vu/?" + urlencode(query))
    assert set(pg.evaluate(VISIBLE_HOOKS)) == _expected(root, query) != set()
    pg.close()


@pytest.mark.parametrize("which", ["real", "reported"])
@pytest.mark.parametrize("query", ["", "?tinh-trang=qua-han"])
def test_phone_360px_cards_show_status_and_deadline(browser, sites, which: str, query: str) -> None:
    url, _ = sites[which]
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(url + "nhiem-vu/" + query)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    cards = pg.locator("#nv-cards > li:visible")
    assert cards.count() > 0
    for i in range(cards.count()):
        card = cards.nth(i)
        for part in (".nv-card__status", ".nv-card__due"):
            box = card.locator(part).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (i, part, box)
    ctx.close()


def test_the_page_lists_every_task_without_javascript(browser, reported) -> None:
    url, root = reported
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(url + "nhiem-vu/?tinh-trang=qua-han")
    assert set(pg.evaluate(VISIBLE_HOOKS)) == {_hook(t) for t in _tasks(root)}
    assert not pg.is_visible("#nv-filter")  # the filters need the script: hidden without it
    ctx.close()


@pytest.mark.parametrize(
    "path",
    [
        "nhiem-vu/",
        "nhiem-vu/?tinh-trang=qua-han",
        "co-quan/phong-van-hoa-xa-hoi-xa-dai-son/",
        "co-quan/ubnd-xa-dai-son-hai-phong/",
        "bao-cao/2025/bc-45-dai-son-quy-3/",
        "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/",
        "cong-khai/",
    ],
)
def test_no_serious_accessibility_violations(browser, reported, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    url, _ = reported
    pg = browser.new_page()
    pg.goto(url + path)
    res = Axe().run(pg)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in res.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad
    pg.close()


def _sheets(html: str) -> int:
    return html.count('class="niem-yet__sheet')


def test_notices_print_one_page_per_sheet_with_a_scannable_qr(browser) -> None:
    import pypdf

    site = published_site() / "site"
    notices = sorted(p.parent.relative_to(site).as_posix() for p in (site / "niem-yet").rglob("index.html"))
    assert len(notices) == 5
    with serve(site) as url:
        ctx = browser.new_context(viewport={"width": 794, "height": 1123})
        pg = ctx.new_page()
        for rel in notices:
            pg.goto(f"{url}{rel}/")
            pg.emulate_media(media="print")
            pdf = pypdf.PdfReader(io.BytesIO(pg.pdf(format="A4", prefer_css_page_size=True)))
            html = (site / rel / "index.html").read_text(encoding="utf-8")
            assert len(pdf.pages) == _sheets(html), rel  # each sheet fits on its page, none spills
            shot = Image.open(io.BytesIO(pg.screenshot()))
            texts = [b.text for b in zxingcpp.read_barcodes(shot)]
            assert texts == [PUBLIC_URL + "ke-hoach/" + rel.removeprefix("niem-yet/") + "/"], rel
            pg.emulate_media(media="screen")
        ctx.close()


def test_preview_notices_are_stamped_and_print_without_a_qr(browser, reported) -> None:
    url, _root = reported
    pg = browser.new_page()
    pg.goto(url + "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/")
    assert pg.is_visible("text=BẢN XEM THỬ — KHÔNG DÙNG ĐỂ NIÊM YẾT")
    shot = Image.open(io.BytesIO(pg.screenshot(full_page=True)))
    assert zxingcpp.read_barcodes(shot) == []
    assert re.search(r"Hoàn thành", pg.text_content("table.niem-yet__tasks"))  # the reported status
    pg.close()
