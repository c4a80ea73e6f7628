"""Raw HTML islands (builder/base/rawhtml.py): the task cards pass through mkdocs unparsed and
come out where the template put them, unchanged; a page that lost one refuses to build."""

from __future__ import annotations

import pytest

from builder.base import rawhtml

CARDS = '<ul class="nv-cards">\n<li data-x="a &amp; b"><p>Hạn: 31/7/2025 --> xong</p></li>\n</ul>'


def test_lifted_blocks_come_back_in_place() -> None:
    text = f"# Cơ quan\n\nTrước.\n{rawhtml.mark(CARDS)}Giữa.\n{rawhtml.mark('<p>hai</p>')}Sau.\n"
    body, trailer = rawhtml.lift(text)
    assert CARDS not in body and "nv-cards" not in body  # Markdown never sees the cards
    assert "Trước." in body and "Giữa." in body and "Sau." in body
    doc, blocks = rawhtml.split(body + "\n*[HĐND]: Hội đồng nhân dân\n" + trailer)
    assert blocks == [CARDS, "<p>hai</p>"]
    assert doc.endswith("*[HĐND]: Hội đồng nhân dân\n")  # the glossary stays Markdown's
    # what Python-Markdown writes for a placeholder line is the placeholder itself
    html = doc.replace("Trước.", "<p>Trước.</p>")
    out = rawhtml.place(html, blocks)
    assert CARDS in out and "<p>hai</p>" in out
    assert out.index("Trước.") < out.index(CARDS) < out.index("Giữa.") < out.index("<p>hai</p>")


def test_a_page_without_blocks_is_untouched() -> None:
    assert rawhtml.lift("# Kế hoạch\n\nNội dung.\n") == ("# Kế hoạch\n\nNội dung.\n", "")
    assert rawhtml.split("# Kế hoạch\n") == ("# Kế hoạch\n", [])
    assert rawhtml.inline("# Kế hoạch\n") == "# Kế hoạch\n"


def test_a_lost_or_doubled_placeholder_refuses() -> None:
    body, trailer = rawhtml.lift(f"A{rawhtml.mark(CARDS)}B")
    _, blocks = rawhtml.split(body + trailer)
    with pytest.raises(RuntimeError):
        rawhtml.place("<p>A</p><p>B</p>", blocks)
    placeholder = body.strip().removeprefix("A").removesuffix("B").strip()
    with pytest.raises(RuntimeError):
        rawhtml.place(placeholder + placeholder, blocks)


def test_inline_gives_the_one_file_markdown_back() -> None:
    text = f"A\n{rawhtml.mark(CARDS)}B\n"
    body, trailer = rawhtml.lift(text)
    assert rawhtml.inline(body + trailer) == body.replace(
        body[body.index("<div") : body.index("</div>") + 6], CARDS
    )


@pytest.mark.slow
def test_blocks_pass_through_the_sanitiser_like_the_rest_of_the_page(tmp_path) -> None:
    """The sanitiser (publish/sanitize.py) is the second wall against a page generator that
    forgets to escape: a block Markdown never parsed is sanitised all the same."""
    from builder import flow
    from builder.content import corpus as corpus_mod
    from builder.publish import sitebuild
    from tests.factories import project

    proj = project(tmp_path / "proj")
    c = corpus_mod.load(proj)
    docs = flow.stage(c, flow.run(c, validate=False))
    page = docs / "nhiem-vu.md"
    evil = '<p class="nv-thu" onclick="alert(1)">Thẻ thử</p><script>alert(2)</script>'
    body, trailer = rawhtml.lift(rawhtml.inline(page.read_text(encoding="utf-8")) + rawhtml.mark(evil))
    page.write_text(body + trailer, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    sitebuild.run_mkdocs(proj, site)
    html = (site / "nhiem-vu" / "index.html").read_text(encoding="utf-8")
    assert '<p class="nv-thu">Thẻ thử</p>' in html
    assert "alert(" not in html
    assert html.count('class="nv-card ') > 0  # the real cards are there too
