"""The "Dữ liệu mở" page: every file the site publishes for reuse (api/*.json, api/tasks.csv, the
feeds and calendars), what it holds, its fields (read from the JSON Schema published beside it,
so a new field appears here by itself), its schema, its licence and when its content last changed
(from git, never the build clock). Template: overrides/open-data.html.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from ..analysis.state import Derived
from ..base import urls
from ..base.urls import page_path
from ..base.vietnamese import format_date_vi
from ..content.corpus import Corpus
from .stage import Page
from .subscriptions import scopes

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"

# Fields whose schema has no description yet; the schema's own description wins.
FIELD_VI: dict[str, str] = {
    "key": "Khóa của văn bản: số, ký hiệu chuẩn hóa, hoặc khóa người biên tập đặt.",
    "number": "Số, ký hiệu như in trên văn bản; trống khi văn bản chưa có số.",
    "issued": "Ngày ban hành.",
    "issuer": "Cơ quan ban hành: mã trong danh mục cơ quan và tên đầy đủ.",
    "title": "Trích yếu.",
    "type": "Loại văn bản (Kế hoạch, Nghị định…).",
    "place": "Địa danh ghi trên văn bản.",
    "period": "Kỳ kế hoạch: từ ngày, đến ngày.",
    "status": "Tình trạng (mã; chữ hiển thị trên trang là bản dịch của mã này).",
    "basis": "Các văn bản làm căn cứ hoặc được thực hiện.",
    "cites": "Các văn bản mà kế hoạch trích dẫn.",
    "cited_by": "Các văn bản trích dẫn văn bản này.",
    "first_published": "Ngày đăng công khai lần đầu.",
    "disclosure_working_days": "Số ngày làm việc từ ngày ban hành đến ngày đăng công khai.",
    "disclosure_late": "Đăng công khai chậm hơn thời hạn luật định hay không.",
    "notice_url": "Đường dẫn bản niêm yết để in.",
    "aliases": "Các tên gọi khác của văn bản.",
    "replaced_by": "Khóa của văn bản thay thế.",
    "source_url": "Địa chỉ bản chính thức của văn bản.",
    "plan": "Kế hoạch có nhiệm vụ này: khóa và đường dẫn.",
    "id": "Số thứ tự của nhiệm vụ như in (TT).",
    "name": "Tên nhiệm vụ.",
    "group": "Nhóm nhiệm vụ (tiêu đề mục chứa nhiệm vụ).",
    "directs": "Người hoặc cơ quan chỉ đạo, như in.",
    "lead": "Cơ quan chủ trì, như in.",
    "partners": "Cơ quan phối hợp, như in.",
    "output": "Sản phẩm.",
    "due_start": "Ngày bắt đầu hiểu được từ thời gian thực hiện.",
    "due_end": "Hạn cuối hiểu được từ thời gian thực hiện.",
    "due_dates": "Các mốc thời hạn khi nhiệm vụ có nhiều lần.",
    "recurring": "Nhịp định kỳ khi nhiệm vụ lặp lại.",
    "updates": "Các lần cập nhật tiến độ: ngày, nội dung, tình trạng, minh chứng.",
    "plan_key": "Khóa của kế hoạch có nhiệm vụ này (chỉ trong tệp CSV).",
    "plan_url": "Đường dẫn kế hoạch (chỉ trong tệp CSV).",
    "url": "Đường dẫn trang trên trang này.",
    "source": "Tệp nguồn trong content/ mà trang được dựng từ đó.",
    "reports_on": "Các kế hoạch mà báo cáo nói về: số, ký hiệu như báo cáo ghi, khóa và đường dẫn kế hoạch.",
    "results": "Kết quả từng nhiệm vụ: khóa kế hoạch, mã nhiệm vụ, tình trạng, ngày, nội dung, minh chứng.",
}


def _type_vi(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "một mã trong danh sách dưới" + (" hoặc trống" if None in spec["enum"] else "")
    if "anyOf" in spec:
        parts = [_type_vi(s) for s in spec["anyOf"]]
        return " hoặc ".join(dict.fromkeys(p for p in parts if p))
    t = spec.get("type")
    kinds = t if isinstance(t, list) else [t]
    words = {
        "string": "ngày (NNNN-TT-NN)" if spec.get("format") == "date" else "chữ",
        "integer": "số nguyên",
        "number": "số",
        "boolean": "đúng hoặc sai",
        "array": "danh sách",
        "object": "nhóm thông tin",
        "null": "trống",
    }
    return " hoặc ".join(words.get(str(k), str(k)) for k in kinds if k)


# What a description quotes for programs: JSON literals, paths, dotted or snake_case names
# (extra.live_since, tasks[].updates/status, as_of). Field names and codes are added per schema.
_LITERAL = (
    r"\bnull\b|\btrue\b|\bfalse\b|\bcontent/(?:[^\s(),;]*[^\s(),;.])?|\bapi/\S*\.\w+"
    r"|\b(?=[\w.\[\]/]*[_\[/])[a-z]\w*(?:(?:\[\])?[._/][a-z]\w*)+|\b[a-z]+_\w+"
)


def _identifiers(node: Any) -> set[str]:
    """Every field name and code value in a JSON Schema (what a description may quote)."""
    out: set[str] = set()
    if isinstance(node, dict):
        out |= set(node.get("properties") or {})
        out |= {v for v in node.get("enum") or [] if isinstance(v, str)}
        for v in node.values():
            out |= _identifiers(v)
    elif isinstance(node, list):
        for v in node:
            out |= _identifiers(v)
    return out


@functools.cache
def _schema_names() -> frozenset[str]:
    """Field names and codes of every schema: descriptions quote the front-matter's keys too."""
    found: set[str] = set()
    for f in sorted(SCHEMA_DIR.glob("*.schema.json")):
        found |= _identifiers(json.loads(f.read_text(encoding="utf-8")))
    return frozenset(found)


def _parts(text: str, names: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """A description split into words and what it quotes for programs (shown as code, marked
    translate="no": "published", "content", "as_of" are not words for readers)."""
    words = [re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 2]
    pattern = _LITERAL + (rf"|(?<![\w-])(?:{'|'.join(words)})(?![\w-])" if words else "")
    return [{"code": i % 2 == 1, "text": t} for i, t in enumerate(re.split(f"({pattern})", text)) if t]


def fields(schema: str) -> list[dict[str, Any]]:
    """The fields of an export, from its JSON Schema (builder/schemas/api-<name>.schema.json)."""
    data = json.loads((SCHEMA_DIR / f"api-{schema}.schema.json").read_text(encoding="utf-8"))
    props = data.get("items", {}).get("properties", {})
    names = _schema_names()
    return [
        {
            "name": k,
            "type": _type_vi(v),
            "values": [str(x) for x in v.get("enum", []) if x is not None],
            "description": _parts(v.get("description") or FIELD_VI.get(k, ""), names),
        }
        for k, v in props.items()
    ]


def _updated(derived: Derived, *folders: str) -> str:
    """The last day a content file of `folders` (content/ke-hoach/…) changed, in Vietnamese."""
    days = [
        h.last_modified
        for path, h in derived.git.files.items()
        if path.startswith(tuple(f"content/{f}/" for f in folders)) and h.history
    ]
    return format_date_vi(max(days)) if days else ""


def open_data_page(corpus: Corpus, derived: Derived) -> list[Page]:
    plans_day, docs_day = _updated(derived, "ke-hoach"), _updated(derived, "van-ban")
    # a task's status comes from the progress reports too (builder.analysis.progress)
    tasks_day, reports_day = _updated(derived, "ke-hoach", "bao-cao"), _updated(derived, "bao-cao")
    exports = [
        {
            "title": "Kế hoạch",
            "what": "Mọi kế hoạch đăng trên trang: số, ngày, cơ quan ban hành, trích yếu, kỳ kế hoạch, căn cứ, "
            "số nhiệm vụ, ngày đăng công khai.",
            "files": [{"url": "api/plans.json", "format": "JSON"}],
            "schema": "api/plans.schema.json",
            "fields": fields("plans"),
            "updated": plans_day,
        },
        {
            "title": "Nhiệm vụ",
            "what": "Mọi nhiệm vụ của mọi kế hoạch: tên, chủ trì, phối hợp, thời gian thực hiện như in và "
            "thời hạn hiểu được, tình trạng, quá hạn hay chưa.",
            "files": [{"url": "api/tasks.json", "format": "JSON"}, {"url": "api/tasks.csv", "format": "CSV"}],
            "schema": "api/tasks.schema.json",
            "fields": fields("tasks"),
            "updated": tasks_day,
            "csv": True,
        },
        {
            "title": "Văn bản được trích dẫn",
            "what": "Danh mục văn bản mà các kế hoạch trích dẫn: số, loại, ngày, cơ quan, trích yếu, "
            "hiệu lực, văn bản thay thế.",
            "files": [{"url": "api/documents.json", "format": "JSON"}],
            "schema": "api/documents.schema.json",
            "fields": fields("documents"),
            "updated": docs_day,
        },
        {
            "title": "Báo cáo kết quả thực hiện",
            "what": "Các báo cáo kết quả thực hiện kế hoạch: số, ngày, cơ quan báo cáo, kế hoạch được báo cáo "
            "và kết quả từng nhiệm vụ (tình trạng, ngày, nội dung, minh chứng).",
            "files": [{"url": "api/reports.json", "format": "JSON"}],
            "schema": "api/reports.schema.json",
            "fields": fields("reports"),
            "updated": reports_day,
            "empty": "Chưa có báo cáo nào trên trang: tệp là một danh sách rỗng."
            if not corpus.reports
            else "",
        },
    ]
    subs = [s.links() | {"url": s.url} for s in scopes(corpus, derived) if s.kind != "site"]
    licence = corpus.config.data_license
    meta = {
        "template": "open-data.html",
        "title": "Dữ liệu mở",
        "description": "Tải dữ liệu kế hoạch, nhiệm vụ, văn bản và báo cáo (JSON, CSV), nguồn tin Atom và lịch thời hạn.",
        "open_data": {
            "exports": exports,
            "feed_updated": plans_day,
            "subscriptions": subs,
            "licence": {"name": licence.get("name"), "url": licence.get("url")} if licence else None,
        },
    }
    return [Page(page_path(urls.OPEN_DATA), meta, "")]
