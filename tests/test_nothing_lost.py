"""Nothing lost: every plan, task, footnote and citation of content/ is in the built site.

Plans, tasks and footnotes are counted straight from the files (plain YAML and regexes, not
the project's loader), citations from the citation step's contract (derived["citations"]).
Each is looked for in the built site and the exports. The build-time check
(builder/nothing_lost.py) must refuse a site that dropped one, naming it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from builder.base.errors import Refusal
from builder.publish import nothing_lost

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILES = sorted((ROOT / "content" / "ke-hoach").rglob("*.md"))


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head) or {}, body


def _text(page: Path) -> str:
    doc = lxml_html.document_fromstring(page.read_bytes(), parser=lxml_html.HTMLParser(encoding="utf-8"))
    return " ".join(doc.text_content().split())


@pytest.fixture(scope="module")
def built():
    from builder import flow
    from builder.content import corpus as corpus_mod
    from tests.factories import real_site

    site = real_site() / "site"
    c = corpus_mod.load(site.parent)
    d = flow.run(c, validate=False)
    return c, d, site


def test_sources_have_something_to_lose() -> None:
    assert len(PLAN_FILES) >= 5
    assert sum(len(_front(p)[0].get("tasks") or []) for p in PLAN_FILES) >= 20


@pytest.mark.slow
def test_every_plan_has_its_page_and_export_row(built) -> None:
    _, _, site = built
    plans_json = json.loads((site / "api" / "plans.json").read_text(encoding="utf-8"))
    rows = plans_json if isinstance(plans_json, list) else plans_json.get("plans", [])
    exported_titles = {" ".join(str(r.get("title", "")).split()) for r in rows}
    for f in PLAN_FILES:
        data, _ = _front(f)
        rel = f.relative_to(ROOT / "content").with_suffix("").as_posix()
        page = site / rel / "index.html"
        assert page.is_file(), f"{f.name}: no page {rel}/"
        title = " ".join(str(data["title"]).split())
        assert title in _text(page), f"{f.name}: title missing from its page"
        assert title in exported_titles, f"{f.name}: not in api/plans.json"


@pytest.mark.slow
def test_every_task_is_on_its_plan_page_and_in_the_exports(built) -> None:
    _, _, site = built
    tasks_json = json.loads((site / "api" / "tasks.json").read_text(encoding="utf-8"))
    rows = tasks_json if isinstance(tasks_json, list) else tasks_json.get("tasks", [])
    with (site / "api" / "tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    n = 0
    for f in PLAN_FILES:
        data, _ = _front(f)
        rel = f.relative_to(ROOT / "content").with_suffix("").as_posix()
        text = _text(site / rel / "index.html")
        for t in data.get("tasks") or []:
            n += 1
            name = " ".join(str(t["name"]).split())
            where = f"{f.name} task {t['id']}"
            assert name in text, f"{where}: not on the plan page"
            json_hits = [
                r
                for r in rows
                if str(r.get("id")) == str(t["id"]) and rel in json.dumps(r, ensure_ascii=False)
            ]
            assert len(json_hits) == 1, f"{where}: {len(json_hits)} rows in api/tasks.json"
            csv_hits = [
                r
                for r in csv_rows
                if str(r.get("id")) == str(t["id"]) and rel in " ".join(map(str, r.values()))
            ]
            assert len(csv_hits) == 1, f"{where}: {len(csv_hits)} rows in api/tasks.csv"
    assert len(rows) == n and len(csv_rows) == n, (len(rows), len(csv_rows), n)


@pytest.mark.slow
def test_every_footnote_is_on_its_page(built) -> None:
    _, _, site = built
    total = 0
    for f in PLAN_FILES:
        _, body = _front(f)
        defs = re.findall(r"^\[\^([^\]\s]+)\]:[ \t]*(.+)$", body, re.M)
        rel = f.relative_to(ROOT / "content").with_suffix("").as_posix()
        page = (site / rel / "index.html").read_text(encoding="utf-8")
        text = _text(site / rel / "index.html")
        for label, note in defs:
            total += 1
            assert f'id="fn:{label}"' in page, f"{f.name}: footnote [^{label}] missing"
            assert nothing_lost.plain_markdown(note)[:60] in text, (
                f"{f.name}: footnote [^{label}] text missing"
            )
    assert total > 0


@pytest.mark.slow
def test_every_citation_is_a_link_or_a_warning(built) -> None:
    c, d, site = built
    cites = d.citations
    assert sum(len(v) for v in cites.values()) > 50
    assert nothing_lost.find_lost(c, d, site) == []


# -- the build-time check refuses a site that dropped something, and names it ------------------


@pytest.fixture
def damaged(built, tmp_path: Path):
    c, d, site = built
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind", "assets"))
    return c, d, copy


def _plan_with(c, pred):
    return next(r for r in c.plans if pred(r))


def test_a_missing_plan_page_is_named(damaged) -> None:
    c, d, site = damaged
    rec = c.plans[0]
    (site / rec.url / "index.html").unlink()
    with pytest.raises(Refusal) as e:
        nothing_lost.post_build(c, d, site)
    assert rec.path in str(e.value) and "không có trang" in str(e.value)


def test_a_dropped_task_is_named(damaged) -> None:
    c, d, site = damaged
    # a task whose name is not also in the plan's text (there, it would still be on the page)
    rec, task = next(
        (r, t)
        for r in c.plans
        for t in d.tasks.get(r.key, [])
        if " ".join(t.name.split()) not in " ".join(r.src.body.split())
    )
    page = site / rec.url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(task.name, "…"), encoding="utf-8")
    rows = json.loads((site / "api" / "tasks.json").read_text(encoding="utf-8"))
    rows = [
        r for r in rows if not (str(r.get("id")) == task.id and rec.url in json.dumps(r, ensure_ascii=False))
    ]
    (site / "api" / "tasks.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    lost = nothing_lost.find_lost(c, d, site)
    assert any(f"nhiệm vụ {task.id}" in m and "trang kế hoạch" in m for m in lost), lost
    assert any(f"nhiệm vụ {task.id}" in m and "api/tasks.json" in m for m in lost), lost


def test_a_dropped_footnote_and_citation_link_are_named(damaged) -> None:
    c, d, site = damaged
    rec = _plan_with(c, lambda r: nothing_lost.footnotes(r.src.body) and d.citations.get(r.key))
    label, _ = nothing_lost.footnotes(rec.src.body)[0]
    cite = next(x for x in d.citations[rec.key] if x.resolved)
    page = site / rec.url / "index.html"
    html = page.read_text(encoding="utf-8").replace(f'id="fn:{label}"', 'id="x"')
    target = cite.url.rstrip("/").split("/")[-1]
    html = re.sub(rf'href="([^"]*{re.escape(target)}/?)"', 'href="#"', html)  # every link to that document
    page.write_text(html, encoding="utf-8")
    lost = nothing_lost.find_lost(c, d, site)
    assert any(f"[^{label}]" in m for m in lost), lost
    assert any(cite.url in m and "không thành liên kết" in m for m in lost), lost
