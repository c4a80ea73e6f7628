"""The issuer is correct or honestly unknown (issue 11, item 3), and the header, signature and
recipients come out whatever the markup (items 2 and 4). Documents in the genre's layout
(NĐ 30/2020, HD 36-HD/VPTW), written for these tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from builder.cli import main


def _imp(project: Path, text: str, name: str = "moi", *extra: str) -> tuple[dict, str, Path]:
    src = project / f"{name}.txt"
    src.write_text(text, encoding="utf-8")
    out = project / "content" / "ke-hoach" / "2025" / f"{name}.md"
    assert main(["import", str(src), "-o", str(out), *extra]) == 0
    return (
        yaml.safe_load(out.read_text(encoding="utf-8").split("---\n", 2)[1]),
        out.read_text(encoding="utf-8"),
        out,
    )


DEFAULT_BODY = "I. MỤC ĐÍCH\nNâng cao nhận thức pháp luật của Nhân dân."


def _plan(
    header: str, place_date: str, signature: str, body: str = DEFAULT_BODY, number: str = "Số: 15/KH-UBND"
) -> str:
    return (
        f"{header}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{number}\n{place_date}\n\n"
        "KẾ HOẠCH\nTổ chức tuyên truyền pháp luật năm 2025\n\n"
        f"{body}\n\n{signature}\n"
    )


SIG = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An"


def test_a_registered_agency_of_another_province_is_never_used(project: Path, capsys) -> None:
    """'UBND xã Tân Hội' exists in three provinces; the registry has the one of Tây Ninh. A plan of
    Lâm Đồng's Tân Hội must not be filed under it — not even through its proposed id."""
    agency = project / "content" / "co-quan" / "ubnd-xa-tan-hoi.md"
    agency.write_text(
        '---\nname: "Ủy ban nhân dân xã Tân Hội"\nshort_name: "UBND xã Tân Hội"\nlevel: xa\nlocality: "25525"\n---\n',
        encoding="utf-8",
    )
    before = agency.read_bytes()
    body = "Thực hiện Kế hoạch số 20/KH-UBND ngày 02/3/2025 của UBND tỉnh Lâm Đồng;\n\nI. MỤC ĐÍCH\nNâng cao."
    fm, _, _ = _imp(
        project, _plan("ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI", "Tân Hội, ngày 05 tháng 3 năm 2025", SIG, body)
    )
    err = capsys.readouterr().err
    assert fm["issuer"] != "ubnd-xa-tan-hoi"
    assert agency.read_bytes() == before
    if fm["issuer"] == "chua-xac-dinh":
        assert "CHƯA XÁC ĐỊNH" in err
    else:  # a new agency with Lâm Đồng's Tân Hội
        stub = (project / "content" / "co-quan" / f"{fm['issuer']}.md").read_text(encoding="utf-8")
        assert 'locality: "24976"' in stub


def test_the_same_province_and_commune_is_matched(project: Path) -> None:
    agency = project / "content" / "co-quan" / "ubnd-xa-tan-hoi-lam-dong.md"
    agency.write_text(
        '---\nname: "Ủy ban nhân dân xã Tân Hội"\nshort_name: "UBND xã Tân Hội"\nlevel: xa\nlocality: "24976"\n---\n',
        encoding="utf-8",
    )
    body = "Thực hiện Kế hoạch số 20/KH-UBND ngày 02/3/2025 của UBND tỉnh Lâm Đồng;\n\nI. MỤC ĐÍCH\nNâng cao."
    fm, _, _ = _imp(
        project, _plan("ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI", "Tân Hội, ngày 05 tháng 3 năm 2025", SIG, body)
    )
    assert fm["issuer"] == "ubnd-xa-tan-hoi-lam-dong"


def test_an_abolished_province_is_matched_in_its_time_only(project: Path, capsys) -> None:
    """The registry keeps UBND tỉnh Hải Dương until 30/6/2025 (legacy_locality)."""
    header = "ỦY BAN NHÂN\nDÂN TỈNH HẢI DƯƠNG"
    fm, _, _ = _imp(project, _plan(header, "*Hải Dương, ngày\n5 tháng 3 năm 2025*", SIG), "truoc")
    assert (
        fm["issuer"] == "ubnd-tinh-hai-duong"
        and fm["place"] == "Hải Dương"
        and str(fm["issued"]) == "2025-03-05"
    )
    fm, _, _ = _imp(project, _plan(header, "Hải Dương, ngày 5 tháng 8 năm 2025", SIG), "sau")
    assert fm["issuer"] != "ubnd-tinh-hai-duong"


def test_front_body_is_named_with_its_parent(project: Path) -> None:
    header = "ỦY BAN MẶT TRẬN TỔ QUỐC\nVIỆT NAM XÃ TÂN HỘI\nBAN THƯỜNG TRỰC"
    sig = "Nơi nhận:\n- Đảng ủy xã;\n- Lưu: VT.\nTM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nNguyễn Thị Hoa"
    body = "Thực hiện Hướng dẫn số 12/HD-MTTQ-BTT của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lâm Đồng;\n\nI. MỤC ĐÍCH\nĐoàn kết."
    fm, _, _ = _imp(
        project, _plan(header, "Tân Hội, ngày 05 tháng 3 năm 2025", sig, body, "Số: 15/KH-MTTQ-BTT")
    )
    stub = (project / "content" / "co-quan" / f"{fm['issuer']}.md").read_text(encoding="utf-8")
    assert 'name: "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hội"' in stub
    assert 'locality: "24976"' in stub


def test_party_body_is_named_with_its_committee(project: Path) -> None:
    header = "TỈNH ỦY LÂM ĐỒNG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nĐẢNG CỘNG SẢN VIỆT NAM"
    text = (
        f"{header}\nSố 15-KH/BTGDVTU\nLâm Đồng, ngày 12 tháng 9 năm 2025\n\nKẾ HOẠCH\nTuyên truyền năm 2025\n\n"
        "1. Các chi bộ chủ trì, phối hợp với Văn phòng tổ chức tuyên truyền.\n\n"
        "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu Văn phòng.\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLê Thị Mai\n"
    )
    fm, _, _ = _imp(project, text)
    assert fm["number"] == "15-KH/BTGDVTU"
    assert fm["signer"] == {"name": "Lê Thị Mai", "position": "PHÓ TRƯỞNG BAN", "authority": "K/T TRƯỞNG BAN"}
    stub = (project / "content" / "co-quan" / f"{fm['issuer']}.md").read_text(encoding="utf-8")
    assert 'name: "Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Đồng"' in stub and 'locality: "68"' in stub


def test_recipients_and_authority_in_any_markup(project: Path) -> None:
    sig = (
        "__Nơi nhận:__\n- Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh\n(để báo cáo);\n- Các sở, ngành:\n"
        "+ Sở Nội vụ;\n+ Sở Tư pháp;\n- Lưu: VT.\n**TM. ỦY BAN NHÂN**\n**DÂN**\n**CHỦ TỊCH**\n**Nguyễn Văn An**"
    )
    fm, _, _ = _imp(
        project, _plan("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Lâm Đồng, ngày 05 tháng 3 năm 2025", sig)
    )
    assert fm["recipients"] == [
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh (để báo cáo)",
        "Các sở, ngành: Sở Nội vụ; Sở Tư pháp",
        "Lưu: VT",
    ]
    assert fm["signer"] == {
        "name": "Nguyễn Văn An",
        "position": "CHỦ TỊCH",
        "authority": "TM. ỦY BAN NHÂN DÂN",
    }


def test_blank_date_and_unreadable_date_are_told_apart(project: Path, capsys) -> None:
    fm, _, _ = _imp(
        project,
        _plan(
            "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
            "Lâm Đồng, ngày     tháng 3 năm 2025",
            SIG,
            number="Số:    /KH-UBND",
        ),
        "trong",
    )
    err = capsys.readouterr().err
    assert "issued" not in fm and "number" not in fm and fm["status"] == "du-thao"
    assert "để trống" in err and "không đọc được" not in err
    fm, _, _ = _imp(
        project, _plan("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Lâm Đồng, ngày 31 tháng 02 năm 2025", SIG), "sai"
    )
    err = capsys.readouterr().err
    assert "issued" not in fm
    assert "không đọc được" in err and "để trống" not in err.split("Ngày ban hành", 1)[-1].split("\n")[0]


def test_capitalised_ky_hieu_in_the_header_and_the_title(project: Path) -> None:
    text = _plan(
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Hà Nội, ngày 05 tháng 3 năm 2025",
        "THỦ TƯỚNG\nPhạm Minh Chính",
        number="Số: 08/CT-TTG",
    ).replace("KẾ HOẠCH\nTổ chức tuyên truyền pháp luật năm 2025", "CHỈ THỊ\nVề tăng cường kỷ luật")
    fm, _, _ = _imp(project, text)
    assert fm["number"] == "08/CT-TTg" and fm["issuer"] == "thu-tuong-chinh-phu"


def test_site_chrome_number_is_not_the_basis(project: Path) -> None:
    """A page saved from a legal-text site repeats the plan's own number in its metadata table."""
    chrome = (
        "Đang tải văn bản...\n| Số hiệu: | 15/KH-UBND | Loại văn bản: | Kế hoạch |\n"
        "| Nơi ban hành: | Tỉnh Lâm Đồng | Người ký: | Nguyễn Văn An |\n"
        "| Ngày ban hành: | 05/03/2025 | Ngày hiệu lực: | Đã biết |\n\n"
    )
    body = "Căn cứ Kế hoạch số 15/KH-UBND ngày 05/3/2025;\nThực hiện Chỉ thị số 08/CT-TTg;\n\nI. MỤC ĐÍCH\nNâng cao."
    fm, _, _ = _imp(
        project,
        chrome + _plan("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Lâm Đồng, ngày 05 tháng 3 năm 2025", SIG, body),
    )
    assert fm["number"] == "15/KH-UBND"
    assert [b["ref"] for b in fm.get("basis", [])] == ["08/CT-TTg"]


def test_the_document_the_title_carries_out_is_a_basis(project: Path) -> None:
    text = _plan("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Lâm Đồng, ngày 05 tháng 3 năm 2025", SIG).replace(
        "Tổ chức tuyên truyền pháp luật năm 2025",
        "Triển khai Chỉ thị số 08/CT-TTG ngày 23/02/2025 của Thủ tướng Chính phủ",
    )
    fm, _, _ = _imp(project, text)
    assert fm["basis"] == [{"ref": "08/CT-TTg", "relation": "thuc-hien"}]
