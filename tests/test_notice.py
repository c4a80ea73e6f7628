"""Printable notices (niêm yết): one A4 page per plan, with a QR code that scans to the plan's page."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import numpy as np
import pytest
import zxingcpp

from builder.content import corpus as corpus_mod
from builder.site.notices import qr_svg
from tests.factories import PUBLIC_URL, published_site, real_site

pytestmark = pytest.mark.slow


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


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_one_notice_per_plan_with_a_scannable_qr() -> None:
    """The publishing build (`congkhai build --publish`, SITE_URL set): each QR code leads to
    the plan's page under the public address."""
    root = published_site()
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
        assert decode(svg) == [f"{PUBLIC_URL}ke-hoach/{rel}/"]
        assert (site / "ke-hoach" / rel / "index.html").is_file()  # the QR leads to a real page
        assert "BẢN XEM THỬ" not in html


def test_a_build_without_a_public_address_makes_previews() -> None:
    """`make site` on a fresh clone (no SITE_URL): the build succeeds, every notice is stamped
    as a preview and has no QR code (it would lead to this machine)."""
    site = real_site() / "site"
    notices = _notices(site)
    assert len(notices) == 5
    for n in notices:
        html = n.read_text(encoding="utf-8")
        assert "BẢN XEM THỬ — KHÔNG DÙNG ĐỂ NIÊM YẾT" in _text(html)
        assert "niem-yet__qrcode" not in html and "127.0.0.1" in _text(html)  # it says which address it had


def test_notice_is_print_ready_and_says_what_was_promised() -> None:
    site = published_site() / "site"
    plans = {r.key: r for r in corpus_mod.load(published_site()).plans}
    tasks = {(t["plan"]["key"], t["id"]): t for t in json.loads((site / "api/tasks.json").read_text("utf-8"))}
    for n in _notices(site):
        html = n.read_text(encoding="utf-8")
        text = _text(html)
        rows = re.findall(r'<tr data-task="([^"]+)" data-status="([^"]+)">(.*?)</tr>', html, re.S)
        plan_key = unescape(rows[0][0]).split("#")[0] if rows else None
        if plan_key is None:
            continue
        assert len(rows) == len(plans[plan_key].plan.tasks)  # every task, on one sheet or more
        for hook, status, cells in rows:
            t = tasks[tuple(unescape(hook).split("#", 1))]
            assert status == t["status"]
            # task names and leads are never cut
            assert " ".join(t["name"].split()) in _text(cells)
            assert " ".join((t["lead"] or "").split()) in _text(cells)
            assert t["status_label"] in _text(cells)
        assert "Tình trạng (tính đến ngày 4/8/2025)" in text  # statuses say when they hold
    html = (site / "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/index.html").read_text(
        encoding="utf-8"
    )
    text = _text(html)
    assert "Ủy ban nhân dân xã Đại Sơn" in text
    assert "Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025" in text
    assert "từ ngày 1 tháng 7 năm 2025 đến ngày 31 tháng 12 năm 2025" in text
    assert "Xong trước 05/9/2025" in text and "Phòng Văn hóa- Xã hội" in text
    # posting: the period to fill in by hand (not recorded), and the law's minimum for a commune's UBND
    assert "Thời gian niêm yết: từ ngày ……/……/……… đến ngày ……/……/………" in text
    assert "ít nhất 30 ngày liên tục, Luật Thực hiện dân chủ ở cơ sở, Điều 13 khoản 2" in text
    css_href = re.search(r'<link rel="stylesheet" href="([^"]*niem-yet\.css)"', html).group(1)
    css = (
        (site / "niem-yet/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son" / css_href)
        .resolve()
        .read_text()
    )
    assert "size: A4" in css and "@media print" in css and "break-before: page" in css
    assert "data-pagefind-body" not in html  # search finds the plan, not its notice


def test_long_task_lists_continue_on_more_sheets() -> None:
    from builder.site.notices import FIRST_SHEET_MM, NEXT_SHEET_MM, row_mm, sheets

    rows = [
        {"name": "Nhiệm vụ " + "rất dài " * 30, "lead": "Phòng", "due": "Quý IV/2025", "status": "x"}
    ] * 12
    split = sheets(rows)
    assert sum(len(s) for s in split) == 12 and len(split) > 1  # nothing dropped, nothing cut
    assert sum(row_mm(r) for r in split[0]) <= FIRST_SHEET_MM
    assert all(sum(row_mm(r) for r in s) <= NEXT_SHEET_MM for s in split[1:])
    assert sheets([]) == [[]]


def test_a_long_contact_leaves_less_room_for_tasks_on_the_first_sheet() -> None:
    # the "Nơi gửi ý kiến" paragraph shares the first sheet with the tasks (notice-channels.html)
    from builder.site.notices import FIRST_SHEET_MM, channels_mm, row_mm, sheets

    bare = {"plan": [], "agency": None, "site": None}
    reception = {"label": "Lịch tiếp công dân", "value": "Sáng thứ Năm hằng tuần " * 8}
    long = {**bare, "agency": {"name": "Ủy ban nhân dân phường Hòa Xuân", "items": [reception] * 3}}
    assert channels_mm(long) > channels_mm(bare) + 20
    rows = [{"name": "Nhiệm vụ " + "dài " * 20, "lead": "Phòng", "due": "Quý IV/2025", "status": "x"}] * 12
    short_first = sheets(rows, FIRST_SHEET_MM - channels_mm(long))[0]
    assert len(short_first) < len(sheets(rows, FIRST_SHEET_MM - channels_mm(bare))[0])
    assert sum(row_mm(r) for r in short_first) <= FIRST_SHEET_MM - channels_mm(long)


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


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("http://127.0.0.1:8000/", False),
        ("http://localhost:8000/", False),
        ("https://[::1]/", False),
        ("http://0.0.0.0/", False),
        ("file:///tmp/site/", False),
        ("https://congkhai/", False),  # no domain: not an address the public can reach
        ("https://congkhai.example.vn/", True),
        ("https://cong-khai.github.io/cong-khai/", True),
    ],
)
def test_which_addresses_are_public(url: str, public: bool) -> None:
    from builder.base.config import preview_reason

    assert (preview_reason(url) is None) is public


def _tiny(tmp_path: Path) -> Path:
    from tests.factories import ROOT, commit, project

    plan = (
        "---\nissuer: ubnd-phuong-hoa-xuan\ntitle: Kế hoạch thử\n"
        "tasks:\n  - {id: '1', name: Việc một, due: Tháng 9/2025}\n---\n\nNội dung.\n"
    )
    files = {
        f"content/co-quan/{a}.md": (ROOT / f"content/co-quan/{a}.md").read_text("utf-8")
        for a in ("ubnd-phuong-hoa-xuan", "ubnd-tp-da-nang")
    }
    files["content/ke-hoach/2025/thu.md"] = plan
    return commit(project(tmp_path / "p", content=None, files=files), "2025-08-04T09:00:00+07:00")


def test_publishing_build_refuses_without_a_public_address(tmp_path: Path) -> None:
    import os

    from tests.factories import build

    root = _tiny(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    for extra in ({}, {"SITE_URL": "http://localhost:8000/"}):
        res = build(root, {**env, **extra}, "--publish")
        assert res.returncode == 1, res.stderr
        assert "Không xuất bản" in res.stderr and "SITE_URL=https://" in res.stderr
        assert "Traceback" not in res.stderr and not (root / "site").exists()
    # a normal build without it succeeds, says why, and stamps the notice
    res = build(root, env)
    assert res.returncode == 0, res.stderr
    assert "BẢN XEM THỬ" in res.stderr and "không có mã QR" in res.stderr
    html = (root / "site/niem-yet/2025/thu/index.html").read_text(encoding="utf-8")
    assert "BẢN XEM THỬ" in html and "niem-yet__qrcode" not in html


def test_a_notice_is_titled_with_its_plans_name() -> None:
    """The tab and a shared link name the plan as every list does (api/plans.json `name`), not by
    its bare trích yếu; the sheet still prints the trích yếu as the document does."""
    site = real_site() / "site"
    plans = json.loads((site / "api/plans.json").read_text(encoding="utf-8"))
    plans = plans["plans"] if isinstance(plans, dict) else plans
    seen = 0
    for p in plans:
        if not p.get("notice_url"):
            continue
        path = p["notice_url"].split("/niem-yet/", 1)[1]
        page = (site / "niem-yet" / path / "index.html").read_text(encoding="utf-8")
        title = unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
        assert title.startswith(f"Niêm yết: {p['name']}"), (title, p["name"])
        seen += 1
    assert seen == len(plans)
