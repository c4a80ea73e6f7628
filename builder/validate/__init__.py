"""The validator: every rule, in one list, and the flow's validation step.

A rule is a function (corpus, derived) → diagnostics; it reads the content and the facts the
analysis steps derived (builder.flow runs them first) and never changes either. Rules live in
this package by what they check: `rules` (the content itself), `citations` (CK080–CK084),
`registry` (CK120–CK124), `tasks` (CK090, CK093), `disclosure` (CK094), `reports` (CK095–096,
CK110–116); `safety` and `limits` are their detectors.
To add a rule: write it in one of those modules, give its code a message in
base/diagnostics.py (CODES), and list it in RULES below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..analysis.state import Derived
from ..base.diagnostics import Diagnostic, sort_key
from ..content.corpus import Corpus
from . import citations, disclosure, registry, reports, rules, tasks

Rule = Callable[[Corpus, Derived], Iterable[Diagnostic]]

RULES: list[Rule] = [
    rules.rule_numbers_and_dates,
    rules.rule_unique_keys,
    rules.rule_references,
    rules.rule_localities,
    rules.rule_issuer_dates,
    rules.rule_attachments,
    rules.rule_unsafe_html,
    rules.rule_values,
    rules.rule_body_limits,
    rules.rule_tasks,
    citations.rule_unresolved,  # CK080, CK081
    citations.rule_basis_in_force,  # CK082–CK084
    registry.rule_sources,  # CK120–CK124
    tasks.rule_unparsed_due,  # CK090, CK026 of due phrases
    tasks.rule_future_updates,  # CK093
    disclosure.rule_late_disclosure,  # CK094
    reports.rule_posting,  # CK095, CK096
    reports.rule_reports,  # CK110–CK116
]


def run(corpus: Corpus, derived: Derived) -> list[Diagnostic]:
    """All diagnostics: the loader's and every rule's, sorted and without duplicates."""
    diags = list(corpus.diagnostics)
    for rule in RULES:
        diags.extend(rule(corpus, derived))
    return sorted(set(diags), key=sort_key)


def analyze(corpus: Corpus, derived: Derived) -> None:
    """The validation step of the flow: derived.diagnostics."""
    derived.diagnostics = run(corpus, derived)
