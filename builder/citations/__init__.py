"""Citation engine: clean → find → resolve → annotate, plus the relations graph (eyecite's split)."""

from __future__ import annotations

from .find import find_citations
from .models import Citation

__all__ = ["Citation", "find_citations"]
