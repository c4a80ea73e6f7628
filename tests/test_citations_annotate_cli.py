"""annotate (links at exact offsets, text unchanged) and the `congkhai citations` JSON contract."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from builder.analysis import citations as pipeline
from builder.analysis.state import Derived
from builder.base.urls import md_link
from builder.citations import find_citations
from builder.citations.annotate import annotate, strip_links
from builder.citations.models import JSON_FIELDS
from builder.cli import main
from builder.content import corpus as corpus_mod
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def analyzed():
    c = corpus_mod.load(ROOT)
    d = Derived()
    pipeline.analyze(c, d)
    pipeline.link(c, d)
    return c, d


def test_annotated_bodies_keep_the_text_and_link_every_resolved_citation(analyzed) -> None:
    corpus, derived = analyzed
    assert corpus.plans
    for r in corpus.plans:
        ann = derived.annotated[r.key]
        assert strip_links(ann) == r.src.body
        cits = [c for c in derived.citations[r.key] if c.resolved and not c.self_citation]
        assert cits
        links = re.findall(r"\]\(([^)\s]+\.md) \"", ann)
        assert len(links) == len(cits)
        html = markdown.markdown(ann, extensions=["footnotes", "tables", "attr_list"])
        assert html.count('.md" title="') == len(cits)  # Python-Markdown parses every link
        plain = markdown.markdown(r.src.body, extensions=["footnotes", "tables", "attr_list"])
        assert html.count('class="footnote-ref"') == plain.count('class="footnote-ref"')  # [^n] kept working


def test_link_targets_and_titles(analyzed) -> None:
    corpus, derived = analyzed
    r = next(r for r in corpus.plans if "trung-tam" in r.key)
    ann = derived.annotated[r.key]
    assert (
        "[Kế hoạch số 16/KH-UBND ngày 21/7/2025 của UBND phường Hòa Xuân]"
        '(dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan.md "Kế hoạch của UBND phường Hòa Xuân về thực hiện'
    ) in ann  # the link's title is the plan's name (builder.content.names), never "(chưa có số)"
    assert '](../../van-ban/59-2023-nd-cp.md "Nghị định 59/2023/NĐ-CP' in ann


def test_unsafe_spans_link_only_the_number() -> None:
    body = "Theo Quyết định số 12/QĐ-UBND của\n\nUBND tỉnh về việc; và **Chỉ thị số 05/CT-TTg** nữa.\n"
    cits = find_citations(body, markdown=True)
    for c in cits:
        c.resolved, c.url, c.target_title = True, f"van-ban/{c.number.split('/')[0]}/", "Tên"
    out = annotate(body, cits, lambda c: md_link("ke-hoach/2025/x/", c.url))
    assert strip_links(out) == body
    assert '[Chỉ thị số 05/CT-TTg](../../van-ban/05.md "Chỉ thị 05/CT-TTg: Tên")**' in out
    assert "**[Chỉ thị" in out


def test_unresolved_citations_stay_plain() -> None:
    body = "Thực hiện Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ."
    assert annotate(body, find_citations(body), lambda c: md_link("ke-hoach/2025/x/", c.url)) == body


def test_cli_json_contract_on_a_txt(capsys, tmp_path) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    f = tmp_path / "ke-hoach.txt"
    f.write_bytes(seed.read_bytes())
    assert main(["citations", str(f), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = f.read_text(encoding="utf-8")
    assert len(data) >= 11
    for d in data:
        assert tuple(d) == JSON_FIELDS
        assert text[d["start"] : d["end"]] == d["text"]
    first = data[0]
    assert (first["type"], first["number"], first["date"]) == ("Kế hoạch", "30/KH-UBND", "2025-02-19")


def test_cli_json_on_a_plan_resolves_with_the_registry(capsys) -> None:
    plan = next((ROOT / "content" / "ke-hoach").rglob("*xa-dai-son*.md"))
    assert main(["--project", str(ROOT), "citations", str(plan), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = plan.read_text(encoding="utf-8")
    assert data and all(text[d["start"] : d["end"]] == d["text"] for d in data)
    assert all(d["resolved"] and d["url"].startswith("van-ban/") for d in data)
    assert "16/KH-UBND@ubnd-xa-dai-son-2025" in {d["key"] for d in data}


def test_appendix_tasks_are_searched_too(analyzed) -> None:
    corpus, derived = analyzed
    r = next(r for r in corpus.plans if r.key.startswith("ubnd-phuong-hoa-xuan"))
    per_task = derived.task_citations[r.key]
    (c,) = per_task["2"]["name"]
    assert (c.number, c.date, c.resolved, c.url) == (
        "100/NQ-HĐND",
        "2023-12-14",
        True,
        "van-ban/100-nq-hdnd/",
    )
    task = next(t for t in r.plan.tasks if t.id == "2")
    ann = derived.annotated_tasks[r.key]["2"]["name"]
    assert strip_links(ann) == task.name and "](../../van-ban/100-nq-hdnd.md" in ann
    assert r.key in [p for p, _ in derived.relations.cited_by("100/NQ-HĐND")]
