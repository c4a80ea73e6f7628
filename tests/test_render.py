"""Page markup lives in overrides/pages/ templates (builder/site/render.py): every value a template
prints is escaped for what it lands in, numbers print as written, a missing template refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from builder.base.errors import Refusal
from builder.content.corpus import Corpus
from builder.site.render import render


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    (tmp_path / "overrides" / "pages").mkdir(parents=True)
    (tmp_path / "overrides" / "pages" / "t.md").write_text("# {{ v }} {{ n }} {{ m }}\n", encoding="utf-8")
    (tmp_path / "overrides" / "pages" / "t.html").write_text(
        '<p title="{{ v }}">{{ v }}</p>\n', encoding="utf-8"
    )
    return Corpus(root=tmp_path)


def test_values_are_escaped_for_markdown_and_for_html(corpus: Corpus) -> None:
    hostile = "A *b* [c](javascript:x) <script>\"'\n# d"
    md = render(corpus, "t.md", v=hostile, n=0, m=Markup("**ok**"))
    assert md == "# A \\*b\\* \\[c\\]\\(javascript:x\\) &lt;script&gt;\"' \\# d 0 **ok**"
    html = render(corpus, "t.html", v=hostile)
    assert (
        html
        == '<p title="A *b* [c](javascript:x) &lt;script&gt;&quot;&#x27; # d">A *b* [c](javascript:x) &lt;script&gt;&quot;&#x27; # d</p>'
    )


def test_a_missing_template_is_a_refusal_not_a_crash(corpus: Corpus) -> None:
    with pytest.raises(Refusal, match=r"thiếu mẫu trang “khong-co\.md”"):
        render(corpus, "khong-co.md")
