"""Citation engine: clean → find → resolve → annotate, plus the relations graph (eyecite's split).

Public API (other steps rely on it):
- `find_citations(text) -> list[Citation]` — context-free find on any text (plain or, with
  `markdown=True`, Markdown); offsets index NFC(text); keys are canonical numbers or name slugs.
- `Citation` — the one model every step shares (`models.py`; JSON contract fields in `JSON_FIELDS`).
- `annotate(text, cits, target)` — Markdown links at the exact offsets; `target(c)` says where.
- `cli.run` — `congkhai citations FILE [--json]`.
- `bench.generate()` / `bench.throughput(text)` — the benchmark corpus and its MB/s.

The engine knows nothing of the flow: the step that runs it over the corpus is
builder.analysis.citations, its validator rules (CK080–CK082) are builder.validate.citations.
"""

from __future__ import annotations

from .find import find_citations
from .models import Citation

__all__ = ["Citation", "find_citations"]
