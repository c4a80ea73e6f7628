"""The real site's document pages, names and legal notices (issue 13, issue 15 item 4), read from
the repository's content built once per session (tests.factories.real_site).

What a reader notices: a law's page names it and shows when it took effect, its status and the
acts that amended it, each with a source; no date, status or address appears that content/ does
not source; plans are named by what they are, never "Kế hoạch (chưa có số)".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from builder.content import corpus as corpus_mod
from builder.content.names import fact
from tests.factories import REFERENCE_DATE, real_site

pytestmark = pytest.mark.slow

LAWS = {
    "luat-tiep-cong-dan": "Luật Tiếp công dân (số 42/2013/QH13)",
    "luat-khieu-nai": "Luật Khiếu nại (số 02/2011/QH13)",
    "luat-to-cao": "Luật Tố cáo (số 25/2018/QH14)",
    "luat-thuc-hien-dan-chu-o-co-so": "Luật Thực hiện dân chủ ở cơ sở (số 10/2022/QH15)",
    "bo-luat-lao-dong": "Bộ luật Lao động (số 45/2019/QH14)",
}
DECREES = {"59-2023-nd-cp": "15/8/2023", "61-2023-nd-cp": "16/8/2023", "118-2025-nd-cp": "1/7/2025"}
# amended laws: the acts their pages must name, with the effective date where a source gives it
AMENDED = {
    "luat-tiep-cong-dan": [("136/2025/QH15", "1/7/2026")],
    "luat-khieu-nai": [("136/2025/QH15", "1/7/2026"), ("42/2013/QH13", "1/7/2014"), ("81/2025/QH15", None)],
    "luat-to-cao": [("136/2025/QH15", "1/7/2026"), ("59/2020/QH14", "1/1/2021"), ("84/2025/QH15", None)],
    "luat-thuc-hien-dan-chu-o-co-so": [("97/2025/QH15", "1/7/2025"), ("47/2024/QH15", None)],
    "bo-luat-lao-dong": [("71/2025/QH15", "1/1/2026")],
}
DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")


@pytest.fixture(scope="module")
def root() -> Path:
    return real_site()


@pytest.fixture(scope="module")
def site(root: Path) -> Path:
    return root / "site"


@pytest.fixture(scope="module")
def corpus(root: Path) -> corpus_mod.Corpus:
    return corpus_mod.load(root)


def page(site: Path, url: str) -> lxml_html.HtmlElement:
    return lxml_html.parse(str(site / url / "index.html")).getroot()


def text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def section(doc: lxml_html.HtmlElement, heading_id: str) -> lxml_html.HtmlElement:
    (h,) = doc.xpath(f'//*[@id="{heading_id}"]')
    return h.getparent()


def row(doc: lxml_html.HtmlElement, label: str) -> lxml_html.HtmlElement:
    (dd,) = doc.xpath(f'//dt[normalize-space()="{label}:"]/following-sibling::dd[1]')
    return dd


def test_law_pages_name_the_law_and_show_force_with_sources(site: Path) -> None:
    for slug, name in LAWS.items():
        doc = page(site, f"van-ban/{slug}")
        assert text(doc.xpath("//h1")[0]) == name
        effective = row(doc, "Ngày có hiệu lực")
        assert re.search(r"ngày \d+ tháng \d+ năm \d{4}", text(effective)), slug
        assert effective.xpath('.//sup[@class="ck-src"]/a[starts-with(@href, "#ck-nguon-")]'), slug
        status = row(doc, "Tình trạng hiệu lực")
        assert text(status).startswith("Còn hiệu lực (tính đến tháng 11/2026)"), slug
        assert "suy luận" in text(status), slug  # the compilers inferred it: shown as such
        for a in status.xpath('.//sup[@class="ck-src"]/a'):  # each mark leads to its source
            assert doc.xpath(f'//*[@id="{a.get("href")[1:]}"]'), slug


def test_decree_pages_show_their_effective_date_and_status_or_say_none_is_known(site: Path) -> None:
    for slug, date in DECREES.items():
        doc = page(site, f"van-ban/{slug}")
        eff = row(doc, "Ngày có hiệu lực")
        d, m, y = date.split("/")
        assert f"ngày {d} tháng {m} năm {y}" in text(eff) and eff.xpath('.//sup[@class="ck-src"]'), slug
    assert text(row(page(site, "van-ban/59-2023-nd-cp"), "Tình trạng hiệu lực")).startswith(
        "Còn hiệu lực (tính đến năm 2025)"
    )
    assert text(row(page(site, "van-ban/118-2025-nd-cp"), "Tình trạng hiệu lực")).startswith("Còn hiệu lực")
    # nobody found the status of 61/2023/NĐ-CP: the page says so instead of guessing
    assert (
        text(row(page(site, "van-ban/61-2023-nd-cp"), "Tình trạng hiệu lực"))
        == "chưa xác định (chưa tìm thấy nguồn)"
    )


def test_amended_laws_show_their_amending_acts_with_effective_dates(site: Path) -> None:
    for slug, acts in AMENDED.items():
        doc = page(site, f"van-ban/{slug}")
        rel = section(doc, "ck-luoc-do")
        heading = rel.xpath('.//dt[normalize-space()="Được sửa đổi, bổ sung bởi"]')
        assert heading, slug
        items = [text(dd) for dd in rel.xpath(".//dd")]
        for number, when in acts:
            (item,) = [i for i in items if number in i]
            assert (f"có hiệu lực từ {when}" in item) if when else ("có hiệu lực" not in item), (slug, item)
        timeline = text(section(doc, "ck-hieu-luc"))
        assert "Quá trình hiệu lực" in timeline and "Được sửa đổi, bổ sung bởi" in timeline
    # and the other way round: the amending act's page says what it amends
    law136 = page(site, "van-ban/136-2025-qh15")
    amends = [text(dd) for dd in section(law136, "ck-luoc-do").xpath(".//dd")]
    assert sorted(a.split(" (số")[0] for a in amends) == [
        "Luật Khiếu nại",
        "Luật Tiếp công dân",
        "Luật Tố cáo",
    ]


def test_lists_and_titles_name_laws_by_name(site: Path) -> None:
    seen = 0
    for url in ("van-ban", "loai/luat", "loai/bo-luat", "co-quan/quoc-hoi"):
        anchors = page(site, url).xpath("//article//a")
        for slug, name in LAWS.items():
            mine = [text(a) for a in anchors if f"{slug}/" in (a.get("href") or "")]
            assert all(x == name for x in mine), (url, mine)
            seen += len(mine)
        assert not [x for x in map(text, anchors) if re.match(r"(Bộ )?[Ll]uật \d+/\d{4}/QH\d+", x)], url
    assert seen >= 10
    for slug, name in LAWS.items():
        assert page(site, f"van-ban/{slug}").xpath("//title")[0].text.startswith(name)


def test_corrected_facts_are_shown_with_the_old_form(site: Path) -> None:
    q = page(site, "van-ban/2870-qd-ubnd")
    assert "ngày 28 tháng 8 năm 2021" in text(row(q, "Ngày ban hành"))
    assert "2870/QĐ-UBND ngày 28/6/2021" in text(row(q, "Được trích dẫn là"))
    r = page(site, "van-ban/11-qd-tw")  # the old URL keeps working
    assert text(r.xpath("//h1")[0]) == "Quy định 11-QĐi/TW"
    assert "11-QĐ/TW" in text(row(r, "Được trích dẫn là"))
    # the plan that prints the old form links to it
    plan = page(site, "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son")
    a = plan.xpath(
        '//div[@class="ck-text" or contains(@class, "ck-text")]//a[contains(@href, "van-ban/11-qd-tw/")] | //section[contains(@class, "ck-text")]//a[contains(@href, "van-ban/11-qd-tw/")]'
    )[0]
    assert a.get("title").startswith("Quy định 11-QĐi/TW: về trách nhiệm")


def test_a_plan_whose_basis_includes_an_amended_law_shows_the_point_in_time_notice(site: Path) -> None:
    plan = page(site, "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son")
    legal = text(section(plan, "ck-hieu-luc-can-cu"))
    assert (
        "Khi ban hành kế hoạch, Luật Thực hiện dân chủ ở cơ sở (số 10/2022/QH15) đã được sửa đổi, bổ sung "
        "bởi Luật sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam, Luật Công đoàn, Luật Thanh "
        "niên và Luật Thực hiện dân chủ ở cơ sở (số 97/2025/QH15) (có hiệu lực từ 1/7/2025)."
    ) in legal
    assert (
        "Đối chiếu theo ngày ban hành của kế hoạch (kế hoạch chưa ghi ngày ban hành; căn cứ Quyết định "
        "3177/QĐ-UBND ngày 6/8/2025 nên ban hành sau ngày đó) và ngày đối chiếu của trang (ngày 4 tháng 8 năm 2025)"
    ) in legal
    # the laws it only mentions: listed apart, as information, as known on the reference date
    cited = text(plan.xpath('//details[@class="ck-legal__cited"]')[0])
    assert (
        "Luật Khiếu nại (số 02/2011/QH13) đã được sửa đổi, bổ sung bởi Luật số 81/2025/QH15 (chưa rõ ngày có hiệu lực)"
    ) in cited
    assert "136/2025/QH15" not in cited  # passed on 10/12/2025, after this site's reference date


def test_no_plan_is_called_without_a_name(site: Path) -> None:
    """Issue 15 item 4: lists, chains, link texts, feeds and feedback titles name every plan."""
    files = [*site.rglob("*.html"), site / "feed.xml", site / "lich.ics", *site.glob("api/*.json")]
    bad = [str(f.relative_to(site)) for f in files if "(chưa có số)" in f.read_text(encoding="utf-8")]
    assert not bad
    plans = page(site, "ke-hoach")
    names = [
        text(a) for a in plans.xpath("//article//a") if re.match(r"20\d\d/[a-z0-9-]+/$", a.get("href") or "")
    ]
    assert "Kế hoạch của UBND xã Đại Sơn về công tác dân vận chính quyền 6 tháng cuối năm 2025" in names
    assert len(names) == len(set(names)) == 5
    hx = page(site, "ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan")
    assert "được trích dẫn là 16/KH-UBND ngày 21/7/2025" in text(hx.xpath('//p[@class="ck-kicker"]')[0])
    assert "Nguồn: Biên tập viên xác nhận" in text(row(hx, "Số, ký hiệu"))
    feedback = [
        a.get("href")
        for a in site.joinpath("ke-hoach").rglob("index.html")
        for a in lxml_html.parse(str(a)).getroot().xpath('//a[contains(@href, "/issues/new?title=")]')
    ]
    assert feedback and all(
        "Kế hoạch%20của%20" in h or "Kế hoạch%20c%E1%BB%A7a" in h or "K%E1%BA%BF" in h for h in feedback
    )


def _content_dates(corpus: corpus_mod.Corpus, rec: corpus_mod.DocumentRecord) -> set[dt.date]:
    """Every date a document page may show: the entry's sourced facts, the sourced dates of the
    documents it is related to, the dates of its `cited_as`, the reference date."""
    by_key = {r.key: r for r in corpus.documents}
    d = rec.doc
    out = {x for x in (fact(d, "issued"), fact(d, "effective")) if x}
    # a sourced inference is shown too, marked "suy luận" (checked below)
    out |= {getattr(d, f) for f in ("issued", "effective") if getattr(d, f) and d.sourced(f)}
    out |= {c.issued for c in d.cited_as if c.issued}
    for other in by_key.values():
        for r in other.doc.relations if other.doc.sourced("relations") else []:
            if rec.key in (other.key, r.ref):
                out |= {
                    x for x in (r.effective, fact(other.doc, "effective"), fact(other.doc, "issued")) if x
                }
                target = by_key[r.ref].doc
                out |= {x for x in (fact(target, "issued"), fact(target, "effective")) if x}
    out.add(dt.date.fromisoformat(REFERENCE_DATE))
    return out


def _dates(s: str) -> set[dt.date]:
    out = set()
    for m in DATE.finditer(s):
        d, mo, y = (
            (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        )
        out.add(dt.date(int(y), int(mo), int(d)))
    return out


def test_no_date_status_or_address_on_document_pages_without_a_source(
    site: Path, corpus: corpus_mod.Corpus
) -> None:
    """Every date and external address on a document page (outside the plans' own sentences, the
    sources' quotes and the titles) is a fact of content/ with its source; every status shown is
    the entry's sourced status."""
    checked = 0
    for rec in corpus.documents:
        doc = page(site, rec.url)
        art = doc.xpath("//article")[0]
        for drop in art.xpath(
            './/section[@aria-labelledby="ck-duoc-trich-dan"] | .//section[@aria-labelledby="ck-nguon"]'
        ):
            drop.getparent().remove(drop)  # plans' sentences; sources quoted as they are
        for drop in art.xpath(
            './/h1 | .//p[@class="ck-lead"] | .//p[@class="ck-kicker"] | .//*[@data-pagefind-meta]'
        ):
            drop.getparent().remove(drop)  # names and trích yếu may contain dates ("ngày 18-2-2019")
        shown = set()
        for el in art.xpath(".//dd | .//li | .//output"):
            shown |= _dates(" ".join(el.itertext()))
        allowed = _content_dates(corpus, rec)
        # dates inside names: related documents' titles, agencies' ("… (trước ngày 01/7/2025)")
        titles = " ".join(
            [
                *(r.doc.title or "" for r in corpus.documents),
                *(a.agency.name for a in corpus.agencies.values()),
            ]
        )
        extra = {x for x in shown - allowed if x not in _dates(titles)}
        assert not extra, (rec.path, sorted(extra))
        d = rec.doc
        urls = {str(u) for u in (fact(d, "source_url"), *(c.url for c in d.copies)) if u}
        repo = corpus.config.repo_url or "-"
        for a in art.xpath(".//a[starts-with(@href, 'http')]"):
            href = a.get("href")
            assert href in urls or href.startswith(repo + "/"), (rec.path, href)  # or "edit this page"
        for f, label in (
            ("issued", "Ngày ban hành"),
            ("effective", "Ngày có hiệu lực"),
            ("status", "Tình trạng hiệu lực"),
        ):
            if getattr(d, f) and d.inferred(f):
                assert "suy luận" in text(row(doc, label)), (rec.path, f)
        status = doc.xpath('//dt[normalize-space()="Tình trạng hiệu lực:"]/following-sibling::dd[1]')
        if d.status and d.sourced("status"):
            assert text(status[0]).lower().startswith(d.status), rec.path
        else:
            assert not status or "chưa xác định" in text(status[0]), rec.path
        checked += 1
    assert checked == len(corpus.documents) >= 65


def test_no_unsourced_fact_in_the_documents_export(site: Path, corpus: corpus_mod.Corpus) -> None:
    by_key = {r.key: r.doc for r in corpus.documents}
    for item in json.loads((site / "api" / "documents.json").read_text(encoding="utf-8")):
        d = by_key[item["key"]]
        for field in ("issued", "effective", "status", "source_url", "signer"):
            if item[field] is not None:
                assert d.sourced(field), (item["key"], field)
                assert str(getattr(d, field)).rstrip("/") == str(item[field]).rstrip("/"), (
                    item["key"],
                    field,
                )
        assert item["name"] and "(chưa có số)" not in item["name"]
    law = next(
        x
        for x in json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
        if x["key"] == "luat-tiep-cong-dan"
    )
    assert law["name"] == LAWS["luat-tiep-cong-dan"] and law["inferred"] == ["status"]
    assert {
        "relation": "sua-doi",
        "direction": "in",
        "key": "136/2025/QH15",
        "effective": "2026-07-01",
        "part": None,
    } in law["relations"]
