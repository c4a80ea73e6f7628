"""find and clean: the grammar of DOMAIN.md §1.4 on variants the seeds do not contain.

Each case is a sentence in the style of Vietnamese administrative documents (other provinces,
ministries, Party bodies, every date form, lists, PDF breaks) with the citations a reader sees.
The suite asserts exact offsets and measures recall and precision over all cases (≥ 98 %).
"""

from __future__ import annotations

import unicodedata

import pytest

from builder.citations import Citation, find_citations
from builder.citations.clean import clean

# (sentence, [(type, number, date, issuer), …]); number None = cited by name (key given instead)
CASES: list[tuple[str, list[tuple]]] = [
    (
        "Căn cứ Thông tư số 01/2024/TT-BNV ngày 05/02/2024 của Bộ Nội vụ;",
        [("Thông tư", "01/2024/TT-BNV", "2024-02-05", "Bộ Nội vụ")],
    ),
    (
        "Thực hiện Công văn số 123/UBND-VX ngày 5 tháng 2 năm 2025 của UBND tỉnh Nghệ An về việc báo cáo.",
        [("Công văn", "123/UBND-VX", "2025-02-05", "UBND tỉnh Nghệ An")],
    ),
    (
        "theo Kết luận số 12-KL/TW ngày 06/4/2021 của Bộ Chính trị về công tác dân vận",
        [("Kết luận", "12-KL/TW", "2021-04-06", "Bộ Chính trị")],
    ),
    (
        "thực hiện Nghị quyết số 01/NQ-CP và 02/NQ-CP ngày 05/01/2024 của Chính phủ;",
        [
            ("Nghị quyết", "01/NQ-CP", None, "Chính phủ"),
            ("Nghị quyết", "02/NQ-CP", "2024-01-05", "Chính phủ"),
        ],
    ),
    (
        "Căn cứ Nghị định 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        [("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ")],
    ),
    ("Căn cứ Luật số 72/2025/QH15 của Quốc hội;", [("Luật", "72/2025/QH15", None, "Quốc hội")]),
    (
        "Quyết định số 1234/QĐ-UBND ngày 12/12/2024 của Chủ tịch UBND tỉnh Quảng Ninh phê duyệt đề án",
        [("Quyết định", "1234/QĐ-UBND", "2024-12-12", "Chủ tịch UBND tỉnh Quảng Ninh")],
    ),
    (
        "Chỉ thị số 05/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ về tăng cường kỷ luật",
        [("Chỉ thị", "05/CT-TTg", "2024-02-23", "Thủ tướng Chính phủ")],
    ),
    (
        "Kế hoạch số 45/KH-UBND ngày 10/3/2025 của UBND huyện Bình Chánh; Kế hoạch số 46/KH-UBND ngày 11/3/2025 của UBND huyện Bình Chánh.",
        [
            ("Kế hoạch", "45/KH-UBND", "2025-03-10", "UBND huyện Bình Chánh"),
            ("Kế hoạch", "46/KH-UBND", "2025-03-11", "UBND huyện Bình Chánh"),
        ],
    ),
    (
        "Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức văn bản của Đảng",
        [("Hướng dẫn", "36-HD/VPTW", "2018-04-03", "Văn phòng Trung ương Đảng")],
    ),
    (
        "Quy định số 124-QĐ/TW ngày 02/02/2018 của Ban Bí thư",
        [("Quy định", "124-QĐ/TW", "2018-02-02", "Ban Bí thư")],
    ),
    (
        "Thông tri số 02-TT/TW của Ban Bí thư về lãnh đạo bầu cử",
        [("Thông tri", "02-TT/TW", None, "Ban Bí thư")],
    ),
    (
        "Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng khóa XII",
        [("Nghị quyết", "18-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng")],
    ),
    (
        "Chương trình số 15-CTr/TU ngày 20/5/2021 của Tỉnh ủy Thanh Hóa",
        [("Chương trình", "15-CTr/TU", "2021-05-20", "Tỉnh ủy Thanh Hóa")],
    ),
    (
        "Tờ trình số 88/TTr-SNV ngày 01/6/2025 của Sở Nội vụ",
        [("Tờ trình", "88/TTr-SNV", "2025-06-01", "Sở Nội vụ")],
    ),
    (
        "Báo cáo số 210/BC-UBND ngày 30/6/2025 của UBND xã Tân Phú",
        [("Báo cáo", "210/BC-UBND", "2025-06-30", "UBND xã Tân Phú")],
    ),
    (
        "Thông báo số 15-TB/ĐU ngày 2/8/2025 của Đảng ủy phường Bến Thành",
        [("Thông báo", "15-TB/ĐU", "2025-08-02", "Đảng ủy phường Bến Thành")],
    ),
    (
        "Công điện số 07/CĐ-TTg ngày 28/01/2025 của Thủ tướng Chính phủ",
        [("Công điện", "07/CĐ-TTg", "2025-01-28", "Thủ tướng Chính phủ")],
    ),
    (
        "Thông tư liên tịch số 03/2016/TTLT-BNV-BTC ngày 25/5/2016 của Bộ Nội vụ và Bộ Tài chính",
        [("Thông tư liên tịch", "03/2016/TTLT-BNV-BTC", "2016-05-25", "Bộ Nội vụ và Bộ Tài chính")],
    ),
    (
        "Nghị quyết số 76/2025/UBTVQH15 ngày 14/4/2025 của Ủy ban Thường vụ Quốc hội",
        [("Nghị quyết", "76/2025/UBTVQH15", "2025-04-14", "Ủy ban Thường vụ Quốc hội")],
    ),
    (
        "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh",
        [("Nghị quyết", "202/2025/QH15", "2025-06-12", "Quốc hội")],
    ),
    (
        "Quyết định số 759/QĐ-TTg ngày 14/4/2025 của Thủ tướng Chính phủ phê duyệt Đề án",
        [("Quyết định", "759/QĐ-TTg", "2025-04-14", "Thủ tướng Chính phủ")],
    ),
    (
        "Đề án số 06-ĐA/TU ngày 15/9/2023 của Ban Thường vụ Tỉnh ủy Bình Định",
        [("Đề án", "06-ĐA/TU", "2023-09-15", "Ban Thường vụ Tỉnh ủy Bình Định")],
    ),
    (
        "Phương án số 03/PA-UBND ngày 20/7/2025 của UBND phường Ba Đình",
        [("Phương án", "03/PA-UBND", "2025-07-20", "UBND phường Ba Đình")],
    ),
    (
        "Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học",
        [("Kế hoạch", "02-KH/BCĐTW", "2025-06-19", "Ban Chỉ đạo Trung ương")],
    ),
    (
        "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
        [("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị")],
    ),
    (
        "Quyết định số 99-QĐ/TW ngày 03/10/2017 của Ban Bí thư ban hành Khung hướng dẫn",
        [("Quyết định", "99-QĐ/TW", "2017-10-03", "Ban Bí thư")],
    ),
    (
        "Nghị quyết số 25-NQ/TW ngày 03-6-2013 của Ban Chấp hành Trung ương",
        [("Nghị quyết", "25-NQ/TW", "2013-06-03", "Ban Chấp hành Trung ương")],
    ),
    (
        "Chỉ thị 16-CT/TW ngày 01.02.2017 của Ban Bí thư",
        [("Chỉ thị", "16-CT/TW", "2017-02-01", "Ban Bí thư")],
    ),
    (
        "Quyết định số 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị",
        [
            ("Quyết định", "217-QĐ/TW", None, "Bộ Chính trị"),
            ("Quyết định", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị"),
        ],
    ),
    (
        "các Nghị định số 59/2023/NĐ-CP, 61/2023/NĐ-CP của Chính phủ",
        [
            ("Nghị định", "59/2023/NĐ-CP", None, "Chính phủ"),
            ("Nghị định", "61/2023/NĐ-CP", None, "Chính phủ"),
        ],
    ),
    (
        "Chỉ thị số 01/CT-\n\nUBND ngày 11 tháng 7 năm 2025 của UBND tỉnh Lâm Đồng",
        [("Chỉ thị", "01/CT-UBND", "2025-07-11", "UBND tỉnh Lâm Đồng")],
    ),
    ("Đề án số \n04- ĐA/TU của Thành ủy Huế", [("Đề án", "04-ĐA/TU", None, "Thành ủy Huế")]),
    (
        "Quyết \n\nđịnh số 2870/QĐ- \n\nUBND ngày 28/6/2021",
        [("Quyết định", "2870/QĐ-UBND", "2021-06-28", None)],
    ),
    ("Kết luận số 114- \nKL/TW ngày 14/7/2015", [("Kết luận", "114-KL/TW", "2015-07-14", None)]),
    (
        "Kế hoạch 03/KH-UBND ngày \n16/07/2025 của UBND tỉnh Gia Lai",
        [("Kế hoạch", "03/KH-UBND", "2025-07-16", "UBND tỉnh Gia Lai")],
    ),
    (
        "Nghị định số\u00a059/2023/NĐ\u2013CP của Chính phủ",
        [("Nghị định", "59/2023/NĐ-CP", None, "Chính phủ")],
    ),
    (
        "Quyết định số 12/QĐ-UBND ngày 04 tháng 02 năm 2025 của UBND tỉnh Cà Mau.",
        [("Quyết định", "12/QĐ-UBND", "2025-02-04", "UBND tỉnh Cà Mau")],
    ),
    (
        "Văn bản số 456/SNV-CCVC ngày 9/9/2025 của Sở Nội vụ thành phố Hà Nội",
        [("Văn bản", "456/SNV-CCVC", "2025-09-09", "Sở Nội vụ thành phố Hà Nội")],
    ),
    ("Quy chế số 01/QC-UBND của UBND xã Đông Hòa", [("Quy chế", "01/QC-UBND", None, "UBND xã Đông Hòa")]),
    (
        "Nghị quyết số 12/NQ-HĐND ngày 8/12/2023 của Hội đồng nhân dân tỉnh Long An",
        [("Nghị quyết", "12/NQ-HĐND", "2023-12-08", "Hội đồng nhân dân tỉnh Long An")],
    ),
    (
        "Chỉ thị số 17-CT/TU ngày 9/3/2023 của Ban Thường vụ Tỉnh uỷ Quảng Nam",
        [("Chỉ thị", "17-CT/TU", "2023-03-09", "Ban Thường vụ Tỉnh uỷ Quảng Nam")],
    ),
    (
        "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ; Thông tư số 02/2025/TT-BNV ngày 10/01/2025 của Bộ Nội vụ.",
        [
            ("Quyết định", "1847/QĐ-TTg", "2018-12-27", "Thủ tướng Chính phủ"),
            ("Thông tư", "02/2025/TT-BNV", "2025-01-10", "Bộ Nội vụ"),
        ],
    ),
    (
        "kế hoạch số 77/KH-UBND ngày 1/8/2025 của UBND xã",
        [("Kế hoạch", "77/KH-UBND", "2025-08-01", "UBND xã")],
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        [("Luật", None, "2025-02-19", None, "luat-to-chuc-chinh-quyen-dia-phuong-2025")],
    ),
    (
        "Căn cứ Luật Tiếp cận thông tin; Luật Phòng, chống tham nhũng;",
        [
            ("Luật", None, None, None, "luat-tiep-can-thong-tin"),
            ("Luật", None, None, None, "luat-phong-chong-tham-nhung"),
        ],
    ),
    (
        "thực hiện Bộ luật Lao động và Luật Khiếu nại",
        [("Bộ luật", None, None, None, "bo-luat-lao-dong"), ("Luật", None, None, None, "luat-khieu-nai")],
    ),
    (
        "theo tinh thần Nghị quyết Trung ương 4 (khóa XII)",
        [("Nghị quyết", None, None, None, "nghi-quyet-tw4-khoa-xii")],
    ),
    (
        "Nghị quyết Hội nghị Trung ương 8 khóa XIII về chiến lược bảo vệ Tổ quốc",
        [("Nghị quyết", None, None, None, "nghi-quyet-tw8-khoa-xiii")],
    ),
    (
        "quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        [("Nghị quyết", None, None, None, "nghi-quyet-dai-hoi-xiv")],
    ),
    (
        "Nghị quyết số 26-NQ/TW ngày 19/5/2018 của Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII; "
        "Quy định số 96-QĐ/TW ngày 02/02/2023 và Quy định số 114-QĐ/TW ngày 11/7/2023 của Bộ Chính trị",
        [
            ("Nghị quyết", "26-NQ/TW", "2018-05-19", "Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng"),
            ("Quy định", "96-QĐ/TW", "2023-02-02", "Bộ Chính trị"),
            ("Quy định", "114-QĐ/TW", "2023-07-11", "Bộ Chính trị"),
        ],
    ),
    (
        "Nghị định số 59/2023/NĐ-CP, Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ",
        [("Nghị định", "59/2023/NĐ-CP", None, None), ("Chỉ thị", "33/CT-TTg", None, "Thủ tướng Chính phủ")],
    ),
    (
        "thay thế Quyết định số 1120/QĐ-UBND ngày 10/5/2019 của Chủ tịch UBND tỉnh Khánh Hòa\n\nĐiều 2. Chánh Văn phòng",
        [("Quyết định", "1120/QĐ-UBND", "2019-05-10", "Chủ tịch UBND tỉnh Khánh Hòa")],
    ),
    ("Luật Dân chủ ở cơ sở", [("Luật", None, None, None, "luat-thuc-hien-dan-chu-o-co-so")]),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
        "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        [
            ("Luật", None, "2015-06-19", None, "luat-to-chuc-chinh-quyen-dia-phuong-2015"),
            (
                "Luật",
                None,
                "2019-11-22",
                None,
                "luat-sua-doi-bo-sung-luat-to-chuc-chinh-phu-va-luat-to-chuc-chinh-quyen-dia-phuong",
            ),
        ],
    ),
    (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013; theo Điều lệ Đảng",
        [("Hiến pháp", None, None, None, "hien-phap-2013"), ("Điều lệ", None, None, None, "dieu-le-dang")],
    ),
    (
        "Nghị quyết Đại hội XIII của Đảng; Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
        [("Nghị quyết", None, None, None, "nghi-quyet-dai-hoi-xiii")],
    ),
    (
        "Thông báo kết luận số 35-TB/TW của Bộ Chính trị",
        [("Thông báo kết luận", "35-TB/TW", None, "Bộ Chính trị")],
    ),
    (
        "Lệnh số 05/2025/L-CTN ngày 25/6/2025 của Chủ tịch nước công bố Luật",
        [("Lệnh", "05/2025/L-CTN", "2025-06-25", "Chủ tịch nước")],
    ),
    (
        "Pháp lệnh số 02/2022/UBTVQH15 của Ủy ban Thường vụ Quốc hội",
        [("Pháp lệnh", "02/2022/UBTVQH15", None, "Ủy ban Thường vụ Quốc hội")],
    ),
    (
        "Kế hoạch số 09/KH-UBND. Các nội dung khác thực hiện theo Kế hoạch số 09/KH-UBND.",
        [("Kế hoạch", "09/KH-UBND", None, None), ("Kế hoạch", "09/KH-UBND", None, None)],
    ),
    (
        "Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN ngày 17/4/2008",
        [("Nghị quyết liên tịch", "09/2008/NQLT-CP-UBTWMTTQVN", "2008-04-17", None)],
    ),
    (
        "Văn bản hợp nhất số 15/VBHN-BNV ngày 20/10/2023 của Bộ Nội vụ",
        [("Văn bản hợp nhất", "15/VBHN-BNV", "2023-10-20", "Bộ Nội vụ")],
    ),
    (
        "Dự án số 02/DA-UBND; Biên bản số 05/BB-UBND của UBND phường An Khánh",
        [("Dự án", "02/DA-UBND", None, None), ("Biên bản", "05/BB-UBND", None, "UBND phường An Khánh")],
    ),
    (
        "thực hiện nghiêm 1659/NQ-UBTVQH15 về sắp xếp đơn vị hành chính",
        [("Nghị quyết", "1659/NQ-UBTVQH15", None, None)],
    ),
    (
        "Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024; Luật Đất đai và các văn bản hướng dẫn",
        [("Luật", None, "2024-06-28", None, "luat-thu-do-2024"), ("Luật", None, None, None, "luat-dat-dai")],
    ),
    ("Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015", [("Bộ luật", "91/2015/QH13", "2015-11-24", None)]),
    (
        "Thông tư số 05/2024/TT-BGDĐT của Bộ Giáo dục và Đào tạo về đánh giá học sinh",
        [("Thông tư", "05/2024/TT-BGDĐT", None, "Bộ Giáo dục và Đào tạo")],
    ),
    (
        "Quyết định số 12/QĐ-SVHTTDL của Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ về việc khen thưởng",
        [("Quyết định", "12/QĐ-SVHTTDL", None, "Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ")],
    ),
    (
        "Hướng dẫn số 05-HD/BTGDVTU ngày 3/3/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy Tây Ninh",
        [("Hướng dẫn", "05-HD/BTGDVTU", "2025-03-03", "Ban Tuyên giáo và Dân vận Tỉnh ủy Tây Ninh")],
    ),
    (
        "Kế hoạch số 14-KH/TU của Ban Tổ chức Tỉnh ủy; Quyết định số 2/QĐ-SXD của Sở Xây dựng thực hiện",
        [
            ("Kế hoạch", "14-KH/TU", None, "Ban Tổ chức Tỉnh ủy"),
            ("Quyết định", "2/QĐ-SXD", None, "Sở Xây dựng"),
        ],
    ),
    (
        "Chương trình số 07/CTr-UBND của UBND thành phố1 về chuyển đổi số",
        [("Chương trình", "07/CTr-UBND", None, "UBND thành phố")],
    ),
    (
        "Công văn số 321/UBND ngày 4/4/2025 của UBND xã Tân Hòa",
        [("Công văn", "321/UBND", "2025-04-04", "UBND xã Tân Hòa")],
    ),
    (
        "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về Chiến lược bảo vệ Tổ quốc",
        [("Nghị quyết", None, None, None, "nghi-quyet-tw8-khoa-xiii")],
    ),
    (
        "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ Quy định chi tiết một số điều",
        [("Nghị định", "59/2023/NĐ-CP", "2023-08-14", "Chính phủ")],
    ),
    (
        "UBND XÃ AN PHÚ\nSố: 12/KH-UBND\nKẾ HOẠCH\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 3/9/2025)\n"
        "Thực hiện Kế hoạch số 30/KH-UBND ngày 19/02/2025 của UBND tỉnh An Giang",
        [("Kế hoạch", "30/KH-UBND", "2025-02-19", "UBND tỉnh An Giang")],
    ),
]
# Sentences with no citation at all (DOMAIN.md "Not citations", blanks, dates, phone numbers…).
NEGATIVES = [
    "Kế hoạch này được phổ biến đến toàn thể cán bộ.",
    "các Nghị quyết, Quyết định, Chỉ thị của TW, của Thành ủy, UBND thành phố",
    "theo quy định của Luật và các văn bản hướng dẫn thi hành Luật này",
    "Số: /KH-UBND",
    "Kế hoạch số          /KH-UBND ngày    tháng    năm 2025",
    "Hòa Xuân, ngày 21 tháng 7 năm 2025",
    "Đường dây nóng 1022, hotline 0236.1022; báo cáo trước ngày 15/12/2025.",
    "Tháng 9-11/2025; Quý III, IV/2025; 6 tháng cuối năm 2025",
    "tỷ lệ 95/100 hồ sơ đúng hạn; 24/7 trực tuyến",
    "Xem `Quyết định số 12/QĐ-UBND` trong ví dụ mã.",
    "phong trào thi đua “Dân vận khéo” và Cổng Góp ý thành phố (Gopy.danang.gov.vn)",
    "Nghị quyết của Đảng ủy về xây dựng nông thôn mới",
    "Lưu: VT, VHXH.",
    "Số 127-QĐ/TW",
    "theo quy định của pháp luật hiện hành",
    "hoạt động theo Hiến pháp và pháp luật; Luật sư, luật pháp",
    "báo cáo theo Mẫu số 01/BC-UBND; xem https://vbpl.vn/van-ban/12-KH/TU-59/2023/ND-CP",
]


def _norm(c: Citation) -> tuple:
    return (c.type.casefold() if c.type else None, c.number, c.date)


def _measure(cases=CASES, negatives=NEGATIVES) -> tuple[float, float, list]:
    tp = fn = fp = 0
    misses = []
    for text, want in [*cases, *[(n, []) for n in negatives]]:
        got = find_citations(text, markdown="`" in text)
        got_set = [(_norm(c), c.key) for c in got]
        for w in want:
            t, num, date, issuer = w[:4]
            key = w[4] if len(w) > 4 else num
            hit = next(
                (
                    g
                    for g in got
                    if _norm(g) == (t.casefold(), num, date)
                    and g.key == key
                    and (issuer is None or g.issuer == issuer)
                ),
                None,
            )
            if hit is not None:
                tp += 1
                got.remove(hit)
            else:
                fn += 1
                misses.append(("missed", text, w, got_set))
        fp += len(got)
        misses += [("extra", text, (g.type, g.number, g.key)) for g in got]
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    return recall, precision, misses


def test_variants_recall_and_precision() -> None:
    recall, precision, misses = _measure()
    print(f"variants: recall {recall:.3f}, precision {precision:.3f}")
    assert recall >= 0.98 and precision >= 0.98, misses


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_citations(text: str) -> None:
    assert find_citations(text, markdown="`" in text) == []


@pytest.mark.parametrize("text,want", CASES[:12])
def test_each_variant_exactly(text: str, want: list) -> None:
    got = find_citations(text)
    assert [(c.type, c.number, c.date, c.issuer) for c in got] == [tuple(w[:4]) for w in want]


def test_offsets_are_exact_everywhere() -> None:
    for text, _ in CASES:
        for c in find_citations(text):
            assert text[c.start : c.end] == c.text
            assert c.line == text.count("\n", 0, c.start) + 1


def test_offsets_on_seeds(root) -> None:
    from tests.conftest import SEEDS

    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        cits = find_citations(text)
        assert cits
        for c in cits:
            assert text[c.start : c.end] == c.text


def test_issuer_resumes_after_footnote_bodies_inserted_by_pdf_extraction() -> None:
    text = (
        "Nghị quyết số 100/NQ-HĐND của HĐND\n\n<sup>1</sup> Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ"
        "\n\nthành phố sâu rộng đến toàn thể công chức."
    )
    first = find_citations(text)[0]
    assert (first.issuer, first.text) == ("HĐND thành phố", "Nghị quyết số 100/NQ-HĐND của HĐND")


def test_clean_keeps_length_and_undoes_artefacts() -> None:
    text = "Đề án số 04-\n\nĐA/TU, 2870/QĐ- UBND, 57\u2013NQ/TW,\u00a0<sup>1</sup> Thành uỷ"
    c = clean(text)
    assert len(c) == len(text)
    assert "57-NQ/TW" in c and "\u00a0" not in c and "<sup>" not in c


def test_nfd_input_gives_nfc_offsets() -> None:
    nfc = "Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ"
    nfd = unicodedata.normalize("NFD", nfc)
    (c,) = find_citations(nfd)
    assert c.text == nfc[c.start : c.end] and c.issuer == "Thủ tướng Chính phủ"


def test_markdown_skips_code_links_and_front_matter() -> None:
    md = (
        "---\ntitle: Kế hoạch số 01/KH-UBND\n---\n\n"
        "Xem [Nghị định số 59/2023/NĐ-CP](../van-ban/x.md) và `Quyết định số 1/QĐ-UBND`.\n\n"
        "```\nChỉ thị số 05/CT-TTg\n```\n\n"
        "Thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ[^1].\n\n"
        "[^1]: Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n"
    )
    got = find_citations(md, markdown=True)
    assert [(c.number, c.date) for c in got] == [("33/CT-TTg", None), ("33/CT-TTg", "2021-11-26")]
    assert all(md[c.start : c.end] == c.text for c in got)


def test_generated_benchmark_corpus_is_found_whole() -> None:
    from builder.citations.bench import generate, throughput

    text = generate(min_bytes=60_000)
    cits = find_citations(text)
    paragraphs = text.count("Thực hiện ")
    assert len(cits) >= 2 * paragraphs  # every generated paragraph cites at least two documents
    assert all(text[c.start : c.end] == c.text for c in cits)
    assert not [c for c in cits if c.number and ("\n" in c.number or " " in c.number)]
    assert throughput(text) > 0


def _generated_cases(seed: int, count: int) -> list[tuple[str, tuple]]:
    """Citations composed from DOMAIN.md §1.1–1.4: three number families, every type code, every date
    form, issuers of all levels, optional "số"/comma, and PDF breaks inside numbers and phrases."""
    import random

    rnd = random.Random(seed)
    types = {
        "NQ": ["Nghị quyết"],
        "QĐ": ["Quyết định", "Quy định"],
        "CT": ["Chỉ thị"],
        "KH": ["Kế hoạch"],
        "TB": ["Thông báo"],
        "HD": ["Hướng dẫn"],
        "KL": ["Kết luận"],
        "ĐA": ["Đề án"],
        "CTr": ["Chương trình"],
        "BC": ["Báo cáo"],
        "TTr": ["Tờ trình"],
    }
    admin = [
        (
            "UBND",
            [
                "UBND tỉnh Nghệ An",
                "Ủy ban nhân dân thành phố Hà Nội",
                "UBND xã Tân Phú",
                "Chủ tịch UBND tỉnh Lâm Đồng",
            ],
        ),
        ("HĐND", ["Hội đồng nhân dân thành phố Cần Thơ"]),
        ("BNV", ["Bộ Nội vụ"]),
        ("TTg", ["Thủ tướng Chính phủ"]),
        ("CP", ["Chính phủ"]),
        ("SNV", ["Sở Nội vụ tỉnh Đồng Nai"]),
        ("BGDĐT", ["Bộ Giáo dục và Đào tạo"]),
    ]
    party = [
        ("TW", ["Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng"]),
        ("TU", ["Ban Thường vụ Tỉnh ủy Quảng Trị", "Thành ủy Huế"]),
        ("ĐU", ["Đảng ủy xã Hòa Vang"]),
    ]
    out = []
    for _ in range(count):
        fam, y, n = rnd.choice(["admin", "qppl", "party"]), rnd.randint(2010, 2025), rnd.randint(1, 4999)
        if fam == "qppl":
            code, typ = rnd.choice([("NĐ", "Nghị định"), ("TT", "Thông tư"), ("QĐ", "Quyết định")])
            icode, names = rnd.choice(admin)
            number = f"{n % 200}/{y}/{code}-{icode}"
        else:
            code = rnd.choice(list(types))
            typ = rnd.choice(types[code])
            icode, names = rnd.choice(party if fam == "party" else admin)
            number = f"{n % 300}-{code}/{icode}" if fam == "party" else f"{n}/{code}-{icode}"
        printed = number.replace("-", "- \n\n", 1) if rnd.random() < 0.2 else number
        d, m = rnd.randint(1, 28), rnd.randint(1, 12)
        dtext = rnd.choice(
            [
                f"ngày {d}/{m}/{y}",
                f"ngày {d:02d}/{m:02d}/{y}",
                f"ngày {d:02d} tháng {m:02d} năm {y}",
                f"ngày {d}-{m}-{y}",
            ]
        )
        issuer = rnd.choice(names) if rnd.random() < 0.85 else None
        dated = rnd.random() < 0.8
        text = (
            rnd.choice(["Thực hiện ", "Căn cứ ", "theo ", "- "])
            + f"{typ} {rnd.choice(['số ', '', 'số: '])}{printed}"
            + (f"{rnd.choice(['', ','])} {dtext}" if dated else "")
            + (f" của {issuer}" if issuer else "")
            + rnd.choice([" về việc tăng cường công tác dân vận;", " ban hành quy chế làm việc.", "; ", ". "])
        )
        out.append((text, [(typ, number, f"{y}-{m:02d}-{d:02d}" if dated else None, issuer)]))
    return out


def test_generated_variants_recall_and_precision() -> None:
    cases = _generated_cases(seed=7, count=400)
    recall, precision, misses = _measure(cases, negatives=[])
    exact = sum(
        1
        for text, want in cases
        if [(c.type, c.number, c.date, c.issuer) for c in find_citations(text)] == want
    )
    print(f"generated: recall {recall:.3f}, precision {precision:.3f}, exact {exact}/{len(cases)}")
    assert recall >= 0.98 and precision >= 0.98, misses[:5]
    assert exact == len(cases)
