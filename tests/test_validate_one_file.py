"""`congkhai validate FILE` (an editor's save, pre-commit) reports for FILE exactly what a whole
`congkhai validate` reports for it, however much of the last run's cache it can reuse: the
rules that look across files (CK040/CK042 duplicates, reports → the tasks of their plans) see
the rest of the corpus through key-level stubs and caches, and a stale or missing cache changes
only how long it takes. Every run goes through the command line in-process (`cli.main`); the
speed itself is measured by `make bench`, never here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import cli
from tests.factories import DAI_SON_PLAN, DAI_SON_REPORT, MINIMAL_MKDOCS, project

PLANS = "content/ke-hoach/2025"
REPORT = "content/bao-cao/2025/bc-45-dai-son-quy-3.md"
DAI_SON = f"content/{DAI_SON_PLAN}.md"


def _validate(root: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> list[dict[str, object]]:
    capsys.readouterr()
    rc = cli.main(["--project", str(root), "validate", "--format", "json", *(str(root / p) for p in paths)])
    out = capsys.readouterr().out
    diags: list[dict[str, object]] = json.loads(out) if out.strip() else []
    assert rc == (1 if any(d["severity"] == "error" for d in diags) else 0)
    return diags


def _same_as_whole(root: Path, capsys: pytest.CaptureFixture[str], rel: str) -> list[dict[str, object]]:
    """The one-file diagnostics of `rel`, checked equal to the whole run's for it."""
    whole = [d for d in _validate(root, capsys) if d["file"] == rel]
    alone = _validate(root, capsys, rel)
    assert alone == whole, rel
    return alone


def _set_number(path: Path, number: str) -> None:
    """The plan's `number` (the seed plans have none: the line goes after `type:`)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("number:")]
    if at:
        lines[at[0]] = f'number: "{number}"'
    else:
        lines.insert(
            next(i for i, line in enumerate(lines) if line.startswith("type:")) + 1, f'number: "{number}"'
        )
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return project(tmp_path / "p", files={REPORT: DAI_SON_REPORT}, mkdocs=MINIMAL_MKDOCS, templates=False)


def _plans(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / PLANS).glob("*.md"))


def test_every_file_alone_reports_what_the_whole_run_reports(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = _validate(proj, capsys)
    files = sorted(p.relative_to(proj).as_posix() for p in (proj / "content").rglob("*.md"))
    for rel in files:
        assert _validate(proj, capsys, rel) == [d for d in whole if d["file"] == rel], rel
    assert {d["file"] for d in whole} <= set(files)


def test_a_report_alone_is_checked_against_the_tasks_of_its_plan(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other plans are stubs without tasks: the plan a report reports on is loaded in full, so a
    report alone has no false "task not in the plan" (CK111), and a real one is still found."""
    assert not [d for d in _same_as_whole(proj, capsys, REPORT) if d["code"] == "CK111"]
    path = proj / REPORT
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - task: 13\n", "  - task: 99\n"), encoding="utf-8"
    )
    found = [d for d in _same_as_whole(proj, capsys, REPORT) if d["code"] == "CK111"]
    assert len(found) == 1 and "“99”" in str(found[0]["message"])


def test_a_duplicate_number_only_visible_across_plans(proj: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, *_ = _plans(proj)
    _set_number(proj / first, "99/KH-UBND")
    _set_number(proj / second, "98/KH-UBND")
    assert not [d for d in _validate(proj, capsys) if d["code"] == "CK040"]  # the last run's cache
    _set_number(proj / second, "99/KH-UBND")  # the focus file's own cache entry is now stale
    alone = _same_as_whole(proj, capsys, second)
    assert any(d["code"] == "CK040" and first in str(d["message"]) for d in alone)
    # and from the other side: `first` did not change, the plan it now clashes with did
    assert any(d["code"] == "CK040" for d in _same_as_whole(proj, capsys, first))


def test_a_copied_body_in_another_file_edited_since_the_last_run(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CK042 compares whole bodies: a plan edited into a copy of the focus plan after the last
    run (its cached stub is stale) is found from the focus file alone."""
    first, second, *_ = _plans(proj)
    assert not [d for d in _same_as_whole(proj, capsys, first) if d["code"] == "CK042"]
    body = (proj / first).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    head = (proj / second).read_text(encoding="utf-8").split("\n---\n", 1)[0]
    (proj / second).write_text(
        f"{head}\n---\n{body.replace(' ', '  ')}", encoding="utf-8"
    )  # spacing differs only
    alone = _same_as_whole(proj, capsys, first)
    assert any(d["code"] == "CK042" and second in str(d["message"]) for d in alone)


def test_a_missing_or_damaged_cache_gives_the_same_answer(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, *_ = _plans(proj)
    _set_number(proj / second, "01/KH-UBND")
    _set_number(proj / first, "01/KH-UBND")
    warm = _validate(proj, capsys, first)  # no build/ yet: a fresh clone
    assert any(d["code"] == "CK040" for d in warm)
    assert _validate(proj, capsys, first) == warm  # with the cache the first run left
    shutil.rmtree(proj / "build")
    assert _validate(proj, capsys, first) == warm
    for f in (proj / "build" / "cache").iterdir():  # damaged: every cache file overwritten
        if f.is_file():
            f.write_bytes(b"\x00garbage")
    assert _validate(proj, capsys, first) == warm
    assert [d for d in _validate(proj, capsys) if d["file"] == first] == warm


def test_the_whole_run_says_the_same_cold_and_cached(proj: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The caches (front-matter, citations, scans, stubs) never change what validate prints."""
    cold = _validate(proj, capsys)
    assert cold  # the repository's plans carry warnings: something to compare
    assert _validate(proj, capsys) == cold
    text: list[str] = []
    for _ in range(2):
        capsys.readouterr()
        cli.main(["--project", str(proj), "validate"])
        captured = capsys.readouterr()
        text.append(captured.out + captured.err)
    assert text[0] == text[1]


# -- the Markdown scan's shortcut (validate.safety.scan_markdown) ----------------------------

BODIES = [
    "Căn cứ Nghị quyết[^1].\n\n[^1]: Nghị quyết số 57-NQ/TW ngày 22/12/2024.\n",
    "Xem [^1].\n\n[^1]: javascript:alert(1)\n",
    "Xem [x].\n\n[x]:\n   javascript:alert(1)\n",  # the destination on the next line
    "Xem [x].\n\n[x]: java&#x73;cript:alert(1)\n",  # an entity
    "Xem [x].\n\n[x]: %6Aavascript%3Aalert(1)\n",  # percent-encoded
    "Xem [x][y].\n\n[y]: https://example.vn/a\n",
    "Xem [x].\n\n[x]: vbscript:msgbox\n",
    "Chỉ có văn bản, không có liên kết: a]: b và [c]: d.\n",
    "Một [nhãn\ntrên hai dòng].\n\n[nhãn\ntrên hai dòng]: javascript:alert(1)\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_the_markdown_scan_finds_without_the_parse_what_it_finds_with_it(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse is skipped only where markdown-it could find nothing: forcing it changes nothing."""
    from builder.validate import safety

    skipped = list(safety.scan_markdown(body))
    monkeypatch.setattr(safety, "_risky_definition", lambda body: True)
    assert list(safety.scan_markdown(body)) == skipped
    if "javascript" in body:
        assert any(kind == "scheme" for kind, *_ in skipped), body


def test_a_broken_plan_elsewhere_is_what_a_whole_run_sees(
    proj: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another plan whose front-matter the schema refuses beyond its key fields (a field the
    schema does not know) has no key in a whole run: no duplicate number with it, whether the
    focus file is validated alone or not."""
    first, second, *_ = _plans(proj)
    _set_number(proj / first, "97/KH-UBND")
    _set_number(proj / second, "97/KH-UBND")
    assert any(d["code"] == "CK040" for d in _same_as_whole(proj, capsys, first))
    path = proj / second
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('\nnumber: "97/KH-UBND"\n', '\nnumber: "97/KH-UBND"\nkhong_co: 1\n', 1), encoding="utf-8"
    )
    alone = _same_as_whole(proj, capsys, first)
    assert not [d for d in alone if d["code"] == "CK040"]
    assert [d for d in _validate(proj, capsys) if d["file"] == second and d["severity"] == "error"]
