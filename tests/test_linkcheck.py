"""The link checker (builder/linkcheck.py) and zero broken internal links in the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.base.errors import Refusal
from builder.publish import linkcheck

HEAD = '<html><head><link rel="canonical" href="https://example.gov.vn/cong-khai/"></head><body>'


def _site(tmp: Path, pages: dict[str, str]) -> Path:
    site = tmp / "site"
    for rel, body in pages.items():
        f = site / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(HEAD + body + "</body></html>", encoding="utf-8")
    return site


GOOD = {
    "index.html": '<a href="ke-hoach/2025/a/">a</a> <a href="ke-hoach/2025/a/#dieu-1">§</a> <a href="#top" id="top">^</a>'
    '<a href="/cong-khai/van-ban/59-2023-nd-cp/">nđ</a> <a href="https://example.gov.vn/cong-khai/ke-hoach/2025/a/">abs</a>'
    '<a href="https://vbpl.vn/x">vbpl</a> <a href="https://vbpl.vn/y">vbpl</a> <a href="http://other.example/">o</a>'
    '<a href="mailto:a@b.vn">m</a> <img src="assets/qr.svg"> <a href="t%E1%BB%87p/k%E1%BA%BF.pdf">pdf</a>',
    "ke-hoach/2025/a/index.html": '<h2 id="dieu-1">Điều 1</h2><a name="old"></a><a href="../../../">home</a>'
    '<a href="../b/#old-name">b</a><a href="?q=1">q</a>',
    "ke-hoach/2025/b/index.html": '<a name="old-name"></a>',
    "van-ban/59-2023-nd-cp/index.html": "<p>nđ</p>",
    "assets/qr.svg": "<svg/>",
    "tệp/kế.pdf": "%PDF",
}


def test_good_site_has_no_problem_and_counts_links(tmp_path: Path) -> None:
    rep = linkcheck.check_site(_site(tmp_path, GOOD))
    assert rep.problems == []
    assert rep.pages == 4
    assert rep.internal == 14 and rep.anchors == 3  # 10 links + 4 canonical <link>s
    assert rep.external == {"vbpl.vn": 2, "other.example": 1}


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("ke-hoach/2025/c/", "không có tệp ke-hoach/2025/c/index.html"),
        ("ke-hoach/2025/a/#dieu-2", "không có neo #dieu-2"),
        ("#khong-co", "không có neo #khong-co"),
        ("/khac/trang/", "trỏ ra ngoài trang web"),
        ("../../../etc/passwd", "trỏ ra ngoài trang web"),
        ("https://example.gov.vn/cong-khai/khong-co/", "không có tệp khong-co/index.html"),
        ("javascript:alert(1)", "liên kết dạng “javascript:”"),
        ("ke-hoach/2025/a", None),  # a folder without slash is fine (index.html)
    ],
)
def test_broken_links_are_named(tmp_path: Path, href: str, reason: str | None) -> None:
    pages = dict(GOOD)
    pages["index.html"] += f'<a href="{href}">x</a>'
    problems = linkcheck.check(_site(tmp_path, pages))
    if reason is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert problems[0].page == "index.html" and problems[0].url == href and reason in problems[0].reason


def test_post_build_refuses_and_names_the_link(tmp_path: Path) -> None:
    pages = dict(GOOD)
    pages["ke-hoach/2025/b/index.html"] += '<a href="../a/#dieu-9">x</a>'
    with pytest.raises(Refusal) as e:
        linkcheck.post_build(None, None, _site(tmp_path, pages))
    assert "ke-hoach/2025/b/index.html: ../a/#dieu-9" in str(e.value) and "#dieu-9" in str(e.value)


def test_command_line(tmp_path: Path) -> None:
    site = _site(tmp_path, GOOD)
    run = [sys.executable, "-m", "builder.publish.linkcheck", str(site)]
    ok = subprocess.run(run, capture_output=True, text=True)
    assert ok.returncode == 0 and "0 liên kết hỏng" in ok.stderr and "vbpl.vn (2)" in ok.stderr
    (site / "index.html").write_text(HEAD + '<a href="nope/">x</a></body></html>', encoding="utf-8")
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode == 1 and "index.html: nope/" in bad.stdout
    assert (
        subprocess.run([sys.executable, "-m", "builder.publish.linkcheck"], capture_output=True).returncode
        == 2
    )


@pytest.mark.slow
def test_built_site_has_no_broken_internal_link() -> None:
    from tests.factories import real_site

    site = real_site() / "site"
    rep = linkcheck.check_site(site)
    print(rep.summary())
    assert rep.pages > 20 and rep.internal > 100
    assert rep.problems == [], "\n".join(map(str, rep.problems[:30]))
