"""Implementation coverage — "ai chưa có kế hoạch thực hiện?": a plan that tells its units (or the
communes of its province) to issue their own plans lists them, with the plans that carry it out."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from builder import flow
from builder.content import corpus as corpus_mod
from builder.content import localities
from tests.conftest import ROOT
from tests.factories import DAI_SON_KEY, DAI_SON_PLAN, project, reported_site


def _coverage(root: Path) -> dict:
    return flow.run(corpus_mod.load(root), validate=False).coverage


def test_seed_plans_that_tell_units_to_issue_plans() -> None:
    cov = _coverage(ROOT)
    # Đại Sơn: "4. Các phòng chuyên môn thuộc UBND xã … xây dựng và ban hành kế hoạch triển khai"
    dai_son = cov[DAI_SON_KEY]
    assert dai_son.group == "offices" and "xây dựng và ban hành kế hoạch" in dai_son.quote
    assert [u.id for u in dai_son.units] == [
        "phong-kinh-te-xa-dai-son",
        "phong-van-hoa-xa-hoi-xa-dai-son",
        "van-phong-hdnd-ubnd-xa-dai-son",
    ]  # its offices, not its centres (Trung tâm …: units, not offices)
    assert all(u.plans == [] for u in dai_son.units)  # no office has published its plan here
    # Sở Xây dựng: "Các đơn vị trực thuộc Sở … xây dựng kế hoạch thực hiện …"
    (so,) = [c for k, c in cov.items() if k.startswith("so-xay-dung-da-nang")]
    assert so.group == "units" and len(so.units) == 2
    # the ward asks its units to "triển khai thực hiện", not to issue plans: nothing listed
    assert not [k for k in cov if k.startswith(("ubnd-phuong-hoa-xuan", "van-phong-ubnd-tp-can-tho"))]


@pytest.mark.slow
def test_the_plan_page_and_open_data_say_who_has_no_plan_yet() -> None:
    site = reported_site() / "site"
    html = (site / DAI_SON_PLAN / "index.html").read_text(encoding="utf-8")
    section = html.split('id="ck-ke-hoach-cap-duoi"', 1)[1].split("</section>", 1)[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert "1/3 đơn vị đã có kế hoạch thực hiện trên trang này; 2 đơn vị chưa có" in text
    assert re.search(r"Phòng Văn hóa - Xã hội xã Đại Sơn ?: chưa có", text)
    assert re.search(r'href="[^"]*dan-van-phong-kinh-te-dai-son/"', section)
    plans = {p["key"]: p for p in json.loads((site / "api/plans.json").read_text(encoding="utf-8"))}
    cov = plans[DAI_SON_KEY]["coverage"]
    assert (cov["with_plan"], cov["without_plan"]) == (1, 2)
    economy = next(u for u in cov["units"] if u["id"] == "phong-kinh-te-xa-dai-son")
    assert economy["plans"] == [
        next(k for k, p in plans.items() if p["url"].endswith("dan-van-phong-kinh-te-dai-son/"))
    ]


CITY_PLAN = """---
number: 99/KH-UBND
issued: 2025-07-10
issuer: ubnd-tp-da-nang
title: Thực hiện dân chủ ở cơ sở năm 2025
---

## III. TỔ CHỨC THỰC HIỆN

Ủy ban nhân dân các xã, phường, đặc khu căn cứ Kế hoạch này xây dựng kế hoạch thực hiện tại địa phương.
"""
WARD_PLAN = """---
number: 30/KH-UBND
issued: 2025-07-20
issuer: ubnd-phuong-hoa-xuan
title: Thực hiện dân chủ ở cơ sở năm 2025 trên địa bàn phường
basis:
  - {ref: 99/KH-UBND, relation: thuc-hien}
---

Nội dung.
"""


def test_a_province_plan_expects_every_commune_of_the_province(tmp_path: Path) -> None:
    files = {
        f"content/co-quan/{a}.md": (ROOT / "content/co-quan" / f"{a}.md").read_text(encoding="utf-8")
        for a in ("ubnd-tp-da-nang", "ubnd-phuong-hoa-xuan")
    }
    files["content/ke-hoach/2025/tp.md"] = CITY_PLAN
    files["content/ke-hoach/2025/phuong.md"] = WARD_PLAN
    root = project(tmp_path / "p", content=None, files=files, mkdocs="site_name: t\n", templates=False)
    cov = _coverage(root)["99/KH-UBND"]
    communes = localities.communes("48")  # Đà Nẵng today, from vietnam-provinces
    assert cov.group == "communes" and [u.id for u in cov.units] == [u.code for u in communes]
    done = [u for u in cov.units if u.plans]
    assert [(u.id, u.name, u.plans) for u in done] == [("20314", "Phường Hòa Xuân", ["30/KH-UBND"])]
    # the same words without "xây dựng kế hoạch" direct nothing
    files["content/ke-hoach/2025/tp.md"] = CITY_PLAN.replace(
        "xây dựng kế hoạch thực hiện", "triển khai thực hiện"
    )
    root = project(tmp_path / "q", content=None, files=files, mkdocs="site_name: t\n", templates=False)
    assert "99/KH-UBND" not in _coverage(root)
