"""Printable notices (niêm yết): one A4 page per plan, with a QR code that scans to the plan's page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import numpy as np
import pytest
import zxingcpp

from builder.site.notices import qr_svg
from tests.factories import real_site

pytestmark = pytest.mark.slow

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default (the build runs without SITE_URL)


def rasterize(svg: str, px: int = 8) -> np.ndarray:
    """Draw segno's SVG path (rows of horizontal 1-unit strokes: M, m, h commands) as a bitmap.

    The SVG must have a viewBox (so CSS can size it without clipping) and a light background.

    This reads the very <svg> a printer would print; no SVG renderer is needed.
    """
    root = svg.split(">", 1)[0]
    assert "width=" not in root and "height=" not in root  # sized by CSS through the viewBox, never clipped
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', root).group(1))
    path = re.search(r'<path[^>]*stroke="#000"[^>]*\sd="([^"]+)"', svg).group(1)  # the dark modules
    grid = np.zeros((size, size), dtype=bool)
    x = y = 0.0
    for cmd, args in re.findall(r"([MmHh])([-\d.\s]+)", path):
        nums = [float(v) for v in args.split()]
        if cmd == "M":
            x, y = nums
        elif cmd == "m":
            x, y = x + nums[0], y + nums[1]
        else:
            n = nums[0] if cmd == "h" else nums[0] - x
            grid[int(y), int(x) : int(x + n)] = True
            x += n
    assert re.search(r'<path fill="#fff" d="M0 0h(\d+)v\1h-\1z"', svg)  # white quiet zone, even in dark mode
    img = np.where(grid, 0, 255).astype(np.uint8)
    return np.kron(img, np.ones((px, px), dtype=np.uint8))


def decode(svg: str) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(rasterize(svg), formats=zxingcpp.BarcodeFormat.QRCode)]


def test_qr_roundtrip() -> None:
    url = "https://congkhai.example.vn/ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/"
    assert decode(qr_svg(url)) == [url]
    assert decode(qr_svg("https://other.example.vn/")) != [url]


def _notices(site: Path) -> list[Path]:
    return sorted((site / "niem-yet").rglob("index.html"))


def test_one_notice_per_plan_with_a_scannable_qr() -> None:
    root = real_site()
    site = root / "site"
    plans = sorted(
        p.relative_to(root / "content" / "ke-hoach").with_suffix("")
        for p in (root / "content" / "ke-hoach").rglob("*.md")
    )
    notices = _notices(site)
    assert [n.parent.relative_to(site / "niem-yet") for n in notices] == plans
    for n in notices:
        html = n.read_text(encoding="utf-8")
        svg = re.search(r'<svg[^>]*class="niem-yet__qrcode".*?</svg>', html, re.S).group(0)
        rel = n.parent.relative_to(site / "niem-yet").as_posix()
        assert decode(svg) == [f"{SITE_URL}ke-hoach/{rel}/"]
        assert (site / "ke-hoach" / rel / "index.html").is_file()  # the QR leads to a real page


def test_notice_is_print_ready_and_says_what_was_promised() -> None:
    site = real_site() / "site"
    html = (site / "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/index.html").read_text(
        encoding="utf-8"
    )
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    assert "Ủy ban nhân dân xã Đại Sơn" in text
    assert "Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025" in text
    assert "từ ngày 1 tháng 7 năm 2025 đến ngày 31 tháng 12 năm 2025" in text
    assert "Xong trước 05/9/2025" in text and "Phòng Văn hóa- Xã hội" in text
    assert html.count("<tr><td>") == 13  # every appendix task fits on the sheet
    css_href = re.search(r'<link rel="stylesheet" href="([^"]*niem-yet\.css)"', html).group(1)
    css = (
        (site / "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son" / css_href)
        .resolve()
        .read_text()
    )
    assert "size: A4" in css and "@media print" in css
    assert "data-pagefind-body" not in html  # search finds the plan, not its notice


def test_qr_codes_are_cached_between_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.site import notices

    urls = ["https://congkhai.example.vn/ke-hoach/2025/a/", "https://congkhai.example.vn/ke-hoach/2025/b/"]
    first = notices.qr_svgs(urls, tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 2

    def boom(data: str) -> str:
        raise AssertionError("made again")

    monkeypatch.setattr(notices, "qr_svg", boom)
    assert notices.qr_svgs(urls, tmp_path) == first  # same bytes: the build stays reproducible
    assert decode(first[urls[1]]) == [urls[1]]
