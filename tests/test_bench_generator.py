"""The benchmark corpus generator, and `validate FILE` (stubs for other plans) agreeing with a full run."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench import generate

CLI = [sys.executable, "-m", "builder.cli"]
N = 40


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*.md")):
        h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "c"
    generate.write_project(out, N, git=False)
    return out


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def _validate(root: Path, *args: str) -> list[dict]:
    r = subprocess.run(
        [*CLI, "--project", str(root), "validate", "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout or "[]")


def test_same_seed_same_corpus(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate.write_project(again, N, git=False)
    assert _digest(again / "content") == _digest(corpus / "content")
    other = tmp_path / "other"
    generate.write_project(other, N, seed=7, git=False)
    assert _digest(other / "content") != _digest(corpus / "content")


def test_plans_have_the_seeds_structure(corpus: Path) -> None:
    plans = sorted((corpus / "content" / "ke-hoach").rglob("*.md"))
    assert len(plans) == N
    agencies = {f.stem for f in (corpus / "content" / "co-quan").glob("*.md")}
    numbers = set()
    registry = {_front(f)[0]["number"] for f in (corpus / "content" / "van-ban").glob("*.md")}
    cascade = 0
    for f in plans:
        fm, body = _front(f)
        numbers.add(fm["number"])
        assert fm["issuer"] in agencies
        assert fm["tasks"] and all(t["due"] and t["lead"] for t in fm["tasks"])
        for heading in ("## I. MỤC ĐÍCH, YÊU CẦU", "## II. NỘI DUNG THỰC HIỆN", "## III. TỔ CHỨC THỰC HIỆN"):
            assert heading in body
        assert body.lstrip().startswith("Căn cứ ")
        for n in set(re.findall(r"\[\^(\d+)\](?!:)", body)):  # every footnote marker has its note
            assert f"[^{n}]: " in body
        for b in fm["basis"]:
            assert b["ref"] in registry or b["ref"] in numbers or b["relation"] == "thuc-hien"
        cascade += any(b["relation"] == "thuc-hien" for b in fm["basis"])
    assert len(numbers) == N  # unique numbers: keys never collide
    assert cascade >= N // 2  # most plans implement a parent plan


def test_generated_corpus_validates_without_errors(corpus: Path) -> None:
    diags = _validate(corpus)
    assert [d for d in diags if d["severity"] == "error"] == []


def test_validate_one_file_reports_what_a_full_run_reports(corpus: Path, tmp_path: Path) -> None:
    import shutil

    proj = tmp_path / "p"
    shutil.copytree(corpus, proj)
    plans = sorted((proj / "content" / "ke-hoach").rglob("*.md"))
    # two hazards that involve other files: a copied body (CK042) and a duplicate number (CK040)
    copy = plans[0].with_name("ban-sao.md")
    copy.write_text(
        plans[0]
        .read_text(encoding="utf-8")
        .replace(f"number: {_front(plans[0])[0]['number']}", "number: 9999/KH-UBND"),
        encoding="utf-8",
    )
    dup = plans[1].with_name("trung-so.md")
    fm, _body = _front(plans[2])
    dup.write_text(
        plans[3]
        .read_text(encoding="utf-8")
        .replace(f"number: {_front(plans[3])[0]['number']}", f"number: {fm['number']}"),
        encoding="utf-8",
    )
    full = _validate(proj)
    for f in (copy, dup, plans[5], plans[-1]):
        rel = f.relative_to(proj).as_posix()
        want = [d for d in full if d["file"] == rel]
        assert _validate(proj, str(f)) == want, rel
    codes = {
        d["code"]
        for d in full
        if d["file"] in (copy.relative_to(proj).as_posix(), dup.relative_to(proj).as_posix())
    }
    assert {"CK040", "CK042"} <= codes


def test_stub_cache_follows_edits_of_other_files(corpus: Path, tmp_path: Path) -> None:
    import shutil

    proj = tmp_path / "p"
    shutil.copytree(corpus, proj)
    plans = sorted((proj / "content" / "ke-hoach").rglob("*.md"))
    focus, other = plans[0], plans[1]
    assert not [d for d in _validate(proj, str(focus)) if d["code"] == "CK040"]
    assert (proj / "build" / "cache" / "validate-stubs.json").is_file()  # written by the first run
    number = _front(focus)[0]["number"]
    text = other.read_text(encoding="utf-8")
    other.write_text(
        text.replace(f"number: {_front(other)[0]['number']}", f"number: {number}"), encoding="utf-8"
    )
    full = [d for d in _validate(proj) if d["file"] == focus.relative_to(proj).as_posix()]
    assert _validate(proj, str(focus)) == full
    assert any(d["code"] == "CK040" for d in full) or any(
        d["code"] == "CK040" for d in _validate(proj, str(other))
    )


# -- the full-size corpus (bench/fullsize.py): the real plans, varied --------------------------


def test_full_size_plans_validate_and_keep_the_real_plans_size(tmp_path: Path) -> None:
    """Copies of the real plans, each distinct (no CK042 duplicate, no CK040 key clash), with
    their size: the validator finds no error, and every copy is within a few per cent of its original."""
    from bench import fullsize

    out = tmp_path / "full"
    info = fullsize.write_project(out, 17, git=False)
    assert info["plans"] == 17
    res = subprocess.run(
        [*CLI, "--project", str(out), "validate", "--format", "json"], capture_output=True, text=True
    )
    diags = json.loads(res.stdout or "[]")
    assert res.returncode == 0 and not [d for d in diags if d["severity"] == "error"], res.stdout[-2000:]
    originals = {f.name: f.stat().st_size for f in (ROOT_CONTENT / "ke-hoach").rglob("*.md")}
    bodies = set()
    for f in (out / "content" / "ke-hoach").rglob("*-ban-*.md"):
        base = re.sub(r"-ban-\d+\.md$", ".md", f.name)
        assert abs(f.stat().st_size - originals[base]) < 0.05 * originals[base], f.name
        bodies.add(" ".join(_front(f)[1].split()))
    assert len(bodies) == 12  # 17 plans: the 5 real ones and 12 distinct copies


ROOT_CONTENT = Path(__file__).resolve().parents[1] / "content"
