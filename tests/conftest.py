"""Shared fixtures: the repository, the shared seeds and gold files, temporary projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's content and config in a temporary folder, safe to break."""
    dst = tmp_path / "proj"
    dst.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dst / "content")
    shutil.copytree(ROOT / "overrides", dst / "overrides")
    return dst
