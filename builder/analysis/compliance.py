"""Disclosure compliance (Luật 10/2022/QH15): was each plan published online in time?

Art. 12.3 (xã/phường) and Art. 47.2 (agencies) ask for disclosure within 5 working days of the
decision. Working days skip weekends and Vietnam's public holidays as the `holidays` library
knows them (Tết moves with the lunar calendar; compensatory days and weekend working days too).
"First published" is the plan's `published` field when an editor states it, else the date of
the first commit that added the file (builder.analysis.gitinfo).

Fills derived.compliance[plan_key]: a `state.Compliance`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from ..base.vietnamese import format_date_vi as vi_date
from ..content.corpus import Corpus, PlanRecord
from .state import Compliance, Derived

LIMIT_WORKING_DAYS = 5


@lru_cache(maxsize=64)
def _calendar(years: tuple[int, ...]) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=list(years))


@lru_cache(maxsize=16)
def _working_prefix(first: int, last: int) -> list[int]:
    """acc[i] = working days among the first i days from 1 January of `first` (one pass per years)."""
    cal = _calendar(tuple(range(first, last + 1)))
    day0 = dt.date(first, 1, 1)
    acc = [0]
    for i in range((dt.date(last, 12, 31) - day0).days + 1):
        acc.append(acc[-1] + bool(cal.is_working_day(day0 + dt.timedelta(days=i))))
    return acc


def working_days_after(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: the day of issue does not count, the day of publishing does."""
    if end <= start:
        return 0
    # prefix sums instead of counting day by day: O(1) per plan on corpora of thousands
    acc = _working_prefix(start.year, end.year)
    day0 = dt.date(start.year, 1, 1)
    return acc[(end - day0).days + 1] - acc[(start - day0).days + 1]


def first_published(derived: Derived, rec: PlanRecord) -> tuple[dt.date | None, str | None]:
    if rec.plan is not None and rec.plan.published:
        return rec.plan.published, "content"
    info = derived.git.file(rec.path)
    return (dt.date.fromisoformat(info.first_published), "git") if info else (None, None)


def assess(derived: Derived, rec: PlanRecord) -> Compliance:
    issued = rec.plan.issued if rec.plan else None
    pub, source = first_published(derived, rec)
    working_days: int | None = None
    late = False
    if pub is None:
        note = "Chưa đăng công khai trên trang này (chưa có trong lịch sử git)."
    elif issued is None:
        note = f"Đăng công khai {vi_date(pub)}; chưa có ngày ban hành nên chưa tính được thời hạn công khai."
    elif pub < issued:
        working_days = 0
        note = f"Đăng công khai {vi_date(pub)}, trước ngày ban hành ({vi_date(issued)})."
    else:
        n = working_days_after(issued, pub)
        working_days = n
        late = n > LIMIT_WORKING_DAYS
        verdict = (
            f"chậm hơn thời hạn {LIMIT_WORKING_DAYS} ngày làm việc"
            if late
            else f"trong thời hạn {LIMIT_WORKING_DAYS} ngày làm việc"
        )
        note = (
            f"Ban hành {vi_date(issued)}, đăng công khai {vi_date(pub)}: "
            f"sau {n} ngày làm việc, {verdict} (Luật Thực hiện dân chủ ở cơ sở, Điều 12, 47)."
        )
    return Compliance(
        issued=issued.isoformat() if issued else None,
        first_published=pub.isoformat() if pub else None,
        published_source=source,
        working_days=working_days,
        late=late,
        limit=LIMIT_WORKING_DAYS,
        note_vi=note,
    )


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.compliance of every plan (reads derived.git: first publication)."""
    derived.compliance = {r.key: assess(derived, r) for r in corpus.plans if r.plan is not None}
