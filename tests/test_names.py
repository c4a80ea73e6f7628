"""How plans and documents are named for readers (builder.base.vietnamese, builder.content.names):
one function, used everywhere; laws by name with their number; a plan without a number by its
type, issuer and what it is about, shortened with care."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.base.vietnamese import citation, cited_as_phrase, document_name, report_label, shorten
from builder.content import corpus as corpus_mod
from builder.content.names import names
from tests.factories import MINIMAL_MKDOCS, ROOT, project


@pytest.fixture(scope="module")
def corpus() -> corpus_mod.Corpus:
    return corpus_mod.load(ROOT)


def test_a_plan_without_number_is_named_by_type_issuer_and_subject(corpus: corpus_mod.Corpus) -> None:
    by_path = {r.path.rsplit("/", 1)[1].removesuffix(".md"): names(corpus, r) for r in corpus.plans}
    assert by_path["dan-van-chinh-quyen-6-thang-cuoi-2025-xa-dai-son"].name == (
        "Kế hoạch của UBND xã Đại Sơn về công tác dân vận chính quyền 6 tháng cuối năm 2025"
    )
    hx = by_path["dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan"]
    assert hx.name == (
        "Kế hoạch của UBND phường Hòa Xuân về thực hiện dân chủ ở cơ sở, công tác dân vận chính quyền "
        "06 tháng cuối năm 2025"
    )  # "… trên địa bàn phường Hòa Xuân" repeats the issuer: left out
    assert hx.cited_as == ("được trích dẫn là 16/KH-UBND ngày 21/7/2025",)
    assert by_path["dan-chu-co-so-dan-van-2024-so-xay-dung-da-nang"].name == (
        "Kế hoạch của Sở Xây dựng thành phố Đà Nẵng về thực hiện dân chủ ở cơ sở, công tác dân vận năm 2024"
    )
    all_names = [n.name for n in by_path.values()]
    assert len(set(all_names)) == len(all_names)
    assert not [n for n in all_names if "chưa có số" in n]


def test_laws_are_named_by_name_with_their_sourced_number(corpus: corpus_mod.Corpus) -> None:
    docs = {r.key: r for r in corpus.documents}
    assert names(corpus, docs["luat-tiep-cong-dan"]).name == "Luật Tiếp công dân (số 42/2013/QH13)"
    assert names(corpus, docs["bo-luat-lao-dong"]).label == "Bộ luật Lao động (số 45/2019/QH14)"
    assert names(corpus, docs["47/2024/QH15"]).name == "Luật số 47/2024/QH15"  # no name known
    assert names(corpus, docs["59/2023/NĐ-CP"]).label == "Nghị định 59/2023/NĐ-CP"
    assert (
        names(corpus, docs["luat-tiep-cong-dan"]).citation
        == "Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013"
    )
    assert names(corpus, docs["59/2023/NĐ-CP"]).citation == (
        "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết một số điều của Luật "
        "Thực hiện dân chủ ở cơ sở"
    )


def test_a_law_number_without_a_source_is_not_shown(tmp_path: Path) -> None:
    files = {
        "content/co-quan/quoc-hoi.md": "---\nname: Quốc hội\nlevel: trung-uong\n---\n",
        "content/van-ban/luat-a.md": "---\nkey: luat-a\nnumber: 10/2020/QH14\ntype: Luật\ntitle: Luật Thử\n"
        "issuer: quoc-hoi\nissued: 2020-06-01\n---\n",
    }
    c = corpus_mod.load(
        project(tmp_path / "p", content=None, files=files, mkdocs=MINIMAL_MKDOCS, templates=False)
    )
    n = names(c, c.documents[0])
    assert n.name == "Luật Thử" and n.citation == "Luật Thử"  # number and date unsourced: left out


def test_shortened_names_keep_the_issuer_and_the_period() -> None:
    name = document_name(
        "Kế hoạch",
        None,
        title="Thực hiện quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025",
        issuer="Văn phòng UBND thành phố Cần Thơ",
    )
    short = shorten(name, 70)
    assert short.startswith("Kế hoạch của Văn phòng UBND thành phố Cần Thơ") and short.endswith("… năm 2025")
    assert len(short) <= 70 and "  " not in short
    assert not short.split(" … ")[0].endswith(("về", "của", ","))
    two = {
        shorten(
            document_name(
                "Kế hoạch",
                None,
                title=f"Công tác dân vận chính quyền 6 tháng {h} năm 2025 trên địa bàn xã Đại Sơn",
                issuer="UBND xã Đại Sơn",
            ),
            50,
        )
        for h in ("đầu", "cuối")
    }
    assert len(two) == 2  # what tells two recurring plans apart survives the cut


def test_phrases() -> None:
    assert (
        cited_as_phrase("16/KH-UBND", dt.date(2025, 7, 21)) == "được trích dẫn là 16/KH-UBND ngày 21/7/2025"
    )
    assert citation("Kế hoạch", None, issuer="UBND xã Đại Sơn", title="Triển khai công tác dân vận") == (
        "Kế hoạch của UBND xã Đại Sơn triển khai công tác dân vận"
    )
    assert document_name("Nghị quyết", None, aliases=["Nghị quyết Đại hội XIII của Đảng"]) == (
        "Nghị quyết Đại hội XIII của Đảng"
    )


def test_a_report_without_a_number_is_named_by_its_date_or_subject() -> None:
    """A draft or unnumbered report is still named by what identifies it, never '(chưa có số)'."""
    assert (
        report_label("Báo cáo", "45/BC-UBND", dt.date(2025, 9, 30)) == "Báo cáo số 45/BC-UBND ngày 30/9/2025"
    )
    assert report_label("Báo cáo", None, dt.date(2025, 9, 30)) == "Báo cáo ngày 30/9/2025"
    assert report_label("Báo cáo", None, None, "Kết quả thực hiện công tác dân vận năm 2025") == (
        "Báo cáo về kết quả thực hiện công tác dân vận năm 2025"
    )
