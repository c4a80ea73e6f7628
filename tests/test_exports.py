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
from tests.factories import REFERENCE_DATE, real_site

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


@pytest.mark.parametrize("name", exports.EXPORTS)
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
        assert p["first_published"] == REFERENCE_DATE  # from the git history of the build


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


def _rows(html: str) -> list[str]:
    body = html.split('id="nv-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr data-lead=.*?</tr>", body, re.S)


def test_tasks_page_lists_every_task_overdue_first(site: Path) -> None:
    html = (site / "nhiem-vu" / "index.html").read_text(encoding="utf-8")
    rows = _rows(html)
    assert len(rows) == len(_json(site, "tasks.json"))
    overdue = [i for i, r in enumerate(rows) if "nv-overdue" in r]
    # reference date 4/8/2025: only "Tháng 7/2025" (001 task 1) has passed
    assert overdue == [0]
    assert "Tháng 7/2025" in rows[0] and "Quá hạn" in rows[0]
    assert "ngày 4 tháng 8 năm 2025" in html
    # filters: every lead is an option, months cover the deadlines, the script is a file (CSP)
    assert 'value="Phòng VH-XH"' in html and 'value="2025-09"' in html
    src = re.search(r'<script src="([^"]*nhiem-vu\.js)"', html).group(1)
    assert (site / "nhiem-vu" / src).resolve().is_file()
    assert not re.search(r"<script>(?!\s*</script>)[^<]*nv-filter", html)


def test_tasks_page_filter_data(site: Path) -> None:
    rows = _rows((site / "nhiem-vu" / "index.html").read_text(encoding="utf-8"))
    months = {unescape(re.search(r'data-months="([^"]*)"', r).group(1)) for r in rows}
    assert "*" in months  # "Thường xuyên": shown in every month
    assert "2025-09 2025-10 2025-11" in months  # Tháng 9-11/2025


def test_disclosure_list_per_quarter(site: Path) -> None:
    html = (site / "cong-khai" / "index.html").read_text(encoding="utf-8")
    assert "Quý III năm 2025" in html
    assert html.count("4/8/2025") == len(_json(site, "plans.json"))
    assert "Chưa có ngày ban hành" in html  # the seeds have no issue date: no flag, and it says why
