"""Disclosure within 5 working days (Luật 10/2022/QH15 Art. 12.3, 47.2), counted with Vietnam's holidays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder import flow
from builder.analysis import compliance
from builder.analysis.state import Derived
from builder.content import corpus as corpus_mod
from builder.site.tasks import disclosure_page
from tests.conftest import ROOT
from tests.factories import commit, project

D = dt.date


def test_working_days_skip_weekends_and_holidays() -> None:
    # Thu 28/8/2025 → Fri 5/9/2025: 1–2/9 are National Day, 30–31/8 a weekend
    assert compliance.working_days_after(D(2025, 8, 28), D(2025, 9, 5)) == 4  # 29/8, 3/9, 4/9, 5/9
    # Tết Ất Tỵ: 25/1/2025 (Sat) to 2/2/2025 is off; issued Fri 24/1, published Mon 3/2 = 1 working day
    assert compliance.working_days_after(D(2025, 1, 24), D(2025, 2, 3)) == 1
    # Sat 26/4/2025 was a working day (swapped for Fri 2/5): the library knows it
    assert compliance.working_days_after(D(2025, 4, 25), D(2025, 4, 26)) == 1
    assert compliance.working_days_after(D(2025, 7, 21), D(2025, 7, 21)) == 0


PLAN = """---
number: 16/KH-UBND
issued: {issued}
issuer: ubnd-phuong-hoa-xuan
title: Kế hoạch thử
{extra}---

Nội dung.
"""


LIVE = "site_name: t\nextra:\n  live_since: 2025-07-01\n"  # the site went public on 1/7/2025


def _project(tmp_path: Path, issued: str, commit_when: str, extra: str = "", mkdocs: str = LIVE) -> Path:
    ag = ROOT / "content" / "co-quan" / "ubnd-phuong-hoa-xuan.md"
    files = {
        f"content/co-quan/{ag.name}": ag.read_text(encoding="utf-8"),
        "content/ke-hoach/2025/kh.md": PLAN.format(issued=issued, extra=extra),
    }
    root = project(tmp_path / "p", content=None, files=files, mkdocs=mkdocs)
    return commit(root, commit_when, "đăng")


def _load(root: Path) -> tuple[corpus_mod.Corpus, Derived]:
    c = corpus_mod.load(root)
    return c, flow.run(c, validate=False)


def test_late_plan_is_flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    _, d = _load(_project(tmp_path, "2025-07-21", "2025-08-04T09:00:00+07:00"))
    info = d.compliance["16/KH-UBND"]
    assert info.first_published == "2025-08-04" and info.published_source == "git"
    assert info.working_days == 10 and info.late is True
    assert "chậm hơn thời hạn 5 ngày làm việc" in info.note_vi
    assert "ngày 21 tháng 7 năm 2025" in info.note_vi
    diags = [d for d in d.diagnostics if d.code == "CK094"]
    assert len(diags) == 1 and diags[0].severity == "warning" and diags[0].line == 3  # the `issued:` line


def test_in_time_plan_is_not_flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    _, d = _load(_project(tmp_path, "2025-07-21", "2025-07-28T09:00:00+07:00"))
    info = d.compliance["16/KH-UBND"]
    assert info.working_days == 5 and info.late is False
    assert not [d for d in d.diagnostics if d.code == "CK094"]


def test_stated_publication_date_wins_over_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    _, d = _load(
        _project(tmp_path, "2025-07-21", "2025-09-04T09:00:00+07:00", extra="published: 2025-07-22\n")
    )
    info = d.compliance["16/KH-UBND"]
    assert info.published_source == "content" and info.working_days == 1 and not info.late


def test_quarterly_disclosure_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    c, d = _load(_project(tmp_path, "2025-07-21", "2025-08-04T09:00:00+07:00"))
    (page,) = disclosure_page(c, d)
    assert page.path == "cong-khai.md"
    assert "## Quý III năm 2025" in page.body
    assert "4/8/2025" in page.body and "21/7/2025" in page.body
    assert "**Chậm** (10 ngày làm việc)" in page.body
    assert "bản niêm yết" in page.body


def test_the_sites_own_commit_is_no_disclosure_date_before_it_went_live(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `extra.live_since`, or for a plan issued before the site went live, the day the
    file reached the repository says nothing about when the agency disclosed the plan."""
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    c, d = _load(_project(tmp_path / "a", "2025-07-21", "2025-08-04T09:00:00+07:00", mkdocs="site_name: t\n"))
    info = d.compliance["16/KH-UBND"]
    assert info.first_published is None and info.published_source is None and not info.late
    assert info.on_site == "2025-08-04"  # a fact about the site, kept apart
    assert "Chưa có thông tin" in info.note_vi
    (page,) = disclosure_page(c, d)
    assert "4/8/2025" not in page.body and "## Chưa có thông tin về ngày công khai" in page.body
    assert not [x for x in d.diagnostics if x.code == "CK094"]
    # live since 1/7/2025, but the plan was issued in 2024: published elsewhere first, perhaps
    _, d = _load(_project(tmp_path / "b", "2024-12-20", "2025-08-04T09:00:00+07:00"))
    assert d.compliance["16/KH-UBND"].first_published is None


def test_posting_on_the_notice_board_is_a_disclosure_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    posted = "posted:\n  from: 2025-07-23\n  to: 2025-08-10\n  place: Trụ sở UBND phường\n"
    c, d = _load(
        _project(tmp_path, "2025-07-21", "2025-09-04T09:00:00+07:00", extra=posted, mkdocs="site_name: t\n")
    )
    info = d.compliance["16/KH-UBND"]
    assert info.first_published == "2025-07-23" and info.published_source == "content"
    assert info.working_days == 2 and not info.late
    assert info.posted_vi == "từ 23/7/2025 đến 10/8/2025 tại Trụ sở UBND phường"
    # a commune's UBND posts for at least 30 consecutive days (Art. 13.2): 19 days is too short
    (short,) = [x for x in d.diagnostics if x.code == "CK095"]
    assert "19 ngày" in short.message and "30 ngày" in short.message and short.line == 8  # `to:`
    (page,) = disclosure_page(c, d)
    assert "niêm yết từ 23/7/2025 đến 10/8/2025 tại Trụ sở UBND phường" in page.body


def test_posting_that_ends_before_it_starts_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    posted = "posted:\n  from: 2025-08-23\n  to: 2025-08-10\n"
    _, d = _load(_project(tmp_path, "2025-07-21", "2025-09-04T09:00:00+07:00", extra=posted))
    (bad,) = [x for x in d.diagnostics if x.code == "CK096"]
    assert bad.severity == "error" and "10/8/2025" in bad.message


def test_seeds_without_issue_date_are_not_flagged() -> None:
    _, d = _load(ROOT)
    assert d.compliance
    for info in d.compliance.values():
        if info.issued is None:
            assert info.late is False and info.working_days is None
            assert "chưa có ngày ban hành" in info.note_vi or "Chưa có thông tin" in info.note_vi
