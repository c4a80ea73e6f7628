"""What a reader can subscribe to: the whole site, one agency or one locality, each with an Atom
feed of its plans (`feed.xml`) and a calendar of its task deadlines (`lich.ics`) beside its page,
so that a commune's residents follow their commune only.

- an agency: the plans it issued; its calendar also has the tasks it leads in other plans;
- a locality: the plans of agencies located there (a province's includes its communes'), as on
  its page (builder.site.places.locality_groups).

One list, `scopes`, used by the pages that link the files and by publish.feeds that writes them,
so that no page links a feed that is not written and no feed is written without a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.state import Derived, TaskFacts
from ..base import urls
from ..content.corpus import Corpus, PlanRecord
from .places import locality_groups

FEED = "feed.xml"
CALENDAR = "lich.ics"


@dataclass(frozen=True)
class Scope:
    url: str  # the page the files sit beside: "" (the site), "co-quan/<id>/", "dia-ban/<code>/"
    name: str  # "Công khai", "Ủy ban nhân dân phường Hòa Xuân", "Phường Hòa Xuân, Thành phố Đà Nẵng"
    kind: str  # "site" | "agency" | "locality"
    plans: tuple[PlanRecord, ...]
    tasks: tuple[tuple[PlanRecord, TaskFacts], ...]  # the calendar's tasks

    @property
    def feed(self) -> str:
        return self.url + FEED

    @property
    def calendar(self) -> str:
        return self.url + CALENDAR

    @property
    def of(self) -> str:
        """'của Ủy ban nhân dân phường Hòa Xuân' / 'trên địa bàn Phường Hòa Xuân, …' / ''."""
        return {"agency": f"của {self.name}", "locality": f"trên địa bàn {self.name}"}.get(self.kind, "")

    def links(self) -> dict[str, str]:
        """For page.meta: what the page's head and body link, with their titles."""
        of = f" {self.of}" if self.of else ""
        return {
            "name": self.name,
            "kind": self.kind,
            "feed": self.feed,
            "calendar": self.calendar,
            "feed_title": f"Kế hoạch{of} (Atom)",
            "calendar_title": f"Thời hạn nhiệm vụ{of} (iCalendar)",
        }


def _tasks(derived: Derived, plans: list[PlanRecord]) -> list[tuple[PlanRecord, TaskFacts]]:
    return [(r, t) for r in plans for t in derived.tasks.get(r.key, [])]


# The last build's scopes: plan, agency and locality pages and the feeds all ask (five times a
# build), and grouping every task by agency each time took a quarter of a second at 500 plans.
_LAST: list[tuple[Corpus, Derived, object, list[Scope]]] = []


def scopes(corpus: Corpus, derived: Derived) -> list[Scope]:
    """The site first, then agencies with plans or tasks, then localities with plans; sorted by URL."""
    tasks = derived.tasks
    if _LAST and _LAST[0][0] is corpus and _LAST[0][1] is derived and _LAST[0][2] is tasks:
        return list(_LAST[0][3])
    out = _scopes(corpus, derived)
    _LAST[:] = [(corpus, derived, tasks, out)]
    return list(out)


def _scopes(corpus: Corpus, derived: Derived) -> list[Scope]:
    plans = [r for r in corpus.plans if r.plan is not None]
    out = [
        Scope("", corpus.config.site_name or "Công khai", "site", tuple(plans), tuple(_tasks(derived, plans)))
    ]
    led: dict[str, list[tuple[PlanRecord, TaskFacts]]] = {}
    for r in plans:
        for t in derived.tasks.get(r.key, []):
            for aid in t.lead_agencies:
                led.setdefault(aid, []).append((r, t))
    issued: dict[str, list[PlanRecord]] = {}
    for r in plans:  # one pass, not one per agency: 10,000 plans × 1,000 agencies would take seconds
        issued.setdefault(r.plan.issuer, []).append(r)
    agencies = []
    for aid, rec in corpus.agencies.items():
        own = issued.get(aid, [])
        tasks = _tasks(derived, own)
        seen = {(r.key, t.id) for r, t in tasks}
        tasks += [(r, t) for r, t in led.get(aid, []) if (r.key, t.id) not in seen]
        if own or tasks:
            agencies.append(Scope(urls.agency_url(aid), rec.agency.name, "agency", tuple(own), tuple(tasks)))
    localities = [
        Scope(url, loc["name"], "locality", tuple(group), tuple(_tasks(derived, group)))
        for url, (loc, group) in locality_groups(corpus, plans).items()
        if group
    ]
    return out + sorted(agencies, key=lambda s: s.url) + sorted(localities, key=lambda s: s.url)


def by_url(corpus: Corpus, derived: Derived) -> dict[str, Scope]:
    return {s.url: s for s in scopes(corpus, derived)}
