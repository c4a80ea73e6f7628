"""Validator rules: each rule gets a broken example; messages carry file, line and a stable code."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from builder import flow
from builder.base import diagnostics
from builder.base.diagnostics import CODES
from builder.content import corpus as corpus_mod
from tests.minicorpus import PLAN, PLAN_PATH, line_of, make_project


def run(root: Path) -> list:
    c = corpus_mod.load(root)
    return flow.run(c, validate=False).diagnostics


def codes_at(diags: list, code: str) -> list[tuple[str, int]]:
    return [(d.file, d.line) for d in diags if d.code == code]


def test_minimal_project_is_clean(tmp_path: Path) -> None:
    diags = run(make_project(tmp_path))
    assert [d for d in diags if d.severity == "error"] == []


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[list, str]:
    assert old in PLAN
    text = PLAN.replace(old, new, count)
    return run(make_project(tmp_path, text)), text


@pytest.mark.parametrize(
    ("old", "new", "code", "anchor"),
    [
        ("title: Thực", "tittle: Thực", "CK020", "tittle:"),  # typo'd key
        ("issued: 2025-08-04", "issued: 2025-02-30", "CK023", "issued:"),  # impossible date
        ("issued: 2025-08-04", "issued: 04/08/2025", "CK023", "issued:"),  # not ISO
        ("  end: 2025-12-31", "  end: 2025-01-31", "CK024", "period:"),  # start after end
        (
            'recipients:\n  - UBND thành phố\n  - "Lưu: VT"',
            "recipients: UBND thành phố",
            "CK022",
            "recipients:",
        ),
        ("number: 12/KH-UBND", "number: 12KH UBND", "CK032", "number:"),  # malformed, claimed ban-hanh
        ("    relation: can-cu", "    relation: can cu", "CK025", "relation:"),
        ("  - ref: 59/2023/NĐ-CP", "  - ref: 59/2023/ND-CP", "CK050", "ref:"),  # unknown ref (did you mean)
        ("issuer: ubnd-xa-thu-nghiem", "issuer: ubnd-xa-thu-nghiem-x", "CK051", "issuer:"),
        ("title: Thực hiện dân chủ ở cơ sở năm 2025", "title: Thực hiện\ntitle: Lặp", "CK012", "title: Lặp"),
        ("place: Thử Nghiệm", "place: [Thử", "CK011", "place:"),  # broken YAML
        ("Nội dung", "Nội dung", None, None),
    ][:-1],
)
def test_broken_edit_is_refused_at_its_line(
    tmp_path: Path, old: str, new: str, code: str, anchor: str
) -> None:
    diags, text = broken(tmp_path, old, new)
    hits = codes_at(diags, code)
    assert hits, f"{code} not reported; got {[d.as_text() for d in diags]}"
    assert (PLAN_PATH, line_of(text, anchor)) in hits
    assert CODES[code].severity == "error"
    assert all(d.severity == "error" for d in diags if d.code == code)


def test_typo_gets_did_you_mean(tmp_path: Path) -> None:
    diags, _ = broken(tmp_path, "title: Thực", "tittle: Thực")
    msg = next(d.message for d in diags if d.code == "CK020")
    assert "“title”" in msg


def test_unknown_ref_suggests_the_close_key(tmp_path: Path) -> None:
    diags, _ = broken(tmp_path, "  - ref: 59/2023/NĐ-CP", "  - ref: 59/2023/ND-CP")
    assert "59/2023/NĐ-CP" in next(d.message for d in diags if d.code == "CK050")


def test_malformed_number_in_draft_is_only_a_warning(tmp_path: Path) -> None:
    diags, _ = broken(tmp_path, "status: ban-hanh", "status: du-thao")
    assert not [d for d in diags if d.severity == "error"]
    text = PLAN.replace("number: 12/KH-UBND", "number: 12KH UBND").replace(
        "status: ban-hanh", "status: du-thao"
    )
    diags = run(make_project(tmp_path, text))
    assert [d.code for d in diags if d.code.startswith("CK03")] == ["CK033"]


def test_blank_number_and_date_are_warnings(tmp_path: Path) -> None:
    text = PLAN.replace("number: 12/KH-UBND\n", "").replace("issued: 2025-08-04\n", "")
    diags = run(make_project(tmp_path, text))
    assert {d.code for d in diags if d.code.startswith("CK03")} == {"CK030", "CK031"}
    assert all(d.severity == "warning" for d in diags)


def test_copy_of_a_plan_under_another_name(tmp_path: Path) -> None:
    root = make_project(tmp_path, extra={"content/ke-hoach/2025/ban-sao.md": PLAN})
    diags = run(root)
    assert ("content/ke-hoach/2025/ban-sao.md", line_of(PLAN, "number:")) in codes_at(diags, "CK040")


def test_copy_without_number_is_caught_by_its_body(tmp_path: Path) -> None:
    body = "Nội dung dài " * 30
    a = PLAN.replace("number: 12/KH-UBND\n", "").split("---\n## I.")[0] + "---\n" + body
    b = a.replace("title: Thực hiện dân chủ ở cơ sở năm 2025", "title: Tên khác")
    root = make_project(tmp_path, a, extra={"content/ke-hoach/2025/khac.md": b})
    assert codes_at(run(root), "CK042")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("<script>alert(1)</script>", "CK070"),
        ('<img src="x.png" onerror="alert(1)">', "CK071"),
        ("Xem [đây](javascript:alert(1)).", "CK072"),
        ("Xem [đây](JaVaScRiPt:alert(1)).", "CK072"),
        ('<a href="java\tscript:alert(1)">x</a>', "CK072"),
        ("[x]: javascript:alert(1)\n\nXem [x].", "CK072"),
        ("Ảnh ![a](data:text/html;base64,PHNjcmlwdD4=)", "CK072"),
        ('<iframe src="https://example.org"></iframe>', "CK070"),
        ('<object data="x.swf"></object>', "CK070"),
        ("<svg onload=alert(1)>", "CK070"),
        ("Chữ <b onmouseover='alert(1)'>đậm</b> giữa dòng.", "CK071"),
    ],
)
def test_script_in_body_is_refused(tmp_path: Path, body: str, code: str) -> None:
    text = PLAN.replace("Nội dung.", body) if "Nội dung." in PLAN else PLAN + "\n" + body + "\n"
    text = text.replace("UBND xã xây dựng Kế hoạch này.", "UBND xã xây dựng Kế hoạch này.\n\n" + body)
    diags = run(make_project(tmp_path, text))
    hits = codes_at(diags, code)
    assert (PLAN_PATH, line_of(text, body.split("\n")[0])) in hits, [d.as_text() for d in diags]


def test_script_in_front_matter_string_is_refused(tmp_path: Path) -> None:
    diags, text = broken(tmp_path, "name: Tuyên truyền", "name: <script>alert(1)</script> Tuyên truyền")
    assert (PLAN_PATH, line_of(text, "<script>")) in codes_at(diags, "CK070")


def test_attachment_missing_and_escaping(tmp_path: Path) -> None:
    att = "attachments:\n  - file: ../../tep/khong-co.pdf\n    title: Bản ký\n  - file: ../../../../etc/passwd\n    title: x\n"
    text = PLAN.replace("tasks:\n", att + "tasks:\n")
    diags = run(make_project(tmp_path, text))
    assert (PLAN_PATH, line_of(text, "khong-co.pdf")) in codes_at(diags, "CK060")
    assert (PLAN_PATH, line_of(text, "etc/passwd")) in codes_at(diags, "CK061")


def test_attachment_present_is_fine(tmp_path: Path) -> None:
    att = "attachments:\n  - file: ../../tep/ban-ky.pdf\n    title: Bản ký\n"
    root = make_project(tmp_path, PLAN.replace("tasks:\n", att + "tasks:\n"))
    (root / "content/tep").mkdir()
    (root / "content/tep/ban-ky.pdf").write_bytes(b"%PDF-1.4\n")
    assert not codes_at(run(root), "CK060")


def test_locality_unknown_and_ambiguous(tmp_path: Path) -> None:
    for value, expect in [("Xã Không Có Thật", "không có trong danh mục"), ("Xã Đại Sơn", "nhiều nơi")]:
        root = make_project(
            tmp_path / value.replace(" ", "_"),
            extra={
                "content/co-quan/ubnd-xa-thu-nghiem.md": f"---\nname: UBND\nlevel: xa\nlocality: {value}\n---\n"
            },
        )
        diags = [d for d in run(root) if d.code == "CK052"]
        assert diags and expect in diags[0].message
        assert diags[0].line == 4


def test_locality_by_name_with_province_resolves(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        extra={
            "content/co-quan/ubnd-xa-thu-nghiem.md": "---\nname: UBND\nlevel: xa\nlocality: Xã Đại Sơn, Hải Phòng\n---\n"
        },
    )
    assert not codes_at(run(root), "CK052")


def test_legacy_locality_needs_a_real_successor(tmp_path: Path) -> None:
    agency = (
        '---\nname: Sở cũ\nlevel: tinh\nlegacy_locality:\n  name: Tỉnh Hải Dương\n  successor: "99999"\n---\n'
    )
    root = make_project(tmp_path, extra={"content/co-quan/ubnd-xa-thu-nghiem.md": agency})
    assert [d.line for d in run(root) if d.code == "CK052"] == [6]


def test_duplicate_task_ids_and_done_without_evidence(tmp_path: Path) -> None:
    tasks = '  - id: "1"\n    name: Hai\n    status: hoan-thanh\n'
    text = PLAN.replace("    due: Tháng 9/2025\n", "    due: Tháng 9/2025\n" + tasks)
    diags = run(make_project(tmp_path, text))
    assert codes_at(diags, "CK092") and codes_at(diags, "CK091")


def test_document_status_vocabulary(tmp_path: Path) -> None:
    doc = "---\nnumber: 59/2023/NĐ-CP\ntype: Nghị định\nstatus: hết hạn\n---\n"
    diags = run(make_project(tmp_path, extra={"content/van-ban/59-2023-nd-cp.md": doc}))
    assert ("content/van-ban/59-2023-nd-cp.md", 4) in codes_at(diags, "CK025")


def test_url_collision_after_folding(tmp_path: Path) -> None:
    a = "---\nnumber: 04-ĐA/TU\ntype: Đề án\n---\n"
    b = "---\nnumber: 04-DA/TU\ntype: Dự án\n---\n"
    diags = run(make_project(tmp_path, extra={"content/van-ban/a.md": a, "content/van-ban/b.md": b}))
    assert codes_at(diags, "CK041")


def test_every_diagnostic_has_a_position_and_vietnamese_text(tmp_path: Path) -> None:
    diags, _ = broken(tmp_path, "title: Thực", "tittle: Thực")
    for d in diags:
        assert d.line >= 1 and d.column >= 1 and d.file.startswith("content/")
        assert d.code in CODES


def test_codes_are_declared_with_fix() -> None:
    for code, spec in CODES.items():
        assert code.startswith("CK") and len(code) == 5
        assert spec.fix and spec.template


def test_no_code_is_declared_twice() -> None:
    """A code is a stable public contract: one meaning each. A dict literal silently keeps the last
    of two equal keys (two branches adding the same number merge without a conflict), so read the
    literal itself."""
    src = Path(diagnostics.__file__).read_text(encoding="utf-8")
    node = next(
        n.value
        for n in ast.walk(ast.parse(src))
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == "CODES"
    )
    assert isinstance(node, ast.Dict)
    keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
    assert len(keys) == len(node.keys) == len(CODES)
    assert sorted(k for k, n in Counter(keys).items() if n > 1) == []


def test_plan_dated_after_its_issuer_ceased(tmp_path: Path) -> None:
    agency = (
        "---\nname: Sở Xây dựng (cũ)\nlevel: tinh\nvalid_until: 2025-06-30\nlegacy_locality:\n"
        '  name: Thành phố Đà Nẵng (trước ngày 01/7/2025)\n  successor: "48"\n---\n'
    )
    root = make_project(tmp_path, extra={"content/co-quan/ubnd-xa-thu-nghiem.md": agency})
    assert [d.line for d in run(root) if d.code == "CK054"] == [line_of(PLAN, "issuer:")]
    root2 = make_project(
        tmp_path / "b",
        PLAN.replace("issued: 2025-08-04", "issued: 2024-01-20").replace(
            "start: 2025-07-01", "start: 2024-01-01"
        ),
        extra={"content/co-quan/ubnd-xa-thu-nghiem.md": agency},
    )
    assert not codes_at(run(root2), "CK054")
