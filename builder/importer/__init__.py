"""`congkhai import`: a draft plan from the text, DOCX or PDF of a Vietnamese administrative plan.

readers → lines of text (what PDF/DOCX extraction gives) → parse (thể thức of NĐ 30/2020: header,
title, body, signature, recipients, appendix) → issuer (match to content/co-quan) → emit (draft
Markdown with front-matter, agency and registry stubs, report). Nothing is dropped silently.
"""

from .parse import Draft, parse_lines

__all__ = ["Draft", "parse_lines"]
