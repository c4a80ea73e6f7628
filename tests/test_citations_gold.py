"""The five seeds against the hand-made gold citations (tests/data/gold, see its README).

Comparison at the level of documents (one entry per distinct cited document, fields merged
from all its mentions, as in the gold files). `borderline: true` entries (local plans described
without number, elliptical references) are excluded from the strict comparison: finding them
is neither required nor counted as an extra. `nested_only` documents (cited only inside another
document's trích yếu) are real citations and are required.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from builder.citations import find_citations
from builder.citations.find import finder
from builder.citations.resolve import Context, build_index, issuer_form, merge, resolve
from builder.content import corpus as corpus_mod
from tests.conftest import DATA, GOLD, ROOT

GOLD_FILES = sorted(GOLD.glob("*.yaml"))


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_corpus():
    c = corpus_mod.load(ROOT)
    return c, build_index(c)


def _compare(gold: dict, cits, with_corpus: bool) -> tuple[list, list, list]:
    docs = merge(cits)
    expected, borderline = {}, set()
    for g in gold["citations"]:
        # without a registry, a number shared by two issuers keeps its bare number as key
        key = g["key"] if (with_corpus or not g["number"]) else g["number"]
        if g.get("borderline"):
            borderline.add(key)
        else:
            expected[key] = g
    missing = sorted(k for k in expected if k not in docs)
    extra = sorted(k for k in docs if k not in expected and k not in borderline)
    wrong = []
    for k, g in expected.items():
        d = docs.get(k)
        if d is None:
            continue
        pairs = {
            "type": ((d["type"] or "").casefold(), (g["type"] or "").casefold()),
            "number": (d["number"], g["number"]),
            "date": (d["date"], g["date"]),
            "issuer": (issuer_form(d["issuer"] or ""), issuer_form(g["issuer"] or "")),
        }
        wrong += [(k, f, got, want) for f, (got, want) in pairs.items() if got != want]
    return missing, extra, wrong


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_gold_without_corpus(gold_file: Path) -> None:
    gold = _gold(gold_file)
    text = (DATA / gold["source_file"]).read_text(encoding="utf-8")
    cits = resolve(find_citations(text), None)
    missing, extra, wrong = _compare(gold, cits, with_corpus=False)
    assert (missing, extra, wrong) == ([], [], [])
    # every mention the gold lists (on its line) is found, borderline ones aside
    lines = {c.line for c in cits}
    lost = [
        (g["key"], a["line"])
        for g in gold["citations"]
        if not g.get("borderline")
        for a in g["at"]
        if a["line"] not in lines
    ]
    assert lost == []


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_gold_with_registry(gold_file: Path, real_corpus) -> None:
    corpus, idx = real_corpus
    if not corpus.documents:
        pytest.fail("content/van-ban/ is empty: the registry is part of this test")
    gold = _gold(gold_file)
    text = (DATA / gold["source_file"]).read_text(encoding="utf-8")
    titles = {r.plan.title: r for r in corpus.plans if r.plan}
    best = difflib.get_close_matches(gold["plan"]["title"], list(titles), n=1, cutoff=0.3)
    assert best, "the seed's plan is published in content/ke-hoach/"
    rec = titles[best[0]]
    cits = finder(idx.aliases).find(text)
    resolve(cits, idx, Context(issuer=rec.plan.issuer, key=rec.key, url=rec.url))
    missing, extra, wrong = _compare(gold, cits, with_corpus=True)
    assert (missing, extra, wrong) == ([], [], [])
    unresolved = sorted({c.key for c in cits if not c.resolved})
    assert unresolved == []


def test_same_number_two_documents(real_corpus) -> None:
    """16/KH-UBND of the ward (21/7/2025, cited by 000) and of the commune (31/7/2025, cited by 002)."""
    _, idx = real_corpus
    by_seed = {}
    for seed in ("000", "002"):
        text = next((DATA / "seeds").glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
        cits = resolve(finder(idx.aliases).find(text), idx, Context())
        by_seed[seed] = {c.key for c in cits if c.number == "16/KH-UBND"}
    assert by_seed["000"] == {"16/KH-UBND@ubnd-phuong-hoa-xuan-2025"}
    assert by_seed["002"] == {"16/KH-UBND@ubnd-xa-dai-son-2025"}
