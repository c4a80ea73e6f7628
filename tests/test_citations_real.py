"""The citation grammar on what real documents print (issue 11): numbers with "&" or a decimal,
ký hiệu printed in capitals, the issuer before the type word, numbers sharing one ký hiệu,
defined short forms, laws named with their number or year or in capitals, and a crawled page's
chrome around the document. Sentences are in the genre's style, not copied from the corpus."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from builder.citations import find_citations
from builder.cli import main
from builder.content.keys import canonical_number

CORPUS = Path(__file__).parent / "data" / "corpus"


def _found(text: str) -> list[tuple[str | None, str]]:
    return [(c.number, c.key) for c in find_citations(text)]


def _keys(text: str) -> list[str]:
    return [c.key for c in find_citations(text)]


def test_offsets_are_exact() -> None:
    text = (
        "Căn cứ các Nghị quyết số 21, 22-NQ/TW của Bộ Chính trị; Quy định số 105-QĐ/TW ngày 19/12/2017 "
        "(sau đây gọi tắt là Quy định 105); LUẬT ĐẤT ĐAI năm 2024; Chỉ thị số 07/CT-TTG ngày 1/3/2025."
    )
    for c in find_citations(text):
        assert text[c.start : c.end] == c.text


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,number",
    [
        ("Thực hiện Kế hoạch số 45/KH-BCĐ&UBND ngày 02/4/2025 của Ban Chỉ đạo tỉnh", "45/KH-BCĐ&UBND"),
        ("theo Quyết định số 12/QĐ-SNV&MT ngày 5/5/2025", "12/QĐ-SNV&MT"),
        ("Căn cứ Nghị quyết số 66.4/2025/NQ-CP ngày 20/8/2025 của Chính phủ", "66.4/2025/NQ-CP"),
    ],
)
def test_ampersand_and_decimal_numbers(text: str, number: str) -> None:
    assert [c.number for c in find_citations(text)] == [number]


@pytest.mark.parametrize(
    "printed,canonical",
    [
        ("32/CT-TTG", "32/CT-TTg"),
        ("06/QĐ-TTG", "06/QĐ-TTg"),
        ("15-CTR/TU", "15-CTr/TU"),
        ("88/TTR-SNV", "88/TTr-SNV"),
        ("12/KH-UBND", "12/KH-UBND"),
    ],
)
def test_capitalised_ky_hieu_gets_its_canonical_case(printed: str, canonical: str) -> None:
    assert canonical_number(printed) == canonical
    (c,) = find_citations(f"TRIỂN KHAI CHỈ THỊ SỐ {printed} NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ")
    assert c.key == canonical and c.number == canonical


def test_capitals_and_normal_case_are_one_document() -> None:
    text = (
        "Thực hiện Chỉ thị số 32/CT-TTG; theo Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ."
    )
    assert set(_keys(text)) == {"32/CT-TTg"}


# -- the issuer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,issuer",
    [
        ("Thực hiện chỉ đạo của Bộ Chính trị tại Thông báo số 99-TB/TW ngày 21/11/2025", "Bộ Chính trị"),
        ("Triển khai ý kiến của Sở Nội vụ tại Công văn số 1234/SNV-CCVC ngày 3/6/2025", "Sở Nội vụ"),
        ("Chính phủ đã ban hành tại các Nghị định số 30/2020/NĐ-CP", "Chính phủ"),
        ("theo hướng dẫn của Ban Bí thư tại Kết luận số 213-KL/TW", "Ban Bí thư"),
    ],
)
def test_issuer_printed_before_the_type_word(text: str, issuer: str) -> None:
    (c,) = find_citations(text)
    assert c.issuer == issuer


def test_the_committee_is_not_the_issuer_of_a_council_resolution() -> None:
    (c,) = find_citations("Thực hiện nhiệm vụ của UBND tỉnh tại Nghị quyết số 15/NQ-HĐND ngày 1/7/2025")
    assert c.issuer is None


def test_issuer_before_applies_to_the_whole_list() -> None:
    cs = find_citations("Chính phủ ban hành tại các Nghị định: số 30/2020/NĐ-CP, số 59/2023/NĐ-CP;")
    assert [c.number for c in cs] == ["30/2020/NĐ-CP", "59/2023/NĐ-CP"]
    assert {c.issuer for c in cs} == {"Chính phủ"}


# -- several numbers, one ký hiệu --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("quán triệt các Nghị quyết số 21, 22-NQ/TW của Bộ Chính trị", ["21-NQ/TW", "22-NQ/TW"]),
        ("theo các Quyết định số 217, 218-QĐ/TW ngày 02/01/2014", ["217-QĐ/TW", "218-QĐ/TW"]),
        ("các Nghị quyết số 57, 59, 66-NQ/TW", ["57-NQ/TW", "59-NQ/TW", "66-NQ/TW"]),
        ("các Kế hoạch số 10 và 11/KH-UBND của UBND tỉnh", ["10/KH-UBND", "11/KH-UBND"]),
    ],
)
def test_coordinated_numbers_are_each_a_citation(text: str, numbers: list[str]) -> None:
    assert [c.number for c in find_citations(text)] == numbers
    for c in find_citations(text):
        assert text[c.start : c.end] == c.text


def test_a_list_of_counts_is_not_a_list_of_numbers() -> None:
    assert _found("tổ chức 21, 22 hội nghị theo Nghị quyết số 22-NQ/TW") == [("22-NQ/TW", "22-NQ/TW")]


# -- short forms -------------------------------------------------------------------------------


def test_defined_short_form_cites_the_document() -> None:
    text = (
        "Thực hiện Quy định số 105-QĐ/TW ngày 19/12/2017 của Bộ Chính trị (sau đây gọi tắt là Quy định 105), "
        "Ban Thường vụ hướng dẫn như sau: theo Quy định 105, việc bổ nhiệm …"
    )
    cs = find_citations(text)
    assert {c.key for c in cs} == {"105-QĐ/TW"}
    assert [text[c.start : c.end] for c in cs][-1] == "Quy định 105"


def test_undefined_short_form_is_not_guessed() -> None:
    assert _keys("theo Quy định 105, việc bổ nhiệm cán bộ") == []


# -- laws ---------------------------------------------------------------------------------------


def test_law_named_with_its_number_is_one_citation() -> None:
    text = "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;"
    (c,) = find_citations(text)
    assert c.number == "72/2025/QH15" and c.type == "Luật"
    assert c.text.startswith("Luật Tổ chức chính quyền địa phương")


def test_law_in_capitals() -> None:
    (c,) = find_citations("CĂN CỨ LUẬT ĐẤT ĐAI NĂM 2024;")
    assert c.key == "luat-dat-dai-2024"


def test_a_law_keeps_the_year_the_text_gives() -> None:
    keys = _keys(
        "Căn cứ Luật Đất đai năm 2013; Luật Đất đai năm 2024; Luật Tổ chức Chính phủ ngày 18/02/2025;"
    )
    assert keys == ["luat-dat-dai-2013", "luat-dat-dai-2024", "luat-to-chuc-chinh-phu-2025"]


def test_type_word_in_a_title_is_not_a_law() -> None:
    assert _keys("Dự thảo Luật sửa đổi đang lấy ý kiến; Luật sư tham gia tư vấn") == []


# -- a crawled page ----------------------------------------------------------------------------


def test_crawled_page_chrome_is_not_the_plan(tmp_path: Path, capsys) -> None:
    """`congkhai citations` on a page saved from a legal-text site: the site's own metadata, the
    related-documents list and the title repeated under the text are not citations of the plan."""
    src = CORPUS / "texts" / "ttg-cd-234-2025-chien-dich-quang-trung.txt"
    assert main(["citations", str(src), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    text = unicodedata.normalize("NFC", src.read_text(encoding="utf-8"))
    assert {c["key"] for c in got} == {"99-TB/TW", "213-KL/TW", "380/NQ-CP"}
    for c in got:
        assert text[c["start"] : c["end"]] == c["text"]
    # the document's own number is printed in the chrome ("Số hiệu: 234/CĐ-TTg") and in the header
    assert "234/CĐ-TTg" in text and not any(c["key"] == "234/CĐ-TTg" for c in got)


def test_every_reported_citation_is_in_the_text_of_every_crawl(capsys) -> None:
    for src in sorted((CORPUS / "texts").glob("*.txt")):
        assert main(["citations", str(src), "--json"]) == 0, src.name
        got = json.loads(capsys.readouterr().out)
        text = unicodedata.normalize("NFC", src.read_text(encoding="utf-8"))
        for c in got:
            assert text[c["start"] : c["end"]] == c["text"], (src.name, c)
            if c["number"]:
                ws = re.sub(r"\s+", "", text[c["start"] : c["end"]]).casefold()
                head = re.split(r"[/-]", c["number"])[0].casefold()
                assert head in ws, (src.name, c)
