"""resolve, relations, validator rules and `registry stubs` on a tiny synthetic project.

City plan → ward plan → agency plan, a commune that reuses the ward's number, a decree that is
no longer in force, and a decision that is in no registry.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from builder import flow
from builder.cli import cmd_registry as stubs
from builder.content import corpus as corpus_mod
from builder.validate import citations as rules
from tests.factories import MINIMAL_MKDOCS, project

AGENCIES = {
    "ubnd-tp-x": "name: Ủy ban nhân dân thành phố Đà Nẵng\nshort_name: UBND thành phố Đà Nẵng\n"
    "aliases: [UBND thành phố]\nlevel: tinh\nlocality: '48'\n",
    "ubnd-phuong-a": "name: Ủy ban nhân dân phường Hòa Xuân\nshort_name: UBND phường Hòa Xuân\n"
    "aliases: [UBND phường]\nlevel: xa\nlocality: '20314'\nparent: ubnd-tp-x\n",
    "trung-tam-a": "name: Trung tâm Phục vụ hành chính công phường Hòa Xuân\nlevel: xa\nlocality: '20314'\n"
    "parent: ubnd-phuong-a\n",
    "ubnd-xa-b": "name: Ủy ban nhân dân xã Đại Sơn\nshort_name: UBND xã Đại Sơn\naliases: [UBND xã]\n"
    "level: xa\nlocality: '11086'\n",
    "chinh-phu": "name: Chính phủ\nlevel: trung-uong\n",
}
DOCS = {
    "59-2023-nd-cp": "number: 59/2023/NĐ-CP\ntype: Nghị định\nissued: 2023-08-14\nissuer: chinh-phu\n"
    "title: Quy định chi tiết Luật Thực hiện dân chủ ở cơ sở\nstatus: bị thay thế\n"
    "replaced_by: 99/2025/NĐ-CP\n"
    "sources:\n  - facts: [status, replaced_by]\n    url: https://vbpl.vn/thu\n",
    "99-2025-nd-cp": "number: 99/2025/NĐ-CP\ntype: Nghị định\nissued: 2025-06-01\nissuer: chinh-phu\n"
    "title: Nghị định thay thế\neffective: 2025-07-01\n"
    "sources:\n  - facts: [issued, effective]\n    where: Công báo (thử)\n",
    "16-kh-ubnd-ubnd-xa-b-2025": "key: 16/KH-UBND@ubnd-xa-b-2025\nnumber: 16/KH-UBND\ntype: Kế hoạch\n"
    "issued: 2025-07-31\nissuer: ubnd-xa-b\ntitle: về cải cách hành chính\n",
}
PERIOD = "period:\n  start: 2025-07-01\n  end: 2025-12-31\n"
CITY = (
    "number: 05/KH-UBND\nissued: 2025-07-10\nissuer: ubnd-tp-x\ntitle: Dân chủ ở cơ sở năm 2025\n"
    + PERIOD
    + "basis:\n  - ref: 59/2023/NĐ-CP\n    relation: can-cu\n",
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;\n\nUBND thành phố ban hành Kế hoạch.\n",
)
WARD = (
    "issuer: ubnd-phuong-a\ntitle: Thực hiện dân chủ ở cơ sở 6 tháng cuối năm 2025 trên địa bàn phường Hòa Xuân\n"
    + PERIOD,
    "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/7/2025 của UBND thành phố Đà Nẵng;\n\n## I. MỤC ĐÍCH\n\nNội dung.\n",
)
AGENCY_PLAN = (
    "issuer: trung-tam-a\ntitle: Dân chủ ở cơ sở của Trung tâm\n" + PERIOD,
    "Thực hiện Kế hoạch số 16/KH-UBND ngày 21/7/2025 của UBND phường Hòa Xuân về thực hiện dân chủ ở cơ sở "
    "6 tháng cuối năm 2025 trên địa bàn phường Hòa Xuân; Trung tâm ban hành Kế hoạch.\n\n## I. NỘI DUNG\n\n"
    "Triển khai Kế hoạch số 16/KH-UBND. Thực hiện Quyết định số 777/QĐ-UBND ngày 01/02/2025 của UBND "
    "phường Hòa Xuân về việc ban hành quy chế làm việc.\n",
)
COMMUNE = (
    "issuer: ubnd-xa-b\ntitle: Cải cách hành chính xã Đại Sơn\n" + PERIOD,
    "## I. NHIỆM VỤ\n\nTiếp tục thực hiện Kế hoạch số 16/KH-UBND ngày 31/7/2025 của UBND xã về cải cách hành chính.\n",
)
PLANS = {"thanh-pho": CITY, "phuong": WARD, "trung-tam": AGENCY_PLAN, "xa": COMMUNE}


def make(root: Path, ward_extra: str = "") -> Path:
    files = {"content/index.md": "# Thử\n"}
    files |= {f"content/co-quan/{k}.md": f"---\n{v}---\n" for k, v in AGENCIES.items()}
    files |= {f"content/van-ban/{k}.md": f"---\n{v}---\n" for k, v in DOCS.items()}
    for name, (fm, body) in PLANS.items():
        fm = fm + (ward_extra if name == "phuong" else "")
        files[f"content/ke-hoach/2025/{name}.md"] = f"---\ntype: Kế hoạch\n{fm}---\n\n{body}"
    return project(root, content=None, files=files, mkdocs=MINIMAL_MKDOCS, templates=False)


def load(root: Path):
    c = corpus_mod.load(root)
    assert not c.errors, c.errors
    return c, flow.run(c, validate=False)  # citations, then git and the legal step


def keys(c) -> dict[str, str]:
    return {r.path.rsplit("/", 1)[1].removesuffix(".md"): r.key for r in c.plans}


def diags(c, dv) -> list:
    return [d for r in (rules.rule_unresolved, rules.rule_basis_in_force) for d in r(c, dv)]


CONFIRM = "cited_as:\n  - number: 16/KH-UBND\n    issued: 2025-07-21\n    by: Biên tập viên\n"


def test_probable_match_then_confirmed_cascade(tmp_path: Path) -> None:
    c, dv = load(make(tmp_path / "a"))
    k = keys(c)
    probable = [d for d in diags(c, dv) if d.code == "CK081"]
    assert (
        len(probable) == 1
        and probable[0].file.endswith("trung-tam.md")
        and "phuong.md" in probable[0].message
    )
    assert "cited_as:" in probable[0].message and "16/KH-UBND" in probable[0].message

    c, dv = load(make(tmp_path / "b", CONFIRM))
    k = keys(c)
    assert not [d for d in diags(c, dv) if d.code == "CK081"]
    cits = dv.citations[k["trung-tam"]]
    sixteen = [x for x in cits if x.number == "16/KH-UBND"]
    assert len(sixteen) == 2  # the dated mention and the later bare one (its antecedent)
    assert {x.url for x in sixteen} == {"ke-hoach/2025/phuong/"}
    assert sixteen[0].key == "16/KH-UBND@ubnd-phuong-a-2025"
    rel = dv.relations
    assert rel.cascade_down(k["thanh-pho"]) == [k["phuong"], k["trung-tam"]]
    assert rel.cascade_up(k["trung-tam"])[:2] == [k["phuong"], k["thanh-pho"]]
    assert (k["thanh-pho"], "can-cu") in rel.cited_by("59/2023/NĐ-CP")
    assert rel.cites(k["trung-tam"]) == sorted([k["phuong"]])
    d = rel.as_dict()
    assert {"from": k["phuong"], "to": k["thanh-pho"], "relation": "thuc-hien"} in d["edges"]


def test_shared_number_told_apart_by_locality_and_date(tmp_path: Path) -> None:
    c, dv = load(make(tmp_path, CONFIRM))
    k = keys(c)
    (cit,) = [x for x in dv.citations[k["xa"]] if x.number == "16/KH-UBND"]
    assert cit.key == "16/KH-UBND@ubnd-xa-b-2025" and cit.url == "van-ban/16-kh-ubnd-ubnd-xa-b-2025/"


def test_unresolved_gets_a_stub_and_registry_stubs_writes_it(tmp_path: Path) -> None:
    root = make(tmp_path, CONFIRM)
    c, dv = load(root)
    (d,) = [d for d in diags(c, dv) if d.code == "CK080"]
    assert d.file.endswith("trung-tam.md") and "777/QĐ-UBND" in d.message
    assert "issued: 2025-02-01" in d.message and "issuer: ubnd-phuong-a" in d.message
    assert "title: về việc ban hành quy chế làm việc" in d.message
    assert (
        d.line
        == (root / d.file)
        .read_text(encoding="utf-8")
        .split("\n")
        .index(next(x for x in (root / d.file).read_text(encoding="utf-8").split("\n") if "777/QĐ-UBND" in x))
        + 1
    )
    assert stubs(argparse.Namespace(project=str(root), output=None)) == 0
    assert (root / "content/van-ban/777-qd-ubnd.md").is_file()
    c, dv = load(root)
    assert not [d for d in diags(c, dv) if d.code == "CK080"]  # the stub is a valid registry entry


def test_basis_not_in_force(tmp_path: Path) -> None:
    c, dv = load(make(tmp_path, CONFIRM))
    k = keys(c)
    (d,) = [d for d in diags(c, dv) if d.code == "CK082"]
    assert d.file.endswith("thanh-pho.md") and "59/2023/NĐ-CP" in d.message and "99/2025/NĐ-CP" in d.message
    assert "Khi ban hành kế hoạch (ngày ban hành 10/7/2025)" in d.message and "1/7/2025" in d.message
    (n,) = dv.legal_notices[k["thanh-pho"]]
    assert (n.ref, n.change, n.by, n.timing) == ("59/2023/NĐ-CP", "thay-the", "99/2025/NĐ-CP", "truoc")


@pytest.mark.parametrize("plan", ["phuong", "trung-tam"])
def test_preamble_roles(tmp_path: Path, plan: str) -> None:
    c, dv = load(make(tmp_path, CONFIRM))
    k = keys(c)
    first = dv.citations[k[plan]][0]
    assert first.role == "thuc-hien"
    assert all(x.role is None for x in dv.citations[k[plan]][1:])


def test_local_numbers_of_another_province_stay_unresolved(tmp_path: Path) -> None:
    """ "01/CT-UBND" exists in every province: without evidence it is not the registry's one."""
    from builder.citations.find import finder
    from builder.citations.resolve import Context, build_index, resolve

    c = corpus_mod.load(make(tmp_path, CONFIRM))
    idx = build_index(c)
    text = (
        "Thực hiện Kế hoạch số 05/KH-UBND của UBND tỉnh Nghệ An; Nghị định số 99/2025/NĐ-CP của Chính phủ; "
        "Kế hoạch số 05/KH-UBND ngày 10/7/2025 của UBND thành phố Đà Nẵng."
    )
    got = [(x.number, x.resolved) for x in resolve(finder(idx.aliases).find(text), idx, Context())]
    assert got == [("05/KH-UBND", False), ("99/2025/NĐ-CP", True), ("05/KH-UBND", True)]
