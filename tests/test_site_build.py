"""The website built with real mkdocs from a small fixture project (not real plans)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.base.vietnamese import (
    format_date_numeric,
    format_date_short,
    format_date_vi,
    format_period_vi,
    format_size_vi,
)
from tests.factories import project

ROOT = Path(__file__).resolve().parents[1]

AGENCIES = {
    "ubnd-phuong-thu-xuan": """---
name: Ủy ban nhân dân phường Hòa Xuân
short_name: UBND phường Hòa Xuân
level: xa
locality: "20314"
---
""",
    "trung-tam-thu": """---
name: Trung tâm Phục vụ hành chính công phường Hòa Xuân
short_name: Trung tâm PVHCC phường Hòa Xuân
level: xa
locality: "20314"
parent: ubnd-phuong-thu-xuan
---
""",
    "chinh-phu": """---
name: Chính phủ
level: trung-uong
---
""",
}

DOCS = {
    "59-2023-nd-cp": """---
number: 59/2023/NĐ-CP
type: Nghị định
issued: 2023-08-14
issuer: chinh-phu
title: Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở
effective: 2023-08-15
status: còn hiệu lực
source_url: https://vanban.chinhphu.vn/?pageid=27160&docid=208453
sources:
  - facts: [number, issued, title, effective, status, source_url]
    where: Dữ liệu thử của bài kiểm tra
---
""",
    "04-2015-nd-cp": """---
number: 04/2015/NĐ-CP
type: Nghị định
issued: 2015-01-09
issuer: chinh-phu
title: Về thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước
status: bị thay thế
replaced_by: 59/2023/NĐ-CP
sources:
  - facts: [number, issued, title, status, replaced_by]
    where: Dữ liệu thử của bài kiểm tra
---
""",
}

PARENT = """---
number: 16/KH-UBND
issued: 2025-07-21
issuer: ubnd-phuong-thu-xuan
place: Hòa Xuân
title: Triển khai thực hiện dân chủ ở cơ sở, công tác dân vận chính quyền 06 tháng cuối năm 2025
period: {start: 2025-07-01, end: 2025-12-31}
status: ban-hanh
signer: {name: Nguyễn Văn Thử, position: CHỦ TỊCH, authority: TM. ỦY BAN NHÂN DÂN}
recipients: [UBND thành phố, "Lưu: VT"]
basis:
  - {ref: 59/2023/NĐ-CP, relation: can-cu}
  - {ref: 04/2015/NĐ-CP, relation: can-cu}
attachments:
  - {file: ../../tep/16-kh-ubnd.pdf, title: Bản có chữ ký (PDF)}
tasks:
  - {id: "1", name: Tuyên truyền phong trào thi đua Dân vận khéo, lead: Phòng Văn hóa - Xã hội, partners: Các tổ dân phố, due: Quý III/2025, status: dang-thuc-hien}
  - {id: "2", name: Rà soát quy chế dân chủ ở cơ sở, lead: Văn phòng HĐND và UBND phường, due: Tháng 12/2025}
---
Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết Luật Thực hiện dân chủ ở cơ sở[^1];

## I. MỤC ĐÍCH, YÊU CẦU

Đẩy mạnh phong trào thi đua “Dân vận khéo” trên địa bàn phường; thực hiện tốt Điều 5 của Nghị định.

[^1]: Thay thế Nghị định số 04/2015/NĐ-CP.
"""

CHILD = """---
issuer: trung-tam-thu
place: Hòa Xuân
title: Thực hiện dân chủ ở cơ sở 06 tháng cuối năm 2025 của Trung tâm Phục vụ hành chính công
period: {start: 2025-07-01, end: 2025-12-31}
status: ban-hanh
signer: {name: Lê Văn Thử, position: GIÁM ĐỐC}
basis:
  - {ref: 16/KH-UBND, relation: thuc-hien}
---
Thực hiện Kế hoạch số 16/KH-UBND ngày 21/7/2025 của UBND phường Hòa Xuân; Trung tâm ban hành Kế hoạch này.

## I. NỘI DUNG

Tổ chức đối thoại định kỳ với Nhân dân và doanh nghiệp.
"""


def make_fixture(root: Path) -> Path:
    """A project with 2 plans (one implements the other), 2 documents, 3 agencies, 1 attachment."""
    project(root, content=None)
    c = root / "content"
    for sub in ("ke-hoach/2025", "van-ban", "co-quan", "tep"):
        (c / sub).mkdir(parents=True, exist_ok=True)
    (c / "index.md").write_text("# Công khai\n\nTrang thử nghiệm.\n", encoding="utf-8")
    for name, text in AGENCIES.items():
        (c / "co-quan" / f"{name}.md").write_text(text, encoding="utf-8")
    for name, text in DOCS.items():
        (c / "van-ban" / f"{name}.md").write_text(text, encoding="utf-8")
    (c / "ke-hoach/2025/ke-hoach-16.md").write_text(PARENT, encoding="utf-8")
    (c / "ke-hoach/2025/trung-tam.md").write_text(CHILD, encoding="utf-8")
    (c / "tep/16-kh-ubnd.pdf").write_bytes(b"%PDF-1.4\n% fixture\n" * 100)
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-08-01T10:00:00+07:00",
        "GIT_COMMITTER_DATE": "2025-08-01T10:00:00+07:00",
        "GIT_AUTHOR_NAME": "Biên tập",
        "GIT_AUTHOR_EMAIL": "bt@example.org",
        "GIT_COMMITTER_NAME": "Biên tập",
        "GIT_COMMITTER_EMAIL": "bt@example.org",
    }
    for cmd in (["init", "-q"], ["add", "content"], ["commit", "-q", "-m", "Đăng kế hoạch 16/KH-UBND"]):
        subprocess.run(["git", *cmd], cwd=root, env=env, check=True, capture_output=True)
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        cwd=root,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_fixture(tmp_path_factory.mktemp("sitefx") / "proj")
    r = build(root)
    assert r.returncode == 0, r.stderr
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_format_date_vi() -> None:
    import datetime as dt

    assert format_date_vi(dt.date(2025, 7, 21)) == "ngày 21 tháng 7 năm 2025"
    assert format_date_vi("2025-01-05") == "ngày 5 tháng 1 năm 2025"
    assert format_date_vi(None) == ""
    assert format_date_short("2025-07-01") == "1/7/2025"
    assert format_date_numeric("2025-07-01") == "01/07/2025" and format_date_numeric(None) == ""
    assert (
        format_period_vi("2025-07-01", "2025-12-31")
        == "từ ngày 1 tháng 7 năm 2025 đến ngày 31 tháng 12 năm 2025"
    )
    assert format_size_vi(1536) == "1,5 KB"


@pytest.mark.slow
def test_plan_page_header_card_and_sections(site: Path) -> None:
    html = read(site, "ke-hoach/2025/ke-hoach-16")
    text = re.sub(r"<[^>]+>", " ", html)
    text = " ".join(text.split())
    assert "Số, ký hiệu: 16/KH-UBND" in text
    assert "Ngày ban hành: ngày 21 tháng 7 năm 2025" in text
    assert "Kỳ kế hoạch: từ ngày 1 tháng 7 năm 2025 đến ngày 31 tháng 12 năm 2025" in text
    assert "Nguyễn Văn Thử, CHỦ TỊCH" in text
    assert 'href="../../../co-quan/ubnd-phuong-thu-xuan/"' in html
    assert "Căn cứ / Thực hiện" in text
    assert 'href="../../../van-ban/59-2023-nd-cp/"' in html
    # a basis document that is no longer in force is flagged, with what replaced it
    assert "Căn cứ không còn hiệu lực" in text and "đã bị thay thế bởi Nghị định 59/2023/NĐ-CP" in text
    assert "Khi ban hành kế hoạch (ngày ban hành 21/7/2025)" in text and "(có hiệu lực từ 15/8/2023)" in text
    # tasks table with labels for the stacked phone layout
    assert 'data-label="Chủ trì">Phòng Văn hóa - Xã hội' in html
    assert "Đang thực hiện" in text
    # footnotes work
    assert 'class="footnote"' in html
    # attachment with size and SHA-256, and the file is published
    import hashlib

    pdf = (site / "tep/16-kh-ubnd.pdf").read_bytes()
    assert hashlib.sha256(pdf).hexdigest() in html and "(PDF, 1,9 KB)" in text
    # cascade: the plan that implements this one is below it
    assert "ck-cascade" in html and "trung-tam/" in html
    # correction and feedback links
    assert "/edit/main/content/ke-hoach/2025/ke-hoach-16.md" in html and "/issues/new?title=" in html
    # history from git, and where the page comes from
    assert "Lịch sử thay đổi" in text and "Phiên bản 1" in text
    # the commit message is for developers: citizens read what changed, in Vietnamese
    assert "Đăng kế hoạch 16/KH-UBND" not in text
    # the day the file reached the site is a fact about the site, not the agency's disclosure date
    assert "Đưa lên trang này ngày 1 tháng 8 năm 2025" in text and "Công khai: chưa có thông tin" in text
    src = (site.parent / "content/ke-hoach/2025/ke-hoach-16.md").read_bytes()
    assert hashlib.sha256(src).hexdigest() in html
    # the theme's search is off; the header form goes to the search page
    assert 'action="../../../tim-kiem/"' in html and 'data-md-component="search"' not in html


@pytest.mark.slow
def test_plan_without_number_and_cascade_above(site: Path) -> None:
    html = read(site, "ke-hoach/2025/trung-tam")
    assert "chưa có số" in html
    assert "Thực hiện" in html and 'href="../ke-hoach-16/"' in html
    assert "ck-node--self" in html


@pytest.mark.slow
def test_document_page_lists_citing_plans(site: Path) -> None:
    html = read(site, "van-ban/59-2023-nd-cp")
    assert "Nghị định 59/2023/NĐ-CP" in html
    assert "Xem bản chính thức" in html and "vanban.chinhphu.vn" in html
    assert 'href="../../ke-hoach/2025/ke-hoach-16/"' in html
    old = read(site, "van-ban/04-2015-nd-cp")
    assert "Được thay thế bởi" in old and "../59-2023-nd-cp/" in old


@pytest.mark.slow
def test_indexes_home_and_search_page(site: Path) -> None:
    home = read(site, "")
    assert "Kế hoạch mới" in home and "ke-hoach/2025/ke-hoach-16/" in home
    assert 'action="tim-kiem/"' in home
    assert "ke-hoach-16/" in read(site, "ke-hoach/2025")
    assert "trung-tam/" in read(site, "co-quan/trung-tam-thu")
    assert "Phường Hòa Xuân" in read(site, "dia-ban/20314")
    assert "59-2023-nd-cp" in read(site, "loai/nghi-dinh")
    search = read(site, "tim-kiem")
    assert "assets/congkhai/search.js" in search and (site / "pagefind/pagefind.js").is_file()
    assert (site / "assets/congkhai/search.js").is_file() and (
        site / "assets/congkhai/search-box.js"
    ).is_file()


@pytest.mark.slow
def test_search_metadata_hidden_from_readers(site: Path) -> None:
    html = read(site, "ke-hoach/2025/ke-hoach-16")
    m = re.search(r"<div hidden data-pagefind-ignore>(.*?)</div>", html, re.S)
    assert m, "search metadata block missing"
    assert 'data-pagefind-filter="Loại văn bản:Kế hoạch"' in m.group(1)
    assert 'data-pagefind-filter="Mục:Kế hoạch"' in m.group(1)  # published here, not only cited
    assert 'data-pagefind-sort="ngay:2025-07-21"' in m.group(1)
    assert 'data-pagefind-meta="thoi_gian:Ban hành 21/07/2025"' in m.group(1)
    assert "16/KH-UBND" in m.group(1)  # a name the search finds the plan by
    # the indexed copy of the page holds its words as tokens; the published page never does
    assert "ŋ" not in html and "Ŋ" not in html and "ħ" not in html
    indexed = (site.parent / "build" / "search" / "ke-hoach/2025/ke-hoach-16/index.html").read_text(
        encoding="utf-8"
    )
    assert "ŋβηŋkhħubndħħznnz" in indexed  # the whole number "16/KH-UBND"


@pytest.mark.slow
def test_no_third_party_assets(site: Path) -> None:
    loads = re.compile(
        r'<(?:script|img|iframe|link rel="(?:stylesheet|icon|preload|modulepreload)")[^>]+(?:src|href)="(?:https?:)?//'
    )
    for f in site.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        m = loads.search(html)
        assert m is None, f"{f}: external asset {m and m.group(0)}"
    for f in site.rglob("*.css"):
        assert not re.search(r"url\(['\"]?(?:https?:)?//", f.read_text(encoding="utf-8")), f


@pytest.mark.slow
def test_plan_page_weight(site: Path) -> None:
    from builder.site.weight import page_weight

    w = page_weight(site, "ke-hoach/2025/ke-hoach-16/")
    assert 20_000 < w <= 150_000
