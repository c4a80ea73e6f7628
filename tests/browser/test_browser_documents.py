"""Document pages and legal notices as readers see them in Chromium (issue 13)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_law_page_reads_like_its_attributes_and_copies_its_citation(browser, base_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = ctx.new_page()
    page.goto(base_url + "van-ban/luat-tiep-cong-dan/")
    assert page.locator("h1").inner_text() == "Luật Tiếp công dân (số 42/2013/QH13)"
    effective = page.locator('dt:text-is("Ngày có hiệu lực:") + dd')
    assert effective.inner_text().startswith("ngày 1 tháng 7 năm 2014")
    # the source mark leads to the source, which names where the fact was found
    effective.locator("sup a").first.click()
    target = page.locator(":target")
    assert "ghi chú Pháp điển" in target.inner_text()
    # the timeline shows the amending act with its effective date
    assert "Được sửa đổi, bổ sung bởi" in page.locator(".ck-timeline").inner_text()
    button = page.locator("button.ck-copy")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('button.ck-copy').textContent === 'Đã sao chép'")
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == "Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013"
    )
    ctx.close()


def test_the_plan_page_says_when_its_basis_changed(page, base_url: str) -> None:
    page.goto(base_url + "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son/")
    notice = page.locator("section.ck-legal")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "Luật Thực hiện dân chủ ở cơ sở (số 10/2022/QH15)" in text and "97/2025/QH15" in text
    notice.get_by_role("link", name="Luật Thực hiện dân chủ ở cơ sở (số 10/2022/QH15)").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/luat-thuc-hien-dan-chu-o-co-so/")


def test_long_names_fit_a_phone(phone, base_url: str) -> None:
    for url in ("van-ban/136-2025-qh15/", "van-ban/luat-khieu-nai/", "ke-hoach/"):
        phone.goto(base_url + url)
        sw, cw = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sw <= cw, url
