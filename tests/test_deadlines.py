"""Deadlines: the printed "Thời gian thực hiện" becomes data; progress and "quá hạn"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from builder import flow
from builder.analysis.deadlines import is_overdue, parse
from builder.analysis.state import Derived, Due
from builder.content import corpus as corpus_mod
from tests.conftest import ROOT, SEEDS
from tests.factories import project

D = dt.date

# The phrases of the issue and of the seeds, with what a citizen should see them mean.
CASES = [
    ("Tháng 7/2025", "range", D(2025, 7, 1), D(2025, 7, 31), None),
    ("Thường xuyên", "recurring", None, None, "thuong-xuyen"),
    ("Xong trước 05/9/2025", "date", None, D(2025, 9, 5), None),
    ("Quý III, IV/2025", "range", D(2025, 7, 1), D(2025, 12, 31), None),
    ("Tháng 9-11/2025", "range", D(2025, 9, 1), D(2025, 11, 30), None),
    ("Tháng 9-\n11/2025", "range", D(2025, 9, 1), D(2025, 11, 30), None),  # hard-wrapped in the PDF
    ("Hoàn thành trước ngày 30/8/2025", "date", None, D(2025, 8, 30), None),
    ("Hoàn thành \ntrước ngày \n30/8/2025", "date", None, D(2025, 8, 30), None),
    ("6 tháng cuối năm 2025 và các năm tiếp theo", "range", D(2025, 7, 1), D(2025, 12, 31), "hang-nam"),
    ("Năm 2025", "range", D(2025, 1, 1), D(2025, 12, 31), None),
    ("6 tháng cuối năm 2025", "range", D(2025, 7, 1), D(2025, 12, 31), None),
    ("06 tháng đầu năm 2026", "range", D(2026, 1, 1), D(2026, 6, 30), None),
    ("Quý I/2026", "range", D(2026, 1, 1), D(2026, 3, 31), None),
    ("Quý III và quý IV năm 2025", "range", D(2025, 7, 1), D(2025, 12, 31), None),
    ("Quý I - II/2025", "range", D(2025, 1, 1), D(2025, 6, 30), None),
    ("Trước ngày 15 tháng 9 năm 2025", "date", None, D(2025, 9, 15), None),
    ("Đến hết ngày 31/12/2025", "date", None, D(2025, 12, 31), None),
    ("Đến hết năm 2025", "date", None, D(2025, 12, 31), None),
    ("Từ ngày 01/8/2025 đến ngày 30/9/2025", "range", D(2025, 8, 1), D(2025, 9, 30), None),
    ("Tháng 12/2025 - Tháng 2/2026", "range", D(2025, 12, 1), D(2026, 2, 28), None),
    ("Giai đoạn 2021-2025", "range", D(2021, 1, 1), D(2025, 12, 31), None),
    ("Định kỳ hằng quý", "recurring", None, None, "hang-quy"),
    ("Định kỳ hằng tháng", "recurring", None, None, "hang-thang"),
    ("Hằng năm", "recurring", None, None, "hang-nam"),
    ("Thường xuyên trong năm 2025", "range", D(2025, 1, 1), D(2025, 12, 31), "thuong-xuyen"),
]


@pytest.mark.parametrize(("printed", "kind", "start", "end", "recurring"), CASES)
def test_phrases(printed: str, kind: str, start, end, recurring) -> None:
    due = parse(printed)
    assert (due.kind, due.start, due.end, due.recurring) == (kind, start, end, recurring)
    assert due.printed == " ".join(printed.split())  # the printed words are kept


def test_two_deadlines_in_one_phrase() -> None:
    due = parse("lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025")
    assert due.kind == "multi"
    assert due.dates == (D(2025, 9, 3), D(2025, 12, 3))
    assert due.end == D(2025, 12, 3)


def test_year_from_the_plan_fills_a_missing_year() -> None:
    assert parse("Tháng 9", year=2025).end == D(2025, 9, 30)
    assert parse("Trước 30/9", year=2025).end == D(2025, 9, 30)
    assert not parse("Tháng 9").ok  # no plan year: not guessed


@pytest.mark.parametrize(
    "printed", ["Sau khi có hướng dẫn", "Quý V/2025", "Tháng 13/2025", "31/02/2025", "Khi cần"]
)
def test_unparseable_is_not_invented(printed: str) -> None:
    due = parse(printed)
    assert due.kind is None and due.end is None and due.printed == printed


def test_seed_due_phrases_parse() -> None:
    """Every "Thời gian thực hiện" printed in the seeds (appendix cells and inline c) lines)."""
    phrases = []
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        phrases += re.findall(r"Thời gian thực hiện:\s*([^.\n]+)", text)
        phrases += [m.split("\t")[-1] for m in text.splitlines() if re.match(r"^\d+\t", m)]
    phrases += [
        "Tháng 7/2025",
        "Thường xuyên",
        "Xong trước 05/9/2025",
        "Quý III, IV/2025",
        "Tháng 9-11/2025",
        "Hoàn thành trước ngày 30/8/2025",
        "6 tháng cuối năm 2025 và các năm tiếp theo",
        "Tháng 8/2025",
    ]
    assert len(phrases) >= 30
    bad = [p for p in phrases if not parse(p, 2025).ok]
    assert bad == []


def test_overdue_needs_a_reference_date_and_a_passed_deadline() -> None:
    due = parse("Tháng 7/2025")
    assert is_overdue(due, None, D(2025, 8, 1))
    assert not is_overdue(due, None, D(2025, 7, 31))  # the last day is still in time
    assert not is_overdue(due, "hoan-thanh", D(2025, 8, 1))
    assert is_overdue(due, "dang-thuc-hien", D(2025, 8, 1))
    assert not is_overdue(due, None, None)  # no reference date: nothing is marked overdue
    assert not is_overdue(parse("Thường xuyên"), None, D(2030, 1, 1))
    assert not is_overdue(parse("6 tháng cuối năm 2025 và các năm tiếp theo"), None, D(2026, 3, 1))
    assert not is_overdue(Due(printed="?"), None, D(2030, 1, 1))


# -- through the corpus: derived["tasks"] and the validator --------------------------------

PLAN = """---
issuer: ubnd-phuong-hoa-xuan
title: Kế hoạch thử
period: {start: 2025-07-01, end: 2025-12-31}
tasks:
  - {id: "1", name: Việc đã xong, lead: UBND phường Hòa Xuân, due: Tháng 7/2025, status: hoan-thanh,
     updates: [{date: 2025-07-20, note: Đã ban hành, evidence: "https://example.org/vb.pdf"}]}
  - {id: "2", name: Việc trễ, lead: Phòng VH-XH, due: Tháng 7/2025}
  - {id: "3", name: Việc không rõ hạn, lead: Phòng VH-XH, due: Sau khi có hướng dẫn}
  - {id: "4", name: Việc thường xuyên, due: Thường xuyên, status: dang-thuc-hien,
     updates: [{date: 2025-07-10, note: Bắt đầu, status: dang-thuc-hien}, {date: 2025-09-01, note: Xong, status: hoan-thanh}]}
---

Nội dung.
"""


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = ROOT / "content" / "co-quan" / "ubnd-phuong-hoa-xuan.md"
    files = {
        f"content/co-quan/{src.name}": src.read_text(encoding="utf-8"),
        "content/ke-hoach/2025/thu.md": PLAN,
    }
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-08-15")
    return project(tmp_path / "p", content=None, files=files, mkdocs="site_name: t\n", templates=False)


def _analyzed(root: Path) -> tuple[corpus_mod.Corpus, Derived]:
    c = corpus_mod.load(root)
    return c, flow.run(c, validate=False)


def test_tasks_in_derived(proj: Path) -> None:
    _, d = _analyzed(proj)
    (key,) = d.tasks
    t = {x.id: x for x in d.tasks[key]}
    assert t["1"].due_kind == "range" and t["1"].due_end == "2025-07-31" and not t["1"].overdue
    assert t["1"].lead_agency == "ubnd-phuong-hoa-xuan"  # named like the agency: linked to its page
    assert t["2"].overdue and t["2"].status == "qua-han"
    assert t["2"].status_label == "Quá hạn — chưa có báo cáo" and t["2"].as_of == "2025-08-15"
    assert t["3"].due == "Sau khi có hướng dẫn" and t["3"].due_kind is None  # kept, not dropped
    # the latest update up to the reference date sets the status: 2025-09-01 is after 2025-08-15
    assert t["4"].status == "dang-thuc-hien" and t["4"].source.date == "2025-07-10"
    assert t["4"].recurring == "thuong-xuyen"
    assert [u.date for u in t["4"].updates] == ["2025-07-10", "2025-09-01"]


def test_validator_warns_on_unparsed_due_and_future_update(proj: Path) -> None:
    diags = _analyzed(proj)[1].diagnostics
    ck090 = [d for d in diags if d.code == "CK090"]
    assert len(ck090) == 1 and ck090[0].severity == "warning"
    assert "Sau khi có hướng dẫn" in ck090[0].message
    line = PLAN.splitlines().index(next(x for x in PLAN.splitlines() if "Sau khi" in x)) + 1
    assert ck090[0].line == line
    ck093 = [d for d in diags if d.code == "CK093"]  # 2025-09-01 is after the reference date 2025-08-15
    assert len(ck093) == 1 and "2025-09-01" in ck093[0].message


def test_done_without_evidence_is_a_warning(proj: Path) -> None:
    path = proj / "content" / "ke-hoach" / "2025" / "thu.md"
    text = path.read_text(encoding="utf-8").replace(', evidence: "https://example.org/vb.pdf"', "")
    path.write_text(text, encoding="utf-8")
    diags = _analyzed(proj)[1].diagnostics
    assert [d.severity for d in diags if d.code == "CK091"] == ["warning", "warning"]  # tasks 1 and 4


def test_no_reference_date_marks_nothing_overdue(proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY")
    _, d = _analyzed(proj)  # no git in tmp, no setting
    assert d.git.reference_date is None
    assert "chưa đánh dấu" in d.git.reference_note_vi
    assert not any(t.overdue for ts in d.tasks.values() for t in ts)


def test_seed_content_parse_rate() -> None:
    """≥ 90 % of the seed plans' tasks have a machine-readable deadline or recurring."""
    c = corpus_mod.load(ROOT)
    d = flow.run(c, validate=False)
    tasks = [t for ts in d.tasks.values() for t in ts]
    assert len(tasks) >= 36
    readable = [t for t in tasks if t.due_kind is not None and (t.due_end or t.recurring)]
    assert len(readable) / len(tasks) >= 0.9


def test_lead_agencies_are_resolved_within_the_issuers_reach() -> None:
    c = corpus_mod.load(ROOT)
    d = flow.run(c, validate=False)
    by_plan = {r.plan.issuer: {t.id: t for t in d.tasks[r.key]} for r in c.plans}
    dai_son = by_plan["ubnd-xa-dai-son-hai-phong"]
    # a bare "Trung tâm Phục vụ hành chính công" in Đại Sơn's plan is Đại Sơn's, not Hòa Xuân's
    assert dai_son["12"].lead_agencies == ["trung-tam-phuc-vu-hcc-xa-dai-son"]
    assert dai_son["2"].lead_agency == "phong-van-hoa-xa-hoi-xa-dai-son"
    assert dai_son["5"].lead_agencies == []  # "Các thôn": no single agency
    assert by_plan["ubnd-phuong-hoa-xuan"]["1"].lead_agency == "phong-van-hoa-xa-hoi-phuong-hoa-xuan"


def test_tasks_led_by_an_agency_for_its_page() -> None:
    from builder.site.tasks import tasks_led_by

    c = corpus_mod.load(ROOT)
    led = tasks_led_by(c, flow.run(c, validate=False))
    assert sorted(r.id for r in led["phong-kinh-te-xa-dai-son"]) == ["3", "4"]
    assert len(led["phong-van-hoa-xa-hoi-phuong-hoa-xuan"]) == 9
    assert "ubnd-phuong-hoa-xuan" not in led  # the issuer leads none of them itself
