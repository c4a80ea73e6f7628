"""Values the probe used against the validator and the renderers (probe D2, D3, D6, D8, D11, D13).

Each reproduction fails safely: the validator refuses it with a stable code at the right line,
or the output neutralises it (CSV cells, generated Markdown), and nothing crashes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import markdown
import pytest

from bench.refusals import ADVERSARIAL, apply_adversarial
from builder import flow
from builder.content import corpus
from tests.minicorpus import PLAN, PLAN_PATH, line_of, make_project

EXTENSIONS = ["footnotes", "tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences"]


def diagnostics(tmp: Path, plan: str = PLAN, extra: dict[str, str] | None = None) -> list:
    root = make_project(tmp / "proj", plan, extra)
    c = corpus.load(root)
    return flow.run(c, validate=False).diagnostics


def errors(ds: list, code: str) -> list[tuple[str, int]]:
    return [(d.file, d.line) for d in ds if d.code == code and d.severity == "error"]


# -- the validator's HTML scan parses like a browser and fails closed ---------------------------


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        (
            '<!-- --!>"><script>alert(document.domain)</script><!-- --> Kế hoạch',
            {"CK070", "CK073"},
        ),  # D2 --!>
        ("<![ ><script>alert(document.domain)</script> Kế hoạch", {"CK070", "CK073"}),  # A1 marked section
        ("Kế hoạch <? x ?>", {"CK073"}),
        ("Kế hoạch <body onload=alert(1)>", {"CK073"}),
        ("Kế hoạch <img src=x onerror=alert(1)>", {"CK071"}),
    ],
)
def test_html_in_a_title_is_read_as_a_browser_reads_it(tmp_path: Path, title: str, codes: set[str]) -> None:
    plan = PLAN.replace("title: Thực hiện dân chủ ở cơ sở năm 2025", f"title: '{title}'")
    ds = diagnostics(tmp_path, plan)
    found = {d.code for d in ds if d.severity == "error" and d.file == PLAN_PATH}
    assert codes <= found, ds
    assert all(d.line == line_of(plan, "title:") for d in ds if d.code in codes)


def test_harmless_less_than_signs_stay_accepted(tmp_path: Path) -> None:
    plan = PLAN.replace("title: Thực hiện dân chủ ở cơ sở năm 2025", "title: Tỷ lệ hộ nghèo <5% và a < b")
    plan = plan.replace("Trên đây là", "Chỉ tiêu: tỷ lệ <5%, điểm a < b.\n\nTrên đây là")
    ds = diagnostics(tmp_path, plan)
    assert [d for d in ds if d.severity == "error"] == []


@pytest.mark.parametrize(
    "body",
    [
        "<!-- --!><script>alert(1)</script><!-- -->",
        "Chữ <![ ><script>alert(1)</script> chữ",
        "Chữ <?php echo 1; ?> chữ",
    ],
)
def test_html_in_a_body_is_read_as_a_browser_reads_it(tmp_path: Path, body: str) -> None:
    plan = PLAN.replace("Trên đây là", f"{body}\n\nTrên đây là")
    ds = diagnostics(tmp_path, plan)
    line = line_of(plan, body[:12])
    assert (PLAN_PATH, line) in errors(ds, "CK073") + errors(ds, "CK070"), ds


# -- hand-written pages are validated like plans (D3) --------------------------------------------


def test_a_hand_written_page_is_validated(tmp_path: Path) -> None:
    page = "---\ntitle: Giới thiệu\ndescription: '\"><script>alert(document.domain)</script>'\ntemplate: redirect.html\n---\n\n# Giới thiệu\n\n<img src=x onerror=alert(1)>\n"
    ds = diagnostics(tmp_path, extra={"content/gioi-thieu.md": page})
    assert ("content/gioi-thieu.md", 3) in errors(ds, "CK070")  # the description's line
    assert ("content/gioi-thieu.md", 4) in errors(ds, "CK020")  # `template` is not a page key
    assert ("content/gioi-thieu.md", 9) in errors(ds, "CK071")  # the body's line


# -- control characters, dates (D8) -----------------------------------------------------------------


def test_control_characters_in_front_matter_are_refused(tmp_path: Path) -> None:
    plan = PLAN.replace("title: Thực hiện dân chủ ở cơ sở năm 2025", 'title: "Tên \\x01 có NUL \\0"')
    ds = diagnostics(tmp_path, plan)
    assert errors(ds, "CK005") == [(PLAN_PATH, line_of(plan, "title:"))]
    assert "U+0001" in next(d.message for d in ds if d.code == "CK005")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("issued: 2025-08-04", "issued: 0001-01-01", "issued:"),
        ("  end: 2025-12-31", "  end: 9999-12-31", "end: 9999"),
        ("due: Tháng 9/2025", "due: Trước ngày 31/12/9999", "due: Trước"),
    ],
)
def test_dates_outside_1945_2100_are_refused(tmp_path: Path, old: str, new: str, needle: str) -> None:
    plan = PLAN.replace(old, new)
    ds = diagnostics(tmp_path, plan)
    assert (PLAN_PATH, line_of(plan, needle)) in errors(ds, "CK026"), ds


def test_a_year_the_calendar_cannot_hold_is_not_understood(tmp_path: Path) -> None:
    plan = PLAN.replace("due: Tháng 9/2025", "due: năm 0000")
    ds = diagnostics(tmp_path, plan)
    assert any(d.code == "CK090" for d in ds)  # a warning, not a crash


# -- bounded work (D6, D8): refused before anything renders them ------------------------------------


@pytest.mark.parametrize(
    ("tail", "code"),
    [
        ("[" * 100_000, "CK103"),
        ("\n".join("  " * i + "- x" for i in range(1000)), "CK102"),
        ('<div markdown="1">\n' * 5000 + "x\n" + "</div>\n" * 5000, "CK102"),
        (">" * 50_000 + " x", "CK102"),
    ],
    ids=["100k-brackets", "1000-level-list", "5000-divs", "50000-quotes"],
)
def test_shapes_the_renderer_cannot_handle_are_refused(tmp_path: Path, tail: str, code: str) -> None:
    plan = PLAN + "\n" + tail + "\n"
    ds = diagnostics(tmp_path, plan)
    assert [f for f, _ in errors(ds, code)] == [PLAN_PATH], ds


def test_forty_thousand_citations_are_accepted(tmp_path: Path) -> None:
    """Not refused, and not quadratic any more (timed by `make bench`, not here)."""
    plan = PLAN + "\n" + "Nghị định số 59/2023/NĐ-CP; " * 40_000 + "\n"
    ds = diagnostics(tmp_path, plan)
    assert [d for d in ds if d.severity == "error"] == []


# -- output neutralises what reaches it ----------------------------------------------------------


def test_generated_markdown_cannot_inject_structure() -> None:
    """A multi-line title or agency name (D13, X22) stays one line of text in index pages."""
    from builder.site.escape import md_text

    hostile = "Tên thật\n\n# Thông báo giả {: #ck-toan-van .md-header onclick=x }\n\n| a | b |\n|---|---|\n- [x](javascript:y) *z* <b>w</b> &amp;"
    html = markdown.markdown(f"# {md_text(hostile)}\n\n- [{md_text(hostile)}](a.md)\n", extensions=EXTENSIONS)
    from lxml import html as lxml_html

    doc = lxml_html.fragment_fromstring(html, create_parent="div")
    assert [el.tag for el in doc.iter() if el.tag in ("h1", "h2", "table", "em", "b", "a")] == ["h1", "a"]
    assert doc.xpath("//a/@href") == ["a.md"]  # the only link is ours
    assert not [a for el in doc.iter() for a in el.attrib if a.startswith("on")]
    assert doc.xpath("//*[@id='ck-toan-van' or contains(@class, 'md-header')]") == []
    assert "Thông báo giả {: #ck-toan-van .md-header onclick=x }" in html  # shown as text


def test_csv_cells_are_safe_in_spreadsheets() -> None:
    """OWASP CSV injection (D11): a cell that starts like a formula is prefixed with '."""
    from builder.publish.exports import CSV_COLUMNS, tasks_csv

    hostile = {
        "name": '=HYPERLINK("https://evil.example/","Bấm để xem")',
        "lead": "@SUM(1+1)*cmd|' /C calc'!A0",
        "partners": "+1",
        "due": "-2",
        "group": "\tA",
        "output": "\rB",
        "id": "1",
    }
    item = (
        {c: None for c in CSV_COLUMNS}
        | hostile
        | {"plan": {"key": "k", "url": "/u/"}, "due_dates": [], "overdue": False}
    )
    row = next(csv.DictReader(io.StringIO(tasks_csv([item]).lstrip("\ufeff"))))
    for col, value in hostile.items():
        if col in row and col != "id":
            assert row[col] == "'" + value, (col, row[col])
    assert row["id"] == "1"


# -- the same inputs on a real plan, as `make bench` times them (bench/refusals.py) ---------------


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_inputs_on_a_real_plan(project: Path, name: str) -> None:
    import json
    import subprocess
    import sys

    _edit, code = ADVERSARIAL[name]
    plan = sorted((project / "content" / "ke-hoach").rglob("*.md"))[0]
    apply_adversarial(plan, name)
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "validate", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in r.stderr, r.stderr
    found = {(d["code"], d["file"]) for d in json.loads(r.stdout) if d["severity"] == "error"}
    rel = plan.relative_to(project).as_posix()
    if code is None:
        assert r.returncode == 0 and not found, found
    else:
        assert r.returncode == 1 and (code, rel) in found, found


@pytest.mark.slow
def test_many_citations_build(tmp_path: Path) -> None:
    """Accepted content builds: 4,000 citations in one paragraph (40,000 are timed by `make bench`)."""
    import subprocess
    import sys

    root = make_project(
        tmp_path / "proj", PLAN + "\n" + "Nghị định số 59/2023/NĐ-CP; " * 4_000 + "\n", buildable=True
    )
    r = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build"], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    page = (root / "site" / "ke-hoach" / "2025" / "thu-nghiem" / "index.html").read_text(encoding="utf-8")
    assert page.count('href="../../../van-ban/59-2023-nd-cp/"') >= 4_000
