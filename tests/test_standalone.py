"""The repository alone is the project: a clone with nothing beside it collects and runs the tests.

A GitHub runner's checkout has nothing beside it (none of the development machine's sibling folders)
and no developer's leftovers (`build/`, `site/`, `.hypothesis/`). The clone is of the committed
HEAD: data a test needs must be committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    alone = tmp_path_factory.mktemp("alone")
    dst = alone / "congkhai"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(dst)], check=True, timeout=120
    )
    assert sorted(p.name for p in alone.iterdir()) == ["congkhai"]  # nothing beside it
    return dst


def _pytest(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The venv's install of `builder` may point at this checkout: PYTHONPATH puts the clone's first.
    env = {**os.environ, "PYTHONPATH": str(clone), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_clone_uses_its_own_code(clone: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(clone)}
    r = subprocess.run(
        [sys.executable, "-c", "import builder, tests.conftest as c; print(builder.__file__, c.SEEDS)"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    code, seeds = r.stdout.split()
    assert Path(code).is_relative_to(clone) and Path(seeds).is_relative_to(clone)


def test_clone_collects_every_test(clone: Path) -> None:
    there = _pytest(clone, "--collect-only", "-q")
    assert there.returncode == 0, there.stdout[-3000:] + there.stderr[-3000:]
    ids = [line for line in there.stdout.splitlines() if "::" in line]
    assert len(ids) > 500  # the whole suite, not an empty run
    # the tests parametrized by the seed data are there, one per seed
    seeds = sorted(p.stem for p in (clone / "tests" / "data" / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        assert f"tests/test_citations_gold.py::test_gold_without_corpus[{seed[:3]}]" in ids
        assert f"tests/test_seed_content.py::test_plan_keeps_the_seed_words[{seed}]" in ids


def test_clone_runs_the_data_tests(clone: Path) -> None:
    r = _pytest(clone, "-q", "tests/test_citations_gold.py", "tests/test_seed_content.py")
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert " passed" in r.stdout and "skipped" not in r.stdout


def test_no_code_reads_beside_the_repository(clone: Path) -> None:
    """No test, builder or benchmark file names a folder beside the repository (the development
    machine's shared material): what they read is committed under tests/data/."""
    beside = ("../" + "shared", "/work/" + "shared")  # split: this file names them too
    found = [
        f"{p.relative_to(clone)}: {b}"
        for folder in ("builder", "tests", "bench", ".ci")
        for p in sorted((clone / folder).rglob("*"))
        if p.is_file() and p.suffix in (".py", ".sh", ".yml", ".yaml", ".toml", "")
        for b in beside
        if b in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert not found, found
