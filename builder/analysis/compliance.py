"""Disclosure compliance (Luật 10/2022/QH15): was each plan published online in time?

Art. 12.3 (xã/phường) and Art. 47.2 (agencies) ask for disclosure within 5 working days of the
decision. Working days skip weekends and Vietnam's public holidays as the `holidays` library
knows them (Tết moves with the lunar calendar; compensatory days and weekend working days too).
"First published" is the plan's `published` field when an editor states it. The date of the first
commit that added the file (builder.analysis.gitinfo) counts only for plans first published
through this site after it went live (mkdocs.yml `extra.live_since`) and not issued before that
day: for every other plan it says when the file reached this repository, not when the agency
disclosed the plan, and the disclosure date stays "chưa có thông tin".

Posting (niêm yết, the plan's `posted: {from, to, place}`) has a legal minimum: 30 consecutive
days for a commune's UBND (Art. 13.2), 20 for an agency or unit disclosing internally (Art. 48).

Fills derived.compliance[plan_key]: a `state.Compliance`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from ..base.vietnamese import format_date_short as short_date
from ..base.vietnamese import format_date_vi as vi_date
from ..content.corpus import Corpus, PlanRecord
from .state import Compliance, Derived

if TYPE_CHECKING:
    import holidays

LIMIT_WORKING_DAYS = 5


@lru_cache(maxsize=64)
def _calendar(years: tuple[int, ...]) -> holidays.HolidayBase:
    import holidays  # ~20 ms to import: only when a plan has dates to count working days between

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


def first_published(
    derived: Derived, rec: PlanRecord, live_since: dt.date | None = None
) -> tuple[dt.date | None, str | None]:
    """(the date the plan was disclosed, "content" | "git"), or (None, None) when not recorded.
    Recorded dates are the plan's `published` and the first day it was posted (`posted.from`)."""
    p = rec.plan
    recorded = [d for d in (p.published, p.posted.from_ if p.posted else None) if d] if p is not None else []
    if recorded:
        return min(recorded), "content"
    info = derived.git.file(rec.path)
    if info is None or live_since is None:
        return None, None
    on_site = dt.date.fromisoformat(info.first_published)
    issued = rec.plan.issued if rec.plan is not None else None
    if on_site < live_since or (issued is not None and issued < live_since):
        return None, None  # on this site before it went live, or issued before: not evidence
    return on_site, "git"


# Art. 13.2: a commune's UBND posts for ≥ 30 consecutive days; Art. 48: agencies and units ≥ 20.
POSTING = {"xa": (30, "Điều 13 khoản 2"), "khac": (20, "Điều 48")}


def posting_minimum(corpus: Corpus, issuer: str) -> tuple[int, str]:
    rec = corpus.agencies.get(issuer)
    ag = rec.agency if rec else None
    commune_people_committee = bool(
        ag and ag.level == "xa" and ag.name.casefold().startswith(("ủy ban nhân dân", "uỷ ban nhân dân"))
    )
    return POSTING["xa" if commune_people_committee else "khac"]


def assess(derived: Derived, rec: PlanRecord, corpus: Corpus | None = None) -> Compliance:
    issued = rec.plan.issued if rec.plan else None
    live_since = corpus.config.live_since if corpus is not None else None
    pub, source = first_published(derived, rec, live_since)
    info = derived.git.file(rec.path)
    working_days: int | None = None
    late = False
    if pub is None:
        note = "Chưa có thông tin về ngày cơ quan công khai kế hoạch này."
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
    posted = rec.plan.posted if rec.plan else None
    minimum, article = posting_minimum(corpus, rec.plan.issuer) if corpus and rec.plan else (0, "")
    return Compliance(
        issued=issued.isoformat() if issued else None,
        first_published=pub.isoformat() if pub else None,
        published_source=source,
        working_days=working_days,
        late=late,
        limit=LIMIT_WORKING_DAYS,
        note_vi=note,
        on_site=info.first_published if info else None,
        posted_from=posted.from_.isoformat() if posted else None,
        posted_to=posted.to.isoformat() if posted and posted.to else None,
        posted_place=posted.place if posted else None,
        posted_vi=posted_vi(posted.from_, posted.to, posted.place) if posted else "",
        posting_min_days=minimum,
        posting_article=article,
    )


def posted_vi(start: dt.date, end: dt.date | None, place: str | None) -> str:
    """'từ 22/7/2025 đến 21/8/2025 tại Trụ sở UBND phường' (as recorded)."""
    out = f"từ {short_date(start)}" + (f" đến {short_date(end)}" if end else "")
    return out + (f" tại {place}" if place else "")


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.compliance of every plan (reads derived.git: first publication)."""
    derived.compliance = {r.key: assess(derived, r, corpus) for r in corpus.plans if r.plan is not None}
