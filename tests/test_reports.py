"""Progress reports (content/bao-cao/): a report moves its tasks to the reported status on every
page, export and notice; each validator rule refuses a broken report with its code and line.

The reports are test data (tests/factories.py REPORTS), never content: no report is invented for
the seed plans."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from builder import flow
from builder.content import corpus as corpus_mod
from tests.conftest import ROOT
from tests.factories import DAI_SON_PLAN, project, reported_site

pytestmark = pytest.mark.slow

DAI_SON = "ubnd-xa-dai-son-hai-phong-2025-trien-khai-thuc-hien-cong-tac-dan-van-chinh-quyen-6-thang-xa"
REPORT_URL = "bao-cao/2025/bc-45-dai-son-quy-3/"
REPORT_LABEL = "Báo cáo số 45/BC-UBND ngày 30/9/2025"


@pytest.fixture(scope="module")
def site() -> Path:
    return reported_site() / "site"


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _hooked(html: str, hook: str) -> tuple[str, str]:
    """(data-status, the element's HTML) of the row or card whose data-task is `hook`."""
    m = re.search(
        rf'<(tr|li)[^>]*data-task="{re.escape(hook)}"[^>]*data-status="([^"]+)"[^>]*>(.*?)</\1>', html, re.S
    )
    assert m, hook
    return m.group(2), m.group(3)


def test_no_report_is_invented_for_the_seed_plans(root: Path) -> None:
    assert not list((root / "content").rglob("bao-cao/**/*.md"))


def test_a_report_moves_its_tasks_everywhere(site: Path) -> None:
    tasks = {(t["plan"]["key"], t["id"]): t for t in json.loads((site / "api/tasks.json").read_text("utf-8"))}
    done = tasks[(DAI_SON, "2")]
    assert done["status"] == "hoan-thanh" and done["reported_status"] == "hoan-thanh" and not done["late"]
    assert done["evidence"]["report"]["url"] == "/" + REPORT_URL  # the report is the evidence
    assert done["evidence"]["date"] == "2025-09-03" and done["as_of"] == "2026-01-15"
    hook = f"{DAI_SON}#2"
    pages = {
        "plan page": _html(site, DAI_SON_PLAN + "/"),
        "Nhiệm vụ": _html(site, "nhiem-vu/"),
        "agency page": _html(site, "co-quan/phong-van-hoa-xa-hoi-xa-dai-son/"),
        "notice": _html(site, "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/"),
    }
    for where, html in pages.items():
        status, element = _hooked(html, hook)
        assert status == "hoan-thanh", where
        assert "Hoàn thành" in _text(element), where
        assert "tính đến ngày 15/1/2026" in _text(html), where
    for where in ("plan page", "Nhiệm vụ", "agency page"):
        _, element = _hooked(pages[where], hook)
        assert REPORT_LABEL in _text(element), where  # "theo Báo cáo số … ngày …"
        assert re.search(r'href="[^"]*bao-cao/2025/bc-45-dai-son-quy-3/"', element), where


def test_done_late_and_reported_but_overdue(site: Path) -> None:
    tasks = {(t["plan"]["key"], t["id"]): t for t in json.loads((site / "api/tasks.json").read_text("utf-8"))}
    late = tasks[(DAI_SON, "7")]  # due 30/8/2025, done 10/9/2025
    assert (late["status"], late["late"], late["status_label"]) == (
        "hoan-thanh",
        True,
        "Hoàn thành (trễ hạn)",
    )
    behind = tasks[(DAI_SON, "13")]  # due August, reported in progress on 30/9 (the report's date)
    assert (
        behind["status"] == "qua-han" and behind["overdue"] and behind["reported_status"] == "dang-thuc-hien"
    )
    assert behind["status_label"] == "Quá hạn — đang thực hiện" and behind["evidence"]["date"] == "2025-09-30"
    silent = tasks[(DAI_SON, "4")]  # Quý III, IV/2025, nothing reported
    assert silent["status_label"] == "Quá hạn — chưa có báo cáo" and silent["evidence"] is None
    assert tasks[(DAI_SON, "11")]["status"] == "thuong-xuyen"  # recurring: never overdue
    # the ward's report by the unit that leads the task: found by the number the plan is cited by
    hx = next(t for (k, i), t in tasks.items() if k.startswith("ubnd-phuong-hoa-xuan") and i == "1")
    assert hx["status"] == "hoan-thanh" and hx["evidence"]["report"]["number"] == "20/BC-VHXH"


def test_plan_page_answers_first(site: Path) -> None:
    html = _html(site, DAI_SON_PLAN + "/")
    head = _text(html.split('class="ck-card"', 1)[0])
    # the summary counts, worked out by hand from the plan and the report
    assert (
        "13 nhiệm vụ · 2 hoàn thành · 3 quá hạn, chưa có báo cáo · 2 quá hạn, báo cáo chưa xong "
        "· 6 thường xuyên — tính đến ngày 15/1/2026" in head
    )
    assert "Kỳ kế hoạch đã kết thúc ngày 31/12/2025." in head
    assert f"Báo cáo kết quả thực hiện gần nhất: {REPORT_LABEL} của UBND xã Đại Sơn" in head
    assert "Sản phẩm: Kế hoạch, báo cáo" in _text(html)  # task 2's expected output
    # the same counts in the lists of plans and on the home page
    for url in ("ke-hoach/", "ke-hoach/2025/", ""):
        assert "13 nhiệm vụ · 2 hoàn thành · 3 quá hạn, chưa có báo cáo" in _text(_html(site, url)), url


def test_report_page(site: Path) -> None:
    html = _html(site, REPORT_URL)
    text = _text(html)
    assert REPORT_LABEL in text and "Ủy ban nhân dân xã Đại Sơn" in text
    assert re.search(r'href="[^"]*ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/"', html)
    rows = re.findall(r'<tr data-task="([^"]+)" data-status="([^"]+)"', html)
    assert [(unescape(h).split("#")[1], s) for h, s in rows] == [
        ("2", "hoan-thanh"),
        ("7", "hoan-thanh"),
        ("13", "dang-thuc-hien"),
        ("10", "dang-thuc-hien"),
    ]
    assert "https://daison.example.vn/ke-hoach-tuyen-truyen.pdf" in html  # evidence
    assert re.search(r'href="[^"]*van-ban/59-2023-nd-cp/"', html)  # its citations are linked


def test_reports_export_validates_against_its_schema(site: Path) -> None:
    schema = json.loads((site / "api/reports.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "api/reports.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert [r["number"] for r in data] == ["20/BC-VHXH", "45/BC-UBND"]
    assert data[1]["reports_on"][0]["key"] == DAI_SON
    for name in ("tasks", "plans"):  # with reports, the tasks and plans still match their schemas
        schema = json.loads((site / f"api/{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(json.loads((site / f"api/{name}.json").read_text(encoding="utf-8")), schema)


# -- the validator: each rule with a broken report ---------------------------------------------

PLAN = """---
number: 16/KH-UBND
issued: 2025-07-21
issuer: ubnd-phuong-hoa-xuan
title: Kế hoạch thử
period: {start: 2025-07-01, end: 2025-12-31}
tasks:
  - {id: "1", name: Việc một, lead: Phòng VH-XH, due: Tháng 7/2025}
  - {id: "2", name: Việc hai, lead: UBND phường Hòa Xuân, due: Tháng 9/2025,
     updates: [{date: 2025-08-01, note: Bắt đầu, status: dang-thuc-hien}]}
---

Nội dung.
"""
REPORT = """---
number: 5/BC-UBND
{issued}
issuer: {issuer}
title: Báo cáo thử
reports_on: {on}
results:
{results}
---

Báo cáo.
"""
OK_RESULT = "  - {task: 2, status: hoan-thanh, date: 2025-09-20, note: Xong}"


def _analyze(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **fields: str) -> tuple[object, list]:
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-10-01")
    values = {
        "issued": "issued: 2025-09-30",
        "issuer": "ubnd-phuong-hoa-xuan",
        "on": "16/KH-UBND",
        "results": OK_RESULT,
    }
    values.update(fields)
    files = {
        f"content/co-quan/{a}.md": (ROOT / "content/co-quan" / f"{a}.md").read_text(encoding="utf-8")
        for a in ("ubnd-phuong-hoa-xuan", "phong-van-hoa-xa-hoi-phuong-hoa-xuan", "ubnd-tp-da-nang")
    }
    files["content/ke-hoach/2025/kh.md"] = PLAN
    files["content/bao-cao/2025/bc.md"] = REPORT.format(**values)
    root = project(tmp_path / "p", content=None, files=files, mkdocs="site_name: t\n", templates=False)
    c = corpus_mod.load(root)
    d = flow.run(c, validate=False)
    return d, [x for x in d.diagnostics if x.file == "content/bao-cao/2025/bc.md"]


def _codes(diags: list) -> list[tuple[str, str, int]]:
    return [(x.code, x.severity, x.line) for x in diags]


def test_a_good_report_has_no_diagnostic_and_wins_over_the_plans_own_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d, diags = _analyze(tmp_path, monkeypatch)
    assert diags == []
    t = {x.id: x for x in d.tasks["16/KH-UBND"]}
    assert t["2"].status == "hoan-thanh" and t["2"].source.report.number == "5/BC-UBND"
    assert [r.status for r in t["2"].results] == ["dang-thuc-hien", "hoan-thanh"]  # the history keeps both
    assert t["1"].status == "qua-han"  # July, nothing reported


@pytest.mark.parametrize(
    ("fields", "code", "line", "words"),
    [
        ({"on": "17/KH-UBND"}, "CK110", 6, "17/KH-UBND"),
        ({"results": "  - {task: 9, status: hoan-thanh, note: Xong}"}, "CK111", 8, "“9”"),
        ({"results": "  - {task: 2, status: xong, note: Xong}"}, "CK112", 8, "“xong”"),
        (
            {
                "results": "  - {task: 2, status: hoan-thanh, date: 2025-09-30, note: Xong}",
                "issued": "issued: 2025-09-15",
            },
            "CK113",
            8,
            "30/9/2025",
        ),
        (
            {
                "results": "  - {task: 2, status: hoan-thanh, date: 2025-12-01, note: Xong}",
                "issued": "issued: 2025-12-05",
            },
            "CK114",
            3,
            "5/12/2025",
        ),  # a report from the future (after 1/10/2025)
        ({"issuer": "ubnd-tp-da-nang"}, "CK115", 6, "UBND thành phố Đà Nẵng"),
        ({"issued": "# chưa có ngày"}, "CK116", 1, "chưa có ngày ban hành"),
    ],
)
def test_each_rule_refuses_a_broken_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fields: dict[str, str], code: str, line: int, words: str
) -> None:
    d, diags = _analyze(tmp_path, monkeypatch, **fields)
    found = [x for x in diags if x.code == code]
    assert found, _codes(diags)
    assert found[0].line == line and words in found[0].message, found[0]
    assert found[0].severity == ("warning" if code == "CK116" else "error")
    t = {x.id: x for x in d.tasks.get("16/KH-UBND", [])}
    if code in ("CK112", "CK113", "CK114"):  # a rejected result never sets a status
        assert t["2"].reported_status == "dang-thuc-hien"


def test_a_result_dated_in_the_future_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, diags = _analyze(
        tmp_path,
        monkeypatch,
        results="  - {task: 2, status: hoan-thanh, date: 2025-10-02, note: X}",
        issued="issued: 2025-10-01",
    )
    assert [(x.code, x.line) for x in diags if x.code.startswith("CK11")] == [("CK113", 8)]
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-09-01")
    c = corpus_mod.load(tmp_path / "p")
    diags = [
        (x.code, x.line) for x in flow.run(c, validate=False).diagnostics if x.code in ("CK113", "CK114")
    ]
    assert sorted(diags) == [("CK113", 8), ("CK114", 3)]  # the report itself is dated after 1/9/2025


def test_the_lead_unit_may_report_on_its_tasks_without_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = "  - {task: 1, status: hoan-thanh, date: 2025-07-25, note: Xong}"
    _, diags = _analyze(tmp_path, monkeypatch, issuer="phong-van-hoa-xa-hoi-phuong-hoa-xuan", results=results)
    assert diags == []
    # …but not on a task it does not lead, unless the report says why
    _, diags = _analyze(tmp_path / "b", monkeypatch, issuer="phong-van-hoa-xa-hoi-phuong-hoa-xuan")
    assert [x.code for x in diags] == ["CK115"]


def test_a_report_on_several_plans_names_the_plan_of_a_shared_task_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _d, diags = _analyze(tmp_path, monkeypatch, on="[16/KH-UBND, ke-hoach/2025/kh]")  # one plan, twice
    assert diags == []
    results = "  - {task: 2, status: hoan-thanh, note: Xong, plan: 18/KH-UBND}"
    _, diags = _analyze(tmp_path / "b", monkeypatch, results=results)
    assert [(x.code, x.line) for x in diags] == [("CK110", 8)]


def test_a_dropped_report_or_result_is_named(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from builder.publish.nothing_lost import find_lost

    monkeypatch.setenv("CONGKHAI_TODAY", "2026-01-15")
    root = reported_site()
    c = corpus_mod.load(root)
    d = flow.run(c, validate=False)
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert [m for m in find_lost(c, d, copy) if "báo cáo" in m] == []
    page = copy / REPORT_URL / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Đã sửa đổi Quy chế dân chủ ở cơ sở.", ""), "utf-8"
    )
    shutil.rmtree(copy / "bao-cao/2025/bc-20-vhxh-hoa-xuan")
    lost = find_lost(c, d, copy)
    assert (
        "content/bao-cao/2025/bc-45-dai-son-quy-3.md: kết quả nhiệm vụ 7 không có trên trang báo cáo" in lost
    )
    assert any(
        m.startswith("content/bao-cao/2025/bc-20-vhxh-hoa-xuan.md: báo cáo không có trang") for m in lost
    )


def test_every_task_row_and_card_carries_its_hooks(site: Path) -> None:
    """data-task="<plan key>#<id>" and data-status on every task row or card of every page."""
    tasks = {
        f"{t['plan']['key']}#{t['id']}" for t in json.loads((site / "api/tasks.json").read_text("utf-8"))
    }
    seen: set[str] = set()
    pages = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        rows = re.findall(r'<li class="nv-card[^>]*>', html)
        for table in re.findall(r'<table class="(?:ck-tasks|niem-yet__tasks)">.*?</table>', html, re.S):
            body = table.split("<tbody>", 1)[1]
            rows += [r for r in re.findall(r"<tr[^>]*>", body) if "ck-tasks__group" not in r]
        pages += bool(rows)
        for row in rows:
            hook = re.search(r'data-task="([^"]+)"', row)
            assert hook and re.search(r'data-status="[a-z-]+"', row), (page, row)
            seen.add(unescape(hook.group(1)))
    assert pages >= 20 and tasks <= seen  # plan, Nhiệm vụ, agency, report pages and notices


def test_report_page_says_where_to_send_comments(site: Path) -> None:
    """A reader who finds a reported result wrong is told where to write: the reporting agency's
    contact and the site's when recorded, else that none is recorded (never an invented one)."""
    html = _html(site, REPORT_URL)
    m = re.search(r'<aside class="ck-actions"[^>]*aria-labelledby="ck-gop-y">(.*?)</aside>', html, re.S)
    assert m, "no Góp ý block on the report page"
    block = _text(m.group(1))
    assert block.startswith("Góp ý")
    contacts = re.findall(r'href="(mailto:[^"?]+|tel:[^"]+)', m.group(1))
    assert contacts or "Chưa ghi nhận kênh góp ý nào" in block
    for link in re.findall(r'<a class="md-button" href="([^"]+)"[^>]*>([^<]+)</a>', m.group(1)):
        assert "cần tài khoản GitHub" in link[1]
