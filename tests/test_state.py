"""The typed state between steps: a fact read before its step ran is a developer error, never an
empty default (an empty default would publish a plan page without its tasks and nobody would see)."""

from __future__ import annotations

import pytest

from builder.analysis.state import Derived, StepOrderError


def test_reading_a_fact_before_its_step_ran_raises() -> None:
    d = Derived()
    with pytest.raises(StepOrderError, match=r"derived\.tasks is read before the step"):
        _ = d.tasks
    assert not d.ready("tasks")


def test_a_stored_fact_is_read_back_and_ready() -> None:
    d = Derived()
    d.tasks = {}  # an empty result is a result: the step ran and found no task
    assert d.tasks == {} and d.ready("tasks")
    assert not d.ready("git")
    assert "tasks" in repr(d)


def test_there_is_no_slot_by_mistake() -> None:
    d = Derived()
    with pytest.raises(AttributeError):
        d.ready("taks")
    with pytest.raises(AttributeError):
        _ = d.taks
