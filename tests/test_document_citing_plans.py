"""A document page cited by hundreds of plans stays light: citing plans grouped by how they cite
and by level, a few shown with their sentence, every one listed on pages of a hundred."""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder import flow
from builder.content import corpus as corpus_mod
from builder.site import documents
from tests.factories import MINIMAL_MKDOCS, project

N = 250
AGENCIES = {
    "chinh-phu": "name: Chính phủ\nlevel: trung-uong\n",
    "ubnd-tinh": "name: Ủy ban nhân dân tỉnh Thử\nshort_name: UBND tỉnh Thử\nlevel: tinh\nlocality: '48'\n",
    "ubnd-xa": "name: Ủy ban nhân dân phường Hòa Xuân\nshort_name: UBND phường Hòa Xuân\nlevel: xa\n"
    "locality: '20314'\nparent: ubnd-tinh\n",
}
DECREE = (
    "---\nnumber: 59/2023/NĐ-CP\ntype: Nghị định\nissued: 2023-08-14\nissuer: chinh-phu\n"
    "title: quy định chi tiết\nsources:\n  - {facts: [number, issued, title], where: dữ liệu thử}\n---\n"
)


def plan(i: int) -> str:
    issuer = "ubnd-xa" if i % 3 else "ubnd-tinh"
    how = ("Căn cứ", "Thực hiện", "Tiếp tục quán triệt")[2 if i % 3 == 0 else i % 2]
    return (
        f"---\nnumber: {i + 1}/KH-UBND\nissued: 2025-07-{i % 28 + 1:02d}\nissuer: {issuer}\n"
        f"title: Kế hoạch thử số {i + 1} năm 2025\n---\n\n"
        f"{how} Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;\n\n## I. NỘI DUNG\n\nNội dung.\n"
    )


def test_a_document_cited_by_hundreds_of_plans_stays_light(tmp_path: Path) -> None:
    files = {"content/index.md": "# Thử\n", "content/van-ban/59-2023-nd-cp.md": DECREE}
    files |= {f"content/co-quan/{k}.md": f"---\n{v}---\n" for k, v in AGENCIES.items()}
    files |= {f"content/ke-hoach/2025/k{i:03d}.md": plan(i) for i in range(N)}
    c = corpus_mod.load(
        project(tmp_path / "p", content=None, files=files, mkdocs=MINIMAL_MKDOCS, templates=True)
    )
    d = flow.run(c, validate=False)
    pages = documents.document_pages(c, d)
    main = next(p for p in pages if p.path == "van-ban/59-2023-nd-cp.md")
    meta = main.meta
    assert meta["cited_total"] == N
    groups = {g["heading"]: g for g in meta["cited_in"]}
    assert sum(g["count"] for g in groups.values()) == N
    assert set(groups) == {"Căn cứ", "Thực hiện", "Trích dẫn, nhắc đến"}
    for g in groups.values():
        assert sum(lv["count"] for lv in g["levels"]) == g["count"]
        for lv in g["levels"]:
            assert len(lv["plans"]) <= documents.PER_GROUP and lv["more"] == lv["count"] - len(lv["plans"])
            assert all(len(p["sentences"]) <= 1 for p in lv["plans"])
            assert lv["heading"] in ("Tỉnh, thành phố", "Xã, phường, đặc khu")
    assert len(json.dumps(meta, ensure_ascii=False)) < 20_000  # not 250 plans' sentences
    lists = sorted(p.path for p in pages if "/trich-dan" in p.path)
    assert lists == [
        "van-ban/59-2023-nd-cp/trich-dan.md",
        "van-ban/59-2023-nd-cp/trich-dan/2.md",
        "van-ban/59-2023-nd-cp/trich-dan/3.md",
    ]
    assert meta["cited_list_url"] == "van-ban/59-2023-nd-cp/trich-dan/"
    per_page = [
        re.findall(r"\]\((?:\.\./)+ke-hoach/2025/(k\d+)\.md\)", p.body)
        for p in pages
        if "/trich-dan" in p.path
    ]
    listed = [k for links in per_page for k in links]
    assert sorted(listed) == sorted(f"k{i:03d}" for i in range(N))  # every citing plan, once
    assert [len(x) for x in per_page] == [100, 100, 50]
