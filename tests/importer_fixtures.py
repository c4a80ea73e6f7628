"""Hand-written TEST FIXTURES shaped like plans from other provinces and agencies.

They are invented for testing the importer (names, numbers and people are fictitious); they are
not real documents. They differ from the seeds on purpose: a full two-column header with quốc
hiệu, a printed number and date, "Căn cứ …" preamble, a KT./PHÓ signature flattened onto the
recipients' lines, a flattened appendix table in one fixture and a tab-separated one in the other.
"""

LAO_CAI = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI                              Độc lập - Tự do - Hạnh phúc

Số: 125/KH-UBND                    Lào Cai, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác cải cách hành chính năm 2025
trên địa bàn tỉnh Lào Cai

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác
văn thư;
Căn cứ Quyết định số 2417/QĐ-UBND ngày 20/12/2024 của UBND tỉnh Lào Cai ban
hành Chương trình công tác năm 2025;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác cải cách hành chính
năm 2025 trên địa bàn tỉnh như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Nâng cao chất lượng giải quyết thủ tục hành chính, lấy người dân và doanh
nghiệp làm trung tâm phục vụ.
b) Cải thiện Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ
quan hành chính nhà nước.
2. Yêu cầu
a) Các sở, ban, ngành và Ủy ban nhân dân các xã, phường triển khai nghiêm túc,
đúng tiến độ các nhiệm vụ được giao.
b) Kết quả thực hiện được đánh giá gắn với thi đua, khen thưởng cuối năm.
II. NHIỆM VỤ TRỌNG TÂM
1. Cải cách thể chế
Rà soát, hệ thống hóa văn bản quy phạm pháp luật do tỉnh ban hành; kịp thời
sửa đổi, bổ sung những quy định không còn phù hợp.
2. Cải cách thủ tục hành chính
Công bố, công khai đầy đủ thủ tục hành chính trên Cổng Dịch vụ công quốc gia;
đẩy mạnh thanh toán trực tuyến phí, lệ phí.
(Chi tiết tại Phụ lục kèm theo)
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ là cơ quan thường trực, theo dõi, đôn đốc, tổng hợp kết quả thực
hiện Kế hoạch, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
2. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường căn cứ Kế hoạch này xây
dựng kế hoạch của cơ quan, đơn vị mình.
Trên đây là Kế hoạch thực hiện công tác cải cách hành chính năm 2025 trên địa
bàn tỉnh Lào Cai./.

Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN
- Bộ Nội vụ;                                       KT. CHỦ TỊCH
- TT Tỉnh ủy, TT HĐND tỉnh;                      PHÓ CHỦ TỊCH
- Chủ tịch, các PCT UBND tỉnh;
- Các sở, ban, ngành;
- UBND các xã, phường;
- Lưu: VT, NC.
                                              Nguyễn Văn Hùng

PHỤ LỤC
DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025
(Kèm theo Kế hoạch số 125/KH-UBND ngày 05/3/2025 của UBND tỉnh Lào Cai)

STT
Nội dung nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
Sản phẩm
1
Rà soát văn bản quy phạm pháp luật
do tỉnh ban hành
Sở Tư pháp
Các sở, ban,
ngành
Quý II/2025
Báo cáo
2
Công khai thủ tục hành chính trên
Cổng Dịch vụ công
Văn phòng UBND tỉnh
Các sở, ngành
Thường xuyên
Danh mục
thủ tục
3
Khảo sát mức độ hài lòng của người
dân, tổ chức
Sở Nội vụ
UBND các xã,
phường
Tháng 10/2025
Báo cáo kết
quả khảo sát
"""

NGHE_AN = """\
SỞ GIÁO DỤC VÀ ĐÀO TẠO
TỈNH NGHỆ AN
Số: 45/KH-SGDĐT\tNghệ An, ngày 12 tháng 02 năm 2025
KẾ HOẠCH
Tổ chức Tháng hành động vì an toàn trường học 6 tháng đầu năm 2025
Thực hiện Chỉ thị số 12/CT-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh Nghệ An về tăng cường bảo đảm an toàn trường học, Sở Giáo dục và Đào tạo xây dựng Kế hoạch tổ chức Tháng hành động vì an toàn trường học như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, giáo viên, học sinh về phòng, chống tai nạn thương tích, đuối nước và bạo lực học đường.
II. NỘI DUNG
1. Tuyên truyền trong nhà trường
a) Cơ quan chủ trì: Phòng Giáo dục Trung học.
b) Cơ quan phối hợp: Các trường trung học phổ thông.
c) Thời hạn hoàn thành: Tháng 3/2025.
2. Kiểm tra cơ sở vật chất
a) Cơ quan chủ trì: Phòng Kế hoạch - Tài chính.
b) Cơ quan phối hợp: Thanh tra Sở.
c) Thời hạn hoàn thành: Quý II/2025.
III. TỔ CHỨC THỰC HIỆN
Các phòng thuộc Sở, các đơn vị trực thuộc triển khai Kế hoạch này, báo cáo kết quả về Sở (qua Văn phòng) trước ngày 30/6/2025./.
Nơi nhận:
- UBND tỉnh (để báo cáo);
- Giám đốc, các PGĐ Sở;
- Các đơn vị trực thuộc;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Thị Mai
"""

# A commune plan extracted as one column (header lines one under the other, rule lines), the title
# on the "KẾ HOẠCH" line, sub-numbering 1.1., a name in capitals with "(Đã ký)", a pipe table.
TAN_HOI = """\
ỦY BAN NHÂN DÂN
XÃ TÂN HỘI
-------
Số: 08/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Tân Hội, ngày 20 tháng 8 năm 2025

KẾ HOẠCH Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025

Thực hiện Hướng dẫn số 15/HD-MTTQ-BTT ngày 01/8/2025 của Ban Thường trực Ủy ban Mặt trận Tổ quốc
Việt Nam tỉnh; Ủy ban nhân dân xã ban hành Kế hoạch tổ chức Ngày hội như sau:

I. MỤC ĐÍCH, YÊU CẦU
1.1. Phát huy truyền thống đoàn kết, tương thân tương ái của Nhân dân trong xã.
1.2. Tổ chức Ngày hội thiết thực, tiết kiệm, an toàn.
II. NỘI DUNG
Ngày hội được tổ chức tại các thôn từ ngày 10/11/2025 đến ngày 18/11/2025.
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị được phân công thực hiện theo Phụ lục kèm theo./.

Nơi nhận:
- Ban Thường trực UBMTTQ xã;
- Các thôn;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
(Đã ký)
NGUYỄN VĂN AN

PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ
| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Họp Ban Tổ chức Ngày hội | Văn phòng HĐND và UBND | Các thôn | Trước 01/11/2025 |
| 2 | Trang trí khánh tiết tại nhà văn hóa thôn | Trung tâm Văn hóa xã | Đoàn Thanh niên | Tháng 11/2025 |
"""
