"""feed.xml (Atom, feedgen) of plans, newest first, and lich.ics (iCalendar, icalendar) with one
all-day event per dated task deadline, so citizens and Mặt trận officers can subscribe: for the
whole site and, beside their pages, for each agency and each locality (site.subscriptions.scopes).

Every timestamp comes from content or git (feedgen and icalendar would use the build clock):
entry `updated` = the plan file's last commit, else its issue date; `published` = first commit
or `published`/`issued`; DTSTAMP = the build's reference date. Ids are the plans' absolute URLs
(Atom) and `<plan-key-slug>-<task-id>@congkhai` (iCalendar): stable across builds.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
from feedgen.feed import FeedGenerator

from ..analysis.state import Derived, TaskFacts
from ..base.cache import Store, caches, digest
from ..base.text import slugify
from ..base.urls import absolute, url_slug
from ..base.vietnamese import as_of_vi, format_date_vi, format_period_vi
from ..content.corpus import Corpus, PlanRecord
from ..content.names import names
from ..site.subscriptions import CALENDAR, FEED, Scope, scopes

VN_TZ = dt.timezone(dt.timedelta(hours=7))
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
RRULES = {
    "hang-nam": {"FREQ": "YEARLY"},
    "6-thang": {"FREQ": "MONTHLY", "INTERVAL": 6},
    "hang-quy": {"FREQ": "MONTHLY", "INTERVAL": 3},
    "hang-thang": {"FREQ": "MONTHLY"},
    "hang-tuan": {"FREQ": "WEEKLY"},
}


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(s: str) -> str:
    """Text XML can hold: the validator refuses control characters (CK005); this keeps a build
    that skipped it from crashing in lxml instead."""
    return _XML_INVALID.sub("", s)


def _line(s: str) -> str:
    return " ".join(_xml(s).split())


def _midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, tzinfo=VN_TZ)


def plan_dates(derived: Derived, rec: PlanRecord) -> tuple[dt.datetime, dt.datetime]:
    """(published, updated) of a plan, from content and git only."""
    info = derived.git.file(rec.path)
    p = rec.plan
    content_date = p.published or p.issued or (p.period.start if p.period else None)
    if p.published:
        published = _midnight(p.published)
    elif info is not None:
        published = dt.datetime.fromisoformat(info.first_published_datetime)
    elif content_date:
        published = _midnight(content_date)
    else:
        ref = derived.git.reference_date
        published = _midnight(dt.date.fromisoformat(ref)) if ref else EPOCH
    updated = dt.datetime.fromisoformat(info.last_modified_datetime) if info is not None else published
    return published, max(published, updated)


def atom(corpus: Corpus, derived: Derived, scope: Scope | None = None) -> bytes:
    """The Atom feed of a scope's plans (the whole site by default). Made from what it shows
    (`_atom_facts`) and kept in the build's cache by those facts: an edit remakes only the feeds
    whose entries changed (feedgen builds an XML tree per entry: a third of a second for the 27
    feeds of 500 plans)."""
    facts = _atom_facts(corpus, derived, scope)
    store = caches(corpus.root)["atom-feed"]
    key = digest(repr(facts))
    made = store.get(key)
    if isinstance(made, bytes):
        return made
    out = _atom_xml(*facts)
    store.put(key, out)
    return out


_Entry = tuple[str, str, str, dt.datetime, dt.datetime, str, str]  # url, title, issuer, dates, type, summary


def _atom_facts(
    corpus: Corpus, derived: Derived, scope: Scope | None
) -> tuple[str, str, str, str, str, list[_Entry]]:
    """Everything the feed shows: its id/address, title, subtitle, self link, and its entries."""
    base = corpus.config.site_url
    plans = list(scope.plans) if scope else [r for r in corpus.plans if r.plan is not None]
    page = scope.url if scope else ""
    dated = []
    for rec in plans:
        published, updated = plan_dates(derived, rec)
        sort_day = rec.plan.issued or published.date()
        dated.append((sort_day, published, updated, rec))
    dated.sort(key=lambda x: (x[0], x[1], x[3].key), reverse=True)  # newest first
    if scope is None or scope.kind == "site":
        title = "Công khai — kế hoạch mới đăng"
        subtitle = "Kế hoạch của cơ quan nhà nước, đăng toàn văn để người dân đọc, tra cứu và theo dõi."
    else:
        title = _line(f"Công khai — kế hoạch {scope.of}")
        subtitle = _line(f"Kế hoạch {scope.of} đăng trên trang Công khai, mới nhất trước.")
    tasks = derived.tasks
    entries: list[_Entry] = []
    for _, published, updated, rec in dated:
        p = rec.plan
        ag = corpus.agencies.get(p.issuer)
        issuer = ag.agency.name if ag else p.issuer
        parts = [
            f"{issuer}.",
            f"Ban hành {format_date_vi(p.issued)}." if p.issued else "Chưa có ngày ban hành.",
        ]
        if p.period:
            parts.append(f"Kỳ kế hoạch {format_period_vi(p.period.start, p.period.end)}.")
        n = len(tasks.get(rec.key, p.tasks))
        if n:
            parts.append(f"{n} nhiệm vụ.")
        entries.append(
            (
                absolute(base, rec.url),
                _xml(names(corpus, rec).name),
                _xml(issuer),
                published,
                updated,
                p.type,
                _xml(" ".join(parts)),
            )
        )
    return absolute(base, page), title, subtitle, absolute(base, page + FEED), "vi", entries


def _atom_xml(
    feed_id: str, title: str, subtitle: str, self_link: str, lang: str, entries: list[_Entry]
) -> bytes:
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.link(href=feed_id, rel="alternate")
    fg.link(href=self_link, rel="self", type="application/atom+xml")
    fg.language(lang)
    fg.generator("Công khai", uri=None, version=None)
    fg.updated(max((e[4] for e in entries), default=EPOCH))
    for url, name, issuer, published, updated, type_, summary in entries:
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(name)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.author({"name": issuer})
        fe.published(published)
        fe.updated(updated)
        fe.category(term=slugify(type_), label=_xml(type_))
        fe.summary(summary)
    atom: bytes = fg.atom_str(pretty=True)  # feedgen has no type information
    return atom


def _uid(plan_key: str, task_id: str, n: int | None = None) -> str:
    suffix = f"-{n}" if n is not None else ""
    return f"{url_slug(plan_key)}-{slugify(task_id) or 'nv'}{suffix}@congkhai"


def calendar(
    corpus: Corpus,
    derived: Derived,
    scope: Scope | None = None,
    events: dict[tuple[str, str, int], bytes] | None = None,
) -> bytes:
    """The deadlines of a scope's tasks (the whole site's by default).

    events: serialized events by (plan, task, date index), shared by the calendars of one build.
    A task's event is the same in every calendar that lists it (the site's, its issuer's, its
    lead agencies', its localities'), and icalendar's serializer (line folding character by
    character) was most of the feeds' time: each event is serialized once, and a calendar is its
    header, its events' bytes and its end line — the bytes icalendar writes for the whole."""
    events = {} if events is None else events
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Công khai//Thời hạn nhiệm vụ//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if scope is None or scope.kind == "site":
        cal.add("x-wr-calname", "Công khai — thời hạn nhiệm vụ")
        cal.add("x-wr-caldesc", "Thời hạn các nhiệm vụ trong kế hoạch đăng trên trang Công khai.")
    else:
        who = (
            f"do {scope.name} chủ trì hoặc trong kế hoạch của cơ quan" if scope.kind == "agency" else scope.of
        )
        # one line each: a calendar's name is a content line (a line break in a name is refused)
        cal.add("x-wr-calname", _line(f"Công khai — thời hạn nhiệm vụ {scope.of}"))
        cal.add(
            "x-wr-caldesc", _line(f"Thời hạn các nhiệm vụ {who}, theo kế hoạch đăng trên trang Công khai.")
        )
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    if scope is None:
        items = [(r, t) for r in corpus.plans if r.plan is not None for t in derived.tasks.get(r.key, [])]
    else:
        items = list(scope.tasks)
    by_plan: dict[str, tuple[PlanRecord, list[TaskFacts]]] = {}
    for r, t in items:
        by_plan.setdefault(r.key, (r, []))[1].append(t)
    end = b"END:VCALENDAR\r\n"
    head = to_ical(cal)
    if not head.endswith(end):  # icalendar writes a component as its lines, then its END line
        raise RuntimeError("icalendar: a calendar does not end with END:VCALENDAR")
    out = [head[: -len(end)]]
    store = caches(corpus.root)["ical-event"]
    for _, (rec, plan_tasks) in sorted(by_plan.items()):
        for t in plan_tasks:
            for i in range(len(t.due_dates or ([t.due_end] if t.due_end else []))):
                key = (rec.key, t.id, i)
                if key not in events:
                    events[key] = _cached_event(store, corpus, derived, rec, t, i)
                out.append(events[key])
    out.append(end)
    return b"".join(out)


def _cached_event(
    store: Store, corpus: Corpus, derived: Derived, rec: PlanRecord, t: TaskFacts, i: int
) -> bytes:
    """`_event`, from the cache when nothing it reads changed: an incremental build after one
    edit serializes only that plan's events (icalendar's serializer was most of the feeds' time).
    The key holds everything `_event` reads."""
    p = rec.plan
    key = digest(
        repr(
            (
                corpus.config.site_url,
                derived.git.reference_date,
                rec.key,
                rec.url,
                names(corpus, rec).name,
                p.issued,
                p.period.start if p.period else None,
                i,
                t.id,
                t.name,
                t.lead,
                t.partners,
                t.due,
                t.due_start,
                t.due_end,
                t.due_dates,
                t.status_label,
                t.as_of,
                t.recurring,
            )
        )
    )
    cached = store.get(key)
    if isinstance(cached, bytes):
        return cached
    event = _event(corpus, derived, rec, t, i)
    store.put(key, event)
    return event


def _event(corpus: Corpus, derived: Derived, rec: PlanRecord, t: TaskFacts, i: int) -> bytes:
    """The VEVENT of a task's i-th deadline, serialized."""
    base = corpus.config.site_url
    ref = derived.git.reference_date
    p = rec.plan
    url = absolute(base, rec.url)
    stamp_day = dt.date.fromisoformat(ref) if ref else (p.issued or (p.period.start if p.period else None))
    stamp = dt.datetime.combine(stamp_day, dt.time(), tzinfo=dt.UTC) if stamp_day else EPOCH
    dates = t.due_dates or ([t.due_end] if t.due_end else [])
    d = dt.date.fromisoformat(dates[i])
    ev = icalendar.Event()
    ev.add("uid", _uid(rec.key, t.id, i + 1 if len(dates) > 1 else None))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", d)
    ev.add("dtend", d + dt.timedelta(days=1))
    ev.add("summary", f"Hạn nhiệm vụ {t.id}: {_short(t.name)}")
    lines = [names(corpus, rec).name, f"Nhiệm vụ {t.id}: {t.name}"]
    if t.lead:
        lines.append(f"Chủ trì: {t.lead}")
    if t.partners:
        lines.append(f"Phối hợp: {t.partners}")
    lines.append(f"Thời gian thực hiện (như in): {t.due or ''}")
    if t.due_start:
        lines.append(f"Thực hiện {format_period_vi(t.due_start, t.due_end)}.")
    if t.status_label:
        lines.append(f"Tình trạng: {t.status_label} ({as_of_vi(t.as_of)})")
    lines.append(url)
    ev.add("description", "\n".join(lines))
    ev.add("url", url)
    ev.add("categories", ["Công khai", "Thời hạn nhiệm vụ"])
    ev.add("transp", "TRANSPARENT")
    rule = RRULES.get(t.recurring or "")
    if rule and len(dates) == 1:
        ev.add("rrule", rule)
    return to_ical(ev)


def to_ical(component: icalendar.cal.Component) -> bytes:
    """`component.to_ical()`, byte for byte: icalendar makes the content lines, `fold` folds
    them. icalendar folds a line character by character (encoding each one), which was half of
    a cold build's calendars (6,000 events at 1,000 plans: ~4 s); tests/test_feeds.py compares
    the two on random Vietnamese text, escapes at every fold position and 4-byte characters."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)


def fold(line: str, limit: int = 75) -> bytes:
    """RFC 5545 §3.1 folding as icalendar 7 does it: each physical line under `limit` octets,
    never splitting a UTF-8 character, and a backslash or caret (an escape's first character)
    that would end a line moved to the next one with what it escapes."""
    assert "\n" not in line
    b = line.encode("utf-8")
    if len(b) < limit:
        return b
    out: list[bytes] = []
    start = 0
    while len(b) - start >= limit:
        end = start + limit - 1
        while b[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if b[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        out.append(b[start:end])
        start = end
    out.append(b[start:])
    return b"\r\n ".join(out)


def _short(s: str, n: int = 100) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0] + " …"


def post_build(corpus: Corpus, derived: Derived, site: Path) -> None:
    events: dict[tuple[str, str, int], bytes] = {}  # each task's events serialized once (calendar)
    for scope in scopes(corpus, derived):
        folder = site / scope.url
        folder.mkdir(parents=True, exist_ok=True)  # every scope has its page there; never a stray folder
        whole = scope.kind == "site"
        (folder / FEED).write_bytes(atom(corpus, derived, None if whole else scope))
        (folder / CALENDAR).write_bytes(calendar(corpus, derived, None if whole else scope, events))
