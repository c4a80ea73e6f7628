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

from typing import TYPE_CHECKING, Any

from .models import Citation

if TYPE_CHECKING:
    from .find import find_citations

__all__ = ["Citation", "find_citations"]


def __getattr__(name: str) -> Any:
    # The grammar compiles hundreds of regexes (~50 ms): imported when a finder is first asked
    # for, not by every step that only reads citations (`congkhai validate FILE` on a cached body).
    if name == "find_citations":
        from .find import find_citations

        return find_citations
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
