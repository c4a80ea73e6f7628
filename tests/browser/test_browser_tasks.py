"""Real browser: the "Nhiệm vụ" filters work under the CSP, and each notice prints on one A4 sheet
with a QR code that scans from what the printer gets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

pytestmark = pytest.mark.browser


def test_task_filters(page, base_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "nhiem-vu/")
    assert page.locator("#nv-filter").is_visible()  # revealed by the script (hidden without it)
    total = page.locator("#nv-table tbody tr").count()
    assert total >= 36
    page.select_option("select[name=month]", "2025-09")
    shown = page.locator("#nv-table tbody tr:visible").count()
    assert 0 < shown < total and page.text_content("#nv-count") == str(shown)
    page.select_option("select[name=lead]", "Phòng Kinh tế")
    assert page.locator("#nv-table tbody tr:visible").count() == 2  # Đại Sơn tasks 3 and 4
    page.select_option("select[name=lead]", "")
    page.select_option("select[name=month]", "")
    page.select_option("select[name=status]", "chua-cap-nhat")  # the seeds report no progress yet
    assert page.locator("#nv-table tbody tr:visible").count() == total
    page.select_option("select[name=status]", "hoan-thanh")
    assert page.locator("#nv-table tbody tr:visible").count() == 0
    page.click("button[type=reset]")
    page.wait_for_function(f"document.getElementById('nv-count').textContent === '{total}'")
    assert not [e for e in errors if "Content Security Policy" in e or "nhiem-vu" in e]


def test_notices_print_on_one_a4_sheet_with_a_scannable_qr(browser, base_url: str, built_site: Path) -> None:
    import pypdf

    notices = sorted(
        p.parent.relative_to(built_site).as_posix() for p in (built_site / "niem-yet").rglob("index.html")
    )
    assert len(notices) == 5
    ctx = browser.new_context(viewport={"width": 794, "height": 1123})
    pg = ctx.new_page()
    for rel in notices:
        pg.goto(f"{base_url}{rel}/")
        pg.emulate_media(media="print")
        pdf = pypdf.PdfReader(io.BytesIO(pg.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) == 1, rel
        shot = Image.open(io.BytesIO(pg.screenshot()))
        texts = [b.text for b in zxingcpp.read_barcodes(shot)]
        assert texts == ["http://127.0.0.1:8000/ke-hoach/" + rel.removeprefix("niem-yet/") + "/"], rel
        pg.emulate_media(media="screen")
    ctx.close()
