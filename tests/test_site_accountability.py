"""What a citizen checks on the real site: who leads what (agency pages) and when a plan went online."""

from __future__ import annotations

import json
import re

from tests.factories import real_site


def _text(path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


def test_agency_page_lists_the_tasks_it_leads() -> None:
    root = real_site()
    tasks = json.loads((root / "site/api/tasks.json").read_text(encoding="utf-8"))
    tasks = tasks["tasks"] if isinstance(tasks, dict) else tasks
    # Phòng VH-XH of Hòa Xuân leads every row of plan 001's appendix (the seed's "Cơ quan chủ trì" column)
    led = [t for t in tasks if (t.get("lead") or "") == "Phòng VH-XH"]
    assert len(led) == 9
    page = _text(root / "site/co-quan/phong-van-hoa-xa-hoi-phuong-hoa-xuan/index.html")
    assert "Nhiệm vụ chủ trì (9)" in page
    for t in led:
        assert " ".join(t["name"].split()[:8]) in " ".join(page.split())


def test_plan_page_says_no_disclosure_date_is_recorded() -> None:
    root = real_site()
    pages = sorted((root / "site/ke-hoach").glob("*/*/index.html"))
    assert len(pages) == 5
    for page in pages:
        text = " ".join(_text(page).split())
        # real_site commits the content on 2025-08-04, but no seed records when its agency
        # disclosed it and mkdocs.yml sets no `live_since`: the repository's date is no disclosure date
        assert "Công khai: chưa có thông tin" in text, page
        assert "Công khai ngày 4 tháng 8 năm 2025" not in text
        assert "Đưa lên trang này ngày 4 tháng 8 năm 2025" in text  # the site's own fact, named as such


def test_cascade_is_whole_in_open_data() -> None:
    """Seed 000 implements 16/KH-UBND of 21/7/2025, confirmed to be plan 001: the export links the two plans."""
    root = real_site()
    data = json.loads((root / "site/api/plans.json").read_text(encoding="utf-8"))
    plans = {p["url"]: p for p in (data["plans"] if isinstance(data, dict) else data)}
    ward = next(p for u, p in plans.items() if u.endswith("-phuong-hoa-xuan/"))
    centre = next(p for u, p in plans.items() if u.endswith("-trung-tam-hcc-hoa-xuan/"))
    assert ward["key"] in centre["cites"]
    assert centre["key"] in ward["cited_by"]
    assert "36/KH-UBND" in ward["cites"]  # and the ward plan implements the city's plan


def test_agency_index_counts_tasks_not_only_plans() -> None:
    """Most agencies issue no plan but lead tasks: the index says how many (not "0 kế hoạch")."""
    root = real_site()
    text = " ".join(_text(root / "site/co-quan/index.html").split())
    assert "— 0 kế hoạch" not in text
    assert "Phòng Văn hóa - Xã hội phường Hòa Xuân — chủ trì 9 nhiệm vụ" in text
    assert "Ủy ban nhân dân xã Đại Sơn — 1 kế hoạch · đơn vị trực thuộc chủ trì" in text


def test_parent_agency_rolls_up_its_units_tasks() -> None:
    import json

    from builder.content import corpus as corpus_mod

    root = real_site()
    tasks = json.loads((root / "site/api/tasks.json").read_text(encoding="utf-8"))
    agencies = corpus_mod.load(root).agencies
    units = {a for a, r in agencies.items() if r.agency.parent == "ubnd-xa-dai-son-hai-phong"}
    units |= {a for a, r in agencies.items() if r.agency.parent in units}
    expected = {f"{t['plan']['key']}#{t['id']}" for t in tasks if set(t["lead_agencies"]) & units}
    html = (root / "site/co-quan/ubnd-xa-dai-son-hai-phong/index.html").read_text(encoding="utf-8")
    rollup = html.split("Nhiệm vụ do các cơ quan, đơn vị trực thuộc chủ trì", 1)[1]
    assert rollup.startswith(f" ({len(expected)})")
    shown = {
        x.replace("&#35;", "#").replace("&#64;", "@")
        for x in re.findall(r'<li class="nv-card[^>]*data-task="([^"]+)"', rollup)
    }
    assert shown == expected and len(expected) >= 9
    assert "tính đến ngày 4/8/2025" in rollup


def test_a_task_card_names_its_plans_issuer_once() -> None:
    """The card's plan line read "UBND phường Hòa Xuân · Kế hoạch của UBND phường Hòa Xuân về …"."""
    root = real_site()
    page = (root / "site/nhiem-vu/index.html").read_text(encoding="utf-8")
    lines = [
        " ".join(re.sub(r"<[^>]+>", " ", x).split())
        for x in re.findall(r'<p class="nv-card__plan">(.*?)</p>', page)
    ]
    assert lines, "no card on the Nhiệm vụ page"
    twice = []
    for line in lines:
        head, _, name = line.partition(" · ")
        if name and head in name:
            twice.append(line)
    assert not twice, twice[:3]
    assert any("của UBND" in line for line in lines)  # the issuer is still named, inside the plan's name
