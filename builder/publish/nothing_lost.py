"""Post-build: every plan, task, footnote and citation of the sources is in the built site.

DESIGN.md: "every plan in content/ becomes a page, every task a row, every citation a link or a
reported warning"; every progress report a page with each of its results. This step checks the built HTML and the exports (api/) against the corpus and refuses to publish, naming each thing that was dropped.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html
from lxml.html import HtmlElement

from ..analysis.state import Derived
from ..base.errors import Refusal
from ..content.corpus import Corpus

# Where the plan's rendered Markdown sits: overrides/plan.html's section, else the theme's content area.
BODY_CLASSES = ("ck-text", "md-content")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.M)


def squash(s: str) -> str:
    return " ".join(s.split())


def page_file(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


def _doc(path: Path) -> HtmlElement:
    return lxml_html.document_fromstring(path.read_bytes(), parser=lxml_html.HTMLParser(encoding="utf-8"))


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


def _link_targets(doc: HtmlElement, page_url: str) -> Counter[str]:
    """Site-relative targets ("van-ban/x/") of links inside the page's content."""
    roots: list[Any] = []
    for cls in BODY_CLASSES:  # the rendered plan text only, not the side panels that also link documents
        roots = roots or doc.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]')
    roots = roots or [doc]
    out: Counter[str] = Counter()
    for root in roots:
        for a in root.iter("a"):
            href = a.get("href")
            if not href or urlsplit(href).scheme or href.startswith("#"):
                continue
            path = unquote(urlsplit(href).path)
            target = posixpath.normpath(posixpath.join("/" + page_url.strip("/") + "/", path)).strip("/")
            out[target + "/" if target else ""] += 1
    return out


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


def find_lost(corpus: Corpus, derived: Derived, site: Path) -> list[str]:
    """Vietnamese messages, one per source item missing from the site or the exports."""
    lost: list[str] = []
    tasks_by_plan = derived.tasks
    citations = derived.citations
    diags = derived.diagnostics
    api_plans = api_tasks = csv_rows = None
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
        with (site / "api" / "tasks.csv").open(encoding="utf-8-sig", newline="") as f:
            csv_rows = [squash(" ".join(v or "" for v in row.values())) for row in csv.DictReader(f)]

    for rec in corpus.plans:
        where = rec.path
        page = page_file(site, rec.url)
        if not page.is_file():
            lost.append(f"{where}: kế hoạch không có trang {page.relative_to(site).as_posix()}")
            continue
        doc = _doc(page)
        text = squash(doc.text_content())
        ids = {el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")}
        if rec.plan is not None and squash(rec.plan.title) not in text:
            lost.append(f"{where}: trang kế hoạch không có trích yếu “{rec.plan.title}”")
        if api_plans is not None and rec.key and rec.key not in api_plans:
            lost.append(f"{where}: kế hoạch {rec.key} không có trong api/plans.json")
        for t in tasks_by_plan.get(rec.key, []):
            tid, name = str(t.id), squash(str(t.name or ""))
            if name and name not in text:
                lost.append(f"{where}: nhiệm vụ {tid} “{name[:60]}” không có trên trang kế hoạch")
            if api_tasks is not None and (rec.key, tid) not in api_tasks:
                lost.append(f"{where}: nhiệm vụ {tid} không có trong api/tasks.json")
            if csv_rows is not None and name and not any(name in row for row in csv_rows):
                lost.append(f"{where}: nhiệm vụ {tid} không có trong api/tasks.csv")
        for label, note in footnotes(rec.src.body):
            if f"fn:{label}" not in ids:
                lost.append(f"{where}: chú thích [^{label}] không có trên trang")
            elif plain_markdown(note) and plain_markdown(note)[:80] not in text:
                lost.append(f"{where}: nội dung chú thích [^{label}] không có trên trang")
        wanted: Counter[str] = Counter()
        for c in citations.get(rec.key, []):
            url = c.url
            if c.resolved and url:
                wanted[str(url).strip("/") + "/"] += 1
            elif not any(
                d.file == rec.path
                and d.severity == "warning"
                and (d.line == c.line or str(c.text) in d.message)
                for d in diags
            ):
                lost.append(
                    f"{where}:{c.line}: trích dẫn “{c.text}” không được liên kết mà cũng không có cảnh báo"
                )
        have = _link_targets(doc, rec.url)
        for url, n in sorted(wanted.items()):
            if have[url] < n:
                lost.append(
                    f"{where}: {n - have[url]} trích dẫn tới {url} không thành liên kết trên trang (cần {n}, có {have[url]})"
                )
    for rep in corpus.reports:  # every progress report has its page, with every result on it
        page = page_file(site, rep.url)
        if not page.is_file():
            lost.append(f"{rep.path}: báo cáo không có trang {page.relative_to(site).as_posix()}")
            continue
        text = squash(_doc(page).text_content())
        if squash(rep.report.title) not in text:
            lost.append(f"{rep.path}: trang báo cáo không có trích yếu “{rep.report.title}”")
        for res in rep.report.results:
            if res.note and squash(res.note) not in text:
                lost.append(f"{rep.path}: kết quả nhiệm vụ {res.task} không có trên trang báo cáo")
    return lost


def post_build(corpus: Corpus, derived: Derived, site_dir: Path) -> None:
    lost = find_lost(corpus, derived, site_dir)
    if lost:
        shown = "\n".join(f"  {m}" for m in lost[:50])
        more = f"\n  … và {len(lost) - 50} mục nữa" if len(lost) > 50 else ""
        raise Refusal(
            f"Không xuất bản: {len(lost)} mục trong nội dung bị thiếu trên trang web.\n{shown}{more}"
        )
