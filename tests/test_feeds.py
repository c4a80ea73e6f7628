"""feed.xml (Atom) and lich.ics (iCalendar) of a real build, read back by feed and calendar libraries."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import icalendar
import pytest

from builder import flow
from builder.content import corpus as corpus_mod
from builder.publish import feeds
from tests.factories import REFERENCE_DATE, project, real_site

MKDOCS = "site_name: t\nsite_url: https://congkhai.example.vn/\n"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Path:
    return real_site() / "site"


def _plans(site: Path) -> list[dict]:
    return json.loads((site / "api" / "plans.json").read_text(encoding="utf-8"))


def test_atom_feed_is_valid_and_dated_from_git(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.get("language") == "vi"
    plans = _plans(site)
    assert len(feed.entries) == len(plans)
    base = "http://127.0.0.1:8000"
    assert {e.id for e in feed.entries} == {base + p["url"] for p in plans}
    assert {e.link for e in feed.entries} == {base + p["url"] for p in plans}
    for e in feed.entries:
        # the content's commit (2025-08-04 09:00 +07:00), never the build clock
        assert e.updated == "2025-08-04T09:00:00+07:00"
        assert e.published == "2025-08-04T09:00:00+07:00"
        assert e.author and e.title.startswith("Kế hoạch")
    assert feed.feed.updated == "2025-08-04T09:00:00+07:00"
    # newest first: by issue date when known (the seeds have none), then by first publication, 2025 before 2024
    titles = [e.title for e in feed.entries]
    assert "năm 2024" in titles[-1]


def test_feed_orders_newest_first_by_issue_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {
        f"content/ke-hoach/2025/{name}.md": f"---\nissuer: x\ntitle: Kế hoạch {name}\nissued: {issued}\n"
        f"number: {ord(name)}/KH-UBND\n---\n\nx\n"
        for name, issued in [("a", "2025-03-01"), ("b", "2025-09-01"), ("c", "2025-06-01")]
    }
    root = project(tmp_path / "p", content=None, files=files, mkdocs=MKDOCS, templates=False)
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-10-01")
    c = corpus_mod.load(root)
    d = flow.run(c, validate=False)
    feed = feedparser.parse(feeds.atom(c, d))
    assert [e.title for e in feed.entries] == [  # each plan by its name (builder.content.names)
        "Kế hoạch 98/KH-UBND về kế hoạch b",
        "Kế hoạch 99/KH-UBND về kế hoạch c",
        "Kế hoạch 97/KH-UBND về kế hoạch a",
    ]
    assert feed.entries[0].updated == "2025-09-01T00:00:00+07:00"  # no git: the issue date
    assert feeds.atom(c, d) == feeds.atom(c, d)


def test_calendar_has_one_event_per_dated_deadline(site: Path) -> None:
    cal = icalendar.Calendar.from_ical((site / "lich.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    tasks = json.loads((site / "api" / "tasks.json").read_text(encoding="utf-8"))
    expected = sum(len(t["due_dates"]) or (1 if t["due_end"] else 0) for t in tasks)
    assert len(events) == expected >= 20
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@congkhai") for u in uids)
    ref = dt.date.fromisoformat(REFERENCE_DATE)
    for e in events:
        assert e.decoded("DTSTAMP").date() == ref  # not the build clock
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
        assert end - start == dt.timedelta(days=1)
    by_due = {str(e["SUMMARY"]): e for e in events}
    nine_five = [e for s, e in by_due.items() if e.decoded("DTSTART") == dt.date(2025, 9, 5)]
    assert len(nine_five) == 1 and "Xong trước 05/9/2025" in str(nine_five[0]["DESCRIPTION"])
    yearly = [e for e in events if "RRULE" in e]
    assert yearly and all(e["RRULE"]["FREQ"] == ["YEARLY"] for e in yearly)  # "… và các năm tiếp theo"


def test_feeds_are_reproducible(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    c = corpus_mod.load(real_site())
    d = flow.run(c, validate=False)
    assert feeds.atom(c, d) == (site / "feed.xml").read_bytes()
    assert feeds.calendar(c, d) == (site / "lich.ics").read_bytes()


def test_calendar_events_for_each_kind_of_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = (
        "---\nissuer: x\nnumber: 16/KH-UBND\ntitle: Thử\ntasks:\n"
        "  - {id: '1', name: Báo cáo, due: lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025}\n"
        "  - {id: '2', name: Tuyên truyền, due: Thường xuyên}\n"
        "  - {id: '3', name: Công khai, due: 'Quý III/2025'}\n"
        "---\n\nx\n"
    )
    root = project(
        tmp_path / "p",
        content=None,
        files={"content/ke-hoach/2025/a.md": plan},
        mkdocs=MKDOCS,
        templates=False,
    )
    monkeypatch.setenv("CONGKHAI_TODAY", "2025-10-01")
    c = corpus_mod.load(root)
    cal = icalendar.Calendar.from_ical(feeds.calendar(c, flow.run(c, validate=False)))
    got = {str(e["UID"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    assert got == {
        "16-kh-ubnd-1-1@congkhai": dt.date(2025, 9, 3),
        "16-kh-ubnd-1-2@congkhai": dt.date(2025, 12, 3),
        "16-kh-ubnd-3@congkhai": dt.date(2025, 9, 30),
    }  # "Thường xuyên" has no date: no event
    assert {e.decoded("DTSTAMP") for e in cal.walk("VEVENT")} == {dt.datetime(2025, 10, 1, tzinfo=dt.UTC)}


def test_folding_writes_what_icalendar_writes() -> None:
    """feeds.fold folds as icalendar does (its own serializer is the reference): random lines of
    Vietnamese letters, combining marks, 4-byte characters and escapes at every position."""
    import random

    from icalendar.parser.content_line import Contentline

    rng = random.Random(2025)
    alphabet = [*"aă â đêôơư xyz,;:", "\\", "^", "ệ", "ữ", "\u0301", "😀", "𠀀"]
    for _ in range(5000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        assert feeds.fold(line) == Contentline(line).to_ical(), line
    ev = icalendar.Event()
    ev.add("uid", "ke-hoach-1-nv-1@congkhai")
    ev.add("dtstart", dt.date(2025, 7, 31))
    ev.add("summary", "Hạn nhiệm vụ 1: " + "Tổ chức hội nghị; tuyên truyền, phổ biến \\ " * 9)
    ev.add("description", "Nhiệm vụ 1: Xây dựng kế hoạch\nChủ trì: Phòng Văn hóa - Xã hội phường")
    ev.add("categories", ["Công khai", "Thời hạn nhiệm vụ"])
    assert feeds.to_ical(ev) == ev.to_ical()
    assert max(len(x) for x in feeds.to_ical(ev).split(b"\r\n")) <= 75
