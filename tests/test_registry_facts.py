"""The registry (content/van-ban/) against the facts compiled for it (tests/data/registry-facts/):
every fact in content carries a source, agrees with the compiled facts, the corrections they record
are made, nothing they leave empty was filled, and no address was made up.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from builder import flow
from builder.base.text import match_form, quote_form
from builder.base.urls import document_url
from builder.content import corpus as corpus_mod
from builder.content.model import SOURCED_FACTS
from tests.conftest import DATA, ROOT

FACTS_FILE = DATA / "registry-facts" / "registry-facts.yaml"
FACTS = {e["key"]: e for e in yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))}
FACTS_TEXT = FACTS_FILE.read_text(encoding="utf-8")
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def corpus() -> corpus_mod.Corpus:
    return corpus_mod.load(ROOT)


@pytest.fixture(scope="module")
def docs(corpus: corpus_mod.Corpus) -> dict[str, corpus_mod.DocumentRecord]:
    return {r.key: r for r in corpus.documents}


def test_the_facts_file_covers_the_registry_it_was_compiled_for(docs: dict) -> None:
    assert len(FACTS) == 55
    assert set(FACTS) <= set(docs)


def test_every_fact_has_a_source_and_the_validator_agrees(corpus: corpus_mod.Corpus) -> None:
    for r in corpus.documents:
        d = r.doc
        missing = [f for f in SOURCED_FACTS if d.has(f) and not d.sourced(f)]
        assert not missing, f"{r.path}: {missing} without a source"
        for s in d.sources:
            assert s.url or s.file or s.where, r.path
    derived = flow.run(corpus, validate=False)
    registry = [d for d in derived.diagnostics if d.code in ("CK120", "CK121", "CK122", "CK123", "CK124")]
    assert registry == []


def test_dates_agree_with_the_compiled_facts(docs: dict) -> None:
    for key, fx in FACTS.items():
        d = docs[key].doc
        for field in ("issued", "effective"):
            if fx.get(field):
                assert getattr(d, field) == D(fx[field]), (key, field)
            elif getattr(d, field):
                # not found by the compilers: only what a plan of this site prints, with that plan as source
                srcs = d.sources_of(field)
                assert srcs and all(s.file and s.file.startswith("content/ke-hoach/") for s in srcs), (
                    key,
                    field,
                )


def test_nothing_the_facts_leave_empty_was_filled(docs: dict) -> None:
    for key, fx in FACTS.items():
        d = docs[key].doc
        if fx.get("effective") is None:
            assert d.effective is None, key
        if fx.get("status") is None:
            assert d.status is None, key
        if fx.get("source_url") is None:
            assert d.source_url is None, key
        if fx.get("signer") is None and not (fx.get("issuer_full") or "").count("người ký"):
            assert d.signer is None, key


def test_corrections_are_made_with_the_old_form_kept(docs: dict) -> None:
    # 2870/QĐ-UBND was signed on 28/8/2021; the plans print 28/6/2021, which still resolves
    q = docs["2870/QĐ-UBND"].doc
    assert q.issued == dt.date(2021, 8, 28)
    assert [(c.number, c.issued) for c in q.cited_as] == [("2870/QĐ-UBND", dt.date(2021, 6, 28))]
    # the Party symbol is 11-QĐi/TW: the number is corrected, the key (and so the URL) is not
    r = docs["11-QĐ/TW"]
    assert r.doc.number == "11-QĐi/TW" and r.key == "11-QĐ/TW"
    assert r.url == document_url("11-QĐ/TW") == "van-ban/11-qd-tw/"
    assert "11-QĐ/TW" in {c.number for c in r.doc.cited_as}
    assert r.doc.title and r.doc.title.endswith("kiến nghị của dân")
    # documents the compilers found undated in the registry now carry their date
    for key, date in {
        "02-KH/BCĐTW": "2025-06-19",
        "118/2025/NĐ-CP": "2025-06-09",
        "bo-luat-lao-dong": "2019-11-20",
        "luat-khieu-nai": "2011-11-11",
        "luat-tiep-cong-dan": "2013-11-25",
        "luat-to-cao": "2018-06-12",
    }.items():
        assert docs[key].doc.issued == D(date), key
    # a date nobody could source was removed rather than kept (Nghị quyết Trung ương 4 khóa XII)
    assert docs["nghi-quyet-tw4-khoa-xii"].doc.issued is None


def test_the_old_forms_still_resolve(corpus: corpus_mod.Corpus) -> None:
    derived = flow.run(corpus, validate=False)
    cits = [c for cs in derived.citations.values() for c in cs]
    assert any(c.number == "11-QĐ/TW" and c.resolved and c.target == "11-QĐ/TW" for c in cits)
    old = [c for c in cits if c.number == "2870/QĐ-UBND"]
    assert old and all(c.resolved and c.target == "2870/QĐ-UBND" for c in old)
    assert not [d for d in derived.diagnostics if d.code == "CK080"]


def test_titles_follow_the_sources(docs: dict) -> None:
    for key, fx in FACTS.items():
        if fx.get("title"):
            assert match_form(docs[key].doc.title or "") == match_form(fx["title"]), key


def test_inferences_are_marked_as_such(docs: dict) -> None:
    for key, fx in FACTS.items():
        conf = str(fx.get("status_confidence") or "")
        d = docs[key].doc
        if d.status and "còn hiệu lực: inferred" in conf.replace("“", "").replace("”", ""):
            assert d.inferred("status"), key
    xiii = docs["nghi-quyet-dai-hoi-xiii"].doc
    assert xiii.issued == dt.date(2021, 2, 1) and xiii.inferred("issued")  # the Congress's last day


def test_no_address_was_made_up(corpus: corpus_mod.Corpus) -> None:
    """Every URL in the registry was seen verbatim in the compiled sources (never built from a
    pattern): the official copy, the reference copies and every source's page."""
    for r in corpus.documents:
        d = r.doc
        urls = [str(u) for u in (d.source_url, *(c.url for c in d.copies)) if u]
        urls += [str(u) for s in d.sources for u in (s.url, s.via) if u]
        for u in urls:
            assert u in FACTS_TEXT or u.replace("%3D", "=") in FACTS_TEXT, f"{r.path}: {u}"


def test_plan_sources_quote_the_plan(corpus: corpus_mod.Corpus) -> None:
    texts = {r.path: quote_form(r.src.text) for r in corpus.plans}
    n = 0
    for r in corpus.documents:
        for s in r.doc.sources:
            if s.file:
                assert s.file in texts, (r.path, s.file)
                assert s.quote and quote_form(s.quote) in texts[s.file], (r.path, s.quote)
                n += 1
    assert n >= 40  # most of the registry's numbers and dates come from the plans that cite them


def test_amending_acts_carry_only_what_their_sources_give(docs: dict) -> None:
    law136 = docs["136/2025/QH15"].doc
    assert law136.issued == dt.date(2025, 12, 10) and law136.effective == dt.date(2026, 7, 1)
    assert {x.ref for x in law136.relations} == {"luat-tiep-cong-dan", "luat-khieu-nai", "luat-to-cao"}
    law97 = docs["97/2025/QH15"].doc
    assert law97.effective == dt.date(2025, 7, 1)
    assert [x.ref for x in law97.relations] == ["luat-thuc-hien-dan-chu-o-co-so"]
    nd367 = docs["367/2025/NĐ-CP"].doc
    assert nd367.issued == dt.date(2025, 12, 31) and nd367.effective is None and nd367.title is None
    assert [x.ref for x in nd367.relations] == ["118/2025/NĐ-CP"]
    for key in ("47/2024/QH15", "81/2025/QH15"):  # known only by their numbers
        d = docs[key].doc
        assert d.issued is None and d.effective is None and d.title is None, key
    # the Politburo's conclusion 215: no number or date in any source, so none here
    kl = docs["ket-luan-215-bo-chinh-tri"].doc
    assert kl.number is None and kl.issued is None
    assert [x.ref for x in kl.relations] == ["11-QĐ/TW"]


def test_the_compiled_facts_keep_their_sources_in_the_entries(docs: dict) -> None:
    """A date brought in from the compiled file is backed, in the entry, by one of that file's
    sources for it (a repository path or a page address), not only by the plans."""
    for key, fx in FACTS.items():
        d = docs[key].doc
        wheres = " ".join(f"{s.url or ''} {s.via or ''} {s.where or ''}" for s in d.sources)
        compiled = [_where(s) for s in fx.get("sources") or []]
        for fact in ("issued", "effective"):
            if not fx.get(fact) or getattr(d, fact) is None:
                continue
            backing = [s for s in d.sources_of(fact) if not s.file]
            assert backing, (key, fact)
            assert any(w in wheres for w in compiled), (key, fact)


def _where(s: dict) -> str:
    m = re.match(r"web page (\S+)$", s["source"])
    if m:
        return m.group(1)
    m = re.match(r"repository \S+?@\w+\s+HEAD:(\S+)", s["source"])
    return m.group(1) if m else s["source"]


def test_facts_file_is_the_copy_described_in_the_readme() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "registry-facts/" in readme and "registry-facts.yaml" in readme
    assert Path(DATA / "registry-facts" / "registry-facts.md").is_file()


def test_validating_one_entry_checks_its_quotes_against_the_plans(capsys: pytest.CaptureFixture[str]) -> None:
    """`congkhai validate FILE` holds the other plans as stubs: their text is read for the quote."""
    from builder.cli import main

    code = main(["--project", str(ROOT), "validate", "content/van-ban/59-2023-nd-cp.md"])
    out = capsys.readouterr().out
    assert code == 0 and "CK123" not in out and "CK120" not in out
