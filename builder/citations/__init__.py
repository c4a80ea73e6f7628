"""Citation engine: clean → find → resolve → annotate, plus the relations graph (eyecite's split).

Public API (other steps rely on it):
- `find_citations(text) -> list[Citation]` — context-free find on any text (plain or, with
  `markdown=True`, Markdown); offsets index NFC(text); keys are canonical numbers or name slugs.
- `Citation` — the one model every step shares (`models.py`; JSON contract fields in `JSON_FIELDS`).
- `pipeline.analyze(corpus, derived)` — the flow's citation step: citations, relations,
  legal_notices, task_citations, annotated_tasks, citation_index; `pipeline.link` — annotated.
- `rules` — CK080 (unresolved, with a registry stub), CK081 (probable plan), CK082 (basis
  not in force).
- `cli.run` / `cli.stubs` — `congkhai citations FILE [--json]`, `congkhai registry stubs [-o DIR]`.
- `bench.generate()` / `bench.throughput(text)` — the benchmark corpus and its MB/s.
"""

from __future__ import annotations

from .find import find_citations
from .models import Citation

__all__ = ["Citation", "find_citations"]
