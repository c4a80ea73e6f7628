"""The five seed plans are published faithfully in content/ke-hoach/.

Each plan file was made by hand from a PDF-extracted seed (tests/conftest.py: SEEDS) and is
checked here against the seed text and the hand-made gold annotations (GOLD), read at test
time: nothing the reader would notice may be lost, and no PDF junk may remain.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
import yaml

from builder.content.frontmatter import read as read_source
from builder.content.model import Plan
from tests.conftest import GOLD, ROOT, SEEDS

PLANS = {
    "000_009aaaf9865286c3": "ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-trung-tam-hcc-hoa-xuan.md",
    "001_cc86bcacc8aa60b5": "ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan.md",
    "002_370019b44abf7e3f": "ke-hoach/2025/dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son.md",
    "003_09b59354594bcf64": "ke-hoach/2025/quy-che-dan-chu-dan-van-2025-van-phong-ubnd-can-tho.md",
    "004_f49c17f0bd443b40": "ke-hoach/2024/dan-chu-co-so-dan-van-2024-so-xay-dung-da-nang.md",
}
# Inline task blocks (no appendix table) counted by hand: 003 §II, 004 §III.
INLINE_TASKS = {"003_09b59354594bcf64": 9, "004_f49c17f0bd443b40": 5}
MIN_COVERAGE = 0.95

_WORD = re.compile(r"\w+")


_TAG = re.compile(r"</?(?:sup|b)>")  # markup of the 001 export, not words of the plan


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(_TAG.sub(" ", unicodedata.normalize("NFC", text)).casefold()))


def coverage(seed: str, plan: str) -> float:
    """Share of the seed's words (as a multiset) that the plan file contains."""
    want, have = _words(seed), _words(plan)
    return sum(min(n, have[w]) for w, n in want.items()) / sum(want.values())


def _load(stem: str):
    path = ROOT / "content" / PLANS[stem]
    src = read_source(ROOT, path)
    assert src.ok, src.diagnostics
    return path, src, Plan.model_validate(src.data)


def _gold(stem: str) -> dict:
    return yaml.safe_load((GOLD / f"{stem}.yaml").read_text(encoding="utf-8"))["plan"]


@pytest.fixture(params=sorted(PLANS), scope="module")
def seed(request) -> str:
    return request.param


def test_every_seed_has_a_plan() -> None:
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == sorted(PLANS)


def test_plan_keeps_the_seed_words(seed: str) -> None:
    path, _, _ = _load(seed)
    seed_text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    got = coverage(seed_text, path.read_text(encoding="utf-8"))
    assert got >= MIN_COVERAGE, f"{seed}: {got:.2%} of the seed's words"


def test_front_matter_matches_gold(seed: str) -> None:
    _, _, plan = _load(seed)
    gold = _gold(seed)
    assert plan.title == gold["title"]
    assert plan.signer is not None
    assert (plan.signer.name, plan.signer.position) == (gold["signer_name"], gold["signer_title"])
    assert plan.recipients == gold["recipients"]
    assert plan.recipients[-1].startswith("Lưu:")
    expected = gold["appendix"]["task_rows"] if gold["appendix"]["present"] else INLINE_TASKS.get(seed, 0)
    assert len(plan.tasks) == expected
    assert len({t.id for t in plan.tasks}) == len(plan.tasks)


def test_appendix_task_ids_are_the_printed_numbers() -> None:
    for stem in ("001_cc86bcacc8aa60b5", "002_370019b44abf7e3f"):
        _, _, plan = _load(stem)
        assert [t.id for t in plan.tasks] == [str(i) for i in range(1, len(plan.tasks) + 1)]


@pytest.mark.parametrize(
    ("stem", "header_end"),
    [
        ("001_cc86bcacc8aa60b5", "<b>Thời gian thực hiện</b>"),
        ("002_370019b44abf7e3f", "Sản phẩm"),
    ],
)
def test_appendix_tasks_hold_exactly_the_table_words(stem: str, header_end: str) -> None:
    """The flattened table (after its header row, up to the end of the seed) is all in `tasks`."""
    seed_text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    table = seed_text.split(header_end, 1)[1]
    _, _, plan = _load(stem)
    cells = [v for t in plan.tasks for v in (t.id, t.name, t.lead, t.partners, t.due, t.output) if v]
    assert _words(table) == _words(" ".join(cells))


def test_no_pdf_junk_left(seed: str) -> None:
    _, src, _ = _load(seed)
    body = src.body
    lone_numbers = [ln for ln in body.splitlines() if re.fullmatch(r"\s*\d{1,3}\s*", ln)]
    assert lone_numbers == []
    assert "khanhn4" not in body and not re.search(r"^\s*(kh|an|hn|4-)\s*$", body, re.M)
    assert not re.search(r"</?(sup|b)>", src.text)
    assert "****" not in body
    # Hard wraps rejoined: no paragraph line ends in the middle of a word pair like "quản" / "lý".
    assert "quản\n" not in body and "HĐND\n" not in body
    markers = set(re.findall(r"\[\^(\w+)\](?!:)", body))
    definitions = set(re.findall(r"^\[\^(\w+)\]:", body, re.M))
    assert markers == definitions


def test_footnotes_are_where_the_seed_puts_them() -> None:
    _, src, _ = _load("001_cc86bcacc8aa60b5")
    assert "của HĐND thành phố sâu rộng" in src.body
    assert "Nghị định số 59/2023/NĐ-CP của Chính phủ[^1];" in src.body
    assert len(re.findall(r"^\[\^\d+\]:", src.body, re.M)) == 12
    _, src, _ = _load("004_f49c17f0bd443b40")
    assert "phạm vi quản lý; xử lý nghiêm" in src.body
    assert "thỏa ước lao động tập thể" in src.body
    assert len(re.findall(r"^\[\^\d+\]:", src.body, re.M)) == 13
    _, src, _ = _load("003_09b59354594bcf64")
    assert "Văn phòng Ủy ban nhân dân thành phố[^1] ban hành" in src.body


def test_the_documents_own_slips_are_kept() -> None:
    _, src, _ = _load("000_009aaaf9865286c3")
    section = src.body.split("### 1. Mục đích", 1)[1].split("### 2. Yêu cầu", 1)[0]
    assert len(re.findall(r"^c\) ", section, re.M)) == 2
    _, src, _ = _load("001_cc86bcacc8aa60b5")
    section = src.body.split("## III.", 1)[1]
    assert len(re.findall(r"^### 5\. ", section, re.M)) == 2
    purpose = src.body.split("### 1. Mục đích", 1)[1].split("### 2. Yêu cầu", 1)[0]
    assert len(re.findall(r"^d\) ", purpose, re.M)) == 2
    assert "chính đôn Đảng" in src.body and "CBCCVN - NLĐ" in src.body
    _, src, _ = _load("002_370019b44abf7e3f")
    assert "PHỤC LỤC" in src.body
    _, src, _ = _load("004_f49c17f0bd443b40")
    assert "phòng, bam, đơn vị" in src.body


def test_bodies_render_as_the_document_reads(seed: str) -> None:
    """Numbered paragraphs stay paragraphs (not renumbered lists); every footnote renders."""
    import markdown

    _, src, _ = _load(seed)
    html = markdown.markdown(src.body, extensions=["footnotes"])
    main = html.split('<div class="footnote">', 1)[0]
    assert "<ol" not in main
    refs = re.findall(r'class="footnote-ref"', main)
    assert len(refs) == len(re.findall(r"^\[\^\w+\]:", src.body, re.M))


def test_weak_provenance_of_004_is_kept() -> None:
    _, _, plan = _load("004_f49c17f0bd443b40")
    assert plan.source_note and "khanhn4-30/01/2024 14:18:45" in plan.source_note


def test_coverage_measure_is_honest() -> None:
    """The measure must notice a dropped paragraph."""
    text = (SEEDS / "000_009aaaf9865286c3.txt").read_text(encoding="utf-8")
    assert coverage(text, text) == 1.0
    assert coverage(text, text[: len(text) // 2]) < MIN_COVERAGE


def report() -> dict[str, float]:  # pragma: no cover - used by hand: python -m tests.test_seed_content
    out = {}
    for stem, rel in PLANS.items():
        seed_text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        out[stem] = coverage(seed_text, (ROOT / "content" / rel).read_text(encoding="utf-8"))
    return out


if __name__ == "__main__":  # pragma: no cover
    for k, v in report().items():
        print(f"{k}: {v:.2%}")
