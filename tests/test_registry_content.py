"""The registry (content/van-ban/) and the agencies (content/co-quan/) against the seeds' gold.

Gold is read at test time: every document the five seeds cite must have exactly one registry
entry with the gold key, type, number and date; every issuer must be a known agency with a
locality that the official list resolves; names printed in the seeds' task tables must find
their agency.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from builder import validate
from builder.analysis.state import Derived
from builder.base.text import match_form
from builder.base.urls import url_slug
from builder.content import corpus as corpus_mod
from builder.content import localities
from builder.content.keys import canonical_number
from tests.conftest import GOLD, ROOT, SEEDS

# Seed 001 itself: plans link it through `cited_as`, so it has no registry entry.
SELF_CITED = "16/KH-UBND@ubnd-phuong-hoa-xuan-2025"
SPLIT = dt.date(2025, 7, 1)  # two-level local government (DOMAIN §4)
# DOMAIN.md §1.4 gazetteer: laws cited by name only.
GAZETTEER = {
    "luat-thuc-hien-dan-chu-o-co-so": "10/2022/QH15",
    "luat-khieu-nai": "02/2011/QH13",
    "luat-to-cao": "25/2018/QH14",
    "luat-tiep-cong-dan": "42/2013/QH13",
    "bo-luat-lao-dong": "45/2019/QH14",
    "nghi-quyet-tw4-khoa-xii": "04-NQ/TW",
}
# The five plans' issuers (the ids content/ke-hoach uses).
PLAN_ISSUERS = {
    "trung-tam-phuc-vu-hcc-phuong-hoa-xuan": "20314",
    "ubnd-phuong-hoa-xuan": "20314",
    "ubnd-xa-dai-son-hai-phong": "11086",
    "van-phong-ubnd-tp-can-tho": "92",
    "so-xay-dung-da-nang": None,  # pre-merger body: legacy locality only
}


def _gold() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in sorted(GOLD.glob("*.yaml")):
        for c in yaml.safe_load(f.read_text(encoding="utf-8"))["citations"]:
            out.setdefault(c["key"], []).append({**c, "seed": f.stem})
    return out


GOLD_CITES = _gold()
GOLD_KEYS = sorted(k for k in GOLD_CITES if k != SELF_CITED)


def _agreed(key: str, field: str) -> str | None:
    """The value the seeds give for a field; they must not disagree on number, type or date."""
    values = {c[field] for c in GOLD_CITES[key] if c[field] is not None}
    assert len(values) <= 1, f"gold disagrees on {field} of {key}: {values}"
    return next(iter(values), None)


@pytest.fixture(scope="module")
def corpus() -> corpus_mod.Corpus:
    return corpus_mod.load(ROOT)


@pytest.fixture(scope="module")
def docs_by_key(corpus: corpus_mod.Corpus) -> dict[str, list[corpus_mod.DocumentRecord]]:
    out: dict[str, list[corpus_mod.DocumentRecord]] = {}
    for r in corpus.documents:
        out.setdefault(r.key, []).append(r)
    return out


def _province(ag) -> str | None:
    code = ag.locality or (ag.legacy_locality.successor if ag.legacy_locality else None)
    unit = localities.resolve(code)[0] if code else None
    return unit.province_code if unit else None


# -- registry ------------------------------------------------------------------------------


def test_registry_loads_without_schema_errors(corpus: corpus_mod.Corpus) -> None:
    mine = [d for d in corpus.diagnostics if d.file.startswith(("content/van-ban/", "content/co-quan/"))]
    assert mine == []
    files = sorted((ROOT / "content" / "van-ban").glob("*.md"))
    assert len(corpus.documents) == len(files), "a registry file failed to load"
    assert len(GOLD_KEYS) >= 50  # the gold itself was read


@pytest.mark.parametrize("key", GOLD_KEYS)
def test_gold_document_has_one_entry(key: str, docs_by_key: dict) -> None:
    recs = docs_by_key.get(key, [])
    assert len(recs) == 1, f"{key}: {len(recs)} registry entries"
    doc = recs[0].doc
    # "Bộ Luật" (as printed in 004) and "Bộ luật" are the same type word
    assert doc.type.casefold() == _agreed(key, "type").casefold()
    # a number or date the seeds print differently from the document (11-QĐ/TW for 11-QĐi/TW,
    # 28/6/2021 for 28/8/2021) is recorded as `cited_as`, so that the citation still resolves
    printed = {(canonical_number(c.number), c.issued) for c in doc.cited_as}
    if number := _agreed(key, "number"):
        assert canonical_number(doc.number or "") == number or number in {n for n, _ in printed}
    if date := _agreed(key, "date"):
        assert doc.issued == dt.date.fromisoformat(date) or dt.date.fromisoformat(date) in {
            d for _, d in printed
        }
    if key in GAZETTEER:
        assert doc.number == GAZETTEER[key]
    assert recs[0].path == f"content/van-ban/{url_slug(key)}.md"


def test_self_cited_plan_has_no_registry_entry(docs_by_key: dict) -> None:
    assert SELF_CITED not in docs_by_key
    assert "16/KH-UBND" not in docs_by_key  # a bare key would swallow both plans of that number


def test_registry_holds_only_cited_documents(corpus: corpus_mod.Corpus) -> None:
    """The cited documents, and the acts that amend or replace one of them (issue 13: entered
    with the facts their sources give, so that the cited document's page and the point-in-time
    check can name them)."""
    keys = {r.key for r in corpus.documents}
    assert set(GOLD_KEYS) <= keys
    for r in corpus.documents:
        if r.key in GOLD_KEYS:
            continue
        related = {x.ref for x in r.doc.relations} | {
            o.key
            for o in corpus.documents
            if o.doc.replaced_by == r.key or r.key in {x.ref for x in o.doc.relations}
        }
        assert related & set(GOLD_KEYS), f"{r.key} is neither cited nor related to a cited document"


def test_shared_numbers_are_told_apart_by_explicit_keys(corpus: corpus_mod.Corpus) -> None:
    by_number: dict[str, list[corpus_mod.DocumentRecord]] = {}
    for r in corpus.documents:
        if r.doc.number:
            by_number.setdefault(canonical_number(r.doc.number), []).append(r)
    # numbers that also name another document (seed 001's plan, other provinces' directives)
    for number in ("16/KH-UBND", "17-CT/TU"):
        recs = by_number.get(number, [])
        assert recs, number
        for r in recs:
            assert "key" in r.src.data and "@" in r.key, f"{r.path} needs an explicit key"
            if r.doc.issued:  # "@issuer-year"
                assert r.key.endswith(f"-{r.doc.issued.year}"), r.key
            assert r.key != SELF_CITED
    for number, recs in by_number.items():
        if len(recs) > 1:
            assert all("key" in r.src.data for r in recs), number


def test_no_two_entries_fold_to_one_url(corpus: corpus_mod.Corpus) -> None:
    slugs = [url_slug(r.key) for r in corpus.documents]
    assert len(slugs) == len(set(slugs))
    errors = [
        d for d in validate.rules.rule_unique_keys(corpus, Derived()) if d.file.startswith("content/van-ban/")
    ]
    assert errors == []


def test_numbers_are_well_formed(corpus: corpus_mod.Corpus) -> None:
    mine = [
        d
        for d in validate.rules.rule_numbers_and_dates(corpus, Derived())
        if d.file.startswith("content/van-ban/")
    ]
    assert mine == []  # CK033: every number has one of the three official shapes


def _seed_lines(stem: str) -> list[str]:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def _seed_text(stem: str) -> str:
    return _norm(" ".join(_seed_lines(stem)))


def _norm(s: str) -> str:
    s = re.sub(r"<[^>]+>", " ", s)  # <sup>, <b> in 001
    return re.sub(r"\s*-\s*", "-", match_form(s))


def test_documents_cited_by_name_have_an_alias_at_every_mention(docs_by_key: dict) -> None:
    """A name-only citation is found through `aliases`: each printed mention must match one."""
    for key in GOLD_KEYS:
        if _agreed(key, "number") and key not in GAZETTEER:
            continue
        aliases = [_norm(a) for a in docs_by_key[key][0].doc.aliases]
        for cite in GOLD_CITES[key]:
            lines = _seed_lines(cite["seed"])
            for at in cite["at"]:
                if at["inside"]:
                    continue  # named inside another document's trích yếu
                window = _norm(" ".join(lines[at["line"] - 1 : at["line"] + 6]))
                assert any(a in window for a in aliases), f"{key}: no alias at {cite['seed']}:{at['line']}"


def test_issuer_existed_on_the_date_of_issue(corpus: corpus_mod.Corpus) -> None:
    """DOMAIN §1.5.6: before 1/7/2025 the pre-merger city is the issuer, after it the new one."""
    for r in corpus.documents:
        doc = r.doc
        if not (doc.issued and doc.issuer):
            continue
        ag = corpus.agencies[doc.issuer].agency
        assert not (ag.valid_from and doc.issued < ag.valid_from), (r.key, doc.issuer)
        assert not (ag.valid_until and doc.issued > ag.valid_until), (r.key, doc.issuer)
    assert corpus.by_key()["36/KH-UBND"].doc.issuer == "ubnd-tp-da-nang-truoc-2025"
    assert corpus.by_key()["01/CT-UBND"].doc.issuer == "ubnd-tp-da-nang"
    assert corpus.by_key()["24/CT-UBND"].doc.issuer == "ubnd-tinh-hai-duong"


# -- agencies ------------------------------------------------------------------------------


def test_every_issuer_is_an_agency(corpus: corpus_mod.Corpus) -> None:
    issuers = {r.doc.issuer for r in corpus.documents if r.doc.issuer}
    issuers |= {r.plan.issuer for r in corpus.plans if r.plan}
    assert issuers - set(corpus.agencies) == set()
    assert set(PLAN_ISSUERS) <= set(corpus.agencies)
    refs = [d for d in validate.rules.rule_references(corpus, Derived()) if d.code == "CK051"]
    assert refs == []


def test_agency_localities_resolve(corpus: corpus_mod.Corpus) -> None:
    assert list(validate.rules.rule_localities(corpus, Derived())) == []
    for aid, rec in corpus.agencies.items():
        ag = rec.agency
        if ag.level == "trung-uong":
            assert ag.locality is None and ag.legacy_locality is None, aid
            continue
        assert ag.locality or ag.legacy_locality, aid
        if ag.locality:
            assert localities.resolve(ag.locality)[0] is not None, aid
        if ag.legacy_locality:
            assert localities.resolve(ag.legacy_locality.successor)[0] is not None, aid
            assert ag.valid_until is not None and ag.valid_until < SPLIT, aid
        if ag.successor:
            assert ag.successor in corpus.agencies, aid


def test_plan_issuers_sit_in_their_seed_locality(corpus: corpus_mod.Corpus) -> None:
    for aid, code in PLAN_ISSUERS.items():
        ag = corpus.agencies[aid].agency
        assert ag.locality == code, aid
    dai_son = localities.resolve(corpus.agencies["ubnd-xa-dai-son-hai-phong"].agency.locality)[0]
    assert dai_son.province_code == "31"  # Hải Phòng's Đại Sơn, not Bắc Ninh's
    sxd = corpus.agencies["so-xay-dung-da-nang"].agency
    assert sxd.legacy_locality.successor == "48" and sxd.valid_until == dt.date(2025, 6, 30)


# Printed names of lead, partner and directing bodies (tasks of 001–004) → agency.
TASK_NAMES = {
    "48": {
        "Phòng VH-XH": "phong-van-hoa-xa-hoi-phuong-hoa-xuan",
        "Phòng Văn hóa - Xã hội phường": "phong-van-hoa-xa-hoi-phuong-hoa-xuan",
        "Trung tâm Phục vụ hành chính công phường": "trung-tam-phuc-vu-hcc-phuong-hoa-xuan",
        "UBND phường": "ubnd-phuong-hoa-xuan",
        "Văn phòng Sở": "van-phong-so-xay-dung-da-nang",
        "Tổ chuyển đổi số ngành Xây dựng": "to-chuyen-doi-so-nganh-xay-dung-da-nang",
    },
    "31": {
        "Phòng Văn hóa- Xã hội": "phong-van-hoa-xa-hoi-xa-dai-son",
        "Phòng Văn hóa- Xã hôi": "phong-van-hoa-xa-hoi-xa-dai-son",  # typo as printed in 002
        "Văn phòng HĐND&UBND xã": "van-phong-hdnd-ubnd-xa-dai-son",
        "Văn phòng HĐND& UBND xã": "van-phong-hdnd-ubnd-xa-dai-son",
        "Phòng Kinh tế": "phong-kinh-te-xa-dai-son",
        "Trung tâm Văn hóa, Thể thao và Truyền thông": "trung-tam-vhtt-tt-xa-dai-son",
        "Trung tâm Phục vụ hành chính công": "trung-tam-phuc-vu-hcc-xa-dai-son",
        "Công an xã": "cong-an-xa-dai-son",
        "UBND xã": "ubnd-xa-dai-son-hai-phong",
    },
    "92": {
        "Ban Tiếp công dân thành phố": "ban-tiep-cong-dan-tp-can-tho",
        "Trung tâm Phục vụ hành chính công thành phố Cần Thơ": "trung-tam-phuc-vu-hcc-tp-can-tho",
        "Phòng Kiểm soát thủ tục hành chính": "phong-kiem-soat-tthc-vp-ubnd-tp-can-tho",
        "Phòng Hành chính - Tổ chức": "phong-hanh-chinh-to-chuc-vp-ubnd-tp-can-tho",
        "Trung tâm Điều hành đô thị thông minh Cần Thơ": "trung-tam-dieu-hanh-do-thi-thong-minh-can-tho",
        "Trung tâm Điều hành Đô thị thông minh Cần Thơ": "trung-tam-dieu-hanh-do-thi-thong-minh-can-tho",
        "Phòng Khoa giáo - Văn xã": "phong-khoa-giao-van-xa-vp-ubnd-tp-can-tho",
        "Phòng Nội chính": "phong-noi-chinh-vp-ubnd-tp-can-tho",
        "Phòng Quản trị - Tài vụ": "phong-quan-tri-tai-vu-vp-ubnd-tp-can-tho",
        "Công đoàn Văn phòng": "cong-doan-van-phong-ubnd-tp-can-tho",
    },
}


@pytest.mark.parametrize(
    ("province", "name", "expected"), [(p, n, a) for p, names in TASK_NAMES.items() for n, a in names.items()]
)
def test_printed_task_bodies_find_their_agency(
    corpus: corpus_mod.Corpus, province: str, name: str, expected: str
) -> None:
    """Within the plan's province, a printed name matches the aliases of exactly one current agency."""
    hits = set()
    for aid, rec in corpus.agencies.items():
        ag = rec.agency
        if _province(ag) != province:
            continue
        if match_form(name) in {match_form(a) for a in [ag.name, ag.short_name or "", *ag.aliases]}:
            hits.add(aid)
    assert hits == {expected}


def test_seed_task_names_are_printed_in_the_seeds() -> None:
    text = " ".join(_seed_text(p.stem) for p in SEEDS.glob("*.txt"))
    for names in TASK_NAMES.values():
        for name in names:
            assert _norm(name) in text, name


def test_agency_files_carry_the_schema_comment() -> None:
    for kind in ("van-ban", "co-quan"):
        for f in (ROOT / "content" / kind).glob("*.md"):
            lines = f.read_text(encoding="utf-8").splitlines()
            assert (
                lines[0] == "---"
                and lines[1] == f"# yaml-language-server: $schema=../../builder/schemas/{kind}.schema.json"
            ), f
            assert Path(f).stem == Path(f).stem.lower()
