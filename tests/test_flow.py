"""The one flow (builder/flow.py): steps in dependency order, none calling another, one runner
for the build, `congkhai validate`, the tests and the benchmark's phase table."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from builder import flow
from builder.analysis.state import Derived, StepOrderError
from builder.content.corpus import load
from tests.conftest import ROOT
from tests.factories import project


def _steps() -> list[tuple[str, flow.Analyzer]]:
    return [*flow.ANALYZE, *flow.RENDER]


@pytest.mark.parametrize("i", range(len(flow.ANALYZE) + len(flow.RENDER)))
def test_a_step_calls_no_other_step(i: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each step runs on what the steps above it stored, with every other step made to fail:
    a step that called another (as deadlines → gitinfo → compliance did) would trip."""
    corpus = load(ROOT)
    derived = Derived()
    steps = _steps()
    for _, step in steps[:i]:
        step(corpus, derived)
    name, step = steps[i]
    for other_name, other in steps:
        if other is not step:

            def trap(*args: object, _n: str = other_name) -> None:
                raise AssertionError(f"step {name!r} called step {_n!r}")

            monkeypatch.setattr(importlib.import_module(other.__module__), other.__name__, trap)
    step(corpus, derived)


def test_a_step_before_its_inputs_is_a_developer_error() -> None:
    corpus = load(ROOT)
    tasks = dict(flow.ANALYZE)["tasks"]
    with pytest.raises(StepOrderError, match=r"derived\.git"):
        tasks(corpus, Derived())  # "overdue" needs the reference date of the git step


def test_validate_stops_after_the_validator() -> None:
    derived = flow.run(load(ROOT), validate=False)
    for fact in (
        "citations",
        "relations",
        "legal_notices",
        "git",
        "compliance",
        "tasks",
        "notice_urls",
        "diagnostics",
    ):
        assert derived.ready(fact), fact
    assert not derived.ready("annotated")  # links are for the site only


def test_the_phase_table_is_the_runners(tmp_path: Path) -> None:
    """bench/phases.py times the build through flow.run's on_step: one row per step of the flow."""
    from bench.phases import phases

    proj = project(tmp_path / "proj")
    rows = phases(proj)
    names = [name for name, _ in rows]
    assert names == [
        "imports",
        "load content/",
        *(n for n, _ in flow.ANALYZE),
        *(n for n, _ in flow.RENDER),
        "stage",
        "mkdocs",
        "html",  # the one pass over the pages: CSP hashes and the facts the checks read
        *(n for n, _ in flow.POST_BUILD),  # while Pagefind indexes the pages
        *(n for n, _ in flow.CHECKS),
        "pagefind",
    ]
    assert all(seconds >= 0 for _, seconds in rows)
    assert (proj / "site" / "index.html").is_file() and (proj / "site" / "pagefind").is_dir()
