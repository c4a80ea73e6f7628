"""Generate realistic corpora of N plans for the benchmarks (deterministic: seeded random).

Plans are built by recombining the seeds' real structure — preamble with "Căn cứ…"/"Thực hiện…"
citations, sections I/II/III with lettered items, footnotes, a task appendix with due phrases —
from paragraphs, headings and appendix rows read from tests/data/seeds at bench time (the seed
texts are not copied into the corpora). Registry documents come from the gold annotations; issuers are
agencies at real localities (official codes from builder.content.localities). Plans cascade: a province
plan is implemented by commune plans, which are implemented by their service centres' plans,
and each child cites its parent in the preamble and in `basis`.

    python -m bench.generate 100 -o bench/out/corpus-100
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"  # the seeds and their gold annotations (tests/data/README.md)
YEAR = 2025
# Every corpus commit: fixed author and date (history feeds first-published dates; same corpus,
# same site). bench/fullsize.py and bench/run.py commit with it too.
GIT_ENV = {
    "GIT_AUTHOR_DATE": "2025-11-01T00:00:00+07:00",
    "GIT_COMMITTER_DATE": "2025-11-01T00:00:00+07:00",
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "PATH": "/usr/bin:/bin",
}

_NUMBERISH = re.compile(r"\d+\s*[/-]\s*[A-ZĐ]|số\s*:|<|>|\bsố\s+\d")
_ITEM = re.compile(r"^([a-zđ]\)|[0-9]+\.|[IVX]+\.|[-+•])\s+")


# -- material read from the seeds -------------------------------------------------------------


@dataclass
class Material:
    paragraphs: list[str]  # body paragraphs without citation numbers
    items: list[str]  # "a) …" items (text after the letter)
    headings: list[str]  # section II headings (text after the number)
    tasks: list[tuple[str, str, str, str]]  # (name, lead, partners, due)
    documents: list[dict]  # registry entries: key, number, type, date, issuer, title, national


def _clean(line: str) -> str:
    line = re.sub(r"<sup>\d+</sup>|</?b>|\*\*|^#+\s*", "", line)
    return " ".join(line.split())


def _paragraphs(text: str) -> list[str]:
    """Undo the PDF extraction's line breaks: join lines until one ends a sentence or an item starts."""
    out: list[str] = []
    cur = ""
    for raw in text.splitlines():
        if "\t" in raw:
            continue  # appendix table rows: read separately
        line = _clean(raw)
        if not line:
            continue
        if cur and (_ITEM.match(line) or cur.endswith((".", ";", ":", "!", "?"))):
            out.append(cur)
            cur = ""
        cur = f"{cur} {line}".strip()
    if cur:
        out.append(cur)
    return out


def _task_rows(text: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for raw in text.splitlines():
        cells = [_clean(c) for c in raw.split("\t")]
        if len(cells) >= 5 and cells[0].isdigit() and not _NUMBERISH.search(cells[1]):
            name, lead, partners, due = cells[1], cells[2], cells[3], cells[4]
            if 20 <= len(name) <= 400 and lead and due:
                rows.append((name, lead, partners.lstrip("- "), due))
    return rows


_NATIONAL = re.compile(r"/TW$|-TTg$|/QH\d+$|/\d{4}/NĐ-CP$|/\d{4}/QH\d+$|UBTVQH\d+$|/TT-|/BNV$|/BCĐTW$")


@cache
def material(seeds: Path = DATA / "seeds", gold: Path = DATA / "gold") -> Material:
    if not any(seeds.glob("*.txt")) or not any(gold.glob("*.yaml")):
        raise FileNotFoundError(f"no seed texts in {seeds} or no gold files in {gold} (tests/data/README.md)")
    paras: list[str] = []
    items: list[str] = []
    heads: list[str] = []
    tasks: list[tuple[str, str, str, str]] = []
    for f in sorted(seeds.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        tasks.extend(_task_rows(text))
        for p in _paragraphs(text):
            if (
                _NUMBERISH.search(p)
                or p.startswith(("Căn cứ", "Thực hiện", "Nơi nhận", "Lưu"))
                or p.isupper()
            ):
                continue
            m = re.match(r"^([a-zđ]\)|\d+\.)\s+(.*)$", p)
            if (
                m
                and m.group(1).endswith(".")
                and 15 <= len(m.group(2)) <= 160
                and not m.group(2).endswith((".", ";"))
            ):
                heads.append(m.group(2).rstrip(":"))
            elif m and m.group(1).endswith(")") and 60 <= len(m.group(2)) <= 900:
                items.append(m.group(2))
            elif not m and 80 <= len(p) <= 900 and not _ITEM.match(p):
                paras.append(p)
        for raw in text.splitlines():  # Markdown headings of DOCX-converted seeds: "### **1. Đẩy mạnh …**"
            m = re.match(r"^#+\s*(?:\*\*)?\d+\.\s+(.+?)(?:\*\*)?\s*$", raw)
            if m and not _NUMBERISH.search(m.group(1)) and len(m.group(1)) >= 15:
                heads.append(_clean(m.group(1)))
    heads += [h for h in EXTRA_HEADINGS if h not in heads]
    tasks += [(name, lead, partners, due) for name, lead, partners, due in _extra_tasks()]
    docs: dict[str, dict] = {}
    for g in sorted(gold.glob("*.yaml")):
        for c in yaml.safe_load(g.read_text(encoding="utf-8")).get("citations", []):
            key, number = c.get("key") or "", c.get("number")
            if not number or "@" in key or c.get("borderline") or key in docs:
                continue
            docs[key] = {
                "key": key,
                "number": number,
                "type": c.get("type") or "Văn bản",
                "date": c.get("date"),
                "issuer": c.get("issuer"),
                "title": c.get("title"),
                "national": bool(_NATIONAL.search(key)),
            }
    return Material(
        sorted(set(paras)),
        sorted(set(items)),
        sorted(set(heads)),
        sorted(set(tasks)),
        sorted(docs.values(), key=lambda d: d["key"]),
    )


# Section headings and task rows in the seeds' register, for variety beyond the few the
# extractor can read reliably from PDF text (written here, not copied from the seeds).
EXTRA_HEADINGS = [
    "Đẩy mạnh công tác tuyên truyền, phổ biến, giáo dục nâng cao nhận thức về dân chủ ở cơ sở",
    "Nâng cao trách nhiệm của người đứng đầu trong thực hiện dân chủ ở cơ sở",
    "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp",
    "Thực hiện tốt công tác tiếp công dân, đối thoại, giải quyết khiếu nại, tố cáo",
    "Đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo”",
    "Phối hợp với Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "Công khai, minh bạch thông tin để Nhân dân biết, bàn, kiểm tra, giám sát",
    "Đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
    "Kiện toàn tổ chức bộ máy, nâng cao đạo đức công vụ",
    "Kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở",
]
_VERBS = [
    "Tổ chức",
    "Triển khai",
    "Đẩy mạnh",
    "Tăng cường",
    "Rà soát, cập nhật",
    "Kiểm tra, đôn đốc",
    "Tổng hợp, báo cáo",
]
_OBJECTS = [
    "tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên hệ thống truyền thanh",
    "công khai thủ tục hành chính tại bộ phận một cửa",
    "hội nghị đối thoại giữa người đứng đầu với Nhân dân",
    "khảo sát mức độ hài lòng của người dân đối với dịch vụ công",
    "tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua cổng thông tin",
    "xây dựng mô hình “Dân vận khéo” trong cải cách hành chính",
    "tập huấn nghiệp vụ cho công chức về dân chủ ở cơ sở",
    "kết quả thực hiện kế hoạch định kỳ 6 tháng và năm",
]
_LEADS = [
    "Phòng Văn hóa - Xã hội",
    "Văn phòng HĐND và UBND",
    "Trung tâm Phục vụ hành chính công",
    "Phòng Kinh tế",
    "Công an",
    "Ủy ban MTTQ Việt Nam",
]


def _extra_tasks() -> list[tuple[str, str, str, str]]:
    out = []
    for i, v in enumerate(_VERBS):
        for j, o in enumerate(_OBJECTS):
            out.append(
                (
                    f"{v} {o}",
                    _LEADS[(i + j) % len(_LEADS)],
                    _LEADS[(i + 2 * j + 1) % len(_LEADS)],
                    DUE_PHRASES[(i * 3 + j) % len(DUE_PHRASES)],
                )
            )
    return out


# -- agencies ---------------------------------------------------------------------------------


@dataclass
class Agency:
    id: str
    name: str
    short: str
    level: str
    locality: str
    province: str  # province code
    parent: str | None = None
    place: str = ""


def _slug(s: str) -> str:
    from builder.base.text import slugify

    return slugify(s)


def _province_agency(u) -> Agency:
    label = u.name if u.name.startswith("Thành phố") else f"tỉnh {u.name}"
    label = label[0].lower() + label[1:]
    bare = u.name.removeprefix("Thành phố ")
    return Agency(
        f"ubnd-{_slug(label)}",
        f"Ủy ban nhân dân {label}",
        f"UBND {label}",
        "tinh",
        u.code,
        u.code,
        place=bare,
    )


def _commune_agencies(u, parent: str) -> tuple[Agency, Agency]:
    label = u.name[0].lower() + u.name[1:]  # "phường Hòa Xuân"
    bare = re.sub(r"^(Xã|Phường|Đặc khu)\s+", "", u.name)
    ubnd = Agency(
        f"ubnd-{_slug(label)}-{u.code}",
        f"Ủy ban nhân dân {label}",
        f"UBND {label}",
        "xa",
        u.code,
        u.province_code,
        parent=parent,
        place=bare,
    )
    kind = label.split()[0]
    centre = Agency(
        f"trung-tam-phuc-vu-hcc-{_slug(label)}-{u.code}",
        f"Trung tâm Phục vụ hành chính công {label}",
        f"Trung tâm Phục vụ hành chính công {kind}",
        "khac",
        u.code,
        u.province_code,
        parent=ubnd.id,
        place=bare,
    )
    return ubnd, centre


def agencies_for(n_plans: int, rng: random.Random) -> tuple[list[Agency], list[Agency], list[Agency]]:
    """Province, commune and centre agencies: enough communes for ~8 plans each."""
    from builder.content import localities

    units = list(localities._tables()[0].values())
    provinces = sorted((u for u in units if u.is_province), key=lambda u: u.code)
    n_prov = min(len(provinces), max(2, n_plans // 30))
    # Đà Nẵng (48), home of the seeds, is always in
    chosen = [p for p in provinces if p.code == "48"] + rng.sample(
        [p for p in provinces if p.code != "48"], n_prov - 1
    )
    chosen.sort(key=lambda u: u.code)
    wards_by_prov: dict[str, list] = {}
    for u in units:
        if not u.is_province:
            wards_by_prov.setdefault(u.province_code, []).append(u)
    n_comm = max(n_prov, n_plans // 8)
    prov_agencies = [_province_agency(p) for p in chosen]
    communes: list[Agency] = []
    centres: list[Agency] = []
    for i in range(n_comm):
        p = chosen[i % n_prov]
        pool = wards_by_prov[p.code]
        u = pool[(i // n_prov * 7 + i) % len(pool)]
        a, c = _commune_agencies(u, prov_agencies[i % n_prov].id)
        if any(x.id == a.id for x in communes):
            continue
        communes.append(a)
        centres.append(c)
    return prov_agencies, communes, centres


# -- plans ------------------------------------------------------------------------------------

DUE_PHRASES = [
    "Thường xuyên",
    "Quý III/2025",
    "Quý IV/2025",
    "Quý III, IV/2025",
    "Tháng 12/2025",
    "Tháng 9/2025",
    "Trước ngày 30/9/2025",
    "Trước ngày 15/12/2025",
    "Năm 2025",
    "Hằng quý",
    "Hằng tháng",
    "6 tháng cuối năm 2025",
    "Từ tháng 7 đến tháng 12/2025",
    "Trong năm 2025",
]
THEMES = [
    "triển khai thực hiện dân chủ ở cơ sở, công tác dân vận chính quyền năm 2025",
    "thực hiện công tác cải cách hành chính năm 2025",
    "tuyên truyền, phổ biến, giáo dục pháp luật năm 2025",
    "thực hiện phong trào thi đua “Dân vận khéo” năm 2025",
    "chuyển đổi số và phát triển chính quyền số năm 2025",
    "tiếp công dân, giải quyết khiếu nại, tố cáo năm 2025",
]


@dataclass
class GenPlan:
    i: int
    level: str  # tinh, xa, khac
    issuer: Agency
    number: str
    issued: dt.date
    theme: str
    slug: str
    parent: GenPlan | None = None
    fm: dict = field(default_factory=dict)
    body: str = ""

    @property
    def title(self) -> str:
        return f"Triển khai {self.theme}" if self.level != "tinh" else self.theme[0].upper() + self.theme[1:]


def _vn_date(d: dt.date) -> str:
    return (
        f"{d.day:02d}/{d.month:02d}/{d.year}" if d.day < 10 or d.month < 3 else f"{d.day}/{d.month}/{d.year}"
    )


def _doc_citation(d: dict) -> str:
    out = f"{d['type']} số {d['number']}"
    if d.get("date"):
        out += f" ngày {_vn_date(dt.date.fromisoformat(d['date']))}"
    if d.get("issuer"):
        out += f" của {d['issuer']}"
    if d.get("title"):
        out += f" {d['title']}"
    return out


def _plan_citation(p: GenPlan) -> str:
    return f"Kế hoạch số {p.number} ngày {_vn_date(p.issued)} của {p.issuer.short} về {p.theme}"


def _pick(rng: random.Random, xs: list, k: int) -> list:
    return rng.sample(xs, min(k, len(xs)))


def build_plans(n: int, seed: int = 2025) -> tuple[list[GenPlan], list[Agency], Material]:
    rng = random.Random(seed)
    mat = material()
    provs, communes, centres = agencies_for(n, rng)
    n_prov_plans = max(len(provs), n // 20)
    n_comm_plans = (n - n_prov_plans) // 2
    plans: list[GenPlan] = []
    by_prov: dict[str, list[GenPlan]] = {}
    by_issuer: dict[str, list[GenPlan]] = {}
    seq = 0
    taken = {d["key"] for d in mat.documents}

    def add(level: str, issuer: Agency, parent: GenPlan | None, lo: int, hi: int) -> GenPlan:
        nonlocal seq
        seq += 1
        while any(f"{seq}/{c}" in taken for c in ("KH-UBND", "KH-TTPVHCC")):
            seq += 1
        theme = parent.theme if parent else THEMES[seq % len(THEMES)]
        start = max(
            dt.date(YEAR, 1, 2) + dt.timedelta(days=lo),
            parent.issued + dt.timedelta(days=3) if parent else dt.date(YEAR, 1, 2),
        )
        issued = start + dt.timedelta(days=rng.randint(0, hi - lo))
        code = {"tinh": "KH-UBND", "xa": "KH-UBND", "khac": "KH-TTPVHCC"}[level]
        # one counter across the corpus: numbers stay unique, so every key is the number itself
        p = GenPlan(
            seq,
            level,
            issuer,
            f"{seq}/{code}",
            issued,
            theme,
            f"{_slug(theme)[:40]}-{issuer.id}-{seq}",
            parent,
        )
        plans.append(p)
        by_issuer.setdefault(issuer.id, []).append(p)
        if level == "tinh":
            by_prov.setdefault(issuer.province, []).append(p)
        return p

    for k in range(n_prov_plans):
        add("tinh", provs[k % len(provs)], None, 0, 60)
    comm_plans: list[GenPlan] = []
    for k in range(n_comm_plans):
        a = communes[k % len(communes)]
        comm_plans.append(add("xa", a, rng.choice(by_prov[a.province]), 60, 150))
    centre_of = {c.parent: c for c in centres}
    for k in range(n - len(plans)):
        parent = comm_plans[k % len(comm_plans)] if comm_plans else plans[k % len(plans)]
        add("khac", centre_of.get(parent.issuer.id, parent.issuer), parent, 150, 250)
    for p in plans:
        _fill(p, mat, rng)
    return plans, [*provs, *communes, *centres], mat


def _fill(p: GenPlan, mat: Material, rng: random.Random) -> None:
    docs = [d for d in mat.documents if d["national"] or p.issuer.province == "48"]
    cited = _pick(rng, docs, rng.randint(3, 7))
    lines: list[str] = []
    basis: list[dict] = []
    for d in cited[:3]:
        lines.append(f"Căn cứ {_doc_citation(d)};")
        basis.append({"ref": d["key"], "relation": "can-cu"})
    if p.parent:
        lines.append(f"Thực hiện {_plan_citation(p.parent)};")
        basis.append({"ref": p.parent.number, "relation": "thuc-hien"})
    lines.append(f"{p.issuer.short} ban hành Kế hoạch {p.theme}, cụ thể như sau:")
    out = ["\n\n".join(lines), "## I. MỤC ĐÍCH, YÊU CẦU", "### 1. Mục đích"]
    out += [f"{'abcdđe'[k]}) {t}" for k, t in enumerate(_pick(rng, mat.items, rng.randint(2, 4)))]
    out += ["### 2. Yêu cầu", *_pick(rng, mat.paragraphs, 2)]
    out.append("## II. NỘI DUNG THỰC HIỆN")
    notes: list[str] = []
    later = cited[3:] or cited
    for k, h in enumerate(_pick(rng, mat.headings, rng.randint(3, 6)), start=1):
        out.append(f"### {k}. {h}")
        paras = _pick(rng, mat.paragraphs, rng.randint(1, 3))
        if rng.random() < 0.6:
            d = later[(k - 1) % len(later)]
            notes.append(_doc_citation(d) + ".")
            paras[0] = f"{paras[0].rstrip('.')} theo {d['type']} số {d['number']}[^{len(notes)}]."
        out += paras
    out.append("## III. TỔ CHỨC THỰC HIỆN")
    out += [f"{k}. {t}" for k, t in enumerate(_pick(rng, mat.paragraphs, rng.randint(2, 3)), start=1)]
    out.append(
        f"Trên đây là Kế hoạch {p.theme} của {p.issuer.short}. Trong quá trình thực hiện, nếu có khó khăn, "
        "vướng mắc, các bộ phận kịp thời báo cáo để xem xét, giải quyết."
    )
    out += [f"[^{k}]: {t}" for k, t in enumerate(notes, start=1)]
    p.body = "\n\n".join(out) + "\n"
    rows = _pick(rng, mat.tasks, rng.randint(4, 12))
    tasks = []
    for k, (name, lead, partners, due) in enumerate(rows, start=1):
        t = {
            "id": str(k),
            "name": name,
            "lead": lead,
            "partners": partners or None,
            "due": due if rng.random() < 0.5 else rng.choice(DUE_PHRASES),
        }
        if rng.random() < 0.3:
            t["status"] = rng.choice(["chua-bat-dau", "dang-thuc-hien"])
        tasks.append({k2: v for k2, v in t.items() if v})
    signer = {
        "name": rng.choice(
            ["Nguyễn Văn An", "Trần Thị Bình", "Lê Công Đông", "Phạm Minh Châu", "Đặng Quang Vinh"]
        ),
        "position": "CHỦ TỊCH" if p.level != "khac" else "GIÁM ĐỐC",
    }
    if p.level != "khac":
        signer["authority"] = "TM. ỦY BAN NHÂN DÂN"
    p.fm = {
        "type": "Kế hoạch",
        "number": p.number,
        "issued": p.issued,
        "issuer": p.issuer.id,
        "place": p.issuer.place,
        "title": p.title,
        "period": {"start": p.issued, "end": dt.date(YEAR, 12, 31)},
        "status": "ban-hanh",
        "signer": signer,
        "recipients": ["Thường trực Đảng ủy", "Các phòng, ban liên quan", "Lưu: VT"],
        "basis": basis,
        "tasks": tasks,
    }


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # editors never write &anchors; nor do we
        return True


def _front(data: dict, body: str) -> str:
    head = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n\n{body}"


def write_project(out: Path, n: int, seed: int = 2025, git: bool = True) -> dict:
    """A full project folder (mkdocs.yml, overrides/, content/) with n generated plans."""
    plans, agencies, mat = build_plans(n, seed)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    for sub in ("ke-hoach/2025", "van-ban", "co-quan"):
        (content / sub).mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", out / "overrides")
    shutil.copy(ROOT / "content" / "index.md", content / "index.md")
    for a in agencies:
        data = {"name": a.name, "short_name": a.short, "level": a.level, "locality": a.locality}
        if a.parent:
            data["parent"] = a.parent
        (content / "co-quan" / f"{a.id}.md").write_text(_front(data, ""), encoding="utf-8")
    for d in mat.documents:
        data = {"number": d["number"], "type": d["type"]}
        if d.get("date"):
            data["issued"] = dt.date.fromisoformat(d["date"])
        if d.get("title"):
            data["title"] = d["title"]
        data["status"] = "còn hiệu lực"
        # every registry fact carries its source (DESIGN.md); here: the seeds' gold annotations
        data["sources"] = [
            {
                "facts": [f for f in ("number", "issued", "title", "status") if f in data],
                "where": "bench: tests/data/gold (chú thích các kế hoạch mẫu)",
            }
        ]
        (content / "van-ban" / f"{_slug(d['key'])}.md").write_text(_front(data, ""), encoding="utf-8")
    size = 0
    for p in plans:
        text = _front(p.fm, p.body)
        size += len(text.encode())
        (content / "ke-hoach" / "2025" / f"{p.slug}.md").write_text(text, encoding="utf-8")
    if git:  # a site is a git repository: history feeds first-published dates
        env = GIT_ENV
        subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, env=env)
        subprocess.run(["git", "-C", str(out), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(out), "commit", "-q", "-m", "corpus"], check=True, env=env)
    return {
        "plans": len(plans),
        "agencies": len(agencies),
        "documents": len(mat.documents),
        "bytes": size,
        "example": f"content/ke-hoach/2025/{plans[-1].slug}.md",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--no-git", action="store_true")
    a = ap.parse_args(argv)
    out = a.output or ROOT / "bench" / "out" / f"corpus-{a.n}"
    info = write_project(out, a.n, a.seed, git=not a.no_git)
    print(f"{out}: {info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
