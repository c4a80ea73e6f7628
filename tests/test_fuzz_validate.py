"""Fuzzing the validator: a corpus with one mutated plan gives diagnostics with file:line, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from _hardening import FUZZ, mutated, seed_texts
from hypothesis import HealthCheck, given, settings

from builder import flow
from builder.base import diagnostics
from builder.content import corpus as corpus_mod
from tests import factories

PLANS = [t for t in seed_texts() if t.startswith("---")]
SLOT = "content/ke-hoach/2025/zz-fuzz.md"
SETTINGS = {**FUZZ, "max_examples": 50}  # each example loads and analyses a whole corpus


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return factories.project(tmp_path_factory.mktemp("fuzz-validate") / "proj", templates=False)


@settings(
    **SETTINGS,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(text=mutated(PLANS))
def test_mutated_plan_gives_only_diagnostics(project: Path, text: str) -> None:
    (project / SLOT).write_text(text, encoding="utf-8")
    c = corpus_mod.load(project)
    diags = flow.run(c, validate=False).diagnostics
    n_lines = text.count("\n") + 2
    for d in diags:
        assert d.code in diagnostics.CODES, d
        assert d.file and d.line >= 1 and d.column >= 1, d
        if d.file == SLOT:
            assert d.line <= n_lines, d
        assert d.message and "Traceback" not in d.message
    assert any(r.path == SLOT for r in c.plans), "the mutated plan vanished instead of being reported"
