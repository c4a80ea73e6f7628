"""Shared fixtures: the repository, the seed and gold files (tests/data/), temporary projects."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Everything the tests read is inside the repository (tests/data/README.md says where it comes
# from): a GitHub runner's checkout has nothing beside it.
DATA = ROOT / "tests" / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
N_SEEDS = 5


def _check_data() -> None:
    """Missing test data is an error for the whole run, never an empty parameter list or a skip."""
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    gold = sorted(p.stem for p in GOLD.glob("*.yaml"))
    if len(seeds) != N_SEEDS or gold != seeds:
        raise pytest.UsageError(
            f"test data missing or incomplete: {N_SEEDS} seeds expected in {SEEDS} "
            f"(found {len(seeds)}) with one gold file each in {GOLD} (found {len(gold)}); "
            "see tests/data/README.md"
        )


def pytest_configure(config: pytest.Config) -> None:
    _check_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """A skipped test is a failed test: on CI a skip would hide missing data, a missing browser or
    tool (an empty parametrize list is refused too: `empty_parameter_set_mark` in pyproject.toml)."""
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped ({reason}); this suite allows no skip: make it run or fail"
        )
    return report


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's content and config in a temporary folder, safe to break."""
    from tests.factories import project

    return project(tmp_path / "proj")
