"""A plan's history for citizens, in a real Chromium: a small git repository made here, with three
versions of a test plan (English commit messages, a Vietnamese note in the front-matter, another in
a commit trailer), built with the real `congkhai build`. The history lists dated versions with
what changed in Vietnamese words derived from the content; a comparison page shows the text
removed and added. A shallow clone of it says the history is partial and never lists its tip
commit as the plan's change (reliability probe P30). The agency's recorded contact is offered
for feedback, its e-mail with a subject naming the plan and the task."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from builder.publish.sitebuild import PreviewServer
from tests.english import english_words
from tests.factories import build, commit
from tests.minicorpus import AGENCY, PLAN, PLAN_PATH, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READER_TEXT = (Path(__file__).parent / "reader_text.js").read_text(encoding="utf-8")
PLAN_URL = "ke-hoach/2025/thu-nghiem/"
BODY_II = """
## II. NỘI DUNG

### 1. Tuyên truyền

Tổ chức tuyên truyền trên hệ thống loa truyền thanh của xã.

### 2. Tiếp công dân

Chủ tịch UBND xã tiếp công dân vào thứ Năm hằng tuần.
"""
V1 = PLAN.replace("number: 12/KH-UBND\n", "") + BODY_II
V2 = PLAN.replace(
    "status: ban-hanh\n", "status: ban-hanh\nchange_note: Bổ sung số, ký hiệu theo bản đã đóng dấu.\n"
) + BODY_II.replace("vào thứ Năm hằng tuần", "vào sáng thứ Năm và thứ Sáu hằng tuần tại trụ sở")
V3 = V2.replace(
    "    due: Tháng 9/2025\n",
    "    due: Tháng 9/2025\n    updates:\n      - date: 2025-09-15\n        note: Đã tổ chức 3 buổi tuyên truyền.\n"
    "        status: dang-thuc-hien\n",
)
CONTACT = AGENCY.replace(
    "---\n",
    "---\n",
    1,
).replace(
    'locality: "11086"\n',
    'locality: "11086"\ncontact:\n  email:\n    value: ubnd@thunghiem.example.vn\n'
    "    source: Trang thông tin điện tử của xã, mục Liên hệ\n"
    "  reception:\n    value: Thứ Năm hằng tuần, tại trụ sở\n    source: Quyết định 5/QĐ-UBND về lịch tiếp công dân\n",
)
ENGLISH_MESSAGES = (
    "content: plan 12 number",
    "tasks: status of 1",
    "registry stubs: use the CLI's project_root",
)


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("lich-su") / "proj",
        plan=V1,
        extra={"content/co-quan/ubnd-xa-thu-nghiem.md": CONTACT},
        buildable=True,
    )
    commit(root, "2025-08-04T09:00:00+07:00", "content: first import")
    _write(root, PLAN_PATH, V2)
    commit(root, "2025-08-20T10:00:00+07:00", ENGLISH_MESSAGES[0])
    _write(root, PLAN_PATH, V3)
    commit(
        root,
        "2025-09-16T15:00:00+07:00",
        f"{ENGLISH_MESSAGES[1]}\n\nGhi-chu: Cập nhật tiến độ theo báo cáo tháng 9.",
    )
    # a last commit that does not touch the plan (the tip a shallow clone starts from)
    _write(
        root,
        "content/van-ban/59-2023-nd-cp.md",
        (root / "content/van-ban/59-2023-nd-cp.md").read_text() + "\n",
    )
    commit(root, "2025-10-01T08:00:00+07:00", ENGLISH_MESSAGES[2])
    return root


def _serve(site: Path) -> tuple[PreviewServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    srv = PreviewServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


@pytest.fixture(scope="module")
def served(repo: Path) -> Iterator[str]:
    res = build(repo)
    assert res.returncode == 0, res.stderr[-3000:]
    srv, url = _serve(repo / "site")
    yield url
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A page of this module's own site (the shared `page` fixture serves the real content)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield ctx.new_page()
    ctx.close()


def test_history_lists_versions_with_vietnamese_changes(page, served: str) -> None:
    page.goto(served + PLAN_URL)
    history = page.locator("section.ck-history")
    items = history.locator("ol.ck-versions > li")
    assert items.count() == 3
    newest, middle, first = (items.nth(i).inner_text() for i in range(3))
    assert "Phiên bản 3" in newest and "ngày 16 tháng 9 năm 2025" in newest and "Bản hiện hành" in newest
    assert "Cập nhật tình trạng nhiệm vụ 1" in newest
    assert "Ghi chú của người biên tập: “Cập nhật tiến độ theo báo cáo tháng 9.”" in newest  # the trailer
    assert "Phiên bản 2" in middle and "ngày 20 tháng 8 năm 2025" in middle
    assert "Bổ sung số, ký hiệu" in middle and "Sửa nội dung mục II.2" in middle
    assert "“Bổ sung số, ký hiệu theo bản đã đóng dấu.”" in middle  # change_note of that version
    assert "Sửa nội dung mục II.1" not in middle  # II.1 did not change
    assert "Phiên bản 1" in first and "Đăng lên trang lần đầu" in first
    text = history.inner_text()
    for message in ENGLISH_MESSAGES:
        assert message not in text and message not in page.content()
    # hashes only in the folded technical part
    tech = history.locator("details.ck-tech")
    assert tech.get_attribute("open") is None and "Thông tin kỹ thuật" in tech.locator("summary").inner_text()
    # the short hashes and the checksum appear only inside the folded part
    outside = page.evaluate(
        """() => { const h = document.querySelector('section.ck-history').cloneNode(true);
           h.querySelector('details').remove(); return h.textContent; }"""
    )
    assert "SHA-256" not in outside and "mã git" not in outside
    assert english_words(page.evaluate(READER_TEXT)) == []


def test_comparison_shows_removed_and_added_words(page, served: str) -> None:
    page.goto(served + PLAN_URL)
    page.get_by_role("link", name="So sánh phiên bản 1 với bản hiện hành").click()
    page.wait_for_url("**/lich-su/2025/thu-nghiem/1/")
    assert page.inner_text("h1") == "So sánh phiên bản 1 với bản hiện hành"
    deleted = page.locator(".ck-diff del").all_inner_texts()
    inserted = page.locator(".ck-diff ins").all_inner_texts()
    # word by word inside the changed paragraph of II.2: only the words that differ are marked
    assert any("sáng" in i for i in inserted) and any("tại trụ sở" in i for i in inserted), inserted
    assert not any("Chủ tịch" in i or "Chủ tịch" in d for i, d in zip(inserted, deleted, strict=False))
    changed = page.locator(".ck-diff__block--changed").all_inner_texts()
    assert any("Chủ tịch UBND xã tiếp công dân" in c for c in changed), changed
    article = page.inner_text("article")
    assert -1 < article.index("Mục II.2") < article.index("Chủ tịch UBND xã tiếp công dân")  # where it is
    assert any("Số, ký hiệu" in b for b in page.locator(".ck-diff__block--added").all_inner_texts())
    # unchanged paragraphs are folded, the page stays small
    assert page.locator(".ck-diff__skip").count() >= 1
    assert "Tổ chức tuyên truyền trên hệ thống loa" not in page.inner_text("article")
    # screen readers hear which words were removed and added
    assert page.locator(".ck-diff del .ck-sr-only").first.inner_text().startswith("[bỏ")
    assert english_words(page.evaluate(READER_TEXT)) == []
    from axe_playwright_python.sync_playwright import Axe

    bad = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_agency_contact_is_offered_with_a_subject(page, served: str) -> None:
    page.goto(served + PLAN_URL)
    box = page.locator("aside.ck-actions")
    text = box.inner_text()
    assert "Liên hệ Ủy ban nhân dân xã Thử Nghiệm" in text and "Thứ Năm hằng tuần, tại trụ sở" in text
    assert "Trang thông tin điện tử của xã, mục Liên hệ" in text  # every fact with its source
    mail = box.locator('a[href^="mailto:"]').get_attribute("href")
    assert mail.startswith("mailto:ubnd@thunghiem.example.vn?")
    subject = parse_qs(urlsplit(mail).query)["subject"][0]
    # the plan's name as every page gives it (builder.content.names): type, number, issuer, what about
    assert (
        subject == "Góp ý về Kế hoạch 12/KH-UBND của UBND xã Thử Nghiệm về thực hiện dân chủ ở cơ sở năm 2025"
    )
    task_mail = page.locator("table.ck-tasks a.ck-task-mail").first.get_attribute("href")
    assert unquote(task_mail.split("subject=", 1)[1]) == "Góp ý về nhiệm vụ 1 của Kế hoạch 12/KH-UBND"
    # the notice carries the same contact
    page.goto(served + "niem-yet/2025/thu-nghiem/")
    assert "Thư điện tử Ủy ban nhân dân xã Thử Nghiệm: ubnd@thunghiem.example.vn" in page.inner_text(
        ".niem-yet__feedback"
    )


def test_shallow_clone_says_history_is_partial(repo: Path, tmp_path: Path, browser) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    res = build(clone)
    assert res.returncode == 0, res.stderr[-3000:]
    srv, url = _serve(clone / "site")
    try:
        page = browser.new_page()
        page.goto(url + PLAN_URL)
        history = page.locator("section.ck-history")
        text = history.inner_text()
        assert "Lịch sử chưa đầy đủ" in text and "ngày 1 tháng 10 năm 2025" in text
        items = history.locator("ol.ck-versions > li")
        assert items.count() == 1
        only = items.first.inner_text()
        # the tip commit touched another file: it is not the plan's change, nor its first publication
        assert "Phiên bản cũ nhất có trong bản sao" in only
        assert "Đăng lên trang lần đầu" not in only and "Sửa" not in only and "Bổ sung" not in only
        assert ENGLISH_MESSAGES[2] not in page.content()
        page.close()
    finally:
        srv.shutdown()
        srv.server_close()
