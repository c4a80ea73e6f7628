"""Post-build: every plan, task, footnote and citation of the sources is in the built site.

DESIGN.md: "every plan in content/ becomes a page, every task a row, every citation a link or a
reported warning"; every progress report a page with each of its results. This step checks the built HTML and the exports (api/) against the corpus and refuses to publish, naming each thing that was dropped.

Plan and report pages are checked by `PlanPages` and `ReportPages`, visitors of the one pass over
the HTML (htmlpass): a page's text, ids and links come from that pass's parse, and its result is
cached by the page's bytes and its source's own inputs, so an incremental build re-checks only the
pages that changed.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..analysis.state import Derived
from ..base.cache import digest
from ..base.diagnostics import Diagnostic
from ..base.errors import Refusal
from ..content.corpus import Corpus, PlanRecord
from . import htmlpass

# Where the plan's rendered Markdown sits: overrides/plan.html's section, else the theme's content area.
BODY_CLASSES = ("ck-text", "md-content")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.M)


def squash(s: str) -> str:
    return " ".join(s.split())


def page_file(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


def plain_markdown(s: str) -> str:
    """Footnote text as a reader sees it: links, emphasis and code marks removed."""
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", s)
    s = re.sub(r"<(https?://[^>]+)>", r"\1", s)
    s = re.sub(r"[*_`]+", "", s)
    s = re.sub(r"<[^>]+>", "", s)
    return squash(s)


def footnotes(body: str) -> list[tuple[str, str]]:
    """(label, first line of text) of every footnote definition outside code fences."""
    out = []
    fence = None
    for line in body.split("\n"):
        m = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence:
            continue
        d = FOOTNOTE_DEF.match(line)
        if d:
            out.append((d.group(1), d.group(2)))
    return out


def _link_targets(tree: LexborHTMLParser, page_url: str) -> Counter[str]:
    """Site-relative targets ("van-ban/x/") of links inside the page's content."""
    roots: list[Any] = []
    for cls in BODY_CLASSES:  # the rendered plan text only, not the side panels that also link documents
        roots = roots or tree.css(f".{cls}")
    roots = [r for r in roots if not any(_inside(r, o) for o in roots if o is not r)] or [tree.root]
    out: Counter[str] = Counter()
    for root in roots:
        for a in root.css("a"):
            href = a.attributes.get("href")
            if not href or urlsplit(href).scheme or href.startswith("#"):
                continue
            path = unquote(urlsplit(href).path)
            target = posixpath.normpath(posixpath.join("/" + page_url.strip("/") + "/", path)).strip("/")
            out[target + "/" if target else ""] += 1
    return out


def _inside(node: Any, other: Any) -> bool:
    """node is a descendant of other (nested content areas are counted once)."""
    p = node.parent
    while p is not None:
        if p.mem_id == other.mem_id:
            return True
        p = p.parent
    return False


def _json_rows(path: Path, kind: str) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get(kind) or data.get("items") or data.get("data") or []
    return [r for r in data if isinstance(r, dict)]


def _plan_key_of(row: dict[str, Any]) -> str | None:
    p = row.get("plan")
    if isinstance(p, dict):
        return p.get("key")
    return row.get("plan_key") or (p if isinstance(p, str) else None)


class PlanPages:
    """The htmlpass visitor of plan pages: what a plan's page lacks of its source."""

    name = "nothing_lost"

    def __init__(self, corpus: Corpus, derived: Derived) -> None:
        self.derived = derived
        self.by_page = {_page_rel(r.url): r for r in corpus.plans}
        self.warned: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in derived.diagnostics:
            if d.severity == "warning":
                self.warned[d.file].append(d)

    def key(self, rel: str) -> str | None:
        rec = self.by_page.get(rel)
        if rec is None:
            return None
        return digest(json.dumps(self._inputs(rec), ensure_ascii=False, sort_keys=True, default=str))

    def _inputs(self, rec: PlanRecord) -> dict[str, Any]:
        """Everything `visit` compares the page with (the cache key of its result)."""
        wanted: Counter[str] = Counter()
        unlinked = []
        for c in self.derived.citations.get(rec.key, []):
            if c.resolved and c.url:
                wanted[str(c.url).strip("/") + "/"] += 1
            elif not any(d.line == c.line or str(c.text) in d.message for d in self.warned.get(rec.path, [])):
                unlinked.append([c.line, c.text])
        return {
            "path": rec.path,
            "url": rec.url,
            "title": squash(rec.plan.title) if rec.plan is not None else None,
            "tasks": [[str(t.id), squash(str(t.name or ""))] for t in self.derived.tasks.get(rec.key, [])],
            "footnotes": [[label, plain_markdown(note)] for label, note in footnotes(rec.src.body)],
            "wanted": sorted(wanted.items()),
            "unlinked": unlinked,
        }

    def visit(self, rel: str, tree: LexborHTMLParser) -> list[str]:
        rec = self.by_page[rel]
        want = self._inputs(rec)
        where = rec.path
        lost: list[str] = []
        text = squash(tree.root.text(deep=True) if tree.root is not None else "")
        ids = {el.attributes.get("id") for el in tree.css("[id]")}
        if want["title"] is not None and want["title"] not in text:
            lost.append(f"{where}: trang kế hoạch không có trích yếu “{rec.plan.title}”")
        for tid, name in want["tasks"]:
            if name and name not in text:
                lost.append(f"{where}: nhiệm vụ {tid} “{name[:60]}” không có trên trang kế hoạch")
        for label, note in want["footnotes"]:
            if f"fn:{label}" not in ids:
                lost.append(f"{where}: chú thích [^{label}] không có trên trang")
            elif note and note[:80] not in text:
                lost.append(f"{where}: nội dung chú thích [^{label}] không có trên trang")
        for line, cited in want["unlinked"]:
            lost.append(f"{where}:{line}: trích dẫn “{cited}” không được liên kết mà cũng không có cảnh báo")
        have = _link_targets(tree, rec.url)
        for url, n in want["wanted"]:
            if have[url] < n:
                lost.append(
                    f"{where}: {n - have[url]} trích dẫn tới {url} không thành liên kết trên trang (cần {n}, có {have[url]})"
                )
        return lost


class ReportPages:
    """The htmlpass visitor of progress report pages: the report's title and every result's note."""

    name = "nothing_lost_reports"

    def __init__(self, corpus: Corpus) -> None:
        self.by_page = {_page_rel(r.url): r for r in corpus.reports}

    def key(self, rel: str) -> str | None:
        rep = self.by_page.get(rel)
        if rep is None:
            return None
        notes = [[str(res.task), squash(res.note or "")] for res in rep.report.results]
        return digest(json.dumps([rep.path, squash(rep.report.title), notes], ensure_ascii=False))

    def visit(self, rel: str, tree: LexborHTMLParser) -> list[str]:
        rep = self.by_page[rel]
        text = squash(tree.root.text(deep=True) if tree.root is not None else "")
        lost = []
        if squash(rep.report.title) not in text:
            lost.append(f"{rep.path}: trang báo cáo không có trích yếu “{rep.report.title}”")
        for res in rep.report.results:
            if res.note and squash(res.note) not in text:
                lost.append(f"{rep.path}: kết quả nhiệm vụ {res.task} không có trên trang báo cáo")
        return lost


def visitors(corpus: Corpus, derived: Derived) -> list[htmlpass.Visitor]:
    """What the one pass over the pages looks at for this check."""
    return [PlanPages(corpus, derived), ReportPages(corpus)]


def _page_rel(url: str) -> str:
    return f"{url.strip('/')}/index.html" if url.strip("/") else "index.html"


def lost_in_exports(corpus: Corpus, derived: Derived, site: Path) -> list[str]:
    """Plans and tasks missing from api/plans.json, api/tasks.json and api/tasks.csv."""
    lost: list[str] = []
    api_plans = api_tasks = None
    csv_rows: dict[str, list[str]] | None = None
    # the exports (flow.POST_BUILD) are written before the checks run
    for name in ("plans.json", "tasks.json", "tasks.csv"):
        if not (site / "api" / name).is_file():
            lost.append(f"thiếu tệp xuất dữ liệu api/{name}")
    if (site / "api" / "plans.json").is_file():
        api_plans = {r.get("key") for r in _json_rows(site / "api" / "plans.json", "plans")}
    if (site / "api" / "tasks.json").is_file():
        api_tasks = {
            (_plan_key_of(r), str(r.get("id"))) for r in _json_rows(site / "api" / "tasks.json", "tasks")
        }
    if (site / "api" / "tasks.csv").is_file():
        csv_rows = defaultdict(list)  # rows by plan: a task's name is looked for among its plan's rows
        with (site / "api" / "tasks.csv").open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                csv_rows[row.get("plan_key") or ""].append(squash(" ".join(v or "" for v in row.values())))
    for rec in corpus.plans:
        where = rec.path
        if api_plans is not None and rec.key and rec.key not in api_plans:
            lost.append(f"{where}: kế hoạch {rec.key} không có trong api/plans.json")
        for t in derived.tasks.get(rec.key, []):
            tid, name = str(t.id), squash(str(t.name or ""))
            if api_tasks is not None and (rec.key, tid) not in api_tasks:
                lost.append(f"{where}: nhiệm vụ {tid} không có trong api/tasks.json")
            if csv_rows is not None and name and not any(name in row for row in csv_rows.get(rec.key, [])):
                lost.append(f"{where}: nhiệm vụ {tid} không có trong api/tasks.csv")
    return lost


def lost_from_facts(corpus: Corpus, derived: Derived, site: Path, facts: htmlpass.SiteFacts) -> list[str]:
    """What the site lacks, from the one pass's facts (its PlanPages results) and the exports."""
    lost: list[str] = []
    visited = facts.visited.get(PlanPages.name, {})
    for rec in corpus.plans:
        rel = _page_rel(rec.url)
        if rel not in facts.files:
            lost.append(f"{rec.path}: kế hoạch không có trang {rel}")
        else:
            lost.extend(visited.get(rel, []))
    reports = facts.visited.get(ReportPages.name, {})
    for rep in corpus.reports:  # every progress report has its page, with every result on it
        rel = _page_rel(rep.url)
        if rel not in facts.files:
            lost.append(f"{rep.path}: báo cáo không có trang {rel}")
        else:
            lost.extend(reports.get(rel, []))
    return lost_in_exports(corpus, derived, site) + lost


def find_lost(corpus: Corpus, derived: Derived, site: Path) -> list[str]:
    """Vietnamese messages, one per source item missing from the site or the exports."""
    facts = htmlpass.SiteFacts(root=site)
    facts.files, facts.dirs = htmlpass.site_files(site)
    for visitor in visitors(corpus, derived):
        facts.visited[visitor.name] = {}
        for rel in sorted(facts.files):
            if visitor.key(rel) is not None:
                tree = htmlpass.parse((site / rel).read_bytes())
                facts.visited[visitor.name][rel] = visitor.visit(rel, tree)
    return lost_from_facts(corpus, derived, site, facts)


def post_build(
    corpus: Corpus, derived: Derived, site_dir: Path, facts: htmlpass.SiteFacts | None = None
) -> None:
    lost = (
        find_lost(corpus, derived, site_dir)
        if facts is None
        else lost_from_facts(corpus, derived, site_dir, facts)
    )
    if lost:
        shown = "\n".join(f"  {m}" for m in lost[:50])
        more = f"\n  … và {len(lost) - 50} mục nữa" if len(lost) > 50 else ""
        raise Refusal(
            f"Không xuất bản: {len(lost)} mục trong nội dung bị thiếu trên trang web.\n{shown}{more}"
        )
