"""Open data and task pages of a real build of the seed plans: nothing lost, schemas, CSV, order."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from html import unescape
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder import flow
from builder.content import corpus as corpus_mod
from builder.publish import exports
from tests.conftest import GOLD, SEEDS
from tests.factories import real_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Path:
    return real_site() / "site"


def _json(site: Path, name: str) -> list[dict]:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def _source_task_counts() -> dict[str, int]:
    """Tasks per seed, from the sources: the gold appendix rows, else the seed's inline
    "Thời gian thực hiện:" items (003 and 004 list their tasks in the body)."""
    out = {}
    for g in sorted(GOLD.glob("*.yaml")):
        plan = yaml.safe_load(g.read_text(encoding="utf-8"))["plan"]
        if plan["appendix"]["present"]:
            n = plan["appendix"]["task_rows"]
        else:
            seed = (SEEDS / f"{g.stem}.txt").read_text(encoding="utf-8")
            n = len(re.findall(r"^\s*c\) Thời gian thực hiện:", seed, re.M))
        out[_fold(plan["title"])] = n
    return out


def test_no_task_is_lost(site: Path) -> None:
    tasks = _json(site, "tasks.json")
    plans = {p["key"]: p for p in _json(site, "plans.json")}
    by_title = {_fold(p["title"]): p for p in plans.values()}
    expected = _source_task_counts()
    assert sum(expected.values()) == 36  # 9 + 13 (appendices) + 9 + 5 (inline)
    for title, n in expected.items():
        assert title in by_title, f"seed plan missing from api/plans.json: {title}"
        p = by_title[title]
        mine = [t for t in tasks if t["plan"]["key"] == p["key"]]
        assert len(mine) == n == p["tasks"], title
        assert all(t["plan"]["url"] == p["url"] for t in mine)
    # and every task of every content plan, by id
    c = corpus_mod.load(real_site())
    ids = {(t["plan"]["key"], t["id"]) for t in tasks}
    want = {(r.key, t.id) for r in c.plans for t in r.plan.tasks}
    assert want == ids
    assert len(tasks) == len(ids)


def test_deadlines_are_machine_readable(site: Path) -> None:
    tasks = _json(site, "tasks.json")
    readable = [t for t in tasks if t["due_end"] or t["recurring"]]
    assert len(readable) / len(tasks) >= 0.9
    row = next(t for t in tasks if t["due"] == "6 tháng cuối năm 2025 và các năm tiếp theo")
    assert (row["due_kind"], row["due_start"], row["due_end"], row["recurring"]) == (
        "range",
        "2025-07-01",
        "2025-12-31",
        "hang-nam",
    )
    row = next(t for t in tasks if t["due"] == "Xong trước 05/9/2025")
    assert (row["due_kind"], row["due_end"]) == ("date", "2025-09-05")


# api/reports.json is empty on the real site (no report is invented for the seed plans):
# tests/test_reports.py validates it on a project with reports.
@pytest.mark.parametrize("name", [n for n in exports.EXPORTS if n != "reports"])
def test_exports_validate_against_their_published_schema(site: Path, name: str) -> None:
    schema = json.loads((site / "api" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = _json(site, f"{name}.json")
    assert data
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    keys = [d["key"] if "key" in d else (d["plan"]["key"], d["id"]) for d in data]
    assert len(keys) == len(set(keys))


def test_schema_rejects_a_broken_export(site: Path) -> None:
    schema = json.loads((site / "api" / "tasks.schema.json").read_text(encoding="utf-8"))
    task = dict(_json(site, "tasks.json")[0])
    del task["plan"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([task], schema)


def test_urls_point_to_built_pages(site: Path) -> None:
    for name in ("plans.json", "documents.json"):
        for item in _json(site, name):
            assert item["url"].startswith("/") and item["url"].endswith("/")
            assert (site / item["url"].strip("/") / "index.html").is_file(), item["url"]
            assert {"key", "url", "number", "issued", "issuer", "title"} <= item.keys()
    for p in _json(site, "plans.json"):
        assert p["issuer"]["id"] and p["issuer"]["name"]
        assert (site / p["notice_url"].strip("/") / "index.html").is_file()
        # the seeds record no disclosure date and the site sets no `live_since`: the day the
        # files reached the repository is not the agencies' disclosure date
        assert p["first_published"] is None and p["published_source"] is None


def test_tasks_csv_opens_in_spreadsheets(site: Path) -> None:
    raw = (site / "api" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    tasks = _json(site, "tasks.json")
    assert len(rows) == len(tasks)
    assert list(rows[0]) == exports.CSV_COLUMNS
    assert rows[0]["plan_key"] == tasks[0]["plan"]["key"] and rows[0]["name"] == tasks[0]["name"]
    assert any("Phòng Văn hóa- Xã hội" in r["lead"] for r in rows)


def test_exports_are_reproducible(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_TODAY", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    c = corpus_mod.load(real_site())
    exports.post_build(c, flow.run(c, validate=False), tmp_path)
    for f in sorted((site / "api").iterdir()):
        assert (tmp_path / "api" / f.name).read_bytes() == f.read_bytes(), f.name


# -- pages: "Nhiệm vụ" and "Danh mục công khai" ------------------------------------------------


def _cards(html: str) -> list[str]:
    body = html.split('id="nv-cards"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li class=\"nv-card.*?</li>", body, re.S)


def _attr(card: str, name: str) -> str:
    return unescape(re.search(rf'{name}="([^"]*)"', card).group(1))


def test_tasks_page_lists_every_task_overdue_first(site: Path) -> None:
    html = (site / "nhiem-vu" / "index.html").read_text(encoding="utf-8")
    cards = _cards(html)
    tasks = _json(site, "tasks.json")
    assert len(cards) == len(tasks)
    hooks = sorted(_attr(c, "data-task") for c in cards)
    assert hooks == sorted(f"{t['plan']['key']}#{t['id']}" for t in tasks)
    overdue = [i for i, c in enumerate(cards) if _attr(c, "data-status") == "qua-han"]
    # reference date 4/8/2025: only "Tháng 7/2025" (001 task 1) has passed
    assert overdue == [0]
    assert "Tháng 7/2025" in cards[0] and "Quá hạn — chưa có báo cáo" in cards[0]
    assert all("tính đến ngày 4/8/2025" in c for c in cards)  # every status says when it holds
    # filters: statuses, localities, agencies resolved with their locality, months; the script is a file
    assert 'value="qua-han"' in html and 'value="2025-09"' in html and 'value="11086"' in html
    assert 'value="phong-van-hoa-xa-hoi-phuong-hoa-xuan">Phòng VH-XH phường Hòa Xuân' in html
    src = re.search(r'<script src="([^"]*nhiem-vu\.js)"', html).group(1)
    assert (site / "nhiem-vu" / src).resolve().is_file()
    assert not re.search(r"<script>(?!\s*</script>)[^<]*nv-filter", html)


def test_tasks_page_filter_data(site: Path) -> None:
    cards = _cards((site / "nhiem-vu" / "index.html").read_text(encoding="utf-8"))
    dai_son = {_attr(c, "data-task").split("#")[1]: c for c in cards if "11086" in _attr(c, "data-dia-ban")}
    # "Thường xuyên" is due in no month; "Tháng 9-11/2025" in its last month; "Quý III, IV/2025" in December
    assert _attr(dai_son["11"], "data-thang") == ""
    assert _attr(dai_son["10"], "data-thang") == "2025-11"
    assert _attr(dai_son["4"], "data-thang") == "2025-12"
    # a commune's task is found under the commune and under its province
    assert _attr(dai_son["2"], "data-dia-ban").split() == ["11086", "31"]
    # the typo "Phòng Văn hóa- Xã hôi." and "Phòng Văn hóa- Xã hội" are one agency
    assert _attr(dai_son["8"], "data-co-quan") == "phong-van-hoa-xa-hoi-xa-dai-son"
    assert _attr(dai_son["2"], "data-co-quan") == "phong-van-hoa-xa-hoi-xa-dai-son"
    # names of no registered agency are kept, grouped per locality
    assert _attr(dai_son["5"], "data-co-quan") == "~cac-thon-11086"


def test_disclosure_list_per_quarter(site: Path) -> None:
    html = (site / "cong-khai" / "index.html").read_text(encoding="utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    body = text.split("Danh mục công khai Danh mục", 1)[-1]
    # the seeds record no disclosure date and the site declares no `live_since`: no quarter,
    # no date, every plan "chưa có thông tin" — never the day the repository was made
    assert "Quý " not in body and "4/8/2025" not in body
    assert "Chưa có thông tin về ngày công khai" in body
    for p in _json(site, "plans.json"):
        assert p["name"] in body  # every plan, by its name (builder.content.names)
