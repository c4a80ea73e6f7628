"""The point-in-time legal-basis check (builder.analysis.legal, validator CK082–CK084, the plan
page's notice) on a small project: a basis repealed before the plan's issue, repealed after it,
amended after it (and before it), in force; judged as of the plan's date and the reference date.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import flow
from builder.content import corpus as corpus_mod
from builder.site.legal import plan_notices
from builder.site.pages import Site
from tests.factories import MINIMAL_MKDOCS, project

SRC = "sources:\n  - facts: [number, issued, effective, title, status, relations]\n    where: dữ liệu thử\n"
AGENCIES = {
    "quoc-hoi": "name: Quốc hội\nlevel: trung-uong\n",
    "chinh-phu": "name: Chính phủ\nlevel: trung-uong\n",
    "ubnd-x": "name: Ủy ban nhân dân tỉnh Thử\nshort_name: UBND tỉnh Thử\nlevel: tinh\nlocality: '48'\n",
}
DOCS = {
    # replaced on 1/1/2025 by a new law
    "luat-b": "key: luat-b\nnumber: 20/2015/QH13\ntype: Luật\ntitle: Luật Thử B\nissuer: quoc-hoi\n"
    "issued: 2015-06-01\neffective: 2016-01-01\n" + SRC,
    "30-2024-qh15": "number: 30/2024/QH15\ntype: Luật\ntitle: Luật Thử B mới\nissuer: quoc-hoi\n"
    "issued: 2024-11-01\neffective: 2025-01-01\nrelations:\n  - {relation: thay-the, ref: luat-b}\n" + SRC,
    # amended from 1/7/2025 by a law passed on 20/6/2025
    "luat-c": "key: luat-c\nnumber: 40/2019/QH14\ntype: Luật\ntitle: Luật Thử C\nissuer: quoc-hoi\n"
    "issued: 2019-06-01\neffective: 2020-01-01\n" + SRC,
    "50-2025-qh15": "number: 50/2025/QH15\ntype: Luật\ntitle: Luật sửa đổi Luật Thử C\nissuer: quoc-hoi\n"
    "issued: 2025-06-20\neffective: 2025-07-01\nrelations:\n  - {relation: sua-doi, ref: luat-c, part: Điều 3}\n"
    + SRC,
    # in force
    "60-2023-nd-cp": "number: 60/2023/NĐ-CP\ntype: Nghị định\ntitle: quy định chi tiết\nissuer: chinh-phu\n"
    "issued: 2023-08-14\neffective: 2023-08-15\nstatus: còn hiệu lực\nstatus_as_of: 2025-09\n" + SRC,
}


def plan(n: int, ref: str, issued: str | None, extra: str = "") -> str:
    when = f"issued: {issued}\n" if issued else ""
    return (
        f"---\nnumber: {n}/KH-UBND\n{when}issuer: ubnd-x\n"
        f"title: Thực hiện pháp luật năm 2025\nbasis:\n  - {{ref: {ref}, relation: can-cu}}\n{extra}---\n\nNội dung.\n"
    )


PLANS = {
    "repealed-before": plan(1, "luat-b", "2025-03-01"),
    "repealed-after": plan(2, "luat-b", "2024-12-01"),
    "amended-after": plan(3, "luat-c", "2025-05-01"),
    "amended-before": plan(4, "luat-c", "2025-08-01"),
    "in-force": plan(5, "60/2023/NĐ-CP", "2025-05-01"),
    "no-date": plan(6, "luat-c", None, "  - {ref: 60/2023/NĐ-CP, relation: can-cu}\n"),
    "cited-date": plan(
        7, "luat-c", None, "cited_as:\n  - {number: 9/KH-UBND, issued: 2025-08-02, by: Biên tập viên}\n"
    ),
}


def build(tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch):
    files = {"content/index.md": "# Thử\n"}
    files |= {f"content/co-quan/{k}.md": f"---\n{v}---\n" for k, v in AGENCIES.items()}
    files |= {f"content/van-ban/{k}.md": f"---\n{v}---\n" for k, v in DOCS.items()}
    files |= {f"content/ke-hoach/2025/{k}.md": v for k, v in PLANS.items()}
    root = project(tmp_path / today, content=None, files=files, mkdocs=MINIMAL_MKDOCS, templates=False)
    monkeypatch.setenv("CONGKHAI_TODAY", today)
    c = corpus_mod.load(root)
    assert not c.errors, c.errors
    return c, flow.run(c, validate=False)


def _by_plan(c, d, code: str) -> dict[str, str]:
    return {x.file.rsplit("/", 1)[1].removesuffix(".md"): x.message for x in d.diagnostics if x.code == code}


def _notices(c, d, name: str):
    rec = next(r for r in c.plans if r.path.endswith(f"/{name}.md"))
    return rec, d.legal_notices[rec.key]


def test_repealed_before_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    msg = _by_plan(c, d, "CK082")["repealed-before"]
    assert msg == (
        "Khi ban hành kế hoạch (ngày ban hành 1/3/2025), căn cứ “Luật Thử B (số 20/2015/QH13)” đã bị "
        "thay thế bởi Luật Thử B mới (số 30/2024/QH15) (có hiệu lực từ 1/1/2025)."
    )
    _, (n,) = _notices(c, d, "repealed-before")
    assert (n.change, n.by, n.timing, n.warns) == ("thay-the", "30/2024/QH15", "truoc", True)


def test_repealed_after_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    msg = _by_plan(c, d, "CK083")["repealed-after"]
    assert msg.startswith("Sau khi ban hành kế hoạch (ngày ban hành 1/12/2024), căn cứ “Luật Thử B")
    assert "bị thay thế bởi Luật Thử B mới (số 30/2024/QH15) (có hiệu lực từ 1/1/2025)" in msg
    assert "repealed-after" not in _by_plan(c, d, "CK082")


def test_amended_after_issue_warns_and_before_issue_informs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    warned = _by_plan(c, d, "CK084")
    assert warned["amended-after"] == (
        "Sau khi ban hành kế hoạch (ngày ban hành 1/5/2025), căn cứ “Luật Thử C (số 40/2019/QH14)” đã được "
        "sửa đổi, bổ sung bởi Luật sửa đổi Luật Thử C (số 50/2025/QH15) (có hiệu lực từ 1/7/2025)."
    )
    assert "amended-before" not in warned  # the plan cites the law as amended: nothing to warn about
    rec, (n,) = _notices(c, d, "amended-before")
    assert (n.change, n.timing, n.warns) == ("sua-doi", "truoc", False)
    shown = plan_notices(Site(c, d), d, rec)  # … but its page says so
    assert not shown["warnings"] and len(shown["basis"]) == 1
    assert shown["basis"][0]["when"] == "Khi ban hành kế hoạch"  # the date is said once, under the list
    assert shown["issued"] == "ngày ban hành 1/8/2025"
    assert shown["basis"][0]["by"]["label"] == "Luật sửa đổi Luật Thử C (số 50/2025/QH15)"


def test_in_force_basis_gives_no_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    rec, notices = _notices(c, d, "in-force")
    assert notices == []
    assert plan_notices(Site(c, d), d, rec) == {}
    assert not any(x.file.endswith("in-force.md") for x in d.diagnostics if x.code.startswith("CK08"))


def test_the_reference_date_decides_what_is_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the amending law passed (20/6/2025) but not yet in force: announced, not warned
    c, d = build(tmp_path, "2025-06-25", monkeypatch)
    rec, (n,) = _notices(c, d, "amended-after")
    assert (n.timing, n.warns) == ("sap", False)
    (shown,) = plan_notices(Site(c, d), d, rec)["basis"]
    assert (shown["head"], shown["tail"]) == ("sẽ được sửa đổi, bổ sung bởi", "từ ngày 1/7/2025")
    assert "amended-after" not in _by_plan(c, d, "CK084")
    # before it passed, nobody knew of it
    c, d = build(tmp_path, "2025-06-10", monkeypatch)
    assert _notices(c, d, "amended-after")[1] == []


def test_plan_without_issue_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    rec, (n,) = _notices(c, d, "no-date")
    issued = d.legal.issue_dates[rec.key]
    assert issued.date is None and str(issued.after) == "2023-08-14"  # its newest basis
    assert n.timing == "chua-ro" and n.warns
    assert _by_plan(c, d, "CK084")["no-date"].startswith(
        "Chưa rõ trước hay sau khi ban hành kế hoạch (kế hoạch chưa ghi ngày ban hành; căn cứ Nghị định "
        "60/2023/NĐ-CP ngày 14/8/2023 nên ban hành sau ngày đó)"
    )
    # a date another document cites the plan with is its issue date
    rec, (n,) = _notices(c, d, "cited-date")
    assert str(d.legal.issue_dates[rec.key].date) == "2025-08-02" and n.timing == "truoc"


def test_unsourced_changes_are_not_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relation without a source is not shown nor used (the validator asks for its source)."""
    unsourced = DOCS["30-2024-qh15"].replace(SRC, "")
    monkeypatch.setitem(DOCS, "30-2024-qh15", unsourced)
    c, d = build(tmp_path, "2025-10-01", monkeypatch)
    assert _notices(c, d, "repealed-before")[1] == []
    assert {x.code for x in d.diagnostics if x.file.endswith("30-2024-qh15.md")} == {"CK120"}
